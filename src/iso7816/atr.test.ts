import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex.ts';
import { parseAtr } from './atr.ts';

describe('ATR (ISO/IEC 7816-3 §8.2)', () => {
  // A 1.00 social security card seen in a public trace (spec-notes sscard.md §2.5, MWLOG).
  it('parses a social security card ATR: T=0, TB1 TC1, 13 historical bytes, no TCK', () => {
    const a = parseAtr(fromHex('3B6D00000081008843866533010114F199'));
    expect(a.protocols).toEqual([0]);
    expect(a.interfaceBytes).toEqual({ TB1: 0, TC1: 0 });
    expect(toHex(a.historical)).toBe('0081008843866533010114F199');
    expect(a.tckValid).toBe(true);
  });
  // The Node virtual card of spec-notes pcsc.md §3: offers T=0 and T=1, with TCK.
  it('parses TD bytes offering T=0 and T=1, and checks TCK', () => {
    const a = parseAtr(fromHex('3B8880014E6F646556494343 36'));
    expect(a.protocols).toEqual([0, 1]);
    expect(toHex(a.historical)).toBe('4E6F646556494343');
    expect(a.tckValid).toBe(true);
    expect(parseAtr(fromHex('3B8880014E6F646556494343 37')).tckValid).toBe(false);
  });
  it('rejects truncated and malformed ATRs with the reason', () => {
    expect(() => parseAtr(fromHex('3B'))).toThrow(/no T0/);
    expect(() => parseAtr(fromHex('3C00'))).toThrow(/TS 3C/);
    expect(() => parseAtr(fromHex('3B6D0000'))).toThrow(/13 historical bytes, only 0/);
    expect(() => parseAtr(fromHex('3B8001'))).toThrow(/TCK missing/);
    expect(() => parseAtr(fromHex('3B0000'))).toThrow(/after the historical bytes/);
    expect(() => parseAtr(fromHex('3B80'))).toThrow(/before TD1/);
  });
});
