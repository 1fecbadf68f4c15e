/**
 * The medical functions of the social-security reader interface (sc_reader / LD/T 6001.5: iDoDebit
 * "消费交易" §8.1, iReadDebitRecord "读消费交易记录" §9.1), PSAM mode, on the offline medical account of
 * DF04 (社会保障卡规范 part 7 §12) through src/medical/terminal.ts. Error codes: appendix A, −(SW) of
 * the card's or PSAM's answer (−37634 MAC 无效, −37889 金额不足 …), −51/−52 for the PIN.
 * Request parameters [choice, docs/medical.md]: account, selfPaid, pooled in 分 (the three amounts of
 * INITIALIZE FOR PURCHASE) and time (YYYYMMDDHHMMSS, default the terminal's today at 12:00:00).
 */
import { SW } from '../../src/apdu/sw.ts';
import { toHex } from '../../src/bytes/hex.ts';
import * as iso from '../../src/iso7816/commands.ts';
import { DETAIL_RECORD_LENGTH, parseDetailRecord } from '../../src/medical/commands.ts';
import { type PurchaseAmounts, TRANSACTION_TYPE, u32 } from '../../src/medical/crypto.ts';
import { MEDICAL_KEY_INDEX } from '../../src/medical/keys.ts';
import { EF08_SFI, MedicalTerminal } from '../../src/medical/terminal.ts';
import { NonConformance } from '../../src/verdict/errors.ts';
import type { TerminalOutcome, TerminalRequest } from '../../src/protocol/terminal.ts';
import { LDT33_CODE, type SsTerminalConfig } from './api.ts';
import type { ApduPort } from '../../src/sscard/psam.ts';
import { terminalRules } from '../faults.ts';

export const MEDICAL_OPERATIONS = ['iDoDebit', 'iReadDebitRecord'] as const;

const fen = (n: number) => (n / 100).toFixed(2);

function failed(sw: number, what: string): TerminalOutcome {
  return { result: 'error', code: -(sw & 0xffff), message: `${what} answered ${sw.toString(16).toUpperCase().padStart(4, '0')}` };
}

/** SELECT of the SSSE and DF04 (the PSAM identifies the card), then the PIN: the terminal, or the error outcome. */
export async function openAccount(
  card: ApduPort,
  psam: ApduPort,
  atr: Uint8Array,
  request: TerminalRequest,
  defects: ReadonlySet<string>,
): Promise<MedicalTerminal | TerminalOutcome> {
  const rules = terminalRules(defects);
  const t = new MedicalTerminal(card, psam, atr);
  try {
    await t.selectDf04();
  } catch (e) {
    if (e instanceof NonConformance) return { result: 'error', code: -1, message: e.message };
    throw e;
  }
  if (!rules.debitAsksPin) return t;
  const r = await t.verifyPin(request.pin ?? '');
  if (r.sw === SW.NO_ERROR) return t;
  if (r.sw === SW.AUTHENTICATION_METHOD_BLOCKED || r.sw === 0x63c0) return { result: 'error', code: LDT33_CODE.PIN_LOCKED, message: 'PIN locked' };
  if (r.sw >> 4 === 0x63c) return { result: 'error', code: LDT33_CODE.PIN_WRONG, message: `PIN wrong, ${r.sw & 0x0f} tries left` };
  return failed(r.sw, 'VERIFY');
}

/** iDoDebit (§8.1.3): PIN, INITIALIZE FOR PURCHASE, MAC1 from the PSAM, DEBIT FOR PURCHASE, MAC2 to the PSAM. */
export async function iDoDebit(card: ApduPort, psam: ApduPort, atr: Uint8Array, request: TerminalRequest, config: SsTerminalConfig): Promise<TerminalOutcome> {
  const p = request.params ?? {};
  const asked = { account: Number(p['account'] ?? request.amount ?? 0), selfPaid: Number(p['selfPaid'] ?? 0), pooled: Number(p['pooled'] ?? 0) };
  // A terminal breaking debitKeepsAmountSign reads −100 as 100.
  const rules = terminalRules(config.defects);
  const amounts = rules.debitKeepsAmountSign ? asked : { account: Math.abs(asked.account), selfPaid: Math.abs(asked.selfPaid), pooled: Math.abs(asked.pooled) };
  const time = String(p['time'] ?? `${config.today}120000`);
  // §8.1.3 (1): the input first, then the devices; −14 参数错误 (appendix A).
  const refused = payInfoProblem(amounts, time);
  if (refused && rules.debitChecksPayInfoFirst) return refused;
  const t = await openAccount(card, psam, atr, request, config.defects);
  if (!(t instanceof MedicalTerminal)) return t;
  if (refused) return refused;
  return debitAccount(t, amounts, time, config.defects);
}

