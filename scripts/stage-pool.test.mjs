import { describe, expect, it } from 'vitest';
import { runPool } from './stage-pool.mjs';

/** Stages that each take `ms` (fake timers would hide the ordering the pool relies on). */
function timed(ms) {
  const log = [];
  const start = (name) => {
    log.push(`start ${name}`);
    return new Promise((done) =>
      setTimeout(() => {
        log.push(`end ${name}`);
        done(name);
      }, ms[name]),
    );
  };
  return { log, start };
}

describe('npm test stage pool', () => {
  it('starts what fits beside the running stages, the next in order that fits, and runs every stage', async () => {
    const { log, start } = timed({ big: 40, mid: 10, small: 5, huge: 5 });
    const ends = [];
    await runPool(
      [
        ['big', 1.4],
        ['mid', 1.0],
        ['small', 0.5],
        ['huge', 5],
      ],
      2,
      { start, ended: (name, _r, beside) => ends.push([name, beside.sort()]) },
    );
    // mid does not fit beside big (2.4 > 2), small does; huge fits nowhere and waits until nothing runs.
    expect(log.slice(0, 2)).toEqual(['start big', 'start small']);
    expect(log.indexOf('start mid')).toBeGreaterThan(log.indexOf('end big'));
    expect(log.indexOf('start huge')).toBeGreaterThan(Math.max(log.indexOf('end big'), log.indexOf('end mid'), log.indexOf('end small')));
    expect(ends.map(([n]) => n).sort()).toEqual(['big', 'huge', 'mid', 'small']);
    expect(Object.fromEntries(ends).small).toEqual(['big']);
  });

  it('ends at once with no stages', async () => {
    await expect(runPool([], 2, { start: () => Promise.reject(new Error('none')) })).resolves.toBeUndefined();
  });
});
