/**
 * The social security card's basic ATR: 社会保障卡规范 part 2 §8.2–8.4 (tables 7, 8 and 16) and part 10
 * §5.1.2. Part 2 §9 gives the card T=0 only; table 7 is the ATR of a card without clock stop or class
 * selection, table 8 the one with them (TD1 80, TD2 1F, TA3, TCK).
 */
import { type Atr, parseAtr, t15Byte } from '../iso7816/atr.ts';

const h2 = (v: number) => v.toString(16).toUpperCase().padStart(2, '0');

/** T0 high nibbles of table 7 (no TD1) and of table 8 (TD1 present). */
const T0_TABLE7 = new Set([0x2, 0x3, 0x6, 0x7]);
const T0_TABLE8 = new Set([0x8, 0x9, 0xc, 0xd]);

/** The basic historical bytes T1 … TD (part 2 §8.4 table 16); the PSAM's level-3 factor is bytes 6 to 13 (part 9 §7.3.3). */
export const SSCARD_HISTORICAL_BYTES = 13;

/** What in the interface bytes departs from the basic ATR of part 2 §8.2–8.3; [] when nothing. */
export function sscardInterfaceProblems(raw: Uint8Array, a: Atr = parseAtr(raw)): string[] {
  const out: string[] = [];
  const ib = a.interfaceBytes;
  if (a.ts !== 0x3b) out.push(`TS ${h2(a.ts)}: the card uses the direct convention only, TS 3B (part 2 §8.3.1)`);
  const y1 = (raw[1] as number) >> 4;
  if (!T0_TABLE7.has(y1) && !T0_TABLE8.has(y1))
    out.push(`T0 ${h2(raw[1] as number)}: not one of 2x 3x 6x 7x (table 7) or 8x 9x Cx Dx (table 8) (part 2 §8.3.2 table 9)`);
  const t15 = a.protocols.includes(15);
  if (!t15 && ib.TB1 !== 0x00) out.push(`TB1 ${ib.TB1 === undefined ? 'absent' : h2(ib.TB1)}: without T=15 the card returns TB1 00, no VPP (part 2 §8.3.3.3)`);
  if (t15 && ib.TB1 !== undefined) out.push(`TB1 ${h2(ib.TB1)} with T=15: the card does not return TB1 (part 2 §8.3.3.3)`);
  for (const n of ['TA2', 'TB2', 'TC2'] as const) if (ib[n] !== undefined) out.push(`${n} ${h2(ib[n])}: the basic ATR has no ${n} (part 2 §8.3.3.6–8.3.3.8)`);
  const td1 = ib.TD1;
  if (td1 !== undefined) {
    if (td1 !== 0x80) out.push(`TD1 ${h2(td1)}: the basic ATR's TD1 is 80, TD2 follows and T=0 (part 2 §8.3.3.5, table 8)`);
    if (ib.TD2 !== 0x1f) out.push(`TD2 ${ib.TD2 === undefined ? 'absent' : h2(ib.TD2)}: after TD1 the card returns TD2 1F, TA3 global (part 2 §8.3.3.9)`);
    const ta3 = t15Byte(a, 'TA');
    if (ta3 && (ta3.value >> 6 > 2 || (ta3.value & 0x3f) < 1 || (ta3.value & 0x3f) > 3))
      out.push(`${ta3.name} ${h2(ta3.value)}: XI 0 to 2 in b8-b7, UI 1 to 3 in b6-b1 (part 2 §8.3.3.10, table 8)`);
  }
  const other = a.protocols.filter((p) => p !== 0 && p !== 15);
  if (other.length) out.push(`the ATR offers T=${other.join(', T=')}: the social security card uses T=0 only (part 2 §8.7.2.3, §9)`);
  if (t15 && a.tck === undefined) out.push('T=15 is present but TCK is not (part 2 §8.3.3.11)');
  if (!t15 && a.tck !== undefined && !other.length) out.push(`TCK ${h2(a.tck)} without T=15 (part 2 §8.3.3.11)`);
  return out;
}

/** What in the historical bytes departs from part 2 §8.4 table 16 (and part 10 §5.1.2); [] when nothing. */
export function sscardHistoricalProblems(a: Atr): string[] {
  const h = a.historical;
  if (h.length < SSCARD_HISTORICAL_BYTES)
    return [
      `${h.length} historical bytes: the basic historical bytes are T1 to TD, ${SSCARD_HISTORICAL_BYTES} bytes (part 2 §8.4 table 16), and the PSAM's level-3 factor is bytes 6 to 13 (part 9 §7.3.3)`,
    ];
  // T8–T9: the first 4 digits of the issuing area's code (part 2 table 16) or, by part 10 §5.1.2, the
  // first digits of a date nnmmdd or city code: BCD digits either way.
  const t8t9 = h.subarray(7, 9);
  const bcd = [...t8t9].every((b) => b >> 4 <= 9 && (b & 0x0f) <= 9);
  return bcd
    ? []
    : [
        `T8-T9 ${h2(t8t9[0] as number)}${h2(t8t9[1] as number)}: the card serial begins with 4 BCD digits (area code, part 2 §8.4 table 16; or date or city code, part 10 §5.1.2)`,
      ];
}
