/**
 * The PBOC debit/credit application with electronic cash (JR/T 0025.5, .7, .13), 3DES variant
 * (PBOC 2.0). Commands (JR/T 0025.5 Annex B):
 *   80 A8 GET PROCESSING OPTIONS   starts a transaction: ATC + 1, EC or standard path, AIP ‖ AFL
 *   00 B2 READ RECORD              the COS command (records of the ADF's EFs by SFI)
 *   00 20 VERIFY P2 80             offline plaintext PIN, ISO 9564 format 2 block; PIN try counter 9F17
 *   00 88 INTERNAL AUTHENTICATE    DDA: SDAD over the DDOL data (EMV Book 2 §6.5)
 *   80 AE GENERATE AC              1st and 2nd, AAC/TC/ARQC with the card's decision, format 2 response
 *   00 82 EXTERNAL AUTHENTICATE    ARPC ‖ ARC (method 1)
 *   80 CA GET DATA                 9F36 9F13 9F17 9F79 9F77 9F78 9F6D 9F4F
 *   84 1E/18/16/24, 04 DA          issuer scripts with a 4-byte MAC (JR/T 0025.5 C.2)
 *   84 24 00 01/02                 PIN CHANGE with the new PIN enciphered under the ENC session key (B.10.3, C.3)
 * Non-volatile state lives in the ADF's `state`; the transaction in `card.session`.
 */
import { SW } from '../../../src/apdu/sw.ts';
import { concat, equal, fromHex, fromUint, toHex } from '../../../src/bytes/hex.ts';
import { encodeN } from '../../../src/bytes/bcd.ts';
import {
  arpc,
  decipherScriptData,
  pbocMac,
  PIN_CHANGE_P2,
  pinOfChangeData,
  rsaPublicOf,
  rsaSign,
  scriptMac,
  sessionKey,
  sha1,
  SM2_ODA,
  sm2Sign,
  sm3,
  type PbocAlgorithm,
  type Sm4Variant,
} from '../../../src/crypto/index.ts';
import { buildTlv } from '../../../src/tlv/ber.ts';
import { parseDol, splitDolData } from '../../../src/tlv/dol.ts';
import type { CardApplication } from '../../cos/application.ts';
import type { CardContext, Handler, Reply } from '../../cos/context.ts';
import { readRecord } from '../../cos/commands/read.ts';
import { select } from '../../cos/commands/select.ts';
import { type DfNode, type EfNode, allDfs } from '../../cos/files.ts';
import { PBOC_AFL, PBOC_AFL_DUAL_SM, PBOC_AFL_EC, PBOC_AIP, PBOC_CDOL1, PBOC_CDOL2, PBOC_LOG_FORMAT, PBOC_PDOL } from '../../images/pse.ts';

interface AppData {
  algorithm: PbocAlgorithm;
  sm4Variant: Sm4Variant;
  pan: string;
  psn: string;
  udkAc: string;
  udkMac: string;
  udkEnc: string;
  /** ICC private key: PEM (RSA) or the SM2 d in hex (oda SM2). */
  iccKey: string;
  /** Offline data authentication algorithm; absent = RSA. */
  oda?: 'RSA' | 'SM2';
  /** PDOL (hex) when not PBOC_PDOL: with DF69 on an SM card (JR/T 0025.17 §10.3.2). */
  pdol?: string;
  pin: string;
  pinTryLimit: number;
  ecBalance: number;
  ecBalanceLimit: number;
  ecSingleLimit: number;
  ecResetThreshold: number;
  lowerConsecutiveOfflineLimit: number;
  /** Test-card personalisation (card-sim/images/terminal): another AIP, a blocked application, PIN tries used up. */
  aip?: string;
  blocked?: boolean;
  pinTries?: number;
  /**
   * A dual-algorithm card (JR/T 0025.17 §10.2 b): the international set (3DES UDKs, the RSA ICC key) beside
   * the SM set above. GET PROCESSING OPTIONS chooses one by DF69 for the transaction (§10.3.3 b).
   */
  international?: Pick<AppData, 'algorithm' | 'udkAc' | 'udkMac' | 'udkEnc' | 'iccKey' | 'oda'>;
}

interface State {
  atc: number;
  lastOnlineAtc: number;
  pinTries: number;
  /** The offline PIN: as personalised, until PIN CHANGE/UNBLOCK changes it (JR/T 0025.5 B.10). */
  pin: string;
  ec: { balance: number; balanceLimit: number; singleLimit: number; resetThreshold: number };
  appBlocked: boolean;
  cardBlocked: boolean;
  consecutiveOffline: number;
  lastIssuerAuthFailed: boolean;
}

