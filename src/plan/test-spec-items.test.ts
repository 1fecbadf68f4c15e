import { describe, expect, it } from 'vitest';
import { featureFiles, readScenarios } from './scenarios.ts';
import { ROOT } from '../run/test-support.ts';
import { latinWords, loadSpecItems, specItemStatus } from './test-spec-items.ts';

const ids = () => readScenarios(ROOT, featureFiles(ROOT)).scenarios.map((s) => s.id);

describe('reports/test-spec-items.yaml', () => {
  it('maps every named item of the test specs to scenarios that exist, or says why it is not covered', () => {
    const bad = specItemStatus(loadSpecItems(), ids()).filter((s) => s.status === 'unmapped');
    expect(bad.map((b) => `${b.spec} ${b.item}${b.unmatched.length ? `: no scenario ${b.unmatched.join(', ')}` : ''}`)).toEqual([]);
  });

  it('lists the 22 items of LD/T 6001.3 and the 9 PSAM-mode functions of LD/T 6001.5 (spec-notes/test-specs.md)', () => {
    const items = loadSpecItems();
    expect(items.filter((i) => i.spec === 'LDT6001-3' && i.item !== '测试项目的划分')).toHaveLength(22);
    expect(items.filter((i) => i.spec === 'LDT6001-5' && i.item.startsWith('i'))).toHaveLength(9);
    expect(items.filter((i) => i.spec === 'JRT0045-1').map((i) => i.item)).toEqual(expect.arrayContaining(['TPSB', 'TPSC', 'TPSE', 'TPSF', 'TPSG', 'FHDT']));
  });

  it('fails an item neither covered nor marked, and a mapping to no scenario', () => {
    const items = loadSpecItems(`schema: sscc-test-spec-items/1
specs:
  - spec: X
    items:
      - { item: A }
      - { item: B, covers: ["NOPE-*"] }
      - { item: C, covers: ["SS-PIN-001"] }
      - { item: D, notCovered: "why" }
      - { item: E, notCovered: "  " }`);
    expect(specItemStatus(items, ['SS-PIN-001']).map((s) => s.status)).toEqual(['unmapped', 'unmapped', 'covered', 'not-covered', 'unmapped']);
  });

  it('gives every title, item, reason and note in Chinese where the English has words (the zh-CN annex)', () => {
    const left = loadSpecItems().flatMap((i) =>
      (
        [
          ['title', i.titleZh ?? i.title],
          ['item', i.itemZh ?? i.item],
          ['notCovered', i.notCoveredZh ?? i.notCovered],
          ['note', i.noteZh ?? i.note],
        ] as const
      )
        .filter(([, text]) => text !== undefined && latinWords(text).length > 0)
        .map(([field, text]) => `${i.spec} ${i.item} ${field}: ${latinWords(text as string).join(' ')}`),
    );
    expect(left).toEqual([]);
  });

  it('takes names, codes, hex, paths and tags for what they are, and finds English words', () => {
    expect(latinWords('iReadCardBas SSSE_RECORD 9F79 61xx T=1 @sscard:1.0 spec-notes/sscard.md card-sim sscc')).toEqual([]);
    expect(latinWords('无场景 no scenario')).toEqual(['no', 'scenario']);
  });
});
