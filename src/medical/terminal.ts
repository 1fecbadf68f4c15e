/**
 * The terminal side of the offline medical transactions (社会保障卡规范 part 7 §10–12, §14), for the
 * scenarios: select DF04 of the SSSE, the PIN, the purchase through the PSAM (INIT SAM FOR PURCHASE, MAC2
 * check with CREDIT SAM FOR PURCHASE), the load through the simulated host, the TAC checked by the host,
 * DSK authentication for UPDATE STARTING DAY. Each step returns what the card answered; the scenarios
 * judge. A step throws NonConformance only when the card's answer makes the next step impossible.
 */
import { randomBytes } from 'node:crypto';
import type { CommandApdu } from '../apdu/command.ts';
import type { ResponseApdu } from '../apdu/response.ts';
import { swHex } from '../apdu/response.ts';
import { SW } from '../apdu/sw.ts';
import { equal, fromHex, toHex } from '../bytes/hex.ts';
import * as iso from '../iso7816/commands.ts';
import { ALGORITHM_ID, blockSize } from '../sscard/crypto.ts';
import { externalAuthenticate, psamDeliverySessionKey } from '../sscard/commands.ts';
import { cardFactors } from '../sscard/keys.ts';
import { type ApduPort, PsamError } from '../sscard/psam.ts';
import { SsTerminal } from '../sscard/terminal.ts';
import { NonConformance } from '../verdict/errors.ts';
import { dx } from '../verdict/messages.ts';
import {
  BALANCE,
  DETAIL_RECORD_LENGTH,
  type InitLoadResponse,
  getStartingDay,
  updateStartingDay,
  type InitPurchaseResponse,
  creditForLoad,
  creditSamForPurchase,
  debitForPurchase,
  getBalance,
  initSamForPurchase,
  initializeForLoad,
  initializeForPurchase,
  parseInitLoad,
  parseInitPurchase,
} from './commands.ts';
import { type PurchaseAmounts, readU32, transactionTime } from './crypto.ts';
import { type LoadRequest, MedicalHost } from './host.ts';
import { MEDICAL_KEY_ID, MEDICAL_KEY_INDEX } from './keys.ts';

/** DF04 社会保险信息区2 (V2.0 table 2). */
export const DF04_AID = 'D15600000503';
export const EF08_SFI = 0x08;

export interface PurchaseOptions {
  /** 交易时间 (终端), yyyymmddhhmmss. */
  time?: string;
  keyIndex?: number;
  corruptMac1?: boolean;
}

export interface PurchaseRun {
  init: ResponseApdu;
  initData?: InitPurchaseResponse;
  /** The DEBIT FOR PURCHASE command built from the PSAM's MAC1 (to send again, or late). */
  debitCommand?: CommandApdu;
  terminalSeq?: Uint8Array;
  time: Uint8Array;
  debit?: ResponseApdu;
  tac?: Uint8Array;
  mac2?: Uint8Array;
  /** CREDIT SAM FOR PURCHASE answered 9000. */
  mac2Valid?: boolean;
  /** The host's TAC equals the card's. */
  tacValid?: boolean;
}

export interface LoadRun {
  init: ResponseApdu;
  initData?: InitLoadResponse;
  mac1Valid?: boolean;
  hostTime: Uint8Array;
  creditCommand?: CommandApdu;
  credit?: ResponseApdu;
  tacValid?: boolean;
}

/** What the terminal can see of the amount file and EF08 (for judging relative changes). */
export interface AccountSnapshot {
  balance: number;
  spip: number;
  spfp: number;
  /** 支付年度, 4 digits. */
  year: string;
  purchaseSeq: number;
  loadSeq: number;
  startingDay: string;
  /** The newest EF08 record, hex; undefined when EF08 has none (6A83). */
  newest?: string;
  /** What INITIALIZE FOR PURCHASE reported of the amount file (table 71). */
  init: { balance: number; spip: number; spfp: number; year: string };
}