interface Txn {
  ec: boolean;
  gacs: number;
  firstType?: 'AAC' | 'TC' | 'ARQC';
  lastAc?: Uint8Array;
  extAuth?: 'ok' | 'failed';
  pinPerformed: boolean;
  pinFailed: boolean;
  /** CVR byte 4 b2 "DDA performed": set by INTERNAL AUTHENTICATE (JR/T 0025.5 §9.4.4.1 step 4 a) and by a CDA signature (§14.5.4 step 3 a). */
  ddaPerformed?: boolean;
  /** The second GENERATE AC carried ARC Y3 or Z3: online authorisation not completed (JR/T 0025.5 §16.7; CVR byte 2 b1). */
  unableOnline?: boolean;
  /** The PDOL data of GET PROCESSING OPTIONS and the CDOL1 data of the first GENERATE AC: CDA hashes them. */
  pdolData?: Uint8Array;
  cdol1Data?: Uint8Array;
  /** A dual-algorithm card: the set chosen by DF69 at GPO, kept for the whole transaction (JR/T 0025.17 §10.3.3 b). */
  set?: 'SM' | 'international';
}

const TXN = 'pboc.txn';
const AC_TYPES = { 0x00: 'AAC', 0x40: 'TC', 0x80: 'ARQC' } as const;

const CID = { AAC: 0x00, TC: 0x40, ARQC: 0x80 } as const;

function adf(card: CardContext): DfNode {
  for (let d: DfNode | undefined = card.currentDf; d; d = d.parent) if (d.app === 'pboc') return d;
  throw new Error('pboc command outside the ADF');
}
/** The application data as personalised (both sets of a dual-algorithm card). */
const personalised = (card: CardContext) => adf(card).appData as unknown as AppData;
/** The application data of this transaction: on a dual-algorithm card, the keys of the set GPO chose. */
function app(card: CardContext): AppData {
  const a = personalised(card);
  const set = txn(card)?.set;
  if (!a.international || !set) return a;
  if (set === 'international') return { ...a, ...a.international };
  if (!card.rules.dualSmSetUsesSmKeys) {
    const { algorithm, udkAc, udkMac, udkEnc } = a.international;
    return { ...a, algorithm, udkAc, udkMac, udkEnc };
  }
  return a;
}
function state(card: CardContext): State {
  const df = adf(card);
  const a = df.appData as unknown as AppData;
  const s = df.state as unknown as Partial<State>;
  if (s.atc === undefined) {
    Object.assign(s, {
      atc: 0,
      lastOnlineAtc: 0,
      pinTries: a.pinTries ?? a.pinTryLimit,
      pin: a.pin,
      appBlocked: a.blocked === true,
      cardBlocked: false,
      consecutiveOffline: 0,
      lastIssuerAuthFailed: false,
      ec: { balance: a.ecBalance, balanceLimit: a.ecBalanceLimit, singleLimit: a.ecSingleLimit, resetThreshold: a.ecResetThreshold },
    } satisfies State);
  }
  return s as State;
}
/** The application's persistent state, initialised from its personalisation on first use. */
export const pbocNvm = (card: CardContext): void => void state(card);

function txn(card: CardContext): Txn | undefined {
  return card.session[TXN] as Txn | undefined;
}
const ef = (card: CardContext, sfi: number) => adf(card).children.find((c): c is EfNode => c.kind === 'EF' && c.sfi === sfi);

/** The PDOL as personalised: with DF69 on an SM card (JR/T 0025.17 §10.3.2); none if the FCI has none. */
const pdolOf = (card: CardContext): string => app(card).pdol ?? PBOC_PDOL;

const gpo: Handler = (cmd, card) => {
  if (cmd.p1 !== 0 || cmd.p2 !== 0) return { sw: SW.INCORRECT_P1P2 };
  // A single-SM-algorithm card answers the SM AFL whatever DF69 says (JR/T 0025.17 §10.3.3 a).
  const pdol = parseDol(fromHex(pdolOf(card)));
  if (cmd.data[0] !== 0x83 || cmd.data[1] !== cmd.data.length - 2) return { sw: SW.WRONG_LENGTH };
  let values: Record<string, Uint8Array>;
  try {
    values = splitDolData(pdol, cmd.data.subarray(2));
  } catch {
    if (card.rules.gpoChecksPdolLength) return { sw: SW.WRONG_LENGTH };
    values = {};
  }
  const s = state(card);
  if (card.rules.gpoIncrementsAtc) s.atc = (s.atc + 1) & 0xffff;
  // EC path (JR/T 0025.13 §7.4.3): terminal supports EC, currency CNY, amount within balance and single limit.
  const amount = values['9F02'] ? Number(toHex(values['9F02'])) : NaN;
  const ec =
    values['9F7A']?.[0] === 1 &&
    (toHex(values['5F2A'] ?? new Uint8Array()) === '0156' || !card.rules.ecChecksCurrency) &&
    (amount <= s.ec.singleLimit || !card.rules.ecChecksSingleLimit) &&
    (amount <= s.ec.balance || !card.rules.ecChecksBalance) &&
    (s.pinTries > 0 || !card.rules.ecChecksPinTries) &&
    !s.lastIssuerAuthFailed;
  // A dual-algorithm card (JR/T 0025.17 §10.3.3 b): DF69 = 01 → the SM set, else the RSA/SHA-1/3DES set,
  // for the whole transaction.
  const set = personalised(card).international ? (values['DF69']?.[0] === 1 || !card.rules.dualChoosesSetByDf69 ? 'SM' : 'international') : undefined;
  card.session[TXN] = { ec, gacs: 0, pinPerformed: false, pinFailed: false, pdolData: cmd.data.slice(2), ...(set ? { set } : {}) } satisfies Txn;
  return { data: buildTlv('80', fromHex(aip(card) + afl(card, ec, set))), sw: SW.NO_ERROR };
};

