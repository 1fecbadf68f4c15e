/**
 * The campaign model on the database (issue 22): campaigns, samples, builds, runs and their cases, and
 * the queries a lab asks (regressions between builds, verdicts differing between samples, every run of
 * a sample). A sample's verdict for a case in a build is that of its latest run of the case in that
 * build, so a rerun of the failures supersedes them and keeps the rest.
 */
import { randomUUID } from 'node:crypto';
import type { Verdict } from '../report/model.ts';
import type { Db } from './db.ts';

export class CampaignError extends Error {
  override name = 'CampaignError';
}

export interface CampaignRow {
  id: number;
  name: string;
  profile_file: string;
  profile_sha256: string;
  product: Record<string, unknown>;
  created_at: string;
}
export interface SampleRow {
  id: number;
  campaign_id: number;
  name: string;
  serial: string | null;
  atr: string | null;
  reader_tag: string | null;
  notes: string | null;
  defects: string[];
}
export interface BuildRow {
  id: number;
  campaign_id: number;
  name: string;
  seq: number;
  defects: string[];
}
export interface RunRow {
  id: number;
  uid: string;
  campaign_id: number;
  sample_id: number;
  build_id: number;
  status: string;
  kind: string;
  target: string | null;
  station: string | null;
  operator: string | null;
  plan_sha256: string | null;
  scenarios: number;
  job_id: string | null;
  attempts: number;
  summary: Record<string, number> | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}
export interface CaseRow {
  run_id: number;
  case_id: string;
  title: string;
  area: string;
  verdict: Verdict;
  reason: string;
  duration_ms: number;
  attempt: number;
}

/** Worst first: what a campaign concludes from several samples. */
export const VERDICT_ORDER: Verdict[] = ['ERROR', 'FAIL', 'INCONCLUSIVE', 'PASS', 'NOT_APPLICABLE'];
export function worst(vs: Verdict[]): Verdict {
  return VERDICT_ORDER.find((v) => vs.includes(v)) ?? 'NOT_APPLICABLE';
}

export async function createCampaign(db: Db, c: { name: string; profileFile: string; profileSha256: string; product: object }): Promise<CampaignRow> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(c.name)) throw new CampaignError(`campaign name "${c.name}": letters, digits, . _ - (at most 64)`);
  const existing = await db.query<CampaignRow>('SELECT * FROM campaign WHERE name = $1', [c.name]);
  if (existing.length) throw new CampaignError(`campaign ${c.name} exists already`);
  const [row] = await db.query<CampaignRow>('INSERT INTO campaign (name, profile_file, profile_sha256, product) VALUES ($1, $2, $3, $4) RETURNING *', [
    c.name,
    c.profileFile,
    c.profileSha256,
    JSON.stringify(c.product),
  ]);
  return row!;
}

export async function campaignByName(db: Db, name: string): Promise<CampaignRow> {
  const [row] = await db.query<CampaignRow>('SELECT * FROM campaign WHERE name = $1', [name]);
  if (!row) {
    const names = (await db.query<{ name: string }>('SELECT name FROM campaign ORDER BY name')).map((r) => r.name);
    throw new CampaignError(`no campaign ${name}${names.length ? `; campaigns: ${names.join(', ')}` : '; make one with `sscc campaign new`'}`);
  }
  return row;
}

export async function listCampaigns(db: Db): Promise<CampaignRow[]> {
  return db.query<CampaignRow>('SELECT * FROM campaign ORDER BY id');
}

export async function addSample(
  db: Db,
  campaignId: number,
  s: { name: string; serial?: string; atr?: string; readerTag?: string; notes?: string; defects?: string[] },
): Promise<SampleRow> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(s.name)) throw new CampaignError(`sample name "${s.name}": letters, digits, . _ - (at most 64)`);
  const atr = s.atr ? normaliseAtr(s.atr) : null;
  try {
    const [row] = await db.query<SampleRow>(
      'INSERT INTO sample (campaign_id, name, serial, atr, reader_tag, notes, defects) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
      [campaignId, s.name, s.serial ?? null, atr, s.readerTag ?? null, s.notes ?? null, JSON.stringify(s.defects ?? [])],
    );
    return row!;
  } catch (e) {
    if (/unique|duplicate/i.test((e as Error).message)) throw new CampaignError(`sample ${s.name} exists already in this campaign`);
    throw e;
  }
}

