/**
 * The reference financial terminal (POS, JR/T 0001; kernel per JR/T 0025.6 = EMV Book 4 and Book 3
 * §10): one purchase on a card, from application selection to the last script, reporting the outcome
 * with TVR and TSI as a terminal under test reports it (profiles/terminal-outcome.schema.json).
 * Application selection by the PSE (priority, cardholder confirmation, blocked applications) or the
 * list of AIDs; GPO; records; ODA (DDA, else SDA); processing restrictions; CVM list; terminal risk
 * management (exception file, floor limit, random selection, velocity); terminal action analysis;
 * online to the simulated host with issuer authentication and scripts; second GENERATE AC.
 * The flow is the library's (src/pboc/flow.ts, the one the card suite's instrument runs); this terminal
 * supplies its parameters, its CA keys, its host and usage control, and its rules (reference-terminal/
 * rules.ts), which `defects` break (reference-terminal/defects.ts).
 */
import { randomBytes } from 'node:crypto';
import { seededPercent } from '../../src/bytes/random.ts';
import { swHex } from '../../src/apdu/response.ts';
import { toHex } from '../../src/bytes/hex.ts';
import type { TerminalOutcome } from '../../src/protocol/terminal.ts';
import type { ActionCodes } from '../../src/pboc/decisions.ts';
import { type FlowTerminal, runTransaction } from '../../src/pboc/flow.ts';
import type { SimulatedHost } from '../../src/pboc/host.ts';
import { type GacResult, PbocKernel, type Send } from '../../src/pboc/kernel.ts';
import { type CaKey, isSm2Ca } from '../../src/pboc/oda-sm2.ts';
import { type Candidate, candidates, finalSelection } from '../../src/pboc/selection.ts';
import { terminalRules } from '../faults.ts';
import type { TerminalRules } from '../rules.ts';
import { checkUsageControl } from './usage-control.ts';

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

/** The seeded random source for random selection, so that runs repeat (src/bytes/random.ts). */
export { seededPercent };

export type { Candidate };

export class FinancialTerminal {
  readonly kernel: PbocKernel;
  /** The spec rules as this terminal keeps them (reference-terminal/rules.ts). */
  private readonly rules: TerminalRules;

  constructor(
    send: Send,
    private readonly config: FinancialTerminalConfig,
    amount: number,
  ) {
    this.rules = terminalRules(config.defects);
    const sent = !this.rules.amountInFen ? Math.floor(amount / 100) : amount;
    this.kernel = new PbocKernel(send, {
      amount: sent,
      date: config.date,
      ecSupport: config.ecSupport && this.rules.offerEc,
      smSupport: this.rules.supportSm,
      // 9F37: unpredictable and this transaction's own (JR/T 0025.4 §6.2.4.5.1 table 11); else the kernel's constant.
      ...(this.rules.freshUnpredictableNumber ? { unpredictable: new Uint8Array(randomBytes(4)) } : {}),
      // 9F1A: the terminal's own country code, in CDOL1 (JR/T 0025.5 §14.2 table 31).
      ...(config.country && this.rules.terminalCountryInCdol ? { country: config.country } : {}),
    });
  }

  /** Candidate list (EMV Book 1 §12.3): PSE directory, else the terminal's list of AIDs; by priority 87. */
  candidates(): Promise<Candidate[]> {
    return candidates(this.kernel, this.config, this.rules);
  }

  /** The CA key the card's 8F names, among those the terminal holds (EMV Book 2 §5.2). */
  private caKey(): CaKey | undefined {
    const index = this.kernel.data.get('8F')?.[0];
    return this.config.caKeys.find((c) => c.index === index && !(!this.rules.supportSm && isSm2Ca(c.key)))?.key;
  }

  /** This terminal in the flow's terms (src/pboc/flow.ts). */
  private terminal(): FlowTerminal {
    const c = this.config;
    return {
      ...c,
      cvms: { offlinePin: c.pinPad, onlinePin: c.pinPad && c.onlineCapable, signature: c.signature },
      velocityChecking: true,
      readsPinTryCounter: true,
    };
  }

  /** One purchase of `amount` fen (the flow, src/pboc/flow.ts); `pin` is what the cardholder enters, if asked. */
  async purchase(amount: number, pin: string | undefined): Promise<TerminalOutcome> {
    const k = this.kernel;
    const r = await runTransaction(
      k,
      this.terminal(),
      this.rules,
      {
        select: async () => finalSelection(k, await this.candidates(), this.rules),
        caKey: () => this.caKey(),
        restrictions: () => checkUsageControl(k, this.config.country, this.rules),
        authorise: (_, arqc) => this.config.host.authorise(k.pan, k.psn, arqc),
      },
      amount,
      pin,
    );
    const outcome = (result: TerminalOutcome['result'], extra: Partial<TerminalOutcome> = {}, fields: Record<string, string> = {}): TerminalOutcome => ({
      result,
      // The TVR as it was after application selection is what a terminal breaking reportTvrSent reports.
      tvr: !this.rules.reportTvrSent ? (r.tvrAtRead ?? '0000000000') : toHex(k.tvr),
      tsi: toHex(k.tsi),
      fields: { cvm: r.cvm, ...fields },
      ...extra,
    });
    if (!r.aid) return outcome('refused', { message: 'no application on the card that this terminal supports and that is not blocked' });
    if (r.refusedGpo)
      return outcome(this.rules.refusedGpoRefuses ? 'refused' : 'declined', { message: `GET PROCESSING OPTIONS answered ${swHex(r.refusedGpo.sw)}` });
    const ec = k.data.has('9F74'); // EC issuer authorisation code: the card chose the EC path (JR/T 0025.13 §7.4.3)
    const fields: Record<string, string> = { aid: toHex(r.aid), asked: r.asked as string, path: ec ? 'electronic cash' : 'debit' };
    // A GENERATE AC the card refuses gives no cryptogram to approve with: the transaction ends declined (JR/T 0025.5 §14.4, §16.6).
    const refusedGac = this.rules.refusedGacDeclines ? 'declined' : 'approved';
    if (r.refusedGac?.which === 'first') return outcome(refusedGac, { message: `first GENERATE AC answered ${swHex(r.refusedGac.response.sw)}` }, fields);
    const g1 = r.first as GacResult;
    const cid = (g: GacResult) => toHex(Uint8Array.of(g.cid));
    // A CDA that fails: the card's TC or ARQC is not to be trusted; decline (EMV Book 3 §10.8).
    if (!r.online && r.cdaFailed) return outcome('declined', { cid: cid(g1), message: 'CDA failed' }, { ...fields, online: 'no' });
    if (!r.online) return outcome(g1.type === 'TC' ? 'approved' : 'declined', { cid: cid(g1) }, { ...fields, online: 'no' });
    const f = { ...fields, online: 'yes', arc: Buffer.from(r.online.arc).toString('ascii') };
    if (!r.second) return outcome(refusedGac, { message: `second GENERATE AC answered ${r.refusedGac ? swHex(r.refusedGac.response.sw) : 'nothing'}` }, f);
    return outcome(r.approved ? 'approved' : 'declined', { cid: cid(r.second), ...(r.cdaFailed ? { message: 'CDA failed' } : {}) }, f);
  }
}
