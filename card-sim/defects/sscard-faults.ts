/**
 * Personalisation defects of the SSSE's EF05/EF06 items (社会保障卡规范 V2.0 table 9): the card holds a
 * value other than the spec wants. One table; each row is a wrapper around the SSSE's READ RECORD that
 * changes the item's value in the record read (so that an UPDATE RECORD rewrites it and a read shows the
 * fault again, as a card whose COS keeps the faulty coding would).
 */
import { decodeCn } from '../../src/bytes/bcd.ts';
import { SW } from '../../src/apdu/sw.ts';
import { ssseOf } from '../apps/sscard/keys.ts';
import type { Defect } from '../../src/defects/defect.ts';
import { type WrapDefect, wrap } from './kinds.ts';

/**
 * The scenarios that read the EF05/EF06 items and judge them (features/sscard records and data, and the
 * terminal's card data): whatever stops the reads (a locked RK SSSE, the wrong keys) breaks them all.
 */
export const SSSE_ITEM_READS = [
  'SSSE_RECORD-01',
  'SSSE_RECORD-02',
  'SSSE_RECORD-03',
  'SSSE_RECORD-04',
  'SSSE_RECORD-05',
  'SSSE_RECORD-06',
  'SSSE_RECORD-07',
  'SSSE_RECORD-08',
  'SSSE_RECORD-09',
  'SSSE_RECORD-4E',
  'SSSE_RECORD-0A',
  'SSSE_RECORD-0B',
  'SSSE_RECORD-0C',
  'SSSE_RECORD-0D',
  'SS-DATA-001',
  'SS-DATA-002',
  'SS-DATA-003',
  'SS-DATA-004',
  'SS-DATA-005',
  'SS-DATA-006',
  'SS-DATA-007',
  'SS-DATA-008',
  'SS-DATA-009',
  'SS-TERM-001',
] as const;

