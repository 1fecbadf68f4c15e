/**
 * The medical insurance account of DF04 in offline mode (社会保障卡规范 part 5 §7, part 6 §6.6, part 7
 * §11–12, §14–15): the COS-internal amount file (CIA balance, yearly self-paid total SPIP, yearly
 * pooled-fund total SPFP, payment year, starting day, the load and purchase sequence numbers) in the
 * DF's non-volatile state, the cyclic detail file EF08, and the proprietary commands (CLA B0):
 *   B0 28 00 01 INITIALIZE FOR LOAD   B0 2A 00 00 CREDIT FOR LOAD      B0 26 00 0x GET BALANCE
 *   B0 28 01 01 INITIALIZE FOR PURCHASE  B0 2C 01 00 DEBIT FOR PURCHASE  B0 2E 00 tt GET TRANSACTION PROOF
 *   B0 56 00 00 UPDATE STARTING DAY (after EXTERNAL AUTHENTICATE with DSK)  B0 56 01 00 GET STARTING DAY
 * State machine of table 49: idle, load, purchase (volatile); a command the current state does not
 * allow answers 6901 and the card goes idle, as after any command that fails. Balance, totals, sequence
 * number, EF08 record and the transaction proof change together or not at all (part 7 §11.8, §12.6).
 * Cryptography: src/medical/crypto.ts. Choices the text leaves open: docs/medical.md.
 */
import type { CommandApdu } from '../../../src/apdu/command.ts';
import { SW } from '../../../src/apdu/sw.ts';
import { decodeCn, encodeCn } from '../../../src/bytes/bcd.ts';
import { equal } from '../../../src/bytes/hex.ts';
import { ALGORITHM_ID } from '../../../src/sscard/crypto.ts';
import { MED_SW, detailRecord } from '../../../src/medical/commands.ts';
import {
  MAX_AMOUNT,
  type PurchaseAmounts,
  TRANSACTION_TYPE,
  loadMac1Input,
  loadMac2Input,
  loadSessionKey,
  loadTacInput,
  medicalMac,
  paymentYear,
  purchaseMac1Input,
  purchaseMac2Input,
  purchaseSessionKey,
  purchaseTacInput,
  readU32,
  tac,
  u16,
  u32,
} from '../../../src/medical/crypto.ts';
import { MEDICAL_KEY_ID, MEDICAL_KEY_INDEX } from '../../../src/medical/keys.ts';
import type { CardApplication } from '../../cos/application.ts';
import type { CardContext, Reply } from '../../cos/context.ts';
import type { DfNode, EfNode } from '../../cos/files.ts';
import { algorithmOf, findKey, ssseOf } from '../sscard/keys.ts';

/** The amount file as the image personalises it (appData.medical of DF04). */
export interface MedicalAccountImage {
  balance: number;
  spip: number;
  spfp: number;
  /** 支付年度, yyyy. */
  year: number;
  /** 年度起始日期, mmdd. */
  startingDay: string;
  loadSeq: number;
  purchaseSeq: number;
  /** Records EF08 keeps (V2.0: at least 30). */
  records: number;
  /** Test card tm-med-bad-mac2 (card-sim/images/terminal): MAC2 over the wrong data. */
  mac2Fault?: boolean;
}

interface Proof {
  type: number;
  seq: number;
  mac: Uint8Array;
  tac: Uint8Array;
}

interface Account extends MedicalAccountImage {
  /** MAC and TAC of the last load and the last purchase (part 7 §14: GET TRANSACTION PROOF). */
  proofs: Proof[];
}

type Pending =
  | { kind: 'load'; df: DfNode; amount: number; terminal: Uint8Array; seq: number; balance: number; ks: Uint8Array }
  | { kind: 'purchase'; df: DfNode; amounts: PurchaseAmounts; terminal: Uint8Array; seq: number; balance: number; random: Uint8Array };

