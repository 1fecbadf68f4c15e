/** The scenario titles and step definitions without Chinese (reports/i18n/untranslated.json; `npm run i18n:untranslated`). */
import { featureFiles, readScenarios } from '../plan/scenarios.ts';
import { stepCatalogue, stepPatterns, titleZh } from './i18n.ts';

export function untranslated(root: string, given?: { ids: string[]; patterns: string[] }): { titles: string[]; steps: string[] } {
  const ids = given?.ids ?? readScenarios(root, featureFiles(root)).scenarios.map((s) => s.id);
  const patterns = given?.patterns ?? stepPatterns(root);
  const catalogue = stepCatalogue();
  return {
    titles: [...new Set(ids.filter((id) => titleZh(id) === undefined))].sort(),
    steps: patterns.filter((p) => !Object.hasOwn(catalogue, p)).sort(),
  };
}
