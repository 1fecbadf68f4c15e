/**
 * The PSE subtree of the reference card: the financial application (金融应用) of JR/T 0025 — the
 * payment system environment 1PAY.SYS.DDF01 (JR/T 0025.5 §6.3) with its directory EF (SFI 1), and the
 * UnionPay debit application A000000333010101 with electronic cash (JR/T 0025.13). PBOC 2.0 profile:
 * RSA offline data authentication (SDA, DDA; JR/T 0025.7 §5, EMV Book 2) and 3DES cryptograms.
 * Every key and PIN here is published test data (pboc-keys.ts, PBOC_TEST_IMK).
 */
import { concat, fromHex } from '../../src/bytes/hex.ts';
import { encodeCn } from '../../src/bytes/bcd.ts';
import { deriveUdk, PART17, rsaPublicOf, rsaSign, sha1, SM2_ODA, sm2PublicOf, sm2Sign, type PbocAlgorithm, type Sm4Variant } from '../../src/crypto/index.ts';
import { buildTlv, parseTlv, type Tlv } from '../../src/tlv/ber.ts';
import { toHex } from '../../src/bytes/hex.ts';
import type { DfImage } from '../cos/image.ts';
import { PBOC_SM2_TEST_CA_KEY, PBOC_SM2_TEST_ICC_KEY, PBOC_SM2_TEST_ISS_KEY, PBOC_TEST_CA_KEY, PBOC_TEST_ICC_KEY, PBOC_TEST_ISS_KEY } from './pboc-keys.ts';

/** Issuer master keys (test values), the ones the profile's simulated issuer holds too. */
export const PBOC_TEST_IMK = {
  ac: '11223344556677888877665544332211',
  mac: '2233445566778899AABBCCDDEEFF0011',
  enc: '33445566778899AABBCCDDEEFF001122',
};
export const PBOC_AID = 'A000000333010101';
/** The credit AID the defect pboc-credit-application adds (UnionPay 贷记). */
const PBOC_CREDIT_AID_OF_DEFECT = 'A000000333010102';
/** Application priority indicator 87 of the debit application, the same in the PSE directory and the PPSE. */
export const PBOC_PRIORITY = '01';
/** The proximity payment system environment of a contactless card (EMV Contactless Book B §3.3; JR/T 0025.12). */
export const PPSE_NAME = '2PAY.SYS.DDF01';
export const PBOC_CA_INDEX = 0x01;
/** Index (8F) of the SM2 test CA key (profiles/sim-pboc30.yaml). */
export const PBOC_SM2_CA_INDEX = 0x02;
export const PBOC_PAN = '6230000000000017';
export const PBOC_PSN = '01';
/** CDOL1 (EMV Book 3 §5.4 recommended minimum: amount, other amount, country, TVR, currency, date, type, UN). */
export const PBOC_CDOL1 = '9F02069F03069F1A0295055F2A029A039C019F3704';
/** CDOL2: the authorisation response code first. */
export const PBOC_CDOL2 = '8A02' + PBOC_CDOL1;
/** PDOL: EC terminal support indicator, amount, currency (JR/T 0025.13 §7.4.2). */
export const PBOC_PDOL = '9F7A019F02065F2A02';
/** PDOL of a card with SM algorithms: the SM algorithm support indicator DF69 too (JR/T 0025.17 §10.3.2). */
export const PBOC_PDOL_SM = PBOC_PDOL + 'DF6901';
/** Transaction log format (9F4F, JR/T 0025.13 §9): amount, currency, date, type, ATC. */
export const PBOC_LOG_FORMAT = '9F02065F2A029A039C019F3602';
/** AIP: SDA, DDA, cardholder verification, terminal risk management, issuer authentication (EMV Book 3 C1). */
export const PBOC_AIP = '7C00';
/** AIP of a card that supports CDA too: byte 1 b1 (EMV Book 3 C1, JR/T 0025.7 §5.3.6). */
export const PBOC_AIP_CDA = '7D00';

const h = (t: string, v: Uint8Array | string) => buildTlv(t, typeof v === 'string' ? fromHex(v) : v);
const record = (...objects: Uint8Array[]) => toHex(buildTlv('70', objects));

/** EMV Book 2 §5.3 / JR/T 0025.7 §5: a recovered-format block 6A ‖ body ‖ hash ‖ BC signed with `pem`. */
function signRecoverable(pem: string, body: Uint8Array, hashed: Uint8Array): Uint8Array {
  return rsaSign(pem, concat(Uint8Array.of(0x6a), body, sha1(hashed), Uint8Array.of(0xbc)));
}

