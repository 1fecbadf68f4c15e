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
  /** What the signature covers: canonical JSON of { form, digest, signer, signedAt, keyId, files } (signedPayload). */
  form: 'sscc-signature/2';
  algorithm: 'Ed25519';
  /** SPKI, PEM. */
  publicKey: string;
  /** SHA-256 of the SPKI DER of publicKey, hex: the key a lab publishes and a verifier trusts. */
  keyId: string;
  /** base64 of the signature over signedPayload. */
  value: string;
  signedAt: string;
  signer?: string;
  /** The other files of the run folder, by name and SHA-256, covered by the same signature. */
  files: Array<{ name: string; sha256: string }>;
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

/** The bytes an sscc signature covers: the report digest with signer, time, key id and the run's other files. */
export function signedPayload(digest: string, sig: Pick<Signature, 'signer' | 'signedAt' | 'keyId' | 'files'>): Buffer {
  return Buffer.from(
    canonicalJson({ form: 'sscc-signature/2', digest, signer: sig.signer ?? null, signedAt: sig.signedAt, keyId: sig.keyId, files: sig.files }),
    'utf8',
  );
}

export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'public' ? key : createPublicKey(key);
  return createHash('sha256')
    .update(pub.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** OID 1.2.156.10197.1.301 (SM2 curve, GB/T 32918.5), as it sits in an SPKI. */
const SM2_OID = Buffer.from('06082a811ccf5501822d', 'hex');

function algorithmOf(key: KeyObject): Signature['algorithm'] {
  if (key.asymmetricKeyType === 'ed25519') return 'Ed25519';
  // Node names an SM2 key read from PEM neither 'ec' nor 'sm2': recognise the curve by its OID.
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  if (spki.includes(SM2_OID))
    throw new Error(
      "SM2 signing is not offered: Node's OpenSSL does not apply the GB/T 32918.2 user ID (1234567812345678), so the signature would not verify elsewhere; sign with an Ed25519 key",
    );
  throw new Error(
    `the key is ${key.asymmetricKeyType ?? 'of an unknown type'}${key.asymmetricKeyDetails?.namedCurve ? ` (${key.asymmetricKeyDetails.namedCurve})` : ''}; sign with an Ed25519 or SM2 private key`,
  );
}

export function signReport<T extends object>(
  report: T,
  privateKeyPem: string,
  signer?: string,
  now = new Date(),
  files: Signature['files'] = [],
): T & { integrity: Integrity; signature: Signature } {
  const key = createPrivateKey(privateKeyPem);
  const algorithm = algorithmOf(key);
  const sealed = seal(report);
  const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  const fields = { signedAt: now.toISOString(), keyId: keyIdOf(key), files, ...(signer ? { signer } : {}) };
  const value = sign(null, signedPayload(sealed.integrity.digest, fields), key).toString('base64');
  return { ...sealed, signature: { form: 'sscc-signature/2', algorithm, publicKey, value, ...fields } };
}

export interface Verification {
  ok: boolean;
  digestOk: boolean;
  signed: boolean;
  signatureOk?: boolean;
  /** The signature holds, but no trusted key was given: it says nothing about who signed. */
  untrusted?: boolean;
  /** Why not, one line each. */
  problems: string[];
}

/**
 * Check the digest, the signature if any, and whose key made it. `trusted`: the public keys (PEM) the
 * verifier trusts (--pubkey, a trust folder). A signature that verifies with the key it carries but by
 * no trusted key is `untrusted`: anyone can make one, so it vouches for nothing (issue 18).
 */
export function verifyReport(value: object, trusted: string[] | string = []): Verification {
  const trust = typeof trusted === 'string' ? [trusted] : trusted;
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
  let trustedKey: boolean | undefined;
  if (sig) {
    try {
      const key = createPublicKey(sig.publicKey);
      if (sig.form !== 'sscc-signature/2')
        throw new Error(`unknown signature form ${JSON.stringify(sig.form)} (signer and time would not be covered); sign the report again`);
      if (keyIdOf(key) !== sig.keyId) throw new Error('keyId does not name the public key the signature carries');
      signatureOk = verify(null, signedPayload(integrity?.digest ?? '', sig), key, Buffer.from(sig.value, 'base64'));
      if (!signatureOk) problems.push(`the ${sig.algorithm} signature does not verify over the digest, signer, time and files`);
      if (trust.length) {
        const der = key.export({ type: 'spki', format: 'der' });
        trustedKey = trust.some((pem) => createPublicKey(pem).export({ type: 'spki', format: 'der' }).equals(der));
        if (!trustedKey) {
          signatureOk = false;
          problems.push(
            trust.length === 1
              ? 'the report is signed with another key than --pubkey'
              : `the report is signed with key ${sig.keyId}, none of the ${trust.length} trusted keys`,
          );
        }
      }
    } catch (e) {
      signatureOk = false;
      problems.push(`the signature cannot be checked: ${(e as Error).message}`);
    }
  } else if (trust.length) problems.push('the report is not signed, but a trusted key (--pubkey) asks for a signature');
  return {
    ok: problems.length === 0,
    digestOk,
    signed: sig !== undefined,
    ...(signatureOk === undefined ? {} : { signatureOk }),
    ...(sig && signatureOk && trustedKey === undefined ? { untrusted: true } : {}),
    problems,
  };
}
