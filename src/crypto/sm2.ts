/**
 * SM2 digital signatures (GB/T 32918.2-2016 = GM/T 0003.2) with SM3, as JR/T 0025.17 §8.2 uses them for
 * offline data authentication: ZA = SM3(ENTLA ‖ IDA ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) with IDA fixed to the
 * 16 bytes "1234567812345678" (ENTLA = 0080), e = SM3(ZA ‖ M), signature S = r ‖ s (2 × 32 bytes).
 * The curve arithmetic is the library sm-crypto-v2 (over @noble/curves); this file only adapts bytes.
 * Public keys are the 64 bytes x ‖ y of JR/T 0025.17 certificates (no 04 point prefix).
 */
import { createRequire } from 'node:module';
import { concat, fromHex } from '../bytes/hex.ts';
import { CryptoInputError } from './des.ts';
import { sm3 } from './hash.ts';

/** IDA of JR/T 0025.17 §8.2.2 a): the 16 ASCII bytes 1234567812345678, so ENTLA = 0x0080 bits. */
export const SM2_USER_ID = '1234567812345678';
/** Order n of the base point of the recommended curve (GB/T 32918.5-2017 §3). */
const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

type Sm2Library = typeof import('sm-crypto-v2')['sm2'];
let library: Sm2Library | undefined;
/** sm-crypto-v2, loaded when first used: importing it costs about 30 ms of every process's start (issue 21). */
const lib = (): Sm2Library => (library ??= (createRequire(import.meta.url)('sm-crypto-v2') as typeof import('sm-crypto-v2')).sm2);

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const scalar = (b: Uint8Array) => BigInt(`0x${hex(b) || '0'}`);

function privateHex(d: string | Uint8Array): string {
  const h = typeof d === 'string' ? d.replace(/\s+/g, '').toLowerCase() : hex(d);
  if (!/^[0-9a-f]{64}$/.test(h)) throw new CryptoInputError('SM2 private key must be 32 bytes');
  const v = BigInt(`0x${h}`);
  if (v === 0n || v >= SM2_N - 1n) throw new CryptoInputError('SM2 private key out of range [1, n−2]');
  return h;
}

/**
 * Answers of the pure functions below, by their inputs: the simulator signs and the kernel verifies the
 * same certificates in every scenario (a run makes a card per scenario), and each costs a few scalar
 * multiplications. Bounded: emptied when full.
 */
const remembered = new Map<string, Uint8Array | boolean | string>();
function remember<T extends Uint8Array | boolean | string>(key: string, compute: () => T): T {
  const known = remembered.get(key);
  if (known !== undefined) return (known instanceof Uint8Array ? known.slice() : known) as T;
  if (remembered.size >= 4096) remembered.clear();
  const value = compute();
  remembered.set(key, value instanceof Uint8Array ? value.slice() : value);
  return value;
}

/** Public key x ‖ y (64 bytes) of a private key d (32 bytes, or 64 hex digits). */
export function sm2PublicOf(privateKey: string | Uint8Array): Uint8Array {
  const d = privateHex(privateKey);
  return fromHex(remember(`public ${d}`, () => lib().getPublicKeyFromPrivateKey(d)).slice(2));
}

/** ZA of the signer (GB/T 32918.2 §5.5) with the JR/T 0025.17 user id. */
export function sm2Za(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 64) throw new CryptoInputError(`SM2 public key of ${publicKey.length} bytes; expected 64 (x ‖ y)`);
  return new Uint8Array(lib().getZ(hex(publicKey), SM2_USER_ID));
}

/**
 * The per-signature random k. Given, it is used as is (test vectors); otherwise it is derived from d and
 * the message with SM3, so that the simulator's signatures repeat for the same input (a test card only:
 * like RFC 6979, a k that depends on the message never repeats across different messages).
 */
function nonce(d: string, message: Uint8Array, k?: string | Uint8Array): bigint {
  if (k !== undefined) {
    const v = scalar(typeof k === 'string' ? fromHex(k) : k);
    if (v === 0n || v >= SM2_N) throw new CryptoInputError('SM2 k out of range [1, n−1]');
    return v;
  }
  for (let i = 0; ; i++) {
    const v = scalar(sm3(concat(fromHex(d), message, Uint8Array.of(i))));
    if (v !== 0n && v < SM2_N) return v;
  }
}

/** Sign `message` with d: 64 bytes r ‖ s (GB/T 32918.2 §6.1, JR/T 0025.17 §8.2.2). */
export function sm2Sign(privateKey: string | Uint8Array, message: Uint8Array, options: { k?: string | Uint8Array } = {}): Uint8Array {
  const d = privateHex(privateKey);
  const k = nonce(d, message, options.k);
  return remember(`sign ${d} ${k.toString(16)} ${hex(message)}`, () => {
    const kG = lib().getPublicKeyFromPrivateKey(k.toString(16).padStart(64, '0'));
    const point = { k, x1: BigInt(`0x${kG.slice(2, 66)}`) };
    const pub = remember(`public ${d}`, () => lib().getPublicKeyFromPrivateKey(d));
    return fromHex(lib().doSignature(message, d, { hash: true, publicKey: pub, userId: SM2_USER_ID, pointPool: [point] }));
  });
}

/**
 * Verify r ‖ s over `message` with the public key x ‖ y (GB/T 32918.2 §7.1, JR/T 0025.17 §8.2.3).
 * False, never an exception, for a key not on the curve, a signature of the wrong length, r or s
 * outside [1, n−1].
 */
export function sm2Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 64 || signature.length !== 64) return false;
  const r = scalar(signature.subarray(0, 32));
  const s = scalar(signature.subarray(32));
  if (r === 0n || r >= SM2_N || s === 0n || s >= SM2_N) return false;
  const pk = `04${hex(publicKey)}`;
  return remember(`verify ${pk} ${hex(signature)} ${hex(message)}`, () => {
    try {
      return lib().verifyPublicKey(pk) && lib().doVerifySignature(message, hex(signature), pk, { hash: true, userId: SM2_USER_ID });
    } catch {
      return false;
    }
  });
}
