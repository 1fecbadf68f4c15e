/**
 * Answer-to-reset, ISO/IEC 7816-3 §8.2: TS, T0 (Y1 | K), interface bytes TAi TBi TCi TDi, K historical
 * bytes, and TCK when a protocol other than T=0 is offered (§8.2.5: XOR of T0 … TCK is 00).
 */
import { toHex } from '../bytes/hex.ts';
import { type Diagnosis, dx, renderDiagnosis } from '../verdict/messages.ts';

/** An ATR whose structure cannot be read (§8.2): its diagnosis, the English text as the message. */
export class AtrError extends Error {
  override name = 'AtrError';
  readonly diagnosis: Diagnosis;
  constructor(d: Diagnosis) {
    super(renderDiagnosis(d, 'en'));
    this.diagnosis = d;
  }
}

export interface Atr {
  ts: number;
  /** T0's low nibble: the number of historical bytes. */
  k: number;
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
  if (atr.length < 2) throw new AtrError(dx('atrs.noT0', { n: atr.length }));
  const ts = atr[0] as number;
  if (ts !== 0x3b && ts !== 0x3f) throw new AtrError(dx('atrs.ts', { ts: toHex(atr.subarray(0, 1)) }));
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
        if (at >= atr.length) throw new AtrError(dx('atrs.endsBefore', { byte: `${name}${i}` }));
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
  if (at + k > atr.length) throw new AtrError(dx('atrs.historical', { k, n: atr.length - at }));
  const historical = atr.slice(at, at + k);
  at += k;
  const needsTck = protocols.some((p) => p !== 0);
  const rest = atr.length - at;
  if (rest > 1 || (rest === 1 && !needsTck)) throw new AtrError(dx(needsTck ? 'atrs.trailing' : 'atrs.trailingT0', { n: rest }));
  if (needsTck && rest === 0) throw new AtrError(dx('atrs.noTck'));
  const tck = rest === 1 ? (atr[at] as number) : undefined;
  let x = 0;
  for (const b of atr.subarray(1)) x ^= b;
  return {
    ts,
    k,
    protocols: [...new Set(protocols)],
    interfaceBytes,
    historical,
    ...(tck === undefined ? {} : { tck }),
    tckValid: tck === undefined || x === 0,
  };
}

// ---- Consistency (ISO/IEC 7816-3:2006 §8.2–8.3, §10.2, §11.4) --------------------------------------

/** Fi by FI (ISO/IEC 7816-3 §8.3 table 7); undefined = RFU. */
export const FI_TABLE: readonly (number | undefined)[] = [
  372,
  372,
  558,
  744,
  1116,
  1488,
  1860,
  undefined,
  undefined,
  512,
  768,
  1024,
  1536,
  2048,
  undefined,
  undefined,
];
/** Di by DI (ISO/IEC 7816-3 §8.3 table 8); undefined = RFU. */
export const DI_TABLE: readonly (number | undefined)[] = [
  undefined,
  1,
  2,
  4,
  8,
  16,
  32,
  64,
  12,
  20,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
];
/** Class indicator UI values ISO/IEC 7816-3 §8.3 table 10 defines (A, B, C and their combinations). */
const CLASS_INDICATORS = new Set([0x01, 0x02, 0x04, 0x03, 0x06, 0x07]);

/** The protocols the TD bytes offer, T=15 (global bytes, not a protocol) left out. */
export function offeredProtocols(a: Atr): number[] {
  return a.protocols.filter((p) => p !== 15);
}

/**
 * The protocol whose specific bytes TAi/TBi/TCi are (i ≥ 3: the T of TD(i-1); TC2 belongs to T=0 when
 * TD1 offers it, §10.2), or 'global' (TA1 TB1 TC1 TA2 TB2, and the bytes after T=15, §8.3).
 */
function ownerOf(a: Atr, i: number): number | 'global' {
  if (i === 1) return 'global';
  const t = (a.interfaceBytes[`TD${i - 1}`] as number) & 0x0f;
  return t === 15 ? 'global' : t;
}

