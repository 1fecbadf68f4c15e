/**
 * Tamper evidence of a report: a SHA-256 digest over its canonical JSON (without the integrity and
 * signature members), and a lab's Ed25519 signature over that digest. verifyReport says exactly what
 * does not hold. SM2 is refused: Node's OpenSSL signs SM2 without the GB/T 32918.2 user ID (its
 * Annex A example does not verify through it), so such a signature would not be the standard's.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical.ts';

export const CANONICALIZATION = 'sscc-canonical-json/1: RFC 8785 member order, no whitespace, without integrity and signature';

export interface Integrity {
  algorithm: 'sha256';
  canonicalization: string;
  digest: string;
}

export interface Signature {
  algorithm: 'Ed25519';
  /** SPKI, PEM. */
  publicKey: string;
  /** base64 of the signature over the UTF-8 bytes of "sscc-report-digest:" ‖ digest (hex). */
  value: string;
  signedAt: string;
  signer?: string;
}

interface Sealable {
  integrity?: Integrity;
  signature?: Signature;
}

export function reportDigest(report: object): string {
  const { integrity: _i, signature: _s, ...body } = report as Sealable;
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

/** The report with its integrity member set (a signature, no longer valid for new content, is dropped). */
export function seal<T extends object>(report: T): T & { integrity: Integrity } {
  const { signature: _s, ...rest } = report as T & Sealable;
  return { ...(rest as unknown as T), integrity: { algorithm: 'sha256', canonicalization: CANONICALIZATION, digest: reportDigest(report) } };
}

const signedBytes = (digest: string) => Buffer.from(`sscc-report-digest:${digest}`, 'utf8');

/** OID 1.2.156.10197.1.301 (SM2 curve, GB/T 32918.5), as it sits in an SPKI. */
const SM2_OID = Buffer.from('06082a811ccf5501822d', 'hex');

function algorithmOf(key: KeyObject): Signature['algorithm'] {
  if (key.asymmetricKeyType === 'ed25519') return 'Ed25519';
  // Node names an SM2 key read from PEM neither 'ec' nor 'sm2': recognise the curve by its OID.
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  if (spki.includes(SM2_OID)) throw new Error('SM2 signing is not offered: Node\'s OpenSSL does not apply the GB/T 32918.2 user ID (1234567812345678), so the signature would not verify elsewhere; sign with an Ed25519 key');
  throw new Error(`the key is ${key.asymmetricKeyType ?? 'of an unknown type'}${key.asymmetricKeyDetails?.namedCurve ? ` (${key.asymmetricKeyDetails.namedCurve})` : ''}; sign with an Ed25519 or SM2 private key`);
}

export function signReport<T extends object>(report: T, privateKeyPem: string, signer?: string, now = new Date()): T & { integrity: Integrity; signature: Signature } {
  const key = createPrivateKey(privateKeyPem);
  const algorithm = algorithmOf(key);
  const sealed = seal(report);
  const value = sign(null, signedBytes(sealed.integrity.digest), key).toString('base64');
  const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  return { ...sealed, signature: { algorithm, publicKey, value, signedAt: now.toISOString(), ...(signer ? { signer } : {}) } };
}

export interface Verification {
  ok: boolean;
  digestOk: boolean;
  signed: boolean;
  signatureOk?: boolean;
  /** Why not, one line each. */
  problems: string[];
}

/** Check the digest, the signature if any, and that it was made by `expectedPublicKeyPem` when given. */
export function verifyReport(value: object, expectedPublicKeyPem?: string): Verification {
  const report = value as Sealable;
  const problems: string[] = [];
  const integrity = report.integrity;
  let digestOk = false;
  if (!integrity) problems.push('the report has no integrity member (digest)');
  else if (integrity.algorithm !== 'sha256') problems.push(`unknown digest algorithm ${integrity.algorithm}`);
  else {
    const actual = reportDigest(report);
    digestOk = actual === integrity.digest;
    if (!digestOk) problems.push(`digest mismatch: the report says ${integrity.digest}, its content gives ${actual}; it was changed after it was written`);
  }
  const sig = report.signature;
  let signatureOk: boolean | undefined;
  if (sig) {
    try {
      const key = createPublicKey(sig.publicKey);
      signatureOk = verify(null, signedBytes(integrity?.digest ?? ''), key, Buffer.from(sig.value, 'base64'));
      if (!signatureOk) problems.push(`the ${sig.algorithm} signature does not verify over the digest`);
      if (expectedPublicKeyPem) {
        const expected = createPublicKey(expectedPublicKeyPem).export({ type: 'spki', format: 'der' });
        if (!expected.equals(key.export({ type: 'spki', format: 'der' }))) {
          signatureOk = false;
          problems.push('the report is signed with another key than --pubkey');
        }
      }
    } catch (e) {
      signatureOk = false;
      problems.push(`the signature cannot be checked: ${(e as Error).message}`);
    }
  } else if (expectedPublicKeyPem) problems.push('the report is not signed, but --pubkey asks for a signature');
  return { ok: problems.length === 0, digestOk, signed: sig !== undefined, ...(signatureOk === undefined ? {} : { signatureOk }), problems };
}
