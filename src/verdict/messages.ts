/**
 * Diagnoses as message ids with parameters (issue 20 item 3): the reason a scenario gives for its verdict,
 * one template per language. A failure error carries its Diagnosis; its English text (the console, the
 * message stream) is the English template filled in, and the report renders the Chinese from the same id
 * and parameters. A parameter is a value as it is (a number, a name, hex), a status word (named in the
 * language), bytes (hex, cut as hexPreview cuts), a text in both languages, a list ("or"), or a nested
 * diagnosis.
 */
import { describeSw } from '../apdu/sw.ts';
import { swHex } from '../apdu/response.ts';
import { toHex } from '../bytes/hex.ts';
import { MEDICAL_MESSAGES } from './messages-medical.ts';
import { ISO7816_MESSAGES } from './messages-iso7816.ts';
import { PBOC_MESSAGES } from './messages-pboc.ts';
import { RUN_MESSAGES } from './messages-run.ts';
import { SSCARD_MESSAGES } from './messages-sscard.ts';
import { TERMINAL_MESSAGES } from './messages-terminal.ts';
import { TEARING_MESSAGES } from './messages-tearing.ts';
import { ODA_MESSAGES } from './messages-oda.ts';
import { ATR_MESSAGES } from './messages-atr.ts';
import { TRANSPORT_MESSAGES } from './messages-transport.ts';

export type Lang = 'en' | 'zh-CN';
export interface Bilingual {
  en: string;
  zh: string;
}
/** A status word, named in the language of the rendering. */
export interface SwParam {
  sw: number;
}
/** Bytes for a message: at most 64 shown, then how many there were (a hostile card may send 64 KB). */
export interface BytesParam {
  hex: string;
  length: number;
}
export interface Diagnosis {
  id: string;
  params: Record<string, Param>;
}
export type Param = string | number | boolean | Bilingual | SwParam | BytesParam | Diagnosis | readonly Param[];

type Template = { readonly en: string; readonly zh: string };