/** The AIP as personalised: the image's (test cards of card-sim/images/terminal) or the reference one. */
const aip = (card: CardContext) => app(card).aip ?? PBOC_AIP;

/** The AFL of the path taken, with the AFL personalisation defects. */
function afl(card: CardContext, ec: boolean, set?: Txn['set']): string {
  const withEc = (ec && card.rules.ecAflNamesEcRecord) || !card.rules.standardAflWithoutEcRecord;
  // A dual-algorithm card names the certificate records of the chosen set (JR/T 0025.17 §10.3.3 b).
  const base = set === 'SM' ? PBOC_AFL_DUAL_SM : PBOC_AFL;
  let hex = withEc ? base + PBOC_AFL_EC.slice(PBOC_AFL.length) : base;
  if (!card.rules.aflSfiLowBitsZero) hex = hex.replace(/(..)(......)/g, (_m, b1: string, rest: string) => toHex(Uint8Array.of(parseInt(b1, 16) | 4)) + rest);
  return hex;
}

/** Session flag: the PIN try limit was exceeded in this transaction (since the application was selected). */
const PIN_LIMIT_EXCEEDED_NOW = 'pboc.pinLimitExceededNow';

/** VERIFY, offline plaintext PIN (JR/T 0025.5 B.12): P2 80, 8-byte block 2N PIN F…F. */
const verifyPin: Handler = (cmd, card) => {
  if (cmd.p1 !== 0 || cmd.p2 !== 0x80) return { sw: SW.INCORRECT_P1P2 };
  const s = state(card);
  const t = txn(card);
  if (cmd.data.length === 0) return { sw: s.pinTries === 0 ? SW.AUTHENTICATION_METHOD_BLOCKED : 0x63c0 | s.pinTries };
  if (cmd.data.length !== 8) return { sw: SW.WRONG_LENGTH };
  const block = toHex(cmd.data);
  const n = parseInt(block[1] as string, 16);
  if (
    (block[0] !== '2' && card.rules.verifyChecksPinBlockControl) ||
    n < 4 ||
    n > 12 ||
    !/^[0-9]+F*$/.test(block.slice(2)) ||
    block.slice(2, 2 + n).includes('F')
  )
    return { sw: SW.INCORRECT_DATA };
  const ssBlocked = !card.rules.pinCountersSeparate && allDfs(card.mf).some((d) => d.pins.some((p) => p.ref === 0x00 && p.triesLeft === 0));
  // §11.4.2 step 2: every VERIFY received sets the CVR's "offline PIN performed".
  if (t) t.pinPerformed = true;
  // §11.3, §11.4.2 step 3 a): 6983 when the limit was exceeded in this transaction, 6984 when in an earlier one; "offline PIN failed" set.
  if (s.pinTries === 0 || ssBlocked) {
    if (t && card.rules.cvrRecordsPinFailure) t.pinFailed = true;
    return { sw: card.session[PIN_LIMIT_EXCEEDED_NOW] === true || ssBlocked ? SW.AUTHENTICATION_METHOD_BLOCKED : SW.REFERENCE_DATA_NOT_USABLE };
  }
  const entered = block.slice(2, 2 + n + (!card.rules.verifyComparesDigitsOnly ? 1 : 0));
  // 防拔 (LD/T 6001.2): the try is spent in NVM before the comparison (card-sim/cos/nvm.ts).
  s.pinTries--;
  card.nvm.commit('try');
  s.pinTries++;
  if (entered === s.pin || !card.rules.verifyComparesPin) {
    if (card.rules.rightPinResetsTries) s.pinTries = app(card).pinTryLimit;
    // §11.4.2 step 3 b): a right PIN clears "offline PIN failed".
    if (t) t.pinFailed = false;
    return { sw: SW.NO_ERROR };
  }
  if (t && card.rules.cvrRecordsPinFailure) t.pinFailed = true;
  if (card.rules.wrongOfflinePinDecrementsTries) s.pinTries--;
  if (s.pinTries === 0) card.session[PIN_LIMIT_EXCEEDED_NOW] = true;
  // JR/T 0025.5 §11.4.2 step 3 c): 63Cx, also 63C0 for the try that reaches 0 (6983 only for a VERIFY after it).
  return { sw: 0x63c0 | s.pinTries };
};

