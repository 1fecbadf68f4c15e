/**
 * The SSSE of a 2.0 social security card (社会保障卡文件结构和数据项 V2.0 tables 3–4, spec-notes
 * sscard.md §2), holding only published test data.
 *   SSSE  DDF "sx1.sh.社会保障" (GBK); PIN 00 (test PIN 123456, 3 tries)
 *   ├─ EF05 SFI 05 card basic information, variable records 01–07, read free
 *   ├─ EF06 SFI 06 cardholder basic information, records 08 09 4E 0A 0B 0C 0D, read free (2.0)
 *   ├─ EF07 SFI 07 fingerprint, transparent 0x300, read RK SSSE (key 0A)
 *   ├─ DF01 D15600000500 public information: EF05 户籍 (read PIN), EF16 reserved 1 (transparent 0x128, free)
 *   └─ DF02 D15600000501, DF03 D15600000502, DF04 D15600000503, DF07 D15600000504
 */
import type { DfImage } from '../cos/image.ts';
import { an, bytes, cn, countingPattern, gbkHex, record } from './build.ts';

export const SSSE_NAME = 'sx1.sh.社会保障';
/** Key id of RK SSSE in EXTERNAL AUTHENTICATE (spec-notes sscard.md §3, trace HSMTRACE). */
export const RK_SSSE = 0x0a;

function emptyApplication(fid: string, aid: string, label: string): DfImage {
  return { kind: 'DF', fid, name: aid, label, children: [] };
}

export function ssse20(): DfImage {
  return {
    kind: 'DF',
    name: gbkHex(SSSE_NAME),
    label: 'SSSE',
    // A5 { 9F0C 03 86 01 01 }: algorithm identifier 01 = DES/3DES (spec-notes sscard.md §2.1).
    fciProprietary: '9F0C03860101',
    pins: [{ ref: 0x00, value: '123456', tryLimit: 3 }],
    children: [
      {
        kind: 'EF',
        fid: 'EF05',
        sfi: 0x05,
        label: '发卡机构数据',
        structure: 'linear-variable',
        read: 'always',
        update: { key: 0x04 },
        records: [
          // 卡的识别码: city 110100 ‖ RID D156000005 ‖ serial ‖ 认证码 (FFFFFFFF on test cards).
          record(0x01, bytes('110100 D156000005 00000001 FFFFFFFF')),
          record(0x02, an('3', 1)), // 卡的类别: 成年人
          record(0x03, an('2.00', 4)), // 规范版本
          record(0x04, cn('915600000211000011010002', 12)), // 初始化机构编号 (V2.0 table 12 example)
          record(0x05, cn('20261122', 4)), // 发卡日期
          record(0x06, cn('20361122', 4)), // 卡有效期
          record(0x07, an('D2143569X', 9)), // 卡号 (V2.0 annex A example, check character X)
        ],
      },
      {
        kind: 'EF',
        fid: 'EF06',
        sfi: 0x06,
        label: '持卡人基本信息',
        structure: 'linear-variable',
        read: 'always',
        update: { key: 0x04 },
        records: [
          record(0x08, an('110101199001010011', 18)), // 社会保障号码 (test value)
          record(0x09, an('测试样卡', 30)), // 姓名
          record(0x4e, an('', 20)), // 姓名扩展
          record(0x0a, an('1', 1)), // 性别
          record(0x0b, cn('01', 1)), // 民族
          record(0x0c, cn('110101', 3)), // 出生地
          record(0x0d, cn('19900101', 4)), // 出生日期
        ],
      },
      {
        kind: 'EF',
        fid: 'EF07',
        sfi: 0x07,
        label: '指纹',
        structure: 'transparent',
        size: 0x300,
        read: { key: 0x0a },
        update: { key: 0x04 },
      },
      {
        kind: 'DF',
        fid: 'DF01',
        name: 'D15600000500',
        label: '公共应用信息区',
        children: [
          {
            kind: 'EF',
            fid: 'EF05',
            sfi: 0x05,
            label: '户籍信息',
            structure: 'linear-variable',
            read: { pin: 0x00 },
            update: { key: 0x01 },
            records: [
              record(0x20, an('10', 2)), // 户口类别
              record(0x21, an('北京市东城区测试路1号', 0x50)), // 户口所在地地址
              record(0x0e, cn('110101', 3)), // 户口所在地行政区划代码
            ],
          },
          {
            kind: 'EF',
            fid: 'EF16',
            sfi: 0x16,
            label: '预留信息文件1',
            structure: 'transparent',
            size: 0x128,
            data: countingPattern(0x128),
            read: 'always',
            update: { key: 0x07 },
          },
        ],
      },
      emptyApplication('DF02', 'D15600000501', '就业与失业信息区'),
      emptyApplication('DF03', 'D15600000502', '社会保险信息区1'),
      emptyApplication('DF04', 'D15600000503', '社会保险信息区2'),
      emptyApplication('DF07', 'D15600000504', '人事人才信息区'),
    ],
  };
}
