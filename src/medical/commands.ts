/**
 * Builders of the proprietary medical insurance commands (社会保障卡规范 part 5 §7, tables 50–78; CLA B0)
 * and of the PSAM's (part 9 §9.9–9.10), and parsers of their responses.
 */
import { SW } from '../apdu/sw.ts';
import { type CommandApdu, command } from '../apdu/command.ts';
import { encodeCn } from '../bytes/bcd.ts';
import { type PurchaseAmounts, TRANSACTION_TYPE, amountsBytes, readU16, readU32, u16, u32 } from './crypto.ts';

export const MED_CLA = 0xb0;
export const MED_INS = {
  CREDIT_FOR_LOAD: 0x2a,
  DEBIT_FOR_PURCHASE: 0x2c,
  GET_BALANCE: 0x26,
  GET_TRANSACTION_PROOF: 0x2e,
  INITIALIZE: 0x28,
  STARTING_DAY: 0x56,
} as const;

/** Status words of part 5 §7 that src/apdu/sw.ts names but has no constant for. */
export const MED_SW = { INVALID_STATE: SW.INVALID_STATE, COUNTER_MAX: SW.TRANSACTION_COUNTER_MAX, PROOF_NOT_AVAILABLE: SW.REQUIRED_MAC_NOT_AVAILABLE } as const;

/** GET BALANCE P2 (table 58): 01 CIA balance, 02 SPIP (yearly self-paid total), 03 SPFP (yearly pooled-fund total). */
export const BALANCE = { CIA: 0x01, SPIP: 0x02, SPFP: 0x03 } as const;

const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** B0 28 00 01 0B: key index ‖ amount ‖ terminal number, Le 10 (table 65–66). */
export function initializeForLoad(keyIndex: number, amount: number, terminal: Uint8Array): CommandApdu {
  return command(MED_CLA, MED_INS.INITIALIZE, 0x00, 0x01, cat(Uint8Array.of(keyIndex), u32(amount), terminal), 0x10);
}

/** B0 28 01 01 13: key index ‖ account ‖ self-paid ‖ pooled ‖ terminal number, Le 16 (tables 69–70). */
export function initializeForPurchase(keyIndex: number, a: PurchaseAmounts, terminal: Uint8Array): CommandApdu {
  return command(MED_CLA, MED_INS.INITIALIZE, 0x01, 0x01, cat(Uint8Array.of(keyIndex), amountsBytes(a), terminal), 0x16);
}

/** B0 2A 00 00 0B: host time ‖ MAC2, Le 04 (tables 50–51). */
export function creditForLoad(hostTime: Uint8Array, mac2: Uint8Array): CommandApdu {
  return command(MED_CLA, MED_INS.CREDIT_FOR_LOAD, 0x00, 0x00, cat(hostTime, mac2), 0x04);
}

/** B0 2C 01 00 0F: terminal sequence number ‖ time ‖ MAC1, Le 08 (tables 54–55). */
export function debitForPurchase(terminalSeq: Uint8Array, time: Uint8Array, mac1: Uint8Array): CommandApdu {
  return command(MED_CLA, MED_INS.DEBIT_FOR_PURCHASE, 0x01, 0x00, cat(terminalSeq, time, mac1), 0x08);
}

/** B0 26 00 P2, Le 04 (CIA) or 06 (table 58). */
export function getBalance(p2: number): CommandApdu {
  return command(MED_CLA, MED_INS.GET_BALANCE, 0x00, p2, undefined, p2 === BALANCE.CIA ? 4 : 6);
}

/** B0 2E 00 type 02: sequence number, Le 08 (tables 61–62). */
export function getTransactionProof(type: number, seq: number): CommandApdu {
  return command(MED_CLA, MED_INS.GET_TRANSACTION_PROOF, 0x00, type, u16(seq), 0x08);
}

/** B0 56 00 00 02 mmdd (tables 73–74). */
export function updateStartingDay(mmdd: string): CommandApdu {
  return command(MED_CLA, MED_INS.STARTING_DAY, 0x00, 0x00, encodeCn(mmdd, 2));
}

