import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from './db.ts';
import { campaignPlan, newCampaign, rerunFailed, runCampaign } from './campaign.ts';
import { CAMPAIGN_RUN_FILE, executeRun, importFolders, narrowPlan } from './execute.ts';
import { addSample, buildByName, changesBetween, createRun, ensureBuild, recordCase, runCases, runsOf } from './store.ts';
import { campaignReport, renderCampaignHtml } from './report.ts';

const TAGS = '@TC:ISO-CLA-001 or @TC:ISO-INS-001 or @TC:ISO-RB-001 or @TC:ISO-RB-008';
let dir: string;
let db: Db;
beforeAll(async () => {
  // cucumber imports the TypeScript steps itself: through tsx, as bin/sscc.js does.
  register();
  dir = mkdtempSync(join(tmpdir(), 'sscc-campaign-'));
  db = await openDb('memory://');
}, 60_000);
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('campaign runs on the simulator (PGlite)', () => {
  it('runs two samples, reruns the failures, finds the regression of build 2, and import rebuilds the same', async () => {
    const c = await newCampaign(db, 'sim', 'profiles/sim-reference.yaml');
    await addSample(db, c.id, { name: 'good' });
    await addSample(db, c.id, { name: 'bad', defects: ['read-binary-ignores-offset'] });
    const runsDir = join(dir, 'runs');
    const seen: string[] = [];
    const first = await runCampaign(db, { campaign: 'sim', build: '1', tags: TAGS, runsDir }, { onCase: (_r, x) => seen.push(x.id) });
    expect(first).toHaveLength(2);
    expect(seen).toHaveLength(8); // each finished case told as it was recorded
    const b1 = await buildByName(db, c.id, '1');
    const r1 = await campaignReport(db, 'sim');
    const rb001 = r1.builds[0]!.cases.find((k) => k.id === 'ISO-RB-001')!;
    expect(rb001.samples).toEqual({ good: 'PASS', bad: 'FAIL' });
    expect(rb001.worst).toBe('FAIL');
    expect(r1.builds[0]!.differing).toEqual(['ISO-RB-001']);
    // The rerun runs only the bad sample's failed case.
    const rerun = await rerunFailed(db, { campaign: 'sim', build: '1', tags: TAGS, runsDir });
    expect(rerun).toHaveLength(1);
    expect((await runCases(db, rerun[0]!.id)).map((x) => [x.case_id, x.verdict])).toEqual([['ISO-RB-001', 'FAIL']]);
    // Build 2 brings a regression on both samples.
    await runCampaign(db, { campaign: 'sim', build: '2', tags: TAGS, runsDir, buildDefects: ['read-binary-ignores-access-condition'] });
    const b2 = await buildByName(db, c.id, '2');
    const changes = await changesBetween(db, b1.id, b2.id);
    expect(changes.map((x) => [x.kind, x.id])).toEqual([['regression', 'ISO-RB-008']]);
    const report = await campaignReport(db, 'sim');
    expect(report.builds.map((b) => b.conclusion)).toEqual(['FAIL', 'FAIL']);
    const html = renderCampaignHtml(report);
    expect(html.indexOf('ISO-RB-008')).toBeGreaterThan(-1);
    expect(html).toContain('class="regression"');

    // The run folders are the source of truth: a new database rebuilt from them says the same.
    const db2 = await openDb('memory://');
    try {
      const c2 = await newCampaign(db2, 'sim', 'profiles/sim-reference.yaml');
      const imported = await importFolders(db2, c2, [runsDir]);
      expect(imported).toMatchObject({ folders: 5, runs: 5, skipped: [] });
      const again = await importFolders(db2, c2, [runsDir]);
      expect(again.runs).toBe(0);
      const strip = (r: Awaited<ReturnType<typeof campaignReport>>) => r.builds.map((b) => ({ ...b, runs: b.runs }));
      const r2 = await campaignReport(db2, 'sim');
      expect(strip(r2).map((b) => [b.name, b.conclusion, b.cases, b.changes])).toEqual(strip(report).map((b) => [b.name, b.conclusion, b.cases, b.changes]));
    } finally {
      await db2.close();
    }
  });

  it('a resumed run runs only the cases the database lacks and counts none twice', async () => {
    const c = await newCampaign(db, 'resume', 'profiles/sim-reference.yaml');
    const s = await addSample(db, c.id, { name: 'S' });
    const b = await ensureBuild(db, c.id, '1');
    const plan = campaignPlan(c, { tags: TAGS });
    expect(plan.scenarios).toHaveLength(4);
    const run = await createRun(db, { campaignId: c.id, sampleId: s.id, buildId: b.id, kind: 'full' });
    // Attempt 1 shipped one case before its station died.
    await db.query("UPDATE run SET attempts = 1, status = 'running' WHERE id = $1", [run.id]);
    await recordCase(db, run.id, 1, { id: 'ISO-CLA-001', title: 'kept', area: 'iso7816', verdict: 'PASS', reason: '', durationMs: 1 });
    const ran: string[] = [];
    const out = await executeRun({
      db,
      runId: run.id,
      uid: run.uid,
      campaign: 'resume',
      sample: s,
      build: '1',
      kind: 'full',
      plan,
      outDir: join(dir, 'resume'),
      onCase: (x) => ran.push(x.id),
    });
    expect(out.attempt).toBe(2);
    expect(ran.sort()).toEqual(['ISO-INS-001', 'ISO-RB-001', 'ISO-RB-008']);
    const cases = await runCases(db, run.id);
    expect(cases).toHaveLength(4);
    expect(cases.find((x) => x.case_id === 'ISO-CLA-001')).toMatchObject({ attempt: 1, title: 'kept' });
    const meta = JSON.parse(readFileSync(join(dir, 'resume', 'attempt-2', CAMPAIGN_RUN_FILE), 'utf8'));
    expect(meta).toMatchObject({ campaign: 'resume', sample: { name: 'S' }, build: '1', run: { uid: run.uid, attempt: 2 } });
    expect(existsSync(join(dir, 'resume', 'attempt-2', 'report.json'))).toBe(true);
    expect((await runsOf(db, c.id))[0]).toMatchObject({ status: 'done', attempts: 2, summary: { PASS: 4 } });
  });

  it('narrows a plan by TC ids', () => {
    const plan = { scenarios: [{ id: 'A' }, { id: 'B' }, { id: 'C' }], tags: 'not @destructive' } as never;
    expect(narrowPlan(plan, { except: ['B'] })).toMatchObject({ scenarios: [{ id: 'A' }, { id: 'C' }], tags: '(not @destructive) and not (@TC:B)' });
    expect(narrowPlan(plan, { only: ['A', 'C'] })).toMatchObject({ scenarios: [{ id: 'A' }, { id: 'C' }], tags: '(not @destructive) and (@TC:A or @TC:C)' });
  });
});
