/**
 * The symmetric security computations of the social security application, for both block sizes
 * (社会保障卡规范 part 4 §8–9, part 9 §7). One place, shared by card-sim, the PSAM and the terminal.
 *   '3DES' (algorithm id 01): 8-byte blocks, 16-byte keys, single-length (8-byte) session keys.
 *   'SM4'  (algorithm id 03): 16-byte blocks and keys; the part 4 rules for "16-byte block
 *          algorithms" (written for SSF33) applied to SM4, as 3.0 cards do (spec-notes §4.2).
 * Ciphers come from src/crypto (Node's OpenSSL, checked against the standards' vectors).
 */
import { desEcbEncrypt, desEcbDecrypt } from '../crypto/des.ts';
import { desCbcMac, padMethod2, sm4CbcMac } from '../crypto/mac.ts';
import { sm4EcbDecrypt, sm4EcbEncrypt } from '../crypto/sm4.ts';

export type SsAlgorithm = '3DES' | 'SM4';

/** Algorithm identifier in the SSSE FCI (A5 › 9F0C › 86): part 3 §6.4, LD/T 33 §10.1. */
export const ALGORITHM_ID: Readonly<Record<SsAlgorithm, number>> = { '3DES': 0x01, SM4: 0x03 };

export function algorithmOfId(id: number): SsAlgorithm | undefined {
  return id === 0x01 ? '3DES' : id === 0x03 ? 'SM4' : undefined;
}

export function blockSize(alg: SsAlgorithm): number {
  return alg === 'SM4' ? 16 : 8;
}

export function encryptBlocks(alg: SsAlgorithm, key: Uint8Array, data: Uint8Array): Uint8Array {
  return alg === 'SM4' ? sm4EcbEncrypt(key, data) : desEcbEncrypt(key, data);
}

export function decryptBlocks(alg: SsAlgorithm, key: Uint8Array, data: Uint8Array): Uint8Array {
  return alg === 'SM4' ? sm4EcbDecrypt(key, data) : desEcbDecrypt(key, data);
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((v, i) => v ^ (b[i] as number));
}

function zeroPad(data: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(Math.max(n, data.length));
  out.set(data);
  return out;
}

/**
 * Key diversification (part 9 §7.1.1, §7.2.1): a 16-byte child key from an 8-byte factor f.
 * 3DES: left = 3DES_K(f), right = 3DES_K(NOT f).  SM4: E_K(f ‖ NOT f).
 */
export function diversify(alg: SsAlgorithm, key: Uint8Array, factor: Uint8Array): Uint8Array {
  if (factor.length !== 8) throw new RangeError(`diversification factor of ${factor.length} bytes; expected 8`);
  const not = factor.map((v) => v ^ 0xff);
  if (alg === 'SM4') return sm4EcbEncrypt(key, Uint8Array.from([...factor, ...not]));
  return Uint8Array.from([...desEcbEncrypt(key, factor), ...desEcbEncrypt(key, not)]);
}

/** Diversify through several levels, the factors in order (part 9 §7.3: province, city, card). */
export function diversifyLevels(alg: SsAlgorithm, root: Uint8Array, factors: readonly Uint8Array[]): Uint8Array {
  return factors.reduce((k, f) => diversify(alg, k, f), root);
}

/**
 * Process (session) key from a random (part 4 §8.4). 3DES: the input is the random padded with 00 to
 * 8 bytes, Ks = DES_KL(DES⁻¹_KR(DES_KL(in))) (figure 8, = 3DES-EDE), 8 bytes. SM4: the random padded
 * with 00 to 16 bytes, Ks = E_K(in) (figure 9), 16 bytes.
 */
export function sessionKey(alg: SsAlgorithm, key: Uint8Array, random: Uint8Array): Uint8Array {
  return encryptBlocks(alg, key, zeroPad(random, blockSize(alg)).subarray(0, blockSize(alg)));
}

/**
 * Authentication data from an 8-byte original (part 4 §9.3; part 9 §9.4): 3DES: DES_Ks(orig);
 * SM4: E_Ks(orig ‖ 00×8) with its left and right halves XORed.
 */
export function authData(alg: SsAlgorithm, ks: Uint8Array, original: Uint8Array): Uint8Array {
  if (original.length !== 8) throw new RangeError(`authentication original of ${original.length} bytes; expected 8`);
  if (alg === '3DES') return desEcbEncrypt(ks, original);
  const e = sm4EcbEncrypt(ks, zeroPad(original, 16));
  return xor(e.subarray(0, 8), e.subarray(8, 16));
}

/**
 * The 4-byte MAC of secure messaging (part 4 §8.2.4) with a session key: IV 00, padding 80 00…
 * (always), CBC. 3DES: single-length Ks, left 4 bytes. SM4: the 16-byte result's four 4-byte pieces XORed.
 */
export function ssMac(alg: SsAlgorithm, ks: Uint8Array, data: Uint8Array): Uint8Array {
  const padded = padMethod2(data, blockSize(alg));
  return macFromCbc(alg, alg === '3DES' ? desCbcMac(ks, padded) : sm4CbcMac(ks, padded));
}

/** The 4-byte MAC from the last CBC block (what a PSAM's CIPHER DATA returns): left 4 bytes, or the XOR of four pieces (SM4). */
export function macFromCbc(alg: SsAlgorithm, last: Uint8Array): Uint8Array {
  if (alg === '3DES') return last.slice(0, 4);
  return Uint8Array.from({ length: 4 }, (_, i) => (last[i] as number) ^ (last[4 + i] as number) ^ (last[8 + i] as number) ^ (last[12 + i] as number));
}

/** The MAC input of a command: CLA INS P1 P2 Lc (counting the 4 MAC bytes) ‖ data, padded 80 00… (part 4 §8.2.4). */
export function macInput(alg: SsAlgorithm, header: readonly number[], data: Uint8Array): Uint8Array {
  return padMethod2(Uint8Array.from([...header.slice(0, 4), data.length + 4, ...data]), blockSize(alg));
}

/** The MAC over a command header and data: CLA INS P1 P2 Lc (Lc counting the 4 MAC bytes) ‖ data. */
export function commandMac(alg: SsAlgorithm, ks: Uint8Array, header: readonly number[], data: Uint8Array): Uint8Array {
  return ssMac(alg, ks, Uint8Array.from([...header.slice(0, 4), data.length + 4, ...data]));
}

/**
 * Data encryption (part 4 §8.3.2–8.3.3): LD ‖ plaintext, padded with 80 00… only when not already a
 * block multiple, ECB with the session key.
 */
export function encryptData(alg: SsAlgorithm, ks: Uint8Array, plain: Uint8Array): Uint8Array {
  return encryptBlocks(alg, ks, encryptionInput(alg, plain));
}

/** LD ‖ plaintext, padded with 80 00… unless already a block multiple (part 4 §8.3.2, §8.3.3 step 3). */
export function encryptionInput(alg: SsAlgorithm, plain: Uint8Array): Uint8Array {
  const block = Uint8Array.from([plain.length, ...plain]);
  return block.length % blockSize(alg) === 0 ? block : padMethod2(block, blockSize(alg));
}

/** The inverse of encryptData (part 4 §8.3.4); undefined when LD does not fit the data. */
export function decryptData(alg: SsAlgorithm, ks: Uint8Array, cipher: Uint8Array): Uint8Array | undefined {
  if (cipher.length === 0 || cipher.length % blockSize(alg) !== 0) return undefined;
  const plain = decryptBlocks(alg, ks, cipher);
  const ld = plain[0] as number;
  if (ld + 1 > plain.length) return undefined;
  return plain.slice(1, 1 + ld);
}
