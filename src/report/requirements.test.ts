import { describe, expect, it } from 'vitest';
import { featureFiles, readScenarios } from '../plan/scenarios.ts';
import { ROOT } from '../run/test-support.ts';
import { requirementCatalogue } from './requirements.ts';

describe('reports/requirements.yaml', () => {
  it('lists every requirement a scenario names, so that the coverage matrix and its gaps are complete', () => {
    const known = new Set(requirementCatalogue().map((r) => r.requirement));
    const { scenarios } = readScenarios(ROOT, featureFiles(ROOT));
    const missing = [...new Set(scenarios.flatMap((s) => s.requirements))].filter((r) => !known.has(r));
    expect(missing).toEqual([]);
  });
});
