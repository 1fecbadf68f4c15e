import { describe, expect, it } from 'vitest';
import { type TlvError, parseTlv } from '../tlv/ber.ts';
import { NonConformance, PreconditionNotMet, RestoreFailed, TransportError, detailOf, diagnosisOf } from './errors.ts';
import { expectBytes, expectSw, expectSw1, swText } from './expect.ts';
import { MESSAGES, bytes, commaList, dx, latinWords, renderDiagnosis, sw, templateParams } from './messages.ts';

const CJK = /[\u4e00-\u9fff]/;
const thrown = (f: () => void): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('nothing thrown');
};

describe('diagnoses as message ids in both languages', () => {
  it('every message has an English and a Chinese template naming the same parameters, the Chinese without English words', () => {
    const entries = Object.entries(MESSAGES) as Array<[string, { en: string; zh: string }]>;
    expect(entries.length).toBeGreaterThan(20);
    for (const [id, t] of entries) {
      expect(t.en, id).toMatch(/[a-z]/);
      // Chinese, unless the template is only punctuation around its parameters (": {message}").
      if (/[A-Za-z]/.test(t.en.replace(/\{\w+\}/g, ''))) expect(t.zh, id).toMatch(CJK);
      expect(templateParams(t.zh), id).toEqual(templateParams(t.en));
      expect(latinWords(t.zh.replace(/\{\w+\}/g, '9F')), id).toEqual([]);
    }
  });

  it('the errors keep the English text they had and carry the id and parameters', () => {
    const e = thrown(() => expectSw(0x9000, 0x6a82, 0x6a83)) as NonConformance;
    expect(e.message).toBe(`expected status word ${swText(0x6a82)} or ${swText(0x6a83)}, card answered ${swText(0x9000)}`);
    expect(diagnosisOf(e)).toEqual({ id: 'sw.expected', params: { expected: [{ sw: 0x6a82 }, { sw: 0x6a83 }], actual: { sw: 0x9000 } } });
    expect(renderDiagnosis(diagnosisOf(e)!, 'zh-CN')).toBe('预期状态字 6A82 (未找到文件或应用) 或 6A83 (未找到记录), 卡应答 9000 (正常处理)');
    const s1 = thrown(() => expectSw1(0x9000, 0x6c, { en: 'wrong Le with the exact length', zh: 'Le 错误并给出确切长度' })) as NonConformance;
    expect(s1.message).toBe(`expected wrong Le with the exact length (6Cxx), card answered ${swText(0x9000)}`);
    expect(renderDiagnosis(diagnosisOf(s1)!, 'zh-CN')).toMatch(/^预期Le 错误并给出确切长度 \(6Cxx\), 卡应答 9000/);
    const b = thrown(() => expectBytes(new Uint8Array(70), Uint8Array.of(1), 'ATR')) as NonConformance;
    expect(b.message).toBe(`ATR: expected 01, card gave ${'00 '.repeat(63)}00 … (70 bytes)`);
    expect(renderDiagnosis(diagnosisOf(b)!, 'zh-CN')).toBe(`ATR: 预期 01, 卡给出 ${'00 '.repeat(63)}00 … (70 字节)`);
    expect(new PreconditionNotMet('DF04 is missing').message).toBe('precondition not met: DF04 is missing');
    expect(new RestoreFailed('the PIN', 'VERIFY answered 6983').message).toBe('restore failed: the PIN; VERIFY answered 6983. The sample is left changed');
    expect(diagnosisOf(new NonConformance('plain English'))).toBeUndefined();
    // A parser's and a reader's errors carry their diagnosis too (a FAIL or an INCONCLUSIVE reason, a detail).
    const tlv = thrown(() => parseTlv(Uint8Array.of(0x9f))) as TlvError;
    expect(tlv.message).toBe('tag truncated at offset 0');
    expect(renderDiagnosis(diagnosisOf(tlv)!, 'zh-CN')).toBe('偏移量 0 处: 标签不完整');
    expect(renderDiagnosis(dx('fci.notBerTlv', { detail: detailOf(tlv), data: '9F' }), 'zh-CN')).toBe('FCI 不是合法的 BER-TLV (偏移量 0 处: 标签不完整): 9F');
    expect(detailOf(new Error('plain'))).toBe('plain');
    const power = new TransportError(dx('io.powerCut'));
    expect(power.message).toBe('the card answered nothing: its power was cut');
    expect(renderDiagnosis(diagnosisOf(power)!, 'zh-CN')).toBe('卡无应答: 已被断电');
  });

  it('renders nested diagnoses, lists, bytes and unknown ids', () => {
    const d = dx('precondition.notMet', { detail: dx('sw.expected', { expected: [sw(0x9000)], actual: sw(0x6a82) }) });
    expect(renderDiagnosis(d, 'en')).toBe(
      'precondition not met: expected status word 9000 (normal processing), card answered 6A82 (file or application not found)',
    );
    expect(renderDiagnosis(d, 'zh-CN')).toBe('前提条件不满足: 预期状态字 9000 (正常处理), 卡应答 6A82 (未找到文件或应用)');
    expect(renderDiagnosis(dx('bytes.expected', { what: 'EF07', expected: bytes(new Uint8Array(0)), actual: bytes(Uint8Array.of(0xab)) }), 'zh-CN')).toBe(
      'EF07: 预期 (空), 卡给出 AB',
    );
    expect(renderDiagnosis({ id: 'no.such', params: { a: 1 } }, 'zh-CN')).toBe('no.such {"a":1}');
    const list = dx('sel.ppseLacks', { entries: commaList(['A0', dx('sel.no4F'), 'B0']), aid: 'C0' });
    expect(renderDiagnosis(list, 'en')).toBe('PPSE entries A0, (no 4F), B0 lack C0');
    expect(renderDiagnosis(list, 'zh-CN')).toBe('PPSE 条目 A0, (无 4F), B0 中没有 C0');
  });
});