const STATE = 'medical.state';
/** The rows of table 49, and the commands outside it (starting day), which leave the card idle. */
type Row = 'init-load' | 'init-purchase' | 'credit' | 'debit' | 'balance' | 'proof' | 'other';

type Step = (cmd: CommandApdu, card: CardContext, df: DfNode, acct: Account, pending: Pending | undefined) => Reply;

function medicalDf(card: CardContext): DfNode | undefined {
  for (let d: DfNode | undefined = card.currentDf; d; d = d.parent) if (d.app === 'medical') return d;
  return undefined;
}

/** The amount file as personalised until the first command changes it. */
export function account(df: DfNode): Account {
  const st = df.state as { medical?: Account };
  st.medical ??= { ...(df.appData.medical as MedicalAccountImage), proofs: [] };
  return st.medical;
}

/** Commit the new amount file (one assignment: all or nothing, part 7 §14). */
function commit(df: DfNode, next: Account): void {
  (df.state as { medical?: Account }).medical = next;
}

function ef08(df: DfNode): EfNode | undefined {
  return df.children.find((c): c is EfNode => c.kind === 'EF' && c.sfi === 0x08);
}

function writeDetail(df: DfNode, acct: Account, record: Uint8Array): void {
  const ef = ef08(df);
  if (!ef) return;
  ef.records.unshift(record);
  if (ef.records.length > acct.records) ef.records.length = acct.records;
}

/** Table 49: may `row` run in state `p`? */
function allowed(row: Row, p: Pending | undefined, card: CardContext): boolean {
  if (row === 'credit') return p?.kind === 'load' || !card.rules.creditNeedsLoadState;
  if (row === 'debit') return p?.kind === 'purchase' || (!card.rules.debitNeedsPurchaseState && p?.kind === 'load');
  return true;
}

function pinVerified(card: CardContext): boolean {
  return card.satisfied({ pin: 0x00 });
}

/** Le of a case-2 command: absent, 00 or exactly `n` (part 5 tables 60, 64: 6700 otherwise). */
function leOk(cmd: CommandApdu, n: number): boolean {
  return cmd.ne === undefined || cmd.ne === 256 || cmd.ne === n;
}

function cnOk(b: Uint8Array): string | undefined {
  try {
    return decodeCn(b);
  } catch {
    return undefined;
  }
}

function validTime(b: Uint8Array): string | undefined {
  const s = cnOk(b);
  if (!s || s.length !== 14) return undefined;
  const m = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? s : undefined;
}

function key(df: DfNode, name: 'DLK' | 'DPK' | 'DTK', version: number): Uint8Array | undefined {
  return findKey(df, MEDICAL_KEY_ID[name], version)?.key;
}

const initializeForLoad: Step = (cmd, card, df, acct) => {
  if (cmd.p2 !== 0x01) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 0x0b) return { sw: SW.WRONG_LENGTH };
  if (!pinVerified(card) && card.rules.initNeedsPin) return { sw: SW.SECURITY_STATUS_NOT_SATISFIED };
  const index = !card.rules.initChecksKeyIndex ? MEDICAL_KEY_INDEX : (cmd.data[0] as number);
  const k = key(df, 'DLK', index);
  if (!k) return { sw: SW.KEY_INDEX_NOT_SUPPORTED };
  const amount = readU32(cmd.data, 1);
  const terminal = cmd.data.slice(5, 11);
  // A sequence number at FFFF starts no further transaction (part 5 tables 59, 71: 9402).
  if (acct.loadSeq >= 0xffff && card.rules.seqLimitChecked) return { sw: MED_SW.COUNTER_MAX };
  // The balance must stay within its 4 bytes (6985: 使用条件不满足).
  if (acct.balance + amount > MAX_AMOUNT && card.rules.loadChecksOverflow) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  const alg = algorithmOf(df);
  const random = card.random.bytes(4);
  const ks = loadSessionKey(alg, k, random, acct.loadSeq);
  const mac1 = medicalMac(alg, ks, loadMac1Input({ balance: acct.balance, amount, terminal }));
  card.session[STATE] = { kind: 'load', df, amount, terminal, seq: acct.loadSeq, balance: acct.balance, ks } satisfies Pending;
  return { data: Uint8Array.from([...u32(acct.balance), ...u16(acct.loadSeq), MEDICAL_KEY_INDEX, ALGORITHM_ID[alg], ...random, ...mac1]), sw: SW.NO_ERROR };
};

