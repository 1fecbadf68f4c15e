/**
 * Offline data authentication with SM2/SM3, terminal side (JR/T 0025.17-2013 §5). Unlike RSA (oda.ts)
 * nothing is recovered: each certificate or signed object is its plain fields followed by the SM2
 * signature r ‖ s (§8.2), which the terminal verifies over those fields (and, for the SSAD, the ICC
 * certificate and the SDAD, the static data or the DDOL data): SM2_ODA_SCHEME, the SM2 scheme of the one
 * ODA flow (oda-flow.ts). Each check that fails is named in `errors`; nothing throws on a card's malformed data.
 */
import { concat, fromHex, toHex } from '../bytes/hex.ts';
import { SM2_ODA, sm2Verify, sm3, type RsaPublic } from '../crypto/index.ts';
import { type Diagnosis, dx } from '../verdict/messages.ts';
import { type CdaData, cnField, notExpired, type OdaScheme, parseCdaDynamicData, type Recovered } from './oda.ts';

const { ISSUER_CERT_FORMAT, SSAD_FORMAT, ICC_CERT_FORMAT, SDAD_FORMAT, SIG_ALG_SM2, PARAM_SM2, KEY_LENGTH, SIG_LENGTH } = SM2_ODA;

/** The CA public key of an SM2 PKI: x ‖ y, 64 bytes (the profile's keys.pboc.ca with algorithm SM2). */
/** A CA public key as a profile gives it (keys.pboc.ca): RSA modulus and exponent, or an SM2 point. */
export type PbocCaKey = { index: string; algorithm?: 'RSA'; modulus: string; exponent: string } | { index: string; algorithm: 'SM2'; publicKey: string };

export interface Sm2CaKey {
  sm2: Uint8Array;
}
/** The terminal's CA public key for the card's ODA: RSA (JR/T 0025.7) or SM2 (JR/T 0025.17). */
export type CaKey = RsaPublic | Sm2CaKey;
export const isSm2Ca = (k: CaKey): k is Sm2CaKey => 'sm2' in k;

/** The CA public key as a profile writes it (keys.pboc.ca): RSA modulus and exponent, or SM2 x ‖ y. */
export function caKeyOf(c: PbocCaKey): CaKey {
  return c.algorithm === 'SM2' ? { sm2: fromHex(c.publicKey) } : { modulus: fromHex(c.modulus), exponent: fromHex(c.exponent) };
}

/**
 * The CA key the card names in 8F among the terminal's keys (JR/T 0025.17 §10.3.1 d: the terminal tells
 * the algorithm by the public key index), the first one when 8F is absent or names none of them.
 */
export function caKeyByIndex(keys: readonly [PbocCaKey, ...PbocCaKey[]], index: number | undefined): CaKey {
  const named = index === undefined ? undefined : keys.find((c) => parseInt(c.index, 16) === index);
  return caKeyOf(named ?? keys[0]);
}

/** The SM3 transaction data hash of SM2 CDA: 32 bytes (§5.2.5.1). */
const SM3_LENGTH = 32;

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/** Fields of an issuer (table 4) or ICC (table 8) public key certificate. */
interface Sm2Cert {
  id: Uint8Array;
  expiry: Uint8Array;
  sigAlg: number;
  publicKey: Uint8Array;
  /** The fields the signature covers (tables 1 and 6, without the static data). */
  signed: Uint8Array;
  signature: Uint8Array;
}

/**
 * Parse a certificate: format(1) | id (4 issuer, 10 ICC) | expiry(2) | serial(3) | sig alg | enc alg |
 * parameter id | key length | key | signature. The key length byte tells where the signature starts;
 * the parameter identifier 11 fixes it to 64 (Annex A.4).
 */