/** The first TA/TB/TC specific to protocol t, and its name (ISO/IEC 7816-3 §8.2.3: the first after a TD offering t). */
export function specificByte(a: Atr, kind: 'TA' | 'TB' | 'TC', t: number): { name: string; value: number } | undefined {
  for (let i = 2; a.interfaceBytes[`TD${i - 1}`] !== undefined; i++) {
    // TA2 TB2 are global; TC2 is T=0's (§10.2); from i = 3 on, the bytes are TD(i-1)'s protocol's.
    if (i === 2 && !(t === 0 && kind === 'TC')) continue;
    if (ownerOf(a, i) !== t) continue;
    const value = a.interfaceBytes[`${kind}${i}`];
    if (value !== undefined) return { name: `${kind}${i}`, value };
  }
  return undefined;
}

/** The first global byte after the first T=15 (TAi: clock stop XI and class UI; TBi: SPU), §8.3. */
export function t15Byte(a: Atr, kind: 'TA' | 'TB'): { name: string; value: number } | undefined {
  for (let i = 2; a.interfaceBytes[`TD${i - 1}`] !== undefined; i++) {
    if (((a.interfaceBytes[`TD${i - 1}`] as number) & 0x0f) !== 15) continue;
    const value = a.interfaceBytes[`${kind}${i}`];
    return value === undefined ? undefined : { name: `${kind}${i}`, value };
  }
  return undefined;
}

const h2 = (v: number) => v.toString(16).toUpperCase().padStart(2, '0');

/** Which requirement an ATR problem breaks: the length and TCK (§8.2.1, §8.2.5), the global bytes (§8.3), the TD sequence (§8.2.3), the protocol specific bytes (§10.2, §11.4). */
export type AtrPart = 'frame' | 'global' | 'sequence' | 'specific';

export interface AtrProblem {
  part: AtrPart;
  problem: Diagnosis;
}

/**
 * What in a parsed ATR breaks ISO/IEC 7816-3, each with its clause; [] when nothing. Structure (TS, the
 * counts, TCK) is parseAtr's; this judges the values and their order.
 */
export function atrProblems(raw: Uint8Array, a: Atr = parseAtr(raw)): AtrProblem[] {
  const problems: AtrProblem[] = [];
  let part: AtrPart = 'frame';
  const out = { push: (problem: Diagnosis) => problems.push({ part, problem }) };
  if (raw.length > 33) out.push(dx('atr.length', { n: raw.length }));
  if (!a.tckValid) out.push(dx('atr.tckXor', { tck: h2(a.tck ?? 0) }));
  part = 'global';
  const ta1 = a.interfaceBytes.TA1;
  if (ta1 !== undefined) {
    if (FI_TABLE[ta1 >> 4] === undefined) out.push(dx('atr.fiRfu', { ta1: h2(ta1), fi: (ta1 >> 4).toString(2).padStart(4, '0') }));
    if (DI_TABLE[ta1 & 0x0f] === undefined) out.push(dx('atr.diRfu', { ta1: h2(ta1), di: (ta1 & 0x0f).toString(2).padStart(4, '0') }));
  }
  // The TD sequence: T=15 never in TD1; the types in ascending order, T=0 first, T=15 last (§8.2.3).
  part = 'sequence';
  const types: number[] = [];
  for (let i = 1; a.interfaceBytes[`TD${i}`] !== undefined; i++) types.push((a.interfaceBytes[`TD${i}`] as number) & 0x0f);
  if (types[0] === 15) out.push(dx('atr.td1T15'));
  for (let j = 1; j < types.length; j++) {
    if ((types[j] as number) < (types[j - 1] as number)) out.push(dx('atr.tdOrder', { j: j + 1, t: types[j] as number, prev: types[j - 1] as number, i: j }));
  }
  part = 'global';
  const offered = offeredProtocols(a);
  const ta2 = a.interfaceBytes.TA2;
  if (ta2 !== undefined) {
    // Specific mode (§8.3, §6.3.1): b4..b1 the protocol the card then uses; b7 b6 RFU.
    if (!offered.includes(ta2 & 0x0f)) out.push(dx('atr.ta2NotOffered', { ta2: h2(ta2), t: ta2 & 0x0f, offered: offered.map((p) => `T=${p}`).join(', ') }));
    if (ta2 & 0x60) out.push(dx('atr.ta2Rfu', { ta2: h2(ta2) }));
  }
  part = 'specific';
  const tc2 = a.interfaceBytes.TC2;
  if (tc2 === 0 && ownerOf(a, 2) === 0) out.push(dx('atr.wi0'));
  if (offered.includes(1)) {
    const ifsc = specificByte(a, 'TA', 1);
    if (ifsc && (ifsc.value === 0 || ifsc.value === 0xff)) out.push(dx('atr.ifsc', { name: ifsc.name, v: h2(ifsc.value) }));
    const bw = specificByte(a, 'TB', 1);
    if (bw && bw.value >> 4 > 9) out.push(dx('atr.bwi', { name: bw.name, v: h2(bw.value), bwi: bw.value >> 4 }));
    const edc = specificByte(a, 'TC', 1);
    if (edc && edc.value & 0xfe) out.push(dx('atr.edc', { name: edc.name, v: h2(edc.value) }));
  }
  part = 'global';
  const xu = t15Byte(a, 'TA');
  if (xu && !CLASS_INDICATORS.has(xu.value & 0x3f))
    out.push(dx('atr.classRfu', { name: xu.name, v: h2(xu.value), ui: (xu.value & 0x3f).toString(2).padStart(6, '0') }));
  return problems;
}