export function normaliseAtr(atr: string): string {
  const hex = atr.replace(/[\s:]/g, '').toUpperCase();
  if (!/^([0-9A-F]{2})+$/.test(hex)) throw new CampaignError(`ATR ${atr}: not hex bytes`);
  return hex;
}

export async function samples(db: Db, campaignId: number): Promise<SampleRow[]> {
  return db.query<SampleRow>('SELECT * FROM sample WHERE campaign_id = $1 ORDER BY id', [campaignId]);
}

export async function sampleByName(db: Db, campaignId: number, name: string): Promise<SampleRow> {
  const [row] = await db.query<SampleRow>('SELECT * FROM sample WHERE campaign_id = $1 AND name = $2', [campaignId, name]);
  if (!row)
    throw new CampaignError(
      `no sample ${name} in this campaign; samples: ${(await samples(db, campaignId)).map((s) => s.name).join(', ') || 'none (sscc campaign sample add)'}`,
    );
  return row;
}

/** The build of that name, made (as the next in sequence) if new. */
export async function ensureBuild(db: Db, campaignId: number, name: string, defects: string[] = []): Promise<BuildRow> {
  const [have] = await db.query<BuildRow>('SELECT * FROM build WHERE campaign_id = $1 AND name = $2', [campaignId, name]);
  if (have) return have;
  const [row] = await db.query<BuildRow>(
    'INSERT INTO build (campaign_id, name, seq, defects) VALUES ($1, $2, (SELECT coalesce(max(seq), 0) + 1 FROM build WHERE campaign_id = $1), $3) RETURNING *',
    [campaignId, name, JSON.stringify(defects)],
  );
  return row!;
}

export async function builds(db: Db, campaignId: number): Promise<BuildRow[]> {
  return db.query<BuildRow>('SELECT * FROM build WHERE campaign_id = $1 ORDER BY seq', [campaignId]);
}

export async function buildByName(db: Db, campaignId: number, name: string): Promise<BuildRow> {
  const [row] = await db.query<BuildRow>('SELECT * FROM build WHERE campaign_id = $1 AND name = $2', [campaignId, name]);
  if (!row) throw new CampaignError(`no build ${name} in this campaign; builds: ${(await builds(db, campaignId)).map((b) => b.name).join(', ') || 'none yet'}`);
  return row;
}

export async function createRun(
  db: Db,
  r: {
    uid?: string;
    campaignId: number;
    sampleId: number;
    buildId: number;
    kind: 'full' | 'rerun-failed' | 'import';
    target?: string;
    operator?: string;
    planSha256?: string;
    scenarios?: number;
    plan?: object;
    status?: string;
  },
): Promise<RunRow> {
  const [row] = await db.query<RunRow>(
    'INSERT INTO run (uid, campaign_id, sample_id, build_id, kind, target, operator, plan_sha256, scenarios, plan, status) VALUES ($11, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *',
    [
      r.campaignId,
      r.sampleId,
      r.buildId,
      r.kind,
      r.target ?? null,
      r.operator ?? null,
      r.planSha256 ?? null,
      r.scenarios ?? 0,
      r.plan ? JSON.stringify(r.plan) : null,
      r.status ?? 'queued',
      r.uid ?? randomUUID(),
    ],
  );
  return row!;
}

export async function runById(db: Db, id: number): Promise<RunRow & { plan: unknown }> {
  const [row] = await db.query<RunRow & { plan: unknown }>('SELECT * FROM run WHERE id = $1', [id]);
  if (!row) throw new CampaignError(`no run ${id}`);
  return row;
}

export async function startRun(db: Db, runId: number, o: { station?: string; target?: string }): Promise<number> {
  const [row] = await db.query<{ attempts: number }>(
    "UPDATE run SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), station = coalesce($2, station), target = coalesce($3, target) WHERE id = $1 RETURNING attempts",
    [runId, o.station ?? null, o.target ?? null],
  );
  return row!.attempts;
}

