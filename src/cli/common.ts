/** What the commands share: the project root, reading a plan from --profile or --plan, the --lang option. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option } from 'commander';
import { DEFECTS } from '../run/catalogue.ts';
import { didYouMean } from '../profile/load.ts';
import { loadProfile } from '../profile/load.ts';
import { type Plan, PlanError, buildPlan, changedFeatures } from '../plan/plan.ts';
import { featureFiles } from '../plan/scenarios.ts';
import { canonicalJson } from '../report/canonical.ts';
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
    if (missing.length)
      throw new UsageError(`--plan ${opts.plan}: feature file(s) ${missing.join(', ')} not found in ${ROOT}; the plan was made for another version of sscc`);
    if (opts.tags || opts.area) throw new UsageError('--tags and --area apply when a plan is made from --profile; a saved plan keeps its own selection');
    const changed = changedFeatures(ROOT, plan);
    if (changed.length)
      throw new UsageError(`--plan ${opts.plan}: these feature files changed since the plan was made: ${changed.join(', ')}; make a new plan`);
    checkPlanAgainstSources(plan, opts.plan);
  } else if (opts.profile) {
    try {
      const areas = opts.area
        ?.split(',')
        .map((a) => a.trim())
        .filter(Boolean);
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
    for (const d of opts.defect)
      if (!DEFECTS.some((x) => x.id === d))
        throw new UsageError(
          `--defect ${d}: unknown${didYouMean(
            d,
            DEFECTS.map((x) => x.id),
          )}; known: ${DEFECTS.map((x) => x.id).join(', ')}`,
        );
    plan.profile.data = { ...plan.profile.data, target: { ...t, defects: [...(t.defects ?? []), ...opts.defect] } };
  }
  if (opts.reader !== undefined) {
    const t = plan.profile.data.target;
    if (t.kind !== 'pcsc') throw new UsageError('--reader needs a PC/SC target (target.kind: pcsc)');
    const one = (r: string) => (/^\d+$/.test(r) ? Number(r) : r);
    const list = opts.reader
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const reader = list.length > 1 ? list.map(one) : one(opts.reader);
    plan.profile.data = { ...plan.profile.data, target: { ...t, reader } };
  }
  return plan;
}

/**
 * A plan cannot lie (issue 18): its features are all of the suite's, its scenarios are the ones its
 * features, tag filter and ICS give, and, when its profile file is still there unchanged, its product
 * and ICS are that file's. Anything else is refused (exit 2) with what differs.
 */
function checkPlanAgainstSources(plan: Plan, file: string): void {
  const all = featureFiles(ROOT);
  const listed = new Set(plan.features.map((f) => f.uri));
  const left = all.filter((f) => !listed.has(f));
  if (left.length)
    throw new UsageError(
      `--plan ${file}: features lists ${listed.size} of the ${all.length} feature files (missing ${left.slice(0, 5).join(', ')}${left.length > 5 ? ' …' : ''}); a plan covers every feature file and narrows with tags: make a new plan with --tags`,
    );
  let expected: Plan;
  try {
    expected = buildPlan(
      ROOT,
      { profile: plan.profile.data, file: plan.profile.file, sha256: plan.profile.sha256, text: '' },
      { ...(plan.tags ? { tags: plan.tags } : {}), ...(plan.areas ? { areas: plan.areas } : {}) },
    );
  } catch (e) {
    if (e instanceof PlanError) throw new UsageError(`--plan ${file}: ${e.message}`);
    throw e;
  }
  const key = (s: Plan['scenarios'][number]) => `${s.uri}:${s.line} ${s.id} ${s.applicable ? 'applies' : 'not applicable'}`;
  const want = new Set(expected.scenarios.map(key));
  const have = new Set(plan.scenarios.map(key));
  const dropped = [...want].filter((k) => !have.has(k));
  const added = [...have].filter((k) => !want.has(k));
  if (dropped.length || added.length) {
    throw new UsageError(
      `--plan ${file}: its scenario list disagrees with its features, tags and ICS: ${dropped.length ? `${dropped.length} left out (${dropped.slice(0, 3).join('; ')}${dropped.length > 3 ? ' …' : ''})` : ''}${dropped.length && added.length ? ', ' : ''}${added.length ? `${added.length} not given by them (${added.slice(0, 3).join('; ')})` : ''}; make a new plan (narrow it with --tags)`,
    );
  }
  if (existsSync(plan.profile.file)) {
    let loaded: ReturnType<typeof loadProfile> | undefined;
    try {
      loaded = loadProfile(plan.profile.file);
    } catch {
      loaded = undefined; // the profile file is not the plan's any more: the sha256 check below says so
    }
    if (loaded && loaded.sha256 === plan.profile.sha256) {
      for (const part of ['product', 'ics'] as const) {
        if (canonicalJson(loaded.profile[part]) !== canonicalJson(plan.profile.data[part])) {
          throw new UsageError(
            `--plan ${file}: profile.data.${part} differs from ${plan.profile.file}, whose sha256 the plan records; the report would show them under that file's hash; make a new plan from the profile`,
          );
        }
      }
    }
  }
}

export const langOption = new Option('--lang <lang>', 'language the HTML report opens in').choices(['zh-CN', 'en']).default('zh-CN');

export const areaOption = new Option('--area <areas>', 'run only these areas (folders of features/), comma-separated, e.g. iso7816,pboc');

export const tagsOption = new Option(
  '--tags <expression>',
  'run only the scenarios a cucumber tag expression selects, e.g. "@TC:ISO-SEL-001" or "not @destructive"',
);

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
    throw new UsageError(
      `target ${target.kind}${target.kind === 'pcsc' && target.reader !== undefined ? ` reader ${JSON.stringify(target.reader)}` : ''}: ${e.message}; ${fix}`,
    );
  }
}
