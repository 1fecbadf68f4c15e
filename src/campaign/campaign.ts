/**
 * Campaign operations the command line and the API share: make a campaign from a profile, make its
 * plan, run it on every sample (in this process), rerun the failures.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userInfo } from 'node:os';
import { loadProfile } from '../profile/load.ts';
import { type Plan, PlanError, buildPlan } from '../plan/plan.ts';
import { planDigest, publicPlan } from '../plan/load.ts';
import type { Db } from './db.ts';
import { executeRun, narrowPlan, simTarget } from './execute.ts';
import {
  CampaignError,
  type CampaignRow,
  type RunRow,
  type SampleRow,
  buildByName,
  campaignByName,
  createCampaign,
  createRun,
  ensureBuild,
  failedCases,
  sampleByName,
  samples as samplesOf,
} from './store.ts';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Where campaign runs write their folders when --runs is not given. */
export const DEFAULT_RUNS = 'out/campaigns/runs';

export async function newCampaign(db: Db, name: string, profileFile: string): Promise<CampaignRow> {
  const loaded = loadProfile(profileFile);
  return createCampaign(db, { name, profileFile: resolve(profileFile), profileSha256: loaded.sha256, product: loaded.profile.product });
}

/** The plan of a campaign: its profile (unchanged since the campaign was made) cut by area and tags. */
export function campaignPlan(c: CampaignRow, o: { area?: string; tags?: string } = {}): Plan {
  const loaded = loadProfile(c.profile_file);
  if (loaded.sha256 !== c.profile_sha256)
    throw new CampaignError(
      `${c.profile_file} changed since campaign ${c.name} was made (sha256 ${c.profile_sha256.slice(0, 12)}…, now ${loaded.sha256.slice(0, 12)}…): a campaign compares builds under one profile; make a new campaign for the new profile`,
    );
  const areas = o.area
    ?.split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  try {
    return buildPlan(ROOT, loaded, { ...(o.tags ? { tags: o.tags } : {}), ...(areas?.length ? { areas } : {}) });
  } catch (e) {
    if (e instanceof PlanError) throw new CampaignError(e.message);
    throw e;
  }
}

export interface RunRequest {
  campaign: string;
  build: string;
  /** Sample names; all the campaign's when absent. */
  samples?: string[];
  area?: string;
  tags?: string;
  /** Simulator only: defects of the build (a COS build with a regression). */
  buildDefects?: string[];
  runsDir?: string;
  operator?: string;
}

export interface RunProgress {
  onRun?: (run: RunRow, sample: string) => void;
  onCase?: (runId: number, c: { id: string; verdict: string }, done: number, total: number) => void;
  notify?: (line: string) => void;
}

/** A run made in the database (status queued) and what executing it needs. */
export interface PreparedRun {
  run: RunRow;
  sample: SampleRow;
  build: string;
  campaign: string;
  kind: 'full' | 'rerun-failed';
  plan: Plan;
  outDir: string;
}

/** The runs of `plan` on each sample, made in the database (queued), not yet executed. */
async function prepare(
  db: Db,
  req: RunRequest,
  kind: 'full' | 'rerun-failed',
  planOf: (sample: string, buildId: number) => Promise<Plan | undefined>,
): Promise<PreparedRun[]> {
  const c = await campaignByName(db, req.campaign);
  const build = kind === 'full' ? await ensureBuild(db, c.id, req.build, req.buildDefects ?? []) : await buildByName(db, c.id, req.build);
  const all = await samplesOf(db, c.id);
  if (!all.length) throw new CampaignError(`campaign ${c.name} has no samples; add one with \`sscc campaign sample add ${c.name} NAME\``);
  const chosen = req.samples?.length ? await Promise.all(req.samples.map((s) => sampleByName(db, c.id, s))) : all;
  const runsDir = resolve(req.runsDir ?? DEFAULT_RUNS);
  const out: PreparedRun[] = [];
  for (const sample of chosen) {
    const base = await planOf(sample.name, build.id);
    if (!base) continue;
    const state = resolve(runsDir, c.name, 'samples', `${sample.name}.card.json`);
    mkdirSync(dirname(state), { recursive: true });
    const plan = {
      ...base,
      profile: { ...base.profile, data: { ...base.profile.data, target: simTarget(base.profile.data.target, state, [...sample.defects, ...build.defects]) } },
    };
    const run = await createRun(db, {
      campaignId: c.id,
      sampleId: sample.id,
      buildId: build.id,
      kind,
      operator: req.operator ?? userInfo().username,
      planSha256: planDigest(publicPlan(plan)),
      scenarios: plan.scenarios.length,
      status: 'queued',
    });
    out.push({ run, sample, build: build.name, campaign: c.name, kind, plan, outDir: resolve(runsDir, c.name, build.name, sample.name, `run-${run.id}`) });
  }
  return out;
}

/** Execute prepared runs one after another in this process (the simulator, or this machine's reader). */
export async function executePrepared(db: Db, runs: PreparedRun[], progress: RunProgress = {}): Promise<RunRow[]> {
  for (const p of runs) {
    progress.onRun?.(p.run, p.sample.name);
    await executeRun({
      db,
      runId: p.run.id,
      uid: p.run.uid,
      campaign: p.campaign,
      sample: p.sample,
      build: p.build,
      kind: p.kind,
      plan: p.plan,
      outDir: p.outDir,
      onCase: (x, n, total) => progress.onCase?.(p.run.id, x, n, total),
      ...(progress.notify ? { notify: progress.notify } : {}),
    });
  }
  return runs.map((p) => p.run);
}

/** The campaign's plan on every sample (or those named) for a build, made if new: the runs, not yet executed. */
export async function prepareCampaign(db: Db, req: RunRequest): Promise<PreparedRun[]> {
  const c = await campaignByName(db, req.campaign);
  const plan = campaignPlan(c, req);
  return prepare(db, req, 'full', async () => plan);
}

/** Per sample, the cases of the build whose latest verdict is FAIL, ERROR or INCONCLUSIVE: the runs, not yet executed. */
export async function prepareRerun(db: Db, req: RunRequest): Promise<PreparedRun[]> {
  const c = await campaignByName(db, req.campaign);
  const plan = campaignPlan(c, req);
  return prepare(db, req, 'rerun-failed', async (sample, buildId) => {
    const failed = await failedCases(db, buildId, sample);
    const inPlan = failed.filter((id) => plan.scenarios.some((s) => s.id === id));
    return inPlan.length ? narrowPlan(plan, { only: inPlan }) : undefined;
  });
}

export async function runCampaign(db: Db, req: RunRequest, progress?: RunProgress): Promise<RunRow[]> {
  return executePrepared(db, await prepareCampaign(db, req), progress);
}

export async function rerunFailed(db: Db, req: RunRequest, progress?: RunProgress): Promise<RunRow[]> {
  return executePrepared(db, await prepareRerun(db, req), progress);
}
