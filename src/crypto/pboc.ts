/**
 * JR/T 0025 symmetric key handling for the debit/credit application (PBOC's own scheme, not the EMV
 * common session key):
 * - card master key (UDK) from the issuer master key, PAN and PSN (JR/T 0025.7 §11.1.4 "option A";
 *   SM4: JR/T 0025.17 §8.1.4). Y = rightmost 16 digits of PAN ‖ PSN.
 *   3DES: UDK = 3DES(IMK)[Y] ‖ 3DES(IMK)[Y ⊕ FF..FF], DES parity fixed.
 *   SM4 (part 17): UDK = SM4(IMK)[Y ‖ (Y ⊕ FF..FF)]; part 5 Annex D.4 says Y ‖ 00×8 ('part5' variant).
 * - session key from the UDK and the ATC (JR/T 0025.7 §11.1.3):
 *   3DES: SK = 3DES(UDK)[00×6 ‖ ATC] ‖ 3DES(UDK)[00×6 ‖ ATC ⊕ FFFF], parity fixed;
 *   SM4: SK = SM4(UDK)[00×6 ‖ ATC ‖ 00×6 ‖ ATC ⊕ FFFF].
 * - application cryptogram: 3DES = ISO/IEC 9797-1 MAC algorithm 3, padding method 2 (JR/T 0025.7 §11.1.2.1);
 *   SM4 = SM4 CBC-MAC, padding method 2 to 16, leftmost 8 bytes (JR/T 0025.17 §8.1.2, part 5 D.2) or,
 *   per part 7 §11.1.2.2, the two halves XORed ('part7' fold).
 * - ARPC method 1 (JR/T 0025.7 §6.2): Y = ARQC ⊕ (ARC ‖ 00×6), 3DES(SK_AC)[Y]; SM4: left 8 of SM4(SK_AC)[Y ‖ 00×8].
 * - script MAC (JR/T 0025.5 C.2): MAC with SK_MAC, leftmost 4 bytes.
 * - script data encipherment (JR/T 0025.5 C.3, JR/T 0025.7 §11.1.1, JR/T 0025.17 §8.1.1): ECB with SK_ENC
 *   over Ld ‖ data ‖ 80 00… (no padding when already a whole number of blocks).
 * - PIN data of PIN CHANGE/UNBLOCK (JR/T 0025.5 B.10.3, JR/T 0025.17 §11).
 */
import { concat, fromHex, toHex } from '../bytes/hex.ts';
import { CryptoInputError, desEcbDecrypt, desEcbEncrypt } from './des.ts';
import { padMethod2, retailMac, sm4CbcMac } from './mac.ts';
import { sm4EcbDecrypt, sm4EcbEncrypt } from './sm4.ts';

export type PbocAlgorithm = '3DES' | 'SM4';
/** Where JR/T 0025 parts disagree for SM4 (spec-notes/pboc.md §5.1): the default is part 17. */
export interface Sm4Variant {
  udkInput: 'part17' | 'part5';
  acFold: 'part17' | 'part7';
}
export const PART17: Sm4Variant = { udkInput: 'part17', acFold: 'part17' };

/** Odd parity in every byte (DES key convention). */
export function fixParity(key: Uint8Array): Uint8Array {
  return key.map((b) => {
    let ones = 0;
    for (let v = b >> 1; v; v >>= 1) ones += v & 1;
    return (b & 0xfe) | (ones % 2 === 0 ? 1 : 0);
  });
}

const invert = (b: Uint8Array) => b.map((x) => x ^ 0xff);

/** Y: rightmost 16 digits of PAN ‖ PSN (PSN 00 when absent), left-padded with 0, as 8 bytes. */
export function udkInput(pan: string, psn = '00'): Uint8Array {
  const digits = (pan + psn).padStart(16, '0').slice(-16);
  return new Uint8Array(Buffer.from(digits, 'hex'));
}

export function deriveUdk(alg: PbocAlgorithm, imk: Uint8Array, pan: string, psn = '00', variant: Sm4Variant = PART17): Uint8Array {
  const y = udkInput(pan, psn);
  if (alg === '3DES') return fixParity(concat(desEcbEncrypt(imk, y), desEcbEncrypt(imk, invert(y))));
  return sm4EcbEncrypt(imk, concat(y, variant.udkInput === 'part5' ? new Uint8Array(8) : invert(y)));
}

export function sessionKey(alg: PbocAlgorithm, udk: Uint8Array, atc: number): Uint8Array {
  if (atc < 0 || atc > 0xffff) throw new CryptoInputError(`ATC ${atc} out of range`);
  const a = Uint8Array.of(atc >> 8, atc & 0xff);
  const l = concat(new Uint8Array(6), a);
  const r = concat(new Uint8Array(6), invert(a));
  if (alg === '3DES') return fixParity(concat(desEcbEncrypt(udk, l), desEcbEncrypt(udk, r)));
  return sm4EcbEncrypt(udk, concat(l, r));
}

/** 8-byte MAC over data (padding method 2) with a session key. */
export function pbocMac(alg: PbocAlgorithm, sk: Uint8Array, data: Uint8Array, variant: Sm4Variant = PART17): Uint8Array {
  if (alg === '3DES') return retailMac(sk, padMethod2(data, 8));
  const h = sm4CbcMac(sk, padMethod2(data, 16));
  if (variant.acFold === 'part7') return h.subarray(0, 8).map((b, i) => b ^ (h[8 + i] as number));
  return h.slice(0, 8);
}

