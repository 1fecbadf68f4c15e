/**
 * Checks of card data that need no card I/O: what a scenario judges in a data object the kernel read
 * (JR/T 0025.5 annex A, JR/T 0025.6 §7, JR/T 0025.13). Each returns its problem as a diagnosis, or undefined when
 * the value meets the clause.
 */
import { toHex, toUint } from '../bytes/hex.ts';
import { parseTlv, type Tlv } from '../tlv/ber.ts';
import { type DolEntry, dolLength, parseDol, splitDolData } from '../tlv/dol.ts';
import { type Diagnosis, dx } from '../verdict/messages.ts';
import { AIP, hasBit, TVR } from './tvr.ts';
import { detailOf } from '../verdict/errors.ts';
import { SW, triesLeft } from '../apdu/sw.ts';

/** Luhn check digit (ISO/IEC 7812-1 annex B) over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** PAN 5A: 12 to 19 digits with a valid Luhn check digit (JR/T 0025.5 annex A, ISO/IEC 7812-1). */
export function panProblem(pan: string): Diagnosis | undefined {
  return pan.length >= 12 && pan.length <= 19 && luhnValid(pan) ? undefined : dx('chk.pan', { pan });
}

/** n 6 YYMMDD with a month 01–12 and a day 01–31 (annex A format n 6). */
export const isYymmdd = (v: string): boolean => /^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(v);

/** Application effective date 5F25 before expiry date 5F24, both YYMMDD. */
export function datesProblem(effective: Uint8Array, expiry: Uint8Array): Diagnosis | undefined {
  const eff = toHex(effective);
  const exp = toHex(expiry);
  return isYymmdd(exp) && isYymmdd(eff) && eff < exp ? undefined : dx('chk.dates', { eff, exp });
}

/** CVM list 8E: amount X (4) ‖ amount Y (4) ‖ at least one whole 2-byte CVM rule (EMV Book 3 §10.5). */
export function cvmListProblem(list: Uint8Array): Diagnosis | undefined {
  return list.length >= 10 && (list.length - 8) % 2 === 0 ? undefined : dx('chk.cvmList', { length: list.length });
}

/** Log entry 9F4D: SFI 11–30 ‖ number of records ≥ 1 (JR/T 0025.5 annex A, §14.3). */
export function logEntryProblem(v: Uint8Array | undefined): Diagnosis | undefined {
  const ok = v?.length === 2 && (v[0] as number) >= 11 && (v[0] as number) <= 30 && (v[1] as number) >= 1;
  return ok ? undefined : v ? dx('chk.logEntry', { v: toHex(v) }) : dx('chk.logEntryAbsent');
}

/** ODA methods in AIP byte 1 (EMV Book 3 annex C1): b7 SDA, b6 DDA, b1 CDA (tvr.ts AIP). */
export const ODA_METHODS = ['SDA', 'DDA', 'CDA'] as const;
export type OdaMethod = (typeof ODA_METHODS)[number];

export function aipOffers(aip: Uint8Array, method: OdaMethod): boolean {
  return hasBit(aip, AIP[method]);
}

/** What the AIP says against the ODA methods of the ICS. */
export function aipOdaProblems(aip: Uint8Array, ics: readonly string[]): Diagnosis[] {
  return ODA_METHODS.filter((m) => aipOffers(aip, m) !== ics.includes(m)).map((m) =>
    dx('chk.aipOda', {
      aip: toHex(aip),
      method: m,
      state: dx(aipOffers(aip, m) ? 'bit.set' : 'bit.clear'),
      has: dx(ics.includes(m) ? 'chk.icsHas' : 'chk.icsLacks'),
    }),
  );
}

/** IAD 9F10 algorithm byte (JR/T 0025.17 annex A): 01 3DES, 04 SM4. */
export const IAD_ALG = { '3DES': 0x01, SM4: 0x04 } as const;

/** IAD of CVN 01 (JR/T 0025.5 annex C.1): 07 ‖ DKI ‖ CVN 01 ‖ CVR (03 ‖ 3 bytes) ‖ algorithm. */
export function iadProblem(iad: Uint8Array, algorithm: keyof typeof IAD_ALG): Diagnosis | undefined {
  return iad[0] === 0x07 && iad[2] === 0x01 && iad[3] === 0x03 && iad[7] === IAD_ALG[algorithm] ? undefined : dx('chk.iad', { iad: toHex(iad) });
}

/** The CVR of an IAD: bytes 4–7, length byte 03 first (annex C.1). */
export const cvrOf = (iad: Uint8Array): Uint8Array => iad.subarray(3, 7);

/** CVR bits as [index in the CVR (0 = its length byte 03), mask] (JR/T 0025.5 annex C.1): byte 2 b3 offline PIN performed. */
export const CVR = { OFFLINE_PIN_PERFORMED: [1, 0x04], OFFLINE_PIN_FAILED: [1, 0x02] } as const;

