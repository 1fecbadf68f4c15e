/**
 * Command APDU, ISO/IEC 7816-4 §5.1 (cases 1–4, short and extended Lc/Le; decoding as in
 * ISO/IEC 7816-3 §12.1.3). Ne is the number of bytes expected: short Le 00 means 256, extended
 * Le 0000 means 65536.
 */
import { fromHex, toHex } from '../bytes/hex.ts';

export class ApduFormatError extends Error {
  override name = 'ApduFormatError';
}

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array;
  /** Bytes expected in the response; undefined means no Le field. */
  ne?: number;
  /** Force extended length fields even when short ones would do. */
  extended?: boolean;
}

export type ApduCase = '1' | '2S' | '3S' | '4S' | '2E' | '3E' | '4E';

export function command(cla: number, ins: number, p1: number, p2: number, data?: Uint8Array, ne?: number): CommandApdu {
  return { cla, ins, p1, p2, data: data ?? new Uint8Array(0), ...(ne === undefined ? {} : { ne }) };
}

export function apduCase(c: CommandApdu): ApduCase {
  const ext = c.extended || c.data.length > 255 || (c.ne ?? 0) > 256;
  if (c.data.length === 0) return c.ne === undefined ? '1' : ext ? '2E' : '2S';
  return c.ne === undefined ? (ext ? '3E' : '3S') : ext ? '4E' : '4S';
}

export function encodeCommand(c: CommandApdu): Uint8Array {
  for (const [k, v] of [
    ['CLA', c.cla],
    ['INS', c.ins],
    ['P1', c.p1],
    ['P2', c.p2],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new ApduFormatError(`${k} ${v} is not a byte`);
  }
  if (c.data.length > 65535) throw new ApduFormatError(`command data of ${c.data.length} bytes exceeds 65535`);
  if (c.ne !== undefined && (!Number.isInteger(c.ne) || c.ne < 1 || c.ne > 65536)) throw new ApduFormatError(`Ne ${c.ne} is not an integer in 1..65536`);
  const head = [c.cla, c.ins, c.p1, c.p2];
  const kase = apduCase(c);
  const out: number[] = [...head];
  const ext = kase.endsWith('E');
  if (c.data.length > 0) {
    if (ext) out.push(0x00, c.data.length >> 8, c.data.length & 0xff);
    else out.push(c.data.length);
    out.push(...c.data);
  }
  if (c.ne !== undefined) {
    if (ext) {
      const le = c.ne === 65536 ? 0 : c.ne;
      if (c.data.length === 0) out.push(0x00);
      out.push(le >> 8, le & 0xff);
    } else {
      out.push(c.ne === 256 ? 0 : c.ne);
    }
  }
  return Uint8Array.from(out);
}

/** Where a command APDU's fields lie: the data's offset and length, Ne, and whether the length fields are extended. */
export interface CommandLayout {
  at: number;
  lc: number;
  ne?: number;
  extended: boolean;
}

/**
 * The length fields of a command APDU (ISO/IEC 7816-3 §12.1.3), read without copying anything; any
 * inconsistency between length fields and size is an ApduFormatError.
 */
export function commandLayout(bytes: Uint8Array): CommandLayout {
  const n = bytes.length;
  if (n < 4) throw new ApduFormatError(`command of ${n} bytes is shorter than the 4-byte header`);
  if (n === 4) return { at: 4, lc: 0, extended: false };
  const b1 = bytes[4] as number;
  if (n === 5) return { at: 5, lc: 0, ne: b1 === 0 ? 256 : b1, extended: false };
  if (b1 !== 0) {
    if (n === 5 + b1) return { at: 5, lc: b1, extended: false };
    if (n === 6 + b1) {
      const le = bytes[5 + b1] as number;
      return { at: 5, lc: b1, ne: le === 0 ? 256 : le, extended: false };
    }
    throw new ApduFormatError(`Lc ${b1} does not match a command of ${n} bytes`);
  }
  // b1 = 00: extended length
  const b23 = ((bytes[5] as number) << 8) | (bytes[6] as number);
  if (n === 7) return { at: 7, lc: 0, ne: b23 === 0 ? 65536 : b23, extended: true };
  if (n < 7) throw new ApduFormatError(`extended length field truncated in a command of ${n} bytes`);
  if (b23 === 0) throw new ApduFormatError('extended Lc of 0000');
  if (n === 7 + b23) return { at: 7, lc: b23, extended: true };
  if (n === 9 + b23) {
    const le = ((bytes[7 + b23] as number) << 8) | (bytes[8 + b23] as number);
    return { at: 7, lc: b23, ne: le === 0 ? 65536 : le, extended: true };
  }
  throw new ApduFormatError(`extended Lc ${b23} does not match a command of ${n} bytes`);
}

/** Decode a command APDU; any inconsistency between length fields and size is an ApduFormatError. */
export function parseCommand(bytes: Uint8Array): CommandApdu {
  const l = commandLayout(bytes);
  const c: CommandApdu = {
    cla: bytes[0] as number,
    ins: bytes[1] as number,
    p1: bytes[2] as number,
    p2: bytes[3] as number,
    data: bytes.slice(l.at, l.at + l.lc),
  };
  if (l.ne !== undefined) c.ne = l.ne;
  if (l.extended) c.extended = true;
  return c;
}

/** Parse "00 A4 04 00 0F ..." into a command. */
export function commandFromHex(hex: string): CommandApdu {
  return parseCommand(fromHex(hex));
}

export function commandToHex(c: CommandApdu): string {
  return toHex(encodeCommand(c), ' ');
}
