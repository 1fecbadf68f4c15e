/**
 * A trace a card engineer reads (issue 20 item 4): every data element of an APDU named from the
 * dictionary (src/tlv/dictionary.ts), and TVR, TSI, AIP, CID, IAD with its CVR and the terminal
 * capabilities decoded bit by bit, one table per concept. The DOL data of GET PROCESSING OPTIONS and
 * GENERATE AC is split by the PDOL, CDOL1 and CDOL2 the card gave earlier in the same case.
 */
import { fromHex, toHex } from '../bytes/hex.ts';
import { TSI, TVR, type Bit } from '../pboc/tvr.ts';
import { type Tlv, parseTlv } from '../tlv/ber.ts';
import { type DataElement, dataElement, ssseItem } from '../tlv/dictionary.ts';
import { parseDol, splitDolData } from '../tlv/dol.ts';
import type { DecodedApdu } from './decode.ts';

export interface Bilingual {
  en: string;
  zh: string;
}

export interface Element {
  tag: string;
  /** Nesting depth in rem, for the page. */
  indent: number;
  name?: Bilingual;
  format?: string;
  /** Hex of a primitive value. */
  value?: string;
  /** The bits that are set, named (and, for coded fields, their value). */
  bits?: Bilingual[];
}

export type TracedApdu = DecodedApdu & { commandElements?: Element[]; elements?: Element[] };

type BitTable = ReadonlyArray<readonly [Bit, string, string]>;

/** TVR, EMV Book 3 Annex C5 (the bits of src/pboc/tvr.ts). */
const TVR_NAMES: Record<keyof typeof TVR, readonly [string, string]> = {
  ODA_NOT_PERFORMED: ['Offline data authentication was not performed', '未进行脱机数据认证'],
  SDA_FAILED: ['SDA failed', 'SDA 失败'],
  ICC_DATA_MISSING: ['ICC data missing', 'IC 卡数据缺失'],
  CARD_ON_EXCEPTION_FILE: ['Card appears on terminal exception file', '卡片出现在终端异常文件中'],
  DDA_FAILED: ['DDA failed', 'DDA 失败'],
  CDA_FAILED: ['CDA failed', 'CDA 失败'],
  DIFFERENT_APP_VERSIONS: ['ICC and terminal have different application versions', 'IC 卡和终端应用版本不同'],
  EXPIRED_APPLICATION: ['Expired application', '应用已过期'],
  APPLICATION_NOT_YET_EFFECTIVE: ['Application not yet effective', '应用尚未生效'],
  SERVICE_NOT_ALLOWED: ['Requested service not allowed for card product', '卡片产品不允许所请求的服务'],
  NEW_CARD: ['New card', '新卡'],
  CVM_NOT_SUCCESSFUL: ['Cardholder verification was not successful', '持卡人验证失败'],
  UNRECOGNISED_CVM: ['Unrecognised CVM', '未知的持卡人验证方法'],
  PIN_TRY_LIMIT_EXCEEDED: ['PIN try limit exceeded', '超过个人密码尝试次数'],
  PIN_PAD_NOT_PRESENT: ['PIN entry required and PIN pad not present or not working', '要求输入密码, 但密码键盘不存在或不工作'],
  PIN_NOT_ENTERED: ['PIN entry required, PIN pad present, but PIN was not entered', '要求输入密码, 密码键盘存在, 但未输入密码'],
  ONLINE_PIN_ENTERED: ['Online PIN entered', '输入联机密码'],
  FLOOR_LIMIT_EXCEEDED: ['Transaction exceeds floor limit', '交易超过最低限额'],
  LOWER_CONSECUTIVE_OFFLINE_LIMIT_EXCEEDED: ['Lower consecutive offline limit exceeded', '超过连续脱机交易下限'],
  UPPER_CONSECUTIVE_OFFLINE_LIMIT_EXCEEDED: ['Upper consecutive offline limit exceeded', '超过连续脱机交易上限'],
  RANDOMLY_SELECTED_ONLINE: ['Transaction selected randomly for online processing', '交易被随机选择联机处理'],
  MERCHANT_FORCED_ONLINE: ['Merchant forced transaction online', '商户要求联机交易'],
  DEFAULT_TDOL_USED: ['Default TDOL used', '使用缺省 TDOL'],
  ISSUER_AUTHENTICATION_FAILED: ['Issuer authentication failed', '发卡行认证失败'],
  SCRIPT_FAILED_BEFORE_FINAL_GAC: ['Script processing failed before final GENERATE AC', '最后一次 GENERATE AC 之前脚本处理失败'],
  SCRIPT_FAILED_AFTER_FINAL_GAC: ['Script processing failed after final GENERATE AC', '最后一次 GENERATE AC 之后脚本处理失败'],
};

