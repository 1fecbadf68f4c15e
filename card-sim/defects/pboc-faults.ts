/**
 * The implementations of the PBOC personalisation and response defects that are no spec-rule override:
 * image transforms of the debit ADF (records, FCI, application data) and wrappers around its handlers.
 * Records are edited through the TLV module (src/tlv/ber.ts), never as hex strings.
 */
import { concat, equal, fromHex, toHex } from '../../src/bytes/hex.ts';
import { type Tlv, buildTlv, parseTlv } from '../../src/tlv/ber.ts';
import { SW } from '../../src/apdu/sw.ts';
import type { Reply } from '../cos/context.ts';
import type { CardImage, DfImage, EfImage } from '../cos/image.ts';
import {
  PBOC_AIP,
  PBOC_DUAL_RECORDS,
  PBOC_EXPIRED_ISSUER_CERT,
  PBOC_PDOL,
  PBOC_PDOL_SM,
  PBOC_SM2_STATIC_DATA,
  PBOC_STATIC_DATA,
  buildCerts,
  buildSm2Certs,
  pbocSm2CertsFor,
} from '../images/pse.ts';
import { type ImageDefect, type WrapDefect, image, wrap, wrapSelect } from './kinds.ts';
import { GET_DATA_FAMILY, type GetDataTag, type RecordTag } from './pboc-families.ts';

/** The personalisation fields of the debit ADF the defects touch (card-sim/apps/pboc/pboc.ts AppData). */
interface PbocAppData {
  aip?: string;
  oda?: 'RSA' | 'SM2';
  pdol?: string;
  ecBalance: number;
  ecBalanceLimit: number;
  international?: unknown;
  pan?: string;
}

function eachDf(df: DfImage, f: (df: DfImage) => void): void {
  f(df);
  for (const c of df.children) if (c.kind === 'DF') eachDf(c, f);
}

/** An image transform of every DF of application `app` (a copy: the image itself is shared). */
export function editApp(app: string, f: (df: DfImage) => void): ImageDefect {
  return image({ app }, (img: CardImage) => {
    const copy = structuredClone(img);
    eachDf(copy.mf, (df) => {
      if (df.app === app) f(df);
    });
    return copy;
  });
}

const efOf = (df: DfImage, sfi: number) => df.children.find((c): c is EfImage => c.kind === 'EF' && c.sfi === sfi);
const appData = (df: DfImage) => df.appData as unknown as PbocAppData;

/** Replace record `rec` of the EF with `sfi` in `df`. */
function editRecord(df: DfImage, [sfi, rec]: readonly [number, number], f: (record: Uint8Array) => Uint8Array): void {
  const e = efOf(df, sfi);
  const r = e?.records?.[rec - 1];
  if (e?.records && r !== undefined) e.records[rec - 1] = toHex(f(fromHex(r)));
}

/** The 70 template of a record, or undefined. */
function template(record: Uint8Array): Tlv | undefined {
  try {
    const t = parseTlv(record)[0];
    return t?.tag === '70' && t.children ? t : undefined;
  } catch {
    return undefined;
  }
}

/** A record (70 template) without the object `tag`. */
function withoutObject(record: Uint8Array, tag: string): Uint8Array {
  const t70 = template(record);
  return t70
    ? buildTlv(
        '70',
        (t70.children as Tlv[]).filter((c) => c.tag !== tag).map((c) => buildTlv(c.tag, c.value)),
      )
    : record;
}

/** A record (70 template) with the value of the object `tag` replaced, if it has one. */
function withObject(record: Uint8Array, tag: string, value: Uint8Array): Uint8Array {
  const t70 = template(record);
  if (!t70?.children?.some((c) => c.tag === tag)) return record;
  return buildTlv(
    '70',
    t70.children.map((c) => buildTlv(c.tag, c.tag === tag ? value : c.value)),
  );
}

/** A record (70 template) whose object with the value `from` holds `to` instead. */
function replaceValue(record: Uint8Array, from: Uint8Array, to: Uint8Array): Uint8Array {
  const t70 = template(record);
  if (!t70) return record;
  return buildTlv(
    '70',
    (t70.children as Tlv[]).map((c) => buildTlv(c.tag, equal(c.value, from) ? to : c.value)),
  );
}

/** The FCI proprietary template (inside A5) rebuilt object by object. */
function editFci(df: DfImage, f: (t: Tlv) => Uint8Array[] | undefined): void {
  const rebuild = (t: Tlv): Uint8Array[] => f(t) ?? [buildTlv(t.tag, t.children ? t.children.flatMap(rebuild) : t.value)];
  df.fciProprietary = toHex(concat(...parseTlv(fromHex(df.fciProprietary ?? '')).flatMap(rebuild)));
}

