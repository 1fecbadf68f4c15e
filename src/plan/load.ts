/**
 * Read a plan.json back (`sscc run --plan`): JSON, then its shape, then the profile inside it with
 * the same schema and plausibility checks as a YAML profile. Each problem names the field.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import parseTagExpression from '@cucumber/tag-expressions';
import { ProfileError, checkProfile, loadProfile, readInputFile } from '../profile/load.ts';
import { canonicalJson } from '../report/canonical.ts';
import { MASKED_VALUE, masker } from '../report/mask.ts';
import type { Plan } from './plan.ts';

/** A plan as written to plan.json and printed by `sscc list --json`: secrets masked, sealed by its SHA-256. */
export type PublicPlan = Plan & { sha256: string };

/** SHA-256 over the canonical JSON of the plan without its own sha256 member (as report digests). */
export function planDigest(plan: object): string {
  const { sha256: _s, ...body } = plan as { sha256?: string };
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

/** The plan to write: keys masked unless they are test keys (issue 18), and its digest, so that an edit shows. */
export function publicPlan(plan: Plan): PublicPlan {
  const { sha256: _s, ...rest } = plan as PublicPlan;
  const shown: Plan = { ...rest, profile: { ...plan.profile, data: masker(plan.profile.data).profile(plan.profile.data) } };
  return { ...shown, sha256: planDigest(shown) };
}

/** A plan file that cannot be used (exit code 2), with what is wrong and where. */
export class PlanError extends Error {
  override name = 'PlanError';
}

export function loadPlan(file: string): Plan {
  let text: string;
  try {
    text = readInputFile(file, 16 << 20);
  } catch (e) {
    throw new PlanError(`--plan ${file}: ${(e as Error).message}; give the plan.json of an earlier run or of \`sscc list --json\``);
  }
  return parsePlan(text, file);
}

/** `keys: false`: the plan is read for a report, not to run, so masked keys stay masked. */
export function parsePlan(text: string, file = 'plan.json', options: { keys?: boolean } = {}): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new PlanError(`--plan ${file}: not JSON (${(e as Error).message}); write it with \`sscc list --profile F --json > plan.json\``);
  }
  const problems: string[] = [];
  const at = (path: string, v: unknown, kind: 'string' | 'number' | 'boolean' | 'object' | 'array'): boolean => {
    const ok = kind === 'array' ? Array.isArray(v) : kind === 'object' ? typeof v === 'object' && v !== null && !Array.isArray(v) : typeof v === kind;
    if (!ok) problems.push(`${path}: must be ${kind === 'array' || kind === 'object' ? `an ${kind}` : `a ${kind}`}`);
    return ok;
  };
  if (!at('(top level)', data, 'object')) throw planProblems(file, problems);
  const p = data as Record<string, unknown>;
  if (p.schema !== 'sscc-plan/1') throw new PlanError(`--plan ${file}: not an sscc plan (schema is ${JSON.stringify(p.schema)}, expected "sscc-plan/1")`);
  // A plan cannot lie (issue 18): sscc seals what it writes; an edit by hand shows as a digest mismatch.
  if (typeof p.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(p.sha256)) {
    throw new PlanError(
      `--plan ${file}: sha256: ${p.sha256 === undefined ? 'missing' : 'must be 64 lower-case hex digits'}; sscc writes it into every plan.json; make a new plan with \`sscc list --profile F --json > plan.json\` (narrow it with --tags, not by editing)`,
    );
  }
  let actual: string;
  try {
    actual = planDigest(p);
  } catch (e) {
    // A number JSON.parse reads as Infinity (1e309) has no canonical form (found by the fuzzer).
    throw new PlanError(`--plan ${file}: holds a value sscc never writes (${(e as Error).message}); make a new plan with \`sscc list --profile F --json\``);
  }
  if (actual !== p.sha256) {
    throw new PlanError(
      `--plan ${file}: the plan was changed after sscc wrote it (it records sha256 ${p.sha256}, its content gives ${actual}); a plan is not edited by hand: make a new one with \`sscc list --profile F --json\`, narrowed with --tags`,
    );
  }
  if (p.tags !== undefined) {
    if (typeof p.tags !== 'string') problems.push('tags: must be a string (a cucumber tag expression)');
    else {
      try {
        parseTagExpression(p.tags);
      } catch (e) {
        problems.push(`tags: ${JSON.stringify(p.tags)} is not a tag expression (${(e as Error).message.split('\n')[0]})`);
      }
    }
  }
  at('createdAt', p.createdAt, 'string');
  if (at('tool', p.tool, 'object')) at('tool.version', (p.tool as Record<string, unknown>).version, 'string');
  if (at('profile', p.profile, 'object')) {
    const prof = p.profile as Record<string, unknown>;
    at('profile.file', prof.file, 'string');
    if (at('profile.sha256', prof.sha256, 'string') && !/^[0-9a-f]{64}$/.test(prof.sha256 as string))
      problems.push('profile.sha256: must be 64 lower-case hex digits');
    const masked = JSON.stringify((prof.data as { keys?: unknown } | undefined)?.keys ?? null).includes(JSON.stringify(MASKED_VALUE));
    if (!problems.length && options.keys !== false) unmaskKeys(prof, file);
    try {
      const data = prof.data as Record<string, unknown> | undefined;
      checkProfile(masked && options.keys === false && data ? (({ keys: _k, ...rest }) => rest)(data) : prof.data, `${file}: profile.data`);
    } catch (e) {
      if (!(e instanceof ProfileError)) throw e;
      problems.push(...e.problems.map((x) => `profile.data.${x}`));
    }
  }
  if (at('features', p.features, 'array')) {
    (p.features as unknown[]).forEach((f, i) => {
      if (at(`features[${i}]`, f, 'object')) {
        const uri = (f as Record<string, unknown>).uri;
        if (at(`features[${i}].uri`, uri, 'string') && !/^features\/[\s\S]*\.feature$/.test(uri as string)) {
          problems.push(`features[${i}].uri: ${JSON.stringify(uri)} is not a feature file under features/`);
        }
        const sha = (f as Record<string, unknown>).sha256;
        if (at(`features[${i}].sha256`, sha, 'string') && !/^[0-9a-f]{64}$/.test(sha as string))
          problems.push(`features[${i}].sha256: must be 64 lower-case hex digits`);
      }
    });
  }
  if (at('scenarios', p.scenarios, 'array')) {
    (p.scenarios as unknown[]).forEach((s, i) => {
      if (!at(`scenarios[${i}]`, s, 'object')) return;
      const sc = s as Record<string, unknown>;
      for (const k of ['id', 'name', 'uri', 'feature', 'area'] as const) at(`scenarios[${i}].${k}`, sc[k], 'string');
      at(`scenarios[${i}].line`, sc.line, 'number');
      at(`scenarios[${i}].applicable`, sc.applicable, 'boolean');
      for (const k of ['tags', 'requirements'] as const) {
        if (at(`scenarios[${i}].${k}`, sc[k], 'array') && !(sc[k] as unknown[]).every((t) => typeof t === 'string'))
          problems.push(`scenarios[${i}].${k}: must hold strings`);
      }
    });
  }
  if (problems.length) throw planProblems(file, problems);
  return data as Plan;
}

