import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex.ts';
import { buildTlv, describeTlv, encodeLength, findTlv, parseTlv } from './ber.ts';
import { buildSimpleTlv, parseSimpleTlv } from './simple.ts';

describe('BER-TLV', () => {
  // FCI of the SSSE DDF seen on a 3.00 card (spec-notes sscard.md §2.1, 社会保障卡规范 part 5 table 36).
  const ssseFci = fromHex('6F1C840F7378312E73682EC9E7BBE1B1A3D5CFA50988011E9F0C03860103');

  it('parses a nested FCI with a two-byte tag', () => {
    const [fci] = parseTlv(ssseFci);
    expect(fci?.tag).toBe('6F');
    expect(fci?.constructed).toBe(true);
    expect(toHex(findTlv(parseTlv(ssseFci), '84')!.value)).toBe('7378312E73682EC9E7BBE1B1A3D5CF');
    expect(toHex(findTlv(parseTlv(ssseFci), '88')!.value)).toBe('1E');
    // 9F0C is primitive (b6 of 9F is 0); its value happens to hold 86 01 03, the algorithm id.
    const discretionary = findTlv(parseTlv(ssseFci), '9F0C')!;
    expect(discretionary.constructed).toBe(false);
    expect(toHex(discretionary.value)).toBe('860103');
  });

  it('parses long-form lengths 81 and 82', () => {
    const v = new Uint8Array(200).fill(0xab);
    const enc = buildTlv('9F4B', v); // signed dynamic application data, primitive
    expect(toHex(enc.subarray(0, 4))).toBe('9F4B81C8');
    expect(parseTlv(enc)[0]?.value.length).toBe(200);
    expect(toHex(encodeLength(0x1234))).toBe('821234');
    expect(parseTlv(buildTlv('9F46', new Uint8Array(300)))[0]?.value.length).toBe(300);
  });

  it('parses three-byte tags (EMV: 5F and 9F families, BF0C)', () => {
    const t = parseTlv(fromHex('BF0C05 9F4D020B0A'));
    expect(t[0]?.tag).toBe('BF0C');
    expect(t[0]?.children?.[0]?.tag).toBe('9F4D');
    expect(parseTlv(fromHex('DF810102AABB'))[0]?.tag).toBe('DF8101');
  });

  it('skips 00 padding between objects (EMV Book 3 Annex B)', () => {
    expect(parseTlv(fromHex('00 5A0112 00 00')).map((t) => t.tag)).toEqual(['5A']);
  });

  it('rejects truncated values with the tag and offset named', () => {
    expect(() => parseTlv(fromHex('6F05840301'))).toThrow(/tag 6F claims 5 bytes, only 3 left at offset 0/);
    expect(() => parseTlv(fromHex('9F'))).toThrow(/tag truncated/);
    expect(() => parseTlv(fromHex('5A'))).toThrow(/length of tag 5A missing/);
    expect(() => parseTlv(fromHex('5A82 01'))).toThrow(/length of tag 5A truncated/);
  });

  it('rejects over-long and indefinite lengths', () => {
    expect(() => parseTlv(fromHex('5A8401000000'))).toThrow(/uses 4 bytes/);
    expect(() => parseTlv(fromHex('6F80'))).toThrow(/indefinite/);
  });

  it('rejects a nested object that overruns its parent', () => {
    expect(() => parseTlv(fromHex('6F03 8405 0102'))).toThrow(/tag 84 claims 5 bytes/);
  });

  it('bounds nesting depth', () => {
    let x = fromHex('8000');
    for (let i = 0; i < 40; i++) x = buildTlv('A0', x);
    expect(() => parseTlv(x)).toThrow(/nesting/);
  });

  it('builds nested templates and round-trips', () => {
    const built = buildTlv('6F', [buildTlv('84', fromHex('A000000333010101')), buildTlv('A5', [buildTlv('50', fromHex('50424F43'))])]);
    expect(toHex(built)).toBe('6F12' + '8408A000000333010101' + 'A506' + '500450424F43');
    expect(describeTlv(parseTlv(built))).toEqual(['6F (18)', '  84 (8) A000000333010101', '  A5 (6)', '    50 (4) 50424F43']);
  });
});

describe('SIMPLE-TLV', () => {
  // EF05 record 3 规范版本 "3.00" (spec-notes sscard.md §2.4, trace HSMTRACE).
  it('parses a record whose tag is its identifier', () => {
    expect(parseSimpleTlv(fromHex('030433 2E3030'))).toEqual([{ tag: 3, value: fromHex('332E3030') }]);
  });
  it('uses FF + two bytes for long values', () => {
    const v = new Uint8Array(300);
    const enc = buildSimpleTlv(0x07, v);
    expect(toHex(enc.subarray(0, 4))).toBe('07FF012C');
    expect(parseSimpleTlv(enc)[0]?.value.length).toBe(300);
  });
  it('rejects a truncated value', () => {
    expect(() => parseSimpleTlv(fromHex('0905 D5C5'))).toThrow(/claims 5 bytes/);
  });
});
