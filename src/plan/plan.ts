/**
 * The run plan (DESIGN.md flow step 2): the profile with its hash, every scenario with its
 * applicability, and the hash of every feature file. Self-contained: `sscc run --plan plan.json`.
 */
import { readFileSync } from 'node:fs';
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
  scenarios: PlannedScenario[];
}

export function toolVersion(root: string): string {
  return (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string }).version;
}

export function buildPlan(root: string, loaded: LoadedProfile): Plan {
  const { scenarios, files } = readScenarios(root, featureFiles(root));
  const planned = scenarios.map((s) => {
    const unknown = unknownApplicabilityTags(s.tags);
    if (unknown.length) throw new FeatureError(`${s.uri}:${s.line}: unknown applicability tag ${unknown.join(', ')}`);
    const a = applicability(s.tags, loaded.profile);
    return { ...s, applicable: a.applicable, ...(a.reason ? { reason: a.reason } : {}) };
  });
  return {
    schema: 'sscc-plan/1',
    createdAt: new Date().toISOString(),
    tool: { name: 'sscc', version: toolVersion(root) },
    profile: { file: loaded.file, sha256: loaded.sha256, data: loaded.profile },
    features: files,
    scenarios: planned,
  };
}