export interface PbocCerts {
  issuerCert: Uint8Array;
  issuerRemainder: Uint8Array;
  ssad: Uint8Array;
  iccCert: Uint8Array;
  iccRemainder: Uint8Array;
  /** The same issuer certificate, expired 12/19: the 'pboc-issuer-cert-expired' defect shows it. */
  expiredIssuerCert: Uint8Array;
}

/** Issuer and ICC public key certificates and the SSAD over the static data to authenticate. */
export function buildCerts(staticData: Uint8Array, pan: string = PBOC_PAN): PbocCerts {
  const ca = rsaPublicOf(PBOC_TEST_CA_KEY);
  const iss = rsaPublicOf(PBOC_TEST_ISS_KEY);
  const icc = rsaPublicOf(PBOC_TEST_ICC_KEY);
  const nca = ca.modulus.length;
  const ni = iss.modulus.length;
  const issuerCertFor = (expiry: string) => {
    // 02 | issuer id (leftmost PAN digits, cn 4) | expiry MMYY | serial | hash alg | PK alg | NI | exp len | PK (NCA−36)
    const fixed = concat(
      Uint8Array.of(0x02),
      encodeCn(pan.slice(0, 6), 4),
      fromHex(expiry),
      fromHex('000001'),
      Uint8Array.of(0x01, 0x01, ni, iss.exponent.length),
    );
    const inCert = iss.modulus.subarray(0, nca - 36);
    const body = concat(fixed, inCert);
    return signRecoverable(PBOC_TEST_CA_KEY, body, concat(body, iss.modulus.subarray(nca - 36), iss.exponent));
  };
  // 03 | hash alg | DAC | pad BB (NI − 26)
  const ssadBody = concat(Uint8Array.of(0x03, 0x01), fromHex('DAC1'), new Uint8Array(ni - 26).fill(0xbb));
  const ssad = signRecoverable(PBOC_TEST_ISS_KEY, ssadBody, concat(ssadBody, staticData));
  // 04 | PAN cn 10 | expiry | serial | hash alg | PK alg | NIC | exp len | PK (NI − 42)
  const iccFixed = concat(
    Uint8Array.of(0x04),
    encodeCn(pan, 10),
    fromHex('1230'),
    fromHex('000002'),
    Uint8Array.of(0x01, 0x01, icc.modulus.length, icc.exponent.length),
  );
  const iccBody = concat(iccFixed, icc.modulus.subarray(0, ni - 42));
  const iccCert = signRecoverable(PBOC_TEST_ISS_KEY, iccBody, concat(iccBody, icc.modulus.subarray(ni - 42), icc.exponent, staticData));
  return {
    issuerCert: issuerCertFor('1230'),
    issuerRemainder: iss.modulus.slice(nca - 36),
    ssad,
    iccCert,
    iccRemainder: icc.modulus.slice(ni - 42),
    expiredIssuerCert: issuerCertFor('1219'),
  };
}

/** SFI 1 record 1: the data in offline data authentication (AFL byte 4 = 1). 9F08: 0020 PBOC 2.0, 0030 PBOC 3.0. */
const appRecord1For = (version: string) =>
  record(
    h('5A', encodeCn(PBOC_PAN, 8)),
    h('5F24', '301231'),
    h('5F25', '200101'),
    h('5F34', PBOC_PSN),
    h('5F28', '0156'),
    // Application usage control (JR/T 0025.5 §10.3.2 table 19): AB00 = domestic cash, goods and services, at
    // ATMs and other terminals, nothing international: the financial function of a social security card
    // is for use in China only (总体方案 二(三), docs/dual-app.md).
    h('9F07', 'AB00'),
    // Application currency code: RMB (人民币借记应用, 总体方案 二(三)).
    h('9F42', '0156'),
    h('9F08', version),
    h('8C', PBOC_CDOL1),
    h('8D', PBOC_CDOL2),
    // CVM list: X = Y = 0 (4 bytes each); offline plaintext PIN if terminal supports (01 03), else no CVM (1F 03)
    h('8E', '0000000000000000' + '4103' + '1F03'),
    h('9F0D', 'D86004A800'),
    h('9F0E', '0010000000'),
    h('9F0F', 'D86004F800'),
    h('9F4A', '82'),
  );
