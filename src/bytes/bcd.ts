/**
 * Packed BCD, the "cn" format of 社会保障卡规范 (V2.0 §7) and JR/T 0025 (n, cn):
 * cn is left-aligned and right-padded with F; n is right-aligned and left-padded with 0.
 */
import { HexError, toHex } from './hex.ts';

/** cn: digits left-aligned, padded with F to `length` bytes. */
export function encodeCn(digits: string, length: number): Uint8Array {
  if (!/^[0-9]*$/.test(digits)) throw new HexError(`cn value must be digits: "${digits}"`);
  if (digits.length > length * 2) throw new RangeError(`cn value "${digits}" longer than ${length} bytes`);
  return hexDigits(digits.padEnd(length * 2, 'F'));
}

/** cn: the digits up to the first F pad nibble. Rejects non-decimal nibbles before the pad. */
export function decodeCn(bytes: Uint8Array): string {
  const hex = toHex(bytes);
  const pad = hex.indexOf('F');
  const digits = pad < 0 ? hex : hex.slice(0, pad);
  if (!/^[0-9]*$/.test(digits) || (pad >= 0 && !/^F*$/.test(hex.slice(pad)))) {
    throw new HexError(`not a cn value: ${hex}`);
  }
  return digits;
}

/** n: digits right-aligned, padded on the left with 0 to `length` bytes. */
export function encodeN(value: string | number, length: number): Uint8Array {
  const digits = String(value);
  if (!/^[0-9]+$/.test(digits)) throw new HexError(`n value must be digits: "${digits}"`);
  if (digits.length > length * 2) throw new RangeError(`n value "${digits}" longer than ${length} bytes`);
  return hexDigits(digits.padStart(length * 2, '0'));
}

export function decodeN(bytes: Uint8Array): string {
  const hex = toHex(bytes);
  if (!/^[0-9]*$/.test(hex)) throw new HexError(`not an n value: ${hex}`);
  return hex;
}

function hexDigits(nibbles: string): Uint8Array {
  const out = new Uint8Array(nibbles.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(nibbles.slice(2 * i, 2 * i + 2), 16);
  return out;
}
