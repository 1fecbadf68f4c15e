/**
 * Symmetric cryptography of the PBOC debit application, 3DES (JR/T 0025.7 §11; spec-notes pboc.md §1.3):
 * - card master key (UDK) from the issuer master key, option A: Y = the rightmost 16 digits of PAN ‖ PSN,
 *   UDK = 3DES_IMK(Y) ‖ 3DES_IMK(Y ⊕ FF…FF), odd parity;
 * - session key from the ATC alone (PBOC's own derivation, not EMV's common session key):
 *   SK = 3DES_UDK(00…00 ‖ ATC) ‖ 3DES_UDK(00…00 ‖ ATC ⊕ FFFF);
 * - application cryptogram: ISO/IEC 9797-1 MAC algorithm 3, padding method 2, over the CDOL data of
 *   JR/T 0025.5 annex E (CVN 01) with the session key;
 * - ARPC method 1: 3DES_SK(ARQC ⊕ (ARC ‖ 00×6)).
 * The 3DES, padding and MAC come from src/crypto (checked against FIPS 81, SP 800-67, ISO 9797-1).
 */
import { desEcbEncrypt } from '../crypto/des.ts';
import { padMethod2, retailMac } from '../crypto/mac.ts';
import { fromHex } from '../bytes/hex.ts';

/** Odd parity in each byte (DES keys, JR/T 0025.7 §11.1.4). */
export function withOddParity(key: Uint8Array): Uint8Array {
  return key.map((b) => {
    let ones = 0;
    for (let x = b >> 1; x; x >>= 1) ones += x & 1;
    return (b & 0xfe) | (ones % 2 === 0 ? 1 : 0);
  });
}

/** Option A input: the rightmost 16 digits of PAN ‖ PSN (PSN 00 when absent), left-padded with 0. */
export function udkInput(pan: string, psn = '00'): Uint8Array {
  const digits = (pan + psn).padStart(16, '0');
  return fromHex(digits.slice(-16));
}

export function deriveUdk(imk: Uint8Array, pan: string, psn = '00'): Uint8Array {
  const y = udkInput(pan, psn);
  const left = desEcbEncrypt(imk, y);
  const right = desEcbEncrypt(imk, y.map((b) => b ^ 0xff));
  return withOddParity(Uint8Array.from([...left, ...right]));
}

export function sessionKey(udk: Uint8Array, atc: number): Uint8Array {
  const block = (v: number) => Uint8Array.of(0, 0, 0, 0, 0, 0, (v >> 8) & 0xff, v & 0xff);
  return withOddParity(Uint8Array.from([...desEcbEncrypt(udk, block(atc)), ...desEcbEncrypt(udk, block(atc ^ 0xffff))]));
}

/** The cryptogram over the transaction data, with the session key of this ATC. */
export function applicationCryptogram(udk: Uint8Array, atc: number, data: Uint8Array): Uint8Array {
  return retailMac(sessionKey(udk, atc), padMethod2(data, 8));
}

/** ARPC method 1 (JR/T 0025.7 §6.2): 3DES_SK(ARQC ⊕ (ARC ‖ 00 × 6)). */
export function arpc(udk: Uint8Array, atc: number, arqc: Uint8Array, arc: Uint8Array): Uint8Array {
  const y = arqc.map((b, i) => b ^ (i < arc.length ? (arc[i] as number) : 0));
  return desEcbEncrypt(sessionKey(udk, atc), y);
}

/** Luhn check digit of a PAN (ISO/IEC 7812-1 annex B). */
export function luhnValid(pan: string): boolean {
  if (!/^[0-9]{12,19}$/.test(pan)) return false;
  let sum = 0;
  for (let i = 0; i < pan.length; i++) {
    let d = Number(pan[pan.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * MAC of an issuer script command (JR/T 0025.5 annex C.2.4): over CLA INS P1 P2 Lc (counting the MAC)
 * ‖ ATC ‖ the AC sent online ‖ data, padding method 2, MAC algorithm 3 with the MAC session key of this
 * ATC; the leftmost 4 bytes.
 */
export function scriptMac(udkMac: Uint8Array, atc: number, ac: Uint8Array, header: readonly number[], data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const input = Uint8Array.from([...header.slice(0, 4), data.length + 4, (atc >> 8) & 0xff, atc & 0xff, ...ac, ...data]);
  return retailMac(sessionKey(udkMac, atc), padMethod2(input, 8)).subarray(0, 4);
}