function parseCert(cert: Uint8Array, format: number, idLength: number, what: Diagnosis, errors: Diagnosis[]): Sm2Cert | undefined {
  const head = 1 + idLength + 2 + 3 + 4;
  if (cert.length < head) {
    errors.push(dx('sm2.certShort', { what, length: cert.length, head }));
    return undefined;
  }
  if (cert[0] !== format) errors.push(dx('sm2.certFormat', { what, v: hex2(cert[0] as number), expected: hex2(format) }));
  const sigAlg = cert[head - 4] as number;
  const param = cert[head - 2] as number;
  const keyLength = cert[head - 1] as number;
  if (sigAlg !== SIG_ALG_SM2) errors.push(dx('sm2.sigAlg', { what, v: hex2(sigAlg), expected: hex2(SIG_ALG_SM2) }));
  if (param !== PARAM_SM2) errors.push(dx('sm2.param', { what, v: hex2(param), expected: hex2(PARAM_SM2) }));
  if (keyLength !== KEY_LENGTH) errors.push(dx('sm2.keyLength', { what, v: keyLength, expected: KEY_LENGTH }));
  if (cert.length !== head + keyLength + SIG_LENGTH) {
    errors.push(dx('sm2.certLength', { what, length: cert.length, keyLength, expected: head + keyLength + SIG_LENGTH }));
    return undefined;
  }
  return {
    id: cert.subarray(1, 1 + idLength),
    expiry: cert.subarray(1 + idLength, 3 + idLength),
    sigAlg,
    publicKey: cert.slice(head, head + keyLength),
    signed: cert.subarray(0, head + keyLength),
    signature: cert.subarray(head + keyLength),
  };
}

/**
 * The layout of an issuer (table 4) or ICC (table 8) certificate, without its signature: format, the
 * algorithm and parameter identifiers, encryption algorithm 00 (not used), the lengths.
 */
export function sm2CertLayoutErrors(cert: Uint8Array, kind: 'issuer' | 'icc'): Diagnosis[] {
  const errors: Diagnosis[] = [];
  const idLength = kind === 'issuer' ? 4 : 10;
  const c = parseCert(
    cert,
    kind === 'issuer' ? ISSUER_CERT_FORMAT : ICC_CERT_FORMAT,
    idLength,
    dx(kind === 'issuer' ? 'sm2.issuerCert' : 'sm2.iccCert'),
    errors,
  );
  const enc = cert[idLength + 7];
  if (c && enc !== SM2_ODA.ENC_ALG_NONE) errors.push(dx('sm2.encAlg', { v: hex2(enc as number) }));
  return errors;
}

/** The static data tag list 9F4A may name only 82 (§5.1.3 c, §5.2.3 e). */
function checkTagList(tagList: Uint8Array | undefined, errors: Diagnosis[]): void {
  if (tagList && tagList.length && toHex(tagList) !== '82') errors.push(dx('sm2.tagList', { v: toHex(tagList) }));
}

/**
 * Issuer public key (§5.1.2, table 4): format 12, issuer identifier = leftmost PAN digits, expiry not
 * passed, signature algorithm 04, the CA signature over table 1. `today` is YYMM. Revocation of
 * RID ‖ index ‖ serial (step d) needs a revocation list the harness does not hold: not checked.
 */
export function recoverIssuerKeySm2(ca: Uint8Array, cert: Uint8Array, pan: string, today: string): Recovered<Uint8Array> {
  const errors: Diagnosis[] = [];
  const c = parseCert(cert, ISSUER_CERT_FORMAT, 4, dx('sm2.issuerCert'), errors);
  if (!c) return { errors };
  const issuerId = cnField(c.id, errors, dx('sm2.issuerIdNotCn', { v: toHex(c.id) }));
  if (issuerId.length < 3 || !pan.startsWith(issuerId)) errors.push(dx('sm2.issuerIdPan', { id: issuerId || toHex(c.id), pan }));
  if (!notExpired(c.expiry, today)) errors.push(dx('oda.issuerExpired', { expiry: toHex(c.expiry) }));
  if (!sm2Verify(ca, c.signed, c.signature)) errors.push(dx('sm2.issuerSignature'));
  return { value: c.publicKey, errors };
}

/** SDA (§5.1.3, table 5): 13 | DAC | signature over 13 ‖ DAC ‖ static data; value = the DAC (9F45). */
export function verifySsadSm2(issuer: Uint8Array, ssad: Uint8Array, staticData: Uint8Array, tagList?: Uint8Array): Recovered<Uint8Array> {
  const errors: Diagnosis[] = [];
  if (ssad.length !== 3 + SIG_LENGTH) {
    errors.push(dx('sm2.ssadLength', { length: ssad.length, expected: 3 + SIG_LENGTH }));
    return { errors };
  }
  if (ssad[0] !== SSAD_FORMAT) errors.push(dx('sm2.ssadFormat', { v: hex2(ssad[0] as number), expected: hex2(SSAD_FORMAT) }));
  checkTagList(tagList, errors);
  if (!sm2Verify(issuer, concat(ssad.subarray(0, 3), staticData), ssad.subarray(3))) errors.push(dx('sm2.ssadSignature'));
  return { value: ssad.slice(1, 3), errors };
}