/** T=1 parameters an ATR gives (ISO/IEC 7816-3 §11.4), with the defaults where it is silent. */
export interface T1Parameters {
  /** IFSC, the card's information field size (default 32). */
  ifsc: number;
  /** BWI and CWI (defaults 4 and 13). */
  bwi: number;
  cwi: number;
  edc: 'LRC' | 'CRC';
  /** Fi and Di (TA1; defaults 372 and 1). */
  fi: number;
  di: number;
}

export function t1Parameters(a: Atr): T1Parameters {
  const ta1 = a.interfaceBytes.TA1;
  const fi = ta1 === undefined ? 372 : (FI_TABLE[ta1 >> 4] ?? 372);
  const di = ta1 === undefined ? 1 : (DI_TABLE[ta1 & 0x0f] ?? 1);
  const bw = specificByte(a, 'TB', 1)?.value;
  return {
    ifsc: specificByte(a, 'TA', 1)?.value ?? 32,
    bwi: bw === undefined ? 4 : bw >> 4,
    cwi: bw === undefined ? 13 : bw & 0x0f,
    edc: (specificByte(a, 'TC', 1)?.value ?? 0) & 1 ? 'CRC' : 'LRC',
    fi,
    di,
  };
}

/** An interface character group: TAi TBi TCi TDi as given (TDi's high nibble is computed). */
export interface AtrGroup {
  ta?: number;
  tb?: number;
  tc?: number;
  /** The protocol type T that TDi indicates; absent in the last group. */
  t?: number;
}

/** An ATR from its parts (TS 3B), with T0, the TD high nibbles and TCK computed (§8.2; TCK iff a type other than T=0 is indicated). */
export function buildAtr(groups: readonly AtrGroup[], historical: Uint8Array, ts = 0x3b): Uint8Array {
  const y = (g: AtrGroup | undefined) =>
    g ? (g.ta !== undefined ? 1 : 0) | (g.tb !== undefined ? 2 : 0) | (g.tc !== undefined ? 4 : 0) | (g.t !== undefined ? 8 : 0) : 0;
  const out = [ts, (y(groups[0]) << 4) | (historical.length & 0x0f)];
  groups.forEach((g, i) => {
    for (const v of [g.ta, g.tb, g.tc]) if (v !== undefined) out.push(v);
    if (g.t !== undefined) out.push((y(groups[i + 1]) << 4) | g.t);
  });
  out.push(...historical);
  if (groups.some((g) => g.t !== undefined && g.t !== 0)) out.push(out.slice(1).reduce((x, b) => x ^ b, 0));
  return Uint8Array.from(out);
}

/** The groups of a parsed ATR, for buildAtr. */
export function atrGroups(a: Atr): AtrGroup[] {
  const groups: AtrGroup[] = [];
  for (let i = 1; ; i++) {
    const g: AtrGroup = {};
    const [ta, tb, tc, td] = ['TA', 'TB', 'TC', 'TD'].map((n) => a.interfaceBytes[`${n}${i}`]);
    if (ta !== undefined) g.ta = ta;
    if (tb !== undefined) g.tb = tb;
    if (tc !== undefined) g.tc = tc;
    if (td !== undefined) g.t = td & 0x0f;
    groups.push(g);
    if (td === undefined) return groups;
  }
}
