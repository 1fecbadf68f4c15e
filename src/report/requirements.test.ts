import { describe, expect, it } from 'vitest';
import { featureFiles, readScenarios } from '../plan/scenarios.ts';
import { ROOT } from '../run/test-support.ts';
import { latinWords } from '../verdict/messages.ts';
import { requirementCatalogue } from './requirements.ts';

describe('reports/requirements.yaml', () => {
  it('lists every requirement a scenario names, so that the coverage matrix and its gaps are complete', () => {
    const known = new Set(requirementCatalogue().map((r) => r.requirement));
    const { scenarios } = readScenarios(ROOT, featureFiles(ROOT));
    const missing = [...new Set(scenarios.flatMap((s) => s.requirements))].filter((r) => !known.has(r));
    expect(missing).toEqual([]);
  });

  it('gives every title in both languages: titleZh is Chinese, with no English word (issue 20 item 3)', () => {
    const titled = requirementCatalogue().filter((r) => r.title !== undefined);
    expect(titled.length).toBeGreaterThan(20);
    for (const r of titled) {
      expect(r.titleZh, r.requirement).toMatch(/[\u4e00-\u9fff]/);
      expect(latinWords(r.titleZh ?? ''), r.requirement).toEqual([]);
    }
    expect(requirementCatalogue().filter((r) => r.titleZh !== undefined && r.title === undefined)).toEqual([]);
  });
});
