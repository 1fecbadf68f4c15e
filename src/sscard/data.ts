/**
 * Data items of EF05 (card basic information) and EF06 (cardholder basic information) and their
 * checks (社会保障卡文件结构和数据项 V2.0 §7–8, table 9 and annex A; GB 11643 for the citizen id).
 * Every check returns a problem text, or undefined when the value conforms: the scenarios judge real
 * cards with them, so they validate formats and relations, not fixed values.
 */
import { decodeCn } from '../bytes/bcd.ts';
import { toHex } from '../bytes/hex.ts';
import { decodeAn, decodeGbk } from '../bytes/text.ts';
import { type Diagnosis, dx } from '../verdict/messages.ts';

export type Format = 'cn' | 'an' | 'b';

export interface ItemSpec {
  tag: number;
  name: string;
  /** 中文 name as the spec writes it. */
  zh: string;
  format: Format;
  length: number;
  ef: 'EF05' | 'EF06';
  /** Only in these versions (姓名扩展 from 2.0). */
  versions?: ReadonlyArray<'1.0' | '2.0' | '3.0'>;
}

/** V2.0 table 9 (lengths in bytes). 卡的识别码 mixes BCD and the binary 认证码, so its format is b. */
export const ITEMS: readonly ItemSpec[] = [
  { tag: 0x01, name: 'card identifier', zh: '卡的识别码', format: 'b', length: 16, ef: 'EF05' },
  { tag: 0x02, name: 'card type', zh: '卡的类别', format: 'an', length: 1, ef: 'EF05' },
  { tag: 0x03, name: 'specification version', zh: '规范版本', format: 'an', length: 4, ef: 'EF05' },
  { tag: 0x04, name: 'initialising institution number', zh: '初始化机构编号', format: 'cn', length: 12, ef: 'EF05' },
  { tag: 0x05, name: 'issue date', zh: '发卡日期', format: 'cn', length: 4, ef: 'EF05' },
  { tag: 0x06, name: 'expiry date', zh: '卡有效期', format: 'cn', length: 4, ef: 'EF05' },
  { tag: 0x07, name: 'card number', zh: '卡号', format: 'an', length: 9, ef: 'EF05' },
  { tag: 0x08, name: 'social security number', zh: '社会保障号码', format: 'an', length: 18, ef: 'EF06' },
  { tag: 0x09, name: 'name', zh: '姓名', format: 'an', length: 30, ef: 'EF06' },
  { tag: 0x4e, name: 'name extension', zh: '姓名扩展', format: 'an', length: 20, ef: 'EF06', versions: ['2.0', '3.0'] },
  { tag: 0x0a, name: 'sex', zh: '性别', format: 'an', length: 1, ef: 'EF06' },
  { tag: 0x0b, name: 'ethnic group', zh: '民族', format: 'cn', length: 1, ef: 'EF06' },
  { tag: 0x0c, name: 'place of birth', zh: '出生地', format: 'cn', length: 3, ef: 'EF06' },
  { tag: 0x0d, name: 'date of birth', zh: '出生日期', format: 'cn', length: 4, ef: 'EF06' },
];

export function itemSpec(tag: number): ItemSpec | undefined {
  return ITEMS.find((i) => i.tag === tag);
}

/** Record order by number (traces; V2.0 adds 4E as record 3 of EF06). */
export function recordOrder(ef: 'EF05' | 'EF06', version: '1.0' | '2.0' | '3.0'): number[] {
  return ITEMS.filter((i) => i.ef === ef && (!i.versions || i.versions.includes(version))).map((i) => i.tag);
}

/** The value is an unset field: all FF (V2.0 cards leave unknown items so, trace ZJDOC). */
export function unset(value: Uint8Array): boolean {
  return value.length > 0 && value.every((b) => b === 0xff);
}

/** cn: BCD digits, left-aligned, padded with F (V2.0 §7). */
export function checkCn(value: Uint8Array): Diagnosis | undefined {
  try {
    decodeCn(value);
    return undefined;
  } catch {
    return dx('item.notCn', { hex: toHex(value) });
  }
}

/** an: GBK text, left-aligned, padded with 00 (V2.0 §7; real cards also pad with 20 or FF). */
export function checkAn(value: Uint8Array): Diagnosis | undefined {
  let end = value.length;
  while (end > 0 && [0x00, 0x20, 0xff].includes(value[end - 1] as number)) end--;
  const body = value.subarray(0, end);
  if (body.includes(0x00)) return dx('item.anZero', { hex: toHex(value) });
  const text = decodeGbk(body);
  if (text.includes('\ufffd')) return dx('item.notGbk', { hex: toHex(value) });
  return undefined;
}

/** A 4-byte cn date YYYYMMDD that exists in the calendar (GB/T 7408). */
export function checkDate(value: Uint8Array): Diagnosis | undefined {
  const bad = checkCn(value);
  if (bad) return bad;
  const d = decodeCn(value);
  if (d.length !== 8) return dx('item.dateDigits', { hex: toHex(value), n: d.length });
  return validDate(d) ? undefined : dx('item.notCalendarDate', { d });
}

export function validDate(d: string): boolean {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(4, 6));
  const day = Number(d.slice(6, 8));
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** GB 11643-1999: the check character of an 18-character citizen id (ISO 7064 MOD 11-2). */
export function citizenIdCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * (w[i] as number), 0);
  return '10X98765432'[sum % 11] as string;
}

