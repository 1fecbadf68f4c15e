/**
 * The integrated terminal's medical settlement (总体方案 二(二)3, 医疗费用即时结算后的费用支付): after the
 * medical-insurance system has settled a bill into 统筹基金支付 (pooled) and 个人自付 (self-paid, of which
 * 个人自费 items the personal account may not pay), the terminal debits the card's offline medical
 * account (社会保障卡规范 part 7 §12, through the PSAM, as iDoDebit does) for what the account may pay,
 * and charges the rest to the financial application (JR/T 0025.5, the reference POS, without the PSAM)
 * in the same card session.
 * [choice, docs/medical.md "The integrated terminal's settlement"]: the account part first (so that the
 * bank is charged only for what the account did not pay; GET BALANCE tells how much that is), the bank
 * purchase only when the account part succeeded; a refused account part charges nothing, a refused bank
 * part leaves the account payment standing (its TAC reported for the host) and the rest outstanding.
 */
import { fromHex } from '../../src/bytes/hex.ts';
import type { TerminalOutcome, TerminalRequest } from '../../src/protocol/terminal.ts';
import type { ApduPort } from '../../src/sscard/psam.ts';
import { MedicalTerminal } from '../../src/medical/terminal.ts';
import { NonConformance } from '../../src/verdict/errors.ts';
import type { SsTerminalConfig } from '../sscard/api.ts';
import { debitAccount, openAccount } from '../sscard/medical.ts';
import { terminalRules } from '../faults.ts';
import type { TerminalRules } from '../rules.ts';

export const SETTLEMENT_OPERATIONS = ['medicalSettlement'] as const;

/** The financial part: one purchase of `amount` fen on `card` (the reference POS, configured by the harness). */
export type BankPurchase = (amount: number, pin: string | undefined, card: ApduPort) => Promise<TerminalOutcome>;

/** What the bill asks, in 分 (request.params). */
export interface MedicalBill {
  /** 个人自付: what the insured pays; the account pays of it what it may and holds. */
  selfPaid: number;
  /** 个人自费: the part of selfPaid the account may not pay (≤ selfPaid). */
  selfFunded: number;
  /** 统筹基金支付: paid by the fund, recorded in the card's yearly total. */
  pooled: number;
}

const isFen = (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff;

/** The bill of the request, or why it is not one. */
export function billOf(request: TerminalRequest, rules: TerminalRules = terminalRules(new Set())): MedicalBill | string {
  const p = request.params ?? {};
  const bill = { selfPaid: Number(p['selfPaid'] ?? request.amount ?? 0), selfFunded: Number(p['selfFunded'] ?? 0), pooled: Number(p['pooled'] ?? 0) };
  if (![bill.selfPaid, bill.selfFunded, bill.pooled].every(isFen)) return 'amounts must be whole 分 from 0 to 42949672.95 元';
  if (bill.selfFunded > bill.selfPaid || (bill.selfFunded === bill.selfPaid && !rules.settleAcceptsWhollySelfFunded))
    return `the self-funded part ${bill.selfFunded} is more than the self-paid amount ${bill.selfPaid}`;
  return bill;
}

/** The split of a bill: the account pays what the bill allows it, up to its balance; the bank card the rest. */
export function split(bill: MedicalBill, balance: number, rules: TerminalRules = terminalRules(new Set())): { account: number; bank: number } {
  const allowed = rules.settleAccountExcludesSelfFunded ? bill.selfPaid - bill.selfFunded : bill.selfPaid;
  const account = rules.settleAccountCappedByBalance ? Math.min(balance, allowed) : allowed;
  const bank = rules.settleBankChargesDifference ? bill.selfPaid - account : bill.selfPaid;
  return { account, bank };
}

function amounts(account: number, bank: number, outstanding: number): Record<string, string> {
  return { 个人账户支付: String(account), 银行卡支付: String(bank), 未付金额: String(outstanding) };
}

export async function medicalSettlement(
  request: TerminalRequest,
  card: ApduPort,
  psam: ApduPort,
  atr: Uint8Array,
  config: SsTerminalConfig,
  bankPurchase: BankPurchase,
): Promise<TerminalOutcome> {
  const d = config.defects;
  const rules = terminalRules(d);
  const checked = billOf(request, rules);
  // sc_reader §8.1.3 (1): the bill, like the time, is judged before the card is addressed.
  const badBill: TerminalOutcome | undefined = typeof checked === 'string' ? { result: 'error', code: -14, message: checked } : undefined;
  if (badBill && rules.settleChecksBillFirst) return badBill;
  // A string only for a terminal breaking settleChecksBillFirst, which returns badBill once the card is open.
  const bill = checked as MedicalBill;
  const time = String(request.params?.['time'] ?? `${config.today}120000`);
  // sc_reader §8.1.3 (1): the input is judged before the card is addressed.
  const badTime: TerminalOutcome | undefined = /^\d{14}$/.test(time)
    ? undefined
    : { result: 'error', code: -14, message: `time "${time}" is not YYYYMMDDHHMMSS` };
  if (badTime && rules.debitChecksPayInfoFirst) return badTime;
  let port = card;
  if (!rules.settlePsamSilentOnPayment) {
    // GET CHALLENGE to the PSAM with every command of the payment.
    port = {
      send: async (apdu) => {
        const r = await card.send(apdu);
        await psam.send(fromHex('0084000008'));
        return r;
      },
    };
  }
  const refused = async (medical: TerminalOutcome): Promise<TerminalOutcome> => {
    if (rules.settleStopsOnRefusal)
      return {
        ...medical,
        fields: { ...medical.fields, ...amounts(0, 0, bill.selfPaid) },
        message: `${medical.message ?? 'the medical account refused'}; nothing charged`,
      };
    const pay = await bankPurchase(bill.selfPaid, request.pin, port);
    return { ...pay, fields: { ...pay.fields, ...amounts(0, bill.selfPaid, 0) } };
  };
  const t = await openAccount(card, psam, atr, request, d);
  if (!(t instanceof MedicalTerminal)) return refused(t);
  if (badBill) return badBill;
  if (badTime) return badTime;
  let balance: number;
  try {
    balance = (await t.balance()).amount;
  } catch (e) {
    if (e instanceof NonConformance) return refused({ result: 'error', code: -1, message: e.message });
    throw e;
  }
  const { account, bank } = split(bill, balance, rules);
  const medical = await debitAccount(t, { account, selfPaid: bill.selfPaid, pooled: bill.pooled }, time, d);
  if (medical.result !== 'success') return refused(medical);
  if (bank === 0)
    return { result: 'approved', code: 0, ...(medical.output ? { output: medical.output } : {}), fields: { ...medical.fields, ...amounts(account, 0, 0) } };
  // The financial application has its own PIN (JR/T 0025.5 §11.4.2), given as bankPin; the social-security PIN otherwise.
  const pin = request.params?.['bankPin'] !== undefined && rules.settleUsesBankPin ? String(request.params['bankPin']) : request.pin;
  const pay = await bankPurchase(bank, pin, port);
  const paid = pay.result === 'approved';
  const result = paid || !rules.settleReportsBankResult ? 'approved' : pay.result;
  return {
    ...pay,
    result,
    ...(medical.output ? { output: medical.output } : {}),
    fields: { ...medical.fields, ...pay.fields, ...(result === 'approved' ? amounts(account, bank, 0) : amounts(account, 0, bank)) },
    ...(paid
      ? {}
      : {
          message: `the bank card ${pay.result} the purchase of ${bank} fen${pay.message ? ` (${pay.message})` : ''}; the account paid ${account} fen, ${bank} fen outstanding`,
        }),
  };
}
