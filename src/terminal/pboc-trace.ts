/**
 * Verdicts from the card-side trace of a financial terminal test: which commands the card saw, in which
 * order, and what the terminal told the card, above all the TVR it sent in the GENERATE AC data
 * (CDOL1/CDOL2 name 95, JR/T 0025.5 §13–14), which cannot disagree with what the terminal reports.
 */
import { SW, SW1, sw1Of } from '../apdu/sw.ts';
import { INS } from '../apdu/names.ts';
import { parseCommand, type CommandApdu } from '../apdu/command.ts';
import { concat, fromHex, toHex } from '../bytes/hex.ts';
import { parseTlv, type Tlv } from '../tlv/ber.ts';
import { parseDol, splitDolData } from '../tlv/dol.ts';
import type { CardSideEntry } from './slot.ts';

/** One logical exchange: the command and the whole response (61xx / GET RESPONSE joined, T=0). */
export interface Exchange {
  command: CommandApdu;
  data: Uint8Array;
  sw: number;
  /** Global order across the card and PSAM slots. */
  seq: number;
}

export { INS };

export function exchanges(trace: readonly CardSideEntry[]): Exchange[] {
  const out: Exchange[] = [];
  for (const e of trace) {
    let command: CommandApdu;
    try {
      command = parseCommand(fromHex(e.command));
    } catch {
      continue;
    }
    const r = fromHex(e.response);
    const data = r.subarray(0, Math.max(0, r.length - 2));
    const sw = r.length >= 2 ? ((r[r.length - 2] as number) << 8) | (r[r.length - 1] as number) : 0;
    const last = out[out.length - 1];
    if (command.ins === INS.GET_RESPONSE && last && sw1Of(last.sw) === SW1.MORE_DATA) {
      last.data = concat(last.data, data);
      last.sw = sw;
      continue;
    }
    if (last && sw1Of(last.sw) === SW1.WRONG_LE && last.command.ins === command.ins && last.command.p1 === command.p1 && last.command.p2 === command.p2)
      out.pop();
    out.push({ command, data, sw, seq: e.seq });
  }
  return out;
}

function primitives(list: Tlv[], into: Map<string, Uint8Array>): void {
  for (const t of list) {
    if (t.children) primitives(t.children, into);
    else into.set(t.tag, t.value);
  }
}

/** Data objects the card gave in READ RECORD answers, by tag. */
export function recordData(x: readonly Exchange[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const e of x) {
    if (e.command.ins !== INS.READ_RECORD || e.sw !== SW.NO_ERROR) continue;
    try {
      primitives(parseTlv(e.data), out);
    } catch {
      // not TLV: not application data
    }
  }
  return out;
}

export const isApdu = (ins: number) => (e: Exchange) => e.command.ins === ins;

/** The GENERATE AC commands, first and second, in order. */
export function generateAcs(x: readonly Exchange[]): Exchange[] {
  return x.filter(isApdu(INS.GENERATE_AC));
}

/** What the terminal asked for in a GENERATE AC (P1 b8–b7: 00 AAC, 40 TC, 80 ARQC). */
export function askedFor(e: Exchange): 'AAC' | 'TC' | 'ARQC' | 'RFU' {
  return ({ 0x00: 'AAC', 0x40: 'TC', 0x80: 'ARQC' } as Record<number, 'AAC' | 'TC' | 'ARQC'>)[e.command.p1 & 0xc0] ?? 'RFU';
}

/** The value of `tag` the terminal put in a GENERATE AC, by the card's CDOL1 (first) or CDOL2 (second). */
export function gacValue(x: readonly Exchange[], which: 0 | 1, tag: string): Uint8Array | undefined {
  const gac = generateAcs(x)[which];
  const cdol = recordData(x).get(which === 0 ? '8C' : '8D');
  if (!gac || !cdol) return undefined;
  try {
    return splitDolData(parseDol(cdol), gac.command.data)[tag];
  } catch {
    return undefined;
  }
}

/** The AID of the application the terminal finally selected: the last SELECT by name before GPO. */
export function selectedAid(x: readonly Exchange[]): string | undefined {
  const gpo = x.findIndex(isApdu(INS.GET_PROCESSING_OPTIONS));
  const before = (gpo < 0 ? x : x.slice(0, gpo)).filter((e) => e.command.ins === INS.SELECT && e.command.p1 === 0x04);
  const last = before[before.length - 1];
  return last && gpo >= 0 ? toHex(last.command.data) : undefined;
}

export const PSE_NAME_HEX = toHex(new Uint8Array(Buffer.from('1PAY.SYS.DDF01', 'ascii')));