/** TSI, EMV Book 3 Annex C6. */
const TSI_NAMES: Record<keyof typeof TSI, readonly [string, string]> = {
  ODA_PERFORMED: ['Offline data authentication was performed', '已进行脱机数据认证'],
  CARDHOLDER_VERIFICATION_PERFORMED: ['Cardholder verification was performed', '已进行持卡人验证'],
  CARD_RISK_MANAGEMENT_PERFORMED: ['Card risk management was performed', '已进行卡片风险管理'],
  ISSUER_AUTHENTICATION_PERFORMED: ['Issuer authentication was performed', '已进行发卡行认证'],
  TERMINAL_RISK_MANAGEMENT_PERFORMED: ['Terminal risk management was performed', '已进行终端风险管理'],
  SCRIPT_PROCESSING_PERFORMED: ['Script processing was performed', '已进行脚本处理'],
};

const named = <K extends string>(bits: Record<K, Bit>, names: Record<K, readonly [string, string]>): BitTable =>
  (Object.keys(bits) as K[]).map((k) => [bits[k], names[k][0], names[k][1]] as const);

export const BIT_TABLES: Readonly<Record<string, { en: string; zh: string; bits: BitTable }>> = {
  '95': { en: 'TVR', zh: '终端验证结果', bits: named(TVR, TVR_NAMES) },
  '9B': { en: 'TSI', zh: '交易状态信息', bits: named(TSI, TSI_NAMES) },
  // AIP, EMV Book 3 Annex C1 (JR/T 0025.5 table 29).
  '82': {
    en: 'AIP',
    zh: '应用交互特征',
    bits: [
      [[0, 0x40], 'SDA supported', '支持 SDA'],
      [[0, 0x20], 'DDA supported', '支持 DDA'],
      [[0, 0x10], 'Cardholder verification is supported', '支持持卡人验证'],
      [[0, 0x08], 'Terminal risk management is to be performed', '执行终端风险管理'],
      [[0, 0x04], 'Issuer authentication is supported', '支持发卡行认证'],
      [[0, 0x01], 'CDA supported', '支持 CDA'],
    ],
  },
  // Terminal capabilities, EMV Book 4 Annex A2.
  '9F33': {
    en: 'Terminal capabilities',
    zh: '终端性能',
    bits: [
      [[0, 0x80], 'Manual key entry', '手工键盘输入'],
      [[0, 0x40], 'Magnetic stripe', '磁条'],
      [[0, 0x20], 'IC with contacts', '接触式 IC 卡'],
      [[1, 0x80], 'Plaintext PIN for ICC verification', 'IC 卡明文密码验证'],
      [[1, 0x40], 'Enciphered PIN for online verification', '联机加密密码验证'],
      [[1, 0x20], 'Signature (paper)', '签名 (纸)'],
      [[1, 0x10], 'Enciphered PIN for offline verification', '脱机加密密码验证'],
      [[1, 0x08], 'No CVM required', '无需持卡人验证'],
      [[2, 0x80], 'SDA', 'SDA'],
      [[2, 0x40], 'DDA', 'DDA'],
      [[2, 0x20], 'Card capture', '吞卡'],
      [[2, 0x08], 'CDA', 'CDA'],
    ],
  },
};

/** The Chinese name of a TVR or TSI bit as scenarios write it ("DDA failed"), from the tables above. */
export function bitNameZh(table: 'TVR' | 'TSI', words: string): string | undefined {
  const key = words
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_');
  const names: Record<string, readonly [string, string]> = table === 'TVR' ? TVR_NAMES : TSI_NAMES;
  return Object.hasOwn(names, key) ? names[key]?.[1] : undefined;
}

/** The bits set in `value` of a bit table. */
export function setBits(tag: string, value: Uint8Array): Bilingual[] {
  const table = BIT_TABLES[tag];
  if (!table) return [];
  return table.bits.filter(([[i, m]]) => ((value[i] ?? 0) & m) !== 0).map(([, en, zh]) => ({ en, zh }));
}

