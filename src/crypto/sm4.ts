/** SM4 block cipher (GB/T 32907-2016) from Node's OpenSSL. 16-byte key and block. */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { CryptoInputError } from './des.ts';

function run(encrypt: boolean, key: Uint8Array, data: Uint8Array, iv?: Uint8Array): Uint8Array {
  if (key.length !== 16) throw new CryptoInputError(`SM4 key of ${key.length} bytes; expected 16`);
  if (data.length % 16 !== 0) throw new CryptoInputError(`SM4 data of ${data.length} bytes is not a multiple of 16`);
  const name = iv ? 'sm4-cbc' : 'sm4-ecb';
  const c = encrypt
    ? createCipheriv(name, Buffer.from(key), iv ? Buffer.from(iv) : null)
    : createDecipheriv(name, Buffer.from(key), iv ? Buffer.from(iv) : null);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

export const sm4EcbEncrypt = (key: Uint8Array, data: Uint8Array) => run(true, key, data);
export const sm4EcbDecrypt = (key: Uint8Array, data: Uint8Array) => run(false, key, data);
export const sm4CbcEncrypt = (key: Uint8Array, iv: Uint8Array, data: Uint8Array) => run(true, key, data, iv);
export const sm4CbcDecrypt = (key: Uint8Array, iv: Uint8Array, data: Uint8Array) => run(false, key, data, iv);
