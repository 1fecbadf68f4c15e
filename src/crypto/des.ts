/**
 * DES and triple DES (ISO/IEC 18033-3, NIST SP 800-67) from Node's OpenSSL. Single DES is OpenSSL's
 * two-key EDE with K1 = K2, which equals DES(K1): OpenSSL 3 keeps plain DES in its legacy provider.
 * Keys: 8 bytes (DES), 16 bytes (2-key 3DES, as JR/T 0025 and 社会保障卡规范 use), 24 bytes (3-key).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

export class CryptoInputError extends Error {
  override name = 'CryptoInputError';
}

function algorithm(key: Uint8Array, mode: 'ecb' | 'cbc'): { name: string; key: Buffer } {
  if (key.length === 8) return { name: mode === 'ecb' ? 'des-ede-ecb' : 'des-ede-cbc', key: Buffer.concat([key, key]) };
  if (key.length === 16) return { name: mode === 'ecb' ? 'des-ede-ecb' : 'des-ede-cbc', key: Buffer.from(key) };
  if (key.length === 24) return { name: mode === 'ecb' ? 'des-ede3-ecb' : 'des-ede3-cbc', key: Buffer.from(key) };
  throw new CryptoInputError(`DES key of ${key.length} bytes; expected 8, 16 or 24`);
}

function run(encrypt: boolean, key: Uint8Array, data: Uint8Array, iv?: Uint8Array): Uint8Array {
  if (data.length % 8 !== 0) throw new CryptoInputError(`DES data of ${data.length} bytes is not a multiple of 8`);
  const { name, key: k } = algorithm(key, iv ? 'cbc' : 'ecb');
  const c = encrypt ? createCipheriv(name, k, iv ? Buffer.from(iv) : null) : createDecipheriv(name, k, iv ? Buffer.from(iv) : null);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

export const desEcbEncrypt = (key: Uint8Array, data: Uint8Array) => run(true, key, data);
export const desEcbDecrypt = (key: Uint8Array, data: Uint8Array) => run(false, key, data);
export const desCbcEncrypt = (key: Uint8Array, iv: Uint8Array, data: Uint8Array) => run(true, key, data, iv);
export const desCbcDecrypt = (key: Uint8Array, iv: Uint8Array, data: Uint8Array) => run(false, key, data, iv);
