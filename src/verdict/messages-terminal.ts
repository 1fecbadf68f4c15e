/** The diagnoses of the terminal steps (steps/terminal*.ts, features/terminal): en and zh-CN, as messages.ts. */
export const TERMINAL_MESSAGES = {
  'tfin.no9F37': {
    en: "purchase {n}: the first GENERATE AC carried no 9F37, though the card's CDOL1 names it",
    zh: '第 {n} 笔消费: 卡的 CDOL1 列有 9F37, 但第一次 GENERATE AC 未带不可预知数 9F37',
  },
  'tfin.unpredictableRepeated': {
    en: '{n} purchases sent the unpredictable numbers {list}: {repeated} twice, though it identifies one transaction (JR/T 0025.4 §6.2.4.5.1 table 11)',
    zh: '{n} 笔消费发送的不可预知数为 {list}: {repeated} 出现两次, 而它应唯一标识一笔交易 (JR/T 0025.4 §6.2.4.5.1 表 11)',
  },
  'tfin.gpoAfterSelect': {
    en: 'the card saw GET PROCESSING OPTIONS after SELECT of {seen}, expected {aid}',
    zh: '卡在选择 {seen} 之后收到 GET PROCESSING OPTIONS, 预期为 {aid}',
  },
  'tfin.noApplication': { en: '(no application: no GPO)', zh: '(无应用: 未收到 GPO)' },
  'tfin.reportedApplication': { en: 'the terminal reports application {reported}, the card saw {seen}', zh: '终端报告的应用为 {reported}, 卡收到的是 {seen}' },
  'tfin.gpoFor': {
    en: 'the card saw GET PROCESSING OPTIONS (command {n}) for {selected}',
    zh: '卡收到针对 {selected} 的 GET PROCESSING OPTIONS (第 {n} 条命令)',
  },
  'tfin.gpoAgain': {
    en: 'GET PROCESSING OPTIONS (command {n}) again without a new application selection: one GPO starts the transaction (JR/T 0025.5 §7.3–7.4)',
    zh: '未重新选择应用又发送 GET PROCESSING OPTIONS (第 {n} 条命令): 一次 GPO 开始一笔交易 (JR/T 0025.5 §7.3–7.4)',
  },
  'tfin.externalBeforeGac': {
    en: 'EXTERNAL AUTHENTICATE (command {ea}) before the first GENERATE AC{gac}: the issuer authentication data answers its ARQC (JR/T 0025.5 §15.4)',
    zh: 'EXTERNAL AUTHENTICATE (第 {ea} 条命令) 在第一次 GENERATE AC{gac} 之前: 发卡行认证数据是对该 ARQC 的应答 (JR/T 0025.5 §15.4)',
  },
  'tfin.gacNone': { en: ' (none)', zh: ' (无)' },
  'tfin.gacCommand': { en: ' (command {n})', zh: ' (第 {n} 条命令)' },
  'tfin.velocityGetData': {
    en: 'GET DATA for {asked}: velocity checking needs the ATC 9F36 and the last online ATC 9F13',
    zh: 'GET DATA 读取了 {asked}: 频度检查需要交易计数器 (ATC) 9F36 和上次联机 ATC 9F13',
  },
  'tfin.nothing': { en: 'nothing', zh: '(无)' },
  'tfin.noPutData': { en: 'the card saw no PUT DATA {tag} (the issuer script)', zh: '卡未收到 PUT DATA {tag} (发卡行脚本)' },
  'tfin.noSecondGac': { en: 'the card saw no second GENERATE AC', zh: '卡未收到第二次 GENERATE AC' },
  'tfin.putDataWhen': {
    en: 'PUT DATA {tag} came {came} the second GENERATE AC; template {template} puts it {when}',
    zh: 'PUT DATA {tag} 在第二次 GENERATE AC {came}; 模板 {template} 规定在其{when}',
  },
  before: { en: 'before', zh: '之前' },
  after: { en: 'after', zh: '之后' },
  'tfin.putDataAnswered': { en: 'the card answered PUT DATA {tag} with {sw}', zh: '卡对 PUT DATA {tag} 应答 {sw}' },
  'tfin.noGpo': { en: 'the card saw no GET PROCESSING OPTIONS', zh: '卡未收到 GET PROCESSING OPTIONS' },
  'tfin.noPdol': { en: 'the selected application gave no PDOL', zh: '所选应用未给出 PDOL' },
  'tfin.gpoData': { en: 'the GPO data {data} carries {tag} = {v}, not {want}{why}', zh: 'GPO 数据 {data} 中 {tag} = {v}, 而不是 {want}{why}' },
  'tfin.gpoAbsent': { en: '(absent)', zh: '(不存在)' },
  'tfin.noEcOffered': {
    en: ': the terminal did not offer electronic cash (JR/T 0025.13 §7.4.2)',
    zh: ': 终端未表明支持电子现金 (JR/T 0025.13 §7.4.2)',
  },
  'tfin.noSmAnnounced': {
    en: ': the terminal did not announce SM algorithms (JR/T 0025.17 §10.3.3)',
    zh: ': 终端未表明支持国密算法 (JR/T 0025.17 §10.3.3)',
  },
  'tfin.getData9F79': { en: 'GET DATA 9F79 answered {sw}', zh: 'GET DATA 9F79 应答 {sw}' },
  'tfin.ecBalance': { en: 'the EC balance is {v} fen, expected {fen}', zh: '电子现金余额为 {v} 分, 预期为 {fen} 分' },
  'tfin.path': { en: 'the terminal reports the {path} path', zh: '终端报告的交易路径为 {path}' },
  'tfin.ecPath': {
    en: 'the card gave the EC issuer authorisation code 9F74: it took the EC path',
    zh: '卡给出了电子现金发卡行授权码 9F74: 交易走了电子现金路径',
  },
  'tfin.debitPath': {
    en: 'the card gave no EC issuer authorisation code 9F74: it took the debit path',
    zh: '卡未给出电子现金发卡行授权码 9F74: 交易走了借记路径',
  },
  'tfin.tvrSentReported': { en: 'TVR sent {sent}, reported {reported}', zh: '发送的 TVR 为 {sent}, 报告的为 {reported}' },
  'tfin.tvrMismatch': { en: 'the terminal reports TVR {reported} but sent {sent} to the card', zh: '终端报告的 TVR 为 {reported}, 但发给卡的是 {sent}' },
  'tfin.amount': {
    en: '9F02 in GENERATE AC is {amount}, the transaction was {fen} fen',
    zh: 'GENERATE AC 中的授权金额 9F02 为 {amount}, 而交易金额为 {fen} 分',
  },
  'tfin.currency': { en: '5F2A in GENERATE AC is {cur}, expected {currency}', zh: 'GENERATE AC 中的交易货币代码 5F2A 为 {cur}, 预期为 {currency}' },
  'tfin.bothSelected': {
    en: 'SSSE selected: {ssse}, financial application selected: {pay}; both must be',
    zh: '已选择 SSSE: {ssse}, 已选择金融应用: {pay}; 两者都应选择',
  },
  'tfin.financialFirst': { en: 'the financial application was selected before the SSSE', zh: '金融应用在 SSSE 之前被选择' },
  'tfin.noFinancialSelection': {
    en: 'the card saw no selection of the PSE or of a financial application',
    zh: '卡未收到对 PSE 或金融应用的选择',
  },
  'tfin.psamUnused': {
    en: 'the PSAM saw nothing before the payment: the social-security part did not use it',
    zh: '支付之前 PSAM 未收到任何命令: 社会保障部分未使用 PSAM',
  },
  'tfin.psamDuringPayment': {
    en: 'the PSAM saw {commands} during the payment: the PSAM serves the SSSE only (总体方案)',
    zh: '支付过程中 PSAM 收到了 {commands}: PSAM 只为 SSSE 服务 (总体方案)',
  },
  'tfin.cdaNotRequested': {
    en: 'the {which} GENERATE AC has P1 {p1}: b5 (CDA signature requested) is not set though the card offers CDA (JR/T 0025.7 §5.3.6)',
    zh: '{which} GENERATE AC 的 P1 为 {p1}: 卡支持 CDA, 但 b5 (请求 CDA 签名) 未置位 (JR/T 0025.7 §5.3.6)',
  },
  'tfin.noTvr': { en: 'the terminal reported no TVR', zh: '终端未报告终端验证结果 (TVR)' },
  // iReadCardBas's pOutInfo against what the card gave (src/terminal/sscard-trace.ts readCardBasProblems, LD/T 33 appendix A).
  'rcb.fieldCount': {
    en: 'pOutInfo has {n} fields each ended by "|", LD/T 33 gives {expected}: {output}',
    zh: 'pOutInfo 有 {n} 个以 "|" 结尾的字段, LD/T 33 规定为 {expected} 个: {output}',
  },
  'rcb.neverGiven': { en: 'field {i} {name}: the card never gave it to the terminal', zh: '第 {i} 个字段{name}: 卡从未把它给终端' },
  'rcb.differs': { en: 'field {i} {name}: reported "{reported}", the card gave "{want}"', zh: '第 {i} 个字段{name}: 报告为 "{reported}", 卡给出的是 "{want}"' },
} as const;