export class MedicalTerminal {
  readonly ss: SsTerminal;
  private terminalNo: Uint8Array | undefined;

  constructor(
    private readonly card: ApduPort,
    private readonly psamPort: ApduPort,
    atr: Uint8Array,
    private readonly roots: Readonly<Record<string, string>> = {},
    private readonly random: (n: number) => Uint8Array = (n) => new Uint8Array(randomBytes(n)),
  ) {
    this.ss = new SsTerminal(card, psamPort, atr, random);
  }

  send(cmd: CommandApdu): Promise<ResponseApdu> {
    return this.card.send(cmd);
  }

  /** Part 7 §10: the SSSE (identified, PSAM opened), then DF04. */
  async selectDf04(): Promise<ResponseApdu> {
    // EF0016 lies in the PSAM's MF: read it before the SM4 environment (DDF3) is selected.
    await this.terminalNumber();
    await this.ss.selectSsse();
    await this.ss.identify();
    const r = await this.send(iso.selectByName(fromHex(DF04_AID)));
    if (r.sw !== SW.NO_ERROR) throw new NonConformance(dx('cmd.answered', { command: dx('med.selectDf04', { aid: DF04_AID }), sw: swHex(r.sw) }));
    return r;
  }

  verifyPin(pin: string): Promise<ResponseApdu> {
    return this.ss.verifyPin(pin);
  }

  private host(): MedicalHost {
    if (!this.ss.identity) throw new Error('the card is not identified');
    return new MedicalHost(this.ss.algorithm, this.ss.identity, this.roots);
  }

  /** 终端机编号 of the PSAM (EF0016), as the card gets it in INITIALIZE. */
  async terminalNumber(): Promise<Uint8Array> {
    this.terminalNo ??= fromHex((await this.ss.psam.terminalNumber()).padEnd(12, '0'));
    return this.terminalNo;
  }

  /** GET BALANCE, its value (throws when the card does not answer 9000 with the right length). */
  async balance(p2: number = BALANCE.CIA): Promise<{ amount: number; year?: string }> {
    const r = await this.send(getBalance(p2));
    const n = p2 === BALANCE.CIA ? 4 : 6;
    if (r.sw !== SW.NO_ERROR || r.data.length !== n)
      throw new NonConformance(
        dx('cmd.answeredLength', {
          command: dx('med.getBalance', { p2: p2.toString(16).padStart(2, '0') }),
          sw: swHex(r.sw),
          length: r.data.length,
          expected: n,
        }),
      );
    return { amount: readU32(r.data), ...(n === 6 ? { year: Buffer.from(r.data.subarray(4, 6)).toString('hex') } : {}) };
  }

  /** INITIALIZE FOR PURCHASE, then the PSAM's MAC1; the DEBIT FOR PURCHASE command ready (not sent). */
  async preparePurchase(a: PurchaseAmounts, o: PurchaseOptions = {}): Promise<PurchaseRun> {
    const time = transactionTime(o.time ?? '20261201103000');
    const init = await this.send(initializeForPurchase(o.keyIndex ?? MEDICAL_KEY_INDEX, a, await this.terminalNumber()));
    const run: PurchaseRun = { init, time };
    if (init.sw !== SW.NO_ERROR) return run;
    const d = parseInitPurchase(init.data);
    if (!d) throw new NonConformance(dx('cmd.gaveTable', { command: 'INITIALIZE FOR PURCHASE', length: init.data.length, table: 71, expected: 22 }));
    run.initData = d;
    const id = this.ss.identity;
    if (!id) throw new Error('the card is not identified');
    const sam = await this.psamPort.send(
      initSamForPurchase({
        random: d.random,
        purchaseSeq: d.purchaseSeq,
        amounts: a,
        time,
        keyVersion: d.keyVersion,
        algorithm: d.algorithm,
        factors: cardFactors(id).reverse(),
      }),
    );
    if (sam.sw !== SW.NO_ERROR || sam.data.length !== 8)
      throw new PsamError(dx('psam.initSamPurchase', { sw: swHex(sam.sw), keyVersion: d.keyVersion, algorithm: d.algorithm }));
    run.terminalSeq = sam.data.slice(0, 4);
    const mac1 = sam.data.slice(4, 8);
    if (o.corruptMac1) mac1[0] = (mac1[0] as number) ^ 0x01;
    run.debitCommand = debitForPurchase(run.terminalSeq, time, mac1);
    return run;
  }

