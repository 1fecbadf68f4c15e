/** The requirement catalogue (reports/requirements.yaml): clauses the suite intends to cover. */
import { readFileSync } from 'node:fs';
import { yamlData } from '../cache/derived.ts';
import { requirementOf } from '../plan/scenarios.ts';

export interface Requirement {
  /** As the report writes it: "ISO7816-4 7.1.1". */
  requirement: string;
  title?: string;
  /** The title in Chinese (the report's zh-CN rendering). */
  titleZh?: string;
}

const FILE = new URL('../../reports/requirements.yaml', import.meta.url);

let cached: Requirement[] | undefined;

export function requirementCatalogue(): Requirement[] {
  if (cached) return cached;
  const doc = yamlData(readFileSync(FILE, 'utf8')) as { requirements?: Array<{ id: string; title?: string; titleZh?: string }> };
  cached = (doc.requirements ?? []).map((r) => ({
    requirement: requirementOf(`@req:${r.id}`),
    ...(r.title ? { title: r.title } : {}),
    ...(r.titleZh ? { titleZh: r.titleZh } : {}),
  }));
  return cached;
}
