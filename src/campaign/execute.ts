/**
 * Running one campaign run (a plan on one sample for one build) into a run folder, each finished case
 * shipped to the database as it happens. The folder (messages.ndjson, plan.json, environment.json, the
 * reports, and campaign-run.json naming the campaign, sample, build, run and attempt) is the source of
 * truth; `sscc campaign import` rebuilds the index from it. A run resumed on another attempt runs only
 * the cases the database does not hold yet, so none is lost or counted twice.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type { Plan } from '../plan/plan.ts';
import { planDigest, publicPlan } from '../plan/load.ts';
import { buildReport } from '../report/build.ts';
import type { CaseResult } from '../report/model.ts';
import { readRunFolder, streamModel } from '../report/rebuild.ts';
import { writeReports } from '../report/write.ts';
import { runPlan } from '../run/runner.ts';
import type { Target } from '../profile/profile.ts';
import type { Db } from './db.ts';
import {
  type BuildRow,
  CampaignError,
  type CampaignRow,
  type SampleRow,
  addFolder,
  addSample,
  ensureBuild,
  finishRun,
  recordCase,
  recordCases,
  runCases,
  startRun,
} from './store.ts';

export const CAMPAIGN_RUN_FILE = 'campaign-run.json';

/** What a run folder says of its place in a campaign. */
export interface CampaignRunMeta {
  schema: 'sscc-campaign-run/1';
  campaign: string;
  sample: { name: string; serial?: string | null; atr?: string | null; readerTag?: string | null; notes?: string | null };
  build: string;
  run: { uid: string; kind: string; attempt: number };
  station?: string;
  host: string;
}

/** sim:IMAGE[+defects] or pcsc:READER, as the status and history show it. */
export function targetLabel(t: Target): string {
  return t.kind === 'sim' ? `sim:${t.image}${t.defects?.length ? `+${t.defects.join('+')}` : ''}` : `pcsc:${String(t.reader ?? '')}`;
}

/** The TC id of a case (its @TC: tag). */
export function caseId(c: { tags: string[]; name: string }): string {
  return c.tags.find((t) => t.startsWith('@TC:'))?.slice(4) ?? c.name;
}

/** The plan cut to some of its scenarios (`only`), or without some (`except`), by their TC ids. */
export function narrowPlan(plan: Plan, o: { only?: string[]; except?: string[] }): Plan {
  const tag = (ids: string[]) => ids.map((id) => `@TC:${id}`).join(' or ');
  const parts = [plan.tags ? `(${plan.tags})` : '', o.only ? `(${tag(o.only)})` : '', o.except?.length ? `not (${tag(o.except)})` : ''].filter(Boolean);
  const only = o.only ? new Set(o.only) : undefined;
  const except = new Set(o.except ?? []);
  const scenarios = plan.scenarios.filter((s) => (!only || only.has(s.id)) && !except.has(s.id));
  return { ...plan, scenarios, ...(parts.length ? { tags: parts.join(' and ') } : {}) };
}

/** A simulated sample: its own card (kept in a state file between runs), with the sample's and the build's defects. */
export function simTarget(target: Target, stateFile: string, defects: string[]): Target {
  if (target.kind !== 'sim') return target;
  return { ...target, state: stateFile, defects: [...new Set([...(target.defects ?? []), ...defects])] };
}

/**
 * The step definitions, loaded by the first run of this process: an ES module's steps register once,
 * so every later run (of any campaign) reuses the library.
 */
let loadedSupport: ISupportCodeLibrary | undefined;

/** Load the step library now (a station does so at its start, so that its first job does not wait for it). */
export async function preloadSupport(plan: Plan): Promise<void> {
  if (loadedSupport) return;
  const { runInMemory } = await import('../run/runner.ts');
  loadedSupport = (await runInMemory({ root: ROOT, plan, only: [] })).support;
}

export interface ExecuteOptions {
  db: Db;
  runId: number;
  uid: string;
  campaign: string;
  sample: SampleRow;
  build: string;
  kind: string;
  /** The plan of the run (all its cases); those already recorded for the run are left out. */
  plan: Plan;
  outDir: string;
  station?: string;
  support?: ISupportCodeLibrary;
  onCase?: (c: { id: string; verdict: string }, done: number, total: number) => void;
  notify?: (line: string) => void;
}

export interface Executed {
  attempt: number;
  /** Cases this attempt recorded (not those of earlier attempts). */
  recorded: number;
  skipped: number;
  support: ISupportCodeLibrary;
}