  /** DEBIT FOR PURCHASE of a prepared purchase, then MAC2 through the PSAM and the TAC through the host. */
  async completePurchase(run: PurchaseRun, a: PurchaseAmounts): Promise<PurchaseRun> {
    if (!run.debitCommand || !run.terminalSeq) return run;
    run.debit = await this.send(run.debitCommand);
    if (run.debit.sw !== SW.NO_ERROR) return run;
    if (run.debit.data.length !== 8) throw new NonConformance(dx('med.debitLength', { length: run.debit.data.length }));
    run.tac = run.debit.data.slice(0, 4);
    run.mac2 = run.debit.data.slice(4, 8);
    run.mac2Valid = (await this.psamPort.send(creditSamForPurchase(run.mac2))).sw === SW.NO_ERROR;
    run.tacValid = equal(this.host().purchaseTac(a, await this.terminalNumber(), run.terminalSeq, run.time), run.tac);
    return run;
  }

  async purchase(a: PurchaseAmounts, o: PurchaseOptions = {}): Promise<PurchaseRun> {
    return this.completePurchase(await this.preparePurchase(a, o), a);
  }

  /** INITIALIZE FOR LOAD, the host's MAC1 check and MAC2; the CREDIT FOR LOAD command ready (not sent). */
  async prepareLoad(amount: number, o: { hostTime?: string; keyIndex?: number; corruptMac2?: boolean } = {}): Promise<LoadRun & { request?: LoadRequest }> {
    const hostTime = transactionTime(o.hostTime ?? '20261201090000');
    const terminal = await this.terminalNumber();
    const init = await this.send(initializeForLoad(o.keyIndex ?? MEDICAL_KEY_INDEX, amount, terminal));
    const run: LoadRun & { request?: LoadRequest } = { init, hostTime };
    if (init.sw !== SW.NO_ERROR) return run;
    const d = parseInitLoad(init.data);
    if (!d) throw new NonConformance(dx('cmd.gaveTable', { command: 'INITIALIZE FOR LOAD', length: init.data.length, table: 67, expected: 16 }));
    run.initData = d;
    const request: LoadRequest = { balance: d.balance, loadSeq: d.loadSeq, random: d.random, mac1: d.mac1, amount, terminal };
    run.request = request;
    run.mac1Valid = this.host().loadMac1Valid(request);
    const mac2 = this.host().loadMac2(request, hostTime);
    if (!mac2) return run;
    if (o.corruptMac2) mac2[0] = (mac2[0] as number) ^ 0x01;
    run.creditCommand = creditForLoad(hostTime, mac2);
    return run;
  }

  async completeLoad(run: LoadRun & { request?: LoadRequest }): Promise<LoadRun> {
    if (!run.creditCommand || !run.request) return run;
    run.credit = await this.send(run.creditCommand);
    if (run.credit.sw === SW.NO_ERROR) {
      const expected = this.host().loadTac(run.request, run.hostTime);
      run.tacValid = expected !== undefined && equal(expected, run.credit.data);
    }
    return run;
  }

  async load(amount: number, o: { hostTime?: string; corruptMac2?: boolean } = {}): Promise<LoadRun> {
    return this.completeLoad(await this.prepareLoad(amount, o));
  }

