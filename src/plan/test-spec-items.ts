/**
 * The test specifications' own items (reports/test-spec-items.yaml: LD/T 6001.2/.3/.5, the 送检 list,
 * JR/T 0045.1) and their status against the suite's scenarios: covered (by which @TC ids), not covered
 * (with the reason given), or unmapped (neither: an error of the file). The report's coverage annex
 * renders this.
 */
import { readFileSync } from 'node:fs';
import { yamlData } from '../cache/derived.ts';

export interface SpecItem {
  spec: string;
  item: string;
  /** The item's name in Chinese where the spec notes give it in English words (the zh-CN report). */
  itemZh?: string;
  /** @TC ids; a trailing * takes every id with that prefix. */
  covers?: string[];
  notCovered?: string;
  notCoveredZh?: string;
  note?: string;
  noteZh?: string;
}

export interface ItemStatus extends SpecItem {
  status: 'covered' | 'not-covered' | 'unmapped';
  /** The scenario ids the item's patterns found. */
  scenarios: string[];
  /** Patterns that found no scenario (an error of the file). */
  unmatched: string[];
}

const FILE = new URL('../../reports/test-spec-items.yaml', import.meta.url);

export function loadSpecItems(text: string = readFileSync(FILE, 'utf8')): Array<SpecItem & { title: string; titleZh?: string }> {
  const doc = yamlData(text) as {
    schema?: string;
    specs?: Array<{ spec: string; title?: string; titleZh?: string; items?: Array<Omit<SpecItem, 'spec'>> }>;
  };
  if (doc?.schema !== 'sscc-test-spec-items/1') throw new Error('reports/test-spec-items.yaml: schema is not sscc-test-spec-items/1');
  return (doc.specs ?? []).flatMap((s) =>
    (s.items ?? []).map((i) => ({ ...i, item: String(i.item), spec: s.spec, title: s.title ?? s.spec, ...(s.titleZh ? { titleZh: s.titleZh } : {}) })),
  );
}

/**
 * English words left in a text meant for the zh-CN report: lower-case Latin words. Names, codes and hex
 * stay (iReadCardBas, SSSE_RECORD, 9F79, 61xx, T=1), as do file paths, @tags and the names sscc and card-sim.
 */
export function latinWords(text: string): string[] {
  const names = text
    .replace(/[\w.-]*\/[\w./-]+/g, ' ')
    .replace(/@[\w:./*-]+/g, ' ')
    .replace(/\b[0-9A-F]{2}xx\b/g, ' ')
    .replace(/card-sim|sscc/g, ' ');
  return (names.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter((w) => /^[a-z]{2,}$/.test(w));
}
const matches = (pattern: string, id: string) => (pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : id === pattern);

/** Each item's status against the @TC ids of the suite. */
export function specItemStatus(items: readonly SpecItem[], scenarioIds: readonly string[]): ItemStatus[] {
  return items.map((i) => {
    const covers = i.covers ?? [];
    const found = covers.map((p) => ({ p, ids: scenarioIds.filter((id) => matches(p, id)) }));
    const scenarios = [...new Set(found.flatMap((f) => f.ids))].sort();
    const unmatched = found.filter((f) => !f.ids.length).map((f) => f.p);
    const reason = typeof i.notCovered === 'string' && i.notCovered.trim() !== '';
    const status = scenarios.length && !unmatched.length ? 'covered' : !covers.length && reason ? 'not-covered' : 'unmapped';
    return { ...i, status, scenarios, unmatched };
  });
}