function planProblems(file: string, problems: string[]): PlanError {
  const shown = problems.slice(0, 20);
  const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
  return new PlanError(
    `--plan ${file}: ${problems.length === 1 ? shown[0] : `${problems.length} problems:\n  - ${shown.join('\n  - ')}${more}`}\n` +
      'write a plan with `sscc list --profile F --json > plan.json`, or use the plan.json of an earlier run',
  );
}

/**
 * A plan of a profile whose keys are not test keys holds them masked; the run takes them from the
 * profile file the plan names, which must still be the file the plan was made from (its SHA-256).
 */
function unmaskKeys(prof: Record<string, unknown>, file: string): void {
  const data = prof.data as { keys?: unknown } | undefined;
  if (!data || !JSON.stringify(data.keys ?? null).includes(JSON.stringify(MASKED_VALUE))) return;
  const from = prof.file as string;
  const fix = `the plan's keys are masked (testKeys: false) and are read from its profile file ${from}`;
  if (!existsSync(from)) throw new PlanError(`--plan ${file}: ${fix}, which is not there; run from the folder the plan was made in, or make a new plan`);
  let loaded: ReturnType<typeof loadProfile>;
  try {
    loaded = loadProfile(from);
  } catch (e) {
    throw new PlanError(`--plan ${file}: ${fix}: ${(e as Error).message}`);
  }
  if (loaded.sha256 !== prof.sha256)
    throw new PlanError(
      `--plan ${file}: ${fix}, which changed since the plan was made (sha256 ${loaded.sha256}, the plan says ${String(prof.sha256)}); make a new plan`,
    );
  prof.data = { ...(prof.data as object), keys: loaded.profile.keys };
}