/** 社会保障号码 = the 18-character citizen id number (V2.0 §8.1.2.1): digits, a valid date of birth, the check character. */
export function checkSocialSecurityNumber(id: string): Diagnosis | undefined {
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return dx('item.ssnFormat', { id });
  if (!validDate(id.slice(6, 14))) return dx('item.ssnBirth', { id, date: id.slice(6, 14) });
  const c = citizenIdCheck(id.slice(0, 17));
  return c === id[17] ? undefined : dx('item.ssnCheck', { id, c: id[17] as string, expected: c });
}

/** V2.0 annex A: C9 = 11 − (Σ Ci·Wi mod 11), W = 3 7 9 10 5 8 4 2, letters A=10 …; 10 → X, 11 → 0. */
export function cardNumberCheck(body8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const value = (c: string) => (/[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  const sum = [...body8].reduce((s, c, i) => s + value(c) * (w[i] as number), 0);
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

/** 卡号: 9 characters, upper-case letters and digits, the ninth the check character (V2.0 annex A). */
export function checkCardNumber(no: string): Diagnosis | undefined {
  if (!/^[A-Z0-9]{8}[0-9X]$/.test(no)) return dx('item.cardNoFormat', { no });
  const c = cardNumberCheck(no.slice(0, 8));
  return c === no[8] ? undefined : dx('item.cardNoCheck', { no, c: no[8] as string, expected: c });
}

/** 卡的识别码: city code (3 B BCD) ‖ RID D156000005 ‖ serial (4 B) ‖ 认证码 (4 B) (V2.0 §8.1.1.1). */
export function checkCardIdentifier(v: Uint8Array): Diagnosis | undefined {
  if (v.length !== 16) return dx('item.cardIdLength', { n: v.length });
  const city = toHex(v.subarray(0, 3));
  if (!/^[0-9]{6}$/.test(city)) return dx('item.cardIdCity', { city });
  if (toHex(v.subarray(3, 8)) !== 'D156000005') return dx('item.cardIdRid', { rid: toHex(v.subarray(3, 8)) });
  return undefined;
}

/** 初始化机构编号: 9156000002 ‖ 发卡地区 (6) ‖ 初始化机构地区 (6) ‖ 顺序号 (2) (V2.0 table 12). */
export function checkInstitution(v: Uint8Array): Diagnosis | undefined {
  const bad = checkCn(v);
  if (bad) return bad;
  const d = decodeCn(v);
  if (!d.startsWith('9156000002')) return dx('item.institutionIssuer', { d });
  if (d.length !== 24) return dx('item.institutionDigits', { d, n: d.length });
  return undefined;
}

/** 卡的类别 1–4 (V2.0 table 11). */
export function checkCardType(v: Uint8Array): Diagnosis | undefined {
  const t = decodeAn(v);
  return /^[1-4]$/.test(t) ? undefined : dx('item.cardType', { t });
}

/** 性别 1, 2 or 9 (GB/T 2261.1; V2.0 §8.1.2.3). */
export function checkSex(v: Uint8Array): Diagnosis | undefined {
  const t = decodeAn(v);
  return /^[129]$/.test(t) ? undefined : dx('item.sex', { t });
}

/** 民族: GB 3304 code 01–56 or 99 (V2.0 §8.1.2.4). */
export function checkEthnicGroup(v: Uint8Array): Diagnosis | undefined {
  if (unset(v)) return undefined;
  const bad = checkCn(v);
  if (bad) return bad;
  const n = Number(decodeCn(v));
  return (n >= 1 && n <= 56) || n === 99 ? undefined : dx('item.ethnic', { hex: toHex(v) });
}

/** The check of an item's value by tag, beyond its length. */
export function checkItem(tag: number, v: Uint8Array): Diagnosis | undefined {
  switch (tag) {
    case 0x01:
      return checkCardIdentifier(v);
    case 0x02:
      return checkCardType(v);
    case 0x03:
      return /^[123]\.[0-9]/.test(decodeAn(v)) ? undefined : dx('item.version', { v: decodeAn(v) });
    case 0x04:
      return checkInstitution(v);
    case 0x05:
    case 0x06:
      return checkDate(v);
    case 0x07:
      return checkCardNumber(decodeAn(v));
    case 0x08:
      return checkSocialSecurityNumber(decodeAn(v));
    case 0x09:
    case 0x4e:
      return checkAn(v);
    case 0x0a:
      return checkSex(v);
    case 0x0b:
      return checkEthnicGroup(v);
    case 0x0c:
      return unset(v) ? undefined : checkCn(v);
    case 0x0d:
      return unset(v) ? undefined : checkDate(v);
    default:
      return undefined;
  }
}

/** A record of EF05/EF06 (SIMPLE-TLV, tag = record identifier): tag, length and value format. */
export function checkRecord(expectedTag: number, record: Uint8Array): Diagnosis | undefined {
  const spec = itemSpec(expectedTag);
  if (!spec) return dx('item.noSuchTag', { tag: expectedTag.toString(16) });
  if (record.length < 2) return dx('item.recordShort', { n: record.length });
  if (record[0] !== expectedTag) return dx('item.recordTag', { tag: toHex(record.subarray(0, 1)), expected: toHex(Uint8Array.of(expectedTag)), name: spec.zh });
  const len = record[1] as number;
  if (len !== spec.length) return dx('item.length', { name: spec.zh, n: len, expected: spec.length });
  if (record.length !== 2 + len) return dx('item.recordLength', { n: record.length, len });
  return checkItem(expectedTag, record.subarray(2));
}