export async function addFolder(db: Db, runId: number, attempt: number, host: string, dir: string): Promise<void> {
  await db.query(
    'INSERT INTO run_folder (run_id, attempt, host, dir) VALUES ($1, $2, $3, $4) ON CONFLICT (run_id, attempt) DO UPDATE SET host = $3, dir = $4',
    [runId, attempt, host, dir],
  );
}

/** Record a finished case; a case the run has already (finished on an earlier attempt) is not counted again. */
export async function recordCase(
  db: Pick<Db, 'query'>,
  runId: number,
  attempt: number,
  c: { id: string; title: string; area: string; verdict: Verdict; reason: string; durationMs: number },
): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO case_result (run_id, case_id, title, area, verdict, reason, duration_ms, attempt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (run_id, case_id) DO NOTHING RETURNING case_id',
    [runId, c.id, c.title, c.area, c.verdict, c.reason.slice(0, 2000), c.durationMs, attempt],
  );
  return rows.length === 1;
}

/** Record many cases of one attempt in one statement (import); returns how many were new to the run. */
export async function recordCases(
  db: Pick<Db, 'query'>,
  runId: number,
  attempt: number,
  cs: Array<{ id: string; title: string; area: string; verdict: Verdict; reason: string; durationMs: number }>,
): Promise<number> {
  if (!cs.length) return 0;
  const rows = await db.query(
    `INSERT INTO case_result (run_id, case_id, title, area, verdict, reason, duration_ms, attempt)
     SELECT $1, c, t, a, v, r, d, $2 FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[]) AS x(c, t, a, v, r, d)
     ON CONFLICT (run_id, case_id) DO NOTHING RETURNING case_id`,
    [
      runId,
      attempt,
      cs.map((c) => c.id),
      cs.map((c) => c.title),
      cs.map((c) => c.area),
      cs.map((c) => c.verdict),
      cs.map((c) => c.reason.slice(0, 2000)),
      cs.map((c) => c.durationMs),
    ],
  );
  return rows.length;
}

export async function runCases(db: Db, runId: number): Promise<CaseRow[]> {
  return db.query<CaseRow>('SELECT * FROM case_result WHERE run_id = $1 ORDER BY finished_at, case_id', [runId]);
}

export async function finishRun(db: Db, runId: number, status: 'done' | 'failed'): Promise<void> {
  const counts = await db.query<{ verdict: Verdict; n: number }>('SELECT verdict, count(*)::int AS n FROM case_result WHERE run_id = $1 GROUP BY verdict', [
    runId,
  ]);
  const summary: Record<string, number> = {};
  for (const c of counts) summary[c.verdict] = c.n;
  await db.query('UPDATE run SET status = $2, finished_at = now(), summary = $3 WHERE id = $1', [runId, status, JSON.stringify(summary)]);
}

export async function runsOf(db: Db, campaignId: number): Promise<Array<RunRow & { sample: string; build: string }>> {
  return db.query(
    'SELECT r.id, r.uid, r.campaign_id, r.sample_id, r.build_id, r.status, r.kind, r.target, r.station, r.operator, r.plan_sha256, r.scenarios, r.job_id, r.attempts, r.summary, r.created_at, r.started_at, r.finished_at, s.name AS sample, b.name AS build FROM run r JOIN sample s ON s.id = r.sample_id JOIN build b ON b.id = r.build_id WHERE r.campaign_id = $1 ORDER BY r.id',
    [campaignId],
  );
}

/** The effective verdicts of a build: per sample and case, the latest run's. */
export async function buildVerdicts(
  db: Db,
  buildId: number,
): Promise<Array<{ sample: string; case_id: string; title: string; area: string; verdict: Verdict; reason: string; run_id: number }>> {
  return db.query(
    `SELECT DISTINCT ON (r.sample_id, c.case_id) s.name AS sample, c.case_id, c.title, c.area, c.verdict, c.reason, c.run_id
       FROM case_result c JOIN run r ON r.id = c.run_id JOIN sample s ON s.id = r.sample_id
      WHERE r.build_id = $1
      ORDER BY r.sample_id, c.case_id, r.id DESC`,
    [buildId],
  );
}

