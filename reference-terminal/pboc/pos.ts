/**
 * The reference financial terminal (POS, JR/T 0001; kernel per JR/T 0025.6 = EMV Book 4 and Book 3
 * §10): one purchase on a card, from application selection to the last script, reporting the outcome
 * with TVR and TSI as a terminal under test reports it (profiles/terminal-outcome.schema.json).
 * Application selection by the PSE (priority, cardholder confirmation, blocked applications) or the
 * list of AIDs; GPO; records; ODA (DDA, else SDA); processing restrictions; CVM list; terminal risk
 * management (exception file, floor limit, random selection, velocity); terminal action analysis;
 * online to the simulated host with issuer authentication and scripts; second GENERATE AC.
 * `defects` switches on catalogued defects of this terminal (reference-terminal/defects.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { command, encodeCommand } from '../../src/apdu/command.ts';
import type { ResponseApdu } from '../../src/apdu/response.ts';
import { fromHex, toHex, toUint } from '../../src/bytes/hex.ts';
import { parseTlv, type Tlv } from '../../src/tlv/ber.ts';
import type { TerminalOutcome } from '../../src/protocol/terminal.ts';
import { parseCvmList, selectCvm, terminalActionAnalysis, type ActionCodes, type CvmRule } from '../../src/pboc/decisions.ts';
import type { SimulatedHost } from '../../src/pboc/host.ts';
import { PSE_NAME, PbocKernel, type AcType, type GacResult, type Send } from '../../src/pboc/kernel.ts';
import { isSm2Ca } from '../../src/pboc/oda-sm2.ts';
import { TSI, TVR, setBit, type Bit } from '../../src/pboc/tvr.ts';
import { terminalRules } from '../faults.ts';
import type { TerminalRules } from '../rules.ts';
import { checkUsageControl } from './usage-control.ts';

type CaKey = Parameters<PbocKernel['sda']>[0];

/** The terminal parameters that are plain values, the same in the profile and in the running terminal. */
export interface PosParameters {
  /** The AIDs the terminal supports (hex), matched as prefixes of the card's AIDs (EMV Book 1 §12.3.1). */
  aids: readonly string[];
  /** Terminal floor limit 9F1B, in fen. */
  floorLimit: number;
  /** Random transaction selection (EMV Book 3 §10.6.2): threshold in fen, target and maximum target percentages. */
  randomSelection: { threshold: number; targetPercent: number; maxTargetPercent: number };
  onlineCapable: boolean;
  /** The terminal lets the cardholder confirm an application (87 b8); if not, such applications are left out. */
  cardholderConfirmation: boolean;
  pinPad: boolean;
  signature: boolean;
  /** Electronic cash terminal support indicator 9F7A (JR/T 0025.13 §7.4.2). */
  ecSupport: boolean;
  /** The terminal performs CDA with cards that offer it (JR/T 0025.7 §5.3.6). */
  cda: boolean;
  /** PANs on the terminal's exception file. */
  exceptionFile: readonly string[];
  /** Terminal country code 9F1A (n3, hex): default 0156, China (usage control, JR/T 0025.5 §10.3.2). */
  country?: string;
}

export interface FinancialTerminalConfig extends PosParameters {
  tac: ActionCodes;
  /** YYMMDD */
  date: string;
  /** The CA public keys the terminal holds for RID A000000333, by index 9F22 (RSA, or SM2 for PBOC 3.0 cards). */
  caKeys: ReadonlyArray<{ index: number; key: CaKey }>;
  host: SimulatedHost;
  /** 0 ≤ n < 100, the terminal's random number for random selection. */
  random(): number;
  defects: ReadonlySet<string>;
}

/** A seeded random source for random selection, so that runs repeat. */
export function seededPercent(seed: string): () => number {
  let n = 0;
  return () => (createHash('sha256').update(`${seed}:${n++}`).digest().readUInt32BE(0) / 2 ** 32) * 100;
}

export interface Candidate {
  aid: Uint8Array;
  priority: number;
  confirmation: boolean;
}

const swHex = (r: ResponseApdu) => r.sw.toString(16).toUpperCase().padStart(4, '0');

function find(list: Tlv[], tag: string): Uint8Array | undefined {
  for (const t of list) {
    if (t.tag === tag) return t.value;
    const inner = t.children && find(t.children, tag);
    if (inner) return inner;
  }
  return undefined;
}

function tlvsOrNone(data: Uint8Array): Tlv[] {
  try {
    return parseTlv(data);
  } catch {
    return [];
  }
}

