/**
 * A station: a worker for one reader (issue 22). It heartbeats into the station table, takes jobs only
 * from the queues of the samples its reader holds (by ATR and serial, or by reader tag), runs each job
 * with every finished case shipped to the database as it happens, and fails the jobs of stations whose
 * heartbeat has gone stale, so that pg-boss hands them to another station, which resumes the run.
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type PgBoss from 'pg-boss';
import type { Plan } from '../plan/plan.ts';
import type { Target } from '../profile/profile.ts';
import type { Db } from './db.ts';
import { executeRun, preloadSupport } from './execute.ts';
import { ROOT } from './campaign.ts';
import { buildPlan } from '../plan/plan.ts';
import { loadProfile } from '../profile/load.ts';
import { type JobData, type StationCard, holdsSample, openBoss, queueOf } from './queue.ts';
import { type SampleRow, normaliseAtr, runById } from './store.ts';

export interface StationOptions {
  db: Db;
  name: string;
  /** The reader's target (target.reader set); the ATR is read from it at the start. */
  target: Target;
  card: StationCard;
  runsDir: string;
  heartbeatMs?: number;
  /** A station silent this long is dead: its job is failed and retried elsewhere. */
  deadAfterMs?: number;
  pollMs?: number;
  log?: (line: string) => void;
}

export class Station {
  private boss?: PgBoss;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private current?: { queue: string; jobId: string; runId: number };
  private readonly log: (line: string) => void;
  jobs = 0;
  cases = 0;

  constructor(private readonly o: StationOptions) {
    this.log = o.log ?? ((l) => process.stderr.write(`${l}\n`));
  }

  async start(): Promise<void> {
    const { db, name, card } = this.o;
    this.boss = await openBoss(db);
    // The step library, loaded before the station says it is up (it takes a second or two).
    await preloadSupport(buildPlan(ROOT, loadProfile(resolve(ROOT, 'profiles/pcsc-reference.yaml')), { tags: '@TC:ISO-SEL-001' }));
    await db.query(
      `INSERT INTO station (name, host, pid, reader, atr, serial, tag, state, heartbeat_at, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'alive', now(), now())
       ON CONFLICT (name) DO UPDATE SET host = $2, pid = $3, reader = $4, atr = $5, serial = $6, tag = $7, state = 'alive', heartbeat_at = now(), started_at = now(), run_id = NULL, job_id = NULL, queue = NULL`,
      [
        name,
        hostname(),
        process.pid,
        this.o.target.kind === 'pcsc' ? String(this.o.target.reader ?? '') : 'sim',
        card.atr ?? null,
        card.serial ?? null,
        card.tag ?? null,
      ],
    );
    this.timer = setInterval(() => void this.heartbeat().catch((e: Error) => this.log(`sscc station: heartbeat: ${e.message}`)), this.o.heartbeatMs ?? 1000);
    this.log(
      `sscc station ${name}: up; card ATR ${card.atr ?? '-'}${card.serial ? `, serial ${card.serial}` : ''}${card.tag ? `, reader tag ${card.tag}` : ''}`,
    );
  }

  /** Heartbeat, and fail the jobs of dead stations (one station wins each, by the UPDATE … RETURNING). */
  async heartbeat(): Promise<void> {
    const { db } = this.o;
    await db.query('UPDATE station SET heartbeat_at = now() WHERE name = $1', [this.o.name]);
    const dead = await db.query<{ name: string; queue: string | null; job_id: string | null; run_id: number | null }>(
      `UPDATE station SET state = 'dead' WHERE state = 'alive' AND name <> $1 AND heartbeat_at < now() - ($2 || ' milliseconds')::interval RETURNING name, queue, job_id, run_id`,
      [this.o.name, String(this.o.deadAfterMs ?? 15_000)],
    );
    for (const d of dead) {
      if (!d.queue || !d.job_id) {
        this.log(`sscc station ${this.o.name}: station ${d.name} is silent: marked dead (it held no job)`);
        continue;
      }
      await this.boss!.fail(d.queue, d.job_id, { message: `station ${d.name} stopped heartbeating` });
      await db.query("UPDATE run SET status = 'queued' WHERE id = $1 AND status = 'running'", [d.run_id]);
      this.log(`sscc station ${this.o.name}: station ${d.name} is silent: its job of run ${d.run_id} goes back to the queue`);
    }
  }