/** The ICC dynamic number (EMV Book 2 §6.5.1): fresh for each signature. */
const dynamicNumber = (card: CardContext) => (!card.rules.iccDynamicNumberFresh ? fromHex('01020304') : card.random.bytes(4));

/**
 * Signed dynamic application data over the ICC dynamic data and the terminal's data (the DDOL data for
 * DDA, the unpredictable number for CDA). RSA (JR/T 0025.7 tables 15/16): 6A 05 01 LDD ICC dynamic data
 * BB… hash BC, the hash SHA-1 over 05 … BB… ‖ terminal data. SM2 (JR/T 0025.17 tables 9/11, 12/17):
 * 15 ‖ LDD ‖ ICC dynamic data ‖ SM2 signature r ‖ s over 15 ‖ LDD ‖ ICC dynamic data ‖ terminal data.
 */
function signDynamicData(a: AppData, iccdd: Uint8Array, terminalData: Uint8Array, pad = 0xbb): Uint8Array {
  if (a.oda === 'SM2') {
    const head = concat(Uint8Array.of(SM2_ODA.SDAD_FORMAT, iccdd.length), iccdd);
    return concat(head, sm2Sign(a.iccKey, concat(head, terminalData)));
  }
  const nic = rsaPublicOf(a.iccKey).modulus.length;
  const body = concat(Uint8Array.of(0x05, 0x01, iccdd.length), iccdd, new Uint8Array(nic - 25 - iccdd.length).fill(pad));
  return rsaSign(a.iccKey, concat(Uint8Array.of(0x6a), body, sha1(concat(body, terminalData)), Uint8Array.of(0xbc)));
}

/**
 * INTERNAL AUTHENTICATE (EMV Book 2 §6.5.1): the SDAD over the DDOL data, answered 80 SDAD; with SM2
 * (JR/T 0025.17 §5.2.4.1) in format 2 (77 { 9F4B }).
 */
const internalAuthenticate: Handler = (cmd, card) => {
  if (cmd.p1 !== 0 || cmd.p2 !== 0) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 4) return { sw: SW.WRONG_LENGTH }; // DDOL 9F37 04
  const a = app(card);
  const t = txn(card);
  if (t && card.rules.cvrRecordsDdaPerformed) t.ddaPerformed = true;
  const dyn = dynamicNumber(card);
  const iccdd = concat(Uint8Array.of(dyn.length), dyn);
  const sdad = signDynamicData(a, iccdd, !card.rules.sdadOverDdolData ? new Uint8Array(0) : cmd.data);
  return { data: a.oda === 'SM2' ? buildTlv('77', [buildTlv('9F4B', sdad)]) : buildTlv('80', sdad), sw: SW.NO_ERROR };
};

/** The card supports CDA: AIP byte 1 b1 as personalised (EMV Book 3 C1). */
const supportsCda = (card: CardContext) => ((fromHex(app(card).aip ?? PBOC_AIP)[0] as number) & 0x01) !== 0;

/** A cryptogram that is not the one signed (its last byte inverted): what a card breaking cdaNoOtherAcInClear shows in clear. */
const otherAc = (ac: Uint8Array) => ac.map((b, i) => (i === 7 ? b ^ 0xff : b));

/**
 * The format 2 response of GENERATE AC with a CDA signature (JR/T 0025.7 §5.3.6.1 table 18; SM2
 * JR/T 0025.17 §5.2.5.1 table 14): 77 { 9F27, 9F36, 9F4B, 9F10 }, the TC or ARQC only inside the
 * signature. ICC dynamic data (tables 17 / 13) = dynamic number length ‖ number ‖ CID ‖ AC ‖
 * transaction data hash, the hash (SHA-1, or SM3 with SM2) over the PDOL data ‖ CDOL1 data [‖ CDOL2
 * data] ‖ the response's TLVs but 9F4B; the signature covers the unpredictable number too.
 */
