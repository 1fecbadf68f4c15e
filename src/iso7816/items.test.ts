import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { featureFiles, readScenarios } from '../plan/scenarios.ts';
import { ROOT } from '../run/test-support.ts';

interface Item {
  item: string;
  clause: string;
  group?: string;
  status: string;
  covers?: string[];
  reason?: string;
}

const doc = parse(readFileSync(new URL('../../reports/iso7816-3-items.yaml', import.meta.url), 'utf8')) as { schema: string; items: Item[] };
const scenarios = readScenarios(ROOT, featureFiles(ROOT)).scenarios;
/** The tag each status requires of its scenarios, or that they must not carry. */
const TAG: Record<string, string | undefined> = { tested: undefined, tpdu: '@needs:tpdu', 'not-reachable': '@needs:line-access' };

/** What is wrong with one item of reports/iso7816-3-items.yaml; [] when nothing. */
function problems(i: Item): string[] {
  if (i.status === 'not-covered') return i.reason?.trim() ? [] : [`${i.item}: not-covered without a reason`];
  if (!(i.status in TAG)) return [`${i.item}: status ${i.status} is none of tested, tpdu, not-reachable, not-covered`];
  if (!i.covers?.length) return [`${i.item}: ${i.status} names no scenario`];
  return i.covers.flatMap((id) => {
    const s = scenarios.find((x) => x.id === id);
    if (!s) return [`${i.item}: no scenario ${id}`];
    const tags = s.tags;
    const want = TAG[i.status];
    if (want && !tags.includes(want)) return [`${i.item}: ${id} is ${i.status} but not tagged ${want}`];
    if (!want && (tags.includes('@needs:tpdu') || tags.includes('@needs:line-access'))) return [`${i.item}: ${id} is tested but NOT APPLICABLE through PC/SC`];
    return [];
  });
}

describe('reports/iso7816-3-items.yaml', () => {
  it('marks every ISO/IEC 7816-3 item tested (by scenarios that exist), reachable through a TPDU reader only, not reachable, or not covered with a reason', () => {
    expect(doc.schema).toBe('sscc-iso7816-3-items/1');
    expect(doc.items.flatMap(problems)).toEqual([]);
  });

  it('lists every scenario that is NOT APPLICABLE as not reachable through PC/SC', () => {
    const listed = new Set(doc.items.flatMap((i) => i.covers ?? []));
    const unreachable = scenarios.filter((s) => s.tags.includes('@needs:line-access') || s.tags.includes('@needs:tpdu')).map((s) => s.id);
    expect(unreachable.filter((id) => !listed.has(id))).toEqual([]);
    expect(unreachable.length).toBeGreaterThan(10);
  });

  it('fails an item without status, scenario or reason', () => {
    expect(problems({ item: 'A', clause: '1', status: 'tested', covers: ['NOPE-1'] })).toEqual(['A: no scenario NOPE-1']);
    expect(problems({ item: 'B', clause: '1', status: 'not-covered' })).toEqual(['B: not-covered without a reason']);
    expect(problems({ item: 'C', clause: '1', status: 'tpdu', covers: ['ISO-ATR-001'] })).toEqual(['C: ISO-ATR-001 is tpdu but not tagged @needs:tpdu']);
    expect(problems({ item: 'D', clause: '1', status: 'tested', covers: ['ISO-L1-001'] })).toEqual([
      'D: ISO-L1-001 is tested but NOT APPLICABLE through PC/SC',
    ]);
    expect(problems({ item: 'E', clause: '1', status: 'pass' })).toEqual(['E: status pass is none of tested, tpdu, not-reachable, not-covered']);
  });
});
