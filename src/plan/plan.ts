/**
 * The run plan (docs/design.md flow step 2): the profile with its hash, every scenario with its
 * applicability, and the hash of every feature file. Self-contained: `sscc run --plan plan.json`.
 */
import { readFileSync } from 'node:fs';
import parseTagExpression from '@cucumber/tag-expressions';
import type { LoadedProfile } from '../profile/load.ts';
import type { Profile } from '../profile/profile.ts';
import { applicability, unknownApplicabilityTags } from './applicability.ts';
import { FeatureError, type FeatureFile, type ScenarioInfo, featureFiles, readScenarios } from './scenarios.ts';

export interface PlannedScenario extends ScenarioInfo {
  applicable: boolean;
  reason?: string;
}

export interface Plan {
  schema: 'sscc-plan/1';
  createdAt: string;
  tool: { name: 'sscc'; version: string };
  profile: { file: string; sha256: string; data: Profile };
  features: FeatureFile[];
  /** A cucumber tag expression that narrowed the plan (e.g. "@TC:ISO-SEL-001" or "not @destructive"). */
  tags?: string;
  /** The areas (folders of features/) the plan was cut to by --area; all when absent. */
  areas?: string[];
  /** The earlier run folder whose FAIL and INCONCLUSIVE cases this plan reruns (run --rerun-failed). */
  rerunOf?: string;
  scenarios: PlannedScenario[];
}

export function toolVersion(root: string): string {
  return (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string }).version;
}

export function buildPlan(root: string, loaded: LoadedProfile, options: { tags?: string; areas?: readonly string[] } = {}): Plan {
  const read = readScenarios(root, featureFiles(root));
  const { files } = read;
  let all = read.scenarios;
  // --area: the folders under features/ (iso7816, sscard, pboc, dual-app, lifecycle, terminal …).
  if (options.areas?.length) {
    const known = [...new Set(all.map((s) => s.area))].sort();
    const unknown = options.areas.filter((a) => !known.includes(a));
    if (unknown.length) throw new PlanError(`--area ${unknown.join(',')}: unknown; areas: ${known.join(', ')}`);
    // The plan keeps every feature file and its hash (a plan covers the suite); the run reads only these areas'.
    all = all.filter((s) => options.areas?.includes(s.area));
  }
  let scenarios = all;
  if (options.tags) {
    let expr: ReturnType<typeof parseTagExpression>;
    try {
      expr = parseTagExpression(options.tags);
    } catch (e) {
      throw new PlanError(`--tags "${options.tags}": ${(e as Error).message}`);
    }
    scenarios = all.filter((s) => expr.evaluate(s.tags));
    if (!scenarios.length) throw new PlanError(`--tags "${options.tags}" selects no scenario`);
  }
  const planned = scenarios.map((s) => {
    const unknown = unknownApplicabilityTags(s.tags);
    if (unknown.length) throw new FeatureError(`${s.uri}:${s.line}: unknown applicability tag ${unknown.join(', ')}`);
    // The sscard area tests 社会保障卡规范 itself: NOT APPLICABLE to a card that claims no version of it.
    const a = applicability(s.area === 'sscard' ? [...s.tags, '@ics:sscard'] : s.tags, loaded.profile);
    return { ...s, applicable: a.applicable, ...(a.reason ? { reason: a.reason } : {}) };
  });
  return {
    schema: 'sscc-plan/1',
    createdAt: new Date().toISOString(),
    tool: { name: 'sscc', version: toolVersion(root) },
    profile: { file: loaded.file, sha256: loaded.sha256, data: loaded.profile },
    features: files,
    ...(options.tags ? { tags: options.tags } : {}),
    ...(options.areas?.length ? { areas: [...options.areas] } : {}),
    scenarios: planned,
  };
}

/** A plan that cannot be made or run as asked (bad --tags, feature files changed since the plan). */
export class PlanError extends Error {
  override name = 'PlanError';
}

/** Feature files whose content differs from what the plan recorded. */
export function changedFeatures(root: string, plan: Plan): string[] {
  const now = new Map(readScenarios(root, featureFiles(root)).files.map((f) => [f.uri, f.sha256]));
  return plan.features.filter((f) => now.get(f.uri) !== f.sha256).map((f) => f.uri);
}
