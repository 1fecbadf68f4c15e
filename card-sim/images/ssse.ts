/**
 * The SSSE of a social security card (社会保障卡文件结构和数据项 V2.0 tables 3–4 and 9, spec-notes
 * sscard.md §2, docs/sscard.md), holding only published or invented test data, for versions 1.0, 2.0
 * and 3.0:
 *   SSSE  DDF "sx1.sh.社会保障" (GBK), app sscard; FCI A5 { 9F0C { 86 algorithm id } } (2.0/3.0)
 *         PIN 00 (3 tries); keys UK 04, PUK 06, IRK 08 (versions 1–3), STK 09, RK 0A, BK 0B, diversified
 *         through three levels from the test roots (src/sscard/keys.ts)
 *   ├─ EF05 SFI 05 发卡机构数据, records 01–07, read free, update UK
 *   ├─ EF06 SFI 06 持卡人基本信息, records 08 09 [4E] 0A 0B 0C 0D, read free (1.0/2.0) or RK (3.0), update UK
 *   ├─ EF07 SFI 07 指纹, transparent 0x300, read RK;  EF08 SFI 08 照片 (2.0/3.0), transparent 0x1000, read RK
 *   ├─ DF01 D15600000500 公共应用信息区: EF05 户籍 (read PIN), EF16 reserved 1 (transparent 0x128, free)
 *   ├─ DF02 D15600000501, DF03 D15600000502
 *   ├─ DF04 D15600000503 社会保险信息区2: EF0C business records (extension EF, update UK1 / MAC)
 *   └─ DF07 D15600000504 人事人才信息区 (2.0/3.0)
 */
import { toHex } from '../../src/bytes/hex.ts';
import { ALGORITHM_ID, type SsAlgorithm } from '../../src/sscard/crypto.ts';
import { citizenIdCheck, cardNumberCheck } from '../../src/sscard/data.ts';
import { KEY_ID, type KeyName, type Level2Factor, cardKey, rootKey } from '../../src/sscard/keys.ts';
import type { SsKeyImage } from '../apps/sscard/keys.ts';
import type { DfImage, EfImage } from '../cos/image.ts';
import { an, bytes, cn, countingPattern, gbkHex, record } from './build.ts';
import { type MedicalTestAccount, withMedical } from './medical.ts';

export const SSSE_NAME = 'sx1.sh.社会保障';
/** Key id of RK SSSE in EXTERNAL AUTHENTICATE (spec-notes sscard.md §3, trace HSMTRACE). */
export const RK_SSSE = KEY_ID.RK;

export interface SsCardData {
  version: '1.0' | '2.0' | '3.0';
  algorithm: SsAlgorithm;
  /** Historical bytes of the card's ATR, hex (level-3 diversification factor: bytes 6–13). */
  historical: string;
  /** 应用城市代码 (GB/T 2260), 6 digits. */
  cityCode: string;
  /** 卡的流水号, 8 hex digits. */
  serial: string;
  issueDate: string;
  expiryDate: string;
  /** The 8 characters of 卡号 before its check character. */
  cardNumberBody: string;
  /** 初始化机构编号, 24 digits. */
  institution: string;
  holder: { idFirst17: string; name: string; nameExtension?: string; sex: '1' | '2' | '9'; ethnicGroup: string; birthPlace: string };
  pin: string;
  /** Root keys by name (hex); default the project's test roots. */
  roots?: Partial<Record<KeyName, string>>;
  /** Medical insurance processing of DF04 (part 6 §6.6): offline has the amount file and EF08 (images/medical.ts). */
  medical?: 'online' | 'offline';
  /** Roots of DSK, DLK, DPK, DTK (hex); default the test roots of src/medical/keys.ts. */
  medicalRoots?: Record<string, string>;
  /** A test card's own amount file and EF08 records (images/medical.ts); default a new account. */
  medicalAccount?: MedicalTestAccount;
  /** The level-2 factor rule its keys were diversified with (src/sscard/keys.ts); default part 9 §7.3.2. */
  level2Factor?: Level2Factor;
}

/** The reference 2.0 card (images/reference.ts); its ATR's historical bytes. */
export const REFERENCE_CARD: SsCardData = {
  version: '2.0',
  algorithm: '3DES',
  historical: '0099261101 0099261122000001',
  cityCode: '110100',
  serial: '00000001',
  issueDate: '20261122',
  expiryDate: '20361122',
  cardNumberBody: 'D2143569', // V2.0 annex A example
  institution: '915600000211000011010002', // V2.0 table 12 example
  holder: { idFirst17: '11010119900307001', name: '张伟', sex: '1', ethnicGroup: '01', birthPlace: '110101' },
  pin: '123456',
  medical: 'offline',
};

function keyImages(card: SsCardData, names: Array<[KeyName, number, number[], number]>): SsKeyImage[] {
  const identity = { cityCode: card.cityCode, historical: bytes(card.historical), level2Factor: card.level2Factor };
  const roots = (card.roots ?? {}) as Record<string, string>;
  return names.flatMap(([name, id, versions, tryLimit]) =>
    versions.map((version) => ({ id, version, name, tryLimit, key: toHex(cardKey(card.algorithm, rootKey(roots, name, version), identity)) })),
  );
}

function application(card: SsCardData, fid: string, aid: string, label: string, children: Array<DfImage | EfImage> = []): DfImage {
  return { kind: 'DF', fid, name: aid, label, children, appData: { keys: keyImages(card, [['UK1', KEY_ID.UK1, [1], 3]]) } };
}

