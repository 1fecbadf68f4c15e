/**
 * The social security computations. Known answers for diversification were computed independently
 * with the OpenSSL command line (openssl enc -des-ede-ecb / -sm4-ecb -nopad) on the factors part 9
 * §7.3 prescribes; the block ciphers themselves are checked against GB/T 32907 and NIST SP 800-67 in
 * src/crypto/crypto.test.ts. Data checks use the examples the standards print (GB 11643-1999 §8 example
 * 11010519491231002X; V2.0 annex A example D2143569X).
 */
import { describe, expect, it } from 'vitest';
import { desCbcMac, padMethod2 } from '../crypto/mac.ts';
import { sm4CbcMac } from '../crypto/mac.ts';
import { desEcbEncrypt } from '../crypto/des.ts';
import { fromHex, toHex } from '../bytes/hex.ts';
import { authData, commandMac, decryptData, diversify, encryptData, sessionKey, ssMac } from './crypto.ts';
import { cardFactors, cityFactor, provinceFactor } from './keys.ts';
import * as data from './data.ts';
import { type Diagnosis, renderDiagnosis } from '../verdict/messages.ts';

const en = (d: Diagnosis | undefined) => (d ? renderDiagnosis(d, 'en') : undefined);

const K = fromHex('0123456789ABCDEFFEDCBA9876543210');

describe('key diversification (part 9 §7.1.1, §7.2.1, §7.3)', () => {
  it('level factors from the city code 110100 and the historical bytes 6–13', () => {
    expect(toHex(provinceFactor('110100'))).toBe('3131303030307368');
    expect(toHex(cityFactor('650100'))).toBe('3635303130307378');
    const f = cardFactors({ cityCode: '110100', historical: fromHex('0099261101 0099261122000001') });
    expect(toHex(f[2] as Uint8Array)).toBe('0099261122000001');
  });

  it('3DES: left = 3DES_K(f), right = 3DES_K(NOT f) (OpenSSL CLI)', () => {
    expect(toHex(diversify('3DES', K, fromHex('3131303030307368')))).toBe('2A4575B60EB144711DFA2A7F7AA021FB');
  });

  it('SM4: E_K(f ‖ NOT f) (OpenSSL CLI)', () => {
    expect(toHex(diversify('SM4', K, fromHex('3131303030307368')))).toBe('31B260EC31201FC36345970A50FB5D19');
  });
});

describe('process keys, authentication data, MAC, encryption (part 4 §8–9)', () => {
  it('3DES process key of a 4-byte random pads it with 00 (§8.4.1, figure 8)', () => {
    expect(sessionKey('3DES', K, fromHex('01020304'))).toEqual(desEcbEncrypt(K, fromHex('0102030400000000')));
  });

  it('3DES authentication data is DES under the single-length process key (figure 10)', () => {
    const ks = sessionKey('3DES', K, fromHex('1122334455667788'));
    expect(ks.length).toBe(8);
    expect(authData('3DES', ks, fromHex('0102030405060708'))).toEqual(desEcbEncrypt(ks, fromHex('0102030405060708')));
  });

  it('SM4 authentication data XORs the halves of E(orig ‖ 00×8) (part 9 §9.4)', () => {
    const ks = sessionKey('SM4', K, fromHex('1122334455667788'));
    expect(ks.length).toBe(16);
    expect(authData('SM4', ks, fromHex('0102030405060708')).length).toBe(8);
  });

  it('MAC: always padded 80 00…, a full block gets a whole padding block; left 4 bytes (3DES)', () => {
    const ks = fromHex('0011223344556677');
    const full = fromHex('0102030405060708');
    expect(ssMac('3DES', ks, full)).toEqual(desCbcMac(ks, fromHex('01020304050607088000000000000000')).slice(0, 4));
    expect(commandMac('3DES', ks, [0x84, 0x1e, 0x00, 0x01], new Uint8Array(0))).toEqual(desCbcMac(ks, fromHex('841E000104800000')).slice(0, 4));
  });

  it('MAC (SM4): the four 4-byte pieces of the CBC result XORed', () => {
    const ks = K;
    const m = sm4CbcMac(ks, padMethod2(fromHex('0102'), 16));
    const expected = [0, 1, 2, 3].map((i) => (m[i] as number) ^ (m[4 + i] as number) ^ (m[8 + i] as number) ^ (m[12 + i] as number));
    expect([...ssMac('SM4', ks, fromHex('0102'))]).toEqual(expected);
  });

  it('encryption: LD ‖ data, padded only when not a block multiple; decryption recovers it', () => {
    const ks = fromHex('0011223344556677');
    expect(encryptData('3DES', ks, fromHex('12345678901234')).length).toBe(8); // 1 + 7: exactly one block
    expect(encryptData('3DES', ks, fromHex('123456')).length).toBe(8);
    expect(decryptData('3DES', ks, encryptData('3DES', ks, fromHex('123456')))).toEqual(fromHex('123456'));
    expect(decryptData('SM4', K, encryptData('SM4', K, fromHex('123456')))).toEqual(fromHex('123456'));
  });
});

describe('data items (V2.0 §7–8, annex A; GB 11643)', () => {
  it('citizen id check character: the GB 11643 example 11010519491231002X', () => {
    expect(data.citizenIdCheck('11010519491231002')).toBe('X');
    expect(data.checkSocialSecurityNumber('11010519491231002X')).toBeUndefined();
    expect(en(data.checkSocialSecurityNumber('110105194912310021'))).toMatch(/check character/);
    expect(en(data.checkSocialSecurityNumber('11010519491331002X'))).toMatch(/date of birth/);
  });

  it('card number check character: the annex A example D2143569X', () => {
    expect(data.cardNumberCheck('D2143569')).toBe('X');
    expect(en(data.checkCardNumber('D21435690'))).toMatch(/check character/);
  });

  it('dates, cn, an and records', () => {
    expect(data.checkDate(fromHex('20240229'))).toBeUndefined();
    expect(en(data.checkDate(fromHex('20230229')))).toMatch(/calendar/);
    expect(en(data.checkDate(fromHex('07E80B16')))).toMatch(/not cn/);
    expect(data.checkAn(fromHex('D5C5CEB00000'))).toBeUndefined();
    expect(en(data.checkAn(fromHex('D5C500CEB0')))).toMatch(/00 inside/);
    expect(data.checkRecord(0x02, fromHex('020133'))).toBeUndefined();
    expect(en(data.checkRecord(0x02, fromHex('02023333')))).toMatch(/table 9/);
    expect(data.checkCardIdentifier(fromHex('110100D15600000500000001FFFFFFFF'))).toBeUndefined();
    expect(data.checkInstitution(fromHex('915600000211000011010002'))).toBeUndefined();
    expect(data.recordOrder('EF06', '1.0')).toEqual([0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);
  });
});
