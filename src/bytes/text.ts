/**
 * Text fields. The social security card stores "an" items (姓名, DDF name sx1.sh.社会保障) in GBK,
 * left-aligned and right-padded with 00 (V2.0 §7); real cards also pad with 20 or FF.
 */
import iconv from 'iconv-lite';

export function encodeGbk(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, 'gbk'));
}

export function decodeGbk(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), 'gbk');
}

/** an: GBK text, left-aligned, padded with 00 to `length` bytes. */
export function encodeAn(text: string, length: number): Uint8Array {
  const raw = encodeGbk(text);
  if (raw.length > length) throw new RangeError(`an value "${text}" is ${raw.length} bytes, more than ${length}`);
  const out = new Uint8Array(length);
  out.set(raw);
  return out;
}

/** an: the text with trailing 00, 20 and FF padding removed. */
export function decodeAn(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x00 || bytes[end - 1] === 0x20 || bytes[end - 1] === 0xff)) end--;
  return decodeGbk(bytes.subarray(0, end));
}