export function ssseImage(card: SsCardData): DfImage {
  const v1 = card.version === '1.0';
  const birth = card.holder.idFirst17.slice(6, 14);
  const ssn = card.holder.idFirst17 + citizenIdCheck(card.holder.idFirst17);
  const ef06: string[] = [
    record(0x08, an(ssn, 18)),
    record(0x09, an(card.holder.name, 30)),
    ...(v1 ? [] : [record(0x4e, an(card.holder.nameExtension ?? '', 20))]),
    record(0x0a, an(card.holder.sex, 1)),
    record(0x0b, cn(card.holder.ethnicGroup, 1)),
    record(0x0c, cn(card.holder.birthPlace, 3)),
    record(0x0d, cn(birth, 4)),
  ];
  return {
    kind: 'DF',
    name: gbkHex(SSSE_NAME),
    label: 'SSSE',
    app: 'sscard',
    // A5 { 9F0C 03 { 86 01 id } }: algorithm identifier (LD/T 33 §10.1); 1.0 cards have none (default DES).
    ...(v1 ? { fciProprietary: '88010B' } : { fciProprietary: `9F0C0386010${ALGORITHM_ID[card.algorithm]}` }),
    pins: [{ ref: 0x00, value: card.pin, tryLimit: 3 }],
    appData: {
      algorithm: card.algorithm,
      keys: keyImages(card, [
        ['UK', KEY_ID.UK, [1], 3],
        ['PUK', KEY_ID.PUK, [1], 3],
        ['IRK', KEY_ID.IRK, [1, 2, 3], 0],
        ['STK', KEY_ID.STK, [1], 0],
        ['RK', KEY_ID.RK, [1], 3],
        ['BK', KEY_ID.BK, [1], 0],
      ]),
    },
    children: [
      {
        kind: 'EF',
        fid: 'EF05',
        sfi: 0x05,
        label: '发卡机构数据',
        structure: 'linear-variable',
        read: 'always',
        update: { key: KEY_ID.UK },
        records: [
          // 卡的识别码: city ‖ RID D156000005 ‖ serial ‖ 认证码 (FFFFFFFF on test cards, trace HSMTRACE).
          record(0x01, bytes(`${card.cityCode} D156000005 ${card.serial} FFFFFFFF`)),
          record(0x02, an('3', 1)), // 卡的类别: 成年人
          record(0x03, an(v1 ? '1.00' : card.version === '2.0' ? '2.00' : '3.00', 4)), // 规范版本
          record(0x04, cn(card.institution, 12)), // 初始化机构编号
          record(0x05, cn(card.issueDate, 4)), // 发卡日期
          record(0x06, cn(card.expiryDate, 4)), // 卡有效期
          record(0x07, an(card.cardNumberBody + cardNumberCheck(card.cardNumberBody), 9)), // 卡号
        ],
      },
      {
        kind: 'EF',
        fid: 'EF06',
        sfi: 0x06,
        label: '持卡人基本信息',
        structure: 'linear-variable',
        // 3.0: EF06 behind RK SSSE (LD/T 33 §10.2).
        read: card.version === '3.0' ? { key: KEY_ID.RK } : 'always',
        update: { key: KEY_ID.UK },
        records: ef06,
      },
      { kind: 'EF', fid: 'EF07', sfi: 0x07, label: '指纹', structure: 'transparent', size: 0x300, read: { key: KEY_ID.RK }, update: { key: KEY_ID.UK } },
      ...(v1
        ? []
        : [
            {
              kind: 'EF',
              fid: 'EF08',
              sfi: 0x08,
              label: '照片',
              structure: 'transparent',
              size: 0x1000,
              read: { key: KEY_ID.RK },
              update: { key: KEY_ID.UK },
            } as EfImage,
          ]),
      application(card, 'DF01', 'D15600000500', '公共应用信息区', [
        {
          kind: 'EF',
          fid: 'EF05',
          sfi: 0x05,
          label: '户籍信息',
          structure: 'linear-variable',
          read: { pin: 0x00 },
          update: { key: KEY_ID.UK1 },
          records: [
            record(0x20, an('10', 2)), // 户口类别
            record(0x21, an('北京市东城区测试路1号', 0x50)), // 户口所在地地址
            record(0x0e, cn(card.holder.birthPlace, 3)), // 户口所在地行政区划代码
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
      ]),
      application(card, 'DF02', 'D15600000501', '就业与失业信息区'),
      application(card, 'DF03', 'D15600000502', '社会保险信息区1'),
      withMedical(
        card,
        application(card, 'DF04', 'D15600000503', '社会保险信息区2', [
          {
            // An extension EF (V2.0 §6: extension EFs from EF0C) holding business records, written with a MAC.
            kind: 'EF',
            fid: 'EF0C',
            sfi: 0x0c,
            label: '业务记录 (test extension EF)',
            structure: 'linear-variable',
            read: 'always',
            update: { key: KEY_ID.UK1 },
            records: [record(0x60, bytes('00'.repeat(16)))],
          },
        ]),
      ),
      ...(v1 ? [] : [application(card, 'DF07', 'D15600000504', '人事人才信息区')]),
    ],
  };
}

/** The SSSE of the reference 2.0 card. */
export function ssse20(): DfImage {
  return ssseImage(REFERENCE_CARD);
}
