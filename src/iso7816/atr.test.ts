import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex.ts';
import { atrGroups, atrProblems, buildAtr, parseAtr, t1Parameters } from './atr.ts';
import { renderDiagnosis } from '../verdict/messages.ts';

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

describe('ATR consistency (ISO/IEC 7816-3 §8.2–8.3, §10.2, §11.4)', () => {
  const problems = (hex: string) => atrProblems(fromHex(hex)).map((p) => renderDiagnosis(p.problem, 'en'));
  it('finds nothing in the reference ATRs and a usual T=1 ATR', () => {
    expect(problems('3B6D00000081008843866533010114F199')).toEqual([]);
    expect(problems('3B8880014E6F646556494343 36')).toEqual([]);
    // TA1 96 (Fi 512, Di 32), TD1 81 TD2 31 (T=1), TA3 FE (IFSC 254), TB3 45 (BWI 4, CWI 5), TCK.
    expect(problems(toHex(buildAtr([{ ta: 0x96, t: 1 }, { t: 1 }, { ta: 0xfe, tb: 0x45 }], fromHex('0011'))))).toEqual([]);
  });
  it('names each inconsistency with its clause', () => {
    expect(problems(toHex(buildAtr([{ ta: 0x71 }], new Uint8Array(0))))).toEqual([expect.stringMatching(/FI 0111 is RFU/)]);
    expect(problems(toHex(buildAtr([{ ta: 0x1a }], new Uint8Array(0))))).toEqual([expect.stringMatching(/DI 1010 is RFU/)]);
    expect(problems(toHex(buildAtr([{ t: 1 }, { t: 0 }], new Uint8Array(0))))).toEqual([expect.stringMatching(/ascending order/)]);
    expect(problems(toHex(buildAtr([{ t: 15 }, {}], new Uint8Array(0))))).toEqual([expect.stringMatching(/invalid in TD1/)]);
    expect(problems(toHex(buildAtr([{ t: 0 }, { ta: 0x01 }], new Uint8Array(0))))).toEqual([expect.stringMatching(/TA2 01 names T=1/)]);
    expect(problems(toHex(buildAtr([{ t: 0 }, { tc: 0x00 }], new Uint8Array(0))))).toEqual(['TC2 00: WI = 0 is RFU (§10.2)']);
    expect(problems(toHex(buildAtr([{ t: 1 }, { t: 1 }, { ta: 0xff }], new Uint8Array(0))))).toEqual([expect.stringMatching(/TA3 FF: IFSC/)]);
    expect(problems(toHex(buildAtr([{ t: 1 }, { t: 1 }, { tb: 0xa5 }], new Uint8Array(0))))).toEqual([expect.stringMatching(/BWI 10 is RFU/)]);
    expect(problems(toHex(buildAtr([{ t: 1 }, { t: 1 }, { tc: 0x03 }], new Uint8Array(0))))).toEqual([expect.stringMatching(/TC3 03: bits 8 to 2/)]);
    expect(problems(toHex(buildAtr([{ t: 0 }, { t: 15 }, { ta: 0x05 }], new Uint8Array(0))))).toEqual([expect.stringMatching(/class indicator UI 000101/)]);
    expect(problems('3B8880014E6F646556494343 37')).toEqual([expect.stringMatching(/TCK 37/)]);
  });
  it('reads the T=1 parameters, with the defaults where the ATR is silent', () => {
    expect(t1Parameters(parseAtr(buildAtr([{ t: 1 }, {}], new Uint8Array(0))))).toEqual({ ifsc: 32, bwi: 4, cwi: 13, edc: 'LRC', fi: 372, di: 1 });
    expect(t1Parameters(parseAtr(buildAtr([{ ta: 0x96, t: 1 }, { t: 1 }, { ta: 0xfe, tb: 0x15, tc: 0x01 }], new Uint8Array(0))))).toEqual({
      ifsc: 254,
      bwi: 1,
      cwi: 5,
      edc: 'CRC',
      fi: 512,
      di: 32,
    });
  });
  it('buildAtr and atrGroups rebuild an ATR byte for byte', () => {
    for (const hex of ['3B6D00000081008843866533010114F199', '3B8880014E6F64655649434336', '3BED000001009926110100992611220000 01CE'.replace(/ /g, '')]) {
      const a = parseAtr(fromHex(hex));
      expect(toHex(buildAtr(atrGroups(a), a.historical))).toBe(hex);
    }
  });
});