export class FinancialTerminal {
  readonly kernel: PbocKernel;
  readonly tsi = new Uint8Array(2);
  cvm = 'none';
  /** CDA is used in this transaction (card and terminal support it, the ICC key recovered). */
  private cdaAsked = false;
  /** The spec rules as this terminal keeps them (reference-terminal/rules.ts). */
  private readonly rules: TerminalRules;

  constructor(
    private readonly send: Send,
    private readonly config: FinancialTerminalConfig,
    amount: number,
  ) {
    this.rules = terminalRules(config.defects);
    const yymmdd = config.date;
    const sent = !this.rules.amountInFen ? Math.floor(amount / 100) : amount;
    this.kernel = new PbocKernel(send, {
      amount: sent,
      date: yymmdd,
      ecSupport: config.ecSupport && this.rules.offerEc,
      smSupport: this.rules.supportSm,
      // 9F37: unpredictable and this transaction's own (JR/T 0025.4 §6.2.4.5.1 table 11); else the kernel's constant.
      ...(this.rules.freshUnpredictableNumber ? { unpredictable: new Uint8Array(randomBytes(4)) } : {}),
      ...(config.country ? { country: config.country } : {}),
    });
  }

  private get tvr(): Uint8Array {
    return this.kernel.tvr;
  }

  private set(bit: Bit): void {
    setBit(this.tvr, bit);
  }

  private supported(aid: Uint8Array): boolean {
    const hex = toHex(aid);
    return this.config.aids.some((a) => hex.startsWith(a.toUpperCase()));
  }

  /** Candidate list (EMV Book 1 §12.3): PSE directory, else the terminal's list of AIDs; by priority 87. */
  async candidates(): Promise<Candidate[]> {
    const k = this.kernel;
    const list: Candidate[] = [];
    const pse = !this.rules.readPse ? undefined : await k.selectByName(new Uint8Array(Buffer.from(PSE_NAME, 'ascii')));
    const sfi = pse?.sw === 0x9000 ? find(tlvsOrNone(pse.data), '88')?.[0] : undefined;
    if (sfi !== undefined) {
      for (let rec = 1; rec < 32; rec++) {
        const r = await k.readRecord(sfi, rec);
        if (r.sw !== 0x9000) break;
        for (const entry of tlvsOrNone(r.data)
          .flatMap((t) => t.children ?? [])
          .filter((t) => t.tag === '61')) {
          const aid = find([entry], '4F');
          const p = find([entry], '87')?.[0] ?? 0;
          if (aid && this.supported(aid)) list.push({ aid, priority: p & 0x0f, confirmation: (p & 0x80) !== 0 });
        }
      }
    } else if (this.rules.aidListFallback) {
      // Each terminal AID, then SELECT next occurrence (P2 02) while the card finds more (JR/T 0025.5 §6.4.2).
      for (const a of this.config.aids) {
        for (let next = false, n = 0; n < 16; next = true, n++) {
          const r = await this.send(encodeCommand(command(0x00, 0xa4, 0x04, next ? 0x02 : 0x00, fromHex(a), 256)));
          if (r.sw !== 0x9000 && r.sw !== 0x6283) break;
          if (r.sw === 0x6283) continue; // blocked: not a candidate
          const p = find(tlvsOrNone(r.data), '87')?.[0] ?? 0;
          list.push({ aid: find(tlvsOrNone(r.data), '84') ?? fromHex(a), priority: p & 0x0f, confirmation: (p & 0x80) !== 0 });
        }
      }
    }
    const usable = this.config.cardholderConfirmation || !this.rules.askCardholderConfirmation ? list : list.filter((c) => !c.confirmation);
    // Priority 1 is highest; 0 means no priority and goes last (EMV Book 1 §12.4).
    const rank = (c: Candidate) => (c.priority === 0 ? 16 : c.priority);
    return !this.rules.orderByPriority ? usable : [...usable].sort((a, b) => rank(a) - rank(b));
  }

  /** Final selection: the first candidate that selects with 9000; a blocked one (6283) is left out. */
  async selectFinal(list: Candidate[]): Promise<Uint8Array | undefined> {
    for (const c of list) {
      const r = await this.kernel.selectApplication(c.aid);
      if (r.sw === 0x9000 || (r.sw === 0x6283 && !this.rules.refuseBlockedApp)) return c.aid;
    }
    return undefined;
  }

  /** The CA key the card's 8F names, among those the terminal holds (EMV Book 2 §5.2). */
  private caKey(): CaKey | undefined {
    const index = this.kernel.data.get('8F')?.[0];
    return this.config.caKeys.find((c) => c.index === index && !(!this.rules.supportSm && isSm2Ca(c.key)))?.key;
  }