export interface CaseAcrossSamples {
  id: string;
  title: string;
  area: string;
  worst: Verdict;
  samples: Record<string, Verdict>;
  reasons: Record<string, string>;
}

export async function buildCases(db: Db, buildId: number): Promise<CaseAcrossSamples[]> {
  const map = new Map<string, CaseAcrossSamples>();
  for (const v of await buildVerdicts(db, buildId)) {
    const c = map.get(v.case_id) ?? { id: v.case_id, title: v.title, area: v.area, worst: v.verdict, samples: {}, reasons: {} };
    c.samples[v.sample] = v.verdict;
    if (v.reason) c.reasons[v.sample] = v.reason;
    c.worst = worst(Object.values(c.samples));
    map.set(v.case_id, c);
  }
  return [...map.values()].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

export interface Change {
  id: string;
  title: string;
  from: Verdict | 'ABSENT';
  to: Verdict | 'ABSENT';
  /** regression: was PASS (or N/A) and is now FAIL/ERROR/INCONCLUSIVE; fixed: the other way round. */
  kind: 'regression' | 'fixed' | 'changed';
}

const GOOD = new Set<string>(['PASS', 'NOT_APPLICABLE']);
const BAD = new Set<string>(['FAIL', 'ERROR', 'INCONCLUSIVE']);

/** Changes of each case's worst verdict from build `from` to build `to`: regressions first. */
export async function changesBetween(db: Db, fromBuildId: number, toBuildId: number): Promise<Change[]> {
  const a = new Map((await buildCases(db, fromBuildId)).map((c) => [c.id, c]));
  const b = new Map((await buildCases(db, toBuildId)).map((c) => [c.id, c]));
  const out: Change[] = [];
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const from = a.get(id)?.worst ?? 'ABSENT';
    const to = b.get(id)?.worst ?? 'ABSENT';
    if (from === to) continue;
    const kind = (GOOD.has(from) || from === 'ABSENT') && BAD.has(to) ? 'regression' : BAD.has(from) && GOOD.has(to) ? 'fixed' : 'changed';
    out.push({ id, title: (b.get(id) ?? a.get(id))!.title, from, to, kind });
  }
  const rank = { regression: 0, changed: 1, fixed: 2 } as const;
  return out.sort((x, y) => rank[x.kind] - rank[y.kind] || x.id.localeCompare(y.id, 'en', { numeric: true }));
}

/** Cases whose verdict differs between the samples of one build (a flaky card or a flaky test). */
export async function differingBetweenSamples(db: Db, buildId: number): Promise<CaseAcrossSamples[]> {
  return (await buildCases(db, buildId)).filter((c) => new Set(Object.values(c.samples)).size > 1);
}

/** Every run of one sample, newest first, with its build and counts. */
export async function sampleHistory(
  db: Db,
  sampleId: number,
): Promise<
  Array<{
    run_id: number;
    build: string;
    kind: string;
    status: string;
    station: string | null;
    target: string | null;
    started_at: string | null;
    finished_at: string | null;
    cases: number;
    fail: number;
    pass: number;
  }>
> {
  return db.query(
    `SELECT r.id AS run_id, b.name AS build, r.kind, r.status, r.station, r.target, r.started_at, r.finished_at,
            count(c.case_id)::int AS cases,
            (count(*) FILTER (WHERE c.verdict IN ('FAIL', 'ERROR')))::int AS fail,
            (count(*) FILTER (WHERE c.verdict = 'PASS'))::int AS pass
       FROM run r JOIN build b ON b.id = r.build_id LEFT JOIN case_result c ON c.run_id = r.id
      WHERE r.sample_id = $1
      GROUP BY r.id, b.name
      ORDER BY r.id DESC`,
    [sampleId],
  );
}

/** The cases of a build that a sample's latest verdicts hold as FAIL, ERROR or INCONCLUSIVE. */
export async function failedCases(db: Db, buildId: number, sample: string): Promise<string[]> {
  return (await buildVerdicts(db, buildId)).filter((v) => v.sample === sample && BAD.has(v.verdict)).map((v) => v.case_id);
}
