import { describe, expect, it } from 'vitest';
import { decide, type StepResult } from './model.ts';

const step = (status: string, errorType?: string, error?: string): StepResult => ({
  text: `Then x (${status})`,
  status,
  durationMs: 0,
  apdus: [],
  ...(errorType ? { errorType } : {}),
  ...(error ? { error } : {}),
});

describe('verdict of a case', () => {
  it('PASS when every step passed and the case finished', () => {
    expect(decide([step('PASSED'), step('PASSED')], undefined, true).verdict).toBe('PASS');
  });
  it('NOT_APPLICABLE with the ICS reason', () => {
    expect(decide([step('SKIPPED')], 'ICS: requires x', true)).toEqual({ verdict: 'NOT_APPLICABLE', reason: 'ICS: requires x' });
  });
  it('FAIL for a NonConformance, with its message and step', () => {
    const d = decide([step('PASSED'), step('FAILED', 'NonConformance', 'expected 6A82, card answered 9000'), step('SKIPPED')], undefined, true);
    expect(d).toEqual({ verdict: 'FAIL', reason: 'expected 6A82, card answered 9000', failedStep: 'Then x (FAILED)' });
  });
  it('FAIL for malformed card data (TlvError)', () => {
    expect(decide([step('FAILED', 'TlvError', 'value of tag 6F claims 9 bytes')], undefined, true).verdict).toBe('FAIL');
  });
  it('a precondition not met in a Given step is INCONCLUSIVE; the same in a When or Then step is a FAIL', () => {
    const given = { ...step('FAILED', 'PreconditionNotMet', 'precondition not met: SELECT of DF "x" answered 6A82'), text: 'Given the DF of x is selected' };
    expect(decide([given], undefined, true)).toMatchObject({ verdict: 'INCONCLUSIVE', reason: 'precondition not met: SELECT of DF "x" answered 6A82' });
    const when = { ...given, text: 'When the SSSE is selected' };
    expect(decide([when], undefined, true)).toMatchObject({ verdict: 'FAIL', reason: 'SELECT of DF "x" answered 6A82' });
  });
  it('a restore that did not take is a FAIL (RestoreFailed)', () => {
    expect(decide([step('FAILED', 'RestoreFailed', 'restore failed: x')], undefined, true).verdict).toBe('FAIL');
  });
  it('INCONCLUSIVE for transport trouble and unobservable behaviour', () => {
    expect(decide([step('FAILED', 'CardRemovedError', 'card removed')], undefined, true).verdict).toBe('INCONCLUSIVE');
    expect(decide([step('FAILED', 'Unobservable', 'uniform EF')], undefined, true).verdict).toBe('INCONCLUSIVE');
  });
  it('ERROR for a defect of the tool: an unknown exception or an undefined step', () => {
    expect(decide([step('FAILED', 'TypeError', 'x is undefined')], undefined, true).verdict).toBe('ERROR');
    expect(decide([step('UNDEFINED')], undefined, true).verdict).toBe('ERROR');
    expect(decide([step('AMBIGUOUS')], undefined, true).verdict).toBe('ERROR');
  });
  it('the reason keeps the diagnosis of the failing step; a precondition in a When step keeps the inner one', () => {
    const d = { id: 'sw.expected', params: { expected: [{ sw: 0x9000 }], actual: { sw: 0x6a82 } } };
    const failed = { ...step('FAILED', 'NonConformance', 'expected status word …'), diagnosis: d };
    expect(decide([failed], undefined, true)).toMatchObject({ verdict: 'FAIL', reason: 'expected status word …', diagnosis: d });
    const pre = {
      ...step('FAILED', 'PreconditionNotMet', 'precondition not met: …'),
      text: 'When x',
      diagnosis: { id: 'precondition.notMet', params: { detail: d } },
    };
    expect(decide([pre], undefined, true)).toMatchObject({ verdict: 'FAIL', diagnosis: d });
    expect(decide([], 'ICS: …', true, { id: 'ics.requires', params: { items: 'x' } })).toMatchObject({
      verdict: 'NOT_APPLICABLE',
      diagnosis: { id: 'ics.requires' },
    });
  });
  it('INCONCLUSIVE when the run stopped before the case finished', () => {
    expect(decide([step('PASSED')], undefined, false)).toEqual({
      verdict: 'INCONCLUSIVE',
      reason: 'the run stopped before this case finished',
      diagnosis: { id: 'run.stopped', params: {} },
    });
  });
});