  /**
   * ODA (JR/T 0025.5 §9.2): CDA when card and terminal both support it (its signature is checked on the
   * GENERATE AC response, JR/T 0025.7 §5.3.6), else DDA, else SDA. Returns whether CDA is to be asked.
   */
  private async oda(): Promise<boolean> {
    const k = this.kernel;
    const b1 = k.aip[0] ?? 0;
    if (!this.rules.performOda || !(b1 & 0x61)) {
      if (this.rules.odaFailureInTvr) this.set(TVR.ODA_NOT_PERFORMED);
      return false;
    }
    setBit(this.tsi, TSI.ODA_PERFORMED);
    const ca = this.caKey();
    if (b1 & 0x01 && this.config.cda && this.rules.performCda) {
      // The ICC key is recovered before GENERATE AC; if it does not, CDA has failed and is not asked (§5.3.6).
      if (!ca || k.cdaIccKey(ca).errors.length) {
        this.set(TVR.CDA_FAILED);
        return false;
      }
      return true;
    }
    const dda = (b1 & 0x20) !== 0;
    if (!ca) {
      this.set(dda ? TVR.DDA_FAILED : TVR.SDA_FAILED); // no CA key with that index (EMV Book 2 §5.2)
    } else if (dda) {
      await k.dda(ca);
    } else {
      k.sda(ca);
    }
    if (!this.rules.odaFailureInTvr) this.tvr[0] = (this.tvr[0] as number) & ~0x4c;
    return false;
  }

  private supportsCvm(method: number): boolean {
    switch (method) {
      case 0x01:
        return this.config.pinPad && this.rules.supportOfflinePin;
      case 0x02:
        return this.config.pinPad && this.config.onlineCapable;
      case 0x03:
        return this.config.pinPad && this.config.signature;
      case 0x1e:
        return this.config.signature && this.rules.supportSignatureCvm;
      case 0x1f:
        return true;
      default:
        return false;
    }
  }

  /** CVM processing (EMV Book 3 §10.5, JR/T 0025.5 §7.5). */
  private async cardholderVerification(pin: string | undefined, amount: number): Promise<void> {
    const k = this.kernel;
    if (!((k.aip[0] ?? 0) & 0x10)) return;
    setBit(this.tsi, TSI.CARDHOLDER_VERIFICATION_PERFORMED);
    const list = k.data.get('8E');
    if (!list || list.length < 10) {
      this.set(TVR.ICC_DATA_MISSING);
      this.set(TVR.CVM_NOT_SUCCESSFUL);
      return;
    }
    let rule: CvmRule | undefined;
    if (!this.rules.cvmRuleByCondition) rule = parseCvmList(list).rules[0];
    else rule = selectCvm(list, { amount, supports: (m) => this.supportsCvm(m) });
    if (!rule) {
      this.set(TVR.CVM_NOT_SUCCESSFUL);
      return;
    }
    if (![0x01, 0x02, 0x03, 0x1e, 0x1f].includes(rule.method)) {
      this.set(TVR.UNRECOGNISED_CVM);
      this.set(TVR.CVM_NOT_SUCCESSFUL);
      return;
    }
    if (!this.supportsCvm(rule.method)) {
      if (rule.method === 0x01 || rule.method === 0x02) this.set(TVR.PIN_PAD_NOT_PRESENT);
      this.set(TVR.CVM_NOT_SUCCESSFUL);
      return;
    }
    if (rule.method === 0x02 && this.rules.onlinePinToHost) {
      this.cvm = 'online PIN';
      this.set(TVR.ONLINE_PIN_ENTERED); // enciphered for the host, which checks it
      return;
    }
    if (rule.method === 0x1e) {
      this.cvm = 'signature';
      return;
    }
    if (rule.method === 0x1f) {
      this.cvm = 'none';
      return;
    }
    this.cvm = rule.method === 0x03 ? 'offline PIN and signature' : 'offline PIN';
    if (pin === undefined) {
      this.set(TVR.PIN_NOT_ENTERED);
      this.set(TVR.CVM_NOT_SUCCESSFUL);
      return;
    }
    // PIN try counter 9F17 first: at 0 the PIN is not asked (EMV Book 3 §10.5.1).
    if (this.rules.checkPinTryCounter) {
      const tries = await k.getData('9F17');
      const value = tries.sw === 0x9000 ? find(tlvsOrNone(tries.data), '9F17') : undefined;
      if (value && value[0] === 0) {
        this.set(TVR.PIN_TRY_LIMIT_EXCEEDED);
        this.set(TVR.CVM_NOT_SUCCESSFUL);
        return;
      }
    }
    const r = await k.verifyPin(pin);
    if (r.sw === 0x9000) return;
    if (r.sw === 0x6983 || r.sw === 0x6984 || r.sw === 0x63c0) this.set(TVR.PIN_TRY_LIMIT_EXCEEDED);
    this.set(TVR.CVM_NOT_SUCCESSFUL);
  }