/** Personalisation left a data object JR/T 0025.5 annex A requires out of every record. */
export const recordWithout = (tag: RecordTag): ImageDefect =>
  editApp('pboc', (df) => {
    for (const e of df.children) if (e.kind === 'EF' && e.records) e.records = e.records.map((r) => toHex(withoutObject(fromHex(r), tag)));
  });

/** GET DATA answers the object with the wrong length: the first byte dropped, or one appended. */
export function getDataWrongLength(tag: GetDataTag): WrapDefect {
  const row = GET_DATA_FAMILY.find((r) => r.tag === tag) as (typeof GET_DATA_FAMILY)[number];
  return wrap('pboc', 0xca, (spec) => (cmd, card) => {
    const r = spec(cmd, card);
    if (toHex(Uint8Array.of(cmd.p1, cmd.p2)) !== tag || !r.data) return r;
    const value = (parseTlv(r.data)[0] as Tlv).value;
    return { ...r, data: buildTlv(tag, 'pad' in row ? concat(value, Uint8Array.of(row.pad)) : value.subarray(1)) };
  });
}

/** Another certificate, correctly signed, in place of the issuer's (90 of the record at `where`). */
const issuerCertAt = (df: DfImage, where: readonly [number, number], cert: Uint8Array) => editRecord(df, where, (r) => withObject(r, '90', cert));

/** Which chains the ADF holds: a dual-algorithm card has both (PBOC_DUAL_RECORDS). */
function chains(df: DfImage) {
  const a = appData(df);
  const dual = a.international !== undefined;
  const sm2 = a.oda === 'SM2';
  const at = (k: keyof typeof PBOC_DUAL_RECORDS.sm2) => (dual ? PBOC_DUAL_RECORDS.sm2[k] : PBOC_DUAL_RECORDS.rsa[k]);
  return { dual, sm2, rsa: !sm2 || dual, at, sm2Certs: pbocSm2CertsFor(a.aip) };
}

/** An SM2 card's chain with one certificate replaced: `pick` chooses it from the certificate variants. */
const sm2Cert = (f: (df: DfImage, c: ReturnType<typeof chains>) => void) =>
  editApp('pboc', (df) => {
    const c = chains(df);
    if (c.sm2) f(df, c);
  });

/**
 * Record 1 personalised with another value of `tag` and signed by the issuer as such (SSAD and ICC
 * certificate over the new static data), so that only the value differs: the limits of the financial
 * function (总体方案 二(三): use in China only, RMB debit; JR/T 0025.5 §10.3.2).
 */
export function recordValueSigned(tag: string, value: string): ImageDefect {
  return editApp('pboc', (df) => {
    const c = chains(df);
    editRecord(df, [1, 1], (r) => withObject(r, tag, fromHex(value)));
    const rec1 = efOf(df, 1)?.records?.[0];
    if (rec1 === undefined) return;
    const staticData = concat((parseTlv(fromHex(rec1))[0] as Tlv).value, fromHex(appData(df).aip ?? PBOC_AIP));
    const resign = (where: typeof PBOC_DUAL_RECORDS.rsa | typeof PBOC_DUAL_RECORDS.sm2, certs: { ssad: Uint8Array; iccCert: Uint8Array }) => {
      editRecord(df, where.ssad, (r) => withObject(r, '93', certs.ssad));
      editRecord(df, where.iccCert, (r) => withObject(r, '9F46', certs.iccCert));
    };
    if (c.sm2) resign(c.dual ? PBOC_DUAL_RECORDS.sm2 : PBOC_DUAL_RECORDS.rsa, buildSm2Certs(staticData));
    if (c.rsa) resign(PBOC_DUAL_RECORDS.rsa, buildCerts(staticData, appData(df).pan));
  });
}

/**
 * Files that a defect's personalisation has, marked in the image: `onlyWith` files are added and
 * `unlessWith` files (the ones they replace) taken away.
 */
export function personaliseMarked(marker: string): ImageDefect {
  return image({ ins: 0xa4 }, (img: CardImage) => {
    const copy = structuredClone(img);
    eachDf(copy.mf, (df) => {
      df.children = df.children.filter((c) => c.unlessWith !== marker);
      for (const c of df.children) if (c.onlyWith === marker) delete c.onlyWith;
    });
    return copy;
  });
}

