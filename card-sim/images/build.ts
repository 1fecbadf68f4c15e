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

/** An ATR with its check byte TCK (ISO/IEC 7816-3 §8.2.5: XOR of T0 to the last byte), needed when T=1 is offered. */
export function withTck(atrWithoutTck: string): string {
  const b = bytes(atrWithoutTck);
  let x = 0;
  for (const v of b.subarray(1)) x ^= v;
  return toHex(b) + toHex(Uint8Array.of(x));
}
