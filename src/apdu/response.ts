/** Response APDU, ISO/IEC 7816-4 §5.1: optional data followed by SW1 SW2. */
import { toHex } from '../bytes/hex.ts';
import { ApduFormatError } from './command.ts';

export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
}

export function parseResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw new ApduFormatError(`response of ${bytes.length} byte(s) has no status word`);
  const n = bytes.length;
  return { data: bytes.slice(0, n - 2), sw: ((bytes[n - 2] as number) << 8) | (bytes[n - 1] as number) };
}

export function encodeResponse(r: ResponseApdu): Uint8Array {
  const out = new Uint8Array(r.data.length + 2);
  out.set(r.data);
  out[r.data.length] = r.sw >> 8;
  out[r.data.length + 1] = r.sw & 0xff;
  return out;
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

export function responseToHex(r: ResponseApdu): string {
  return r.data.length ? `${toHex(r.data, ' ')} ${swHex(r.sw).replace(/^(..)/, '$1 ')}` : swHex(r.sw).replace(/^(..)/, '$1 ');
}