/** Every diagnosis, by id. {name} is a parameter; both templates name the same parameters. */
export const MESSAGES = {
  ...MEDICAL_MESSAGES,
  ...ISO7816_MESSAGES,
  ...PBOC_MESSAGES,
  ...RUN_MESSAGES,
  ...SSCARD_MESSAGES,
  ...TERMINAL_MESSAGES,
  ...TEARING_MESSAGES,
  ...ODA_MESSAGES,
  ...ATR_MESSAGES,
  ...TRANSPORT_MESSAGES,
  // The generic checks of src/verdict/expect.ts: most failures are one of these.
  'sw.expected': { en: 'expected status word {expected}, card answered {actual}', zh: '预期状态字 {expected}, 卡应答 {actual}' },
  'sw1.expected': { en: 'expected {what} ({sw1}xx), card answered {actual}', zh: '预期{what} ({sw1}xx), 卡应答 {actual}' },
  'bytes.expected': { en: '{what}: expected {expected}, card gave {actual}', zh: '{what}: 预期 {expected}, 卡给出 {actual}' },
  'precondition.notMet': { en: 'precondition not met: {detail}', zh: '前提条件不满足: {detail}' },
  'restore.failed': { en: 'restore failed: {what}; {detail}. The sample is left changed', zh: '恢复失败: {what}; {detail}。样品保持已改变的状态' },
  'run.stopped': { en: 'the run stopped before this case finished', zh: '本用例结束前运行已停止' },
  'run.neverStarted': {
    en: 'not run: the run ended without starting this case (sscc failed)',
    zh: '未运行: 运行已结束但本用例未开始 (sscc 自身出错)',
  },
  'run.notStarted': { en: 'not run: the run stopped before this case started', zh: '未运行: 本用例开始前运行已停止' },
  'step.status': { en: 'step is {status} in the suite: {step}', zh: '测试集中该步骤为{status}: {step}' },
  'sscc.failed': { en: 'sscc failed ({type}): {detail}', zh: 'sscc 自身出错 ({type}): {detail}' },
  failed: { en: 'failed', zh: '失败' },
  unjudged: { en: 'could not be judged', zh: '无法判定' },
  'ics.terminalOnly': { en: 'ICS: product.kind is terminal; this scenario tests a card', zh: 'ICS: 产品类别 (product.kind) 为终端; 本场景测试的是卡片' },
  'ics.requires': { en: 'ICS: requires {items}', zh: 'ICS: 要求 {items}' },
  // The specific checks of steps/ and src/ (by step file).
  'data.length': { en: 'expected {expected} bytes of response data, card gave {actual}', zh: '预期响应数据 {expected} 字节, 卡给出 {actual} 字节' },
  'data.lengthAnnounced': { en: 'card said {expected} bytes, then gave {actual}', zh: '卡声称 {expected} 字节, 随后给出 {actual} 字节' },
  'atr.tck': { en: 'TCK of ATR {atr} is wrong: the XOR of T0 to TCK is not 00', zh: 'ATR {atr} 的 TCK 错误: T0 到 TCK 的异或不为 00' },
  'atr.malformed': { en: 'ATR {atr}: {detail}', zh: 'ATR {atr} 格式错误: {detail}' },
  'readBinary.length': {
    en: 'READ BINARY of {expected} bytes at offset 0 returned {actual} bytes',
    zh: '从偏移量 0 读 {expected} 字节的 READ BINARY 返回 {actual} 字节',
  },
  'readRecord.notRecord': {
    en: 'READ RECORD {n} answered {actual} with {length} data bytes, not a record',
    zh: 'READ RECORD {n} 应答 {actual}, 带 {length} 字节数据, 不是一条记录',
  },
  'readRecord.notRecordAny': {
    en: 'READ RECORD answered {actual} with {length} data bytes, not a record',
    zh: 'READ RECORD 应答 {actual}, 带 {length} 字节数据, 不是一条记录',
  },
  'ef.tooSmall': { en: 'the EF has only {size} bytes', zh: '该文件只有 {size} 字节' },
  'records.tooFew': { en: 'the EF has only {n} record(s); the scenario needs {need}', zh: '该文件只有 {n} 条记录, 场景需要 {need} 条' },
  'record.empty': { en: 'record {n} is empty', zh: '第 {n} 条记录为空' },
  'fci.dfNamePrefix': { en: 'DF name {name} in the FCI does not start with {prefix}', zh: 'FCI 中的 DF 名称 {name} 不以 {prefix} 开头' },
  'select.nextSameName': { en: 'the next occurrence has the same DF name {name} as the first', zh: '下一个匹配的 DF 名称 {name} 与第一个相同' },
  'getResponse.tooShort': {
    en: 'the card has only {available} response bytes waiting; the scenario asks {fewer} fewer',
    zh: '卡只有 {available} 字节响应数据待取; 场景要求少取 {fewer} 字节',
  },
  'getResponse.rest': {
    en: 'expected 61xx with {expected} bytes left, card announced {actual}',
    zh: '预期 61xx 且剩余 {expected} 字节, 卡声称剩余 {actual} 字节',
  },
  'scenario.beyondFirstRead': { en: 'the scenario reads beyond the first-read content', zh: '场景读取超出了首次读取的内容' },
  'offset.unobservable': {
    en: 'the EF holds the same bytes at offset {offset} as at offset 0; the offset cannot be observed',
    zh: '该文件在偏移量 {offset} 处与偏移量 0 处的字节相同, 无法观察偏移量',
  },
  'data.remaining': { en: 'expected the {expected} remaining bytes, card gave {actual}', zh: '预期剩余的 {expected} 字节, 卡给出 {actual} 字节' },
  'record.notSimpleTlv': { en: 'record is not valid SIMPLE-TLV ({detail}): {data}', zh: '记录不是合法的 SIMPLE-TLV ({detail}): {data}' },
  'record.simpleTlvCount': { en: 'record holds {n} SIMPLE-TLV objects, expected 1: {data}', zh: '记录含 {n} 个 SIMPLE-TLV 数据对象, 预期为 1 个: {data}' },
  'records.identical': {
    en: 'records {a} and {b} are identical ({hex}): the record number is not honoured',
    zh: '第 {a} 条和第 {b} 条记录相同 ({hex}): 卡未按记录号读取',
  },
  'records.readBefore': { en: '{n} record(s) read before the card answered {actual}{withData}', zh: '卡应答 {actual}{withData} 之前读出 {n} 条记录' },
  'records.withData': { en: ' with {length} data bytes', zh: ', 带 {length} 字节数据' },
  'challenge.notRandom': { en: 'GET CHALLENGE {k} answered {actual}, not a random', zh: '第 {k} 次 GET CHALLENGE 应答 {actual}, 未给出随机数' },
  'challenge.same': { en: 'two GET CHALLENGE gave the same random {hex}', zh: '两次 GET CHALLENGE 给出相同的随机数 {hex}' },
  'pin.triesExpected': { en: 'expected 63Cx with x > 0, card answered 63{x}', zh: '预期 63Cx 且 x > 0, 卡应答 63{x}' },
  'selectNext.twice': {
    en: 'SELECT next of "{name}" found DF {found} a second time before 6A82',
    zh: '对 "{name}" 的 SELECT 下一个在应答 6A82 之前第二次找到 DF {found}',
  },
  'selectNext.neverEnds': { en: 'SELECT next of "{name}" never answered 6A82 after 32 matches', zh: '对 "{name}" 的 SELECT 下一个在 32 次匹配后仍未应答 6A82' },
  'select.dfPrecondition': { en: 'SELECT of DF "{ref}" answered {sw}; the scenario starts in it', zh: '选择 DF "{ref}" 应答 {sw}; 场景需要从该 DF 开始' },
  'profile.noSfi': { en: 'testObjects.{ef}.sfi is not given in the profile', zh: '配置文件未给出 testObjects.{ef}.sfi' },
  'fci.notBerTlv': { en: 'FCI is not valid BER-TLV ({detail}): {data}', zh: 'FCI 不是合法的 BER-TLV ({detail}): {data}' },
  'fci.pseNotBerTlv': { en: 'the PSE FCI is not valid BER-TLV ({detail}): {data}', zh: 'PSE 的 FCI 不是合法的 BER-TLV ({detail}): {data}' },
  'fci.not6F': { en: 'response is not an FCI template 6F: {data}', zh: '响应不是 FCI 模板 6F: {data}' },
  'fci.noDfName': { en: 'FCI has no DF name (84): {data}', zh: 'FCI 中没有 DF 名称 (84): {data}' },
  'profile.noPbocKeys': { en: 'the profile gives no keys.pboc (issuer master keys, CA key)', zh: '配置文件未给出 keys.pboc (发卡行主密钥, CA 公钥)' },
  'profile.caIsRsa': {
    en: 'keys.pboc.ca is an RSA key; this scenario needs the SM2 CA key (algorithm: SM2)',
    zh: 'keys.pboc.ca 是 RSA 公钥; 本场景需要 SM2 CA 公钥 (keys.pboc.ca.algorithm: SM2)',
  },
  'profile.caIsSm2': { en: 'keys.pboc.ca is an SM2 key; this scenario needs the RSA CA key', zh: 'keys.pboc.ca 是 SM2 公钥; 本场景需要 RSA CA 公钥' },
  'oda.caIndexChain': {
    en: "the card's CA public key index 8F {index}: not the {algorithm} chain this scenario reads",
    zh: '卡的 CA 公钥索引 8F {index}: 不是本场景读取的 {algorithm} 证书链',
  },
  'oda.caIndexAbsent': { en: 'is absent', zh: '不存在' },
  'profile.noPin': { en: 'the profile gives no keys.pin', zh: '配置文件未给出 keys.pin' },
  'ics.noSscardVersion': { en: 'the profile claims no 社会保障卡规范 version (ics.sscardVersion)', zh: '配置文件未声明社会保障卡规范版本 (ics.sscardVersion)' },
  'ssse.itemNotRead': { en: 'data item {tag} was not read', zh: '数据项 {tag} 未读出' },
  'ssse.itemBad': { en: '{what}: {detail}', zh: '{what}有误: {detail}' },
  'ssse.fciNoAlgorithm': { en: 'the SSSE FCI has no algorithm identifier (A5 › 9F0C › 86): {data}', zh: 'SSSE 的 FCI 中没有算法标识 (A5 › 9F0C › 86): {data}' },
  'ssse.fciAlgorithmNotDeclared': { en: 'the FCI names algorithm {id}; the ICS declares {declared}', zh: 'FCI 指明算法 {id}; ICS 声明的是 {declared}' },
  'ssse.neither3desNorSm4': { en: 'neither 3DES nor SM4', zh: '既非 3DES 也非 SM4' },
  'ssse.fciAlgorithm': { en: 'the SSSE FCI names algorithm {actual}, expected {expected}', zh: 'SSSE 的 FCI 指明算法 {actual}, 预期为 {expected}' },
  none: { en: '(none)', zh: '(无)' },
  absent: { en: 'absent', zh: '不存在' },
  noneWord: { en: 'none', zh: '无' },
  'list.comma': { en: '{a}, {b}', zh: '{a}, {b}' },
  'list.semicolon': { en: '{a}; {b}', zh: '{a}; {b}' },
  // A command and its answer, where the next step needs 9000 (src/medical, src/sscard, src/pboc, tearing).
  'cmd.answered': { en: '{command} answered {sw}', zh: '{command} 应答 {sw}' },
  'cmd.answeredLength': {
    en: '{command} answered {sw} with {length} bytes; expected 9000 with {expected}',
    zh: '{command} 应答 {sw}, 带 {length} 字节; 预期为 9000, 带 {expected} 字节',
  },
  // A malformed response whatever the command (src/apdu/session.ts, ISO/IEC 7816-3/-4).
  'apdu.6CxxAgain': { en: 'card answered 6Cxx again after a resend with Le = {le}', zh: '以 Le = {le} 重发后, 卡再次应答 6Cxx' },
  'apdu.61xxEndless': { en: 'card still answers 61xx after {n} GET RESPONSE commands', zh: '{n} 条 GET RESPONSE 之后卡仍应答 61xx' },
  'apdu.tooLong': { en: 'response longer than {n} bytes', zh: '响应长于 {n} 字节' },
  'apdu.noSw': { en: 'response of {n} byte(s) has no status word', zh: '{n} 字节的响应中没有状态字' },
  'apdu.longerThanAny': {
    en: 'response of {n} bytes is longer than any response APDU (at most 65 536 data bytes and SW1-SW2)',
    zh: '{n} 字节的响应长于任何响应 APDU (最多 65 536 字节数据加 SW1-SW2)',
  },
  'apdu.notSw': {
    en: 'status word {sw} is not a status word: SW1 must be 6X (not 60) or 9X (ISO/IEC 7816-3 §10.3.3)',
    zh: '{sw} 不是合法的状态字: SW1 必须为 6X (60 除外) 或 9X (ISO/IEC 7816-3 §10.3.3)',
  },
  'apdu.dataWithError': {
    en: 'card returned {n} data bytes ({data}) with the error status word {sw}: an error comes without response data (ISO/IEC 7816-4 §5.6)',
    zh: '卡随错误状态字 {sw} 返回了 {n} 字节数据 ({data}): 出错时不应有响应数据 (ISO/IEC 7816-4 §5.6)',
  },
  'apdu.dataWithoutLe': {
    en: 'card returned {n} data bytes ({data}) with {sw} to a command without Le, which asks for none (ISO/IEC 7816-3 §12.1, ISO/IEC 7816-4 §5.1)',
    zh: '对不带 Le (即不要求数据) 的命令, 卡随 {sw} 返回了 {n} 字节数据 ({data}) (ISO/IEC 7816-3 §12.1, ISO/IEC 7816-4 §5.1)',
  },
  'apdu.moreThanLe': {
    en: 'card returned {n} data bytes, more than the {ne} the command asked for (Le)',
    zh: '卡返回 {n} 字节数据, 多于命令要求的 {ne} 字节 (Le)',
  },
  'cmd.gaveTable': { en: '{command} gave {length} bytes; table {table} has {expected}', zh: '{command} 给出 {length} 字节; 表 {table} 规定为 {expected} 字节' },
  'ssse.v1Algorithm': { en: 'a 1.0 card names algorithm {id}', zh: '1.0 版卡指明了算法 {id}' },
  'ssse.provinces': {
    en: '卡的识别码 city {city} and 初始化机构编号 issuing area {area} lie in different provinces',
    zh: '卡的识别码中的城市代码 {city} 与初始化机构编号中的发行地区 {area} 不在同一省份',
  },
  'ssse.expiryBeforeIssue': { en: '卡有效期 {expiry} is not after 发卡日期 {issue}', zh: '卡有效期 {expiry} 不晚于发卡日期 {issue}' },
  'ssse.birthDate': { en: '出生日期 {birth} differs from the date {date} in 社会保障号码', zh: '出生日期 {birth} 与社会保障号码中的日期 {date} 不同' },
  'ssse.sex': { en: '性别 {sex} but the 17th digit of 社会保障号码 gives {expected}', zh: '性别为 {sex}, 但社会保障号码第 17 位对应 {expected}' },
  'ssse.version': { en: '规范版本 "{actual}" but the ICS declares {expected}', zh: '规范版本为 "{actual}", 但 ICS 声明为 {expected}' },
  'ssse.nameEmpty': { en: '姓名 is empty', zh: '姓名为空' },
  'ssse.ef06Order': {
    en: 'EF06 record {n} has tag {tag}; a {version} card has {expected} there',
    zh: 'EF06 第 {n} 条记录的标签为 {tag}; {version} 版卡在此处应为 {expected}',
  },
  'ssse.internalAuthLength': { en: 'INTERNAL AUTHENTICATE gave {actual} bytes, expected 8', zh: 'INTERNAL AUTHENTICATE 给出 {actual} 字节, 预期为 8 字节' },
  'ssse.internalAuthWrong': { en: 'an internal authentication result is not what the PSAM computes', zh: '内部认证结果与 PSAM 计算的不一致' },
  'ssse.internalAuthSame': {
    en: 'two INTERNAL AUTHENTICATE on different randoms gave the same {hex}',
    zh: '对不同随机数的两次 INTERNAL AUTHENTICATE 给出相同结果 {hex}',
  },
  'ssse.regionCode': { en: '区划代码 {region} is not the city code of 卡识别码 {card}', zh: '区划代码 {region} 不是卡识别码 {card} 中的城市代码' },
  'ssse.datesOrder': { en: '发卡日期 {issue} / 卡有效期 {expiry} are not dates in order', zh: '发卡日期 {issue} / 卡有效期 {expiry} 不是先后有序的合法日期' },
  'ssse.versionNotIcs': { en: '规范版本 {actual} is not the ICS version {expected}', zh: '规范版本 {actual} 不是 ICS 声明的版本 {expected}' },
  'pin.wrongAnswered': { en: 'wrong PIN answered {sw}', zh: '错误 PIN 应答 {sw}' },
  'pin.notBlocked': { en: '16 wrong PINs did not block the PIN', zh: '16 次错误 PIN 未使 PIN 锁定' },
  'pin.counter9F17': { en: '9F17 {before} → {after}, SW {sw}', zh: '9F17 {before} → {after}, 状态字 {sw}' },
  'pin.counter9F17Is': { en: '9F17 is {after}', zh: '9F17 为 {after}' },
  'gac.higherThanAsked': { en: 'asked {asked}, card answered {got}', zh: '请求 {asked}, 卡返回 {got}' },
  'gac.type': { en: 'card answered {actual}, expected {expected}', zh: '卡返回 {actual}, 预期为 {expected}' },
  'gac.acWrong': { en: '{type} {ac}; the issuer computes {expected} over {data}', zh: '{type} {ac}; 发卡行对 {data} 计算得 {expected}' },
  'gac.cvrNoOfflinePin': { en: 'CVR {cvr}', zh: '卡片验证结果 (CVR) {cvr} 未表明已执行脱机 PIN' },
  'gac.atcMismatch': { en: 'GENERATE AC ATC {gac}, GET DATA {data}', zh: 'GENERATE AC 的 ATC 为 {gac}, GET DATA 为 {data}' },
  'gac.neverArqc': { en: 'the card answered {seen}', zh: '卡返回 {seen}, 从未要求联机 (ARQC)' },
  'gac.notArqc': { en: 'asked ARQC, card answered {actual}', zh: '请求 ARQC, 卡返回 {actual}' },
  'gac.onlineResetNotArqc': {
    en: 'asked ARQC for the online transaction that resets the offline counters, the card answered {actual}',
    zh: '为复位脱机计数器的联机交易请求 ARQC, 卡返回 {actual}',
  },
  'gac.externalAuthArpc': { en: 'EXTERNAL AUTHENTICATE with the right ARPC answered {sw}', zh: '以正确 ARPC 进行的 EXTERNAL AUTHENTICATE 应答 {sw}' },
  'gac.secondNotTc': { en: 'the second GENERATE AC of the online transaction answered {actual}', zh: '联机交易的第二次 GENERATE AC 返回 {actual}' },
  'gac.noCryptogram': { en: 'no cryptogram', zh: '无应用密文' },
  'gac.lastOnlineAtc': { en: '9F13 {v}, transaction ATC {atc}', zh: '9F13 为 {v}, 交易 ATC 为 {atc}' },
  'afl.problems': { en: 'AFL {afl}: {problems}', zh: '应用文件定位器 (AFL) {afl} 有误: {problems}' },
  'cdol1.lacks': { en: 'CDOL1 {cdol} lacks {tag}', zh: 'CDOL1 {cdol} 中缺少 {tag}' },
  'ec.nonEc9F74': { en: 'the AFL of a non-EC transaction named the 9F74 record', zh: '非电子现金交易的 AFL 指明了 9F74 所在记录' },
  'data.valueLength': { en: 'value of {length} bytes: {hex}', zh: '值长 {length} 字节: {hex}' },
  'ppse.fci': { en: 'PPSE FCI {fci}: 84 {name}, {no}A5 { BF0C }', zh: 'PPSE 的 FCI {fci}: 84 为 {name}, {no}A5 { BF0C }' },
  'ppse.noA5': { en: 'no ', zh: '无 ' },
  'pse.noPriority': { en: 'the PSE directory entry of the debit application gives no priority 87', zh: '借记应用的 PSE 目录条目未给出优先级 87' },
  'ppse.empty': { en: 'the PPSE lists no application (61 { 4F })', zh: 'PPSE 未列出任何应用 (61 { 4F })' },
  'fci.lacks': { en: 'the FCI lacks {tag}', zh: 'FCI 中缺少 {tag}' },
  'pdol.df69': { en: 'PDOL {pdol} {df69}', zh: 'PDOL {pdol} 有误: {df69}' },
  'pdol.absent': { en: 'absent', zh: '不存在' },
  'pdol.df69Length': { en: 'asks DF69 in {length} bytes', zh: '要求 {length} 字节的 DF69 (应为 1 字节)' },
  'pdol.lacksDf69': { en: 'lacks DF69', zh: '缺少 DF69' },
  'tvr.noGac': { en: 'purchase {n}: the card saw no GENERATE AC carrying a TVR', zh: '第 {n} 笔消费: 卡未收到带 TVR 的 GENERATE AC' },
  'tvr.randomSelection': {
    en: '{n} of {total} purchases were marked "randomly selected for online" in the TVR sent to the card (JR/T 0025.5 §12.4.4), expected {low}–{high}',
    zh: '{total} 笔消费中有 {n} 笔在发给卡的 TVR 中标记为“交易被随机选择联机处理” (JR/T 0025.5 §12.4.4), 预期为 {low}–{high} 笔',
  },
  'pse.neverSelected': { en: 'the terminal never selected 1PAY.SYS.DDF01, though the card has a PSE', zh: '卡有 PSE, 但终端从未选择 1PAY.SYS.DDF01' },
  'pse.selectedBefore': { en: 'the terminal selected {name} before the PSE', zh: '终端在 PSE 之前选择了 {name}' },
  'card.sawAnswered': { en: 'the card answered {name} with {seen}, not {sw}', zh: '卡对 {name} 应答 {seen}, 而不是 {sw}' },
  'card.sawNo': { en: 'the card saw no {name}', zh: '卡未收到 {name}' },
  'tmfin.gacCountry': {
    en: '9F1A in GENERATE AC is {actual}, the terminal is in {expected}',
    zh: 'GENERATE AC 中的 9F1A 为 {actual}, 终端所在国家为 {expected}',
  },
  'card.sawAt': { en: 'the card saw {name} (command {n})', zh: '卡收到了 {name} (第 {n} 条命令)' },
  'dda.noInternalAuth': {
    en: 'the card saw no INTERNAL AUTHENTICATE though its AIP asks for DDA (JR/T 0025.5 §9.2)',
    zh: '卡的 AIP 要求 DDA, 但卡未收到 INTERNAL AUTHENTICATE (JR/T 0025.5 §9.2)',
  },
  'dda.internalAuthAfterGac': { en: 'INTERNAL AUTHENTICATE came after GENERATE AC', zh: 'INTERNAL AUTHENTICATE 在 GENERATE AC 之后' },
  'tsi.none': { en: 'the terminal reported no TSI (9B)', zh: '终端未报告交易状态信息 (TSI, 9B)' },
  'tsi.bit': { en: 'TSI {tsi}: "{bit}" is {state}, expected {expected}', zh: 'TSI {tsi}: “{bit}” {state}, 预期{expected}' },
  'bit.set': { en: 'set', zh: '置位' },
  'bit.clear': { en: 'clear', zh: '未置位' },
  'tvr.none': { en: 'no TVR: the card saw no GENERATE AC and the terminal reported none', zh: '没有 TVR: 卡未收到 GENERATE AC, 终端也未报告' },
  'tvr.sentBit': {
    en: 'the TVR the terminal sent in the {which} GENERATE AC is {tvr}: "{bit}" is {state}',
    zh: '终端在{which} GENERATE AC 中发送的 TVR 为 {tvr}: “{bit}” {state}',
  },
  'gac.first': { en: 'first', zh: '第一次' },
  'gac.second': { en: 'second', zh: '第二次' },
  'tvr.reportedBit': { en: 'the terminal reports TVR {tvr}: "{bit}" is {state}', zh: '终端报告的 TVR 为 {tvr}: “{bit}” {state}' },
  'gac.noneSeen': { en: 'the card saw no {which} GENERATE AC', zh: '卡未收到{which} GENERATE AC' },
  'gac.askedFor': {
    en: 'the {which} GENERATE AC asked for {asked} (P1 {p1}), expected {expected}',
    zh: '{which} GENERATE AC 请求 {asked} (P1 {p1}), 预期为 {expected}',
  },
  'online.secondGac': { en: 'the card saw {second} GENERATE AC: the terminal {went} online', zh: '卡{second}第二次 GENERATE AC: 终端{went}联机' },
  'online.aSecond': { en: 'a second', zh: '收到了' },
  'online.noSecond': { en: 'no second', zh: '未收到' },
  'online.went': { en: 'went', zh: '已' },
  'online.didNotGo': { en: 'did not go', zh: '未' },
  'online.reported': { en: 'the terminal reports online={reported}, the card saw otherwise', zh: '终端报告 online={reported}, 与卡收到的不符' },
  'cvm.reported': { en: 'the terminal reports the CVM {actual}, expected {expected}', zh: '终端报告的持卡人验证方法 (CVM) 为 {actual}, 预期为 {expected}' },
  'cvm.verifyMismatch': { en: 'the card {saw} VERIFY, which does not fit the CVM {cvm}', zh: '卡{saw} VERIFY, 与持卡人验证方法 {cvm} 不符' },
  'card.saw': { en: 'saw', zh: '收到了' },
  'card.didNotSee': { en: 'did not see', zh: '未收到' },
  'terminal.result': { en: 'the terminal reported {result}{code}{message}, expected {expected}', zh: '终端报告 {result}{code}{message}, 预期为 {expected}' },
  'terminal.codeSuffix': { en: ' (code {code})', zh: ' (代码 {code})' },
  'terminal.messageSuffix': { en: ': {message}', zh: ': {message}' },
  'terminal.code': {
    en: 'the terminal reported code {code}{message}, LD/T 33 appendix A gives {expected}',
    zh: '终端报告代码 {code}{message}, LD/T 33 附录 A 规定为 {expected}',
  },
  'terminal.messageParen': { en: ' ({message})', zh: ' ({message})' },
  'terminal.noOutput': { en: 'the terminal reported no pOutInfo ({result}{message})', zh: '终端未报告 pOutInfo ({result}{message})' },
  'terminal.noInternalAuth': {
    en: 'the terminal never authenticated the card (no INTERNAL AUTHENTICATE with IRK, part 7 §5.4)',
    zh: '终端从未认证卡片 (没有用 IRK 的 INTERNAL AUTHENTICATE, 第 7 部分 §5.4)',
  },
  'terminal.readBeforeAuth': {
    en: 'the terminal read EF06 (command {read}) before authenticating the card (command {auth})',
    zh: '终端在认证卡片 (第 {auth} 条命令) 之前读取了 EF06 (第 {read} 条命令)',
  },
  'terminal.noRkAuth': {
    en: 'the terminal never authenticated with RK SSSE, which a 3.0 card requires before EF06 (LD/T 33 §10.2)',
    zh: '终端从未用 RK SSSE 认证, 而 3.0 版卡要求读 EF06 之前先认证 (LD/T 33 §10.2)',
  },
  'terminal.readBeforeRk': {
    en: 'the terminal read EF06 (command {read}) before EXTERNAL AUTHENTICATE with RK SSSE (command {auth})',
    zh: '终端在用 RK SSSE 的 EXTERNAL AUTHENTICATE (第 {auth} 条命令) 之前读取了 EF06 (第 {read} 条命令)',
  },
  'terminal.noNameExtension': { en: 'the terminal never read 姓名扩展 (4E) of a 2.0/3.0 card', zh: '终端从未读取 2.0/3.0 版卡的姓名扩展 (4E)' },
  'terminal.noName': { en: 'the terminal reported no name', zh: '终端未报告姓名' },
  'pin.notLocked': { en: 'the PIN did not lock after 16 wrong tries', zh: '16 次错误尝试后个人密码仍未锁定' },
  'pin.notOneTryLeft': { en: 'wrong PINs did not bring the PIN to one try left (63C1)', zh: '错误尝试未使个人密码剩余 1 次 (63C1)' },
  'terminal.noPinReload': { en: 'the card saw no PIN RELOAD (84 24 00 01)', zh: '卡未收到 PIN RELOAD (84 24 00 01)' },
  'terminal.reloadWithoutPuk': {
    en: 'PIN RELOAD came without a successful EXTERNAL AUTHENTICATE with PUK before it (part 5 §6.8)',
    zh: 'PIN RELOAD 之前没有成功的用 PUK 的 EXTERNAL AUTHENTICATE (第 5 部分 §6.8)',
  },
  'terminal.noUpdateRecord': { en: 'the card saw no UPDATE RECORD of item {item}', zh: '卡未收到数据项 {item} 的 UPDATE RECORD' },
  'terminal.updateWithoutSm': { en: 'UPDATE RECORD came with CLA {cla}, without secure messaging', zh: 'UPDATE RECORD 的 CLA 为 {cla}, 未使用安全报文' },
  'terminal.updateAnswered': { en: 'the card answered UPDATE RECORD with {sw}', zh: '卡对 UPDATE RECORD 应答 {sw}' },
  'terminal.updateValue': { en: 'UPDATE RECORD does not carry {value}', zh: 'UPDATE RECORD 中没有 {value}' },
  'medterm.noVerify': {
    en: 'the card saw no successful VERIFY: the terminal did not present the PIN (part 7 §12)',
    zh: '卡未收到成功的 VERIFY: 终端未提交个人密码 (第 7 部分 §12)',
  },
  'medterm.initBeforePin': { en: 'INITIALIZE FOR PURCHASE did not come after the PIN', zh: 'INITIALIZE FOR PURCHASE 不在个人密码校验之后' },
  'medterm.debitBeforeInit': {
    en: 'DEBIT FOR PURCHASE did not come after INITIALIZE FOR PURCHASE',
    zh: 'DEBIT FOR PURCHASE 不在 INITIALIZE FOR PURCHASE 之后',
  },
  'medterm.timeReported': {
    en: 'the terminal reports 交易时间 {reported}; DEBIT FOR PURCHASE carried {carried}',
    zh: '终端报告的交易时间为 {reported}; DEBIT FOR PURCHASE 中为 {carried}',
  },
  'medterm.initParts': {
    en: 'INITIALIZE FOR PURCHASE asked {selfPaid} fen self-paid and {pooled} fen pooled, not {eSelf} and {ePooled}',
    zh: 'INITIALIZE FOR PURCHASE 的个人自付为 {selfPaid} 分、统筹基金为 {pooled} 分, 而不是 {eSelf} 分和 {ePooled} 分',
  },
  'medterm.initAmount': {
    en: 'INITIALIZE FOR PURCHASE asked {asked} fen from the account, not {n}',
    zh: 'INITIALIZE FOR PURCHASE 要求从个人账户扣 {asked} 分, 而不是 {n} 分',
  },
  'medterm.not9000': { en: 'the card did not answer both commands 9000 (or 61xx with the data)', zh: '卡未对两条命令都应答 9000 (或带数据的 61xx)' },
  'medterm.noInitDebit': { en: 'the card saw no INITIALIZE and DEBIT FOR PURCHASE', zh: '卡未收到 INITIALIZE FOR PURCHASE 和 DEBIT FOR PURCHASE' },
  'medterm.tacReported': { en: 'the terminal reported TAC {reported}; the card gave {tac}', zh: '终端报告的 TAC 为 {reported}; 卡给出的是 {tac}' },
  'medterm.noIdOrAlgorithm': {
    en: 'the trace does not show 卡的识别码 and the algorithm of INITIALIZE FOR PURCHASE',
    zh: '跟踪记录中没有卡的识别码和 INITIALIZE FOR PURCHASE 的算法',
  },
  'medterm.tacRefused': { en: "the host does not accept the card's TAC", zh: '主机验证卡的 TAC 未通过' },
  'medterm.sawDebit': { en: 'the card saw DEBIT FOR PURCHASE', zh: '卡收到了 DEBIT FOR PURCHASE' },
  'medterm.sawInitAfterWrongPin': {
    en: 'the card saw INITIALIZE FOR PURCHASE: the terminal went on after a wrong PIN',
    zh: '卡收到了 INITIALIZE FOR PURCHASE: 终端在个人密码错误后仍继续',
  },
  'medterm.ef08Empty': { en: 'EF08 of the test card holds no purchase', zh: '测试卡的 EF08 中没有消费记录' },
  'medterm.debitTotal': {
    en: 'iReadDebitRecord reports the purchase total (本次消费总金额) {total} for record {seq}: not an amount of 0 or more',
    zh: 'iReadDebitRecord 报告的记录 {seq} 的本次消费总金额为 {total}: 不是大于等于 0 的金额',
  },
  'medterm.debitRecords': {
    en: 'iReadDebitRecord reported the purchases {got}; EF08 holds {want}',
    zh: 'iReadDebitRecord 报告的消费为 {got}; EF08 中为 {want}',
  },
  'settle.initCount': {
    en: 'the card saw {n} INITIALIZE FOR PURCHASE; one settlement is one purchase from the account',
    zh: '卡收到 {n} 次 INITIALIZE FOR PURCHASE; 一次结算应是从个人账户的一笔消费',
  },
  'settle.initAmounts': {
    en: 'INITIALIZE FOR PURCHASE asked {account} from the account, {selfPaid} self-paid, {pooled} pooled; the bill allows {billAccount}, {billSelfPaid}, {billPooled} (part 7 §12.2)',
    zh: 'INITIALIZE FOR PURCHASE 要求个人账户 {account}, 自付 {selfPaid}, 统筹 {pooled}; 费用单允许 {billAccount}, {billSelfPaid}, {billPooled} (第 7 部分 §12.2)',
  },
  'settle.initAnswered': { en: 'the card answered INITIALIZE FOR PURCHASE with {sw}', zh: '卡对 INITIALIZE FOR PURCHASE 应答 {sw}' },
  'settle.debits': { en: 'the card saw {n} DEBIT FOR PURCHASE{answered}', zh: '卡收到 {n} 次 DEBIT FOR PURCHASE{answered}' },
  'settle.debitsAnswered': { en: ', answered {sws}', zh: ', 应答 {sws}' },
  'settle.noBalance': { en: 'INITIALIZE FOR PURCHASE gave no balance (table 71)', zh: 'INITIALIZE FOR PURCHASE 未给出余额 (表 71)' },
  'settle.getBalance': { en: 'GET BALANCE answered {sw} with {length} bytes', zh: 'GET BALANCE 应答 {sw}, 带 {length} 字节' },
  'settle.moved': {
    en: 'the account held {before} fen before the purchase and {after} after: {moved} fen moved, the bill allows {fen}',
    zh: '个人账户消费前 {before} 分, 消费后 {after} 分: 扣了 {moved} 分, 费用单允许 {fen} 分',
  },
  'settle.reported': {
    en: 'the terminal reports 个人账户支付 {account}, 银行卡支付 {bank}, 未付金额 {outstanding}; expected {eAccount}, {eBank}, {eOutstanding}',
    zh: '终端报告个人账户支付 {account}, 银行卡支付 {bank}, 未付金额 {outstanding}; 预期为 {eAccount}, {eBank}, {eOutstanding}',
  },
} as const satisfies Record<string, Template>;

