/**
 * Checks of card data that need no card I/O: what a scenario judges in a data object the kernel read
 * (JR/T 0025.5 annex A, JR/T 0025.6 §7, JR/T 0025.13). Each returns a problem text, or undefined when
 * the value meets the clause.
 */
import { toHex, toUint } from '../bytes/hex.ts';
import { parseTlv, type Tlv } from '../tlv/ber.ts';
import { type DolEntry, dolLength, parseDol, splitDolData } from '../tlv/dol.ts';
import { AIP, hasBit, TVR } from './tvr.ts';

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
export function panProblem(pan: string): string | undefined {
  return pan.length >= 12 && pan.length <= 19 && luhnValid(pan) ? undefined : `PAN ${pan} fails the length or Luhn check`;
}

/** n 6 YYMMDD with a month 01–12 and a day 01–31 (annex A format n 6). */
export const isYymmdd = (v: string): boolean => /^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(v);

/** Application effective date 5F25 before expiry date 5F24, both YYMMDD. */
export function datesProblem(effective: Uint8Array, expiry: Uint8Array): string | undefined {
  const eff = toHex(effective);
  const exp = toHex(expiry);
  return isYymmdd(exp) && isYymmdd(eff) && eff < exp ? undefined : `5F25 ${eff} / 5F24 ${exp}`;
}

/** CVM list 8E: amount X (4) ‖ amount Y (4) ‖ at least one whole 2-byte CVM rule (EMV Book 3 §10.5). */
export function cvmListProblem(list: Uint8Array): string | undefined {
  return list.length >= 10 && (list.length - 8) % 2 === 0 ? undefined : `8E of ${list.length} bytes`;
}

/** Log entry 9F4D: SFI 11–30 ‖ number of records ≥ 1 (JR/T 0025.5 annex A, §14.3). */
export function logEntryProblem(v: Uint8Array | undefined): string | undefined {
  const ok = v?.length === 2 && (v[0] as number) >= 11 && (v[0] as number) <= 30 && (v[1] as number) >= 1;
  return ok ? undefined : `9F4D is ${v ? toHex(v) : 'absent'}`;
}

/** ODA methods in AIP byte 1 (EMV Book 3 annex C1): b7 SDA, b6 DDA, b1 CDA (tvr.ts AIP). */
export const ODA_METHODS = ['SDA', 'DDA', 'CDA'] as const;
export type OdaMethod = (typeof ODA_METHODS)[number];

export function aipOffers(aip: Uint8Array, method: OdaMethod): boolean {
  return hasBit(aip, AIP[method]);
}

/** What the AIP says against the ODA methods of the ICS. */
export function aipOdaProblems(aip: Uint8Array, ics: readonly string[]): string[] {
  return ODA_METHODS.filter((m) => aipOffers(aip, m) !== ics.includes(m)).map(
    (m) => `AIP ${toHex(aip)}: ${m} bit ${aipOffers(aip, m) ? 'set' : 'clear'} but ICS oda ${ics.includes(m) ? 'has' : 'lacks'} it`,
  );
}

/** IAD 9F10 algorithm byte (JR/T 0025.17 annex A): 01 3DES, 04 SM4. */
export const IAD_ALG = { '3DES': 0x01, SM4: 0x04 } as const;

/** IAD of CVN 01 (JR/T 0025.5 annex C.1): 07 ‖ DKI ‖ CVN 01 ‖ CVR (03 ‖ 3 bytes) ‖ algorithm. */
export function iadProblem(iad: Uint8Array, algorithm: keyof typeof IAD_ALG): string | undefined {
  return iad[0] === 0x07 && iad[2] === 0x01 && iad[3] === 0x03 && iad[7] === IAD_ALG[algorithm] ? undefined : `IAD ${toHex(iad)}`;
}

/** The CVR of an IAD: bytes 4–7, length byte 03 first (annex C.1). */
export const cvrOf = (iad: Uint8Array): Uint8Array => iad.subarray(3, 7);

