/**
 * The security computations of the medical insurance account in offline mode (社会保障卡规范 part 7
 * §11–12 and §15, part 4 §8.2.4 and §8.4, part 9 §9.9–9.10). One place for card-sim, the PSAM, the
 * simulated medical-insurance host and the scenarios. Ciphers and the MAC come from src/sscard/crypto.ts.
 *   SESLK = process key of DLK from random(ICC) ‖ CIA load sequence number ‖ 80 00      (part 7 §11.2)
 *   SESPK = process key of DPK from random(ICC) ‖ purchase sequence number ‖ the two
 *           rightmost bytes of the terminal transaction sequence number                  (part 7 §12.2)
 *   MAC   = the part 4 §8.2.4 MAC without the command header ("医疗保险交易 MAC 的计算不含有
 *           CLA, INS, P1, P2, Lc"), IV 00, padding 80 00…, 4 bytes
 *   TAC   = the same MAC with DTK itself: 3DES: the XOR of DTK's halves as the single-length key;
 *           16-byte blocks (SM4): DTK (part 7 §15)
 */
import { encodeCn } from '../bytes/bcd.ts';
import { type SsAlgorithm, sessionKey, ssMac } from '../sscard/crypto.ts';

/**
 * 交易类型 (社会保障卡文件结构和数据项 V2.0 §8.5.3.2 table 51: an, "1" 账户划入, "2" 医疗结算): the one
 * byte of the MAC and TAC inputs, of the EF08 record and P2 of GET TRANSACTION PROOF (docs/medical.md).
 */
export const TRANSACTION_TYPE = { load: 0x31, purchase: 0x32 } as const;
export type MedicalTransaction = keyof typeof TRANSACTION_TYPE;

/** The largest amount a 4-byte binary amount holds (分). */
export const MAX_AMOUNT = 0xffffffff;

export function u32(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > MAX_AMOUNT) throw new RangeError(`amount ${n} does not fit 4 bytes`);
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

export function u16(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new RangeError(`sequence number ${n} does not fit 2 bytes`);
  return Uint8Array.of(n >> 8, n & 0xff);
}

export function readU32(b: Uint8Array, at = 0): number {
  return (((b[at] as number) << 24) >>> 0) + ((b[at + 1] as number) << 16) + ((b[at + 2] as number) << 8) + (b[at + 3] as number);
}

export function readU16(b: Uint8Array, at = 0): number {
  return ((b[at] as number) << 8) | (b[at + 1] as number);
}

/** 交易时间, cn 7: yyyymmddhhmmss (V2.0 §8.5.3.4). */
export function transactionTime(yyyymmddhhmmss: string): Uint8Array {
  if (!/^\d{14}$/.test(yyyymmddhhmmss)) throw new RangeError(`transaction time "${yyyymmddhhmmss}" is not yyyymmddhhmmss`);
  return encodeCn(yyyymmddhhmmss, 7);
}

/** 终端机编号, cn 6: 12 digits (part 9 §7.3.3). */
export function terminalNumber(digits: string): Uint8Array {
  if (!/^\d{12}$/.test(digits)) throw new RangeError(`terminal number "${digits}" is not 12 digits`);
  return encodeCn(digits, 6);
}

const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** SESLK (part 7 §11.2): from DLK, random(ICC) 4 ‖ load sequence number 2 ‖ 80 00. */
export function loadSessionKey(alg: SsAlgorithm, dlk: Uint8Array, random: Uint8Array, loadSeq: number): Uint8Array {
  return sessionKey(alg, dlk, cat(random, u16(loadSeq), Uint8Array.of(0x80, 0x00)));
}

/** SESPK (part 7 §12.2): from DPK, random(ICC) 4 ‖ purchase sequence number 2 ‖ terminal sequence number bytes 3–4. */
export function purchaseSessionKey(alg: SsAlgorithm, dpk: Uint8Array, random: Uint8Array, purchaseSeq: number, terminalSeq: Uint8Array): Uint8Array {
  return sessionKey(alg, dpk, cat(random, u16(purchaseSeq), terminalSeq.subarray(terminalSeq.length - 2)));
}

/** A MAC of the medical transactions: part 4 §8.2.4 without the command header. */
export function medicalMac(alg: SsAlgorithm, ks: Uint8Array, data: Uint8Array): Uint8Array {
  return ssMac(alg, ks, data);
}

