/**
 * Raw RSA (no padding) from Node's OpenSSL, as EMV Book 2 / JR/T 0025.7 §5 use it for certificates
 * with message recovery: the signer applies the private key to a full-length block, the verifier
 * recovers it with the public key (modulus, exponent) and checks header, trailer and hash itself.
 */
import { constants, createPrivateKey, createPublicKey, privateEncrypt, publicDecrypt, type KeyObject } from 'node:crypto';
import { CryptoInputError } from './des.ts';

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

export interface RsaPublic {
  modulus: Uint8Array;
  exponent: Uint8Array;
}

/** Parsed PEM private keys: the card and the issuer sign with a few test keys, thousands of times a run. */
const privateKeys = new Map<string, KeyObject>();
function privateKey(pem: string): KeyObject {
  let key = privateKeys.get(pem);
  if (!key) privateKeys.set(pem, (key = createPrivateKey(pem)));
  return key;
}

/** Public key (n, e) of a PEM private key. */
export function rsaPublicOf(privatePem: string): RsaPublic {
  const jwk = privateKey(privatePem).export({ format: 'jwk' });
  return { modulus: new Uint8Array(Buffer.from(jwk.n as string, 'base64url')), exponent: new Uint8Array(Buffer.from(jwk.e as string, 'base64url')) };
}

function publicKey(key: RsaPublic): KeyObject {
  let n = key.modulus;
  while (n.length > 1 && n[0] === 0) n = n.subarray(1);
  return createPublicKey({ key: { kty: 'RSA', n: b64u(n), e: b64u(key.exponent) }, format: 'jwk' });
}

/** Recover: data^e mod n; data must be exactly as long as the modulus. */
export function rsaRecover(key: RsaPublic, data: Uint8Array): Uint8Array {
  if (data.length !== key.modulus.length) throw new CryptoInputError(`RSA input of ${data.length} bytes; modulus has ${key.modulus.length}`);
  return new Uint8Array(publicDecrypt({ key: publicKey(key), padding: constants.RSA_NO_PADDING }, data));
}

/** Sign: data^d mod n with a PEM private key; data as long as the modulus and below it. */
export function rsaSign(privatePem: string, data: Uint8Array): Uint8Array {
  return new Uint8Array(privateEncrypt({ key: privateKey(privatePem), padding: constants.RSA_NO_PADDING }, data));
}