/** CVR bits as [index in the CVR (0 = its length byte 03), mask] (JR/T 0025.5 annex C.1): byte 2 b3 offline PIN performed. */
export const CVR = { OFFLINE_PIN_PERFORMED: [1, 0x04], OFFLINE_PIN_FAILED: [1, 0x02] } as const;

export function cvrHas(iad: Uint8Array, [i, m]: readonly [number, number]): boolean {
  return ((cvrOf(iad)[i] ?? 0) & m) !== 0;
}

/** The TVR says CDA did not fail (byte 1 b3). */
export function cdaFailedProblem(tvr: Uint8Array): string | undefined {
  return hasBit(tvr, TVR.CDA_FAILED) ? `TVR ${toHex(tvr)}: byte 1 b3 CDA failed is set` : undefined;
}

/** SM2 SSAD 93 (JR/T 0025.17 table 4): 13 ‖ DAC (2) ‖ signature r ‖ s (64). */
export function sm2SsadProblem(v: Uint8Array): string | undefined {
  return v.length === 67 && v[0] === 0x13 ? undefined : `93 is ${v.length} bytes opening ${toHex(v.subarray(0, 1))}: not 13 ‖ DAC(2) ‖ r ‖ s(64)`;
}

/** The data authentication code of an SM2 SSAD (bytes 2–3). */
export const sm2SsadDac = (ssad: Uint8Array): Uint8Array => ssad.subarray(1, 3);

/** A log record split by the log format 9F4F (JR/T 0025.5 §14.3): tag → value, or the length problem. */
export function splitLogRecord(format: DolEntry[], record: Uint8Array): { values?: Record<string, Uint8Array>; problem?: string } {
  if (record.length !== dolLength(format)) return { problem: `log record of ${record.length} bytes; 9F4F says ${dolLength(format)}` };
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
export function ecIssuerAuthorisationCodeProblem(v: Uint8Array): string | undefined {
  return Buffer.from(v).toString('latin1').startsWith('ECC') ? undefined : `9F74 is ${toHex(v)}`;
}

/** Log format 9F4F: a data object list of at least one byte of data (JR/T 0025.5 §14.3). */
export function logFormatProblem(v: Uint8Array): string | undefined {
  try {
    return v.length > 0 && dolLength(parseDol(v)) > 0 ? undefined : `9F4F ${toHex(v)}`;
  } catch {
    return `9F4F ${toHex(v)} is not a data object list`;
  }
}

/** Whether a DOL (PDOL 9F38, CDOL1 8C …) asks for a tag, and in how many bytes. */
export function dolAsks(dol: Uint8Array, tag: string): DolEntry | undefined {
  return parseDol(dol).find((e) => e.tag === tag);
}

/** The ICC dynamic number 9F4C: 2 to 8 bytes (JR/T 0025.7 table 17). */
export function iccDynamicNumberProblem(v: Uint8Array | undefined): string | undefined {
  return v !== undefined && v.length >= 2 && v.length <= 8 ? undefined : `9F4C is ${v ? toHex(v) : 'absent'}`;
}

/** A CDA GENERATE AC response (JR/T 0025.7 table 18): 77 { 9F27 9F36 9F4B [9F10] }, nothing else. */
export function cdaResponseTemplateProblem(data: Uint8Array): string | undefined {
  let top: Tlv | undefined;
  try {
    top = parseTlv(data)[0];
  } catch (e) {
    return `response is not BER-TLV (${(e as Error).message})`;
  }
  const tags = top?.children?.map((t) => t.tag) ?? [];
  const extra = tags.filter((t) => !['9F27', '9F36', '9F4B', '9F10'].includes(t));
  const ok = top?.tag === '77' && ['9F27', '9F36', '9F4B'].every((t) => tags.includes(t)) && extra.length === 0;
  return ok ? undefined : `response ${top?.tag ?? 'none'} { ${tags.join(' ')} }${extra.length ? `: ${extra.join(', ')} not in table 18` : ''}`;
}