/**
 * ICC public key (§5.2.3, table 8): format 14, the PAN of 5A, expiry not passed, signature algorithm
 * 04, the issuer signature over table 6 (the certificate's fields ‖ the static data).
 */
export function recoverIccKeySm2(
  issuer: Uint8Array,
  cert: Uint8Array,
  pan: string,
  staticData: Uint8Array,
  today: string,
  tagList?: Uint8Array,
): Recovered<Uint8Array> {
  const errors: Diagnosis[] = [];
  const c = parseCert(cert, ICC_CERT_FORMAT, 10, dx('sm2.iccCert'), errors);
  if (!c) return { errors };
  const certPan = cnField(c.id, errors, dx('sm2.panNotCn', { v: toHex(c.id) }));
  if (certPan !== pan) errors.push(dx('oda.certPan', { cert: certPan || toHex(c.id), pan }));
  if (!notExpired(c.expiry, today)) errors.push(dx('oda.iccExpired', { expiry: toHex(c.expiry) }));
  checkTagList(tagList, errors);
  if (!sm2Verify(issuer, concat(c.signed, staticData), c.signature)) errors.push(dx('sm2.iccSignature'));
  return { value: c.publicKey, errors };
}

/**
 * DDA (§5.2.4.2, table 11): 15 | LDD | ICC dynamic data | signature over 15 ‖ LDD ‖ ICC dynamic data ‖
 * DDOL data (table 9); value = the ICC dynamic number (9F4C), the first byte of the ICC dynamic data
 * giving its length 2..8 (JR/T 0025.7).
 */
export function verifySdadSm2(icc: Uint8Array, sdad: Uint8Array, ddolData: Uint8Array): Recovered<Uint8Array> {
  const errors: Diagnosis[] = [];
  const ldd = sdad[1] ?? 0;
  if (sdad.length < 2 || sdad.length !== 2 + ldd + SIG_LENGTH) {
    errors.push(dx('sm2.sdadLength', { length: sdad.length, ldd }));
    return { errors };
  }
  if (sdad[0] !== SDAD_FORMAT) errors.push(dx('sm2.sdadFormat', { v: hex2(sdad[0] as number), expected: hex2(SDAD_FORMAT) }));
  const iccdd = sdad.subarray(2, 2 + ldd);
  const n = iccdd[0] ?? 0;
  if (n < 2 || n > 8 || n + 1 > ldd) errors.push(dx('oda.numberLengthWithin', { n, ldd }));
  if (!sm2Verify(icc, concat(sdad.subarray(0, 2 + ldd), ddolData), sdad.subarray(2 + ldd))) errors.push(dx('sm2.sdadSignature'));
  return { value: iccdd.slice(1, 1 + n), errors };
}

/**
 * CDA with SM2 (§5.2.5.2, table 17): 15 | LDD | ICC dynamic data (table 13: number length, number, CID,
 * TC or ARQC, 32-byte SM3 transaction data hash) | signature over 15 ‖ LDD ‖ ICC dynamic data ‖ the
 * unpredictable number (table 12). Checks the format, the CID of the response, the transaction data
 * hash over `transactionData`, the signature.
 */
export function verifyCdaSdadSm2(icc: Uint8Array, sdad: Uint8Array, unpredictable: Uint8Array, cid: number, transactionData: Uint8Array): Recovered<CdaData> {
  const errors: Diagnosis[] = [];
  const ldd = sdad[1] ?? 0;
  if (sdad.length < 2 || sdad.length !== 2 + ldd + SIG_LENGTH) {
    errors.push(dx('sm2.sdadLength', { length: sdad.length, ldd }));
    return { errors };
  }
  if (sdad[0] !== SDAD_FORMAT) errors.push(dx('sm2.sdadFormat', { v: hex2(sdad[0] as number), expected: hex2(SDAD_FORMAT) }));
  const d = parseCdaDynamicData(sdad.subarray(2, 2 + ldd), SM3_LENGTH, errors);
  if (d) {
    if (d.cid !== cid) errors.push(dx('oda.cidDiffers', { cid: hex2(d.cid), card: hex2(cid) }));
    if (toHex(sm3(transactionData)) !== toHex(d.transactionDataHash)) errors.push(dx('oda.txHash', { hash: 'SM3' }));
  }
  if (!sm2Verify(icc, concat(sdad.subarray(0, 2 + ldd), unpredictable), sdad.subarray(2 + ldd))) errors.push(dx('sm2.cdaSignature'));
  return d ? { value: d, errors } : { errors };
}