export type MessageId = keyof typeof MESSAGES;
// {name} is a parameter; a brace group with a space ("A5 { BF0C }") is text.
type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer R}` ? (P extends `${string} ${string}` ? never : P) | ParamNames<R> : never;
export type ParamsOf<K extends MessageId> = { [P in ParamNames<(typeof MESSAGES)[K]['en']>]: Param };

/** A diagnosis by its id, with exactly the parameters its templates name. */
export function dx<K extends MessageId>(id: K, ...params: ParamNames<(typeof MESSAGES)[K]['en']> extends never ? [] : [ParamsOf<K>]): Diagnosis {
  return { id, params: (params[0] ?? {}) as Record<string, Param> };
}

export function isDiagnosis(v: unknown): v is Diagnosis {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Diagnosis).id === 'string' &&
    typeof (v as Diagnosis).params === 'object' &&
    (v as Diagnosis).params !== null
  );
}

/** A status word as a parameter (swText names it in the language). */
export const sw = (value: number): SwParam => ({ sw: value });
/** Values joined with ", " (a list param joins with "or"); none is "". */
export function commaList(items: readonly Param[]): Param {
  return items.reduce<Param>((a, b, i) => (i === 0 ? b : dx('list.comma', { a, b })), '');
}
/** The findings of a check as texts in a language (a test, a log). */
export const findingsText = (items: readonly Diagnosis[], lang: Lang = 'en'): string[] => items.map((d) => renderDiagnosis(d, lang));
/** A check's findings joined with "; " (errors, problems: each a diagnosis); none is "(none)". */
export function findings(items: readonly Diagnosis[]): Diagnosis {
  const [first, ...rest] = items;
  return first ? rest.reduce<Diagnosis>((a, b) => dx('list.semicolon', { a, b }), first) : dx('none');
}
/** Several status words: "6A82 (…) or 6A83 (…)". */
export const sws = (values: readonly number[]): SwParam[] => values.map(sw);
/** Bytes as a parameter: hex, at most `max` bytes shown. */
export function bytes(value: Uint8Array, max = 64): BytesParam {
  return { hex: toHex(value.subarray(0, max), ' '), length: value.length };
}

function isBilingual(v: object): v is Bilingual {
  return typeof (v as Bilingual).en === 'string' && typeof (v as Bilingual).zh === 'string';
}

function renderParam(p: Param, lang: Lang): string {
  if (typeof p === 'string') return p;
  if (p === undefined || p === null) return String(p); // a value a caller had not (the English template literal showed "undefined")
  if (typeof p === 'number' || typeof p === 'boolean') return String(p);
  if (Array.isArray(p)) return p.map((x) => renderParam(x, lang)).join(lang === 'en' ? ' or ' : ' 或 ');
  const o = p as Exclude<Param, string | number | boolean | readonly Param[]>;
  if ('sw' in o && typeof o.sw === 'number') {
    const m = describeSw(o.sw);
    return `${swHex(o.sw)} (${lang === 'en' ? m.en : m.zh})`;
  }
  if ('hex' in o && typeof o.hex === 'string') {
    if (o.length === 0) return lang === 'en' ? '(empty)' : '(空)';
    const shown = o.hex.split(' ').filter(Boolean).length;
    return shown < o.length ? `${o.hex} … (${o.length} ${lang === 'en' ? 'bytes' : '字节'})` : o.hex;
  }
  if (isDiagnosis(o)) return renderDiagnosis(o, lang);
  if (isBilingual(o)) return lang === 'en' ? o.en : o.zh;
  return String(o);
}

/** The text of a diagnosis in a language; an id the catalogue does not know renders as the id with its parameters. */
export function renderDiagnosis(d: Diagnosis, lang: Lang): string {
  const t = (MESSAGES as Record<string, Template>)[d.id];
  if (!t) return `${d.id} ${JSON.stringify(d.params)}`;
  return (lang === 'en' ? t.en : t.zh).replace(/\{(\w+)\}/g, (all, name: string) =>
    Object.hasOwn(d.params, name) ? renderParam(d.params[name] as Param, lang) : all,
  );
}

/** The parameter names of a template, for the catalogue's test. */
export function templateParams(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))].sort();
}

/** Latin-script words a Chinese text may keep: field and tool names that have no Chinese form in the specs. */
const LATIN_NAMES = new Set(['Le', 'Lc', 'Luhn', 'cn', 'sscc']);

/**
 * The Latin-script words of a Chinese text that are not a name, a code or hex (issue 20 item 3): a word in
 * capitals or with a digit (SELECT, 9F36, 61xx, UK1, T=0), a camel-case function name (iReadCardBas), a
 * profile field (product.kind), a one-letter symbol (63Cx, x > 0), a name put in 「」 (a test card, 「tm-expired」) and LATIN_NAMES pass;
 * "record", "the", "Failed" do not.
 */
export function latinWords(text: string): string[] {
  const words = text.replace(/「[^」]*」/g, ' ').match(/[A-Za-z0-9][A-Za-z0-9_.\-/=]*/g) ?? [];
  return words.filter((w) => w.length > 1 && /[a-z]/.test(w) && !/\d/.test(w) && !/^[a-z]+[A-Z]/.test(w) && !/^\w+(\.\w+)+$/.test(w) && !LATIN_NAMES.has(w));
}
