/**
 * Read a plan.json back (`sscc run --plan`): JSON, then its shape, then the profile inside it with
 * the same schema and plausibility checks as a YAML profile. Each problem names the field.
 */
import { readFileSync } from 'node:fs';
import { ProfileError, checkProfile } from '../profile/load.ts';
import type { Plan } from './plan.ts';

/** A plan file that cannot be used (exit code 2), with what is wrong and where. */
export class PlanError extends Error {
  override name = 'PlanError';
}

export function loadPlan(file: string): Plan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PlanError(`--plan ${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)}); give the plan.json of an earlier run or of \`sscc list --json\``);
  }
  return parsePlan(text, file);
}

export function parsePlan(text: string, file = 'plan.json'): Plan {
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
  at('createdAt', p.createdAt, 'string');
  if (at('tool', p.tool, 'object')) at('tool.version', (p.tool as Record<string, unknown>).version, 'string');
  if (at('profile', p.profile, 'object')) {
    const prof = p.profile as Record<string, unknown>;
    at('profile.file', prof.file, 'string');
    at('profile.sha256', prof.sha256, 'string');
    try {
      checkProfile(prof.data, `${file}: profile.data`);
    } catch (e) {
      if (!(e instanceof ProfileError)) throw e;
      problems.push(...e.problems.map((x) => `profile.data.${x}`));
    }
  }
  if (at('features', p.features, 'array')) {
    (p.features as unknown[]).forEach((f, i) => {
      if (at(`features[${i}]`, f, 'object')) {
        const uri = (f as Record<string, unknown>).uri;
        if (at(`features[${i}].uri`, uri, 'string') && !/^features\/[^]*\.feature$/.test(uri as string)) {
          problems.push(`features[${i}].uri: ${JSON.stringify(uri)} is not a feature file under features/`);
        }
        at(`features[${i}].sha256`, (f as Record<string, unknown>).sha256, 'string');
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
        if (at(`scenarios[${i}].${k}`, sc[k], 'array') && !(sc[k] as unknown[]).every((t) => typeof t === 'string')) problems.push(`scenarios[${i}].${k}: must hold strings`);
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
