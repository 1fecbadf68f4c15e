/**
 * Offline data authentication with RSA, terminal side (EMV Book 2 §5–6, JR/T 0025.7 §5): recover the
 * issuer public key from its certificate with the CA key, the ICC key from its certificate with the
 * issuer key, check the SSAD (SDA), the SDAD (DDA) and the CDA signature: RSA_ODA, the RSA scheme of the
 * one ODA flow (oda-flow.ts). Each check that fails is named in `errors`; nothing throws on a card's
 * malformed data.
 */
import { decodeCn } from '../bytes/bcd.ts';
import { concat, toHex } from '../bytes/hex.ts';
import { rsaRecover, sha1, sm3, type RsaPublic } from '../crypto/index.ts';
import type { ResponseApdu } from '../apdu/response.ts';
import { type Diagnosis, dx } from '../verdict/messages.ts';

export interface Recovered<T> {
  value?: T;
  errors: Diagnosis[];
}

/** What the kernel offers ODA: the data read, the static data to authenticate, INTERNAL AUTHENTICATE. */
export interface OdaKernel {
  readonly data: Map<string, Uint8Array>;
  readonly staticData: Uint8Array;
  readonly pan: string;
  today(): string;
  need(tag: string): Uint8Array;
  ddolData(): Uint8Array;
  internalAuthenticate(ddolData: Uint8Array): Promise<{ response: ResponseApdu; sdad?: Uint8Array }>;
}

/**
 * The algorithm-specific part of ODA (the flow is oda-flow.ts): the certificate formats and how a key or
 * a signed object is recovered or verified. `K` is the public key: RSA modulus and exponent (this file,
 * JR/T 0025.7) or an SM2 point (oda-sm2.ts, JR/T 0025.17 §5). Each check that fails is in `errors`.
 */
export interface OdaScheme<K> {
  readonly name: 'RSA' | 'SM2';
  /** The issuer public key from its certificate 90 with the CA key. */
  issuerKey(ca: K, k: OdaKernel): Recovered<K>;
  /** SDA: the SSAD 93 over the static data; value = the data authentication code 9F45. */
  ssad(issuer: K, k: OdaKernel): Recovered<Uint8Array>;
  /** The ICC public key from its certificate 9F46 with the issuer key. */
  iccKey(issuer: K, k: OdaKernel): Recovered<K>;
  /** DDA: the SDAD over the DDOL data; value = the ICC dynamic number 9F4C. */
  sdad(icc: K, sdad: Uint8Array, ddolData: Uint8Array): Recovered<Uint8Array>;
  /** CDA: the SDAD 9F4B of a GENERATE AC response over the unpredictable number and the transaction data. */
  cdaSdad(icc: K, sdad: Uint8Array, unpredictable: Uint8Array, cid: number, transactionData: Uint8Array): Recovered<CdaData>;
}

/** Expiry MMYY is on or after today (YYMM). */
export function notExpired(mmyy: Uint8Array, today: string): boolean {
  const hex = toHex(mmyy);
  return hex.slice(2, 4) + hex.slice(0, 2) >= today;
}

function recover(key: RsaPublic, data: Uint8Array, type: number, errors: Diagnosis[]): Uint8Array | undefined {
  if (data.length !== key.modulus.length) {
    errors.push(dx('rsa.length', { length: data.length, modulus: key.modulus.length }));
    return undefined;
  }
  let r: Uint8Array;
  try {
    r = rsaRecover(key, data);
  } catch {
    errors.push(dx('rsa.recovery')); // the length is the modulus's: the data is not below it
    return undefined;
  }
  if (r[0] !== 0x6a) errors.push(dx('rsa.header', { v: toHex(r.subarray(0, 1)) }));
  if (r[r.length - 1] !== 0xbc) errors.push(dx('rsa.trailer', { v: toHex(r.subarray(-1)) }));
  if (r[1] !== type) errors.push(dx('rsa.format', { v: toHex(r.subarray(1, 2)), expected: toHex(Uint8Array.of(type)) }));
  return r;
}

