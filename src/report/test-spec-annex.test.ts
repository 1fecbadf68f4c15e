import { describe, expect, it } from 'vitest';
import { loadSpecItems } from '../plan/test-spec-items.ts';
import { testSpecAnnex } from './build.ts';

describe('the coverage annex: the test specifications’ own items', () => {
  it('lists every item of reports/test-spec-items.yaml by spec, with the cases of this run that cover it and their verdicts', () => {
    const annex = testSpecAnnex([
      { id: 'TEAR-PIN-004', verdict: 'PASS' },
      { id: 'TEAR-SS-001', verdict: 'FAIL' },
    ]);
    expect(annex.flatMap((s) => s.items)).toHaveLength(loadSpecItems().length);
    expect(annex.map((s) => s.spec)).toEqual([...new Set(loadSpecItems().map((i) => i.spec))]);
    const item = (spec: string, name: string) => annex.find((s) => s.spec === spec)?.items.find((i) => i.item === name);
    expect(item('LDT6001-2', '防拔')).toMatchObject({
      status: 'covered',
      cases: [
        { id: 'TEAR-PIN-004', verdict: 'PASS' },
        { id: 'TEAR-SS-001', verdict: 'FAIL' },
      ],
    });
    expect(item('LDT6001-3', 'CHANGE PIN')).toMatchObject({ status: 'covered', cases: [{ id: 'TEAR-PIN-004', verdict: 'PASS' }] });
    // Covered by the suite, but by no scenario of this run.
    expect(item('LDT6001-3', 'ATR')).toMatchObject({ status: 'not-run', cases: [] });
    // Not covered: the reason, in both languages.
    // Every item has its Chinese text: a translation, or the name itself where it is a name or code.
    expect(annex.flatMap((s) => s.items).filter((i) => i.itemZh === undefined || (i.reason !== undefined && i.reasonZh === undefined))).toEqual([]);
    expect(item('LDT6001-3', 'ACSE_RECORD')).toMatchObject({
      status: 'not-covered',
      reason: expect.stringContaining('3.0'),
      reasonZh: expect.stringContaining('3.0'),
    });
  });
});