/** The item's own coding check: SSSE_RECORD-<tag> (features/sscard records); a row with `coded: true` breaks no coding, only a cross-check. */
const itemScenario = (tag: number) => `SSSE_RECORD-${tag.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * The item with tag `tag` as the faulty personalisation codes it; `v` is the value, changed in place.
 * mustFail is derived: the item's record scenario (itemScenario) unless the coding is right (`coded`),
 * then `also`, the scenarios that judge the item's meaning or rest on it.
 */
export const SS_DATA_FAMILY = [
  {
    id: 'ss-issue-date-binary',
    tag: 0x05,
    length: 4,
    corrupt: binaryDate, // 发卡日期 YYYYMMDD in binary (07 EA 0B 16)
    title: '发卡日期 is binary, not cn',
    description: 'EF05 record 05 holds YYYY MM DD as binary numbers instead of BCD (V2.0 table 9: cn 4).',
    also: ['SS-DATA-004', 'SS-TERM-001'],
  },
  {
    id: 'ss-ssn-bad-check-digit',
    tag: 0x08,
    length: 18,
    corrupt: (v: Uint8Array) => void (v[17] = v[17] === 0x30 ? 0x31 : 0x30),
    title: '社会保障号码 has a wrong check character',
    description: 'EF06 record 08 holds a citizen id whose GB 11643 check character is wrong (V2.0 §8.1.2.1).',
    also: ['SS-DATA-002', 'SSSE_SAFETY-02', 'SS-TERM-001'],
    // On a 3.0 card EF06 is read behind RK SSSE with SM4 keys named by the FCI: these rest on it too.
    where: { '@sscard:3.0': ['SSSE_SAFETY-03'] },
  },
  {
    id: 'ss-card-number-bad-check',
    tag: 0x07,
    length: 9,
    corrupt: (v: Uint8Array) => void (v[8] = v[8] === 0x30 ? 0x31 : 0x30),
    title: '卡号 has a wrong check character',
    description: 'EF05 record 07 holds a card number whose annex A check character is wrong (V2.0 annex A).',
    also: ['SS-DATA-003', 'SSSE_SAFETY-01', 'SS-TERM-001'],
  },
  {
    id: 'ss-card-id-wrong-rid',
    tag: 0x01,
    corrupt: (v: Uint8Array) => void (v[7] = 0x06), // RID D156000006
    title: '卡的识别码 holds RID D156000006',
    description: 'V2.0 §8.1.1.1: city code ‖ RID D156000005 ‖ serial ‖ 认证码.',
    also: ['SSSE_SAFETY-01', 'LC-LOSS-003'],
  },
  {
    id: 'ss-card-type-out-of-range',
    tag: 0x02,
    corrupt: (v: Uint8Array) => void (v[0] = 0x35), // "5"
    title: '卡的类别 is "5"',
    description: 'V2.0 table 11 gives 1–4.',
    also: ['SSSE_SAFETY-07'],
  },
  {
    id: 'ss-spec-version-binary',
    tag: 0x03,
    corrupt: (v: Uint8Array) => v.set([0x02, 0x00, 0x00, 0x00].slice(0, v.length)),
    title: '规范版本 is binary 02 00 00 00, not the text "2.00"',
    description: 'V2.0 table 9: an 4.',
    also: ['SS-DATA-007', 'SS-TERM-001'],
  },
  {
    id: 'ss-institution-not-cn',
    tag: 0x04,
    corrupt: (v: Uint8Array) => void (v[v.length - 1] = 0xab),
    title: '初始化机构编号 ends in a byte that is not BCD',
    description: 'V2.0 table 9: cn 12.',
    also: ['SS-DATA-001'],
  },
  {
    // 发卡地区 of 初始化机构编号 (digits 11–12) in another province than 卡的识别码 (table 12).
    id: 'ss-institution-other-province',
    tag: 0x04,
    corrupt: (v: Uint8Array) => void (v[5] = v[5] === 0x11 ? 0x12 : 0x11),
    title: '初始化机构编号 names another province than 卡的识别码',
    description: 'The issuing area of table 12 and the city code of the card identifier disagree (V2.0 §8.1.1.1, table 12).',
    coded: true,
    also: ['SS-DATA-001'],
  },
  {
    id: 'ss-expiry-month-13',
    tag: 0x06,
    corrupt: (v: Uint8Array) => void (v[2] = 0x13),
    title: '卡有效期 has month 13',
    description: 'V2.0 table 9: cn 4, a calendar date YYYYMMDD.',
    also: ['SS-DATA-004', 'SS-TERM-001'],
  },
  {
    id: 'ss-name-not-gbk',
    tag: 0x09,
    corrupt: (v: Uint8Array) => v.set([0x81, 0x7f]), // 81 7F is no GBK character
    title: '姓名 starts with 81 7F, which is no GBK character',
    description: 'V2.0 table 9: an 30, GBK text.',
    also: ['SS-DATA-008'],
  },
  {
    id: 'ss-name-extension-zero-inside',
    tag: 0x4e,
    corrupt: (v: Uint8Array) => v.set([0x00, 0x41]),
    title: '姓名扩展 has 00 before its text',
    description: 'an is left-aligned and padded with 00 on the right (V2.0 §7).',
    also: ['SS-DATA-008'],
    ics: ['@sscard:2.0', '@sscard:3.0'], // 姓名扩展 exists from 2.0 on
  },
  {
    id: 'ss-sex-code-3',
    tag: 0x0a,
    corrupt: (v: Uint8Array) => void (v[0] = 0x33),
    title: '性别 is "3"',
    description: 'GB/T 2261.1 codes 1, 2, 9 (V2.0 §8.1.2.3).',
    also: ['SS-DATA-006'],
  },
  {
    id: 'ss-ethnic-code-57',
    tag: 0x0b,
    corrupt: (v: Uint8Array) => void (v[0] = 0x57),
    title: '民族 is 57',
    description: 'GB 3304 codes 01–56 and 99 (V2.0 §8.1.2.4).',
    also: [],
  },
  {
    id: 'ss-birthplace-not-cn',
    tag: 0x0c,
    corrupt: (v: Uint8Array) => void (v[0] = 0xa1),
    title: '出生地 holds a byte that is not BCD',
    description: 'V2.0 table 9: cn 3.',
    also: [],
  },
  {
    id: 'ss-birth-date-day-32',
    tag: 0x0d,
    corrupt: (v: Uint8Array) => void (v[3] = 0x32),
    title: '出生日期 has day 32',
    description: 'V2.0 table 9: cn 4 date; GB 11643 §4: the date in 社会保障号码.',
    also: ['SS-DATA-005'],
  },
] as const satisfies ReadonlyArray<SsDataRow>;

interface SsDataRow {
  id: string;
  tag: number;
  length?: number;
  corrupt(v: Uint8Array): void;
  title: string;
  description: string;
  /** The coding is right: the item's record scenario passes; only `also` fails. */
  coded?: boolean;
  also: readonly string[];
  where?: Readonly<Record<string, readonly string[]>>;
  ics?: readonly string[];
}

export type SsDataDefectId = (typeof SS_DATA_FAMILY)[number]['id'];

/** The family's catalogue entries, mustFail derived from each row. */
export const SS_DATA_DEFECTS: ReadonlyArray<Defect & { id: SsDataDefectId }> = SS_DATA_FAMILY.map((r: SsDataRow & { id: SsDataDefectId }) => ({
  id: r.id,
  area: 'sscard',
  title: r.title,
  description: r.description,
  mustFail: [...(r.coded ? [] : [itemScenario(r.tag)]), ...r.also],
  ...(r.where ? { mustFailWhere: Object.fromEntries(Object.entries(r.where).map(([tag, ids]) => [tag, [...ids]])) } : {}),
  ...(r.ics ? { ics: [...r.ics] } : {}),
}));

export const SS_DATA_IMPLEMENTATIONS = Object.fromEntries(SS_DATA_FAMILY.map((r) => [r.id, ssDataFault(r.id)])) as Record<SsDataDefectId, WrapDefect>;

function binaryDate(v: Uint8Array): void {
  const d = decodeCn(v);
  v.set([Number(d.slice(0, 4)) >> 8, Number(d.slice(0, 4)) & 0xff, Number(d.slice(4, 6)), Number(d.slice(6, 8))]);
}

/** READ RECORD of an SSSE record EF answers the item `row.tag` as the faulty personalisation holds it. */
export function ssDataFault(id: SsDataDefectId): WrapDefect {
  const row: SsDataRow = SS_DATA_FAMILY.find((r) => r.id === id) as SsDataRow;
  return wrap('sscard', 0xb2, (spec) => (cmd, card) => {
    const r = spec(cmd, card);
    const ef = card.currentEf;
    if (!r.data || r.sw !== SW.NO_ERROR || !ef || ef.parent !== ssseOf(card.currentDf) || ef.structure === 'transparent') return r;
    const out = r.data.slice();
    // The record's items: tag, length, value (part 5 §5.3).
    for (let at = 0; at + 2 <= out.length; at += 2 + (out[at + 1] as number)) {
      const v = out.subarray(at + 2, at + 2 + (out[at + 1] as number));
      if (out[at] === row.tag && (row.length === undefined || v.length === row.length)) row.corrupt(v);
    }
    return { ...r, data: out };
  });
}
