/**
 * Data objects of the PBOC debit application (JR/T 0025.5 annex A; EMV Book 3 annex A) that the card
 * image, the kernel and the scenarios share: DOL parsing, the terminal's values, the card's test keys.
 */
import { fromHex } from '../bytes/hex.ts';

/** A data object list (PDOL, CDOL1, CDOL2, DDOL): tag and length pairs. */
export interface DolEntry {
  tag: string;
  length: number;
}

export function parseDol(dol: Uint8Array): DolEntry[] {
  const out: DolEntry[] = [];
  let at = 0;
  while (at < dol.length) {
    const first = dol[at] as number;
    let end = at + 1;
    if ((first & 0x1f) === 0x1f) while (end < dol.length && ((dol[end++] as number) & 0x80) !== 0);
    const tag = Buffer.from(dol.subarray(at, end)).toString('hex').toUpperCase();
    const length = dol[end] as number;
    if (length === undefined) throw new RangeError(`DOL ends inside the entry for tag ${tag}`);
    out.push({ tag, length });
    at = end + 1;
  }
  return out;
}

export function dolLength(dol: DolEntry[]): number {
  return dol.reduce((n, e) => n + e.length, 0);
}

/** The DOL data from values by tag: each value right-aligned and left-padded with 00, or cut (EMV Book 3 §5.4). */
export function buildDolData(dol: DolEntry[], values: Readonly<Record<string, string>>): Uint8Array {
  const parts: number[] = [];
  for (const e of dol) {
    const v = fromHex(values[e.tag] ?? '');
    const field = new Uint8Array(e.length);
    field.set(v.length >= e.length ? v.subarray(0, e.length) : v, Math.max(0, e.length - v.length));
    parts.push(...field);
  }
  return Uint8Array.from(parts);
}

/** The project's TEST issuer master keys for application cryptograms and script MACs (not any issuer's). */
export const TEST_IMK_AC = '0123456789ABCDEF0123456789ABCDEF';
export const TEST_IMK_MAC = 'FEDCBA9876543210FEDCBA9876543210';

/** Terminal data the scenarios transact with (amount 12.34 CNY, China, today's test date). */
export const TERMINAL_DEFAULTS: Readonly<Record<string, string>> = {
  '9F7A': '00', // EC terminal support indicator: no
  '9F02': '000000001234', // amount, authorised
  '9F03': '000000000000', // amount, other
  '9F1A': '0156', // terminal country code China
  '95': '0000000000', // TVR
  '5F2A': '0156', // transaction currency CNY
  '9A': '261122', // transaction date
  '9C': '00', // transaction type goods and services
  '9F37': '12345678', // unpredictable number
  '8A': '3030', // authorisation response code "00"
};
