/**
 * Data object lists (EMV Book 3 §5.4, JR/T 0025.5 §5.4): a DOL is tag ‖ length pairs without values;
 * the data built from it is the values concatenated, each cut or padded to the listed length
 * (n formats left-padded with 00, others right-padded; here: values of the right length are expected,
 * shorter ones are left-padded with 00, absent ones are zeros).
 */
import { TlvError } from './ber.ts';
import { dx } from '../verdict/messages.ts';

export interface DolEntry {
  tag: string;
  length: number;
}

export function parseDol(dol: Uint8Array): DolEntry[] {
  const out: DolEntry[] = [];
  let at = 0;
  while (at < dol.length) {
    const start = at;
    if (((dol[at] as number) & 0x1f) === 0x1f) {
      at++;
      while (at < dol.length && (dol[at] as number) & 0x80) at++;
    }
    at++;
    if (at >= dol.length) throw new TlvError(dx('tlv.dolNoLength'), start);
    const tag = Buffer.from(dol.subarray(start, at)).toString('hex').toUpperCase();
    out.push({ tag, length: dol[at] as number });
    at++;
  }
  return out;
}

export const dolLength = (dol: DolEntry[]) => dol.reduce((n, e) => n + e.length, 0);

/** The data for a DOL from tag → value. */
export function buildDolData(dol: DolEntry[], values: Readonly<Record<string, Uint8Array>>): Uint8Array {
  const out = new Uint8Array(dolLength(dol));
  let at = 0;
  for (const e of dol) {
    const v = values[e.tag];
    if (v) {
      const cut = v.length > e.length ? v.subarray(0, e.length) : v;
      out.set(cut, at + e.length - cut.length);
    }
    at += e.length;
  }
  return out;
}

/** Split DOL data back into tag → value. Throws when the data is not as long as the DOL says. */
export function splitDolData(dol: DolEntry[], data: Uint8Array): Record<string, Uint8Array> {
  if (data.length !== dolLength(dol)) throw new TlvError(dx('tlv.dolData', { length: data.length, listed: dolLength(dol) }), 0);
  const out: Record<string, Uint8Array> = {};
  let at = 0;
  for (const e of dol) {
    out[e.tag] = data.slice(at, at + e.length);
    at += e.length;
  }
  return out;
}