const creditForLoad: Step = (cmd, card, df, acct, pending) => {
  if (cmd.p1 !== 0x00 || cmd.p2 !== 0x00) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 0x0b) return { sw: SW.WRONG_LENGTH };
  if (pending?.kind !== 'load') return { sw: SW.MAC_INVALID }; // no session to check with
  const hostTime = cmd.data.slice(0, 7);
  const alg = algorithmOf(df);
  const mac2 = medicalMac(alg, pending.ks, loadMac2Input(pending.amount, pending.terminal, hostTime));
  if (!equal(mac2, cmd.data.subarray(7, 11)) && card.rules.loadChecksMac2) return { sw: SW.MAC_INVALID };
  const dtk = key(df, 'DTK', MEDICAL_KEY_INDEX);
  if (!dtk) return { sw: SW.MEMORY_FAILURE };
  const balance = (acct.balance + pending.amount) % (MAX_AMOUNT + 1);
  const t = tac(
    alg,
    !card.rules.tacUnderDtk ? (key(df, 'DPK', MEDICAL_KEY_INDEX) ?? dtk) : dtk,
    loadTacInput(balance, pending.seq, pending.amount, pending.terminal, hostTime),
  );
  const proof: Proof = { type: TRANSACTION_TYPE.load, seq: pending.seq, mac: cmd.data.slice(7, 11), tac: t };
  const proofs = !card.rules.loadKeepsProof ? acct.proofs.filter((p) => p.type !== proof.type) : [proof, ...acct.proofs.filter((p) => p.type !== proof.type)];
  commit(df, { ...acct, balance, loadSeq: !card.rules.loadIncrementsSeq ? acct.loadSeq : acct.loadSeq + 1, proofs });
  if (card.rules.loadWritesEf08)
    writeDetail(
      df,
      acct,
      detailRecord({
        seq: pending.seq,
        type: TRANSACTION_TYPE.load,
        terminal: pending.terminal,
        time: hostTime,
        account: pending.amount,
        selfPaid: 0,
        pooled: 0,
      }),
    );
  return { data: t, sw: SW.NO_ERROR };
};

const initializeForPurchase: Step = (cmd, card, df, acct) => {
  if (cmd.p2 !== 0x01) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 0x13 && (card.rules.initChecksLc || cmd.data.length < 13)) return { sw: SW.WRONG_LENGTH };
  if (!pinVerified(card) && card.rules.initNeedsPin) return { sw: SW.SECURITY_STATUS_NOT_SATISFIED };
  const index = !card.rules.initChecksKeyIndex ? MEDICAL_KEY_INDEX : (cmd.data[0] as number);
  if (!key(df, 'DPK', index)) return { sw: SW.KEY_INDEX_NOT_SUPPORTED };
  const amounts: PurchaseAmounts = { account: readU32(cmd.data, 1), selfPaid: readU32(cmd.data, 5), pooled: readU32(cmd.data, 9) };
  const terminal = Uint8Array.from({ length: 6 }, (_, i) => cmd.data[13 + i] ?? 0);
  // Part 7 §12.2: the balance must cover the account amount (9401, nothing else returned).
  if (acct.balance < amounts.account && card.rules.purchaseChecksBalance) return { sw: SW.INSUFFICIENT_FUNDS };
  if (acct.purchaseSeq >= 0xffff && card.rules.seqLimitChecked) return { sw: MED_SW.COUNTER_MAX };
  // SPIP and SPFP are 4 bytes (table 71): a purchase that would take one past FFFFFFFF is refused (6985, table 72).
  if ((acct.spip + amounts.selfPaid > MAX_AMOUNT || acct.spfp + amounts.pooled > MAX_AMOUNT) && card.rules.purchaseChecksTotalsOverflow)
    return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  const alg = algorithmOf(df);
  const random = card.random.bytes(4);
  card.session[STATE] = { kind: 'purchase', df, amounts, terminal, seq: acct.purchaseSeq, balance: acct.balance, random } satisfies Pending;
  const bal = !card.rules.initBalanceMsbFirst ? u32(acct.balance).reverse() : u32(acct.balance);
  const year = !card.rules.initYearCn ? u16(acct.year) : encodeCn(String(acct.year).padStart(4, '0'), 2);
  const data = [...bal, ...u32(acct.spip), ...u32(acct.spfp), ...year, ...u16(acct.purchaseSeq), MEDICAL_KEY_INDEX, ALGORITHM_ID[alg], ...random];
  return { data: Uint8Array.from(data), sw: SW.NO_ERROR };
};

