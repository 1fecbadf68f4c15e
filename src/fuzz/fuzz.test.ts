/** A short seeded fuzz run in npm test (issues 9, 18); `npm run fuzz -- --iterations 1000000` is the long one. */
import { describe, expect, it } from 'vitest';
import { IMAGES } from '../../card-sim/images/index.ts';
import { runFuzz, replay, targetSeed } from './fuzz.ts';
import { runFuzzJobs } from './jobs.ts';
import { Finding, type FuzzTarget, allTargets } from './targets.ts';
import fc from 'fast-check';

describe('fuzz', () => {
  const targets = allTargets();

  it('covers every card-sim image and every parser and renderer, each with its oracle', () => {
    const names = targets.map((t) => t.name);
    for (const image of Object.keys(IMAGES)) expect(names).toContain(`card-sim:${image}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'card-sim:reference+defects',
        'session',
        'session-conformant',
        'ber-tlv',
        'simple-tlv',
        'command-apdu',
        'encode-apdu',
        'response-apdu',
        'hex',
        'bcd',
        'gbk',
        'profile',
        'plan',
        'atr',
        'dol',
        'terminal-outcome',
        'messages-ndjson',
        'report-render',
      ]),
    );
    for (const t of targets) expect(t.oracle.length, t.name).toBeGreaterThan(20);
  });

  it('finds nothing in 6000 inputs (seed npm-test)', async () => {
    const r = await runFuzz({ iterations: 6000, seed: 'npm-test', targets });
    const report = r.findings.map((f) => `${f.target} (npm run fuzz -- --seed npm-test --target ${f.target} --replay ${f.path}): ${f.message}\n${f.input}`);
    expect(report).toEqual([]);
    for (const [name, s] of Object.entries(r.perTarget)) expect(s.iterations, name).toBeGreaterThan(0);
  }, 120_000);

  it('reports a broken oracle shrunk, and replays it from seed and path', async () => {
    // A planted bug: "parseTlv must never see a byte ≥ 0x80" fails; fast-check shrinks to one such byte.
    const planted: FuzzTarget<Uint8Array> = {
      name: 'planted',
      weight: 1,
      allowed: [],
      oracle: 'a test of the runner',
      arbitrary: fc.uint8Array({ maxLength: 50 }),
      check: (b) => {
        if (b.some((x) => x >= 0x80)) throw new Finding('a byte ≥ 0x80');
      },
      show: (b) => Buffer.from(b).toString('hex'),
    };
    const r = await runFuzz({ iterations: 200, seed: 's', targets: [planted] });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.input).toBe('80');
    const again = await replay(planted as FuzzTarget, targetSeed('s', 'planted'), f.path);
    expect(again.verdict.finding).toBe('a byte ≥ 0x80');
  });

  it('--jobs: targets shared over worker processes give each target the inputs of one process', async () => {
    const some = targets.filter((t) => ['card-sim:psam', 'card-sim:reference+defects', 'hex', 'atr', 'dol', 'command-apdu'].includes(t.name));
    const one = await runFuzz({ iterations: 600, seed: 'jobs', targets: some });
    const two = await runFuzzJobs({ iterations: 600, seed: 'jobs', targets: some, jobs: 2 }).result;
    expect(Object.keys(two.perTarget)).toEqual(some.map((t) => t.name));
    const counts = (r: typeof one) => Object.entries(r.perTarget).map(([name, s]) => [name, s.iterations, s.rejected, s.findings]);
    expect(counts(two)).toEqual(counts(one));
    expect(two.stopped).toEqual([]);
    expect(two.notStarted).toEqual([]);
  }, 120_000);

  it('--jobs: stop() ends the workers and gives what finished, the rest cut or not started', async () => {
    const finished: string[] = [];
    const run = runFuzzJobs({
      iterations: 1_000_000,
      seed: 'stop',
      targets,
      jobs: 2,
      progress: (name) => {
        finished.push(name);
        run.stop();
      },
    });
    const r = await run.result;
    expect(finished.length).toBeGreaterThan(0);
    for (const name of finished) expect(r.stopped).not.toContain(name);
    expect(new Set([...finished, ...r.stopped, ...r.notStarted])).toEqual(new Set(targets.map((t) => t.name)));
    expect(r.notStarted.length).toBeGreaterThan(40);
    expect(r.findings).toEqual([]);
  }, 120_000);
});
