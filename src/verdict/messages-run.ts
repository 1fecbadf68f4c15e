/** The pre-flight checks and the card's state before and after a run (src/run/preflight.ts): en and zh-CN, as messages.ts. */
export const RUN_MESSAGES = {
  'pre.ssseSelect': {
    en: 'the SSSE answers SELECT with {sw} (9303: blocked); the plan needs it',
    zh: 'SSSE 对 SELECT 应答 {sw} (9303: 已锁定); 测试计划需要它',
  },
  'pre.debitBlocked': {
    en: 'the debit application is blocked (SELECT answers 6283); unblock it by issuer script (APPLICATION UNBLOCK) before the run',
    zh: '借记应用已锁定 (SELECT 应答 6283); 请在运行前用发卡行脚本 (APPLICATION UNBLOCK) 解锁',
  },
  'pre.debitSelect': { en: 'the debit application answers SELECT with {sw}; the plan needs it', zh: '借记应用对 SELECT 应答 {sw}; 测试计划需要它' },
  'pre.pbocNotChecked': { en: 'keys.pboc not checked: {why}', zh: '未检查 keys.pboc: {why}' },
  'pre.gacAnswered': { en: 'GENERATE AC for an AAC answered {sw}', zh: '请求 AAC 的 GENERATE AC 应答 {sw}' },
  'pre.gpoAnswered': { en: 'GET PROCESSING OPTIONS answered {sw}', zh: 'GET PROCESSING OPTIONS 应答 {sw}' },
  'pre.selectFailed': { en: 'nothing (SELECT failed)', zh: '无 (SELECT 失败)' },
  'pre.costAtc': { en: 'one ATC step (an AAC, ATC {atc})', zh: '交易计数器 (ATC) 加 1 (一个 AAC, ATC 为 {atc})' },
  'pre.pbocOk': { en: "keys.pboc: the card's AAC verifies with the issuer master keys", zh: 'keys.pboc: 卡的 AAC 用发卡行主密钥验证通过' },
  'pre.pbocWrong': {
    en: "keys.pboc does not match the card: its AAC {ac} is not the {expected} the profile's issuer master keys give (wrong keys.pboc.imk, or another SM4 variant)",
    zh: 'keys.pboc 与卡不符: 卡的 AAC {ac} 不是配置文件的发卡行主密钥算出的 {expected} (keys.pboc.imk 错误, 或 SM4 的另一种变体)',
  },
  'pre.pinBlocked': {
    en: 'the SSSE PIN is blocked (0 tries left); unblock it (PIN UNBLOCK with the PUK) before the run',
    zh: 'SSSE 个人密码已锁定 (剩余 0 次); 请在运行前解锁 (用 PUK 进行 PIN UNBLOCK)',
  },
  'pre.pinOneTry': {
    en: 'the SSSE PIN has {n} try left: the plan presents wrong PINs and would block it; present the right PIN once (it restores the counter) before the run',
    zh: 'SSSE 个人密码只剩 {n} 次尝试: 测试计划会提交错误密码而使其锁定; 请在运行前提交一次正确密码 (恢复计数器)',
  },
  'pre.pinOk': { en: "keys.pin: the SSSE accepts the profile's PIN", zh: 'keys.pin: SSSE 接受配置文件中的个人密码' },
  'pre.pinWrong': { en: "keys.pin is not the card's SSSE PIN: VERIFY answered {sw}", zh: 'keys.pin 不是卡的 SSSE 个人密码: VERIFY 应答 {sw}' },
  'pre.costPin': {
    en: 'one SSSE PIN try{left}, which the next VERIFY with the right PIN restores',
    zh: '一次 SSSE 个人密码尝试{left}, 下一次用正确密码的 VERIFY 会恢复它',
  },
  'pre.left': { en: ' ({n} left)', zh: ' (剩余 {n} 次)' },
  'state.ssse': { en: 'SSSE {select}{tries}{blocked}', zh: 'SSSE 应用 {select}{tries}{blocked}' },
  'state.debit': { en: 'debit {select}{tries}{atc}{ec}', zh: '借记应用 {select}{tries}{atc}{ec}' },
  'state.pinTries': { en: ', PIN {n} tries left', zh: ', 个人密码剩余 {n} 次' },
  'state.pinBlocked': { en: ', PIN blocked', zh: ', 个人密码已锁定' },
  'state.debitBlocked': { en: 'blocked (6283)', zh: '已锁定 (6283)' },
  'state.atc': { en: ', ATC {atc}', zh: ', 交易计数器 (ATC) {atc}' },
  'state.ec': { en: ', EC balance {ec}', zh: ', 电子现金余额 {ec}' },
  'state.nothing': { en: 'nothing read', zh: '未读出任何状态' },
} as const;
