import { describe, expect, it } from 'vitest';
import { concat, equal, fromHex, fromUint, toHex, toUint } from './hex.ts';
import { decodeCn, decodeN, encodeCn, encodeN } from './bcd.ts';
import { decodeAn, encodeAn, encodeGbk, decodeGbk } from './text.ts';

describe('hex', () => {
  it('parses APDU-style hex with spaces and prints upper case', () => {
    expect(toHex(fromHex('00 a4 04 00'))).toBe('00A40400');
    expect(toHex(fromHex('3F00'), ' ')).toBe('3F 00');
  });
  it('rejects odd length and non-hex', () => {
    expect(() => fromHex('ABC')).toThrow(/odd number/);
    expect(() => fromHex('GG')).toThrow(/not hex/);
  });
  it('concatenates and compares', () => {
    expect(equal(concat(fromHex('01'), fromHex('0203')), fromHex('010203'))).toBe(true);
    expect(equal(fromHex('01'), fromHex('0102'))).toBe(false);
  });
  it('converts big-endian integers', () => {
    expect(toUint(fromHex('0100'))).toBe(256);
    expect(toHex(fromUint(0x1234, 3))).toBe('001234');
    expect(() => fromUint(256, 1)).toThrow(RangeError);
  });
});

describe('BCD', () => {
  // 社会保障卡 V2.0 §8.1.1.5: 发卡日期 cn4 YYYYMMDD; 出生地 cn3 GB/T 2260 code.
  it('encodes cn left-aligned with F padding', () => {
    expect(toHex(encodeCn('20120528', 4))).toBe('20120528');
    expect(toHex(encodeCn('1234', 3))).toBe('1234FF');
    expect(decodeCn(fromHex('1234FF'))).toBe('1234');
  });
  it('rejects a cn value with digits after the pad', () => {
    expect(() => decodeCn(fromHex('12F4'))).toThrow(/not a cn/);
  });
  // JR/T 0025: amount n12 as 6 bytes, right-aligned.
  it('encodes n right-aligned with 0 padding', () => {
    expect(toHex(encodeN(1000, 6))).toBe('000000001000');
    expect(decodeN(fromHex('000000001000'))).toBe('000000001000');
    expect(() => encodeN('1234567', 3)).toThrow(RangeError);
  });
});

describe('GBK text', () => {
  // DDF name of SSSE, 社会保障卡规范 part 3 §6.2 / V2.0 table 1.
  it('encodes the SSSE DDF name sx1.sh.社会保障', () => {
    expect(toHex(encodeGbk('sx1.sh.社会保障'))).toBe('7378312E73682EC9E7BBE1B1A3D5CF');
    expect(decodeGbk(fromHex('7378312E73682EC9E7BBE1B1A3D5CF'))).toBe('sx1.sh.社会保障');
  });
  it('pads an with 00 and trims 00, 20 and FF', () => {
    expect(toHex(encodeAn('张三', 6))).toBe('D5C5C8FD0000');
    expect(decodeAn(fromHex('D5C5C8FD0000'))).toBe('张三');
    expect(decodeAn(fromHex('D5C5C8FD2020'))).toBe('张三');
    expect(() => encodeAn('张三', 3)).toThrow(RangeError);
  });
});
