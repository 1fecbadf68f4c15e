import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rememberStepMatches, workerPreload } from './runner.ts';

/** A step definition as cucumber keeps it: an expression whose match() gives the arguments or null. */
function definition(pattern: RegExp, calls: string[]) {
  return {
    expression: {
      match(text: string) {
        calls.push(`${pattern.source} ${text}`);
        const m = pattern.exec(text);
        return m ? m.slice(1).map((value) => ({ value })) : null;
      },
    },
  };
}

describe('remembered step matches (runInMemory, issue 21)', () => {
  it('answers as each expression does, asking each once per step text', () => {
    const calls: string[] = [];
    const defs = [definition(/^the card answers (\w+)$/, calls), definition(/^the card answers 9000$/, calls), definition(/^a PIN of (\d+)$/, calls)];
    const plain = defs.map((d) => ['the card answers 9000', 'the card answers 6A82', 'a PIN of 123456', 'nothing'].map((t) => d.expression.match(t)));
    calls.length = 0;
    const support = { stepDefinitions: defs } as unknown as ISupportCodeLibrary;
    expect(rememberStepMatches(support)).toBe(support);
    rememberStepMatches(support); // a second call wraps nothing again
    for (let run = 0; run < 3; run++) {
      const remembered = defs.map((d) => ['the card answers 9000', 'the card answers 6A82', 'a PIN of 123456', 'nothing'].map((t) => d.expression.match(t)));
      expect(remembered).toEqual(plain);
    }
    // 4 texts × 3 definitions, each asked once in all three runs.
    expect(calls).toHaveLength(12);
    expect(new Set(calls).size).toBe(12);
  });
});

describe("cucumber workers' preload (one worker per reader)", () => {
  it('names a module that exists, compiled (build/js, made by the tests global setup) and through tsx', () => {
    for (const compiled of [true, false]) {
      const args = workerPreload(compiled);
      const module = args.at(-1) as string;
      expect(existsSync(fileURLToPath(module)), module).toBe(true);
      expect(args.includes('tsx')).toBe(!compiled);
    }
  });
});
