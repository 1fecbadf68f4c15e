import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { againOf, draw, keyOf, snippetOf, wilson } from '../../scripts/mutation.mjs';
import { MUTATION_RUNS, MutationSuite } from './mutation-suite.ts';

const root = join(import.meta.dirname, '../..');

describe('npm run mutation', () => {
  it('draws the same sample for the same seed, another for another seed', () => {
    const list = Array.from({ length: 1000 }, (_, i) => i);
    const a = draw(list, 50, 'issue15');
    expect(draw(list, 50, 'issue15')).toEqual(a);
    expect(new Set(a).size).toBe(50);
    expect(draw(list, 50, 'other')).not.toEqual(a);
  });

  it('gives the 95 % Wilson interval of a sampled score', () => {
    const [lo, hi] = wilson(90, 100);
    expect(lo).toBeCloseTo(0.8256, 3);
    expect(hi).toBeCloseTo(0.9448, 3);
  });

  it('keys an equivalent mutant by file, mutator and snippets, not by line', () => {
    const text = 'a\n  if (x > 0) f();\n';
    const loc = { start: { line: 1, column: 6 }, end: { line: 1, column: 11 } };
    expect(snippetOf(text, loc)).toBe('x > 0');
    const k = keyOf({ file: 'f.ts', mutator: 'EqualityOperator', original: 'x  >  0', replacement: 'x >= 0' });
    expect(k).toBe(keyOf({ file: 'f.ts', mutator: 'EqualityOperator', original: 'x > 0', replacement: 'x >= 0' }));
  });

  it('mutation/equivalent.json: every entry has a one-line reason, none twice', () => {
    const list = JSON.parse(readFileSync(join(root, 'mutation/equivalent.json'), 'utf8')).equivalent as Array<Record<string, string>>;
    for (const e of list) {
      expect(e.file && e.mutator && e.reason, JSON.stringify(e)).toBeTruthy();
      expect(e.reason).not.toMatch(/\n/);
    }
    expect(new Set(list.map((e) => `${keyOf(e)}|${e.near ?? ''}`)).size).toBe(list.length);
  });

  it("--again finds an earlier undetected mutant in today's code: same snippet nearest, else the expression it grew into", () => {
    const d = (line: number, original: string, replacement = 'false') => ({ file: 'f.ts', mutator: 'ConditionalExpression', original, replacement, line });
    const all = [d(10, 't'), d(21, 't && rule'), d(30, 'x > 0')].map((x) => ({ d: x }));
    const last = {
      command: 'npm run mutation -- --sample 3 --seed s',
      rows: [
        { ...d(20, 't'), status: 'Survived' },
        { ...d(30, 'x > 0'), status: 'Killed' },
        { ...d(40, 'gone'), status: 'NoCoverage' },
        // Left out as equivalent by that run: chosen again (if it is still recorded, it is left out again).
        { ...d(10, 't'), status: 'Equivalent' },
      ],
    };
    const a = againOf(last, all);
    expect(a.chosen.map((m: { d: { line: number } }) => m.d.line)).toEqual([21, 10]);
    expect(a.kept.map((r: { line: number; status: string }) => `${r.line} ${r.status}`)).toEqual(['30 Killed', '40 NoCoverage']);
  });

  it('lists one test per applicable scenario of each run, with distinct ids', () => {
    const suite = new MutationSuite(root, MUTATION_RUNS.slice(0, 2));
    expect(suite.tests.length).toBeGreaterThan(300);
    expect(new Set(suite.tests.map((t) => t.id)).size).toBe(suite.tests.length);
  });

  it('holds the defect proof too: on the reference profiles one test per catalogued defect, a named scenario that must FAIL with it on', () => {
    const suite = new MutationSuite(root, MUTATION_RUNS.slice(0, 1), [MUTATION_RUNS[0] as { profile: string }]);
    const proof = suite.tests.filter((t) => t.defect !== undefined);
    expect(proof.length).toBeGreaterThan(200);
    expect(new Set(proof.map((t) => t.defect)).size).toBe(proof.length);
    expect(new MutationSuite(root, MUTATION_RUNS.slice(0, 1), []).tests.some((t) => t.defect)).toBe(false);
  });
});
