/**
 * The social security card's basic ATR: 社会保障卡规范 part 2 §8.2–8.4 (tables 7, 8 and 16) and part 10
 * §5.1.2. Part 2 §9 gives the card T=0 only; table 7 is the ATR of a card without clock stop or class
 * selection, table 8 the one with them (TD1 80, TD2 1F, TA3, TCK).
 */
import { type Atr, parseAtr, t15Byte } from '../iso7816/atr.ts';
import { type Diagnosis, dx } from '../verdict/messages.ts';

const h2 = (v: number) => v.toString(16).toUpperCase().padStart(2, '0');

/** T0 high nibbles of table 7 (no TD1) and of table 8 (TD1 present). */
const T0_TABLE7 = new Set([0x2, 0x3, 0x6, 0x7]);
const T0_TABLE8 = new Set([0x8, 0x9, 0xc, 0xd]);

/** The basic historical bytes T1 … TD (part 2 §8.4 table 16); the PSAM's level-3 factor is bytes 6 to 13 (part 9 §7.3.3). */
export const SSCARD_HISTORICAL_BYTES = 13;

/** What in the interface bytes departs from the basic ATR of part 2 §8.2–8.3; [] when nothing. */
export function sscardInterfaceProblems(raw: Uint8Array, a: Atr = parseAtr(raw)): Diagnosis[] {
  const out: Diagnosis[] = [];
  const ib = a.interfaceBytes;
  if (a.ts !== 0x3b) out.push(dx('ssatr.ts', { ts: h2(a.ts) }));
  const y1 = (raw[1] as number) >> 4;
  if (!T0_TABLE7.has(y1) && !T0_TABLE8.has(y1)) out.push(dx('ssatr.t0', { t0: h2(raw[1] as number) }));
  const t15 = a.protocols.includes(15);
  if (!t15 && ib.TB1 !== 0x00) out.push(dx('ssatr.tb1', { tb1: ib.TB1 === undefined ? dx('absent') : h2(ib.TB1) }));
  if (t15 && ib.TB1 !== undefined) out.push(dx('ssatr.tb1T15', { tb1: h2(ib.TB1) }));
  for (const n of ['TA2', 'TB2', 'TC2'] as const) if (ib[n] !== undefined) out.push(dx('ssatr.noSecond', { name: n, v: h2(ib[n]) }));
  const td1 = ib.TD1;
  if (td1 !== undefined) {
    if (td1 !== 0x80) out.push(dx('ssatr.td1', { td1: h2(td1) }));
    if (ib.TD2 !== 0x1f) out.push(dx('ssatr.td2', { td2: ib.TD2 === undefined ? dx('absent') : h2(ib.TD2) }));
    const ta3 = t15Byte(a, 'TA');
    if (ta3 && (ta3.value >> 6 > 2 || (ta3.value & 0x3f) < 1 || (ta3.value & 0x3f) > 3)) out.push(dx('ssatr.ta3', { name: ta3.name, v: h2(ta3.value) }));
  }
  const other = a.protocols.filter((p) => p !== 0 && p !== 15);
  if (other.length) out.push(dx('ssatr.otherProtocols', { protocols: other.map((p) => `T=${p}`).join(', ') }));
  if (t15 && a.tck === undefined) out.push(dx('ssatr.t15NoTck'));
  if (!t15 && a.tck !== undefined && !other.length) out.push(dx('ssatr.tckNoT15', { tck: h2(a.tck) }));
  return out;
}

/** What in the historical bytes departs from part 2 §8.4 table 16 (and part 10 §5.1.2); [] when nothing. */
export function sscardHistoricalProblems(a: Atr): Diagnosis[] {
  const h = a.historical;
  if (h.length < SSCARD_HISTORICAL_BYTES) return [dx('ssatr.historicalLength', { n: h.length, expected: SSCARD_HISTORICAL_BYTES })];
  // T8–T9: the first 4 digits of the issuing area's code (part 2 table 16) or, by part 10 §5.1.2, the
  // first digits of a date nnmmdd or city code: BCD digits either way.
  const t8t9 = h.subarray(7, 9);
  const bcd = [...t8t9].every((b) => b >> 4 <= 9 && (b & 0x0f) <= 9);
  return bcd ? [] : [dx('ssatr.serialBcd', { v: `${h2(t8t9[0] as number)}${h2(t8t9[1] as number)}` })];
}
