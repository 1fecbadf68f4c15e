import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex.ts';
import { desCbcDecrypt, desEcbDecrypt, desEcbEncrypt } from './des.ts';
import { sm3 } from './hash.ts';
import { padMethod1, padMethod2, retailMac, sm4CbcMac } from './mac.ts';
import { sm4EcbDecrypt, sm4EcbEncrypt } from './sm4.ts';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('DES / 3DES', () => {
  // FIPS 81 appendix B / the classic DES example: key 0123456789ABCDEF, "Now is t".
  it('single DES: FIPS 81 example', () => {
    expect(toHex(desEcbEncrypt(fromHex('0123456789ABCDEF'), ascii('Now is t')))).toBe('3FA40E8A984D4815');
  });
  // NIST SP 800-67 Rev. 1, appendix B: three-key TDEA, "The qufck brown fox jump".
  it('3-key TDEA: NIST SP 800-67 example', () => {
    const key = fromHex('0123456789ABCDEF 23456789ABCDEF01 456789ABCDEF0123');
    const c = desEcbEncrypt(key, ascii('The qufck brown fox jump'));
    expect(toHex(c)).toBe('A826FD8CE53B855FCCE21C8112256FE668D5C05DD9B6B900');
    expect(new TextDecoder().decode(desEcbDecrypt(key, c))).toBe('The qufck brown fox jump');
  });
  it('rejects keys of the wrong length and partial blocks', () => {
    expect(() => desEcbEncrypt(new Uint8Array(10), new Uint8Array(8))).toThrow(/10 bytes/);
    expect(() => desEcbEncrypt(new Uint8Array(16), new Uint8Array(7))).toThrow(/multiple of 8/);
    expect(() => desCbcDecrypt(new Uint8Array(16), new Uint8Array(8), new Uint8Array(9))).toThrow(/multiple of 8/);
  });
});

describe('SM4 (GB/T 32907-2016 appendix A)', () => {
  it('example 1: one encryption', () => {
    const k = fromHex('0123456789ABCDEFFEDCBA9876543210');
    expect(toHex(sm4EcbEncrypt(k, k))).toBe('681EDF34D206965E86B3E94F536E4246');
    expect(toHex(sm4EcbDecrypt(k, fromHex('681EDF34D206965E86B3E94F536E4246')))).toBe(toHex(k));
  });
});

describe('SM3 (GB/T 32905-2016 appendix A)', () => {
  it('example 1: "abc"', () => {
    expect(toHex(sm3(ascii('abc')))).toBe('66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0');
  });
  it('example 2: "abcd" × 16', () => {
    expect(toHex(sm3(ascii('abcd'.repeat(16))))).toBe('DEBE9FF92275B8A138604889C18E5A4D6FDB70E5387E5765293DCBA39C0C5732');
  });
});

describe('MAC', () => {
  it('pads with method 2: 80 then 00', () => {
    expect(toHex(padMethod2(fromHex('0102'), 8))).toBe('0102800000000000');
    expect(toHex(padMethod2(fromHex('0102030405060708'), 8))).toBe('01020304050607088000000000000000');
    expect(toHex(padMethod1(fromHex('01'), 8))).toBe('0100000000000000');
  });
  // ISO/IEC 9797-1:1999 annex B, MAC algorithm 3, padding method 1, "Now is the time for all ".
  it('MAC algorithm 3: ISO/IEC 9797-1 annex B example', () => {
    const key = fromHex('0123456789ABCDEF FEDCBA9876543210');
    expect(toHex(retailMac(key, padMethod1(ascii('Now is the time for all '), 8)))).toBe('A1C72E74EA3FA9B6');
  });
  it('SM4 CBC-MAC equals the last block of SM4-CBC', () => {
    const k = fromHex('0123456789ABCDEFFEDCBA9876543210');
    const one = sm4CbcMac(k, k);
    expect(toHex(one)).toBe('681EDF34D206965E86B3E94F536E4246');
  });
});
