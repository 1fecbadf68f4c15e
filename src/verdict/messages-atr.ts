/**
 * The findings of the answer-to-reset and T=1 checks (issue 20 item 3): ISO/IEC 7816-3 §8 (src/iso7816/atr.ts
 * parseAtr, atrProblems), the social security card's basic ATR (src/sscard/atr.ts, 社会保障卡规范 part 2
 * §8.2–8.4) and the T=1 blocks (src/iso7816/t1.ts describeBlock, decodeBlock). en and zh-CN, as messages.ts.
 */
export const ATR_MESSAGES = {
  // The structure (parseAtr, AtrError).
  'atrs.noT0': { en: 'ATR of {n} byte(s) has no T0', zh: '{n} 字节的 ATR 中没有 T0' },
  'atrs.ts': { en: 'TS {ts} is neither 3B (direct) nor 3F (inverse)', zh: 'TS {ts} 既不是 3B (正向约定) 也不是 3F (反向约定)' },
  'atrs.endsBefore': { en: 'ATR ends before {byte}', zh: 'ATR 在 {byte} 之前结束' },
  'atrs.historical': { en: 'ATR declares {k} historical bytes, only {n} follow', zh: 'ATR 声明 {k} 个历史字节, 其后只有 {n} 个' },
  'atrs.trailing': { en: '{n} byte(s) after the historical bytes', zh: '历史字节之后还有 {n} 字节' },
  'atrs.trailingT0': {
    en: '{n} byte(s) after the historical bytes (no TCK expected: only T=0 offered)',
    zh: '历史字节之后还有 {n} 字节 (只提供 T=0, 不应有 TCK)',
  },
  'atrs.noTck': { en: 'TCK missing although a protocol other than T=0 is offered', zh: '提供了 T=0 以外的协议, 却没有 TCK' },
  // The values (atrProblems, ISO/IEC 7816-3).
  'atr.length': { en: 'ATR of {n} bytes: at most 32 characters follow TS (§8.2.1)', zh: 'ATR 长 {n} 字节: TS 之后至多 32 个字符 (§8.2.1)' },
  'atr.tckXor': { en: 'TCK {tck} does not make the XOR of T0 to TCK 00 (§8.2.5)', zh: 'TCK {tck} 未使 T0 到 TCK 的异或为 00 (§8.2.5)' },
  'atr.fiRfu': { en: 'TA1 {ta1}: FI {fi} is RFU (§8.3 table 7)', zh: 'TA1 {ta1}: FI {fi} 为保留值 (RFU) (§8.3 表 7)' },
  'atr.diRfu': { en: 'TA1 {ta1}: DI {di} is RFU (§8.3 table 8)', zh: 'TA1 {ta1}: DI {di} 为保留值 (RFU) (§8.3 表 8)' },
  'atr.td1T15': { en: 'TD1 indicates T=15, which is invalid in TD1 (§8.2.3)', zh: 'TD1 指明 T=15, 而 TD1 中不得出现 T=15 (§8.2.3)' },
  'atr.tdOrder': {
    en: 'TD{j} indicates T={t} after T={prev} in TD{i}: the types must be in ascending order (§8.2.3)',
    zh: 'TD{j} 指明 T={t}, 在 TD{i} 的 T={prev} 之后: 协议类型必须升序排列 (§8.2.3)',
  },
  'atr.ta2NotOffered': {
    en: 'TA2 {ta2} names T={t} for the specific mode, which no TD offers (offered: {offered}) (§8.3)',
    zh: 'TA2 {ta2} 为专用模式指明 T={t}, 但没有 TD 提供该协议 (提供的是: {offered}) (§8.3)',
  },
  'atr.ta2Rfu': { en: 'TA2 {ta2}: bits 7 and 6 are RFU and must be 0 (§8.3)', zh: 'TA2 {ta2}: 第 7 和第 6 位为保留位 (RFU), 必须为 0 (§8.3)' },
  'atr.wi0': { en: 'TC2 00: WI = 0 is RFU (§10.2)', zh: 'TC2 00: WI = 0 为保留值 (RFU) (§10.2)' },
  'atr.ifsc': { en: '{name} {v}: IFSC 00 and FF are RFU (§11.4.2)', zh: '{name} {v}: IFSC 00 和 FF 为保留值 (RFU) (§11.4.2)' },
  'atr.bwi': { en: '{name} {v}: BWI {bwi} is RFU (only 0 to 9, §11.4.3)', zh: '{name} {v}: BWI {bwi} 为保留值 (RFU) (只允许 0 到 9, §11.4.3)' },
  'atr.edc': { en: '{name} {v}: bits 8 to 2 are RFU and must be 0 (§11.4.4)', zh: '{name} {v}: 第 8 到第 2 位为保留位 (RFU), 必须为 0 (§11.4.4)' },
  'atr.classRfu': {
    en: '{name} {v}: class indicator UI {ui} is RFU (§8.3 table 10)',
    zh: '{name} {v}: 类别指示 UI {ui} 为保留值 (RFU) (§8.3 表 10)',
  },
  'atrw.global': { en: 'global interface bytes (§8.3)', zh: '全局接口字节 (§8.3)' },
  'atrw.sequence': { en: 'TD sequence (§8.2.3)', zh: 'TD 序列 (§8.2.3)' },
  'atrw.specific': { en: 'protocol specific bytes (§10.2, §11.4)', zh: '协议专用字节 (§10.2, §11.4)' },
  'atrw.basic': { en: 'not the basic ATR (社会保障卡规范 part 2 §8.2-8.3)', zh: '不是基本 ATR (社会保障卡规范第 2 部分 §8.2-8.3)' },
  'atrw.historical': { en: 'historical bytes', zh: '历史字节' },
  'atr.problems': { en: 'ATR {atr}: {what}: {problems}', zh: 'ATR {atr} 的{what}有误: {problems}' },
  'atr.notParsed': { en: 'ATR {atr}: {detail}', zh: 'ATR {atr} 格式错误: {detail}' },
  // The social security card's basic ATR (src/sscard/atr.ts, 社会保障卡规范 part 2).
  'ssatr.ts': { en: 'TS {ts}: the card uses the direct convention only, TS 3B (part 2 §8.3.1)', zh: 'TS {ts}: 卡只使用正向约定, TS 为 3B (第 2 部分 §8.3.1)' },
  'ssatr.t0': {
    en: 'T0 {t0}: not one of 2x 3x 6x 7x (table 7) or 8x 9x Cx Dx (table 8) (part 2 §8.3.2 table 9)',
    zh: 'T0 {t0}: 高半字节不是 2、3、6、7 (表 7) 或 8、9、C、D (表 8) 之一 (第 2 部分 §8.3.2 表 9)',
  },
  'ssatr.tb1': {
    en: 'TB1 {tb1}: without T=15 the card returns TB1 00, no VPP (part 2 §8.3.3.3)',
    zh: 'TB1 {tb1}: 没有 T=15 时卡返回 TB1 00, 不使用 VPP (第 2 部分 §8.3.3.3)',
  },
  'ssatr.tb1T15': {
    en: 'TB1 {tb1} with T=15: the card does not return TB1 (part 2 §8.3.3.3)',
    zh: 'TB1 {tb1} 与 T=15 同在: 此时卡不返回 TB1 (第 2 部分 §8.3.3.3)',
  },
  'ssatr.noSecond': {
    en: '{name} {v}: the basic ATR has no {name} (part 2 §8.3.3.6–8.3.3.8)',
    zh: '{name} {v}: 基本 ATR 中没有 {name} (第 2 部分 §8.3.3.6–8.3.3.8)',
  },
  'ssatr.td1': {
    en: "TD1 {td1}: the basic ATR's TD1 is 80, TD2 follows and T=0 (part 2 §8.3.3.5, table 8)",
    zh: 'TD1 {td1}: 基本 ATR 的 TD1 为 80, 即其后有 TD2 且为 T=0 (第 2 部分 §8.3.3.5, 表 8)',
  },
  'ssatr.td2': {
    en: 'TD2 {td2}: after TD1 the card returns TD2 1F, TA3 global (part 2 §8.3.3.9)',
    zh: 'TD2 {td2}: TD1 之后卡返回 TD2 1F, 其后为全局的 TA3 (第 2 部分 §8.3.3.9)',
  },
  'ssatr.ta3': {
    en: '{name} {v}: XI 0 to 2 in b8-b7, UI 1 to 3 in b6-b1 (part 2 §8.3.3.10, table 8)',
    zh: '{name} {v}: b8-b7 的 XI 应为 0 到 2, b6-b1 的 UI 应为 1 到 3 (第 2 部分 §8.3.3.10, 表 8)',
  },
  'ssatr.otherProtocols': {
    en: 'the ATR offers {protocols}: the social security card uses T=0 only (part 2 §8.7.2.3, §9)',
    zh: 'ATR 提供了 {protocols}: 社会保障卡只使用 T=0 (第 2 部分 §8.7.2.3, §9)',
  },
  'ssatr.t15NoTck': { en: 'T=15 is present but TCK is not (part 2 §8.3.3.11)', zh: '有 T=15 却没有 TCK (第 2 部分 §8.3.3.11)' },
  'ssatr.tckNoT15': { en: 'TCK {tck} without T=15 (part 2 §8.3.3.11)', zh: '没有 T=15 却有 TCK {tck} (第 2 部分 §8.3.3.11)' },
  'ssatr.historicalLength': {
    en: "{n} historical bytes: the basic historical bytes are T1 to TD, {expected} bytes (part 2 §8.4 table 16), and the PSAM's level-3 factor is bytes 6 to 13 (part 9 §7.3.3)",
    zh: '历史字节 {n} 个: 基本历史字节为 T1 到 TD, 共 {expected} 字节 (第 2 部分 §8.4 表 16), PSAM 的三级分散因子为第 6 到 13 字节 (第 9 部分 §7.3.3)',
  },
  'ssatr.serialBcd': {
    en: 'T8-T9 {v}: the card serial begins with 4 BCD digits (area code, part 2 §8.4 table 16; or date or city code, part 10 §5.1.2)',
    zh: 'T8-T9 {v}: 卡序列号以 4 位 BCD 数字开头 (地区代码, 第 2 部分 §8.4 表 16; 或日期、城市代码, 第 10 部分 §5.1.2)',
  },
  // BER-TLV, SIMPLE-TLV and DOLs (src/tlv, ISO/IEC 7816-4 §5.2, EMV Book 3 annex B).
  'tlv.atOffset': { en: '{problem} at offset {offset}', zh: '偏移量 {offset} 处: {problem}' },
  'tlv.tooDeep': { en: 'nesting deeper than allowed', zh: '嵌套层数超出允许范围' },
  'tlv.tagTruncated': { en: 'tag truncated', zh: '标签不完整' },
  'tlv.tagTooLong': { en: 'tag longer than 4 bytes', zh: '标签长于 4 字节' },
  'tlv.lengthMissing': { en: 'length of tag {tag} missing', zh: '标签 {tag} 缺少长度' },
  'tlv.indefinite': { en: 'indefinite length of tag {tag} not allowed', zh: '标签 {tag} 不允许使用不定长度' },
  'tlv.lengthBytes': { en: 'length of tag {tag} uses {n} bytes (at most 3)', zh: '标签 {tag} 的长度占 {n} 字节 (至多 3 字节)' },
  'tlv.lengthTruncated': { en: 'length of tag {tag} truncated', zh: '标签 {tag} 的长度不完整' },
  'tlv.valueShort': { en: 'value of tag {tag} claims {len} bytes, only {left} left', zh: '标签 {tag} 的值声称 {len} 字节, 只剩 {left} 字节' },
  'tlv.dolNoLength': { en: 'DOL entry without a length', zh: 'DOL 条目没有长度' },
  'tlv.dolData': { en: 'DOL data of {length} bytes; the DOL lists {listed}', zh: 'DOL 数据长 {length} 字节; DOL 列出的是 {listed} 字节' },
  'tlv.simpleTag': { en: 'invalid SIMPLE-TLV tag {tag}', zh: 'SIMPLE-TLV 标签 {tag} 无效' },
  'tlv.simpleLengthMissing': { en: 'SIMPLE-TLV length missing', zh: 'SIMPLE-TLV 缺少长度' },
  'tlv.simpleLengthTruncated': { en: 'SIMPLE-TLV length truncated', zh: 'SIMPLE-TLV 长度不完整' },
  'tlv.simpleValueShort': { en: 'SIMPLE-TLV value claims {len} bytes, only {left} left', zh: 'SIMPLE-TLV 的值声称 {len} 字节, 只剩 {left} 字节' },
  // T=1 blocks (src/iso7816/t1.ts, ISO/IEC 7816-3 §11).
  't1b.i': { en: 'I({ns}{more}) {n} byte(s)', zh: 'I 块({ns}{more}) {n} 字节' },
  't1b.r': { en: 'R({nr}){error}', zh: 'R 块({nr}){error}' },
  't1b.rError': { en: ' error {e}', zh: ' 错误 {e}' },
  't1b.s': { en: 'S({type} {dir}{inf})', zh: 'S 块({type} {dir}{inf})' },
  't1b.sType': { en: 'type {t}', zh: '类型 {t}' },
  't1b.request': { en: 'request', zh: '请求' },
  't1b.response': { en: 'response', zh: '响应' },
  't1b.short': { en: '{n} byte(s): a block has at least NAD PCB LEN and the EDC', zh: '{n} 字节: 一个块至少有 NAD PCB LEN 和 EDC' },
  't1b.lenFF': { en: 'LEN FF is RFU (§11.3.2.3)', zh: 'LEN FF 为保留值 (RFU) (§11.3.2.3)' },
  't1b.len': { en: 'LEN {len} but {n} INF byte(s) came', zh: 'LEN 为 {len}, 但收到 {n} 个 INF 字节' },
  't1b.mute': { en: 'nothing (the card is mute)', zh: '无应答 (卡无响应)' },
  't1b.wrongLrc': { en: 'I-block with a wrong LRC', zh: 'LRC 错误的 I 块' },
  't1b.late': { en: '{block} began after {after} ms, beyond {bwt} ms', zh: '{block} 在 {after} 毫秒后才开始, 超过了 {bwt} 毫秒' },
  't1b.lrc': { en: 'LRC {lrc} is wrong (XOR of the block is not 00)', zh: 'LRC {lrc} 错误 (块的异或不为 00)' },
} as const;
