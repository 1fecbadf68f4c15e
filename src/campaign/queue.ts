/** Jobs for stations (filled in by the station work). */
import type { Db } from './db.ts';
import { CampaignError } from './store.ts';

export interface QueuedJob { runId: number; jobId: string; sample: string; queue: string }

export async function queueCampaign(_db: Db, _req: { campaign: string; build: string; samples?: string[]; area?: string; tags?: string }): Promise<QueuedJob[]> {
  throw new CampaignError('--queue needs a PostgreSQL server (--db postgres://…)');
}