/** ODA with SM2 (JR/T 0025.17 §5): plain fields signed with SM2 over SM3, nothing recovered; 9F4A may name only 82. */
export const SM2_ODA_SCHEME: OdaScheme<Uint8Array> = {
  name: 'SM2',
  issuerKey: (ca, k) => recoverIssuerKeySm2(ca, k.need('90'), k.pan, k.today()),
  ssad: (issuer, k) => verifySsadSm2(issuer, k.need('93'), k.staticData, k.data.get('9F4A')),
  iccKey: (issuer, k) => recoverIccKeySm2(issuer, k.need('9F46'), k.pan, k.staticData, k.today(), k.data.get('9F4A')),
  sdad: verifySdadSm2,
  cdaSdad: verifyCdaSdadSm2,
};

/** The layout of an SM2 CDA signature (table 17 with table 13): 15 | LDD ≥ number length, number, CID, AC, 32-byte hash | 64-byte r ‖ s. */
export function cdaSdadLayoutErrorsSm2(sdad: Uint8Array): Diagnosis[] {
  const errors: Diagnosis[] = [];
  if (sdad[0] !== SDAD_FORMAT) errors.push(dx('sm2.format', { v: hex2(sdad[0] ?? 0), expected: hex2(SDAD_FORMAT) }));
  const ldd = sdad[1] ?? 0;
  const n = sdad[2] ?? 0;
  if (n < 2 || n > 8) errors.push(dx('oda.numberLength', { n }));
  if (ldd < 1 + n + 1 + 8 + SM3_LENGTH) errors.push(dx('oda.lddCannotHold', { ldd, n, size: SM3_LENGTH, hash: 'SM3' }));
  if (sdad.length !== 2 + ldd + SIG_LENGTH) errors.push(dx('sm2.cdaLength', { length: sdad.length, ldd, sig: SIG_LENGTH }));
  return errors;
}

/**
 * Which certificate chain the records the AFL named hold, for a dual-algorithm card (JR/T 0025.17
 * §10.3.3 b): the SM2 chain is in clear (90 begins 12 — table 4, 9F46 begins 14 — table 8) with no RSA
 * remainders or exponents (92, 9F32, 9F47, 9F48); the RSA chain has its exponents 9F32 and 9F47
 * (JR/T 0025.7 §5). Problems are empty when the records hold the named chain and only it.
 */
export function odaChainProblems(data: { get(tag: string): Uint8Array | undefined; has(tag: string): boolean }, chain: 'RSA' | 'SM2'): Diagnosis[] {
  const out: Diagnosis[] = [];
  const issuerCert = data.get('90');
  const iccCert = data.get('9F46');
  if (!issuerCert || !iccCert) return [dx('chain.lacks', { tags: [issuerCert ? '' : '90', iccCert ? '' : '9F46'].filter(Boolean).join(' ') })];
  const sm2Layout = issuerCert[0] === SM2_ODA.ISSUER_CERT_FORMAT && iccCert[0] === SM2_ODA.ICC_CERT_FORMAT;
  const rsaOnly = ['92', '9F32', '9F47', '9F48'].filter((t) => data.has(t));
  if (chain === 'SM2') {
    if (!sm2Layout) out.push(dx('chain.notSm2', { issuer: hex2(issuerCert[0] ?? 0), icc: hex2(iccCert[0] ?? 0) }));
    if (rsaOnly.length) out.push(dx('chain.rsaObjects', { tags: rsaOnly.join(', ') }));
  } else {
    if (!data.has('9F32') || !data.has('9F47')) out.push(dx('chain.noExponent', { tags: ['9F32', '9F47'].filter((t) => !data.has(t)).join(' ') }));
    if (sm2Layout) out.push(dx('chain.sm2Layout'));
  }
  return out;
}