export async function executeRun(o: ExecuteOptions): Promise<Executed> {
  const { db } = o;
  const done = new Set((await runCases(db, o.runId)).map((c) => c.case_id));
  const plan = done.size ? narrowPlan(o.plan, { except: [...done] }) : o.plan;
  const target = plan.profile.data.target;
  const attempt = await startRun(db, o.runId, { ...(o.station ? { station: o.station } : {}), target: targetLabel(target) });
  const outDir = resolve(o.outDir, `attempt-${attempt}`);
  mkdirSync(outDir, { recursive: true });
  const meta: CampaignRunMeta = {
    schema: 'sscc-campaign-run/1',
    campaign: o.campaign,
    sample: { name: o.sample.name, serial: o.sample.serial, atr: o.sample.atr, readerTag: o.sample.reader_tag, notes: o.sample.notes },
    build: o.build,
    run: { uid: o.uid, kind: o.kind, attempt },
    ...(o.station ? { station: o.station } : {}),
    host: hostname(),
  };
  writeFileSync(join(outDir, CAMPAIGN_RUN_FILE), JSON.stringify(meta, null, 2) + '\n');
  await addFolder(db, o.runId, attempt, hostname(), outDir);
  const byLocation = new Map(plan.scenarios.map((s) => [`${s.uri}:${s.line}`, s]));
  let recorded = 0;
  let skipped = 0;
  let n = 0;
  // Cases shipped one after the other, in the order they finished.
  let shipping: Promise<unknown> = Promise.resolve();
  const ship = (c: CaseResult) => {
    const s = byLocation.get(`${c.uri}:${c.line}`);
    const row = {
      id: s?.id ?? caseId(c),
      title: c.name,
      area: s?.area ?? c.uri.split('/')[1] ?? '',
      verdict: c.verdict,
      reason: c.reason,
      durationMs: c.durationMs,
    };
    shipping = shipping.then(async () => {
      if (await recordCase(db, o.runId, attempt, row)) recorded++;
      else skipped++;
      o.onCase?.({ id: row.id, verdict: row.verdict }, ++n, plan.scenarios.length);
    });
  };
  let outcome: Awaited<ReturnType<typeof runPlan>>;
  const support = o.support ?? loadedSupport;
  try {
    outcome = await runPlan({
      root: rootOf(),
      plan,
      outDir,
      ...(support ? { support } : {}),
      onCase: (c) => ship(c),
      ...(o.notify ? { notify: o.notify } : {}),
    });
  } catch (e) {
    await shipping;
    await finishRun(db, o.runId, 'failed');
    throw e;
  }
  await shipping;
  loadedSupport = outcome.support;
  const report = buildReport(plan, outcome.environment, outcome.model, undefined, true);
  writeReports(outDir, report, 'en');
  // Cases the plan holds that never finished (a run cut short by the card) count as the report has them.
  for (const c of report.cases) {
    if (await recordCase(db, o.runId, attempt, { id: c.id, title: c.title, area: c.area, verdict: c.verdict, reason: c.reason, durationMs: c.durationMs }))
      recorded++;
  }
  await finishRun(db, o.runId, 'done');
  return { attempt, recorded, skipped, support: outcome.support };
}

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
function rootOf(): string {
  return ROOT;
}

/** Every folder under `dirs` (themselves included) that holds a messages.ndjson. */
export function runFolders(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    if (existsSync(join(d, 'messages.ndjson'))) out.push(d);
    if (depth > 6) return;
    for (const e of readdirSync(d, { withFileTypes: true }))
      if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) walk(join(d, e.name), depth + 1);
  };
  for (const d of dirs) {
    if (!existsSync(d) || !statSync(d).isDirectory()) throw new CampaignError(`${d}: not a folder`);
    walk(resolve(d), 0);
  }
  return out.sort();
}

export interface Imported {
  folders: number;
  runs: number;
  cases: number;
  skipped: string[];
}

/**
 * Index run folders into a campaign: each folder's campaign-run.json names its sample, build and run
 * (attempts of one run become one run); a plain `sscc run` folder takes the sample and build given.
 * A run the database holds already is left as it is.
 */