function cdaResponse(
  card: CardContext,
  t: Txn,
  cdol2: Uint8Array | undefined,
  un: Uint8Array,
  cid: number,
  atc: Uint8Array,
  ac: Uint8Array,
  iad: Uint8Array,
): Uint8Array {
  const a = app(card);
  const clear = [buildTlv('9F27', Uint8Array.of(cid)), buildTlv('9F36', atc), ...(!card.rules.cdaNoOtherAcInClear ? [buildTlv('9F26', otherAc(ac))] : [])];
  const after = [buildTlv('9F10', iad)];
  const txnData = concat(
    !card.rules.cdaHashOverPdolData ? new Uint8Array(0) : (t.pdolData ?? new Uint8Array(0)),
    t.cdol1Data ?? new Uint8Array(0),
    cdol2 && card.rules.cdaHashOverCdol2Data ? cdol2 : new Uint8Array(0),
    ...clear,
    ...after,
  );
  const hash = a.oda === 'SM2' && card.rules.sm2CdaHashSm3 ? sm3(txnData) : sha1(txnData);
  const dyn = dynamicNumber(card);
  const signedCid = !card.rules.cdaSignsCid ? cid ^ 0xc0 : cid;
  const iccdd = concat(Uint8Array.of(dyn.length), dyn, Uint8Array.of(signedCid), ac, hash);
  return buildTlv('77', [...clear, buildTlv('9F4B', signDynamicData(a, iccdd, un, !card.rules.rsaCdaPaddingBb ? 0x00 : 0xbb)), ...after]);
}

/** CVR (JR/T 0025.5 A.1): length 03, then three bytes. */
function cvr(card: CardContext, t: Txn, first: keyof typeof CID, second?: keyof typeof CID): Uint8Array {
  const s = state(card);
  let b2 = second === undefined ? 0x80 : second === 'TC' ? 0x40 : second === 'ARQC' ? 0x80 : 0x00;
  b2 |= first === 'TC' ? 0x10 : first === 'ARQC' ? 0x20 : 0x00;
  if (!card.rules.cvrRecordsAcTypes) b2 &= 0x0f;
  if (t.extAuth === 'failed') b2 |= 0x08;
  if (t.pinPerformed) b2 |= 0x04;
  if (t.pinFailed) b2 |= 0x02;
  if (t.unableOnline) b2 |= 0x01;
  let b3 = 0;
  if (s.pinTries === 0) b3 |= 0x40;
  if (s.lastIssuerAuthFailed) b3 |= 0x08;
  const b4 = t.ddaPerformed ? 0x02 : 0x00;
  return Uint8Array.of(0x03, b2, b3, b4);
}

