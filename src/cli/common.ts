/** What the commands share: the project root, reading a plan from --profile or --plan, the --lang option. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option } from 'commander';
import { DEFECTS } from '../../card-sim/defects/catalogue.ts';
import { loadProfile } from '../profile/load.ts';
import { type Plan, PlanError, buildPlan, changedFeatures } from '../plan/plan.ts';
import type { Target } from '../profile/profile.ts';
import { openChannel } from '../transport/open.ts';
import { TransportError } from '../verdict/errors.ts';
import { loadPlan } from '../plan/load.ts';
import { UsageError } from './errors.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function planFrom(opts: { profile?: string; plan?: string; defect?: string[]; tags?: string; area?: string; reader?: string }): Plan {
  let plan: Plan;
  if (opts.plan) {
    plan = loadPlan(opts.plan);
    const missing = plan.features.filter((f) => !existsSync(resolve(ROOT, f.uri))).map((f) => f.uri);
    if (missing.length) throw new UsageError(`--plan ${opts.plan}: feature file(s) ${missing.join(', ')} not found in ${ROOT}; the plan was made for another version of sscc`);
    if (opts.tags || opts.area) throw new UsageError('--tags and --area apply when a plan is made from --profile; a saved plan keeps its own selection');
    const changed = changedFeatures(ROOT, plan);
    if (changed.length) throw new UsageError(`--plan ${opts.plan}: these feature files changed since the plan was made: ${changed.join(', ')}; make a new plan`);
  } else if (opts.profile) {
    try {
      const areas = opts.area?.split(',').map((a) => a.trim()).filter(Boolean);
      plan = buildPlan(ROOT, loadProfile(opts.profile), { ...(opts.tags ? { tags: opts.tags } : {}), ...(areas?.length ? { areas } : {}) });
    } catch (e) {
      if (e instanceof PlanError) throw new UsageError(e.message);
      throw e;
    }
  } else {
    throw new UsageError('give --profile FILE (or --plan plan.json); example: --profile profiles/sim-reference.yaml');
  }
  if (opts.defect?.length) {
    const t = plan.profile.data.target;
    if (t.kind !== 'sim') throw new UsageError('--defect needs a simulator target (target.kind: sim)');
    for (const d of opts.defect) if (!DEFECTS.some((x) => x.id === d)) throw new UsageError(`--defect ${d}: unknown; known: ${DEFECTS.map((x) => x.id).join(', ')}`);
    plan.profile.data = { ...plan.profile.data, target: { ...t, defects: [...(t.defects ?? []), ...opts.defect] } };
  }
  if (opts.reader !== undefined) {
    const t = plan.profile.data.target;
    if (t.kind !== 'pcsc') throw new UsageError('--reader needs a PC/SC target (target.kind: pcsc)');
    const one = (r: string) => (/^\d+$/.test(r) ? Number(r) : r);
    const list = opts.reader.split(',').map((r) => r.trim()).filter(Boolean);
    const reader = list.length > 1 ? list.map(one) : one(opts.reader);
    plan.profile.data = { ...plan.profile.data, target: { ...t, reader } };
  }
  return plan;
}

export const langOption = new Option('--lang <lang>', 'language the HTML report opens in').choices(['zh-CN', 'en']).default('zh-CN');


export const areaOption = new Option('--area <areas>', 'run only these areas (folders of features/), comma-separated, e.g. iso7816,pboc');

export const tagsOption = new Option('--tags <expression>', 'run only the scenarios a cucumber tag expression selects, e.g. "@TC:ISO-SEL-001" or "not @destructive"');

/**
 * Open the target once before a run: an image or reader that is not there, or a reader without a card,
 * is a mistake in the call (exit 2) with what to fix, not a run of INCONCLUSIVE cases. Trouble after
 * this point is the card's or the reader's: INCONCLUSIVE, and the run goes on.
 */
export async function checkTarget(target: Target): Promise<void> {
  const each: Target[] = target.kind === 'pcsc' && Array.isArray(target.reader) ? target.reader.map((reader) => ({ ...target, reader })) : [target];
  try {
    for (const t of each) {
      const channel = await openChannel(t);
      await channel.reset();
      await channel.close();
    }
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    const fix =
      target.kind === 'pcsc'
        ? 'check that pcscd runs, that target.reader names a connected reader, and that the card is inserted'
        : 'check target.image in the profile';
    throw new UsageError(`target ${target.kind}${target.kind === 'pcsc' && target.reader !== undefined ? ` reader ${JSON.stringify(target.reader)}` : ''}: ${e.message}; ${fix}`);
  }
}
