/** The README's performance table (scripts/bench-readme.mjs): each PC/SC figure with its goal, or n/a with the reason. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a JavaScript module without types
import { benchRows } from '../scripts/bench-readme.mjs';

const row = (rows: string[][], start: string) => rows.find((r) => r[0]?.startsWith(start)) as string[];

describe('benchRows', () => {
  it('gives each PC/SC figure its value, goal and whether it is met', () => {
    const rows = benchRows({
      pcscOverheadRatio: 1.04,
      pcscHarnessUs: 260,
      pcscBareUs: 250,
      pcscOpenMs: 0.8,
      parallelSpeedup: 1.6,
      parallelReaders: 2,
      suiteReaderSpeedup: 1.9,
      suiteReaders: { readers: 2, oneSeconds: 30, twoSeconds: 15.8, speedup: 1.9, ok: true },
      card10msNotCardShare: 0.13,
      card10ms: { spanSeconds: 38, wireSeconds: 33, apdus: 2546, scenarios: 518, wallSeconds: 55, notCardShareOfProcess: 0.4 },
      statefulRatio: 1.1,
      stateful: { runs: 3, keptSeconds: 22, freshSeconds: 20, keptCpuSeconds: 9, freshCpuSeconds: 9, ratio: 1.1, ok: true },
      goals: { pcscOverheadAtMost105: true, parallelAtLeast09N: false, suiteReadersAtLeast09N: true, card10msUnder1pct: false, statefulWithin15x: true },
    }) as string[][];
    expect(row(rows, 'PC/SC harness / bare loop, 0 ms')).toEqual([expect.any(String), '1.04', expect.stringContaining('260 µs vs 250 µs'), '≤ 1.05', 'yes']);
    expect(row(rows, 'N readers vs 1, 2 ms').slice(1)).toEqual(['1.6×', expect.any(String), '≥ 1.8×', 'no']);
    expect(row(rows, 'N readers vs 1, reference plan').slice(3)).toEqual(['≥ 1.8×', 'yes']);
    expect(row(rows, 'not the card').slice(1, 2)).toEqual(['13 %']);
    expect(row(rows, 'not the card')[4]).toBe('no');
    expect(row(rows, 'card that keeps its state').slice(3)).toEqual(['≤ 1.5', 'yes']);
  });
  it('says why a PC/SC figure is missing', () => {
    const rows = benchRows({ pcscOverheadRatio: null, pcscReason: 'no pcscd', goals: {} }) as string[][];
    expect(row(rows, 'PC/SC harness / bare loop, 0 ms').slice(1)).toEqual(['n/a', 'no pcscd', '≤ 1.05', '–']);
    expect(row(rows, 'card that keeps its state').slice(1, 3)).toEqual(['n/a', 'no pcscd']);
  });
});