/** CID 9F27, EMV Book 3 Annex C (JR/T 0025.5 table 31): cryptogram type, advice, reason. */
export function decodeCid(value: Uint8Array): Bilingual[] {
  const b = value[0] ?? 0;
  const type = (['AAC', 'TC', 'ARQC', 'RFU'] as const)[b >> 6] as string;
  const typeZh: Record<string, string> = { AAC: 'AAC (拒绝)', TC: 'TC (批准)', ARQC: 'ARQC (请求联机)', RFU: 'RFU (保留)' };
  const out: Bilingual[] = [{ en: `cryptogram type: ${type}`, zh: `密文类型: ${typeZh[type]}` }];
  if (b & 0x08) out.push({ en: 'advice required', zh: '需要通知' });
  const reason = b & 0x07;
  const reasons: Array<[string, string]> = [
    ['no information given', '无信息'],
    ['service not allowed', '服务不允许'],
    ['PIN try limit exceeded', '超过个人密码尝试次数'],
    ['issuer authentication failed', '发卡行认证失败'],
  ];
  const r = reasons[reason];
  out.push(r ? { en: `reason: ${r[0]}`, zh: `原因: ${r[1]}` } : { en: `reason: RFU (${reason})`, zh: `原因: 保留 (${reason})` });
  return out;
}

/** CVR bytes 2–4 (after its length 03), JR/T 0025.5 Annex A.1. */
export function decodeCvr(cvr: Uint8Array): Bilingual[] {
  const [b2 = 0, b3 = 0, b4 = 0] = cvr;
  const out: Bilingual[] = [];
  const second = [
    ['AAC', 'AAC'],
    ['TC', 'TC'],
    ['not requested', '未请求'],
    ['RFU', '保留'],
  ][b2 >> 6] as [string, string];
  const first = [
    ['AAC', 'AAC'],
    ['TC', 'TC'],
    ['ARQC', 'ARQC'],
    ['RFU', '保留'],
  ][(b2 >> 4) & 3] as [string, string];
  out.push({ en: `AC returned in the second GENERATE AC: ${second[0]}`, zh: `第二次 GENERATE AC 返回的密文: ${second[1]}` });
  out.push({ en: `AC returned in the first GENERATE AC: ${first[0]}`, zh: `第一次 GENERATE AC 返回的密文: ${first[1]}` });
  const flags: Array<[number, number, string, string]> = [
    [b2, 0x08, 'Issuer authentication performed and failed', '发卡行认证已执行但失败'],
    [b2, 0x04, 'Offline PIN verification performed', '已执行脱机密码验证'],
    [b2, 0x02, 'Offline PIN verification failed', '脱机密码验证失败'],
    [b2, 0x01, 'Unable to go online', '不能联机'],
    [b3, 0x80, 'Last online transaction not completed', '上次联机交易未完成'],
    [b3, 0x40, 'PIN try limit exceeded', '超过个人密码尝试次数'],
    [b3, 0x20, 'Exceeded velocity checking counters', '超过频度检查计数器'],
    [b3, 0x10, 'New card', '新卡'],
    [b3, 0x08, 'Issuer authentication failure on last online transaction', '上次联机交易发卡行认证失败'],
    [b3, 0x04, 'Issuer authentication not performed after online authorisation', '联机授权后未执行发卡行认证'],
    [b3, 0x02, 'Application blocked because PIN try limit exceeded', '因超过密码尝试次数应用被锁定'],
    [
      b3,
      0x01,
      'Offline static data authentication failed on last transaction and transaction declined offline',
      '上次交易脱机静态数据认证失败且交易被脱机拒绝',
    ],
    [b4, 0x08, 'Issuer script processing failed', '发卡行脚本处理失败'],
    [
      b4,
      0x04,
      'Offline dynamic data authentication failed on last transaction and transaction declined offline',
      '上次交易脱机动态数据认证失败且交易被脱机拒绝',
    ],
    [b4, 0x02, 'Offline dynamic data authentication performed', '已执行脱机动态数据认证'],
  ];
  for (const [byte, mask, en, zh] of flags) if (byte & mask) out.push({ en, zh });
  if (b4 >> 4) out.push({ en: `Number of issuer script commands: ${b4 >> 4}`, zh: `发卡行脚本命令个数: ${b4 >> 4}` });
  return out;
}

