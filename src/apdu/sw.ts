/**
 * Status words, ISO/IEC 7816-4 §5.6 (tables 5–6), with the additions of 社会保障卡规范 part 5
 * (table 5 and the command tables) and JR/T 0025.5. Each has an English and a Chinese text.
 */
import { swHex } from './response.ts';

export const SW = {
  NO_ERROR: 0x9000,
  WARNING_END_OF_FILE: 0x6282,
  WARNING_SELECTED_FILE_INVALIDATED: 0x6283,
  MEMORY_FAILURE: 0x6581,
  WRONG_LENGTH: 0x6700,
  LOGICAL_CHANNEL_NOT_SUPPORTED: 0x6881,
  SECURE_MESSAGING_NOT_SUPPORTED: 0x6882,
  COMMAND_INCOMPATIBLE_WITH_FILE_STRUCTURE: 0x6981,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTHENTICATION_METHOD_BLOCKED: 0x6983,
  REFERENCE_DATA_NOT_USABLE: 0x6984,
  CONDITIONS_OF_USE_NOT_SATISFIED: 0x6985,
  COMMAND_NOT_ALLOWED_NO_CURRENT_EF: 0x6986,
  SM_DATA_OBJECTS_MISSING: 0x6987,
  SM_DATA_OBJECTS_INCORRECT: 0x6988,
  INCORRECT_DATA: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_NOT_FOUND: 0x6a82,
  RECORD_NOT_FOUND: 0x6a83,
  NOT_ENOUGH_MEMORY: 0x6a84,
  LC_INCONSISTENT_WITH_TLV: 0x6a85,
  INCORRECT_P1P2: 0x6a86,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  WRONG_P1P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
  MAC_INVALID: 0x9302,
  APPLICATION_PERMANENTLY_LOCKED: 0x9303,
  INSUFFICIENT_FUNDS: 0x9401,
  KEY_INDEX_NOT_SUPPORTED: 0x9403,
  /** 社会保障卡规范 part 5 table 5 (medical purchase and load): command not accepted (invalid state). */
  INVALID_STATE: 0x6901,
  TRANSACTION_COUNTER_MAX: 0x9402,
  REQUIRED_MAC_NOT_AVAILABLE: 0x9406,
  /** 63C0: verification failed, no try left (the counter of 63Cx is 0). */
  VERIFICATION_FAILED_NO_TRIES: 0x63c0,
} as const;

/** SW1 values that qualify the SW2 that follows (ISO/IEC 7816-4 §5.6 table 5). */
export const SW1 = {
  /** 61xx: SW2 more response bytes (GET RESPONSE). */
  MORE_DATA: 0x61,
  /** 62xx: warning, non-volatile memory unchanged. */
  WARNING_UNCHANGED: 0x62,
  /** 63xx: warning, non-volatile memory changed (63Cx: counter x). */
  WARNING_CHANGED: 0x63,
  /** 6Cxx: wrong Le, SW2 the exact length. */
  WRONG_LE: 0x6c,
} as const;

export const sw1Of = (sw: number): number => sw >> 8;

/** 63Cx: verification failed, x tries left (ISO/IEC 7816-4 §5.6, part 5 §6.14); undefined for another status word. */
export function triesLeft(sw: number): number | undefined {
  return (sw & 0xfff0) === SW.VERIFICATION_FAILED_NO_TRIES ? sw & 0x0f : undefined;
}

/** The status word 63Cx for x tries left. */
export const verificationFailed = (tries: number): number => SW.VERIFICATION_FAILED_NO_TRIES | (tries & 0x0f);

/** The status word 6Cxx for the exact length xx. */
export const wrongLe = (exact: number): number => (SW1.WRONG_LE << 8) | (exact & 0xff);

/** The status word at the end of a response written in hex ("… 90 00", "6A82"): the last four hex digits. */
export function swOfHex(response: string): number | undefined {
  const h = response.replace(/\s/g, '');
  return /^(?:[0-9a-f]{2})*[0-9a-f]{4}$/i.test(h) ? parseInt(h.slice(-4), 16) : undefined;
}

/** 9000 or a warning 61xx, 62xx, 63xx: not a refusal (ISO/IEC 7816-4 §5.6). */
export function notRefused(sw: number): boolean {
  const sw1 = sw1Of(sw);
  return sw === SW.NO_ERROR || sw1 === SW1.MORE_DATA || sw1 === SW1.WARNING_UNCHANGED || sw1 === SW1.WARNING_CHANGED;
}