export const PBOC_FAULTS = {
  cvmListMissing: editApp('pboc', (df) => editRecord(df, [1, 1], (r) => withoutObject(r, '8E'))),
  issuerCertExpired: editApp('pboc', (df) => {
    const c = chains(df);
    if (c.sm2) issuerCertAt(df, c.at('issuerCert'), c.sm2Certs.expiredIssuerCert);
    if (c.rsa) issuerCertAt(df, PBOC_DUAL_RECORDS.rsa.issuerCert, PBOC_EXPIRED_ISSUER_CERT);
  }),
  sm2IssuerCertRsaAlgorithm: sm2Cert((df, c) => issuerCertAt(df, c.at('issuerCert'), c.sm2Certs.issuerCertRsaAlgorithm)),
  sm2IssuerIdMismatch: sm2Cert((df, c) => issuerCertAt(df, c.at('issuerCert'), c.sm2Certs.issuerCertOtherIssuer)),
  sm2IssuerCertTampered: sm2Cert((df, c) => {
    const tampered = c.sm2Certs.issuerCert.slice();
    tampered[9] = (tampered[9] as number) ^ 0x01; // the last byte of the serial number, after signing
    issuerCertAt(df, c.at('issuerCert'), tampered);
  }),
  sm2IccCertOtherPan: sm2Cert((df, c) => editRecord(df, c.at('iccCert'), (r) => replaceValue(r, c.sm2Certs.iccCert, c.sm2Certs.iccCertOtherPan))),
  sm2SsadWithoutAip: sm2Cert((df, c) => editRecord(df, c.at('ssad'), (r) => replaceValue(r, c.sm2Certs.ssad, c.sm2Certs.ssadWithoutAip))),
  ssadCorrupt: editApp('pboc', (df) => {
    const c = chains(df);
    // One byte of the signature (the third from the record's end) altered after signing.
    const corrupt = (r: Uint8Array) => {
      const out = r.slice();
      out[out.length - 3] = 0xa5;
      return out;
    };
    editRecord(df, c.at('ssad'), corrupt);
    if (c.dual) editRecord(df, PBOC_DUAL_RECORDS.rsa.ssad, corrupt);
  }),
  /** AIP 5C00, DDA not announced; the issuer signed the static data with this AIP (SSAD and ICC certificate over it). */
  aipWithoutDda: editApp('pboc', (df) => {
    const c = chains(df);
    appData(df).aip = '5C00';
    const signedAip = (data: Uint8Array) => concat(data.subarray(0, -2), fromHex('5C00'));
    const resign = (where: typeof PBOC_DUAL_RECORDS.rsa | typeof PBOC_DUAL_RECORDS.sm2, certs: { ssad: Uint8Array; iccCert: Uint8Array }) => {
      editRecord(df, where.ssad, (r) => withObject(r, '93', certs.ssad));
      editRecord(df, where.iccCert, (r) => withObject(r, '9F46', certs.iccCert));
    };
    if (c.sm2) resign(c.dual ? PBOC_DUAL_RECORDS.sm2 : PBOC_DUAL_RECORDS.rsa, buildSm2Certs(signedAip(PBOC_SM2_STATIC_DATA)));
    if (c.rsa) resign(PBOC_DUAL_RECORDS.rsa, buildCerts(signedAip(c.dual ? PBOC_SM2_STATIC_DATA : PBOC_STATIC_DATA)));
  }),
  /** Personalised with a balance limit 9F77 below the balance 9F79. */
  ecBalanceAboveLimit: editApp('pboc', (df) => {
    const a = appData(df);
    a.ecBalanceLimit = a.ecBalance / 2;
  }),
  /** The SM card's PDOL (in the FCI and the application) lacks DF69 (JR/T 0025.17 §10.3.2). */
  sm2PdolWithoutDf69: editApp('pboc', (df) => {
    const a = appData(df);
    if (a.pdol !== PBOC_PDOL_SM) return;
    a.pdol = PBOC_PDOL;
    editFci(df, (t) => (t.tag === '9F38' ? [buildTlv('9F38', fromHex(PBOC_PDOL))] : undefined));
  }),
  /** No PDOL personalised: the FCI lacks 9F38 and GET PROCESSING OPTIONS takes 83 00. */
  fciWithoutPdol: editApp('pboc', (df) => {
    appData(df).pdol = '';
    editFci(df, (t) => (t.tag === '9F38' ? [] : undefined));
  }),
  fciWithoutLabel: editApp('pboc', (df) => editFci(df, (t) => (t.tag === '50' ? [] : undefined))),
  /** 9F4D names the log SFI with 0 records. */
  logEntryNoRecords: editApp('pboc', (df) => editFci(df, (t) => (t.tag === '9F4D' ? [buildTlv('9F4D', Uint8Array.of(t.value[0] as number, 0))] : undefined))),
  /** The FCI's DF name 84 is the PSE's, not the ADF's. */
  fciDfNameOfPse: wrapSelect('pboc', (spec) => (card, selected) => {
    const reply: Reply = spec(card, selected);
    const pse = card.currentDf.parent?.name;
    if (!reply.data?.length || !pse) return reply;
    const rebuild = (t: Tlv): Uint8Array => (t.tag === '84' ? buildTlv('84', pse) : buildTlv(t.tag, t.children ? t.children.map(rebuild) : t.value));
    return { ...reply, data: concat(...parseTlv(reply.data).map(rebuild)) };
  }),
  // The PPSE (EMV Contactless Book B §3.3, JR/T 0025.12): personalisation faults of its FCI.
  /** 4F names the credit application's AID (JR/T 0025.5 §6.3), not the debit one. */
  ppseWrongAid: editApp('ppse', (df) => editFci(df, (t) => (t.tag === '4F' ? [buildTlv('4F', fromHex('A000000333010102'))] : undefined))),
  ppseWithoutBf0c: editApp('ppse', (df) => editFci(df, (t) => (t.tag === 'BF0C' ? [] : undefined))),
  /** 87 is 02, not the priority of the PSE directory. */
  ppseWrongPriority: editApp('ppse', (df) => editFci(df, (t) => (t.tag === '87' ? [buildTlv('87', Uint8Array.of(0x02))] : undefined))),
  /** A contact-only card personalised with the PPSE that only a dual-interface card has. */
  ppseOnContactOnlyCard: image({ ins: 0xa4 }, (img) => {
    const copy = structuredClone(img);
    eachDf(copy.mf, (df) => {
      if (df.app === 'ppse') delete df.onlyWith;
    });
    return copy;
  }),
  /** VERIFY: the wrong PIN that uses the last try answers 6983 (EMV's reading), not 63C0. */
  lastPinTry6983: wrap('pboc', 0x20, (spec) => (cmd, card) => {
    const r = spec(cmd, card);
    return r.sw === SW.VERIFICATION_FAILED_NO_TRIES ? { ...r, sw: SW.AUTHENTICATION_METHOD_BLOCKED } : r;
  }),
  /** After CARD BLOCK the transaction under way is cut off: the second GENERATE AC answers 6A81. */
  cardBlockStopsTransaction: [
    wrap('pboc', 0x16, (spec) => (cmd, card) => {
      const r = spec(cmd, card);
      if (r.sw === SW.NO_ERROR) card.session['defect.cardBlocked'] = true;
      return r;
    }),
    wrap('pboc', 0xae, (spec) => (cmd, card) => (card.session['defect.cardBlocked'] === true ? { sw: SW.FUNCTION_NOT_SUPPORTED } : spec(cmd, card))),
  ],
  /** A blocked application answers 6283 to every SELECT made in it, also one that finds no file (6A82). */
  blockedSelectHides6a82: wrap('pboc', 0xa4, (spec) => (cmd, card) => {
    const blocked = (card.currentDf.state as { appBlocked?: boolean }).appBlocked === true;
    const r = spec(cmd, card);
    return blocked && r.sw === SW.FILE_NOT_FOUND ? { sw: SW.WARNING_SELECTED_FILE_INVALIDATED } : r;
  }),
  /** VERIFY: a right PIN leaves the CVR's "offline PIN failed" of an earlier wrong one set. */
  pinFailureKeptAfterRightPin: wrap('pboc', 0x20, (spec) => (cmd, card) => {
    const t = card.session['pboc.txn'] as { pinFailed?: boolean } | undefined;
    const failed = t?.pinFailed === true;
    const r = spec(cmd, card);
    if (t && failed) t.pinFailed = true;
    return r;
  }),
  /** VERIFY past the PIN try limit (6983, 6984) is not recorded in the CVR: neither "offline PIN performed" nor "failed". */
  blockedVerifyNotInCvr: wrap('pboc', 0x20, (spec) => (cmd, card) => {
    const t = card.session['pboc.txn'] as { pinPerformed?: boolean; pinFailed?: boolean } | undefined;
    const before = t && { pinPerformed: t.pinPerformed, pinFailed: t.pinFailed };
    const r = spec(cmd, card);
    if (t && before && (r.sw === SW.AUTHENTICATION_METHOD_BLOCKED || r.sw === SW.REFERENCE_DATA_NOT_USABLE)) Object.assign(t, before);
    return r;
  }),
  /** VERIFY of a blocked PIN outside a transaction (no GET PROCESSING OPTIONS since the SELECT) fails inside the card: 6F00, not 6983/6984. */
  blockedVerifyOutsideTransaction6f00: wrap('pboc', 0x20, (spec) => (cmd, card) => {
    const r = spec(cmd, card);
    const blocked = r.sw === SW.AUTHENTICATION_METHOD_BLOCKED || r.sw === SW.REFERENCE_DATA_NOT_USABLE;
    return blocked && card.session['pboc.txn'] === undefined ? { sw: SW.NO_PRECISE_DIAGNOSIS } : r;
  }),
  /** ARC Z3 (不能联机, 脱机拒绝) read as a decline: the second GENERATE AC answers AAC whatever the terminal asked. */
  z3DeclinesOffline: wrap('pboc', 0xae, (spec) => (cmd, card) => {
    const t = card.session['pboc.txn'] as { gacs?: number } | undefined;
    const z3 = (t?.gacs ?? 0) >= 1 && cmd.data[0] === 0x5a && cmd.data[1] === 0x33;
    return spec(z3 ? { ...cmd, p1: cmd.p1 & 0x3f } : cmd, card);
  }),
  /** VERIFY answers 6A80 to a block of 12 digits, the longest ISO 9564 format 2 allows. */
  verify12DigitsRefused: wrap('pboc', 0x20, (spec) => (cmd, card) => (cmd.data[0] === 0x2c ? { sw: SW.INCORRECT_DATA } : spec(cmd, card))),
  /** VERIFY takes a 7-byte PIN block as if padded with FF to 8. */
  verifyShortBlock: wrap(
    'pboc',
    0x20,
    (spec) => (cmd, card) => (cmd.data.length === 7 ? spec({ ...cmd, data: concat(cmd.data, Uint8Array.of(0xff)) }, card) : spec(cmd, card)),
  ),
  /** The second GENERATE AC takes a request for ARQC as one for TC. */
  secondGacArqcAsTc: wrap('pboc', 0xae, (spec) => (cmd, card) => {
    const second = ((card.session['pboc.txn'] as { gacs?: number } | undefined)?.gacs ?? 0) >= 1;
    return second && (cmd.p1 & 0xc0) === 0x80 ? spec({ ...cmd, p1: (cmd.p1 & 0x3f) | 0x40 }, card) : spec(cmd, card);
  }),
  /** A failed issuer authentication is forgotten after the second GENERATE AC (not kept for the next transaction). */
  issuerAuthFailureForgotten: wrap('pboc', 0xae, (spec) => (cmd, card) => {
    const r = spec(cmd, card);
    const s = card.currentDf.state as { lastIssuerAuthFailed?: boolean };
    if (s.lastIssuerAuthFailed === true) s.lastIssuerAuthFailed = false;
    return r;
  }),
  /** VERIFY of a PIN blocked in an earlier transaction answers 6983 (EMV's code), not 6984. */
  pinBlockedEarlier6983: wrap('pboc', 0x20, (spec) => (cmd, card) => {
    const r = spec(cmd, card);
    return r.sw === SW.REFERENCE_DATA_NOT_USABLE ? { ...r, sw: SW.AUTHENTICATION_METHOD_BLOCKED } : r;
  }),
  /** EXTERNAL AUTHENTICATE without the transaction-state check: 9000 where the card answers 6985. */
  externalAuthenticateAnyTime: wrap('pboc', 0x82, (spec) => (cmd, card) => {
    const r = spec(cmd, card);
    return r.sw === SW.CONDITIONS_OF_USE_NOT_SATISFIED ? { sw: SW.NO_ERROR } : r;
  }),
  /** PUT DATA of a tag the card does not let the issuer change answers 9000 (and changes nothing). */
  putDataUnknownTag9000: wrap('pboc', 0xda, (spec) => (cmd, card) => {
    const r = spec(cmd, card);
    return r.sw === SW.REFERENCED_DATA_NOT_FOUND ? { sw: SW.NO_ERROR } : r;
  }),
  /** The first GENERATE AC of an EC purchase compares the amount with the balance by ≥: the whole balance is declined. */
  ecExactBalanceDeclined: wrap('pboc', 0xae, (spec) => (cmd, card) => {
    const ec = (card.currentDf.state as { ec?: { balance: number } }).ec;
    if (!ec || Number(toHex(cmd.data.subarray(0, 6))) !== ec.balance || ec.balance === 0) return spec(cmd, card);
    ec.balance -= 1;
    const r = spec(cmd, card);
    ec.balance += 1;
    return r;
  }),
} as const;
