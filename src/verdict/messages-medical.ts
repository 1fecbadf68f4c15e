/** The diagnoses of the medical account steps (steps/medical*.ts, features/medical): en and zh-CN, as messages.ts. */
export const MEDICAL_MESSAGES = {
  'med.noPin': { en: 'keys.pin is not given in the profile', zh: '配置文件未给出 keys.pin' },
  'med.balanceMax': { en: 'the balance is FFFFFFFF: no amount above it fits 4 bytes', zh: '余额为 FFFFFFFF: 高于它的金额无法用 4 字节表示' },
  'med.totalZero': { en: 'the yearly total is 0: no 4-byte amount takes it past FFFFFFFF', zh: '年度累计金额为 0: 任何 4 字节金额都不能使其超过 FFFFFFFF' },
  'med.balanceFull': { en: 'the balance is already FFFFFFFF: there is no load to fill it with', zh: '余额已为 FFFFFFFF: 无需圈存即可填满' },
  'med.balanceZero': { en: 'the balance is 0: no 4-byte amount takes it past FFFFFFFF', zh: '余额为 0: 任何 4 字节金额都不能使其超过 FFFFFFFF' },
  'med.restoreLoad': { en: 'the load of {n} fen that restores the balance', zh: '恢复余额的 {n} 分圈存' },
  'med.restorePurchase': { en: 'the purchase of {n} fen that restores the balance', zh: '恢复余额的 {n} 分消费' },
  'med.noDebit': {
    en: 'INITIALIZE FOR PURCHASE answered {sw}; no DEBIT FOR PURCHASE to send',
    zh: 'INITIALIZE FOR PURCHASE 应答 {sw}; 无可发送的 DEBIT FOR PURCHASE',
  },
  'med.noCredit': {
    en: 'INITIALIZE FOR LOAD answered {sw}{refused}; no CREDIT FOR LOAD to send',
    zh: 'INITIALIZE FOR LOAD 应答 {sw}{refused}; 无可发送的 CREDIT FOR LOAD',
  },
  'med.mac1Refused': { en: ' with a MAC1 the host refuses', zh: ', 主机不接受其 MAC1' },
  'med.purchaseNotStarted': { en: 'the purchase did not start', zh: '消费未开始' },
  'med.previousNotStarted': { en: 'the previous purchase did not start', zh: '上一笔消费未开始' },
  'med.loadNotStarted': { en: 'the load did not start', zh: '圈存未开始' },
  'med.startingDayBack': { en: 'UPDATE STARTING DAY back to the noted day', zh: '恢复为所记下日期的 UPDATE STARTING DAY' },
  'med.mustOk': { en: '{what} answered {answered}; expected 9000', zh: '{what} 应答 {answered}; 预期为 9000' },
  'med.notSent': { en: 'nothing (not sent)', zh: '无 (未发送)' },
  'med.mac1Host': {
    en: 'the host refuses the MAC1 of INITIALIZE FOR LOAD (SESLK from DLK, part 7 §11.2)',
    zh: '主机不接受 INITIALIZE FOR LOAD 的 MAC1 (由 DLK 导出 SESLK, 第 7 部分 §11.2)',
  },
  'med.mac2Psam': {
    en: "CREDIT SAM FOR PURCHASE refused the card's MAC2 (SESPK over the three amounts, part 7 §12.6)",
    zh: 'CREDIT SAM FOR PURCHASE 不接受卡的 MAC2 (SESPK 计算三个金额, 第 7 部分 §12.6)',
  },
  'med.purchaseTac': {
    en: 'the TAC {tac} is not the one DTK gives (part 7 §12.6, §15)',
    zh: 'TAC {tac} 不是 DTK 计算所得的值 (第 7 部分 §12.6, §15)',
  },
  'med.loadTac': {
    en: 'the TAC of CREDIT FOR LOAD is not the one DTK gives (part 7 §11.8, §15)',
    zh: 'CREDIT FOR LOAD 的 TAC 不是 DTK 计算所得的值 (第 7 部分 §11.8, §15)',
  },
  'med.balance': { en: 'balance {b}; noted {noted}, expected {expected}', zh: '余额为 {b}; 记下的为 {noted}, 预期为 {expected}' },
  'med.balanceMoved': { en: 'balance {b}; noted {noted}: money moved', zh: '余额为 {b}; 记下的为 {noted}: 金额发生了变动' },
  'med.purchaseSeq': {
    en: 'purchase sequence number {s}; noted {noted}, expected {expected}',
    zh: '消费交易序号为 {s}; 记下的为 {noted}, 预期为 {expected}',
  },
  'med.loadSeq': { en: 'load sequence number {s}; noted {noted}, expected {expected}', zh: '圈存交易序号为 {s}; 记下的为 {noted}, 预期为 {expected}' },
  'med.ef08Changed': { en: 'the newest EF08 record changed: {n} (noted {noted})', zh: 'EF08 最新记录发生了变化: {n} (记下的为 {noted})' },
  'med.ef08NoRecord': {
    en: 'EF08 record 1 is {hex}; expected a 28-byte record (V2.0 §8.5.3)',
    zh: 'EF08 第 1 条记录为 {hex}; 预期为 28 字节的记录 (V2.0 §8.5.3)',
  },
  'med.clausePurchase': { en: 'part 7 §12.6', zh: '第 7 部分 §12.6' },
  'med.clauseLoad': { en: 'part 7 §11.8', zh: '第 7 部分 §11.8' },
  'med.ef08Record': { en: 'EF08 record 1 {got}; expected {want} ({clause})', zh: 'EF08 第 1 条记录为 {got}; 预期为 {want} ({clause})' },
  'med.yearly': {
    en: 'SPIP {spip}, SPFP {spfp}, year {year}; expected {eSpip}, {eSpfp}, {eYear} (part 7 §12.6)',
    zh: '年度自付累计 (SPIP) {spip}, 年度统筹累计 (SPFP) {spfp}, 年度 {year}; 预期为 {eSpip}, {eSpfp}, {eYear} (第 7 部分 §12.6)',
  },
  'med.yearlyRestart': {
    en: 'SPIP {spip}, SPFP {spfp}, year {year}; expected {eSpip}, {eSpfp}, {eYear} (part 7 §12.6: n ≥ 10000 restarts the year)',
    zh: '年度自付累计 (SPIP) {spip}, 年度统筹累计 (SPFP) {spfp}, 年度 {year}; 预期为 {eSpip}, {eSpfp}, {eYear} (第 7 部分 §12.6: n ≥ 10000 时重新开始年度)',
  },
  'med.balanceTwoWays': {
    en: 'GET BALANCE gives {balance}, INITIALIZE FOR PURCHASE {init} (tables 59, 71: one CIA balance)',
    zh: 'GET BALANCE 给出 {balance}, INITIALIZE FOR PURCHASE 给出 {init} (表 59, 71: 个人账户只有一个余额)',
  },
  'med.totalsTwoWays': {
    en: 'GET BALANCE gives SPIP {spip}, SPFP {spfp}, year {year}; INITIALIZE FOR PURCHASE {iSpip}, {iSpfp}, {iYear} (tables 59, 71)',
    zh: 'GET BALANCE 给出 SPIP {spip}, SPFP {spfp}, 年度 {year}; INITIALIZE FOR PURCHASE 给出 {iSpip}, {iSpfp}, {iYear} (表 59, 71)',
  },
  'med.startingDayFormat': { en: 'starting day {d} is no mmdd in cn (part 5 table 77)', zh: '年度起始日期 {d} 不是 cn 格式的月日 (第 5 部分表 77)' },
  'med.startingDay': { en: 'GET STARTING DAY gives {d}; expected {mmdd}', zh: 'GET STARTING DAY 给出 {d}; 预期为 {mmdd}' },
  'med.selectDf04': { en: 'SELECT of DF04 {aid}', zh: '选择 DF04 {aid}' },
  'med.getBalance': { en: 'GET BALANCE (P2 {p2})', zh: 'P2 为 {p2} 的 GET BALANCE' },
  'med.debitLength': {
    en: 'DEBIT FOR PURCHASE gave {length} bytes; table 56 has 8 (TAC, MAC2)',
    zh: 'DEBIT FOR PURCHASE 给出 {length} 字节; 表 56 规定为 8 字节 (TAC, MAC2)',
  },
  'med.initPurchase0': { en: 'INITIALIZE FOR PURCHASE of 0', zh: '金额为 0 的 INITIALIZE FOR PURCHASE' },
  'med.initLoad0': { en: 'INITIALIZE FOR LOAD of 0', zh: '金额为 0 的 INITIALIZE FOR LOAD' },
  'med.readEf08': { en: 'READ RECORD 1 of EF08', zh: 'EF08 的 READ RECORD 1' },
  'med.externalDsk': { en: 'EXTERNAL AUTHENTICATE with DSK', zh: '用 DSK 的 EXTERNAL AUTHENTICATE' },
  'med.sequenceFfffSim': {
    en: 'a card prepared at sequence number FFFF is only available from the simulator',
    zh: '交易序号为 FFFF 的预制卡只能由模拟器提供',
  },
  'med.startingDayNoted': { en: 'GET STARTING DAY gives {d}; noted {noted}', zh: 'GET STARTING DAY 给出 {d}; 记下的为 {noted}' },
  'psam.initSamPurchase': {
    en: 'PSAM INIT SAM FOR PURCHASE answered {sw} (key version {keyVersion}, algorithm {algorithm} from the card)',
    zh: 'PSAM 的 INIT SAM FOR PURCHASE 应答 {sw} (卡给出的密钥版本 {keyVersion}, 算法 {algorithm})',
  },
  'psam.dsk': { en: 'PSAM DELIVERY SESSION KEY DSK answered {sw}', zh: 'PSAM 的 DELIVERY SESSION KEY DSK 应答 {sw}' },
} as const;