/** IAD 9F10 of a PBOC card (JR/T 0025.5 Annex A.1, JR/T 0025.17): length, DKI, CVN, CVR, algorithm. */
export function decodeIad(iad: Uint8Array): Bilingual[] {
  if (iad.length < 7 || iad[3] !== 0x03) return [{ en: 'not the PBOC layout (length, DKI, CVN, CVR)', zh: '不是 PBOC 格式 (长度, DKI, CVN, CVR)' }];
  const hex = (b: number | undefined) => (b ?? 0).toString(16).toUpperCase().padStart(2, '0');
  const out: Bilingual[] = [
    {
      en: `length ${hex(iad[0])}, derivation key index (DKI) ${hex(iad[1])}, cryptogram version number (CVN) ${hex(iad[2])}`,
      zh: `长度 ${hex(iad[0])}, 密钥分散索引 (DKI) ${hex(iad[1])}, 密文版本号 (CVN) ${hex(iad[2])}`,
    },
    { en: `CVR ${toHex(iad.subarray(3, 7))}:`, zh: `卡片验证结果 (CVR) ${toHex(iad.subarray(3, 7))}:` },
    ...decodeCvr(iad.subarray(4, 7)).map((b) => ({ en: `  ${b.en}`, zh: `  ${b.zh}` })),
  ];
  if (iad.length > 7) {
    const alg = iad[7] === 0x04 ? ['SM4', 'SM4'] : iad[7] === 0x01 ? ['3DES', '3DES'] : [`${hex(iad[7])} (unknown)`, `${hex(iad[7])} (未知)`];
    out.push({ en: `algorithm identifier ${hex(iad[7])}: ${alg[0]}`, zh: `算法标识 ${hex(iad[7])}: ${alg[1]}` });
  }
  return out;
}

/** AFL 94: per 4 bytes the SFI, first and last record, and how many records take part in ODA (EMV Book 3 §10.2). */
export function decodeAfl(value: Uint8Array): Bilingual[] {
  const out: Bilingual[] = [];
  for (let i = 0; i + 4 <= value.length; i += 4) {
    const sfi = (value[i] ?? 0) >> 3;
    const [first, last, oda] = [value[i + 1], value[i + 2], value[i + 3]];
    out.push({
      en: `AFL: SFI ${sfi}, records ${first}–${last}, ${oda} for offline data authentication`,
      zh: `AFL: 短文件标识符 ${sfi}, 记录 ${first}–${last}, 其中 ${oda} 个用于脱机数据认证`,
    });
  }
  return out;
}

function bitsOf(tag: string, value: Uint8Array): Bilingual[] | undefined {
  if (tag === '9F27') return decodeCid(value);
  if (tag === '9F10') return decodeIad(value);
  if (tag === '9F0C') return decodeSsseFci(value);
  if (tag === '94') return decodeAfl(value);
  // GET PROCESSING OPTIONS format 1: AIP (2 bytes) then the AFL (JR/T 0025.5 §6.5.8).
  if (tag === '80' && value.length >= 2 && (value.length - 2) % 4 === 0) {
    return [
      { en: `AIP ${toHex(value.subarray(0, 2))}:`, zh: `应用交互特征 (AIP) ${toHex(value.subarray(0, 2))}:` },
      ...setBits('82', value.subarray(0, 2)).map((b) => ({ en: `  ${b.en}`, zh: `  ${b.zh}` })),
      ...decodeAfl(value.subarray(2)),
    ];
  }
  const b = setBits(tag, value);
  if (BIT_TABLES[tag]) return b.length ? b : [{ en: 'no bit set', zh: '无置位' }];
  return undefined;
}

function element(tag: string, depth: number, value: Uint8Array | undefined, known: DataElement | undefined): Element {
  const bits = value ? bitsOf(tag, value) : undefined;
  return {
    tag,
    indent: depth,
    ...(known ? { name: { en: known.en, zh: known.zh }, format: known.format } : {}),
    ...(value ? { value: toHex(value) } : {}),
    ...(bits ? { bits } : {}),
  };
}

function flatten(list: Tlv[], depth = 0): Element[] {
  return list.flatMap((t) =>
    t.children
      ? [element(t.tag, depth, undefined, dataElement(t.tag)), ...flatten(t.children, depth + 1)]
      : [element(t.tag, depth, t.value, dataElement(t.tag))],
  );
}