function generateAc(cmd: Parameters<Handler>[0], card: CardContext): Reply {
  if (!txn(card) && !card.rules.gacNeedsGpo) card.session[TXN] = { ec: false, gacs: 0, pinPerformed: false, pinFailed: false } satisfies Txn;
  const t = txn(card);
  if (!t) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  if (t.gacs >= 2 && card.rules.gacAtMostTwice) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  const requested = AC_TYPES[(cmd.p1 & 0xc0) as 0x00 | 0x40 | 0x80];
  // P1 b5: CDA signature requested (JR/T 0025.5 B.6), by a card that supports CDA only.
  const cdaRequested = (cmd.p1 & 0x10) !== 0 && supportsCda(card);
  if (!requested || cmd.p2 !== 0 || (cmd.p1 & (cdaRequested ? 0x2f : 0x3f)) !== 0) return { sw: SW.INCORRECT_P1P2 };
  const second = t.gacs >= 1;
  if (second && t.firstType !== 'ARQC') return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  const dol = parseDol(fromHex(second ? PBOC_CDOL2 : PBOC_CDOL1));
  let values: Record<string, Uint8Array>;
  try {
    values = splitDolData(dol, cmd.data);
  } catch {
    return { sw: SW.WRONG_LENGTH };
  }
  if (second && t.set && !card.rules.dualChoiceKept) t.set = t.set === 'SM' ? 'international' : 'SM';
  const s = state(card);
  const a = app(card);
  const amount = Number(toHex(values['9F02'] as Uint8Array));
  // Card risk management and the card's decision (EMV Book 3 §10.8, JR/T 0025.5 §7.7): never more than asked.
  let type: keyof typeof CID = requested;
  if (!second) {
    if (blockedNow(card) && card.rules.appBlockHonoured && card.rules.blockedAppAacOnly) type = 'AAC';
    else if (type === 'TC' && !t.ec && s.consecutiveOffline >= a.lowerConsecutiveOfflineLimit && card.rules.checkConsecutiveOfflineLimit) type = 'ARQC';
    else if (type === 'TC' && t.ec && amount > s.ec.balance && card.rules.ecChecksBalance) type = 'AAC';
  } else {
    const arc = toHex(values['8A'] as Uint8Array);
    // §16.7: ARC Y3 or Z3, online authorisation not completed: the card approves offline when asked for a TC
    // and its own risk management does not decline (§16.7.2), with "unable to go online" in the CVR.
    t.unableOnline = (arc === '5933' || arc === '5A33') && card.rules.unableOnlineApprovesOffline;
    if (type === 'TC' && !t.unableOnline && (arc !== '3030' || t.extAuth === 'failed')) type = 'AAC';
    if (type === 'ARQC') return { sw: SW.INCORRECT_P1P2 };
  }
  if (!card.rules.aacWhenAacRequested && requested === 'AAC' && !second) type = 'TC';
  t.gacs++;
  if (!second) t.firstType = type;
  // CDA: "DDA performed" is set before the cryptogram is generated when a TC or ARQC is to be signed (§14.5.4 step 3 a).
  const signs = cdaRequested && (type !== 'AAC' || !card.rules.cdaNotOnAac);
  if (signs && card.rules.cvrRecordsDdaPerformed) t.ddaPerformed = true;
  const iad = concat(
    Uint8Array.of(0x07, 0x01, 0x01),
    cvr(card, t, t.firstType as keyof typeof CID, second ? type : undefined),
    Uint8Array.of(a.algorithm === 'SM4' ? 0x04 : 0x01),
  );
  const cvrBytes = iad.subarray(3, 7);
  const atc = fromUint(s.atc, 2);
  const acData = concat(cmd.data, fromHex(aip(card)), atc, !card.rules.acOverCvr ? new Uint8Array(0) : cvrBytes);
  const sk = sessionKey(a.algorithm, fromHex(a.udkAc), s.atc);
  const ac = pbocMac(a.algorithm, sk, acData, a.sm4Variant);
  if (!second) {
    t.lastAc = ac; // scripts are MACed with the cryptogram sent online
    t.cdol1Data = cmd.data.slice();
  }
  // Effects of the decision.
  if (type === 'TC') {
    if (t.ec && !second && card.rules.ecDebitsBalance) s.ec.balance -= amount;
    // An offline approval after Y3/Z3 leaves the last online ATC register as it is (§16.7.2.2).
    if (second && !t.unableOnline) {
      if (card.rules.updateLastOnlineAtc) s.lastOnlineAtc = s.atc;
      s.consecutiveOffline = 0;
    } else s.consecutiveOffline++;
    if (card.rules.writeTransactionLog) writeLog(card, values);
  }
  if (second) s.lastIssuerAuthFailed = t.extAuth === 'failed';
  // CDA: a TC or ARQC is signed; an AAC never (JR/T 0025.7 §5.3.6.1 step 3).
  if (signs) {
    return { data: cdaResponse(card, t, second ? cmd.data : undefined, values['9F37'] as Uint8Array, CID[type], atc, ac, iad), sw: SW.NO_ERROR };
  }
  const data = buildTlv('77', [buildTlv('9F27', Uint8Array.of(CID[type])), buildTlv('9F36', atc), buildTlv('9F26', ac), buildTlv('9F10', iad)]);
  return { data, sw: SW.NO_ERROR };
}

/** Transaction log record in the 9F4F format (JR/T 0025.13 §9): values only, newest first, 10 kept. */
function writeLog(card: CardContext, values: Record<string, Uint8Array>): void {
  const log = ef(card, 0x0b);
  if (!log) return;
  const rec = concat(
    values['9F02'] as Uint8Array,
    values['5F2A'] as Uint8Array,
    values['9A'] as Uint8Array,
    values['9C'] as Uint8Array,
    fromUint(state(card).atc, 2),
  );
  log.records.unshift(rec);
  if (log.records.length > 10 && card.rules.logCyclic) log.records.length = 10;
}

const externalAuthenticate: Handler = (cmd, card) => {
  const t = txn(card);
  if (!t || t.firstType !== 'ARQC' || t.gacs !== 1 || t.extAuth) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  if (cmd.data.length !== 10) return { sw: SW.WRONG_LENGTH };
  const a = app(card);
  const sk = sessionKey(a.algorithm, fromHex(a.udkAc), state(card).atc);
  const expected = arpc(a.algorithm, sk, t.lastAc as Uint8Array, cmd.data.subarray(8, 10));
  if (equal(expected, cmd.data.subarray(0, 8)) || !card.rules.checkArpc) {
    t.extAuth = 'ok';
    return { sw: SW.NO_ERROR };
  }
  t.extAuth = 'failed';
  return { sw: 0x6300 };
};