/** A cn field of a certificate as digits; '' with `message` in `errors` when it is not cn. */
export function cnField(v: Uint8Array, errors: Diagnosis[], message: Diagnosis): string {
  try {
    return decodeCn(v);
  } catch {
    errors.push(message);
    return '';
  }
}

/**
 * The public key modulus of a recovered certificate (EMV Book 2 tables 6 and 14): its length at
 * `lengthAt`, its leftmost bytes from `at` up to the hash, the rest in the remainder (92, 9F48).
 */
function modulusOf(r: Uint8Array, lengthAt: number, at: number, remainder: Uint8Array, what: Diagnosis, errors: Diagnosis[]): Uint8Array {
  const n = r[lengthAt] as number;
  const inCert = r.subarray(at, r.length - 21);
  const modulus = n <= inCert.length ? inCert.slice(0, n) : concat(inCert, remainder);
  if (modulus.length !== n) errors.push(dx('rsa.modulus', { what, length: modulus.length, n }));
  return modulus;
}

const hashOk = (r: Uint8Array, extra: Uint8Array) =>
  toHex(sha1(concat(r.subarray(1, r.length - 21), extra))) === toHex(r.subarray(r.length - 21, r.length - 1));

/** Issuer public key (EMV Book 2 §5.3 / 6.3, table 6). `today` is YYMM. */
export function recoverIssuerKey(
  ca: RsaPublic,
  cert: Uint8Array,
  remainder: Uint8Array,
  exponent: Uint8Array,
  pan: string,
  today: string,
): Recovered<RsaPublic> {
  const errors: Diagnosis[] = [];
  const r = recover(ca, cert, 0x02, errors);
  if (!r) return { errors };
  if (!hashOk(r, concat(remainder, exponent))) errors.push(dx('rsa.issuerHash'));
  const issuerId = cnField(r.subarray(2, 6), errors, dx('rsa.issuerIdNotCn'));
  if (!pan.startsWith(issuerId) || issuerId.length < 3) errors.push(dx('rsa.issuerIdPan', { id: issuerId }));
  if (!notExpired(r.subarray(6, 8), today)) errors.push(dx('oda.issuerExpired', { expiry: toHex(r.subarray(6, 8)) }));
  if (r[11] !== 0x01 || r[12] !== 0x01) errors.push(dx('rsa.algorithms'));
  return { value: { modulus: modulusOf(r, 13, 15, remainder, dx('oda.issuerWord'), errors), exponent }, errors };
}

/** SDA (EMV Book 2 §5.4): the SSAD and its data authentication code. */
export function verifySsad(issuer: RsaPublic, ssad: Uint8Array, staticData: Uint8Array): Recovered<Uint8Array> {
  const errors: Diagnosis[] = [];
  const r = recover(issuer, ssad, 0x03, errors);
  if (!r) return { errors };
  if (!hashOk(r, staticData)) errors.push(dx('rsa.ssadHash'));
  return { value: r.slice(3, 5), errors };
}

/** ICC public key (EMV Book 2 §6.4, table 14). */
export function recoverIccKey(
  issuer: RsaPublic,
  cert: Uint8Array,
  remainder: Uint8Array,
  exponent: Uint8Array,
  pan: string,
  staticData: Uint8Array,
  today: string,
): Recovered<RsaPublic> {
  const errors: Diagnosis[] = [];
  const r = recover(issuer, cert, 0x04, errors);
  if (!r) return { errors };
  if (!hashOk(r, concat(remainder, exponent, staticData))) errors.push(dx('rsa.iccHash'));
  const certPan = cnField(r.subarray(2, 12), errors, dx('rsa.panNotCn'));
  if (certPan !== pan) errors.push(dx('oda.certPan', { cert: certPan, pan }));
  if (!notExpired(r.subarray(12, 14), today)) errors.push(dx('oda.iccExpired', { expiry: toHex(r.subarray(12, 14)) }));
  return { value: { modulus: modulusOf(r, 19, 21, remainder, dx('oda.iccWord'), errors), exponent }, errors };
}