/** The pay information of §8.1.2 (3): amounts in 分 within 4 bytes, 交易时间 YYYYMMDDHHMMSS; the −14 outcome, or undefined. */
function payInfoProblem(amounts: PurchaseAmounts, time: string): TerminalOutcome | undefined {
  if (![amounts.account, amounts.selfPaid, amounts.pooled].every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff))
    return { result: 'error', code: -14, message: 'amounts must be whole 分 from 0 to 42949672.95 元' };
  if (!/^\d{14}$/.test(time)) return { result: 'error', code: -14, message: `time "${time}" is not YYYYMMDDHHMMSS` };
  return undefined;
}

/** The purchase of iDoDebit on an opened account (§8.1.3 (7)–(9)): success with pOutInfo, or the refusing command's code. */
export async function debitAccount(t: MedicalTerminal, amounts: PurchaseAmounts, time: string, defects: ReadonlySet<string>): Promise<TerminalOutcome> {
  const rules = terminalRules(defects);
  const run = await t.purchase(amounts, { time });
  const lax = !rules.debitReportsRefusal;
  if (run.init.sw !== SW.NO_ERROR && !lax) return failed(run.init.sw, 'INITIALIZE FOR PURCHASE');
  if (run.debit && run.debit.sw !== SW.NO_ERROR && !lax) return failed(run.debit.sw, 'DEBIT FOR PURCHASE');
  // Part 7 §12.7: the PSAM's check of MAC2 decides.
  if (run.debit?.sw === SW.NO_ERROR && run.mac2Valid !== true && rules.debitChecksMac2)
    return { result: 'error', code: -SW.MAC_INVALID, message: "the PSAM refused the card's MAC2 (CREDIT SAM FOR PURCHASE)" };
  const tac = run.tac ? run.tac.slice() : new Uint8Array(4);
  if (!rules.debitReportsCardTac) tac.reverse();
  const terminal = toHex(await t.terminalNumber());
  const fields: Record<string, string> = {
    算法标识: toHex(Uint8Array.of(t.algorithmId)),
    密钥地址: toHex(Uint8Array.of(MEDICAL_KEY_INDEX)),
    交易金额: toHex(Uint8Array.from([...u32(amounts.selfPaid), ...u32(amounts.pooled)])),
    交易类型: toHex(Uint8Array.of(TRANSACTION_TYPE.purchase)),
    终端机编号: terminal,
    终端交易序号: toHex(run.terminalSeq ?? new Uint8Array(4)),
    交易时间: time,
    交易验证码: toHex(tac),
  };
  return {
    result: 'success',
    code: LDT33_CODE.OK,
    output: Object.values(fields)
      .map((f) => `${f}|`)
      .join(''),
    fields,
  };
}

/**
 * iReadDebitRecord (§9.1.3): PIN, then every EF08 record; each purchase reported as 交易序号^终端机编号^
 * 交易时间^本次消费总金额^个人账户+统筹基金^ (元, 2 decimals), records joined by "|". [choice] 本次消费总金额 =
 * 个人自付 + 统筹基金 (V2.0 §8.5.3.6: 个人自付 includes what the personal account paid); loads are no 消费.
 */
export async function iReadDebitRecord(
  card: ApduPort,
  psam: ApduPort,
  atr: Uint8Array,
  request: TerminalRequest,
  config: SsTerminalConfig,
): Promise<TerminalOutcome> {
  const rules = terminalRules(config.defects);
  const t = await openAccount(card, psam, atr, request, config.defects);
  if (!(t instanceof MedicalTerminal)) return t;
  const records: string[] = [];
  for (let n = 1; n <= 254; n++) {
    const r = await t.send(iso.readRecord(n, EF08_SFI, iso.RECORD_MODE.NUMBER, DETAIL_RECORD_LENGTH));
    if (r.sw === SW.RECORD_NOT_FOUND) break;
    if (r.sw !== SW.NO_ERROR) return failed(r.sw, `READ RECORD ${n} of EF08`);
    const rec = parseDetailRecord(r.data);
    if (!rec && rules.readDebitRejectsMalformedRecord) return { result: 'error', code: -27264, message: `EF08 record ${n} is ${r.data.length} bytes, not 28` };
    if (!rec) continue;
    if (rec.type === TRANSACTION_TYPE.purchase)
      records.push(
        [
          String(rec.seq),
          rec.terminal,
          rec.time,
          fen(rules.readDebitTotalIsSum ? rec.selfPaid + rec.pooled : rec.selfPaid - rec.pooled),
          fen(rec.account + rec.pooled),
        ]
          .map((f) => `${f}^`)
          .join(''),
      );
    if (!rules.readDebitRecordsAll) break;
  }
  return { result: 'success', code: LDT33_CODE.OK, output: records.map((r) => `${r}|`).join('') };
}
