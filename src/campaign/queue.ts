/**
 * Campaign jobs on a PostgreSQL job queue: pg-boss (docs/campaigns.md says why). A job is one run of
 * a plan on one sample; each sample has its queue (sscc-sample-ID), so that only a station whose reader
 * holds that sample fetches from it. A failed job (a station that died, found by its stale heartbeat)
 * goes back to its queue for another station; the run resumes from the cases the database holds.
 */
import PgBoss from 'pg-boss';
import type { Db } from './db.ts';
import { campaignPlan } from './campaign.ts';
import { planDigest, publicPlan } from '../plan/load.ts';
import { CampaignError, type SampleRow, campaignByName, createRun, ensureBuild, sampleByName, samples as samplesOf } from './store.ts';

export interface QueuedJob {
  runId: number;
  jobId: string;
  sample: string;
  queue: string;
}

export interface JobData {
  runId: number;
}

/** How often a job may be taken again after its station died (or failed it). */
export const RETRY_LIMIT = 5;

export function queueOf(sampleId: number): string {
  return `sscc-sample-${sampleId}`;
}

export async function openBoss(db: Db): Promise<PgBoss> {
  if (!db.url) throw new CampaignError("stations and queued runs need a PostgreSQL server: --db postgres://…  (the embedded database is one process's)");
  const boss = new PgBoss({ connectionString: db.url, schema: 'pgboss', max: 3, schedule: false, maintenanceIntervalSeconds: 30 });
  boss.on('error', (e: Error) => process.stderr.write(`sscc: job queue: ${e.message}\n`));
  await boss.start();
  return boss;
}

export async function ensureQueue(boss: PgBoss, name: string): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    // A run may last hours on a slow card; the heartbeat, not the expiry, finds a dead station.
    await boss.createQueue(name, { name, retryLimit: RETRY_LIMIT, retryDelay: 0, expireInHours: 12 } as never);
  } catch (e) {
    if (!(await boss.getQueue(name))) throw e; // made meanwhile by another process: fine
  }
}

/** One job per sample (or the samples named): a run of the campaign's plan for the build. */
export async function queueCampaign(
  db: Db,
  req: { campaign: string; build: string; samples?: string[]; area?: string; tags?: string; operator?: string },
  bossIn?: PgBoss,
): Promise<QueuedJob[]> {
  const c = await campaignByName(db, req.campaign);
  const plan = campaignPlan(c, req);
  const build = await ensureBuild(db, c.id, req.build);
  const all = await samplesOf(db, c.id);
  if (!all.length) throw new CampaignError(`campaign ${c.name} has no samples`);
  const chosen: SampleRow[] = req.samples?.length ? await Promise.all(req.samples.map((s) => sampleByName(db, c.id, s))) : all;
  const boss = bossIn ?? (await openBoss(db));
  try {
    const jobs: QueuedJob[] = [];
    for (const s of chosen) {
      if (!s.atr && !s.reader_tag)
        throw new CampaignError(
          `sample ${s.name} has neither an ATR nor a reader tag: no station could know it holds it (sscc campaign sample add … --atr HEX or --tag TAG)`,
        );
      const run = await createRun(db, {
        campaignId: c.id,
        sampleId: s.id,
        buildId: build.id,
        kind: 'full',
        planSha256: planDigest(publicPlan(plan)),
        scenarios: plan.scenarios.length,
        plan,
        status: 'queued',
        ...(req.operator ? { operator: req.operator } : {}),
      });
      const queue = queueOf(s.id);
      await ensureQueue(boss, queue);
      const jobId = await boss.send(queue, { runId: run.id } satisfies JobData, { retryLimit: RETRY_LIMIT, retryDelay: 0, expireInHours: 12 });
      if (!jobId) throw new CampaignError(`the queue ${queue} refused the job of run ${run.id}`);
      await db.query('UPDATE run SET job_id = $2 WHERE id = $1', [run.id, jobId]);
      jobs.push({ runId: run.id, jobId, sample: s.name, queue });
    }
    return jobs;
  } finally {
    if (!bossIn) await boss.stop({ graceful: false, wait: true } as never);
  }
}

/** What a station knows of the card in its reader, and the tag the lab gave the reader. */
export interface StationCard {
  atr?: string;
  serial?: string;
  tag?: string;
}

/**
 * Does this station's reader hold the sample? By reader tag, or by ATR (and serial, when the sample
 * has one and the station was told the card's).
 */
export function holdsSample(card: StationCard, s: Pick<SampleRow, 'atr' | 'serial' | 'reader_tag'>): boolean {
  if (s.reader_tag) return card.tag === s.reader_tag;
  if (!s.atr || !card.atr || s.atr !== card.atr) return false;
  return !s.serial || s.serial === card.serial;
}