  /** GET CHALLENGE, then EXTERNAL AUTHENTICATE with DSK computed by the PSAM (part 5 §7.7.1, part 9 §9.7). */
  async authenticateDsk(): Promise<ResponseApdu> {
    const id = this.ss.identity;
    if (!id) throw new Error('the card is not identified');
    const random = await this.ss.challenge();
    const m = blockSize(this.ss.algorithm);
    const pf = new Uint8Array(m);
    pf.set(random.subarray(0, m));
    const r = await this.psamPort.send(psamDeliverySessionKey((3 << 5) | 0x07, MEDICAL_KEY_ID.DSK, cardFactors(id), pf));
    if (r.sw !== SW.NO_ERROR) throw new PsamError(dx('psam.dsk', { sw: swHex(r.sw) }));
    const original = this.random(8);
    const auth = await this.ss.psam.authData(original);
    return this.send(externalAuthenticate(MEDICAL_KEY_ID.DSK, auth, original));
  }

  /**
   * The account as the card shows it: GET BALANCE ×3, the sequence numbers from INITIALIZE FOR PURCHASE
   * and FOR LOAD of 0 (nothing is moved without the second command), EF08 record 1, and GET STARTING
   * DAY last, which leaves the card idle (table 49 has no row for it).
   */
  async snapshot(): Promise<AccountSnapshot> {
    const balance = (await this.balance()).amount;
    const spip = await this.balance(BALANCE.SPIP);
    const spfp = (await this.balance(BALANCE.SPFP)).amount;
    const p = await this.send(initializeForPurchase(MEDICAL_KEY_INDEX, { account: 0, selfPaid: 0, pooled: 0 }, await this.terminalNumber()));
    const pd = p.sw === SW.NO_ERROR ? parseInitPurchase(p.data) : undefined;
    if (!pd) throw new NonConformance(dx('cmd.answeredLength', { command: dx('med.initPurchase0'), sw: swHex(p.sw), length: p.data.length, expected: 22 }));
    const l = await this.send(initializeForLoad(MEDICAL_KEY_INDEX, 0, await this.terminalNumber()));
    const ld = l.sw === SW.NO_ERROR ? parseInitLoad(l.data) : undefined;
    if (!ld) throw new NonConformance(dx('cmd.answeredLength', { command: dx('med.initLoad0'), sw: swHex(l.sw), length: l.data.length, expected: 16 }));
    const rec = await this.send(iso.readRecord(1, EF08_SFI, iso.RECORD_MODE.NUMBER, DETAIL_RECORD_LENGTH));
    if (rec.sw !== SW.NO_ERROR && rec.sw !== SW.RECORD_NOT_FOUND)
      throw new NonConformance(dx('cmd.answered', { command: dx('med.readEf08'), sw: swHex(rec.sw) }));
    const sd = await this.send(getStartingDay());
    if (sd.sw !== SW.NO_ERROR || sd.data.length !== 2)
      throw new NonConformance(dx('cmd.answeredLength', { command: 'GET STARTING DAY', sw: swHex(sd.sw), length: sd.data.length, expected: 2 }));
    return {
      balance,
      spip: spip.amount,
      spfp,
      year: spip.year ?? '',
      purchaseSeq: pd.purchaseSeq,
      loadSeq: ld.loadSeq,
      startingDay: toHex(sd.data),
      init: { balance: pd.balance, spip: pd.spip, spfp: pd.spfp, year: pd.year },
      ...(rec.sw === SW.NO_ERROR ? { newest: toHex(rec.data) } : {}),
    };
  }

  /** EXTERNAL AUTHENTICATE with DSK and UPDATE STARTING DAY (part 5 §7.7). */
  async updateStartingDay(mmdd: string): Promise<ResponseApdu> {
    const a = await this.authenticateDsk();
    if (a.sw !== SW.NO_ERROR) throw new NonConformance(dx('cmd.answered', { command: dx('med.externalDsk'), sw: swHex(a.sw) }));
    return this.send(updateStartingDay(mmdd));
  }

  get algorithmId(): number {
    return ALGORITHM_ID[this.ss.algorithm];
  }
}