/** B0 56 01 00, Le 02 (table 76). */
export function getStartingDay(): CommandApdu {
  return command(MED_CLA, MED_INS.STARTING_DAY, 0x01, 0x00, undefined, 2);
}

export interface InitLoadResponse {
  balance: number;
  loadSeq: number;
  keyVersion: number;
  algorithm: number;
  random: Uint8Array;
  mac1: Uint8Array;
}

/** Table 67; undefined when the data is not 16 bytes. */
export function parseInitLoad(d: Uint8Array): InitLoadResponse | undefined {
  if (d.length !== 16) return undefined;
  return {
    balance: readU32(d, 0),
    loadSeq: readU16(d, 4),
    keyVersion: d[6] as number,
    algorithm: d[7] as number,
    random: d.slice(8, 12),
    mac1: d.slice(12, 16),
  };
}

export interface InitPurchaseResponse {
  balance: number;
  spip: number;
  spfp: number;
  /** 支付年度 (cn 2, yyyy), as its 4 digits. */
  year: string;
  purchaseSeq: number;
  keyVersion: number;
  algorithm: number;
  random: Uint8Array;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/** Table 71; undefined when the data is not 22 bytes. */
export function parseInitPurchase(d: Uint8Array): InitPurchaseResponse | undefined {
  if (d.length !== 22) return undefined;
  return {
    balance: readU32(d, 0),
    spip: readU32(d, 4),
    spfp: readU32(d, 8),
    year: hex(d.subarray(12, 14)),
    purchaseSeq: readU16(d, 14),
    keyVersion: d[16] as number,
    algorithm: d[17] as number,
    random: d.slice(18, 22),
  };
}

/** An EF08 record (V2.0 §8.5.3, 28 bytes): sequence number, type, terminal, time, the three amounts. */
export interface DetailRecord {
  seq: number;
  type: number;
  terminal: string;
  time: string;
  account: number;
  selfPaid: number;
  pooled: number;
}

export const DETAIL_RECORD_LENGTH = 0x1c;

export function detailRecord(r: Omit<DetailRecord, 'terminal' | 'time'> & { terminal: Uint8Array; time: Uint8Array }): Uint8Array {
  return cat(u16(r.seq), Uint8Array.of(r.type), r.terminal, r.time, u32(r.account), u32(r.selfPaid), u32(r.pooled));
}

export function parseDetailRecord(d: Uint8Array): DetailRecord | undefined {
  if (d.length !== DETAIL_RECORD_LENGTH) return undefined;
  return {
    seq: readU16(d, 0),
    type: d[2] as number,
    terminal: hex(d.subarray(3, 9)),
    time: hex(d.subarray(9, 16)),
    account: readU32(d, 16),
    selfPaid: readU32(d, 20),
    pooled: readU32(d, 24),
  };
}

/** PSAM INIT SAM FOR PURCHASE 80 70 01 00 (part 9 §9.9.3): Lc 1C + 8N, Le 08. */
export interface SamPurchaseInput {
  random: Uint8Array;
  purchaseSeq: number;
  amounts: PurchaseAmounts;
  /** 交易时间 (终端), 7 bytes cn: date 4 ‖ time 3. */
  time: Uint8Array;
  keyVersion: number;
  algorithm: number;
  /** Level 3, 2, 1 in this order (part 9 §9.9.3). */
  factors: Uint8Array[];
}

export function initSamForPurchase(i: SamPurchaseInput): CommandApdu {
  return command(
    0x80,
    0x70,
    0x01,
    0x00,
    cat(
      i.random,
      u16(i.purchaseSeq),
      amountsBytes(i.amounts),
      Uint8Array.of(TRANSACTION_TYPE.purchase),
      i.time,
      Uint8Array.of(i.keyVersion, i.algorithm),
      ...i.factors,
    ),
    0x08,
  );
}

/** PSAM CREDIT SAM FOR PURCHASE 80 72 00 00 04 MAC2 (part 9 §9.10.3). */
export function creditSamForPurchase(mac2: Uint8Array): CommandApdu {
  return command(0x80, 0x72, 0x00, 0x00, mac2);
}
