/**
 * The rule "no raw status-word literals outside src/apdu/sw.ts" (issue 16): src/ and steps/ name their
 * status words (SW, SW1, triesLeft, verificationFailed, wrongLe, swOfHex), so a search for a status word
 * finds every place it is judged. Tests (*.test.ts) keep literal vectors.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const TABLE = 'src/apdu/sw.ts';

/** What a raw status word looks like in code: 9000/6xxx/90xx–94xx literals, SW1 comparisons, 63Cx masks, '9000' strings. */
const RULES: ReadonlyArray<[string, RegExp]> = [
  ['status word literal', /\b0x(?:9000|6[0-9a-f]{3}|9[0-4][0-9a-f]{2})\b/i],
  ['SW1 compared with a literal', /(?:>>\s*8\)?|\bsw1)\s*[!=]==?\s*0x[69][0-9a-f]\b/i],
  ['63Cx by a literal nibble', />>\s*4\)?\s*[!=]==?\s*0x63c\b/i],
  ['SW1 literal given to expectSw1', /expectSw1\([^,]+,\s*0x[69][0-9a-f]\b/i],
  ['status word as a string', /['"`](?:9000|6[1-9a-f][0-9a-f]{2}|9[0-4]0[0-9a-f])['"`]/i],
];

/** The code of a line: without // comments and JSDoc/block comment lines. */
const codeOf = (line: string): string => line.replace(/\/\/.*$/, '').replace(/^\s*(?:\/\*\*?|\*).*$/, '');

export function rawStatusWords(text: string): Array<{ line: number; rule: string; text: string }> {
  const out: Array<{ line: number; rule: string; text: string }> = [];
  text.split('\n').forEach((l, i) => {
    const code = codeOf(l);
    for (const [rule, re] of RULES) if (re.test(code)) out.push({ line: i + 1, rule, text: l.trim() });
  });
  return out;
}

function* sources(dir: string): Generator<string> {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) yield p;
  }
}

describe('status words are named (src/apdu/sw.ts)', () => {
  it('the rule finds each form of a raw status word, and not a named one', () => {
    expect(rawStatusWords('if (r.sw === 0x9000) x();')).toHaveLength(1);
    expect(rawStatusWords('if (r.sw >> 8 === 0x61) x();')[0]?.rule).toBe('SW1 compared with a literal');
    expect(rawStatusWords('if (sw >> 4 !== 0x63c) x();')).toHaveLength(1);
    expect(rawStatusWords("expectSw1(sw, 0x6c, 'x');")).toHaveLength(1);
    expect(rawStatusWords("e.response.endsWith('9000')")).toHaveLength(1);
    expect(rawStatusWords('expectSw(r.sw, 0x6a82);')).toHaveLength(1);
    expect(rawStatusWords('if (r.sw === SW.NO_ERROR) x(); // 9000, 0x9000 in a comment')).toHaveLength(0);
    expect(rawStatusWords("const tag = '9F36'; const b = 0x6f; const fid = 0x3f00;")).toHaveLength(0);
  });

  it('src/ and steps/ have none outside the table', () => {
    const found: string[] = [];
    for (const root of ['src', 'steps']) {
      for (const f of sources(join(ROOT, root))) {
        const rel = relative(ROOT, f);
        if (rel === TABLE) continue;
        for (const v of rawStatusWords(readFileSync(f, 'utf8'))) found.push(`${rel}:${v.line} ${v.rule}: ${v.text}`);
      }
    }
    expect(found).toEqual([]);
  });
});
