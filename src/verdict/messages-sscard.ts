/** The diagnoses of the social-security application (src/sscard, steps/sscard*.ts, restore): en and zh-CN, as messages.ts. */
export const SSCARD_MESSAGES = {
  // The PSAM's own commands (steps/psam.steps.ts).
  'psam.sim': { en: 'a PSAM of the COS under test is only available from the simulator', zh: '被测 COS 的 PSAM 只能由模拟器提供' },
  // Data item formats (src/sscard/data.ts, V2.0 §7, §8).
  'item.notCn': { en: '{hex} is not cn (BCD digits padded with F)', zh: '{hex} 不是 cn 格式 (以 F 填充的 BCD 数字)' },
  'item.anZero': {
    en: '{hex} has 00 inside the text: an is left-aligned and padded on the right',
    zh: '{hex} 的文本中间有 00: 字符型数据应左对齐并在右侧填充',
  },
  'item.notGbk': { en: '{hex} is not valid GBK text', zh: '{hex} 不是合法的 GBK 文本' },
  'item.dateDigits': { en: 'date {hex} has {n} digits, expected YYYYMMDD', zh: '日期 {hex} 有 {n} 位数字, 预期为 YYYYMMDD' },
  'item.notCalendarDate': { en: 'date {d} is not a calendar date', zh: '日期 {d} 不是日历上存在的日期' },
  'item.ssnFormat': {
    en: '社会保障号码 "{id}" is not 17 digits and a check character 0–9 or X',
    zh: '社会保障号码 "{id}" 不是 17 位数字加一位校验码 (0–9 或 X)',
  },
  'item.ssnBirth': { en: '社会保障号码 "{id}" holds no valid date of birth ({date})', zh: '社会保障号码 "{id}" 中没有合法的出生日期 ({date})' },
  'item.ssnCheck': {
    en: '社会保障号码 "{id}" has check character {c}, GB 11643 gives {expected}',
    zh: '社会保障号码 "{id}" 的校验码为 {c}, 按 GB 11643 应为 {expected}',
  },
  'item.cardNoFormat': { en: '卡号 "{no}" is not 8 letters/digits and a check character', zh: '卡号 "{no}" 不是 8 位字母或数字加一位校验码' },
  'item.cardNoCheck': { en: '卡号 "{no}" has check character {c}, annex A gives {expected}', zh: '卡号 "{no}" 的校验码为 {c}, 按附录 A 应为 {expected}' },
  'item.cardIdLength': { en: '卡的识别码 is {n} bytes, expected 16', zh: '卡的识别码长 {n} 字节, 预期为 16 字节' },
  'item.cardIdCity': { en: '卡的识别码 city code {city} is not 6 BCD digits', zh: '卡的识别码中的城市代码 {city} 不是 6 位 BCD 数字' },
  'item.cardIdRid': { en: '卡的识别码 holds RID {rid}, expected D156000005', zh: '卡的识别码中的 RID 为 {rid}, 预期为 D156000005' },
  'item.institutionIssuer': {
    en: '初始化机构编号 {d} does not start with the issuer id 9156000002',
    zh: '初始化机构编号 {d} 不以发行机构标识 9156000002 开头',
  },
  'item.institutionDigits': { en: '初始化机构编号 {d} has {n} digits, expected 24', zh: '初始化机构编号 {d} 有 {n} 位数字, 预期为 24 位' },
  'item.cardType': { en: '卡的类别 "{t}" is not 1, 2, 3 or 4', zh: '卡的类别 "{t}" 不是 1、2、3 或 4' },
  'item.sex': { en: '性别 "{t}" is not 1, 2 or 9', zh: '性别 "{t}" 不是 1、2 或 9' },
  'item.ethnic': { en: '民族 {hex} is not a GB 3304 code', zh: '民族 {hex} 不是 GB 3304 代码' },
  'item.version': { en: '规范版本 "{v}" is not x.yz', zh: '规范版本 "{v}" 不是 x.yz 格式' },
  'item.noSuchTag': { en: 'no data item with tag {tag}', zh: '没有标签为 {tag} 的数据项' },
  'item.recordShort': { en: 'record of {n} bytes is not a SIMPLE-TLV data object', zh: '{n} 字节的记录不是 SIMPLE-TLV 数据对象' },
  'item.recordTag': { en: 'record has tag {tag}, expected {expected} ({name})', zh: '记录的标签为 {tag}, 预期为 {expected} ({name})' },
  'item.length': { en: '{name} is {n} bytes, V2.0 table 9 gives {expected}', zh: '{name}长 {n} 字节, V2.0 表 9 规定为 {expected} 字节' },
  'item.recordLength': { en: 'record is {n} bytes, its length byte says {len}', zh: '记录长 {n} 字节, 其长度字节为 {len}' },
  // Restoring the sample (steps/restore.steps.ts).
  'restore.ssPinCounter': { en: 'the SSSE PIN try counter', zh: 'SSSE 个人密码尝试计数器' },
  'restore.ssPin': { en: 'the SSSE PIN', zh: 'SSSE 个人密码' },
  'restore.keyCounter': { en: 'the try counter of {key}', zh: '{key} 的尝试计数器' },
  'restore.item02': { en: 'item 02 of the SSSE', zh: 'SSSE 的数据项 02' },
  'restore.df04Record': { en: 'the DF04 business record', zh: 'DF04 的业务记录' },
  'restore.pinUnblockPuk': {
    en: 'PIN UNBLOCK (84 24 00 00) after PUK authentication answered {sw}: the PIN stays blocked',
    zh: '用 PUK 认证后的 PIN UNBLOCK (84 24 00 00) 应答 {sw}: 个人密码仍处于锁定状态',
  },
  'restore.verifyAfterUnblock': {
    en: "after PIN UNBLOCK, VERIFY with the profile's PIN answered {sw}",
    zh: 'PIN UNBLOCK 之后, 用配置文件的个人密码进行 VERIFY 应答 {sw}',
  },
  'restore.withMac': { en: '{command} with MAC answered {sw}', zh: '带 MAC 的 {command} 应答 {sw}' },
  'restore.notReadable': {
    en: 'it cannot be read before the write ({command} answered {sw}), so the scenario would not restore it',
    zh: '写入之前无法读取 ({command} 应答 {sw}), 场景将无法恢复它',
  },
  // The social-security terminal and the PSAM (src/sscard/terminal.ts, psam.ts).
  'ssterm.fciNotTlv': { en: 'SSSE FCI is not BER-TLV ({detail}): {data}', zh: 'SSSE 的 FCI 不是合法的 BER-TLV ({detail}): {data}' },
  'ssterm.fciNo6F': { en: 'SSSE FCI has no template 6F: {data}', zh: 'SSSE 的 FCI 中没有模板 6F: {data}' },
  'ssterm.fciNo84': { en: 'SSSE FCI has no DF name 84: {data}', zh: 'SSSE 的 FCI 中没有 DF 名称 84: {data}' },
  'ssterm.9F0CNotTlv': { en: '9F0C of the SSSE FCI is not BER-TLV: {data}', zh: 'SSSE 的 FCI 中的 9F0C 不是合法的 BER-TLV: {data}' },
  'ssterm.9F0CNo86': {
    en: '9F0C of the SSSE FCI holds no one-byte algorithm identifier 86: {data}',
    zh: 'SSSE 的 FCI 中的 9F0C 没有一字节的算法标识 86: {data}',
  },
  'ssterm.notCn': { en: '{what} {hex} is not cn', zh: '{what} {hex} 不是 cn 格式' },
  'ssterm.algorithm': {
    en: 'the SSSE FCI names algorithm {id}, which this terminal does not support (01 3DES, 03 SM4)',
    zh: 'SSSE 的 FCI 指明算法 {id}, 本终端不支持该算法 (01 为 3DES, 03 为 SM4)',
  },
  'ssterm.recordNotItem': {
    en: 'record {tag} is not one SIMPLE-TLV object with that tag: {data}',
    zh: '记录 {tag} 不是一个带该标签的 SIMPLE-TLV 数据对象: {data}',
  },
  'ssterm.challenge': { en: 'GET CHALLENGE of 8 bytes gave {n}', zh: '请求 8 字节的 GET CHALLENGE 给出 {n} 字节' },
  'ssterm.internalAuth': {
    en: 'INTERNAL AUTHENTICATE with IRK answered {data} {sw}; the PSAM expects {expected}',
    zh: '用 IRK 的 INTERNAL AUTHENTICATE 应答 {data} {sw}; PSAM 预期为 {expected}',
  },
  'ssterm.readItem': { en: 'READ RECORD of identifier {tag}', zh: '标识符为 {tag} 的 READ RECORD' },
  'ssterm.externalWith': { en: 'EXTERNAL AUTHENTICATE with {key}', zh: '用 {key} 的 EXTERNAL AUTHENTICATE' },
  'psam.answered': { en: 'PSAM {what} answered {sw}', zh: 'PSAM 的 {what} 应答 {sw}' },
  'psam.cipherLength': { en: 'PSAM CIPHER DATA gave {n} bytes, expected {m}', zh: 'PSAM 的 CIPHER DATA 给出 {n} 字节, 预期为 {m} 字节' },
  'psam.encrypt': { en: 'CIPHER DATA (encrypt)', zh: 'CIPHER DATA (加密)' },
  'psam.encryptPin': { en: 'CIPHER DATA (encrypt PIN)', zh: 'CIPHER DATA (加密个人密码)' },
  'probe.sizing': { en: 'READ BINARY at offset {offset} answered {sw} while sizing the EF', zh: '测定文件大小时, 偏移量 {offset} 处的 READ BINARY 应答 {sw}' },
  'perso.challenge': { en: 'GET CHALLENGE answered {sw} with {n} bytes', zh: 'GET CHALLENGE 应答 {sw}, 带 {n} 字节' },
} as const;
