/**
 * SIMPLE-TLV, ISO/IEC 7816-4 §5.2: one tag byte (01..FE), a length of one byte (00..FE) or FF
 * followed by two bytes. The social security card's variable-length records are SIMPLE-TLV whose
 * tag is the record identifier (社会保障卡规范 part 6, V2.0 table 9).
 */
import { TlvError } from './ber.ts';
import { dx } from '../verdict/messages.ts';

export interface SimpleTlv {
  tag: number;
  value: Uint8Array;
}

export function parseSimpleTlv(bytes: Uint8Array): SimpleTlv[] {
  const out: SimpleTlv[] = [];
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    const tag = bytes[at++] as number;
    if (tag === 0x00 || tag === 0xff) throw new TlvError(dx('tlv.simpleTag', { tag: tag.toString(16) }), start);
    if (at >= bytes.length) throw new TlvError(dx('tlv.simpleLengthMissing'), start);
    let len = bytes[at++] as number;
    if (len === 0xff) {
      if (at + 2 > bytes.length) throw new TlvError(dx('tlv.simpleLengthTruncated'), start);
      len = ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
      at += 2;
    }
    if (at + len > bytes.length) {
      throw new TlvError(dx('tlv.simpleValueShort', { len, left: bytes.length - at }), start);
    }
    out.push({ tag, value: bytes.slice(at, at + len) });
    at += len;
  }
  return out;
}

export function buildSimpleTlv(tag: number, value: Uint8Array): Uint8Array {
  if (tag <= 0x00 || tag >= 0xff) throw new RangeError(`invalid SIMPLE-TLV tag ${tag}`);
  const head = value.length < 0xff ? Uint8Array.of(tag, value.length) : Uint8Array.of(tag, 0xff, value.length >> 8, value.length & 0xff);
  const out = new Uint8Array(head.length + value.length);
  out.set(head);
  out.set(value, head.length);
  return out;
}
