/** The tearing sweeps' diagnoses (src/run/tearing*.ts, steps/tearing.steps.ts; LD/T 6001.2 防拔): en and zh-CN, as messages.ts. */
export const TEARING_MESSAGES = {
  'tear.readBinary': { en: 'READ BINARY of EF07 at {at} answered {sw}', zh: '在偏移 {at} 处对 EF07 的 READ BINARY 应答 {sw}' },
  'tear.pukAuth': { en: 'EXTERNAL AUTHENTICATE with PUK answered {sw}', zh: '用 PUK 的 EXTERNAL AUTHENTICATE 应答 {sw}' },
  'tear.ssseMasterKey': {
    en: 'the SSSE master key does not authenticate ({select}, {auth})',
    zh: 'SSSE 主控密钥认证不通过 ({select}, {auth})',
  },
  'tear.cardMasterKey': { en: 'the card master key does not authenticate ({sw})', zh: '卡片主控密钥认证不通过 ({sw})' },
  'tear.debitSelect': { en: 'SELECT of the debit application answered {sw}', zh: '借记应用的 SELECT 应答 {sw}' },
  'tear.gpo': { en: 'GET PROCESSING OPTIONS answered {sw}', zh: 'GET PROCESSING OPTIONS 应答 {sw}' },
  'tear.firstGac': {
    en: 'the first GENERATE AC asked for an ARQC answered {sw} {type}',
    zh: '请求 ARQC 的第一次 GENERATE AC 应答 {sw} {type}',
  },
  'tear.noPbocKeys': {
    en: 'the profile gives no keys.pboc: the issuer scripts cannot be MACed',
    zh: '配置文件未给出 keys.pboc: 无法为发卡行脚本计算 MAC',
  },
  'tear.applicationBlock': { en: 'APPLICATION BLOCK by script answered {sw}', zh: '以脚本发送的 APPLICATION BLOCK 应答 {sw}' },
  'tear.ssseVerify': { en: 'VERIFY of the SSSE PIN answered {sw}', zh: 'SSSE 个人密码的 VERIFY 应答 {sw}' },
  'tear.initLoad': { en: 'INITIALIZE FOR LOAD answered {sw}', zh: 'INITIALIZE FOR LOAD 应答 {sw}' },
  'tear.initPurchase': { en: 'INITIALIZE FOR PURCHASE answered {sw}', zh: 'INITIALIZE FOR PURCHASE 应答 {sw}' },
  'tear.untornNothing': {
    en: '{name}: the untorn command answered {sw}, so there is nothing to tear',
    zh: '{name}: 未断电的命令应答 {sw}, 没有可断电的写入',
  },
  'tear.untornNot9000': { en: '{name}: the untorn command answered {sw}, not 9000', zh: '{name}: 未断电的命令应答 {sw}, 而不是 9000' },
  'tear.needsReader': { en: 'needs a power-cut reader (profile target.tear)', zh: '需要可断电的读卡器 (配置文件 target.tear)' },
  'tear.noRecord': { en: 'no record of EF05 or EF06 could be read', zh: 'EF05 和 EF06 的记录都无法读出' },
  'tear.noCutPoint': { en: 'no cut point was tried', zh: '没有试过任何断电点' },
  'tear.broken': {
    en: '{failed} of {cutPoints} cut points break the rule: {first}',
    zh: '{cutPoints} 个断电点中有 {failed} 个违反规则: {first}',
  },
  'tear.point': { en: '{case}, cut after write {k} of {writes}: {what}', zh: '{case}, 第 {writes} 次写入中的第 {k} 次之后断电: {what}' },
  'tear.untornUnchanged': {
    en: 'untorn, the command answered {sw} but the terminal still reads {view}: it changed nothing',
    zh: '未断电时命令应答 {sw}, 但终端读到的仍是 {view}: 命令什么也没有改变',
  },
  'tear.untornNotMade': {
    en: 'untorn, the command answered {sw} but the terminal reads {view}: it did not do what it is for',
    zh: '未断电时命令应答 {sw}, 但终端读到 {view}: 命令没有完成它的功能',
  },
  'tear.cutDidNotTake': {
    en: 'the cut after write {k} did not take: the card answered ({writes} writes)',
    zh: '第 {k} 次写入之后的断电没有生效: 卡片作出了应答 (写入 {writes} 次)',
  },
  'tear.neitherOldNorNew': {
    en: 'after the power-up the card is neither as before nor as after the command: {items}',
    zh: '重新上电后卡片既不是命令之前的状态, 也不是命令之后的状态: {items}',
  },
  'tear.changedBeforeFirstWrite': {
    en: 'cut before its first NVM write, the card is changed all the same: {items}',
    zh: '在第一次 NVM 写入之前断电, 卡片仍被改变: {items}',
  },
  'tear.notMadeAfterLastWrite': {
    en: 'cut after its last NVM write, the card is not as the command made it: {items}',
    zh: '在最后一次 NVM 写入之后断电, 卡片不是命令应有的状态: {items}',
  },
  'tear.noAnswerAfterPowerUp': { en: 'after the power-up the card does not answer: {detail}', zh: '重新上电后卡片不应答: {detail}' },
  'tear.readsNeither': {
    en: 'the terminal reads {view}, neither the old {old} nor the new {neu}',
    zh: '终端读到 {view}, 既不是旧值 {old} 也不是新值 {neu}',
  },
  'tear.itemMixed': { en: '{item} = {value} (old {old}, new {neu})', zh: '{item} = {value} (旧值 {old}, 新值 {neu})' },
  'tear.oldWithNew': { en: 'old {old} with new {neu}', zh: '旧的 {old} 与新的 {neu} 混在一起' },
  'tear.itemExpected': { en: '{item} = {value} ({expected} expected)', zh: '{item} = {value} (应为 {expected})' },
  'tear.comparesFirst': {
    en: 'cut after write {k}: {wrong} leaves the counter at {b}, {right} at {a}: the card compares before it spends the try',
    zh: '第 {k} 次写入之后断电: {wrong} 使计数器为 {b}, {right} 为 {a}: 卡片在扣减尝试次数之前就比较了个人密码',
  },
  'tear.comparesFirstUntorn': {
    en: 'cut after write {k}: {wrong} leaves the counter at {b}, {right} at {a} (it answered before any cut: it wrote nothing before the comparison): the card compares before it spends the try',
    zh: '第 {k} 次写入之后断电: {wrong} 使计数器为 {b}, {right} 为 {a} (它在断电之前已应答: 比较之前未写入任何内容): 卡片在扣减尝试次数之前就比较了个人密码',
  },
  'tear.rightKeepsTrySpent': {
    en: 'untorn, {right} after {wrong} leaves the counter at {b}, {right} alone at {a}: the right attempt does not give the spent try back',
    zh: '未断电时, 在 {wrong} 之后的 {right} 使计数器为 {b}, 单独的 {right} 为 {a}: 正确的尝试没有恢复已扣减的尝试次数',
  },
  'tear.byTime': {
    en: '{field} {kind}: sweeping a power-cut reader by time is not implemented yet; the NVM-write sweep needs the simulator ({sim})',
    zh: '{field} {kind}: 尚未实现按时间扫描可断电读卡器; 按 NVM 写入的扫描需要模拟卡 ({sim})',
  },
  'pcsc.longShortResponse': {
    en: 'transmit on "{reader}": the card answered more than 256 data bytes to a short command, which can ask for at most 256 (ISO/IEC 7816-4 §5.1)',
    zh: '在读卡器 "{reader}" 上传输: 卡片对短命令应答了超过 256 字节的数据, 而短命令最多只能请求 256 字节 (ISO/IEC 7816-4 §5.1)',
  },
} as const;
