import { describe, expect, it } from 'vitest';
import { fromHex } from '../bytes/hex.ts';
import { parseCvmList, selectCvm, terminalActionAnalysis } from './decisions.ts';

// UnionPay POS defaults (spec-notes/pboc.md §1.5): TAC default D84000A800, online D84004F800, denial 0010000000.
const TAC = { default: fromHex('D84000A800'), online: fromHex('D84004F800'), denial: fromHex('0010000000') };
const IAC = { default: fromHex('D86004A800'), denial: fromHex('0010000000'), online: fromHex('D86004F800') };

describe('terminal action analysis (EMV Book 3 §10.7)', () => {
  it('a clean TVR on an online-capable terminal asks for TC', () => {
    expect(terminalActionAnalysis(new Uint8Array(5), TAC, IAC, true)).toBe('TC');
  });
  it('service not allowed (B2 b5) is denied by the denial codes; an expired application (B2 b7) goes online', () => {
    expect(terminalActionAnalysis(fromHex('0010000000'), TAC, IAC, true)).toBe('AAC');
    expect(terminalActionAnalysis(fromHex('0040000000'), TAC, IAC, true)).toBe('ARQC');
  });
  it('a failed DDA (B1 b4) goes online', () => {
    expect(terminalActionAnalysis(fromHex('0800000000'), TAC, IAC, true)).toBe('ARQC');
  });
  it('offline-only: the default codes decide', () => {
    expect(terminalActionAnalysis(fromHex('0800000000'), TAC, IAC, false)).toBe('AAC');
    expect(terminalActionAnalysis(fromHex('0000000000'), TAC, IAC, false)).toBe('TC');
  });
  it('absent IAC-online counts as FF…: any TVR bit goes online', () => {
    expect(terminalActionAnalysis(fromHex('0000000001'), TAC, {}, true)).toBe('ARQC');
  });
});

describe('CVM list (EMV Book 3 §10.5)', () => {
  const list = fromHex('00000000 00000000 4103 1F03'.replace(/ /g, ''));
  it('parses X, Y and the rules', () => {
    expect(parseCvmList(list).rules).toEqual([
      { method: 0x01, applyNextIfFails: true, condition: 0x03 },
      { method: 0x1f, applyNextIfFails: false, condition: 0x03 },
    ]);
  });
  it('picks offline PIN when the terminal supports it, else no CVM', () => {
    expect(selectCvm(list, { amount: 1, supports: () => true })?.method).toBe(0x01);
    expect(selectCvm(list, { amount: 1, supports: (m) => m === 0x1f })?.method).toBe(0x1f);
  });
  it('amount conditions compare with X', () => {
    const l = fromHex('000003E800000000' + '0106' + '1E07');
    expect(selectCvm(l, { amount: 999, supports: () => true })?.method).toBe(0x01);
    expect(selectCvm(l, { amount: 1001, supports: () => true })?.method).toBe(0x1e);
  });
});