const debitForPurchase: Step = (cmd, card, df, acct, pending) => {
  if (cmd.p1 !== 0x01 || cmd.p2 !== 0x00) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 0x0f) return { sw: SW.WRONG_LENGTH };
  const inPurchase = pending?.kind === 'purchase';
  const p = inPurchase
    ? pending
    : pending
      ? { ...pending, kind: 'purchase' as const, amounts: { account: pending.amount, selfPaid: 0, pooled: 0 }, random: new Uint8Array(4) }
      : undefined;
  if (!p) return { sw: MED_SW.INVALID_STATE };
  const terminalSeq = cmd.data.slice(0, 4);
  const time = cmd.data.slice(4, 11);
  const date = validTime(time);
  if (!date) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  const alg = algorithmOf(df);
  const dpk = key(df, 'DPK', MEDICAL_KEY_INDEX);
  const dtk = key(df, 'DTK', MEDICAL_KEY_INDEX);
  if (!dpk || !dtk) return { sw: SW.MEMORY_FAILURE };
  const a = p.amounts;
  if (a.account === 0 && a.selfPaid === 0 && a.pooled === 0 && !card.rules.zeroPurchaseAccepted) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  const early = !card.rules.debitChecksMac1First;
  if (early) commit(df, { ...acct, balance: Math.max(0, acct.balance - a.account) });
  const ks = purchaseSessionKey(alg, dpk, p.random, p.seq, terminalSeq);
  const ok = equal(medicalMac(alg, ks, purchaseMac1Input(a, p.terminal, time)), cmd.data.subarray(11, 15));
  if (!ok && inPurchase) return { sw: SW.MAC_INVALID };
  const now = acct;
  // Never negative (part 7 §12.2): the balance is checked again at the debit.
  if (now.balance < a.account && card.rules.purchaseChecksBalance) return { sw: SW.INSUFFICIENT_FUNDS };
  const y = paymentYear(date.slice(0, 8), now.year, now.startingDay);
  const accumulate = y.accumulate && card.rules.purchaseAccumulatesTotals;
  const spip = !card.rules.purchaseAccumulatesTotals ? now.spip : accumulate ? now.spip + a.selfPaid : a.selfPaid;
  const spfp = !card.rules.purchaseAccumulatesTotals ? now.spfp : accumulate ? now.spfp + a.pooled : a.pooled;
  const balance = (((now.balance - a.account) % (MAX_AMOUNT + 1)) + MAX_AMOUNT + 1) % (MAX_AMOUNT + 1);
  const mac2 = medicalMac(alg, ks, !card.rules.mac2OverSpecInput || acct.mac2Fault === true ? purchaseMac1Input(a, p.terminal, time) : purchaseMac2Input(a));
  const tacKey = !card.rules.tacUnderDtk ? dpk : dtk;
  const t = tac(alg, tacKey, purchaseTacInput(a, p.terminal, terminalSeq, time));
  const last = acct.proofs.find((x) => x.type === TRANSACTION_TYPE.purchase);
  const proof: Proof = { type: TRANSACTION_TYPE.purchase, seq: p.seq, mac: mac2, tac: t };
  const proofs = !card.rules.proofOfLastTransaction && last ? acct.proofs : [proof, ...acct.proofs.filter((x) => x.type !== proof.type)];
  commit(df, { ...now, balance, spip, spfp, year: y.year, purchaseSeq: !card.rules.purchaseIncrementsSeq ? now.purchaseSeq : now.purchaseSeq + 1, proofs });
  if (card.rules.purchaseWritesEf08) {
    const recorded = !card.rules.ef08HoldsAmount ? { ...a, account: balance } : a;
    writeDetail(
      df,
      acct,
      detailRecord({
        seq: p.seq,
        type: TRANSACTION_TYPE.purchase,
        terminal: p.terminal,
        time,
        account: recorded.account,
        selfPaid: recorded.selfPaid,
        pooled: recorded.pooled,
      }),
    );
  }
  return { data: Uint8Array.from([...t, ...mac2]), sw: SW.NO_ERROR };
};

