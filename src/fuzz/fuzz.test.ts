/** A small fuzz run in npm test (issue 9); `npm run fuzz -- --iterations 1000000` is the long one. */
import { describe, expect, it } from 'vitest';
import { IMAGES } from '../../card-sim/images/index.ts';
import { runFuzz, runOne, schedule } from './fuzz.ts';
import { allTargets } from './targets.ts';

describe('fuzz', () => {
  const targets = allTargets();

  it('covers every card-sim image and every parser', () => {
    const names = targets.map((t) => t.name);
    for (const image of Object.keys(IMAGES)) expect(names).toContain(`card-sim:${image}`);
    expect(names).toEqual(expect.arrayContaining(['session', 'ber-tlv', 'simple-tlv', 'command-apdu', 'response-apdu', 'profile', 'plan', 'atr', 'dol', 'terminal-outcome', 'messages-ndjson', 'report-render']));
  });

  it('finds nothing in 4000 inputs (seed npm-test)', async () => {
    const r = await runFuzz({ iterations: 4000, seed: 'npm-test', targets });
    const report = r.findings.map((f) => `${f.target} at iteration ${f.iteration} (npm run fuzz -- --seed npm-test --replay ${f.iteration}): ${f.message}\n${f.input}`);
    expect(report).toEqual([]);
    for (const [name, s] of Object.entries(r.perTarget)) expect(s.iterations, name).toBeGreaterThan(0);
  });

  it('replays an iteration from its seed alone', async () => {
    const slots = schedule(targets);
    for (const i of [0, 7, 1234]) {
      const a = await runOne(slots, 'npm-test', i);
      const b = await runOne(slots, 'npm-test', i);
      expect(a.target.show(a.input)).toBe(b.target.show(b.input));
    }
  });
});
