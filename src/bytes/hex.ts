/** Hex and byte helpers. All byte data in sscc is Uint8Array; hex is upper case. */

export class HexError extends Error {
  override name = 'HexError';
}

/** Parse hex; spaces, colons and newlines between digits are ignored ("00 A4 04 00"). */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0) throw new HexError(`odd number of hex digits in "${text}"`);
  if (!/^[0-9a-fA-F]*$/.test(clean)) throw new HexError(`not hex: "${text}"`);
  // Node's own decoder (the digits are checked above); a copy, so the bytes own their buffer.
  return new Uint8Array(Buffer.from(clean, 'hex'));
}

/** "00" … "FF" by byte value (the APDU trace writes every byte of every exchange). */
const HEX_BYTES = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

export function toHex(bytes: Uint8Array, separator = ''): string {
  if (!separator) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
  if (bytes.length === 0) return '';
  let s = HEX_BYTES[bytes[0] as number] as string;
  for (let i = 1; i < bytes.length; i++) s += separator + (HEX_BYTES[bytes[i] as number] as string);
  return s;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Big-endian unsigned integer of up to 6 bytes. */
export function toUint(bytes: Uint8Array): number {
  if (bytes.length > 6) throw new RangeError('integer longer than 6 bytes');
  let n = 0;
  for (const b of bytes) n = n * 256 + b;
  return n;
}

/** Big-endian encoding of n in exactly `length` bytes. */
export function fromUint(n: number, length: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 256 ** length) {
    throw new RangeError(`${n} does not fit in ${length} byte(s)`);
  }
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = n % 256;
    n = Math.floor(n / 256);
  }
  return out;
}