const appRecord1 = appRecord1For('0020');
/** Static data to authenticate: SFI 1–10 records without the 70 template, then the AIP (9F4A = 82). */
const staticDataOf = (rec: string, aip = PBOC_AIP) => concat((parseTlv(fromHex(rec))[0] as Tlv).value, fromHex(aip));
export const PBOC_STATIC_DATA = staticDataOf(appRecord1);
const certs = buildCerts(PBOC_STATIC_DATA);
const cdaCerts = buildCerts(staticDataOf(appRecord1, PBOC_AIP_CDA));
export const PBOC_EXPIRED_ISSUER_CERT = certs.expiredIssuerCert;

/** The PBOC 3.0 card (oda SM2): application version 0030. */
const appRecord1Sm2 = appRecord1For('0030');
export const PBOC_SM2_STATIC_DATA = staticDataOf(appRecord1Sm2);

export interface PbocSm2Certs {
  issuerCert: Uint8Array;
  ssad: Uint8Array;
  iccCert: Uint8Array;
  /** Variants the defects show (card-sim/defects/pboc.ts), each correctly signed. */
  expiredIssuerCert: Uint8Array;
  issuerCertRsaAlgorithm: Uint8Array;
  issuerCertOtherIssuer: Uint8Array;
  iccCertOtherPan: Uint8Array;
  ssadWithoutAip: Uint8Array;
}

/**
 * JR/T 0025.17 §5: certificates without message recovery, the plain fields then the SM2 signature r ‖ s.
 * Issuer PK certificate 90 (table 4): 12 | issuer id cn 4 | expiry MMYY | serial(3) | 04 | 00 | 11 | 40 |
 * PK x ‖ y | CA signature over the fields before it (table 1). SSAD 93 (table 5): 13 | DAC | issuer
 * signature over 13 ‖ DAC ‖ static data (table 2). ICC PK certificate 9F46 (table 8): 14 | PAN cn 10 |
 * expiry | serial | 04 | 00 | 11 | 40 | PK | issuer signature over the fields ‖ static data (table 6).
 */
export function buildSm2Certs(staticData: Uint8Array): PbocSm2Certs {
  const { ISSUER_CERT_FORMAT, SSAD_FORMAT, ICC_CERT_FORMAT, SIG_ALG_SM2, ENC_ALG_NONE, PARAM_SM2, KEY_LENGTH } = SM2_ODA;
  const issuerCertFor = (issuerId: string, expiry: string, sigAlg: number) => {
    const signed = concat(
      Uint8Array.of(ISSUER_CERT_FORMAT),
      encodeCn(issuerId, 4),
      fromHex(expiry),
      fromHex('000001'),
      Uint8Array.of(sigAlg, ENC_ALG_NONE, PARAM_SM2, KEY_LENGTH),
      sm2PublicOf(PBOC_SM2_TEST_ISS_KEY),
    );
    return concat(signed, sm2Sign(PBOC_SM2_TEST_CA_KEY, signed));
  };
  const ssadFor = (data: Uint8Array) => {
    const head = concat(Uint8Array.of(SSAD_FORMAT), fromHex('DAC1'));
    return concat(head, sm2Sign(PBOC_SM2_TEST_ISS_KEY, concat(head, data)));
  };
  const iccCertFor = (pan: string) => {
    const fields = concat(
      Uint8Array.of(ICC_CERT_FORMAT),
      encodeCn(pan, 10),
      fromHex('1230'),
      fromHex('000002'),
      Uint8Array.of(SIG_ALG_SM2, ENC_ALG_NONE, PARAM_SM2, KEY_LENGTH),
      sm2PublicOf(PBOC_SM2_TEST_ICC_KEY),
    );
    return concat(fields, sm2Sign(PBOC_SM2_TEST_ISS_KEY, concat(fields, staticData)));
  };
  // Each signed when first read (SM2 signatures cost a scalar multiplication each): importing card-sim signs nothing.
  return lazily<PbocSm2Certs>({
    issuerCert: () => issuerCertFor(PBOC_PAN.slice(0, 6), '1230', SIG_ALG_SM2),
    ssad: () => ssadFor(staticData),
    iccCert: () => iccCertFor(PBOC_PAN),
    expiredIssuerCert: () => issuerCertFor(PBOC_PAN.slice(0, 6), '1219', SIG_ALG_SM2),
    issuerCertRsaAlgorithm: () => issuerCertFor(PBOC_PAN.slice(0, 6), '1230', 0x01),
    issuerCertOtherIssuer: () => issuerCertFor('622222', '1230', SIG_ALG_SM2),
    iccCertOtherPan: () => iccCertFor('6230000000000025'),
    ssadWithoutAip: () => ssadFor(staticData.subarray(0, staticData.length - 2)),
  });
}

