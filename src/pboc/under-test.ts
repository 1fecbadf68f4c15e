/**
 * The PBOC transaction under test: the state one scenario builds up against the card's debit application
 * (JR/T 0025.5/.6) and the steps that build it, typed. A scenario holds one (the World's `pboc`); each new
 * transaction gets a fresh kernel that keeps the terminal data of the last one.
 */
import { swHex } from '../apdu/response.ts';
import { SW } from '../apdu/sw.ts';
import { toHex } from '../bytes/hex.ts';
import { NonConformance } from '../verdict/errors.ts';
import { dx, findings } from '../verdict/messages.ts';
import { expectSw, given } from '../verdict/expect.ts';
import { numericValue, splitLogRecord } from './checks.ts';
import { parseDol } from '../tlv/dol.ts';
import { ARC_APPROVED } from './commands.ts';
import type { PbocIssuer } from './issuer.ts';
import type { ActionCodes } from './decisions.ts';
import { type FlowResult, runTransaction, SPEC_FLOW_RULES } from './flow.ts';
import { type IssuerChoice, issuerOf } from './issuer.ts';
import { type AcType, type DirectoryEntry, type GacResult, PbocKernel, type Send } from './kernel.ts';
import type { Recovered } from './oda.ts';
import { sdadCheck } from './oda-flow.ts';
import type { CaKey } from './oda-sm2.ts';

export type PseDirectory = Awaited<ReturnType<PbocKernel['pseDirectory']>>;
export type Ppse = Awaited<ReturnType<PbocKernel['ppse']>>;
/** Verify one SDAD with the ICC key: RSA (JR/T 0025.7 §6.5.2) or SM2 (JR/T 0025.17 §5.2.4.2). */
export type SdadCheck = (sdad: Uint8Array, ddolData: Uint8Array) => Recovered<Uint8Array>;
export interface InternalAuthentications {
  check: SdadCheck;
  out: Array<{ un: Uint8Array; sdad: Uint8Array }>;
}
/** The order of the cryptogram types: a card answers no higher than asked (JR/T 0025.5 §9.3). */
export const AC_RANK: Readonly<Record<AcType, number>> = { AAC: 0, ARQC: 1, TC: 2 };

export { given };

export class PbocUnderTest {
  private current: PbocKernel | undefined;
  /** DF69 of the terminal (JR/T 0025.17 §10.3.3) when the scenario set it. */
  smSupport: boolean | undefined;
  /** The first and second GENERATE AC of the current transaction. */
  gac1: GacResult | undefined;
  gac2: GacResult | undefined;
  /** What the terminal asked for in the first GENERATE AC. */
  asked: AcType | undefined;
  /** Whether issuer authentication failed in the last online transaction, when a scenario knows it (CVR byte 3 b4). */
  lastOnlineIssuerAuthFailed: boolean | undefined;
  /** The authorisation response code 8A the issuer answered. */
  arc: Uint8Array | undefined;
  directory: PseDirectory | undefined;
  ppse: Ppse | undefined;
  /** The value of the last GET DATA a scenario asked for. */
  dataValue: Uint8Array | undefined;
  internalAuthentications: InternalAuthentications | undefined;
  /** PIN try counter 9F17 before a wrong PIN. */
  pinTriesBefore: number | undefined;
  /** The cryptogram types of a run of transactions. */
  seen: AcType[] | undefined;
  outcome: FlowResult | undefined;
  /** EC balance 9F79 and single limit 9F78 as first read (JR/T 0025.13). */
  ecBalanceBefore: number | undefined;
  ecSingleLimit: number | undefined;
  /** EC data objects kept to restore the sample. */
  ecKept: Record<string, number> | undefined;
  /** ATC before a run of transactions, and the ATCs of the run. */
  atcBefore: number | undefined;
  atcs: number[] | undefined;

  constructor(private readonly send: Send) {}

  /** The kernel of the current transaction (one is made on first use). */
  get kernel(): PbocKernel {
    this.current ??= new PbocKernel(this.send, this.smSupportData());
    return this.current;
  }

  /** A new transaction: a fresh kernel that keeps the terminal data of the last one. */
  fresh(): PbocKernel {
    this.current = new PbocKernel(this.send, { ...this.current?.terminal, ...this.smSupportData() });
    return this.current;
  }

