/**
 * Padding and MACs used by both applications.
 * - ISO/IEC 9797-1 padding method 2: append 80, then 00 up to a block multiple (JR/T 0025.5 Annex A,
 *   社会保障卡规范 part 4 §8).
 * - ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC") with DES: CBC with single DES under KL, the last block
 *   then decrypted with KR and encrypted with KL; with a 16-byte key that is the 3DES MAC of JR/T 0025.
 * - CBC-MAC with SM4 (all blocks SM4-CBC, last block is the MAC), as JR/T 0025.17 uses.
 */
import { CryptoInputError, desCbcEncrypt, desEcbDecrypt, desEcbEncrypt } from './des.ts';
import { sm4CbcEncrypt } from './sm4.ts';

export function padMethod2(data: Uint8Array, block: number): Uint8Array {
  const n = Math.ceil((data.length + 1) / block) * block;
  const out = new Uint8Array(n);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

/** Padding method 1: 00 up to a block multiple (nothing added to a non-empty exact multiple). */
export function padMethod1(data: Uint8Array, block: number): Uint8Array {
  const n = Math.max(block, Math.ceil(data.length / block) * block);
  const out = new Uint8Array(n);
  out.set(data);
  return out;
}

/** MAC algorithm 3 over already padded data; 8-byte result (truncate as the spec says). */
export function retailMac(key16: Uint8Array, padded: Uint8Array, iv: Uint8Array = new Uint8Array(8)): Uint8Array {
  if (key16.length !== 16) throw new CryptoInputError(`retail MAC key of ${key16.length} bytes; expected 16`);
  const kl = key16.subarray(0, 8);
  const kr = key16.subarray(8, 16);
  const chain = desCbcEncrypt(kl, iv, padded);
  const last = chain.subarray(chain.length - 8);
  return desEcbEncrypt(kl, desEcbDecrypt(kr, last));
}

/** CBC-MAC with single DES (MAC algorithm 1), for 8-byte keys. */
export function desCbcMac(key8: Uint8Array, padded: Uint8Array, iv: Uint8Array = new Uint8Array(8)): Uint8Array {
  const chain = desCbcEncrypt(key8, iv, padded);
  return chain.slice(chain.length - 8);
}

/** CBC-MAC with SM4 over already padded data; 16-byte result. */
export function sm4CbcMac(key: Uint8Array, padded: Uint8Array, iv: Uint8Array = new Uint8Array(16)): Uint8Array {
  const chain = sm4CbcEncrypt(key, iv, padded);
  return chain.slice(chain.length - 16);
}