  /** Terminal risk management (EMV Book 3 §10.6). */
  private async riskManagement(amount: number): Promise<void> {
    const k = this.kernel;
    const c = this.config;
    if (!((k.aip[0] ?? 0) & 0x08)) return;
    setBit(this.tsi, TSI.TERMINAL_RISK_MANAGEMENT_PERFORMED);
    let pan = '';
    try {
      pan = k.pan;
    } catch {
      this.set(TVR.ICC_DATA_MISSING);
    }
    if (pan && c.exceptionFile.includes(pan) && this.rules.checkExceptionFile) this.set(TVR.CARD_ON_EXCEPTION_FILE);
    if (amount >= c.floorLimit && this.rules.checkFloorLimit) this.set(TVR.FLOOR_LIMIT_EXCEEDED);
    if (amount < c.floorLimit && c.onlineCapable && this.rules.randomOnlineSelection) {
      const { threshold, targetPercent, maxTargetPercent } = c.randomSelection;
      const p =
        amount < threshold
          ? targetPercent
          : targetPercent + ((maxTargetPercent - targetPercent) * (amount - threshold)) / Math.max(1, c.floorLimit - threshold);
      if (c.random() < p) this.set(TVR.RANDOMLY_SELECTED_ONLINE);
    }
    const lcol = k.data.get('9F14');
    const ucol = k.data.get('9F23');
    if (lcol && ucol && this.rules.checkVelocity) {
      const read = async (tag: string) => {
        const r = await k.getData(tag);
        const v = r.sw === 0x9000 ? find(tlvsOrNone(r.data), tag) : undefined;
        return v && v.length === 2 ? toUint(v) : undefined;
      };
      const atc = await read('9F36');
      const lastOnline = await read('9F13');
      if (atc === undefined || lastOnline === undefined) {
        this.set(TVR.LOWER_CONSECUTIVE_OFFLINE_LIMIT_EXCEEDED);
        this.set(TVR.UPPER_CONSECUTIVE_OFFLINE_LIMIT_EXCEEDED);
        this.set(TVR.ICC_DATA_MISSING);
      } else {
        if (atc - lastOnline > (lcol[0] as number)) this.set(TVR.LOWER_CONSECUTIVE_OFFLINE_LIMIT_EXCEEDED);
        if (atc - lastOnline > (ucol[0] as number)) this.set(TVR.UPPER_CONSECUTIVE_OFFLINE_LIMIT_EXCEEDED);
        if (lastOnline === 0) this.set(TVR.NEW_CARD);
      }
    }
  }

  /** The TVR as it was after application selection (what a terminal breaking reportTvrSent reports). */
  private staleTvr = '0000000000';

  private outcome(result: TerminalOutcome['result'], extra: Partial<TerminalOutcome> = {}, fields: Record<string, string> = {}): TerminalOutcome {
    return { result, tvr: !this.rules.reportTvrSent ? this.staleTvr : toHex(this.tvr), tsi: toHex(this.tsi), fields: { cvm: this.cvm, ...fields }, ...extra };
  }

