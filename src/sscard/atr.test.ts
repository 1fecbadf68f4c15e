import { describe, expect, it } from 'vitest';
import { fromHex } from '../bytes/hex.ts';
import { buildAtr, parseAtr } from '../iso7816/atr.ts';
import { sscardHistoricalProblems, sscardInterfaceProblems } from './atr.ts';
import { type Diagnosis, renderDiagnosis } from '../verdict/messages.ts';

const en = (d: Diagnosis) => renderDiagnosis(d, 'en');

const hist = fromHex('0099261101009926112200 0001'.replace(/ /g, ''));

describe('the social security card basic ATR (社会保障卡规范 part 2 §8.2–8.4, part 10 §5.1.2)', () => {
  it('accepts the observed cards and the reference image (table 7) and a table 8 ATR', () => {
    for (const hex of ['3B6D00000081008843866533010114F199', '3B6D000000814A444686605199000001AC', '3B6D0000009926110100992611220000 01'.replace(/ /g, '')]) {
      const raw = fromHex(hex);
      expect(sscardInterfaceProblems(raw).map(en)).toEqual([]);
      expect(sscardHistoricalProblems(parseAtr(raw)).map(en)).toEqual([]);
    }
    expect(sscardInterfaceProblems(buildAtr([{ ta: 0x11, tc: 0x00, t: 0 }, { t: 15 }, { ta: 0x03 }], hist)).map(en)).toEqual([]);
  });
  it('names what departs from it', () => {
    expect(sscardInterfaceProblems(buildAtr([{ tb: 0x25, tc: 0 }], hist)).map(en)).toEqual([expect.stringMatching(/TB1 25/)]);
    expect(sscardInterfaceProblems(buildAtr([{ tb: 0, tc: 0, t: 1 }, {}], hist)).map(en)).toEqual([
      expect.stringMatching(/T0 ED/),
      expect.stringMatching(/TD1 01/),
      expect.stringMatching(/TD2 absent/),
      expect.stringMatching(/T=0 only/),
    ]);
    expect(sscardInterfaceProblems(buildAtr([{ ta: 0x11, tc: 0x00, t: 0 }, { t: 15 }, { ta: 0xc3 }], hist)).map(en)).toEqual([expect.stringMatching(/TA3 C3/)]);
    expect(sscardHistoricalProblems(parseAtr(buildAtr([{ tb: 0, tc: 0 }], hist.subarray(0, 8)))).map(en)).toEqual([
      expect.stringMatching(/8 historical bytes/),
    ]);
    const notBcd = hist.slice();
    notBcd[7] = 0xa1;
    expect(sscardHistoricalProblems(parseAtr(buildAtr([{ tb: 0, tc: 0 }], notBcd))).map(en)).toEqual([expect.stringMatching(/T8-T9 A111/)]);
  });
});