export async function importFolders(db: Db, campaign: CampaignRow, dirs: string[], o: { sample?: string; build?: string } = {}): Promise<Imported> {
  const folders = runFolders(dirs);
  const result: Imported = { folders: folders.length, runs: 0, cases: 0, skipped: [] };
  const samples = new Map<string, SampleRow>();
  const builds = new Map<string, BuildRow>();
  const runIds = new Map<string, number>();
  // Attempts in order, so the first attempt's cases are the ones a case is counted in.
  const metas = folders.map((dir) => ({ dir, meta: readMeta(dir) })).sort((a, b) => (a.meta?.run.attempt ?? 1) - (b.meta?.run.attempt ?? 1));
  for (const { dir, meta } of metas) {
    if (meta && meta.campaign !== campaign.name) {
      result.skipped.push(`${dir}: a run of campaign ${meta.campaign}`);
      continue;
    }
    const sampleName = meta?.sample.name ?? o.sample;
    const buildName = meta?.build ?? o.build;
    if (!sampleName || !buildName) {
      result.skipped.push(`${dir}: no ${CAMPAIGN_RUN_FILE}; give --sample and --build for plain run folders`);
      continue;
    }
    let folder: ReturnType<typeof readRunFolder>;
    let stream: ReturnType<typeof streamModel>;
    try {
      folder = readRunFolder(join(dir, 'messages.ndjson'));
      stream = streamModel(folder.text, true);
    } catch (e) {
      result.skipped.push(`${dir}: ${(e as Error).message}`);
      continue;
    }
    const plan = folder.plan;
    // readRunFolder checked the plan's own sha256 against its content.
    const digest = (plan as { sha256?: string }).sha256 ?? planDigest(publicPlan(plan));
    let sample = samples.get(sampleName);
    if (!sample) {
      const [have] = await db.query<SampleRow>('SELECT * FROM sample WHERE campaign_id = $1 AND name = $2', [campaign.id, sampleName]);
      sample =
        have ??
        (await addSample(db, campaign.id, {
          name: sampleName,
          ...(meta?.sample.serial ? { serial: meta.sample.serial } : {}),
          ...(meta?.sample.atr ? { atr: meta.sample.atr } : {}),
          ...(meta?.sample.readerTag ? { readerTag: meta.sample.readerTag } : {}),
          ...(meta?.sample.notes ? { notes: meta.sample.notes } : {}),
        }));
      samples.set(sampleName, sample);
    }
    let build = builds.get(buildName);
    if (!build) builds.set(buildName, (build = await ensureBuild(db, campaign.id, buildName)));
    const uid = meta?.run.uid ?? `import:${digest}:${dir}`;
    let runId = runIds.get(uid);
    if (runId === undefined) {
      const [have] = await db.query<{ id: number }>('SELECT id FROM run WHERE uid = $1', [uid]);
      if (have) {
        result.skipped.push(`${dir}: run ${have.id} is in the database already`);
        continue;
      }
      const environment = folder.environment as { startedAt?: string; finishedAt?: string };
      const [row] = await db.query<{ id: number }>(
        "INSERT INTO run (uid, campaign_id, sample_id, build_id, status, kind, target, station, plan_sha256, scenarios, started_at, finished_at) VALUES ($1, $2, $3, $4, 'running', $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        [
          uid,
          campaign.id,
          sample.id,
          build.id,
          meta?.run.kind ?? 'import',
          targetLabel(plan.profile.data.target),
          meta?.station ?? null,
          digest,
          plan.scenarios.length,
          environment.startedAt ?? null,
          environment.finishedAt ?? null,
        ],
      );
      runId = row!.id;
      runIds.set(uid, runId);
      result.runs++;
    }
    const attempt = meta?.run.attempt ?? 1;
    await addFolder(db, runId, attempt, meta?.host ?? hostname(), dir);
    // The cases as report.json has them (src/report/build.ts): every planned case, one never started INCONCLUSIVE.
    const byLocation = new Map(stream.model.cases().map((c) => [`${c.uri}:${c.line}`, c]));
    const complete = !stream.cutOff && !stream.damaged && stream.model.runFinished !== undefined;
    const rows = [];
    for (const s of plan.scenarios) {
      const c = byLocation.get(`${s.uri}:${s.line}`);
      // A folder cut off by a kill holds only its finished cases; the next attempt has the rest.
      if (!complete && !c?.finished) continue;
      const v = c
        ? { verdict: c.verdict, reason: c.reason, durationMs: c.durationMs }
        : { verdict: 'INCONCLUSIVE' as const, reason: 'not run: the run stopped before this case started', durationMs: 0 };
      rows.push({ id: s.id, title: s.name, area: s.area, ...v });
    }
    result.cases += await recordCases(db, runId, attempt, rows);
    await finishRun(db, runId, complete ? 'done' : 'failed');
  }
  return result;
}

function readMeta(dir: string): CampaignRunMeta | undefined {
  const f = join(dir, CAMPAIGN_RUN_FILE);
  if (!existsSync(f)) return undefined;
  try {
    const m = JSON.parse(readFileSync(f, 'utf8')) as CampaignRunMeta;
    if (
      m.schema !== 'sscc-campaign-run/1' ||
      typeof m.campaign !== 'string' ||
      typeof m.build !== 'string' ||
      typeof m.sample?.name !== 'string' ||
      typeof m.run?.uid !== 'string'
    )
      return undefined;
    return m;
  } catch {
    return undefined;
  }
}