  private smSupportData(): { smSupport?: boolean } {
    return this.smSupport === undefined ? {} : { smSupport: this.smSupport };
  }

  gac(n: 1 | 2 = 1): GacResult {
    return given(n === 1 ? this.gac1 : this.gac2, n === 1 ? 'first GENERATE AC' : 'second GENERATE AC');
  }

  /** SELECT the application on a fresh kernel, which the card must answer 9000. */
  async select(aid: Uint8Array): Promise<PbocKernel> {
    const k = this.fresh();
    expectSw((await k.selectApplication(aid)).sw, SW.NO_ERROR);
    return k;
  }

  /** SELECT, GET PROCESSING OPTIONS and READ RECORD per AFL: a transaction ready for GENERATE AC (JR/T 0025.6 §7.1–7.3). */
  async selectAndRead(aid: Uint8Array, ec = false, amount?: number): Promise<PbocKernel> {
    const k = this.fresh();
    k.terminal.ecSupport = ec;
    if (amount !== undefined) k.terminal.amount = amount;
    const r = await k.selectApplication(aid);
    expectSw(r.sw, SW.NO_ERROR, SW.WARNING_SELECTED_FILE_INVALIDATED); // 6283: application blocked, still selected (JR/T 0025.5 §6.3.5)
    const g = await k.gpo();
    if (g.sw !== SW.NO_ERROR) throw new NonConformance(dx('cmd.answered', { command: 'GET PROCESSING OPTIONS', sw: swHex(g.sw) }));
    await k.readApplicationData();
    return k;
  }

  /**
   * One whole transaction of `amount` through the flow (flow.ts), the instrument as the terminal: online
   * capable, offline plaintext PIN when the profile gives one, CDA, no risk parameters of its own (no floor
   * limit, exception file, random selection, and no GET DATA of counters: those have their own scenarios).
   * `ca` is asked after READ RECORD, for the key the card's 8F names. The issuer checks every cryptogram
   * and answers ARC 3030 with its ARPC; the card's faults are `problems`.
   */
  async transaction(
    aid: Uint8Array,
    amount: number,
    opts: { ca: () => CaKey; issuer: IssuerChoice; tac: ActionCodes; pin?: string; onlineCapable: boolean; forceOnline?: boolean },
  ): Promise<FlowResult> {
    const k = this.fresh();
    k.terminal.ecSupport = false;
    k.terminal.amount = amount;
    const terminal = {
      tac: opts.tac,
      onlineCapable: opts.onlineCapable,
      cvms: { offlinePin: opts.pin !== undefined, onlinePin: false, signature: false },
      cda: true,
      floorLimit: Number.POSITIVE_INFINITY,
      randomSelection: { threshold: 0, targetPercent: 0, maxTargetPercent: 0 },
      random: () => 100,
      exceptionFile: [],
      velocityChecking: false,
      readsPinTryCounter: false,
      forceOnline: opts.forceOnline ?? false,
    };
    const outcome = await runTransaction(
      k,
      terminal,
      SPEC_FLOW_RULES,
      {
        select: async () => {
          expectSw((await k.selectApplication(aid)).sw, SW.NO_ERROR, SW.WARNING_SELECTED_FILE_INVALIDATED); // 6283: blocked, still selected (JR/T 0025.5 §6.3.5)
          return aid;
        },
        caKey: opts.ca, // asked after READ RECORD: the key the card's 8F names
        authorise: (_, g) => {
          const arc = ARC_APPROVED;
          return { arc, arpc: issuerOf(opts.issuer, g.iad).arpc(k.pan, k.psn, g.atc, g.ac, arc), scripts71: [], scripts72: [], arqcFailed: false };
        },
        checkCryptogram: (_, g) => {
          const expected = issuerOf(opts.issuer, g.iad).expectedAc(k.pan, k.psn, g.atc, g.acData);
          return toHex(expected) === toHex(g.ac) ? undefined : dx('flow.acNotVerify', { type: g.type, ac: toHex(g.ac), expected: toHex(expected) });
        },
      },
      amount,
      opts.pin,
    );
    if (outcome.refusedGpo) throw new NonConformance(dx('cmd.answered', { command: 'GET PROCESSING OPTIONS', sw: swHex(outcome.refusedGpo.sw) }));
    this.outcome = outcome;
    return outcome;
  }

