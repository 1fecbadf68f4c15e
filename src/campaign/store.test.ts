import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, migrate, migrations, openDb, splitSql } from './db.ts';
import {
  addSample,
  changesBetween,
  createCampaign,
  createRun,
  differingBetweenSamples,
  ensureBuild,
  failedCases,
  finishRun,
  recordCase,
  sampleHistory,
  worst,
} from './store.ts';
import type { Verdict } from '../report/model.ts';

let db: Db;
beforeAll(async () => {
  db = await openDb('memory://');
}, 60_000);
afterAll(async () => db?.close());

async function run(campaignId: number, sampleId: number, buildId: number, verdicts: Record<string, Verdict>, kind: 'full' | 'rerun-failed' = 'full') {
  const r = await createRun(db, { campaignId, sampleId, buildId, kind });
  for (const [id, verdict] of Object.entries(verdicts))
    await recordCase(db, r.id, 1, {
      id,
      title: `case ${id}`,
      area: 'iso7816',
      verdict,
      reason: verdict === 'FAIL' ? 'expected 9000, got 6A82' : '',
      durationMs: 1,
    });
  await finishRun(db, r.id, 'done');
  return r;
}

describe('campaign store (PGlite)', () => {
  it('applies each migration once, in order', async () => {
    const versions = migrations().map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(await migrate(db)).toEqual([]); // openDb applied them all already
    const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(versions);
    expect(splitSql('-- c\nCREATE TABLE a (x int);\nCREATE TABLE b (y int);\n')).toEqual(['CREATE TABLE a (x int)', 'CREATE TABLE b (y int)']);
  });

  it("an embedded database folder is one process's at a time", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sscc-db-')), 'db');
    try {
      const first = await openDb(dir);
      await expect(openDb(dir)).rejects.toThrow(/in use by another sscc \(pid \d+\)/);
      expect(existsSync(`${dir}.lock`)).toBe(true);
      await first.close();
      expect(existsSync(`${dir}.lock`)).toBe(false); // released at close
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  });

  it('worst verdict over samples', () => {
    expect(worst(['PASS', 'FAIL', 'INCONCLUSIVE'])).toBe('FAIL');
    expect(worst(['PASS', 'NOT_APPLICABLE'])).toBe('PASS');
    expect(worst(['PASS', 'ERROR', 'FAIL'])).toBe('ERROR');
  });

  it('regressions between builds first, differing samples, a rerun superseding failures, history', async () => {
    const c = await createCampaign(db, { name: 'vendor-x', profileFile: 'p.yaml', profileSha256: 'ab', product: { vendor: 'X' } });
    await expect(createCampaign(db, { name: 'vendor-x', profileFile: 'p.yaml', profileSha256: 'ab', product: {} })).rejects.toThrow(/exists already/);
    const a = await addSample(db, c.id, { name: 'A', serial: '001', atr: '3B 6D 00' });
    expect(a.atr).toBe('3B6D00');
    const b = await addSample(db, c.id, { name: 'B' });
    await expect(addSample(db, c.id, { name: 'B' })).rejects.toThrow(/exists already/);
    const b1 = await ensureBuild(db, c.id, '1.0');
    const b2 = await ensureBuild(db, c.id, '1.1');
    expect(b2.seq).toBe(b1.seq + 1);
    expect((await ensureBuild(db, c.id, '1.0')).id).toBe(b1.id);

    await run(c.id, a.id, b1.id, { 'T-1': 'PASS', 'T-2': 'PASS', 'T-3': 'FAIL', 'T-4': 'PASS' });
    await run(c.id, b.id, b1.id, { 'T-1': 'PASS', 'T-2': 'PASS', 'T-3': 'FAIL', 'T-4': 'FAIL' });
    // Build 1.0: T-4 differs between the samples (flaky card or flaky test).
    expect((await differingBetweenSamples(db, b1.id)).map((x) => x.id)).toEqual(['T-4']);
    expect(await failedCases(db, b1.id, 'B')).toEqual(['T-3', 'T-4']);
    // A rerun of B's failures: T-4 passes now, T-3 still fails; the rest of the first run stands.
    await run(c.id, b.id, b1.id, { 'T-3': 'FAIL', 'T-4': 'PASS' }, 'rerun-failed');
    expect(await failedCases(db, b1.id, 'B')).toEqual(['T-3']);
    expect(await differingBetweenSamples(db, b1.id)).toEqual([]);

    // Build 1.1: T-2 regresses on one sample, T-3 is fixed, T-1 stays.
    await run(c.id, a.id, b2.id, { 'T-1': 'PASS', 'T-2': 'FAIL', 'T-3': 'PASS', 'T-4': 'PASS' });
    await run(c.id, b.id, b2.id, { 'T-1': 'PASS', 'T-2': 'PASS', 'T-3': 'PASS', 'T-4': 'PASS' });
    const changes = await changesBetween(db, b1.id, b2.id);
    expect(changes.map((x) => [x.kind, x.id, x.from, x.to])).toEqual([
      ['regression', 'T-2', 'PASS', 'FAIL'],
      ['fixed', 'T-3', 'FAIL', 'PASS'],
    ]);

    const history = await sampleHistory(db, b.id);
    expect(history.map((h) => [h.build, h.kind, h.cases, h.fail])).toEqual([
      ['1.1', 'full', 4, 0],
      ['1.0', 'rerun-failed', 2, 1],
      ['1.0', 'full', 4, 2],
    ]);
  });

  it('a case is counted once per run, whatever attempt reports it again', async () => {
    const c = await createCampaign(db, { name: 'once', profileFile: 'p.yaml', profileSha256: 'ab', product: {} });
    const s = await addSample(db, c.id, { name: 'S' });
    const bl = await ensureBuild(db, c.id, '1');
    const r = await createRun(db, { campaignId: c.id, sampleId: s.id, buildId: bl.id, kind: 'full' });
    expect(await recordCase(db, r.id, 1, { id: 'T-1', title: 't', area: 'a', verdict: 'PASS', reason: '', durationMs: 1 })).toBe(true);
    expect(await recordCase(db, r.id, 2, { id: 'T-1', title: 't', area: 'a', verdict: 'FAIL', reason: '', durationMs: 1 })).toBe(false);
    const rows = await db.query<{ verdict: string; attempt: number }>('SELECT verdict, attempt FROM case_result WHERE run_id = $1', [r.id]);
    expect(rows).toEqual([{ verdict: 'PASS', attempt: 1 }]);
  });
});
