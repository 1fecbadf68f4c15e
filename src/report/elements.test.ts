/** The trace decoder: tags named from the dictionary, DOL data split, bits decoded (vectors from EMV Book 3 Annex C). */
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex.ts';
import { dataElement, dictionaryTags, ssseItem } from '../tlv/dictionary.ts';
import type { DecodedApdu } from './decode.ts';
import { decodeAfl, decodeCid, decodeCvr, decodeIad, readTrace, setBits } from './elements.ts';

const apdu = (name: string, command: string, response: string): DecodedApdu => ({
  name,
  command,
  response,
  sw: response.slice(-4),
  swMeaning: { en: '', zh: '' },
  us: 1,
});
const en = (bits: Array<{ en: string }> | undefined) => (bits ?? []).map((b) => b.en);

describe('the data element dictionary', () => {
  it('names every tag in English and Chinese with its format', () => {
    expect(dictionaryTags().length).toBeGreaterThan(140);
    for (const t of dictionaryTags()) {
      const e = dataElement(t);
      expect(e?.en, t).toMatch(/\w/);
      expect(e?.zh, t).toMatch(/[\u4e00-\u9fff]/);
      expect(e?.format, t).toMatch(/^(b|n|cn|an|ans|a|var)\b/);
    }
    expect(dataElement('5a')?.zh).toBe('应用主账号');
    expect(dataElement('8C')?.en).toContain('CDOL1');
    expect(ssseItem(0x07)?.zh).toBe('卡号');
  });
});

describe('bits decoded, one table per concept', () => {
  it('TVR 95 and TSI 9B', () => {
    expect(en(setBits('95', Uint8Array.from([0x80, 0x00, 0x00, 0x08, 0x40])))).toEqual([
      'Offline data authentication was not performed',
      'Merchant forced transaction online',
      'Issuer authentication failed',
    ]);
    expect(en(setBits('9B', Uint8Array.from([0xe8, 0x00])))).toEqual([
      'Offline data authentication was performed',
      'Cardholder verification was performed',
      'Card risk management was performed',
      'Terminal risk management was performed',
    ]);
  });
  it('AIP 82 (7C 00: SDA, DDA, CVM, TRM, issuer authentication) and terminal capabilities 9F33', () => {
    expect(en(setBits('82', Uint8Array.from([0x7c, 0x00])))).toEqual([
      'SDA supported',
      'DDA supported',
      'Cardholder verification is supported',
      'Terminal risk management is to be performed',
      'Issuer authentication is supported',
    ]);
    expect(en(setBits('9F33', Uint8Array.from([0xe0, 0xf8, 0xc8])))).toHaveLength(3 + 5 + 3);
  });
  it('CID 9F27, CVR and IAD 9F10 (JR/T 0025.5 A.1)', () => {
    expect(en(decodeCid(Uint8Array.of(0x80)))).toEqual(['cryptogram type: ARQC', 'reason: no information given']);
    expect(en(decodeCid(Uint8Array.of(0x0a)))).toEqual(['cryptogram type: AAC', 'advice required', 'reason: PIN try limit exceeded']);
    expect(en(decodeCvr(Uint8Array.of(0xa4, 0x40, 0x00)))).toEqual([
      'AC returned in the second GENERATE AC: not requested',
      'AC returned in the first GENERATE AC: ARQC',
      'Offline PIN verification performed',
      'PIN try limit exceeded',
    ]);
    const iad = en(decodeIad(Uint8Array.from([0x07, 0x01, 0x01, 0x03, 0xa0, 0x00, 0x00, 0x01])));
    expect(iad[0]).toBe('length 07, derivation key index (DKI) 01, cryptogram version number (CVN) 01');
    expect(iad).toContain('algorithm identifier 01: 3DES');
    expect(en(decodeAfl(Uint8Array.from([0x08, 0x01, 0x01, 0x00, 0x10, 0x01, 0x02, 0x01])))).toEqual([
      'AFL: SFI 1, records 1–1, 0 for offline data authentication',
      'AFL: SFI 2, records 1–2, 1 for offline data authentication',
    ]);
  });
});

describe('a case trace read in order', () => {
  it('splits GENERATE AC data by the CDOL1 the card gave, and names the TVR inside', () => {
    const cdol1 = '9F02069505'; // amount (6), TVR (5)
    const trace = readTrace([
      apdu('READ RECORD', '00 B2 01 0C 00', `70 07 8C 05 ${cdol1} 90 00`),
      apdu('GENERATE AC', `80 AE 80 00 0B 000000001000 0000000800 00`, '80 0B 80 00 01 11 22 33 44 55 66 77 88 90 00'),
    ]);
    expect(trace[0]?.elements?.map((e) => e.tag)).toEqual(['70', '8C']);
    const cmd = trace[1]?.commandElements ?? [];
    expect(cmd.map((e) => [e.tag, e.value])).toEqual([
      ['9F02', '000000001000'],
      ['95', '0000000800'],
    ]);
    expect(en(cmd[1]?.bits)).toEqual(['Merchant forced transaction online']);
    expect(cmd[1]?.name?.zh).toBe('终端验证结果');
  });
  it('reads an SSSE data item of EF05 by its table 9 name, and leaves file bytes of READ BINARY alone', () => {
    const t = readTrace([
      apdu('READ RECORD', '00 B2 07 2C 00', `07 09 ${toHex(Buffer.from('A00000001'))} 90 00`),
      apdu('READ BINARY', '00 B0 96 00 04', '70 02 5A 00 90 00'),
    ]);
    expect(t[0]?.elements?.[0]).toMatchObject({ tag: '07', name: { zh: '卡号' } });
    expect(t[1]?.elements).toBeUndefined();
  });
  it('does not take data that merely parses as TLV for data objects', () => {
    expect(readTrace([apdu('GET CHALLENGE', '00 84 00 00 04', '00 00 00 00 90 00')])[0]?.elements).toBeUndefined();
  });
});
