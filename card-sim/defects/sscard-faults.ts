/**
 * Personalisation defects of the SSSE's EF05/EF06 items (社会保障卡规范 V2.0 table 9): the card holds a
 * value other than the spec wants. One table; each row is a wrapper around the SSSE's READ RECORD that
 * changes the item's value in the record read (so that an UPDATE RECORD rewrites it and a read shows the
 * fault again, as a card whose COS keeps the faulty coding would).
 */
import { decodeCn } from '../../src/bytes/bcd.ts';
import { SW } from '../../src/apdu/sw.ts';
import { ssseOf } from '../apps/sscard/keys.ts';
import { type WrapDefect, wrap } from './kinds.ts';

/** The item with tag `tag` as the faulty personalisation codes it; `v` is the value, changed in place. */
export const SS_DATA_FAMILY = [
  { id: 'ss-issue-date-binary', tag: 0x05, length: 4, corrupt: binaryDate }, // 发卡日期 YYYYMMDD in binary (07 EA 0B 16)
  { id: 'ss-ssn-bad-check-digit', tag: 0x08, length: 18, corrupt: (v: Uint8Array) => void (v[17] = v[17] === 0x30 ? 0x31 : 0x30) },
  { id: 'ss-card-number-bad-check', tag: 0x07, length: 9, corrupt: (v: Uint8Array) => void (v[8] = v[8] === 0x30 ? 0x31 : 0x30) },
  { id: 'ss-card-id-wrong-rid', tag: 0x01, corrupt: (v: Uint8Array) => void (v[7] = 0x06) }, // RID D156000006
  { id: 'ss-card-type-out-of-range', tag: 0x02, corrupt: (v: Uint8Array) => void (v[0] = 0x35) }, // "5"
  { id: 'ss-spec-version-binary', tag: 0x03, corrupt: (v: Uint8Array) => v.set([0x02, 0x00, 0x00, 0x00].slice(0, v.length)) },
  { id: 'ss-institution-not-cn', tag: 0x04, corrupt: (v: Uint8Array) => void (v[v.length - 1] = 0xab) },
  // 发卡地区 of 初始化机构编号 (digits 11–12) in another province than 卡的识别码 (table 12).
  { id: 'ss-institution-other-province', tag: 0x04, corrupt: (v: Uint8Array) => void (v[5] = v[5] === 0x11 ? 0x12 : 0x11) },
  { id: 'ss-expiry-month-13', tag: 0x06, corrupt: (v: Uint8Array) => void (v[2] = 0x13) },
  { id: 'ss-name-not-gbk', tag: 0x09, corrupt: (v: Uint8Array) => v.set([0x81, 0x7f]) }, // 81 7F is no GBK character
  { id: 'ss-name-extension-zero-inside', tag: 0x4e, corrupt: (v: Uint8Array) => v.set([0x00, 0x41]) },
  { id: 'ss-sex-code-3', tag: 0x0a, corrupt: (v: Uint8Array) => void (v[0] = 0x33) },
  { id: 'ss-ethnic-code-57', tag: 0x0b, corrupt: (v: Uint8Array) => void (v[0] = 0x57) },
  { id: 'ss-birthplace-not-cn', tag: 0x0c, corrupt: (v: Uint8Array) => void (v[0] = 0xa1) },
  { id: 'ss-birth-date-day-32', tag: 0x0d, corrupt: (v: Uint8Array) => void (v[3] = 0x32) },
] as const satisfies ReadonlyArray<{ id: string; tag: number; length?: number; corrupt(v: Uint8Array): void }>;

export type SsDataDefectId = (typeof SS_DATA_FAMILY)[number]['id'];

function binaryDate(v: Uint8Array): void {
  const d = decodeCn(v);
  v.set([Number(d.slice(0, 4)) >> 8, Number(d.slice(0, 4)) & 0xff, Number(d.slice(4, 6)), Number(d.slice(6, 8))]);
}

/** READ RECORD of an SSSE record EF answers the item `row.tag` as the faulty personalisation holds it. */
export function ssDataFault(id: SsDataDefectId): WrapDefect {
  const row: { tag: number; length?: number; corrupt(v: Uint8Array): void } = SS_DATA_FAMILY.find((r) => r.id === id) as (typeof SS_DATA_FAMILY)[number];
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