/** The SSSE's FCI data 9F0C { 86 algorithm identifier } (LD/T 33 §10.1): 9F0C is primitive, so its content is read here. */
function decodeSsseFci(value: Uint8Array): Bilingual[] | undefined {
  try {
    const alg = parseTlv(value).find((t) => t.tag === '86');
    return alg ? [{ en: `86 algorithm identifier: ${toHex(alg.value)}`, zh: `86 算法标识: ${toHex(alg.value)}` }] : undefined;
  } catch {
    return undefined;
  }
}

const compact = (h: string) => h.replace(/\s+/g, '');

/** Decodes a case's APDUs in order, remembering the DOLs the card gave (9F38, 8C, 8D). */
export class TraceReader {
  private readonly dols = new Map<string, Uint8Array>();
  private gacs = 0;

  read(a: DecodedApdu): TracedApdu {
    const out: TracedApdu = { ...a };
    const cmd = compact(a.command);
    const response = compact(a.response);
    const data = response.length >= 4 ? response.slice(0, -4) : '';
    if (/^([0-9A-F]{2})+$/i.test(data) && data.length >= 4) {
      const elements = this.responseElements(cmd, fromHex(data));
      if (elements?.length) out.elements = elements;
    }
    const commandElements = this.commandElements(cmd);
    if (commandElements?.length) out.commandElements = commandElements;
    return out;
  }

  private responseElements(cmd: string, data: Uint8Array): Element[] | undefined {
    // READ RECORD in the SSSE of EF05/EF06 (SFI in P2 b8–b4): a simple-TLV data item of table 9.
    if (/^00B2/i.test(cmd) && cmd.length >= 8) {
      const sfi = parseInt(cmd.slice(6, 8), 16) >> 3;
      const item = ssseItem(data[0] ?? 0);
      if ((sfi === 5 || sfi === 6) && item && data.length === 2 + (data[1] ?? 0)) return [element(item.tag, 0, data.subarray(2), item)];
    }
    // READ BINARY returns a file's bytes, not data objects.
    if (/^00B0/i.test(cmd)) return undefined;
    let list: Tlv[];
    try {
      list = parseTlv(data, { skipPadding: false });
    } catch {
      return undefined;
    }
    // Data that happens to parse as BER-TLV is not taken for data objects: every top-level tag is a known one.
    if (!list.length || list.reduce((n, t) => n + t.length, 0) !== data.length || list.some((t) => !dataElement(t.tag))) return undefined;
    this.remember(list);
    return flatten(list);
  }

  private remember(list: Tlv[]): void {
    for (const t of list) {
      if (t.children) this.remember(t.children);
      else if (t.tag === '9F38' || t.tag === '8C' || t.tag === '8D') this.dols.set(t.tag, t.value);
    }
  }

  /** The DOL data of GET PROCESSING OPTIONS (83 template, PDOL) and GENERATE AC (CDOL1, then CDOL2). */
  private commandElements(cmd: string): Element[] | undefined {
    if (cmd.length < 10 || !/^([0-9A-F]{2})+$/i.test(cmd)) return undefined;
    const bytes = fromHex(cmd);
    const ins = bytes[1];
    const lc = bytes[4] ?? 0;
    const data = bytes.subarray(5, 5 + lc);
    if (data.length !== lc) return undefined;
    let dol: Uint8Array | undefined;
    let values = data;
    if ((bytes[0] ?? 0) >> 4 === 8 && ins === 0xa8 && data[0] === 0x83) {
      dol = this.dols.get('9F38');
      values = data.subarray(2);
    } else if ((bytes[0] ?? 0) >> 4 === 8 && ins === 0xae) {
      dol = this.dols.get(this.gacs++ === 0 ? '8C' : '8D');
    }
    if (!dol || !values.length) return undefined;
    try {
      const entries = parseDol(dol);
      const split = splitDolData(entries, values);
      return entries.map((e) => element(e.tag, 0, split[e.tag], dataElement(e.tag)));
    } catch {
      return undefined;
    }
  }
}

/** The APDUs of one case, each with its data elements named and decoded. */
export function readTrace(apdus: DecodedApdu[]): TracedApdu[] {
  const reader = new TraceReader();
  return apdus.map((a) => reader.read(a));
}
