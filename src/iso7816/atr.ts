/**
 * Answer-to-reset, ISO/IEC 7816-3 §8.2: TS, T0 (Y1 | K), interface bytes TAi TBi TCi TDi, K historical
 * bytes, and TCK when a protocol other than T=0 is offered (§8.2.5: XOR of T0 … TCK is 00).
 */
import { toHex } from '../bytes/hex.ts';

export class AtrError extends Error {
  override name = 'AtrError';
}

export interface Atr {
  ts: number;
  /** Protocols offered by the TDi bytes (T=0 when there is no TD1). */
  protocols: number[];
  /** Interface bytes by name, e.g. { TA1: 0x11, TD1: 0x81 }. */
  interfaceBytes: Record<string, number>;
  historical: Uint8Array;
  tck?: number;
  /** True when TCK is absent and not needed, or present and correct. */
  tckValid: boolean;
}

export function parseAtr(atr: Uint8Array): Atr {
  if (atr.length < 2) throw new AtrError(`ATR of ${atr.length} byte(s) has no T0`);
  const ts = atr[0] as number;
  if (ts !== 0x3b && ts !== 0x3f) throw new AtrError(`TS ${toHex(atr.subarray(0, 1))} is neither 3B (direct) nor 3F (inverse)`);
  const t0 = atr[1] as number;
  const k = t0 & 0x0f;
  let y = t0 >> 4;
  let at = 2;
  let i = 1;
  const interfaceBytes: Record<string, number> = {};
  const protocols: number[] = [];
  for (;;) {
    for (const [bit, name] of [
      [1, 'TA'],
      [2, 'TB'],
      [4, 'TC'],
      [8, 'TD'],
    ] as const) {
      if (y & bit) {
        if (at >= atr.length) throw new AtrError(`ATR ends before ${name}${i}`);
        interfaceBytes[`${name}${i}`] = atr[at++] as number;
      }
    }
    const td = interfaceBytes[`TD${i}`];
    if (!(y & 8) || td === undefined) break;
    protocols.push(td & 0x0f);
    y = td >> 4;
    i++;
  }
  if (!protocols.length) protocols.push(0);
  if (at + k > atr.length) throw new AtrError(`ATR declares ${k} historical bytes, only ${atr.length - at} follow`);
  const historical = atr.slice(at, at + k);
  at += k;
  const needsTck = protocols.some((p) => p !== 0);
  const rest = atr.length - at;
  if (rest > 1 || (rest === 1 && !needsTck))
    throw new AtrError(`${rest} byte(s) after the historical bytes${needsTck ? '' : ' (no TCK expected: only T=0 offered)'}`);
  if (needsTck && rest === 0) throw new AtrError('TCK missing although a protocol other than T=0 is offered');
  const tck = rest === 1 ? (atr[at] as number) : undefined;
  let x = 0;
  for (const b of atr.subarray(1)) x ^= b;
  return { ts, protocols: [...new Set(protocols)], interfaceBytes, historical, ...(tck === undefined ? {} : { tck }), tckValid: tck === undefined || x === 0 };
}