export function arpc(alg: PbocAlgorithm, skAc: Uint8Array, arqc: Uint8Array, arc: Uint8Array): Uint8Array {
  const y = arqc.map((b, i) => b ^ (i < 2 ? (arc[i] as number) : 0));
  if (alg === '3DES') return desEcbEncrypt(skAc, y);
  return sm4EcbEncrypt(skAc, concat(y, new Uint8Array(8))).slice(0, 8);
}

export function scriptMac(alg: PbocAlgorithm, skMac: Uint8Array, data: Uint8Array, variant: Sm4Variant = PART17): Uint8Array {
  return pbocMac(alg, skMac, data, variant).slice(0, 4);
}

const blockOf = (alg: PbocAlgorithm) => (alg === '3DES' ? 8 : 16);

/** Encipher the plaintext of a script command (JR/T 0025.5 C.3.2–C.3.3): Ld ‖ data ‖ padding, ECB under SK_ENC. */
export function encipherScriptData(alg: PbocAlgorithm, skEnc: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length > 0xff) throw new CryptoInputError(`script data of ${data.length} bytes; Ld is one byte`);
  const n = blockOf(alg);
  let block = concat(Uint8Array.of(data.length), data);
  if (block.length % n) block = concat(block, Uint8Array.of(0x80), new Uint8Array(n - 1 - (block.length % n)));
  return alg === '3DES' ? desEcbEncrypt(skEnc, block) : sm4EcbEncrypt(skEnc, block);
}

/** Decipher script data (JR/T 0025.5 C.3.4): the plaintext of Ld bytes, or undefined when Ld does not fit. */
export function decipherScriptData(alg: PbocAlgorithm, skEnc: Uint8Array, enciphered: Uint8Array): Uint8Array | undefined {
  if (!enciphered.length || enciphered.length % blockOf(alg)) return undefined;
  const block = alg === '3DES' ? desEcbDecrypt(skEnc, enciphered) : sm4EcbDecrypt(skEnc, enciphered);
  const ld = block[0] as number;
  return ld <= block.length - 1 ? block.slice(1, 1 + ld) : undefined;
}

/** The PIN CHANGE/UNBLOCK P2 values (JR/T 0025.5 B.10.2, table B.15). */
export const PIN_CHANGE_P2 = { UNBLOCK: 0x00, WITH_CURRENT_PIN: 0x01, WITHOUT_CURRENT_PIN: 0x02 } as const;

/** D1 (JR/T 0025.5 B.10.3 step 3a; JR/T 0025.17 §11): 00×4 ‖ bytes 5–8 of the ENC UDK (the rightmost 4 of UDK-A). */
const pinD1 = (encUdk: Uint8Array) => concat(new Uint8Array(4), encUdk.subarray(4, 8));
/** D4 (B.10.3.1 step 4): the current PIN left-justified, padded with 0. */
const pinD4 = (pin: string) => fromHex(pin.padEnd(16, '0'));
const xor = (a: Uint8Array, b: Uint8Array) => a.map((x, i) => x ^ (b[i] as number));

/**
 * The 8-byte PIN data D of PIN CHANGE/UNBLOCK before encipherment (JR/T 0025.5 B.10.3, JR/T 0025.17 §11):
 * D2 = 0 N P…P F…F (4–12 digits), D = D1 ⊕ D2, and with the current PIN (P2 01) also ⊕ D4.
 */
export function pinChangeData(encUdk: Uint8Array, newPin: string, currentPin?: string): Uint8Array {
  if (!/^[0-9]{4,12}$/.test(newPin)) throw new CryptoInputError(`new PIN "${newPin}" is not 4 to 12 digits`);
  const d2 = fromHex(`0${newPin.length.toString(16)}${newPin}`.padEnd(16, 'F'));
  const d = xor(pinD1(encUdk), d2);
  return currentPin === undefined ? d : xor(d, pinD4(currentPin));
}

/** The new PIN in the PIN data D (the inverse of pinChangeData), or undefined when D2 is not 0 N P…P F…F. */
export function pinOfChangeData(encUdk: Uint8Array, d: Uint8Array, currentPin?: string): string | undefined {
  if (d.length !== 8) return undefined;
  const d2 = toHex(xor(currentPin === undefined ? d : xor(d, pinD4(currentPin)), pinD1(encUdk)));
  const n = parseInt(d2[1] as string, 16);
  if (d2[0] !== '0' || n < 4 || n > 12) return undefined;
  const pin = d2.slice(2, 2 + n);
  return /^[0-9]+$/.test(pin) && /^F*$/.test(d2.slice(2 + n)) ? pin : undefined;
}

/**
 * Codes of SM2 offline data authentication (JR/T 0025.17 §5 tables 1–11, Annex A): the format byte
 * that opens each signed object, the algorithm identifiers, and the fixed lengths of the SM2 curve.
 */
export const SM2_ODA = {
  /** 发卡行公钥证书 tag 90, table 4. */
  ISSUER_CERT_FORMAT: 0x12,
  /** 签名的静态应用数据 tag 93, table 5. */
  SSAD_FORMAT: 0x13,
  /** IC卡公钥证书 tag 9F46, table 8. */
  ICC_CERT_FORMAT: 0x14,
  /** 签名的动态应用数据 tag 9F4B, table 11. */
  SDAD_FORMAT: 0x15,
  /** Public key signature algorithm SM2 with SM3 (Annex A.1; 01 is RSA/SHA-1). */
  SIG_ALG_SM2: 0x04,
  /** Public key encryption algorithm: not used, 00 (tables 1, 6). */
  ENC_ALG_NONE: 0x00,
  /** Parameter identifier of the SM2 recommended curve (Annex A.4): a 64-byte public key. */
  PARAM_SM2: 0x11,
  /** Public key x ‖ y and signature r ‖ s on that curve. */
  KEY_LENGTH: 64,
  SIG_LENGTH: 64,
} as const;
