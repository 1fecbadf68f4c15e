/**
 * JR/T 0025 key derivation, cryptogram, ARPC. JR/T 0025 publishes no end-to-end vector (spec-notes/pboc.md §2),
 * so the block-cipher steps are checked against values computed independently with the OpenSSL 3.0 CLI
 * (`openssl enc -des-ede-ecb` / `-sm4-ecb -nopad`), the MAC against ISO/IEC 9797-1 algorithm 3 (tested in
 * crypto.test.ts), and the structure (parity, ATC ⊕ FFFF, ARC ⊕) against the clauses cited in pboc.ts.
 */
import { describe, expect, it } from 'vitest';
import { concat, fromHex, toHex } from '../bytes/hex.ts';
import { desEcbEncrypt } from './des.ts';
import { padMethod2, retailMac } from './mac.ts';
import {
  arpc,
  decipherScriptData,
  deriveUdk,
  encipherScriptData,
  fixParity,
  pbocMac,
  pinChangeData,
  pinOfChangeData,
  scriptMac,
  sessionKey,
  udkInput,
} from './pboc.ts';
import { sm4EcbEncrypt } from './sm4.ts';

const IMK = fromHex('11223344556677888877665544332211');
const PAN = '6230000000000017';

describe('JR/T 0025.7 §11.1.4 card master key (UDK)', () => {
  it('Y is the rightmost 16 digits of PAN ‖ PSN', () => {
    expect(toHex(udkInput(PAN, '01'))).toBe('3000000000001701');
    expect(toHex(udkInput('123456', '00'))).toBe('0000000012345600');
  });
  it('3DES: encryptions of Y and ¬Y under the IMK, odd parity (OpenSSL CLI values)', () => {
    const udk = deriveUdk('3DES', IMK, PAN, '01');
    expect(toHex(udk)).toBe(toHex(fixParity(fromHex('1889779a3150d707' + 'fe7a9382d31b4bdb'))));
    for (const b of udk) expect([...b.toString(2)].filter((c) => c === '1').length % 2).toBe(1);
  });
  it('SM4 (part 17): SM4 of Y ‖ ¬Y under the IMK (OpenSSL CLI value); part 5 variant Y ‖ 00×8 differs', () => {
    expect(toHex(deriveUdk('SM4', IMK, PAN, '01'))).toBe('5586E9B3C728B61DF351E056902B1F16');
    const part5 = deriveUdk('SM4', IMK, PAN, '01', { udkInput: 'part5', acFold: 'part17' });
    expect(toHex(part5)).toBe(toHex(sm4EcbEncrypt(IMK, concat(fromHex('3000000000001701'), new Uint8Array(8)))));
  });
});

describe('JR/T 0025.7 §11.1.3 session keys, §11.1.2 MAC, §6.2 ARPC', () => {
  const udk = deriveUdk('3DES', IMK, PAN, '01');
  it('3DES session key: 00×6 ‖ ATC and 00×6 ‖ ATC ⊕ FFFF', () => {
    const sk = sessionKey('3DES', udk, 0x0012);
    expect(toHex(sk)).toBe(toHex(fixParity(concat(desEcbEncrypt(udk, fromHex('0000000000000012')), desEcbEncrypt(udk, fromHex('000000000000FFED'))))));
  });
  it('SM4 session key: one block 00×6 ‖ ATC ‖ 00×6 ‖ ATC ⊕ FFFF', () => {
    const u = deriveUdk('SM4', IMK, PAN, '01');
    expect(toHex(sessionKey('SM4', u, 1))).toBe(toHex(sm4EcbEncrypt(u, fromHex('0000000000000001000000000000FFFE'))));
  });
  it('3DES AC is the retail MAC with padding method 2; script MAC its leftmost 4 bytes', () => {
    const sk = sessionKey('3DES', udk, 1);
    const data = fromHex('0000000010000000000000000156000000000001562611220012345678');
    expect(toHex(pbocMac('3DES', sk, data))).toBe(toHex(retailMac(sk, padMethod2(data, 8))));
    expect(toHex(scriptMac('3DES', sk, data))).toBe(toHex(retailMac(sk, padMethod2(data, 8)).slice(0, 4)));
  });
  it('SM4 AC: leftmost 8 bytes (part 17) or the XOR of the halves (part 7)', () => {
    const sk = sessionKey('SM4', deriveUdk('SM4', IMK, PAN, '01'), 1);
    const a = pbocMac('SM4', sk, fromHex('01'));
    const b = pbocMac('SM4', sk, fromHex('01'), { udkInput: 'part17', acFold: 'part7' });
    expect(a.length).toBe(8);
    expect(b.length).toBe(8);
    expect(toHex(a)).not.toBe(toHex(b));
  });
  it('ARPC method 1: 3DES(SK)[ARQC ⊕ ARC ‖ 00×6]', () => {
    const sk = sessionKey('3DES', udk, 1);
    const arqc = fromHex('0123456789ABCDEF');
    expect(toHex(arpc('3DES', sk, arqc, fromHex('3030')))).toBe(toHex(desEcbEncrypt(sk, fromHex('3113456789ABCDEF'))));
  });
});

describe('JR/T 0025.5 B.10.3 / C.3 PIN CHANGE/UNBLOCK PIN data', () => {
  const udk = fromHex('1889779A3150D707FE7A9382D31B4BDB');
  it('without the current PIN: D = (00×4 ‖ UDK bytes 5–8) ⊕ 0N P…P F…F', () => {
    expect(toHex(pinChangeData(udk, '8888'))).toBe('048888FF' + 'CEAF28F8'); // FFFFFFFF ⊕ 3150D707
    expect(pinOfChangeData(udk, pinChangeData(udk, '8888'))).toBe('8888');
  });
  it('with the current PIN: ⊕ the current PIN padded with 0; another current PIN does not give the new one back', () => {
    const d = pinChangeData(udk, '24681357', '123456');
    expect(toHex(d)).toBe(toHex(pinChangeData(udk, '24681357').map((b, i) => b ^ (fromHex('1234560000000000')[i] as number))));
    expect(pinOfChangeData(udk, d, '123456')).toBe('24681357');
    expect(pinOfChangeData(udk, d, '923456')).toBeUndefined();
  });
  it('encipherment: Ld ‖ data ‖ 80 00…, ECB, and back', () => {
    const sk = fromHex('0123456789ABCDEFFEDCBA9876543210');
    const data = fromHex('1122334455667788');
    const des = encipherScriptData('3DES', sk, data);
    expect(toHex(des)).toBe(toHex(desEcbEncrypt(sk, fromHex('08112233445566778880000000000000'))));
    expect(toHex(encipherScriptData('SM4', sk, data))).toBe(toHex(sm4EcbEncrypt(sk, fromHex('08112233445566778880000000000000'))));
    expect(toHex(decipherScriptData('3DES', sk, des) as Uint8Array)).toBe('1122334455667788');
    expect(toHex(decipherScriptData('SM4', sk, encipherScriptData('SM4', sk, data)) as Uint8Array)).toBe('1122334455667788');
  });
});
