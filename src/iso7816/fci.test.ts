import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex.ts';
import { buildTlv } from '../tlv/ber.ts';
import { NonConformance } from '../verdict/errors.ts';
import { type Diagnosis, renderDiagnosis } from '../verdict/messages.ts';
import { directoryEntries, fciOf, getDataAnswer, parseFci, requireFciDfName } from './fci.ts';
import { parseTlv } from '../tlv/ber.ts';

const entry = buildTlv('61', [buildTlv('4F', fromHex('A000000333010101')), buildTlv('50', fromHex('4465626974')), buildTlv('87', fromHex('01'))]);
const ppse = buildTlv('6F', [buildTlv('84', fromHex('325041592E5359532E4444463031')), buildTlv('A5', [buildTlv('BF0C', entry)])]);

describe('FCI and directory parsing', () => {
  it('reads 84, A5 › 88 50 87 9F38 and the BF0C entries', () => {
    const app = buildTlv('6F', [
      buildTlv('84', fromHex('A000000333010101')),
      buildTlv('A5', [buildTlv('50', fromHex('41')), buildTlv('87', fromHex('02')), buildTlv('9F38', fromHex('9F0206'))]),
    ]);
    const f = parseFci(app);
    expect([f.single, toHex(f.dfName as Uint8Array), toHex(f.label as Uint8Array), toHex(f.priority as Uint8Array), toHex(f.pdol as Uint8Array)]).toEqual([
      true,
      'A000000333010101',
      '41',
      '02',
      '9F0206',
    ]);
    const p = parseFci(ppse);
    expect(p.entries.map((e) => toHex(e.aid as Uint8Array))).toEqual(['A000000333010101']);
    expect(parseFci(buildTlv('6F', [buildTlv('A5', [buildTlv('88', fromHex('01'))])])).sfi).toBe(1);
  });

  it('reads the entries 61 of a PSE directory record 70', () => {
    const e = directoryEntries(parseTlv(buildTlv('70', [entry, entry])));
    expect(e.length).toBe(2);
    expect(toHex(e[0]?.priority as Uint8Array)).toBe('01');
  });

  it('a terminal reads what is not BER-TLV as no FCI; a card suite judges it', () => {
    expect(fciOf(fromHex('6F05')).entries).toEqual([]);
    expect(() => requireFciDfName(fromHex('6F05'))).toThrow(NonConformance);
    expect(() => requireFciDfName(buildTlv('A5', [buildTlv('84', fromHex('01'))]))).toThrow(/not an FCI template 6F/);
    expect(() => requireFciDfName(buildTlv('6F', [buildTlv('A5', fromHex(''))]))).toThrow(/no DF name/);
  });

  it('GET DATA: one object of the tag, or the problem', () => {
    expect(toHex(getDataAnswer(buildTlv('9F36', fromHex('0001')), '9F36').value as Uint8Array)).toBe('0001');
    const two = getDataAnswer(fromHex('9F3602000190 00'.replace(/ /g, '')), '9F36');
    expect(two.value).toBeUndefined();
    expect(toHex(two.found as Uint8Array)).toBe('0001');
    expect(renderDiagnosis(getDataAnswer(fromHex('9F36'), '9F36').problem as Diagnosis, 'en')).toMatch(/not BER-TLV/);
    expect(renderDiagnosis(two.problem as Diagnosis, 'zh-CN')).toBe('GET DATA 9F36 应答 9F360200019000, 不是一个 9F36 数据对象');
  });
});