const GET_DATA_TAGS = ['9F36', '9F13', '9F17', '9F79', '9F77', '9F78', '9F6D', '9F4F'];
const getData: Handler = (cmd, card) => {
  const tag = toHex(Uint8Array.of(cmd.p1, cmd.p2));
  if (!GET_DATA_TAGS.includes(tag)) return !card.rules.getDataUnknownTagAnswers6a88 ? { sw: SW.NO_ERROR } : { sw: SW.REFERENCED_DATA_NOT_FOUND };
  const s = state(card);
  const value: Record<string, () => Uint8Array> = {
    '9F36': () => fromUint(s.atc, 2),
    '9F13': () => fromUint(s.lastOnlineAtc, 2),
    '9F17': () => Uint8Array.of(s.pinTries),
    '9F79': () => encodeN(s.ec.balance, 6),
    '9F77': () => encodeN(s.ec.balanceLimit, 6),
    '9F78': () => encodeN(s.ec.singleLimit, 6),
    '9F6D': () => encodeN(s.ec.resetThreshold, 6),
    '9F4F': () => fromHex(PBOC_LOG_FORMAT),
  };
  return { data: buildTlv(tag, (value[tag] as () => Uint8Array)()), sw: SW.NO_ERROR };
};

/**
 * Issuer script command with secure messaging (JR/T 0025.5 C.2.4): MAC (4 bytes, last in the data) over
 * CLA INS P1 P2 Lc ‖ ATC ‖ the application cryptogram of this transaction ‖ data, with the MAC session key.
 */
