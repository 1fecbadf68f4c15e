/** The diagnoses of the ISO/IEC 7816-3 steps (steps/iso7816-3.steps.ts: the ATR, resets, T=1 blocks): en and zh-CN, as messages.ts. */
export const ISO7816_MESSAGES = {
  'atr.unreadable': { en: 'the ATR {atr} cannot be read (ISO-ATR-002): {detail}', zh: 'ATR {atr} 无法解析 (ISO-ATR-002): {detail}' },
  'atr.noColdReset': { en: '{reader} cannot power the card down and up', zh: '{reader} 无法对卡下电再上电' },
  'atr.warmDeclared': { en: 'warm ATR (product.expectedWarmAtr)', zh: '热复位 ATR (product.expectedWarmAtr)' },
  'atr.warmCold': { en: 'warm ATR (the cold ATR)', zh: '热复位 ATR (与冷复位 ATR 相同)' },
  'atr.protocols': {
    en: 'the ATR offers {offered}; the ICS declares {declared} (ics.protocols)',
    zh: 'ATR 提供 {offered}; ICS 声明为 {declared} (ics.protocols)',
  },
  't1.needsTpdu': {
    en: '{reader} hands over APDUs, not T=1 blocks: needs a TPDU-capable reader',
    zh: '{reader} 只传递 APDU, 不传递 T=1 块: 需要支持 TPDU 的读卡器',
  },
  't1.noValidBlock': { en: "the card's answer is no valid block: {error}", zh: '卡的应答不是合法的块: {error}' },
  't1.wrongLrc': {
    en: 'the card answered {block} to an I-block with a wrong LRC: expected R({ns}) with the EDC error bit, asking for the block again (ISO/IEC 7816-3 §11.6.3.2)',
    zh: '对 LRC 错误的 I 块, 卡应答 {block}: 预期为带 EDC 错误位的 R({ns}), 要求重发该块 (ISO/IEC 7816-3 §11.6.3.2)',
  },
  't1.chainAck': {
    en: 'the card answered {next} to {block}: expected R({nr}) (ISO/IEC 7816-3 §11.6.2.3)',
    zh: '对 {block}, 卡应答 {next}: 预期为 R({nr}) (ISO/IEC 7816-3 §11.6.2.3)',
  },
  't1.nothing': { en: 'nothing', zh: '(无)' },
  't1.notChained': { en: 'the command was not chained: no I-block with M = 1 was sent', zh: '命令未分块链接: 未发送 M = 1 的 I 块' },
  't1.ifsd': {
    en: 'the card sent a block of {longest} bytes after IFSD {n} was agreed (ISO/IEC 7816-3 §11.4.2)',
    zh: '协商 IFSD 为 {n} 之后, 卡发送了 {longest} 字节的块 (ISO/IEC 7816-3 §11.4.2)',
  },
  't1.oneBlock': { en: 'the answer came in one I-block: nothing shows the IFSD of {n} was honoured', zh: '应答只有一个 I 块: 无法表明卡遵守了 IFSD {n}' },
  't1.fewBlocks': { en: 'only {n} I-block(s) from the card', zh: '卡只发送了 {n} 个 I 块' },
  't1.ns': {
    en: "the card's I-blocks carry N(S) {ns}; expected {want} (ISO/IEC 7816-3 §11.6.2.2)",
    zh: '卡的 I 块的 N(S) 依次为 {ns}; 预期为 {want} (ISO/IEC 7816-3 §11.6.2.2)',
  },
  't1.noIBlock': { en: 'the card sent no I-block: the command was not answered', zh: '卡未发送 I 块: 命令未得到应答' },
  'line.contacts': {
    en: 'needs access to the contacts (an ISO/IEC 10373-3 test tool): not reachable through PC/SC nor through a TPDU reader',
    zh: '需要直接访问触点 (ISO/IEC 10373-3 测试工具): 通过 PC/SC 或 TPDU 读卡器均无法实现',
  },
  // The T=1 block layer (src/iso7816/t1.ts, t1-channel.ts).
  't1.crc': {
    en: 'the ATR declares the CRC for T=1: this interface device implements the LRC only (§11.4.4)',
    zh: 'ATR 声明 T=1 使用 CRC: 本接口设备只实现 LRC (§11.4.4)',
  },
  't1.bwt': {
    en: "the card's block began {after} ms after the interface device's, beyond BWT {limit} ms without a WTX request (ISO/IEC 7816-3 §11.4.3)",
    zh: '卡的块在接口设备的块之后 {after} 毫秒才开始, 超过 BWT {limit} 毫秒且未请求 WTX (ISO/IEC 7816-3 §11.4.3)',
  },
  't1.noValidAfter': {
    en: 'the card sent no valid block after {tries} tries: {error} (ISO/IEC 7816-3 §11.6.3.2)',
    zh: '{tries} 次尝试后卡仍未发送合法的块: {error} (ISO/IEC 7816-3 §11.6.3.2)',
  },
  't1.aborted': { en: 'the card aborted the chain with S(ABORT request)', zh: '卡以 S(ABORT 请求) 中止了块链接' },
  't1.cardRequest': {
    en: 'the card sent {block}, a request only the interface device may send (§11.6.2.3)',
    zh: '卡发送了 {block}, 该请求只能由接口设备发送 (§11.6.2.3)',
  },
  't1.answerTo': {
    en: 'the card answered {block} to {mine}: expected {expected} (ISO/IEC 7816-3 §11.6.2.3)',
    zh: '对 {mine}, 卡应答 {block}: 预期为 {expected} (ISO/IEC 7816-3 §11.6.2.3)',
  },
  't1.chainAckExpected': { en: 'R({nr}), the acknowledgement of a chained block', zh: 'R({nr}), 即对链接块的确认' },
  't1.anIBlock': { en: 'an I-block', zh: '一个 I 块' },
  't1.nsAlternates': {
    en: "the card's I-block has N(S) {ns}, expected {expected}: N(S) alternates (ISO/IEC 7816-3 §11.6.2.2)",
    zh: '卡的 I 块的 N(S) 为 {ns}, 预期为 {expected}: N(S) 应交替 (ISO/IEC 7816-3 §11.6.2.2)',
  },
  't1.infTooLong': {
    en: "the card's I-block carries {n} bytes, more than IFSD {ifsd} (ISO/IEC 7816-3 §11.4.2)",
    zh: '卡的 I 块携带 {n} 字节, 多于 IFSD {ifsd} (ISO/IEC 7816-3 §11.4.2)',
  },
  't1.chainNext': {
    en: 'the card answered {block} to R({nr}) in its chain: expected its next I-block',
    zh: '在卡的块链接中, 对 R({nr}) 卡应答 {block}: 预期为它的下一个 I 块',
  },
  't1.ifsResponse': {
    en: 'the card answered {block} to S(IFS request {size}): expected S(IFS response) with the same IFSD (ISO/IEC 7816-3 §11.6.2.3)',
    zh: '对 S(IFS 请求 {size}), 卡应答 {block}: 预期为带相同 IFSD 的 S(IFS 响应) (ISO/IEC 7816-3 §11.6.2.3)',
  },
  't1.ifsInvalid': {
    en: 'the card answered {block} to S(IFS request) with INF {inf}, which codes no IFSD: expected an R-block (ISO/IEC 7816-3 §11.4.2, §11.6.3.2)',
    zh: '对 INF 为 {inf} (不是合法 IFSD) 的 S(IFS 请求), 卡应答 {block}: 预期为 R 块 (ISO/IEC 7816-3 §11.4.2, §11.6.3.2)',
  },
  't1.abortResponse': {
    en: 'the card answered {block} to S(ABORT request): expected S(ABORT response) (ISO/IEC 7816-3 §11.6.2.3)',
    zh: '对 S(ABORT 请求), 卡应答 {block}: 预期为 S(ABORT 响应) (ISO/IEC 7816-3 §11.6.2.3)',
  },
  't1.resynchResponse': {
    en: 'the card answered {block} to S(RESYNCH request): expected S(RESYNCH response) (ISO/IEC 7816-3 §11.6.3.2)',
    zh: '对 S(RESYNCH 请求), 卡应答 {block}: 预期为 S(RESYNCH 响应) (ISO/IEC 7816-3 §11.6.3.2)',
  },
  't1.noT1': { en: 'the ATR offers no T=1: a TPDU target speaks T=1 to it', zh: 'ATR 未提供 T=1: TPDU 目标要以 T=1 与卡通信' },
} as const;