/** DDA (EMV Book 2 §6.5.2): the SDAD over the DDOL data; value = ICC dynamic number. */
export function verifySdad(icc: RsaPublic, sdad: Uint8Array, ddolData: Uint8Array): Recovered<Uint8Array> {
  const errors: Diagnosis[] = [];
  const r = recover(icc, sdad, 0x05, errors);
  if (!r) return { errors };
  if (!hashOk(r, ddolData)) errors.push(dx('rsa.sdadHash'));
  const ldd = r[3] as number;
  const iccdd = r.subarray(4, 4 + ldd);
  const n = iccdd[0] as number;
  if (n < 2 || n > 8 || n + 1 > ldd) errors.push(dx('oda.numberLength', { n }));
  return { value: iccdd.slice(1, 1 + n), errors };
}

/**
 * What a CDA signature carries in its ICC dynamic data (JR/T 0025.7 table 17, JR/T 0025.17 table 13):
 * the ICC dynamic number (9F4C), the CID, the TC or ARQC (9F26), the transaction data hash.
 */
export interface CdaData {
  dynamicNumber: Uint8Array;
  cid: number;
  ac: Uint8Array;
  transactionDataHash: Uint8Array;
}

/**
 * The data the CDA transaction data hash covers (JR/T 0025.7 §5.3.6.2 step 10; JR/T 0025.17 §5.2.5.2 f):
 * the PDOL data sent in GPO ‖ the CDOL1 data of the first GENERATE AC [‖ the CDOL2 data of the second]
 * ‖ the data objects of this GENERATE AC response, tag, length and value, in order, without 9F4B.
 */
export function cdaTransactionData(pdolData: Uint8Array, cdol1Data: Uint8Array, cdol2Data: Uint8Array | undefined, responseObjects: Uint8Array): Uint8Array {
  return concat(pdolData, cdol1Data, cdol2Data ?? new Uint8Array(0), responseObjects);
}

/** Split ICC dynamic data into the fields of table 17 / 13; the hash is `hashLength` bytes (20 SHA-1, 32 SM3). */
export function parseCdaDynamicData(iccdd: Uint8Array, hashLength: number, errors: Diagnosis[]): CdaData | undefined {
  const n = iccdd[0] ?? 0;
  if (n < 2 || n > 8) {
    errors.push(dx('oda.numberLength', { n }));
    return undefined;
  }
  if (iccdd.length < 1 + n + 1 + 8 + hashLength) {
    errors.push(dx('oda.iccddShort', { length: iccdd.length, n, hash: hashLength }));
    return undefined;
  }
  return {
    dynamicNumber: iccdd.slice(1, 1 + n),
    cid: iccdd[1 + n] as number,
    ac: iccdd.slice(2 + n, 10 + n),
    transactionDataHash: iccdd.slice(10 + n, 10 + n + hashLength),
  };
}

/**
 * CDA with RSA (JR/T 0025.7 §5.3.6.2 = EMV Book 2 §6.6.2): recover the SDAD (table 21) with the ICC key,
 * header 6A, format 05, trailer BC, the CID of the response, the hash over format … padding ‖ the
 * unpredictable number, and the transaction data hash (SHA-1) over `transactionData`. The value is the
 * ICC dynamic data with the TC or ARQC.
 */
export function verifyCdaSdad(icc: RsaPublic, sdad: Uint8Array, unpredictable: Uint8Array, cid: number, transactionData: Uint8Array): Recovered<CdaData> {
  const errors: Diagnosis[] = [];
  const r = recover(icc, sdad, 0x05, errors);
  if (!r) return { errors };
  if (r[2] !== 0x01) errors.push(dx('rsa.hashAlgorithm', { v: toHex(r.subarray(2, 3)) }));
  if (!hashOk(r, unpredictable)) errors.push(dx('rsa.cdaHash'));
  const ldd = r[3] as number;
  if (4 + ldd > r.length - 21) {
    errors.push(dx('rsa.lddPastHash', { ldd }));
    return { errors };
  }
  const d = parseCdaDynamicData(r.subarray(4, 4 + ldd), 20, errors);
  if (!d) return { errors };
  if (d.cid !== cid) errors.push(dx('oda.cidDiffers', { cid: toHex(Uint8Array.of(d.cid)), card: toHex(Uint8Array.of(cid)) }));
  if (toHex(sha1(transactionData)) !== toHex(d.transactionDataHash)) errors.push(dx('oda.txHash', { hash: 'SHA-1' }));
  return { value: d, errors };
}