/** The key of the TAC (part 7 §15): 3DES: DTK left ⊕ right; 16-byte block algorithms: DTK. */
export function tacKey(alg: SsAlgorithm, dtk: Uint8Array): Uint8Array {
  if (alg === 'SM4') return dtk.slice();
  return dtk.subarray(0, 8).map((v, i) => v ^ (dtk[8 + i] as number));
}

export function tac(alg: SsAlgorithm, dtk: Uint8Array, data: Uint8Array): Uint8Array {
  return ssMac(alg, tacKey(alg, dtk), data);
}

export interface LoadData {
  /** CIA balance before the load (分). */
  balance: number;
  amount: number;
  /** 终端机编号, 6 bytes. */
  terminal: Uint8Array;
}

/** MAC1 of INITIALIZE FOR LOAD (part 7 §11.2): balance ‖ amount ‖ type ‖ terminal. */
export function loadMac1Input(d: LoadData): Uint8Array {
  return cat(u32(d.balance), u32(d.amount), Uint8Array.of(TRANSACTION_TYPE.load), d.terminal);
}

/** MAC2 of the host (part 7 §11.5): amount ‖ type ‖ terminal ‖ host time. */
export function loadMac2Input(amount: number, terminal: Uint8Array, hostTime: Uint8Array): Uint8Array {
  return cat(u32(amount), Uint8Array.of(TRANSACTION_TYPE.load), terminal, hostTime);
}

/**
 * TAC of CREDIT FOR LOAD (part 7 §11.8): balance ‖ load sequence number before the increment ‖ amount ‖
 * type ‖ terminal ‖ host time. The balance is the one after the load (as the PBOC EP's load TAC; the
 * clause names only "余额", computed after "把交易金额累加到余额上").
 */
export function loadTacInput(newBalance: number, loadSeq: number, amount: number, terminal: Uint8Array, hostTime: Uint8Array): Uint8Array {
  return cat(u32(newBalance), u16(loadSeq), u32(amount), Uint8Array.of(TRANSACTION_TYPE.load), terminal, hostTime);
}

export interface PurchaseAmounts {
  /** 个人帐户支付金额 (分). */
  account: number;
  /** 个人自付金额. */
  selfPaid: number;
  /** 统筹基金支付金额. */
  pooled: number;
}

export function amountsBytes(a: PurchaseAmounts): Uint8Array {
  return cat(u32(a.account), u32(a.selfPaid), u32(a.pooled));
}

/** MAC1 of the PSAM (part 7 §12.3, part 9 §9.9.1): the three amounts ‖ type ‖ terminal ‖ terminal time. */
export function purchaseMac1Input(a: PurchaseAmounts, terminal: Uint8Array, time: Uint8Array): Uint8Array {
  return cat(amountsBytes(a), Uint8Array.of(TRANSACTION_TYPE.purchase), terminal, time);
}

/** MAC2 of DEBIT FOR PURCHASE (part 7 §12.6): the three amounts. */
export function purchaseMac2Input(a: PurchaseAmounts): Uint8Array {
  return amountsBytes(a);
}

/** TAC of DEBIT FOR PURCHASE (part 7 §12.6): the three amounts ‖ type ‖ terminal ‖ terminal sequence number ‖ terminal time. */
export function purchaseTacInput(a: PurchaseAmounts, terminal: Uint8Array, terminalSeq: Uint8Array, time: Uint8Array): Uint8Array {
  return cat(amountsBytes(a), Uint8Array.of(TRANSACTION_TYPE.purchase), terminal, terminalSeq, time);
}

/**
 * The payment year after a purchase on `date` (yyyymmdd) (part 7 §12.6): n = date − (year × 10000 +
 * starting day); n < 10000 keeps the year and accumulates; otherwise the year becomes the settlement
 * year of the date (the year whose starting day is the latest on or before it) and the totals restart.
 */
export function paymentYear(date: string, year: number, startingDay: string): { accumulate: boolean; year: number } {
  const n = Number(date) - (year * 10000 + Number(startingDay));
  if (n < 10000) return { accumulate: true, year };
  const y = Number(date.slice(0, 4));
  return { accumulate: false, year: date.slice(4, 8) >= startingDay ? y : y - 1 };
}