/** An object whose every field is made by its function when first read, then kept. */
function lazily<T extends object>(makers: { [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const [key, make] of Object.entries(makers) as Array<[keyof T & string, () => T[keyof T]]>)
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = make();
        Object.defineProperty(out, key, { value, enumerable: true, writable: false });
        return value;
      },
    });
  return out;
}
export const PBOC_SM2_CERTS = buildSm2Certs(PBOC_SM2_STATIC_DATA);
/** The SM2 certificates of the card that supports CDA: the static data end with its AIP 7D00. */
export const PBOC_SM2_CDA_CERTS = buildSm2Certs(staticDataOf(appRecord1Sm2, PBOC_AIP_CDA));
/** The SM2 certificates of a card with this AIP (the defects that replace them: card-sim/defects/pboc.ts). */
export const pbocSm2CertsFor = (aip: string | undefined): PbocSm2Certs => (aip === PBOC_AIP_CDA ? PBOC_SM2_CDA_CERTS : PBOC_SM2_CERTS);

const iccPub = rsaPublicOf(PBOC_TEST_ICC_KEY);
const appRecordsSfi2For = (c: PbocCerts) => [
  record(h('8F', Uint8Array.of(PBOC_CA_INDEX)), h('90', c.issuerCert), h('92', c.issuerRemainder), h('9F32', rsaPublicOf(PBOC_TEST_ISS_KEY).exponent)),
  record(h('93', c.ssad)),
];
const appRecordsSfi3For = (c: PbocCerts) => [record(h('9F46', c.iccCert), h('9F47', iccPub.exponent), h('9F48', c.iccRemainder), h('9F49', '9F3704'))];
/** SFI 4: the EC issuer authorisation code, in the EC AFL only (JR/T 0025.13 §7.4.3). */
const appRecordsSfi4 = [record(h('9F74', Buffer.from('ECC001', 'ascii')))];

/** AFL entries: SFI << 3, first, last, records in ODA (EMV Book 3 §10.2). */
export const PBOC_AFL = '08010101' + '10010200' + '18010100';
export const PBOC_AFL_EC = PBOC_AFL + '20010100';

const appRecordsSfi2Sm2For = (c: PbocSm2Certs) => [record(h('8F', Uint8Array.of(PBOC_SM2_CA_INDEX)), h('90', c.issuerCert)), record(h('93', c.ssad))];
/** No 9F47 / 9F48 with SM2: the key is whole in the certificate (JR/T 0025.17 table 7). */
const appRecordsSfi3Sm2For = (c: PbocSm2Certs) => [record(h('9F46', c.iccCert), h('9F49', '9F3704'))];

/**
 * A dual-algorithm card (JR/T 0025.17 §10.2 b) keeps both chains: the RSA records as on the PBOC 2.0 card
 * (SFI 2 records 1–2, SFI 3 record 1) and the SM2 ones after them (SFI 2 records 3–4, SFI 3 record 2).
 * GET PROCESSING OPTIONS names one set by DF69 (§10.3.3 b): the SM AFL or the international (RSA) AFL.
 */
export const PBOC_AFL_DUAL_SM = '08010101' + '10030400' + '18020200';
export const PBOC_AFL_DUAL_RSA = PBOC_AFL;
/** Where the certificate records of each set are on the dual-algorithm card: SFI → record numbers. */
export const PBOC_DUAL_RECORDS = {
  rsa: { issuerCert: [2, 1], ssad: [2, 2], iccCert: [3, 1] },
  sm2: { issuerCert: [2, 3], ssad: [2, 4], iccCert: [3, 2] },
} as const;
/** The RSA certificates of the dual-algorithm card: over its static data (application version 0030). */
export const PBOC_DUAL_RSA_CERTS = buildCerts(PBOC_SM2_STATIC_DATA);