const getBalance: Step = (cmd, card, _df, acct) => {
  if (cmd.p1 !== 0x00 || cmd.p2 < 0x01 || (cmd.p2 > 0x03 && card.rules.balanceChecksP2)) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 0 || (!leOk(cmd, cmd.p2 === 0x01 ? 4 : 6) && card.rules.balanceChecksLe)) return { sw: SW.WRONG_LENGTH };
  if (!pinVerified(card) && card.rules.balanceNeedsPin) return { sw: SW.SECURITY_STATUS_NOT_SATISFIED };
  if (cmd.p2 === 0x01) return { data: u32(acct.balance), sw: SW.NO_ERROR };
  const year = encodeCn(String(acct.year).padStart(4, '0'), 2);
  return { data: Uint8Array.from([...u32(cmd.p2 === 0x02 ? acct.spip : acct.spfp), ...year]), sw: SW.NO_ERROR };
};

const getTransactionProof: Step = (cmd, card, _df, acct) => {
  if (cmd.p1 !== 0x00 || (cmd.p2 !== TRANSACTION_TYPE.load && cmd.p2 !== TRANSACTION_TYPE.purchase && card.rules.proofChecksP2))
    return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 2 && (card.rules.proofChecksLc || cmd.data.length <= 2)) return { sw: SW.WRONG_LENGTH };
  const seq = ((cmd.data[0] as number) << 8) | (cmd.data[1] as number);
  const proof = acct.proofs.find((p) => p.type === cmd.p2 && (p.seq === seq || !card.rules.proofHonoursSeq));
  if (!proof) return { sw: MED_SW.PROOF_NOT_AVAILABLE };
  return { data: Uint8Array.from([...proof.mac, ...proof.tac]), sw: SW.NO_ERROR };
};

const startingDay: Step = (cmd, card, df, acct) => {
  if (cmd.p2 !== 0x00 || (cmd.p1 !== 0x00 && cmd.p1 !== 0x01 && card.rules.startingDayChecksP1)) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.p1 !== 0x00) {
    if (cmd.data.length !== 0 || !leOk(cmd, 2)) return { sw: SW.WRONG_LENGTH };
    return { data: encodeCn(!card.rules.startingDayAnswersDay ? String(acct.year).padStart(4, '0') : acct.startingDay, 2), sw: SW.NO_ERROR };
  }
  if (cmd.data.length !== 2 && (card.rules.startingDayChecksLc || cmd.data.length <= 2)) return { sw: SW.WRONG_LENGTH };
  // Part 5 §7.7.1: only after authentication with DSK.
  if (!card.authenticatedKeys.has(MEDICAL_KEY_ID.DSK) && card.rules.startingDayNeedsDsk) return { sw: SW.SECURITY_STATUS_NOT_SATISFIED };
  const mmdd = cnOk(cmd.data.subarray(0, 2));
  const m = Number(mmdd?.slice(0, 2));
  const d = Number(mmdd?.slice(2, 4));
  if (!mmdd || mmdd.length !== 4 || m < 1 || m > 12 || d < 1 || d > 31) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  if (card.rules.startingDayStores) commit(df, { ...acct, startingDay: mmdd });
  return { sw: SW.NO_ERROR };
};

