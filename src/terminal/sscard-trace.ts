/**
 * Verdicts from the card-side trace of a social-security terminal test: what the card saw, in which
 * order, and whether what the terminal reported is what the card gave it (LD/T 6001.5 style).
 */
import { fromHex } from '../bytes/hex.ts';
import { decodeAn } from '../bytes/text.ts';
import { decodeCn } from '../bytes/bcd.ts';
import { toHex } from '../bytes/hex.ts';
import { type Diagnosis, dx } from '../verdict/messages.ts';
import type { CardSideEntry } from './slot.ts';
import { SS_INS } from '../sscard/commands.ts';
import { KEY_ID } from '../sscard/keys.ts';

const READ_RECORD = 0xb2;
const GET_RESPONSE = 0xc0;

/** Items the card gave to READ RECORD by identifier (P2 mode 000), by tag: the value bytes. */
export function itemsSeen(trace: readonly CardSideEntry[]): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  for (const e of trace) {
    if (e.ins !== READ_RECORD || (e.p2 & 0x07) !== 0) continue;
    const r = fromHex(e.response);
    if (r.length < 4 || r[r.length - 2] !== 0x90 || r[r.length - 1] !== 0x00) continue;
    const data = r.subarray(0, r.length - 2);
    if (data[0] === e.p1 && (data[1] as number) + 2 === data.length) out.set(e.p1, data.subarray(2));
  }
  return out;
}

/** Index of the first command matching, or -1. */
export function firstIndex(trace: readonly CardSideEntry[], match: (e: CardSideEntry) => boolean): number {
  return trace.findIndex((e) => e.ins !== GET_RESPONSE && match(e));
}

export const isReadOfEf06 = (e: CardSideEntry) => e.ins === READ_RECORD && e.p2 >> 3 === 0x06;
export const isInternalAuthenticate = (e: CardSideEntry) => e.ins === SS_INS.INTERNAL_AUTHENTICATE;
export const isRkAuthentication = (e: CardSideEntry) => e.ins === SS_INS.EXTERNAL_AUTHENTICATE && e.p2 === KEY_ID.RK;

export const READ_CARD_BAS_FIELDS = [
  '区划代码',
  '社会保障号码',
  '卡号',
  '卡识别码',
  '姓名',
  'ATR历史字节',
  '规范版本',
  '发卡日期',
  '卡有效期',
  '终端机编号',
  '终端设备号',
] as const;

/**
 * The iReadCardBas output the card's answers call for (LD/T 33 §1.1): field by field from the items the
 * card gave, the historical bytes, and the terminal's own numbers. Fields the trace does not show are
 * undefined (the terminal did not read them: a problem of its own).
 */
export function expectedReadCardBas(
  items: Map<number, Uint8Array>,
  historical: Uint8Array,
  terminalNumber: string,
  deviceNumber: string,
): Array<string | undefined> {
  const an = (t: number) => (items.has(t) ? decodeAn(items.get(t) as Uint8Array) : undefined);
  const cn = (t: number) => (items.has(t) ? decodeCn(items.get(t) as Uint8Array) : undefined);
  const id = items.get(0x01);
  const version = an(0x03) ?? '';
  const name = an(0x09) === undefined ? undefined : (an(0x09) as string) + (version.startsWith('1.') ? '' : (an(0x4e) ?? '\u0000missing 姓名扩展'));
  return [
    id ? toHex(id.subarray(0, 3)) : undefined,
    an(0x08),
    an(0x07)?.slice(0, 9),
    id ? toHex(id) : undefined,
    name,
    toHex(historical),
    an(0x03),
    cn(0x05),
    cn(0x06),
    terminalNumber,
    deviceNumber,
  ];
}

/** Differences between the reported pOutInfo and what the card gave, one line per field. */
export function readCardBasProblems(output: string, expected: Array<string | undefined>): Diagnosis[] {
  const fields = output.split('|');
  const problems: Diagnosis[] = [];
  if (fields.length !== READ_CARD_BAS_FIELDS.length + 1 || fields[fields.length - 1] !== '') {
    problems.push(dx('rcb.fieldCount', { n: fields.length - 1, expected: READ_CARD_BAS_FIELDS.length, output }));
  }
  READ_CARD_BAS_FIELDS.forEach((name, i) => {
    const want = expected[i];
    if (want === undefined) problems.push(dx('rcb.neverGiven', { i: i + 1, name }));
    else if (fields[i] !== want) problems.push(dx('rcb.differs', { i: i + 1, name, reported: fields[i] ?? '', want }));
  });
  return problems;
}
