/** Hashes from Node's OpenSSL: SM3 (GB/T 32905-2016), SHA-1 (EMV/JR/T 0025 RSA ODA), SHA-256. */
import { createHash } from 'node:crypto';

const digest = (name: string) => (data: Uint8Array) => new Uint8Array(createHash(name).update(data).digest());

export const sm3 = digest('sm3');
export const sha1 = digest('sha1');
export const sha256 = digest('sha256');
