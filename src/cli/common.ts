/** What the commands share: the project root, reading a plan from --profile or --plan, the --lang option. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option } from 'commander';
import { DEFECTS } from '../../card-sim/defects/catalogue.ts';
import { loadProfile } from '../profile/load.ts';
import { type Plan, buildPlan } from '../plan/plan.ts';
import { loadPlan } from '../plan/load.ts';
import { UsageError } from './errors.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function planFrom(opts: { profile?: string; plan?: string; defect?: string[] }): Plan {
  let plan: Plan;
  if (opts.plan) {
    plan = loadPlan(opts.plan);
    const missing = plan.features.filter((f) => !existsSync(resolve(ROOT, f.uri))).map((f) => f.uri);
    if (missing.length) throw new UsageError(`--plan ${opts.plan}: feature file(s) ${missing.join(', ')} not found in ${ROOT}; the plan was made for another version of sscc`);
  } else if (opts.profile) {
    plan = buildPlan(ROOT, loadProfile(opts.profile));
  } else {
    throw new UsageError('give --profile FILE (or --plan plan.json); example: --profile profiles/sim-reference.yaml');
  }
  if (opts.defect?.length) {
    const t = plan.profile.data.target;
    if (t.kind !== 'sim') throw new UsageError('--defect needs a simulator target (target.kind: sim)');
    for (const d of opts.defect) if (!DEFECTS.some((x) => x.id === d)) throw new UsageError(`--defect ${d}: unknown; known: ${DEFECTS.map((x) => x.id).join(', ')}`);
    plan.profile.data = { ...plan.profile.data, target: { ...t, defects: [...(t.defects ?? []), ...opts.defect] } };
  }
  return plan;
}

export const langOption = new Option('--lang <lang>', 'language the HTML report opens in').choices(['zh-CN', 'en']).default('zh-CN');