/** The checks every command shares, table 49, and the state after the command. */
function medical(row: Row | ((cmd: CommandApdu) => Row), step: Step) {
  return (cmd: CommandApdu, card: CardContext): Reply => {
    if ((card.mf.state as { cardBlocked?: boolean }).cardBlocked === true) return { sw: SW.FUNCTION_NOT_SUPPORTED };
    const df = medicalDf(card);
    if (!df) return { sw: SW.FUNCTION_NOT_SUPPORTED };
    if ((ssseOf(df)?.state as { blocked?: boolean } | undefined)?.blocked === true) return { sw: SW.APPLICATION_PERMANENTLY_LOCKED };
    const r = typeof row === 'function' ? row(cmd) : row;
    const stored = card.session[STATE] as Pending | undefined;
    const pending = stored?.df === df ? stored : undefined;
    if (r === 'debit' && !pending && !card.rules.debitInIdleAnswers6901) return { sw: SW.MAC_INVALID };
    if (r === 'init-load' && pending?.kind === 'purchase' && !card.rules.initLoadLeavesPurchaseState) {
      const reply = step(cmd, card, df, account(df), pending);
      card.session[STATE] = pending;
      return reply;
    }
    if (!allowed(r, pending, card)) {
      if (card.rules.errorEndsState) delete card.session[STATE];
      return { sw: MED_SW.INVALID_STATE };
    }
    if ((r !== 'balance' && r !== 'proof') || (r === 'proof' && !card.rules.proofKeepsState) || (r === 'balance' && !card.rules.balanceKeepsState))
      delete card.session[STATE];
    if (
      !card.rules.reinitStartsNewSession &&
      pending &&
      ((r === 'init-load' && pending.kind === 'load') || (r === 'init-purchase' && pending.kind === 'purchase'))
    ) {
      const reply = step(cmd, card, df, account(df), pending);
      if (reply.sw === SW.NO_ERROR) card.session[STATE] = pending;
      return reply;
    }
    const reply = step(cmd, card, df, account(df), pending);
    // A command that fails leaves the card idle (§7); the defect keeps the state it was in.
    if (reply.sw !== SW.NO_ERROR) {
      if (pending && !card.rules.errorEndsState) card.session[STATE] = pending;
      else delete card.session[STATE];
    }
    return reply;
  };
}

const initialize: Step = (cmd, card, df, acct, pending) => {
  if (!card.rules.initChecksP2) cmd = { ...cmd, p2: 0x01 };
  if (cmd.p1 === 0x00) return initializeForLoad(cmd, card, df, acct, pending);
  if (cmd.p1 === 0x01) return initializeForPurchase(cmd, card, df, acct, pending);
  return { sw: SW.INCORRECT_P1P2 };
};

const CLA = [0xb0];

export const MEDICAL_APP: CardApplication = {
  name: 'medical',
  commands: [
    { ins: 0x28, classes: CLA, handler: medical((c) => (c.p1 === 0x00 ? 'init-load' : c.p1 === 0x01 ? 'init-purchase' : 'other'), initialize) },
    { ins: 0x2a, classes: CLA, handler: medical('credit', creditForLoad) },
    { ins: 0x2c, classes: CLA, handler: medical('debit', debitForPurchase) },
    { ins: 0x26, classes: CLA, handler: medical('balance', getBalance) },
    { ins: 0x2e, classes: CLA, handler: medical('proof', getTransactionProof) },
    { ins: 0x56, classes: CLA, handler: medical('other', startingDay) },
  ],
};