export interface PseOptions {
  /** Cryptogram and secure-messaging algorithm: 3DES (PBOC 2.0) or SM4 (JR/T 0025.17). */
  algorithm?: PbocAlgorithm;
  /** Where JR/T 0025 parts disagree for SM4 (docs/pboc.md): default part 17. */
  sm4Variant?: Sm4Variant;
  /** Offline data authentication: RSA (JR/T 0025.7 §5, the default) or SM2/SM3 (JR/T 0025.17 §5). */
  oda?: 'RSA' | 'SM2';
  /**
   * CDA as well as SDA and DDA (JR/T 0025.7 §5.3.6; SM2 JR/T 0025.17 §5.2.5): AIP 7D00, so the static
   * data and the certificates over them change too.
   */
  cda?: boolean;
  /** A dual-interface card: the PPSE answers SELECT (ppse()); a contact-only card has none. */
  contactless?: boolean;
  /**
   * A dual-algorithm card (JR/T 0025.17 §10.2 b): RSA certificates with 3DES keys and SM2 certificates with
   * SM4 keys (UDKs of both from the same IMKs), DF69 in the PDOL, the set chosen at GPO by DF69 (§10.3.3 b).
   * `algorithm` and `oda` are then the SM set's (SM4, SM2); the international set is 3DES and RSA.
   */
  dualAlgorithm?: boolean;
}

/** Directory entry of the debit application (JR/T 0025.5 §6.3.3): 61 { 4F AID, 50 label, 87 priority }. */
const directoryEntry = () => buildTlv('61', [h('4F', PBOC_AID), h('50', Buffer.from('PBOC DEBIT', 'ascii')), h('87', PBOC_PRIORITY)]);

/**
 * The PPSE (EMV Contactless Book B §3.3, JR/T 0025.12): no directory EF, the FCI carries the entries,
 * 6F { 84 2PAY.SYS.DDF01, A5 { BF0C { 61 { 4F, 50, 87 } } } }. A contact-only card leaves it out; the
 * defect pboc-ppse-on-contact-only-card keeps it there.
 */
export function ppse(contactless: boolean): DfImage {
  return {
    kind: 'DF',
    name: toHex(Buffer.from(PPSE_NAME, 'ascii')),
    label: 'PPSE',
    app: 'ppse',
    fciProprietary: toHex(buildTlv('BF0C', [directoryEntry()])),
    ...(contactless ? {} : { onlyWith: 'pboc-ppse-on-contact-only-card' }),
    children: [],
  };
}