  /** The queues of the samples this station's reader holds. */
  async queues(): Promise<string[]> {
    const all = await this.o.db.query<SampleRow>('SELECT * FROM sample');
    return all.filter((s) => holdsSample(this.o.card, s)).map((s) => queueOf(s.id));
  }

  /** Take and run jobs until stopped. */
  async work(): Promise<void> {
    while (!this.stopped) {
      const job = await this.next();
      if (!job) {
        await new Promise((r) => setTimeout(r, this.o.pollMs ?? 500));
        continue;
      }
      await this.runJob(job.queue, job.id, job.data);
    }
  }

  private async next(): Promise<{ queue: string; id: string; data: JobData } | undefined> {
    for (const queue of await this.queues()) {
      if (!(await this.boss!.getQueue(queue))) continue;
      const [job] = await this.boss!.fetch<JobData>(queue, { batchSize: 1 } as never);
      if (job) return { queue, id: job.id, data: job.data };
    }
    return undefined;
  }

  async runJob(queue: string, jobId: string, data: JobData): Promise<void> {
    const { db } = this.o;
    this.current = { queue, jobId, runId: data.runId };
    await db.query('UPDATE station SET run_id = $2, job_id = $3, queue = $4 WHERE name = $1', [this.o.name, data.runId, jobId, queue]);
    try {
      const run = await runById(db, data.runId);
      const [info] = await db.query<{ campaign: string; build: string }>(
        'SELECT c.name AS campaign, b.name AS build FROM run r JOIN campaign c ON c.id = r.campaign_id JOIN build b ON b.id = r.build_id WHERE r.id = $1',
        [run.id],
      );
      const [sample] = await db.query<SampleRow>('SELECT * FROM sample WHERE id = $1', [run.sample_id]);
      const stored = run.plan as Plan;
      const plan: Plan = { ...stored, profile: { ...stored.profile, data: { ...stored.profile.data, target: this.o.target } } };
      this.log(`sscc station ${this.o.name}: run ${run.id} (${info!.campaign}, sample ${sample!.name}, build ${info!.build}), attempt ${run.attempts + 1}`);
      const done = await executeRun({
        db,
        runId: run.id,
        uid: run.uid,
        campaign: info!.campaign,
        sample: sample!,
        build: info!.build,
        kind: run.kind,
        plan,
        outDir: resolve(this.o.runsDir, info!.campaign, info!.build, sample!.name, `run-${run.id}`),
        station: this.o.name,
      });
      this.cases += done.recorded;
      this.jobs++;
      await this.boss!.complete(queue, jobId);
      this.log(
        `sscc station ${this.o.name}: run ${run.id} done: ${done.recorded} cases recorded by this attempt${done.skipped ? `, ${done.skipped} already held` : ''}`,
      );
    } catch (e) {
      this.log(`sscc station ${this.o.name}: run ${data.runId} failed: ${(e as Error).message}`);
      await this.boss!.fail(queue, jobId, { message: (e as Error).message });
    } finally {
      this.current = undefined;
      await db.query('UPDATE station SET run_id = NULL, job_id = NULL, queue = NULL WHERE name = $1', [this.o.name]);
    }
  }

  /** Stop: the job in hand goes back to its queue at once (its finished cases are kept). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.current) await this.boss?.fail(this.current.queue, this.current.jobId, { message: `station ${this.o.name} stopped` }).catch(() => undefined);
    await this.o.db
      .query("UPDATE station SET state = 'stopped', run_id = NULL, job_id = NULL, queue = NULL WHERE name = $1", [this.o.name])
      .catch(() => undefined);
    await this.boss?.stop({ graceful: false, wait: true } as never).catch(() => undefined);
  }
}

export function atrHex(atr: Uint8Array): string {
  return normaliseAtr(Buffer.from(atr).toString('hex'));
}