export function cvrHas(iad: Uint8Array, [i, m]: readonly [number, number]): boolean {
  return ((cvrOf(iad)[i] ?? 0) & m) !== 0;
}

/** What a transaction showed the card, as its CVR reports it (JR/T 0025.5 A.1 CVR, §11.4.2, §14.5, §16.6). */
export interface CvrFacts {
  first: 'AAC' | 'TC' | 'ARQC';
  /** The second GENERATE AC's answer (an ARQC there has no code: 11, RFU); absent: not requested (yet). */
  second?: 'AAC' | 'TC' | 'ARQC';
  /** The SW of each VERIFY of the transaction, in order. */
  verify: readonly number[];
  /** The SW of EXTERNAL AUTHENTICATE, if sent. */
  externalAuth?: number;
  /** Whether issuer authentication failed in the last online transaction (byte 3 b4), when the scenario knows it. */
  lastOnlineIssuerAuthFailed?: boolean;
  /**
   * Byte 4 b2 "DDA performed", when the transaction fixes it: true after an INTERNAL AUTHENTICATE answered 9000
   * (§9.4.4.1 step 4 a) or a CDA signature (§14.5.4 step 3 a), false with neither INTERNAL AUTHENTICATE nor CDA asked.
   */
  ddaPerformed?: boolean;
  /** The second GENERATE AC carried ARC Y3 or Z3, online authorisation not completed (§16.7.2): byte 2 b1 "unable to go online". */
  unableOnline?: boolean;
}

/** A VERIFY the card judged (§11.4.2 steps 2–3): 9000, 63Cx, 6983, 6984; a malformed one (6700, 6A80) is no PIN verification. */
const judged = (sw: number) =>
  sw === SW.NO_ERROR || triesLeft(sw) !== undefined || sw === SW.AUTHENTICATION_METHOD_BLOCKED || sw === SW.REFERENCE_DATA_NOT_USABLE;

/**
 * CVR bytes 2–4 as the facts fix them, with the mask of the bits they fix (JR/T 0025.5 A.1): byte 2 whole
 * (b8–7 second cryptogram 00 AAC / 01 TC / 10 not requested, b6–5 first 00 AAC / 01 TC / 10 ARQC, b4 issuer
 * authentication failed, b3 offline PIN performed, b2 offline PIN failed — set by a wrong PIN or a VERIFY past the
 * limit, cleared by a right one (§11.4.2 step 3) — b1 unable to go online: set only after ARC Y3/Z3, §16.7.2);
 * byte 3 b7 PIN try limit exceeded when a VERIFY shows the counter, b4 when the last online transaction is known;
 * byte 4 b2 DDA performed when the facts fix it. The rest (velocity, new card, scripts, last transaction not
 * completed) is not fixed by the facts.
 */
export function expectedCvr(f: CvrFacts): { value: Uint8Array; mask: Uint8Array } {
  const code = { AAC: 0, TC: 1, ARQC: 2 } as const;
  const secondCode = { AAC: 0, TC: 1, ARQC: 3 } as const;
  const value = Uint8Array.of(0x03, 0, 0, 0);
  const mask = Uint8Array.of(0xff, 0xff, 0, 0);
  let b2 = ((f.second === undefined ? 2 : secondCode[f.second]) << 6) | (code[f.first] << 4);
  if (f.externalAuth !== undefined && f.externalAuth !== SW.NO_ERROR) b2 |= 0x08;
  if (f.unableOnline) b2 |= 0x01;
  const verifies = f.verify.filter(judged);
  const last = verifies.at(-1);
  if (last !== undefined) {
    b2 |= 0x04;
    if (last !== SW.NO_ERROR) b2 |= 0x02;
    mask[2] = (mask[2] as number) | 0x40;
    if (last === SW.VERIFICATION_FAILED_NO_TRIES || last === SW.AUTHENTICATION_METHOD_BLOCKED || last === SW.REFERENCE_DATA_NOT_USABLE)
      value[2] = (value[2] as number) | 0x40;
  }
  value[1] = b2;
  if (f.lastOnlineIssuerAuthFailed !== undefined) {
    mask[2] = (mask[2] as number) | 0x08;
    if (f.lastOnlineIssuerAuthFailed) value[2] = (value[2] as number) | 0x08;
  }
  if (f.ddaPerformed !== undefined) {
    mask[3] = 0x02;
    if (f.ddaPerformed) value[3] = 0x02;
  }
  return { value, mask };
}