function scripted(effect: (cmd: Parameters<Handler>[0], card: CardContext, data: Uint8Array) => Reply): Handler {
  return (cmd, card) => {
    const t = txn(card);
    if (!t?.lastAc)
      return !card.rules.scriptNeedsOnlineCryptogram && cmd.data.length >= 4
        ? effect(cmd, card, cmd.data.subarray(0, cmd.data.length - 4))
        : { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
    if (cmd.data.length < 4) return { sw: SW.SM_DATA_OBJECTS_MISSING };
    const a = app(card);
    const s = state(card);
    const data = cmd.data.subarray(0, cmd.data.length - 4);
    const header = Uint8Array.of(cmd.cla, cmd.ins, cmd.p1, cmd.p2, cmd.data.length);
    const sk = sessionKey(a.algorithm, fromHex(a.udkMac), s.atc);
    const mac = scriptMac(a.algorithm, sk, concat(header, fromUint(s.atc, 2), t.lastAc, data), a.sm4Variant);
    const macUnchecked = !card.rules.checkScriptMac || (cmd.ins === 0x24 && cmd.p2 !== PIN_CHANGE_P2.UNBLOCK && !card.rules.pinChangeChecksMac);
    if (!equal(mac, cmd.data.subarray(cmd.data.length - 4)) && !macUnchecked) return { sw: SW.SM_DATA_OBJECTS_INCORRECT };
    return effect(cmd, card, data);
  };
}

const PUT_DATA_TAGS: Record<string, keyof State['ec']> = { '9F79': 'balance', '9F77': 'balanceLimit', '9F78': 'singleLimit', '9F6D': 'resetThreshold' };
const putData = scripted((cmd, card, data) => {
  const field = PUT_DATA_TAGS[toHex(Uint8Array.of(cmd.p1, cmd.p2))];
  if (!field) return { sw: SW.REFERENCED_DATA_NOT_FOUND };
  if (data.length !== 6 || !/^[0-9]+$/.test(toHex(data))) return { sw: SW.INCORRECT_DATA };
  const s = state(card);
  const v = Number(toHex(data));
  // JR/T 0025.13 §7.5: the EC balance never exceeds the balance limit 9F77.
  if (field === 'balance' && v > s.ec.balanceLimit && card.rules.ecLoadChecksLimit) return { sw: SW.INCORRECT_DATA };
  s.ec[field] = v;
  return { sw: SW.NO_ERROR };
});

const simple = (f: (s: State, card: CardContext) => void) =>
  scripted((cmd, card, data) => {
    if (data.length || cmd.p1 !== 0) return { sw: SW.INCORRECT_P1P2 };
    f(state(card), card);
    return { sw: SW.NO_ERROR };
  });

/**
 * PIN CHANGE/UNBLOCK (JR/T 0025.5 B.10): P2 00 resets the PIN try counter; P2 01 (with the current PIN)
 * and 02 (without) also set the PIN from the enciphered PIN data (B.10.3, C.3.4; JR/T 0025.17 §11).
 */
const pinUnblock = scripted((cmd, card, data) => {
  if (cmd.p1 !== 0 || cmd.p2 > PIN_CHANGE_P2.WITHOUT_CURRENT_PIN) return { sw: SW.INCORRECT_P1P2 };
  const s = state(card);
  const a = app(card);
  if (cmd.p2 === PIN_CHANGE_P2.UNBLOCK) {
    if (data.length) return { sw: SW.INCORRECT_P1P2 };
  } else {
    const pin = newPin(card, cmd.p2, data);
    if (pin === undefined && card.rules.pinChangeChecksBlock) return { sw: SW.INCORRECT_DATA };
    if (pin !== undefined) s.pin = pin;
  }
  s.pinTries = a.pinTryLimit;
  return { sw: SW.NO_ERROR };
});

/** The new PIN of a PIN CHANGE, deciphered with the ENC session key, or undefined when the PIN data is not well formed. */
function newPin(card: CardContext, p2: number, data: Uint8Array): string | undefined {
  const a = app(card);
  const s = state(card);
  const udk = fromHex(a.udkEnc);
  const d = !card.rules.pinChangeDeciphersData
    ? data.subarray(1, 1 + (data[0] ?? 0))
    : decipherScriptData(a.algorithm, sessionKey(a.algorithm, udk, s.atc), data);
  if (!d) return undefined;
  const current = p2 === PIN_CHANGE_P2.WITH_CURRENT_PIN && card.rules.pinChangeChecksCurrentPin ? s.pin : undefined;
  return pinOfChangeData(udk, d, current);
}

/** SELECT inside the application: a new selection ends the transaction (EMV Book 3 §12.4); blocked states answer 6283 / 6A81. */
/**
 * Is the debit application blocked now: by script (non-volatile), or by a block a card breaking the rules
 * keeps in RAM (appBlockPersistent) or shares with the SSSE (debitBlockSeparate).
 */
function blockedNow(card: CardContext): boolean {
  const ramBlocked = card.session['pboc.ramBlocked'] === true;
  if (state(card).appBlocked || ramBlocked) return true;
  return !card.rules.debitBlockSeparate && allDfs(card.mf).some((d) => d.app === 'sscard' && (d.state as { blocked?: boolean }).blocked === true);
}

const pbocSelect: Handler = (cmd, card) => {
  const s = state(card);
  delete card.session[TXN];
  delete card.session[PIN_LIMIT_EXCEEDED_NOW];
  const r = select(cmd, card);
  if (r.sw !== SW.NO_ERROR || card.currentDf.app !== 'pboc') return r;
  if (s.cardBlocked && card.rules.cardBlockHonoured) return { sw: SW.FUNCTION_NOT_SUPPORTED };
  if (blockedNow(card) && card.rules.appBlockHonoured && card.rules.blockedSelectAnswers6283) return { ...r, sw: SW.WARNING_SELECTED_FILE_INVALIDATED };
  return r;
};

export const PBOC_APP: CardApplication = {
  name: 'pboc',
  commands: [
    { ins: 0xa4, classes: [0x00], handler: pbocSelect },
    { ins: 0xa8, classes: [0x80], handler: gpo },
    { ins: 0xb2, classes: [0x00], handler: readRecord },
    { ins: 0x20, classes: [0x00], handler: verifyPin },
    { ins: 0x88, classes: [0x00], handler: internalAuthenticate },
    { ins: 0xae, classes: [0x80], handler: generateAc },
    { ins: 0x82, classes: [0x00], handler: externalAuthenticate },
    { ins: 0xca, classes: [0x80], handler: getData },
    {
      ins: 0x1e,
      classes: [0x84],
      handler: simple((s, card) => {
        if (!card.rules.appBlockPersistent) card.session['pboc.ramBlocked'] = true;
        else s.appBlocked = true;
      }),
    },
    {
      ins: 0x18,
      classes: [0x84],
      handler: simple((s, card) => {
        if (card.rules.appUnblockHonoured) s.appBlocked = false;
      }),
    },
    // CARD BLOCK (B.4): the transaction under way may finish (§17.5); every later SELECT answers 6A81.
    {
      ins: 0x16,
      classes: [0x84],
      handler: simple((s) => {
        s.cardBlocked = true;
      }),
    },
    { ins: 0x24, classes: [0x84], handler: pinUnblock },
    { ins: 0xda, classes: [0x04], handler: putData },
  ],
  // SELECT from anywhere (the MF, the PSE): a blocked application answers its FCI with 6283, a blocked card 6A81.
  onSelect: (card, selected) => {
    delete card.session[PIN_LIMIT_EXCEEDED_NOW];
    const reply = selected;
    const s = state(card);
    if (s.cardBlocked && card.rules.cardBlockHonoured) return { sw: SW.FUNCTION_NOT_SUPPORTED };
    if (blockedNow(card) && card.rules.appBlockHonoured && card.rules.blockedSelectAnswers6283) return { ...reply, sw: SW.WARNING_SELECTED_FILE_INVALIDATED };
    return reply;
  },
};