  async firstGac(type: AcType, cda = false): Promise<GacResult> {
    const { response, result } = await this.kernel.generateAc(type, false, {}, { cda });
    if (!result)
      throw new NonConformance(dx('cmd.answered', { command: dx('kernel.firstGac', { type, cda: cda ? dx('kernel.withCda') : '' }), sw: swHex(response.sw) }));
    this.gac1 = result;
    return result;
  }

  /** The second GENERATE AC asking for TC with the ARC the issuer answered (3030 when none). */
  async secondGac(cda = false): Promise<GacResult> {
    const arc = this.arc ?? ARC_APPROVED;
    const { response, result } = await this.kernel.generateAc('TC', true, { '8A': arc }, { cda });
    if (!result)
      throw new NonConformance(dx('cmd.answered', { command: dx('kernel.secondGac', { cda: cda ? dx('kernel.withCda') : '' }), sw: swHex(response.sw) }));
    this.gac2 = result;
    return result;
  }

  /** The ARPC the issuer answers to the first cryptogram with an ARC (JR/T 0025.7 §6.3, method 1). */
  arpc(issuer: PbocIssuer, arc: Uint8Array): Uint8Array {
    const g = this.gac();
    return issuer.arpc(this.kernel.pan, this.kernel.psn, g.atc, g.ac, arc);
  }

  /** An issuer script command MACed for the first cryptogram of this transaction (JR/T 0025.5 C.2.4). */
  script(issuer: PbocIssuer, header: string, data: Uint8Array = new Uint8Array(0)): Uint8Array {
    const g = this.gac();
    return issuer.script(this.kernel.pan, this.kernel.psn, g.atc, g.ac, header, data);
  }

  /** PIN CHANGE/UNBLOCK with the new PIN enciphered (issuer.pinChange, JR/T 0025.5 B.10.3). */
  pinChange(issuer: PbocIssuer, newPin: string, current?: string): Uint8Array {
    const g = this.gac();
    return issuer.pinChange(this.kernel.pan, this.kernel.psn, g.atc, g.ac, newPin, current);
  }

  /** GET DATA of a counter or an n value (numericValue), the card's malformed answer a FAIL. */
  async number(tag: string): Promise<number> {
    const v = await this.kernel.getDataValue(tag);
    const n = numericValue(tag, v);
    if (n === undefined) throw new NonConformance(dx('kernel.notN', { tag, v: toHex(v) }));
    return n;
  }

  /**
   * Transaction log record n (JR/T 0025.5 §14.3): READ RECORD of the SFI in 9F4D, split by the log format
   * GET DATA 9F4F. A missing entry, a refused READ RECORD or a record of another length is the card's fault.
   */
  async logRecord(n: number): Promise<Record<string, Uint8Array>> {
    const k = this.kernel;
    const format = parseDol(await k.getDataValue('9F4F'));
    const entry = k.data.get('9F4D');
    if (!entry) throw new NonConformance(dx('kernel.noLogEntry'));
    const r = await k.readRecord(entry[0] as number, n);
    if (r.sw !== SW.NO_ERROR) throw new NonConformance(dx('kernel.logRecord', { n, sw: swHex(r.sw) }));
    const { values, problem } = splitLogRecord(format, r.data);
    if (!values) throw new NonConformance(problem ?? dx('kernel.logRecordWord'));
    return values;
  }

  /** The PSE directory entry of an application, by its AID. */
  static entryOf(entries: DirectoryEntry[], aid: Uint8Array): DirectoryEntry | undefined {
    return entries.find((e) => e.aid && toHex(e.aid) === toHex(aid));
  }
}

/** The SDAD check of a card's ICC key: RSA (JR/T 0025.7 §6.5.2) or SM2 (JR/T 0025.17 §5.2.4.2) by the CA key; no key is the card's fault. */
export function sdadCheckOf(k: PbocKernel, ca: CaKey): SdadCheck {
  const { check, errors } = sdadCheck(k, ca);
  if (!check) throw new NonConformance(dx('oda.errors', { what: dx('oda.iccKey'), errors: findings(errors) }));
  return check;
}