/** The CVR of an IAD against what the transaction did: each fixed bit that differs. */
export function cvrProblem(iad: Uint8Array, f: CvrFacts): Diagnosis | undefined {
  const cvr = cvrOf(iad);
  const { value, mask } = expectedCvr(f);
  const wrong = [...mask].some((m, i) => (((cvr[i] ?? 0) ^ (value[i] as number)) & m) !== 0);
  if (!wrong) return undefined;
  const fixed = [...value].map((v, i) => [...Array(8)].map((_, b) => ((mask[i] as number) & (0x80 >> b) ? (v & (0x80 >> b) ? '1' : '0') : 'x')).join(''));
  return dx('chk.cvr', { cvr: toHex(cvr), expected: fixed.join(' ') });
}

/** The TVR says CDA did not fail (byte 1 b3). */
export function cdaFailedProblem(tvr: Uint8Array): Diagnosis | undefined {
  return hasBit(tvr, TVR.CDA_FAILED) ? dx('chk.cdaFailed', { tvr: toHex(tvr) }) : undefined;
}

/** SM2 SSAD 93 (JR/T 0025.17 table 4): 13 ‖ DAC (2) ‖ signature r ‖ s (64). */
export function sm2SsadProblem(v: Uint8Array): Diagnosis | undefined {
  return v.length === 67 && v[0] === 0x13 ? undefined : dx('chk.sm2Ssad', { length: v.length, first: toHex(v.subarray(0, 1)) });
}

/** The data authentication code of an SM2 SSAD (bytes 2–3). */
export const sm2SsadDac = (ssad: Uint8Array): Uint8Array => ssad.subarray(1, 3);

/** A log record split by the log format 9F4F (JR/T 0025.5 §14.3): tag → value, or the length problem. */
export function splitLogRecord(format: DolEntry[], record: Uint8Array): { values?: Record<string, Uint8Array>; problem?: Diagnosis } {
  if (record.length !== dolLength(format)) return { problem: dx('chk.logRecord', { length: record.length, expected: dolLength(format) }) };
  return { values: splitDolData(format, record) };
}

/** A numeric data object as the card gives it: binary counters (ATC 9F36, last online ATC 9F13, PIN try counter 9F17), else n (BCD). */
export function numericValue(tag: string, v: Uint8Array): number | undefined {
  if (tag === '9F36' || tag === '9F13' || tag === '9F17') return toUint(v);
  if (!/^[0-9]+$/.test(toHex(v))) return undefined;
  return Number(toHex(v));
}

/** An amount or EC value n 12 (6 bytes BCD), as a script sets it (JR/T 0025.13 §7.5). */
export const n12 = (n: number): string => String(n).padStart(12, '0');

/** EC issuer authorisation code 9F74: an 6 opening "ECC" (JR/T 0025.13 §7.3). */
export function ecIssuerAuthorisationCodeProblem(v: Uint8Array): Diagnosis | undefined {
  return Buffer.from(v).toString('latin1').startsWith('ECC') ? undefined : dx('chk.ec9F74', { v: toHex(v) });
}

/** Log format 9F4F: a data object list of at least one byte of data (JR/T 0025.5 §14.3). */
export function logFormatProblem(v: Uint8Array): Diagnosis | undefined {
  try {
    return v.length > 0 && dolLength(parseDol(v)) > 0 ? undefined : dx('chk.logFormat', { v: toHex(v) });
  } catch {
    return dx('chk.logFormatNotDol', { v: toHex(v) });
  }
}

/** Whether a DOL (PDOL 9F38, CDOL1 8C …) asks for a tag, and in how many bytes. */
export function dolAsks(dol: Uint8Array, tag: string): DolEntry | undefined {
  return parseDol(dol).find((e) => e.tag === tag);
}

/** The ICC dynamic number 9F4C: 2 to 8 bytes (JR/T 0025.7 table 17). */
export function iccDynamicNumberProblem(v: Uint8Array | undefined): Diagnosis | undefined {
  return v !== undefined && v.length >= 2 && v.length <= 8 ? undefined : v ? dx('chk.iccDynamicNumber', { v: toHex(v) }) : dx('chk.iccDynamicNumberAbsent');
}

/** A CDA GENERATE AC response (JR/T 0025.7 table 18): 77 { 9F27 9F36 9F4B [9F10] }, nothing else. */
export function cdaResponseTemplateProblem(data: Uint8Array): Diagnosis | undefined {
  let top: Tlv | undefined;
  try {
    top = parseTlv(data)[0];
  } catch (e) {
    return dx('chk.notBerTlv', { detail: detailOf(e) });
  }
  const tags = top?.children?.map((t) => t.tag) ?? [];
  const extra = tags.filter((t) => !['9F27', '9F36', '9F4B', '9F10'].includes(t));
  const ok = top?.tag === '77' && ['9F27', '9F36', '9F4B'].every((t) => tags.includes(t)) && extra.length === 0;
  return ok
    ? undefined
    : dx('chk.cdaTemplate', {
        top: top?.tag ?? dx('noneWord'),
        tags: `{ ${tags.join(' ')} }`,
        extra: extra.length ? dx('chk.cdaTemplateExtra', { extra: extra.join(', ') }) : '',
      });
}