export function pse(options: PseOptions = {}): DfImage {
  const dual = options.dualAlgorithm === true;
  const algorithm = dual ? 'SM4' : (options.algorithm ?? '3DES');
  const variant = options.sm4Variant ?? PART17;
  const sm2 = dual || options.oda === 'SM2';
  const pdol = sm2 ? PBOC_PDOL_SM : PBOC_PDOL;
  const cda = options.cda === true;
  const rsaCerts = cda ? cdaCerts : certs;
  const sm2Certs = pbocSm2CertsFor(cda ? PBOC_AIP_CDA : undefined);
  const udkOf = (alg: PbocAlgorithm, key: string) => toHex(deriveUdk(alg, fromHex(key), PBOC_PAN, PBOC_PSN, variant));
  const udk = (key: string) => udkOf(algorithm, key);
  // The dual card: SFI 2 and 3 hold the RSA records, then the SM2 ones (PBOC_DUAL_RECORDS).
  const sfi2 = dual
    ? [...appRecordsSfi2For(PBOC_DUAL_RSA_CERTS), ...appRecordsSfi2Sm2For(sm2Certs)]
    : sm2
      ? appRecordsSfi2Sm2For(sm2Certs)
      : appRecordsSfi2For(rsaCerts);
  const sfi3 = dual
    ? [...appRecordsSfi3For(PBOC_DUAL_RSA_CERTS), ...appRecordsSfi3Sm2For(sm2Certs)]
    : sm2
      ? appRecordsSfi3Sm2For(sm2Certs)
      : appRecordsSfi3For(rsaCerts);
  const debit: DfImage = {
    kind: 'DF',
    fid: '7F11',
    name: PBOC_AID,
    label: 'UnionPay debit',
    app: 'pboc',
    // A5 { 50 label, 87 priority, 9F38 PDOL, 5F2D, BF0C { 9F4D log entry SFI 0B, 10 records } }
    fciProprietary: toHex(
      concat(
        h('50', Buffer.from('PBOC DEBIT', 'ascii')),
        h('87', PBOC_PRIORITY),
        h('9F38', pdol),
        h('5F2D', Buffer.from('zhen', 'ascii')),
        buildTlv('BF0C', [h('9F4D', '0B0A')]),
      ),
    ),
    appData: {
      algorithm,
      sm4Variant: variant,
      pan: PBOC_PAN,
      psn: PBOC_PSN,
      udkAc: udk(PBOC_TEST_IMK.ac),
      udkMac: udk(PBOC_TEST_IMK.mac),
      udkEnc: udk(PBOC_TEST_IMK.enc),
      // The ICC private key: a PEM RSA key, or the SM2 d in hex with oda 'SM2'.
      iccKey: sm2 ? PBOC_SM2_TEST_ICC_KEY : PBOC_TEST_ICC_KEY,
      // A single-SM-algorithm card (JR/T 0025.17 §10.2): SM2 ODA, DF69 in the PDOL, the SM AFL always.
      ...(sm2 ? { oda: 'SM2', pdol } : {}),
      ...(cda ? { aip: PBOC_AIP_CDA } : {}),
      // The international set of a dual-algorithm card (JR/T 0025.17 §10.2 b): 3DES UDKs, the RSA ICC key.
      ...(dual
        ? {
            international: {
              algorithm: '3DES',
              udkAc: udkOf('3DES', PBOC_TEST_IMK.ac),
              udkMac: udkOf('3DES', PBOC_TEST_IMK.mac),
              udkEnc: udkOf('3DES', PBOC_TEST_IMK.enc),
              iccKey: PBOC_TEST_ICC_KEY,
              oda: 'RSA',
            },
          }
        : {}),
      pin: '123456',
      pinTryLimit: 3,
      ecBalance: 10000, // 100.00 CNY, n12 in minor units
      ecBalanceLimit: 100000,
      ecSingleLimit: 20000,
      ecResetThreshold: 1000,
      lowerConsecutiveOfflineLimit: 3,
    },
    children: [
      { kind: 'EF', fid: 'EF01', sfi: 1, structure: 'linear-variable', read: 'always', update: 'never', records: [sm2 ? appRecord1Sm2 : appRecord1] },
      { kind: 'EF', fid: 'EF02', sfi: 2, structure: 'linear-variable', read: 'always', update: 'never', records: sfi2 },
      { kind: 'EF', fid: 'EF03', sfi: 3, structure: 'linear-variable', read: 'always', update: 'never', records: sfi3 },
      { kind: 'EF', fid: 'EF04', sfi: 4, structure: 'linear-variable', read: 'always', update: 'never', records: appRecordsSfi4 },
      { kind: 'EF', fid: 'EF0B', sfi: 0x0b, label: 'transaction log', structure: 'cyclic', read: 'always', update: 'never', records: [] },
    ],
  };
  // Defect pboc-credit-application: a credit application (贷记, A000000333010102) beside the debit one,
  // listed in the directory; the financial function of a social security card is RMB debit only (总体方案 二(三)).
  const credit: DfImage = {
    ...debit,
    fid: '7F12',
    name: PBOC_CREDIT_AID_OF_DEFECT,
    label: 'UnionPay credit',
    onlyWith: 'pboc-credit-application',
    fciProprietary: toHex(concat(h('50', Buffer.from('PBOC CREDIT', 'ascii')), h('87', '02'), h('9F38', pdol), h('5F2D', Buffer.from('zhen', 'ascii')))),
  };
  const creditEntry = buildTlv('61', [h('4F', PBOC_CREDIT_AID_OF_DEFECT), h('50', Buffer.from('PBOC CREDIT', 'ascii')), h('87', '02')]);
  const directory = { kind: 'EF', fid: 'EF01', sfi: 1, label: 'PSE directory', structure: 'linear-variable', read: 'always', update: 'never' } as const;
  return {
    kind: 'DF',
    fid: '7F10',
    name: toHex(Buffer.from('1PAY.SYS.DDF01', 'ascii')),
    label: 'PSE',
    // A5 { 88 SFI of the directory, 5F2D language }
    fciProprietary: toHex(concat(h('88', '01'), h('5F2D', Buffer.from('zhen', 'ascii')))),
    children: [
      // 70 { 61 { 4F AID, 50 label, 87 priority } }
      { ...directory, records: [record(directoryEntry())], unlessWith: 'pboc-credit-application' },
      { ...directory, records: [record(directoryEntry()), record(creditEntry)], onlyWith: 'pboc-credit-application' },
      debit,
      credit,
      ppse(options.contactless === true),
    ],
  };
}