/**
 * The layout of a recovered RSA CDA signature (JR/T 0025.7 tables 21 and 17): 6A, format 05, hash
 * algorithm 01, LDD, ICC dynamic data opening with number length (2..8), number, CID, AC(8), a 20-byte
 * SHA-1 hash, then NIC − LDD − 25 bytes BB, the hash, BC. Signature checks are verifyCdaSdad's.
 */
export function cdaSdadLayoutErrors(icc: RsaPublic, sdad: Uint8Array): Diagnosis[] {
  const errors: Diagnosis[] = [];
  const r = recover(icc, sdad, 0x05, errors);
  if (!r) return errors;
  if (r[2] !== 0x01) errors.push(dx('rsa.hashAlgorithm', { v: toHex(r.subarray(2, 3)) }));
  const ldd = r[3] as number;
  const n = r[4] ?? 0;
  if (ldd < 1 + n + 1 + 8 + 20) errors.push(dx('oda.lddCannotHold', { ldd, n, size: 20, hash: 'SHA-1' }));
  if (ldd > r.length - 25) return [...errors, dx('rsa.lddExceeds', { ldd })];
  const pad = r.subarray(4 + ldd, r.length - 21);
  if (pad.some((b) => b !== 0xbb)) errors.push(dx('rsa.padding', { length: pad.length }));
  return errors;
}

const NONE = new Uint8Array(0);

/** ODA with RSA (JR/T 0025.7 §5): certificates and signatures recovered with the key, SHA-1 hashes. */
export const RSA_ODA: OdaScheme<RsaPublic> = {
  name: 'RSA',
  issuerKey: (ca, k) => recoverIssuerKey(ca, k.need('90'), k.data.get('92') ?? NONE, k.need('9F32'), k.pan, k.today()),
  ssad: (issuer, k) => verifySsad(issuer, k.need('93'), k.staticData),
  iccKey: (issuer, k) => recoverIccKey(issuer, k.need('9F46'), k.data.get('9F48') ?? NONE, k.need('9F47'), k.pan, k.staticData, k.today()),
  sdad: verifySdad,
  cdaSdad: verifyCdaSdad,
};

/** What the transaction data hash of a first GENERATE AC must cover (cdaHashCoverage): a message id. */
export type CdaHashCoverage = 'cdaHash.all' | 'cdaHash.noPdol' | 'cdaHash.noObjects' | 'cdaHash.noCdol1';
export const CDA_HASH_ALL: CdaHashCoverage = 'cdaHash.all';

/**
 * Which data a signed transaction data hash covers (SHA-1 if 20 bytes, SM3 if 32): the whole of
 * §5.3.6.1 step 2 for the first GENERATE AC, or a part that a card may leave out (the message id that names
 * it); undefined if none.
 */
export function cdaHashCoverage(signed: Uint8Array, pdolData: Uint8Array, cdol1Data: Uint8Array, responseObjects: Uint8Array): CdaHashCoverage | undefined {
  const hash = signed.length === 32 ? sm3 : sha1;
  const none = new Uint8Array(0);
  const candidates: Array<[CdaHashCoverage, Uint8Array]> = [
    [CDA_HASH_ALL, cdaTransactionData(pdolData, cdol1Data, undefined, responseObjects)],
    ['cdaHash.noPdol', cdaTransactionData(none, cdol1Data, undefined, responseObjects)],
    ['cdaHash.noObjects', cdaTransactionData(pdolData, cdol1Data, undefined, none)],
    ['cdaHash.noCdol1', cdaTransactionData(pdolData, none, undefined, responseObjects)],
  ];
  return candidates.find(([, d]) => toHex(hash(d)) === toHex(signed))?.[0];
}
