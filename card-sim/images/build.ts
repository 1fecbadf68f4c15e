/** Helpers that encode personalisation data the way the specs store it, as hex for an image. */
import { encodeCn } from '../../src/bytes/bcd.ts';
import { toHex } from '../../src/bytes/hex.ts';
import { encodeAn, encodeGbk } from '../../src/bytes/text.ts';
import { buildSimpleTlv } from '../../src/tlv/simple.ts';

/** A variable-length record: SIMPLE-TLV whose tag is the record identifier. */
export function record(tag: number, value: Uint8Array): string {
  return toHex(buildSimpleTlv(tag, value));
}

export const cn = encodeCn;
export const an = encodeAn;

export function gbkHex(text: string): string {
  return toHex(encodeGbk(text));
}

export function bytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
}

/** n bytes counting up from 00 (wrapping), so that every offset holds a distinct, known value. */
export function countingPattern(n: number): string {
  return toHex(Uint8Array.from({ length: n }, (_, i) => i & 0xff));
}