export interface SwMeaning {
  en: string;
  zh: string;
  /** True for 9000 and the 61xx/62xx/63xx processing warnings that still complete the command. */
  success: boolean;
}

const TABLE: Record<number, [string, string]> = {
  0x9000: ['normal processing', '正常处理'],
  0x6282: ['end of file or record reached before reading Ne bytes', '读到的数据少于 Ne (文件或记录结束)'],
  0x6283: ['selected file invalidated', '选择的文件已失效'],
  0x6581: ['memory failure', '内存失败'],
  0x6700: ['wrong length', '长度错误'],
  0x6881: ['logical channel not supported', '不支持逻辑信道'],
  0x6882: ['secure messaging not supported', '不支持安全报文'],
  0x6901: ['command not accepted (invalid state)', '命令不接受 (无效状态)'],
  0x6981: ['command incompatible with file structure', '命令与文件结构不相容'],
  0x6982: ['security status not satisfied', '不满足安全状态'],
  0x6983: ['authentication method blocked', '认证方法锁定'],
  0x6984: ['reference data not usable', '引用数据无效'],
  0x6985: ['conditions of use not satisfied', '使用条件不满足'],
  0x6986: ['command not allowed (no current EF)', '不允许的命令 (无当前 EF)'],
  0x6987: ['expected secure messaging data objects missing', '安全报文数据项丢失'],
  0x6988: ['secure messaging data objects incorrect', '安全报文数据项不正确'],
  0x6a80: ['incorrect parameters in the data field', '数据域参数不正确'],
  0x6a81: ['function not supported', '功能不支持'],
  0x6a82: ['file or application not found', '未找到文件或应用'],
  0x6a83: ['record not found', '未找到记录'],
  0x6a84: ['not enough memory space in the file', '文件中存储空间不够'],
  0x6a85: ['Lc inconsistent with TLV structure', 'Lc 与 TLV 结构不一致'],
  0x6a86: ['incorrect parameters P1-P2', '参数 P1 P2 不正确'],
  0x6a88: ['referenced data not found', '未找到引用数据'],
  0x6b00: ['wrong parameters P1-P2 (offset outside the EF)', '参数错误 (偏移量超出 EF)'],
  0x6d00: ['instruction code not supported or invalid', '不支持的指令代码'],
  0x6e00: ['class not supported', '不支持的类'],
  0x6f00: ['no precise diagnosis', '无精确诊断'],
  0x9302: ['MAC invalid', 'MAC 无效'],
  0x9303: ['application permanently locked', '应用永久锁定'],
  0x9401: ['insufficient funds', '金额不足'],
  0x9402: ['transaction counter reached its maximum', '交易计数器达到最大值'],
  0x9403: ['key index not supported', '密钥索引不支持'],
  0x9406: ['required MAC not available', '所需 MAC 不可用'],
};

export function describeSw(sw: number): SwMeaning {
  const known = TABLE[sw];
  if (known) return { en: known[0], zh: known[1], success: sw === 0x9000 || sw >> 8 === 0x62 };
  const sw1 = sw >> 8;
  const sw2 = sw & 0xff;
  if (sw1 === 0x61) return { en: `${sw2 || 256} more response bytes available (GET RESPONSE)`, zh: `还有 ${sw2 || 256} 字节响应数据 (取响应)`, success: true };
  if (sw1 === 0x6c) return { en: `wrong Le: exact length is ${sw2 || 256}`, zh: `Le 错误: 实际长度为 ${sw2 || 256}`, success: false };
  if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) {
    return { en: `verification failed, ${sw2 & 0x0f} tries left`, zh: `认证失败, 还可再试 ${sw2 & 0x0f} 次`, success: false };
  }
  if (sw1 === 0x62) return { en: 'warning: state of non-volatile memory unchanged', zh: '警告: 非易失内存状态未改变', success: true };
  if (sw1 === 0x63) return { en: 'warning: state of non-volatile memory changed', zh: '警告: 非易失内存状态已改变', success: false };
  return { en: `unknown status word ${swHex(sw)}`, zh: `未知状态字 ${swHex(sw)}`, success: false };
}