  /** One purchase of `amount` fen; `pin` is what the cardholder enters, if asked. */
  async purchase(amount: number, pin: string | undefined): Promise<TerminalOutcome> {
    const k = this.kernel;
    const aid = await this.selectFinal(await this.candidates());
    if (!aid) return this.outcome('refused', { message: 'no application on the card that this terminal supports and that is not blocked' });
    const g = await k.gpo();
    if (g.sw !== 0x9000) return this.outcome('refused', { message: `GET PROCESSING OPTIONS answered ${swHex(g)}` });
    if (!this.rules.gpoOncePerSelection) await k.gpo();
    await k.readApplicationData();
    this.staleTvr = toHex(this.tvr);
    const ec = k.data.has('9F74'); // EC issuer authorisation code: the card chose the EC path (JR/T 0025.13 §7.4.3)
    const cda = await this.oda();
    this.cdaAsked = cda;
    if (this.rules.checkApplicationDates) k.processingRestrictions();
    checkUsageControl(k, this.config.country, this.rules);
    await this.cardholderVerification(pin, amount);
    await this.riskManagement(amount);
    const iac = { denial: k.data.get('9F0E'), online: k.data.get('9F0F'), default: k.data.get('9F0D') };
    const asked: AcType = terminalActionAnalysis(this.tvr, this.config.tac, iac, this.config.onlineCapable);
    const fields: Record<string, string> = { aid: toHex(aid), asked, path: ec ? 'electronic cash' : 'debit' };
    // Issuer authentication answers the ARQC (JR/T 0025.5 §15.4): a terminal that breaks it sends an ARPC it cannot have yet.
    if (!this.rules.externalAuthenticateAfterArqc) await k.externalAuthenticate(new Uint8Array(8), fromHex('3030'));
    // An AAC is asked without CDA; a TC or ARQC with it (JR/T 0025.7 §5.3.6).
    const first = await k.generateAc(asked, false, {}, { cda: cda && asked !== 'AAC' });
    setBit(this.tsi, TSI.CARD_RISK_MANAGEMENT_PERFORMED);
    if (!first.result) return this.outcome('declined', { message: `first GENERATE AC answered ${swHex(first.response)}` }, fields);
    const g1 = first.result;
    if (cda && asked !== 'AAC' && g1.type !== 'AAC' && this.rules.verifyCda && k.verifyCda(this.caKey() as CaKey, g1).errors.length) {
      // CDA failed: the card's TC or ARQC is not to be trusted; decline (EMV Book 3 §10.8).
      return this.outcome('declined', { cid: toHex(Uint8Array.of(g1.cid)), message: 'CDA failed' }, { ...fields, online: 'no' });
    }
    const cid = toHex(Uint8Array.of(g1.cid));
    if (g1.type === 'TC') return this.outcome('approved', { cid }, { ...fields, online: 'no' });
    if (g1.type === 'AAC') return this.outcome('declined', { cid }, { ...fields, online: 'no' });
    return this.online(g1, fields);
  }

  private async online(g1: GacResult, fields: Record<string, string>): Promise<TerminalOutcome> {
    const k = this.kernel;
    const answer = this.config.host.authorise(k.pan, k.psn, g1);
    if ((k.aip[0] ?? 0) & 0x04 && answer.arpc && this.rules.issuerAuthentication) {
      setBit(this.tsi, TSI.ISSUER_AUTHENTICATION_PERFORMED);
      const ea = await k.externalAuthenticate(answer.arpc, answer.arc);
      if (ea.sw !== 0x9000) this.set(TVR.ISSUER_AUTHENTICATION_FAILED);
    }
    await this.scripts(answer.scripts71, TVR.SCRIPT_FAILED_BEFORE_FINAL_GAC);
    const approve = toHex(answer.arc) === '3030' || !this.rules.honourArc;
    const cda2 = this.cdaAsked && approve;
    const second = await k.generateAc(approve ? 'TC' : 'AAC', true, { '8A': answer.arc }, { cda: cda2 });
    const cdaFailed =
      cda2 && second.result !== undefined && second.result.type !== 'AAC' && k.verifyCda(this.caKey() as CaKey, second.result).errors.length > 0;
    await this.scripts(answer.scripts72, TVR.SCRIPT_FAILED_AFTER_FINAL_GAC);
    const f = { ...fields, online: 'yes', arc: Buffer.from(answer.arc).toString('ascii') };
    if (!second.result) return this.outcome('declined', { message: `second GENERATE AC answered ${swHex(second.response)}` }, f);
    const cid = toHex(Uint8Array.of(second.result.cid));
    return this.outcome(second.result.type === 'TC' && !cdaFailed ? 'approved' : 'declined', { cid, ...(cdaFailed ? { message: 'CDA failed' } : {}) }, f);
  }

  /** Issuer script processing (EMV Book 3 §10.10): each command in turn; a failure sets the TVR bit and ends the script. */
  private async scripts(commands: Uint8Array[], failed: Bit): Promise<void> {
    if (!commands.length || !this.rules.deliverScripts) return;
    setBit(this.tsi, TSI.SCRIPT_PROCESSING_PERFORMED);
    for (const c of commands) {
      const r = await this.kernel.script(c);
      if (r.sw !== 0x9000 && (r.sw & 0xff00) !== 0x6200 && (r.sw & 0xff00) !== 0x6300) {
        this.set(failed);
        return;
      }
    }
  }
}
