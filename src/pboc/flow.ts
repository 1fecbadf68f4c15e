/**
 * The PBOC transaction flow (JR/T 0025.6 = EMV Book 3 §10, Book 4): application selection, GET PROCESSING
 * OPTIONS, READ RECORD per AFL, offline data authentication, processing restrictions, cardholder
 * verification, terminal risk management, terminal action analysis, first GENERATE AC, online with issuer
 * authentication and scripts, second GENERATE AC. One flow for the instrument that tests cards
 * (PbocUnderTest.transaction) and for the reference POS (reference-terminal/pboc/pos.ts): what differs is
 * the terminal (`FlowTerminal`: its capabilities and parameters), the decisions it may get wrong
 * (`FlowRules`, each the spec's by default) and the hooks it supplies (`FlowHooks`: selection, CA key,
 * host). The card's malformed answers become NonConformance (FAIL), the card's faults go to `problems`.
 */
import type { ResponseApdu } from '../apdu/response.ts';
import { swHex } from '../apdu/response.ts';
import { notRefused, SW } from '../apdu/sw.ts';
import { fromHex, toHex, toUint } from '../bytes/hex.ts';
import { ARC_APPROVED } from './commands.ts';
import { type ActionCodes, type CvmRule, parseCvmList, selectCvm, terminalActionAnalysis } from './decisions.ts';
import type { HostAnswer } from './host.ts';
import type { AcType, GacResult, PbocKernel } from './kernel.ts';
import type { CaKey } from './oda-sm2.ts';
import { AIP, type Bit, clearBit, hasBit, setBit, TSI, TVR } from './tvr.ts';
import { type Diagnosis, dx } from '../verdict/messages.ts';

/**
 * The decisions of the flow a terminal may get wrong, by their spec names (the reference terminal's
 * reference-terminal/rules.ts gives each its clause; a terminal defect sets one false). The instrument
 * keeps them all: SPEC_FLOW_RULES.
 */
export const FLOW_RULE_NAMES = [
  ...['readPse', 'aidListFallback', 'askCardholderConfirmation', 'orderByPriority', 'refuseBlockedApp'], // selection.ts
  ...['performOda', 'odaFailureInTvr', 'performCda'],
  ...['supportOfflinePin', 'supportSignatureCvm', 'cvmRuleByCondition', 'onlinePinToHost', 'checkPinTryCounter'],
  ...['checkExceptionFile', 'checkFloorLimit', 'randomOnlineSelection', 'checkVelocity', 'checkApplicationDates'],
  ...['verifyCda', 'issuerAuthentication', 'honourArc', 'deliverScripts'],
  ...['gpoOncePerSelection', 'externalAuthenticateAfterArqc'],
] as const;
export type FlowRules = { readonly [K in (typeof FLOW_RULE_NAMES)[number]]: boolean };

/** Every decision the spec's way. */
export const SPEC_FLOW_RULES = Object.fromEntries(FLOW_RULE_NAMES.map((n) => [n, true])) as FlowRules;

/** The terminal's capabilities and risk parameters (EMV Book 4 §6; terminal capabilities 9F33). */
export interface FlowTerminal {
  tac: ActionCodes;
  onlineCapable: boolean;
  /** The CVMs it performs (9F33 byte 2): offline plaintext PIN, online enciphered PIN, signature. */
  cvms: { offlinePin: boolean; onlinePin: boolean; signature: boolean };
  /** It performs CDA with cards that offer it (JR/T 0025.7 §5.3.6). */
  cda: boolean;
  /** Terminal floor limit 9F1B, in fen. */
  floorLimit: number;
  /** Random transaction selection (EMV Book 3 §10.6.2): threshold in fen, target and maximum target percentages. */
  randomSelection: { threshold: number; targetPercent: number; maxTargetPercent: number };
  /** 0 ≤ n < 100, the terminal's random number for random selection. */
  random(): number;
  /** PANs on the terminal's exception file (§10.6.1). */
  exceptionFile: readonly string[];
  /** Velocity checking with GET DATA ATC and last online ATC (§10.6.3), when the card gives 9F14 and 9F23. */
  velocityChecking: boolean;
  /** GET DATA PIN try counter 9F17 before the PIN is asked (§10.5.1). */
  readsPinTryCounter: boolean;
  /** The merchant forces the transaction online (TVR B4 b4). */
  forceOnline?: boolean;
}

export interface FlowHooks {
  /** Application selection (JR/T 0025.5 §6): the AID selected, or undefined when none is. */
  select(k: PbocKernel): Promise<Uint8Array | undefined>;
  /** The CA public key the card's 8F names, among those the terminal holds (EMV Book 2 §5.2). */
  caKey(k: PbocKernel): CaKey | undefined;
  /** The steps of processing restrictions after the dates (application usage control, JR/T 0025.5 §10.3.2). */
  restrictions?(k: PbocKernel): void;
  /** The issuer's answer to the ARQC (EMV Book 3 §10.9). */
  authorise(k: PbocKernel, arqc: GacResult): HostAnswer;
  /** What is wrong with a cryptogram, checked with the issuer keys (the instrument only). */
  checkCryptogram?(k: PbocKernel, g: GacResult): Diagnosis | undefined;
}

export interface FlowResult {
  /** The application selected; none ends the flow. */
  aid?: Uint8Array;
  /** GET PROCESSING OPTIONS when refused, which ends the flow. */
  refusedGpo?: ResponseApdu;
  /** The TVR as it was after READ RECORD. */
  tvrAtRead?: string;
  /** What terminal action analysis asked for in the first GENERATE AC. */
  asked?: AcType;
  first?: GacResult;
  second?: GacResult;
  /** The GENERATE AC that answered an error status word. */
  refusedGac?: { which: 'first' | 'second'; response: ResponseApdu };
  /** The host's answer, when the flow went online. */
  online?: HostAnswer;
  /** A CDA signature did not verify: the transaction is declined. */
  cdaFailed: boolean;
  /** The CVM performed: none, offline PIN, online PIN, signature, offline PIN and signature. */
  cvm: string;
  approved: boolean;
  /** The card's faults seen on the way (ODA, PIN, cryptograms, issuer authentication). */
  problems: Diagnosis[];
}

/** ODA (JR/T 0025.5 §9.2): CDA when card and terminal support it, else DDA, else SDA. Returns whether CDA is to be asked. */
export async function offlineDataAuthentication(
  k: PbocKernel,
  t: FlowTerminal,
  rules: FlowRules,
  ca: CaKey | undefined,
  problems: Diagnosis[],
): Promise<boolean> {
  if (!rules.performOda || !(hasBit(k.aip, AIP.SDA) || hasBit(k.aip, AIP.DDA) || hasBit(k.aip, AIP.CDA))) {
    if (rules.odaFailureInTvr) setBit(k.tvr, TVR.ODA_NOT_PERFORMED);
    return false;
  }
  setBit(k.tsi, TSI.ODA_PERFORMED);
  if (hasBit(k.aip, AIP.CDA) && t.cda && rules.performCda) {
    // The ICC key is recovered before GENERATE AC; if it does not, CDA has failed and is not asked (JR/T 0025.7 §5.3.6).
    const errors = ca ? k.iccKey(ca).errors : [dx('flow.noCaKey', { index: toHex(k.data.get('8F') ?? new Uint8Array(0)) })];
    if (!errors.length) return true;
    setBit(k.tvr, TVR.CDA_FAILED);
    problems.push(...errors.map((problem) => dx('oda.method', { method: 'CDA', problem })));
    return false;
  }
  const dda = hasBit(k.aip, AIP.DDA);
  if (!ca)
    setBit(k.tvr, dda ? TVR.DDA_FAILED : TVR.SDA_FAILED); // no CA key with that index (EMV Book 2 §5.2)
  else if (dda) problems.push(...(await k.dda(ca)).errors.map((problem) => dx('oda.method', { method: 'DDA', problem })));
  else problems.push(...k.sda(ca).map((problem) => dx('oda.method', { method: 'SDA', problem })));
  if (!rules.odaFailureInTvr) for (const bit of [TVR.SDA_FAILED, TVR.DDA_FAILED, TVR.CDA_FAILED]) clearBit(k.tvr, bit);
  return false;
}

/** CVM processing (EMV Book 3 §10.5, JR/T 0025.5 §7.5): sets the TVR and TSI, returns the CVM performed. */
export async function cardholderVerification(
  k: PbocKernel,
  t: FlowTerminal,
  rules: FlowRules,
  pin: string | undefined,
  amount: number,
  problems: Diagnosis[],
): Promise<string> {
  if (!hasBit(k.aip, AIP.CARDHOLDER_VERIFICATION)) return 'none';
  setBit(k.tsi, TSI.CARDHOLDER_VERIFICATION_PERFORMED);
  const fail = (...bits: Bit[]) => {
    for (const b of [...bits, TVR.CVM_NOT_SUCCESSFUL]) setBit(k.tvr, b);
  };
  const supports = (method: number): boolean => {
    switch (method) {
      case CVM.OFFLINE_PIN:
        return t.cvms.offlinePin && rules.supportOfflinePin;
      case CVM.ONLINE_PIN:
        return t.cvms.onlinePin;
      case CVM.OFFLINE_PIN_AND_SIGNATURE:
        return t.cvms.offlinePin && t.cvms.signature;
      case CVM.SIGNATURE:
        return t.cvms.signature && rules.supportSignatureCvm;
      case CVM.NO_CVM:
        return true;
      default:
        return false;
    }
  };
  const list = k.data.get('8E');
  if (!list || list.length < 10) {
    fail(TVR.ICC_DATA_MISSING);
    return 'none';
  }
  const rule: CvmRule | undefined = !rules.cvmRuleByCondition ? parseCvmList(list).rules[0] : selectCvm(list, { amount, supports });
  if (!rule) {
    fail();
    return 'none';
  }
  if (!Object.values(CVM).includes(rule.method as never)) {
    fail(TVR.UNRECOGNISED_CVM);
    return 'none';
  }
  if (!supports(rule.method)) {
    if (rule.method === CVM.OFFLINE_PIN || rule.method === CVM.ONLINE_PIN) fail(TVR.PIN_PAD_NOT_PRESENT);
    else fail();
    return 'none';
  }
  if (rule.method === CVM.ONLINE_PIN && rules.onlinePinToHost) {
    setBit(k.tvr, TVR.ONLINE_PIN_ENTERED); // enciphered for the host, which checks it
    return 'online PIN';
  }
  if (rule.method === CVM.SIGNATURE) return 'signature';
  if (rule.method === CVM.NO_CVM) return 'none';
  const cvm = rule.method === CVM.OFFLINE_PIN_AND_SIGNATURE ? 'offline PIN and signature' : 'offline PIN';
  if (pin === undefined) {
    fail(TVR.PIN_NOT_ENTERED);
    return cvm;
  }
  // PIN try counter 9F17 first: at 0 the PIN is not asked (EMV Book 3 §10.5.1).
  if (t.readsPinTryCounter && rules.checkPinTryCounter) {
    const tries = await k.getDataOrNone('9F17');
    if (tries && tries[0] === 0) {
      fail(TVR.PIN_TRY_LIMIT_EXCEEDED);
      return cvm;
    }
  }
  const r = await k.verifyPin(pin);
  if (r.sw === SW.NO_ERROR) return cvm;
  problems.push(dx('flow.offlinePin', { sw: swHex(r.sw) }));
  if (r.sw === SW.AUTHENTICATION_METHOD_BLOCKED || r.sw === SW.REFERENCE_DATA_NOT_USABLE || r.sw === SW.VERIFICATION_FAILED_NO_TRIES)
    fail(TVR.PIN_TRY_LIMIT_EXCEEDED);
  else fail();
  return cvm;
}

/** CVM codes of the CVM list, b6–b1 (EMV Book 3 Annex C3). */
export const CVM = { OFFLINE_PIN: 0x01, ONLINE_PIN: 0x02, OFFLINE_PIN_AND_SIGNATURE: 0x03, SIGNATURE: 0x1e, NO_CVM: 0x1f } as const;

/** Terminal risk management (EMV Book 3 §10.6): exception file, floor limit, random selection, velocity. */
export async function terminalRiskManagement(k: PbocKernel, t: FlowTerminal, rules: FlowRules, amount: number): Promise<void> {
  if (!hasBit(k.aip, AIP.TERMINAL_RISK_MANAGEMENT)) return;
  setBit(k.tsi, TSI.TERMINAL_RISK_MANAGEMENT_PERFORMED);
  let pan = '';
  try {
    pan = k.pan;
  } catch {
    setBit(k.tvr, TVR.ICC_DATA_MISSING);
  }
  if (pan && t.exceptionFile.includes(pan) && rules.checkExceptionFile) setBit(k.tvr, TVR.CARD_ON_EXCEPTION_FILE);
  if (amount >= t.floorLimit && rules.checkFloorLimit) setBit(k.tvr, TVR.FLOOR_LIMIT_EXCEEDED);
  if (amount < t.floorLimit && t.onlineCapable && rules.randomOnlineSelection) {
    const { threshold, targetPercent, maxTargetPercent } = t.randomSelection;
    const p =
      amount < threshold ? targetPercent : targetPercent + ((maxTargetPercent - targetPercent) * (amount - threshold)) / Math.max(1, t.floorLimit - threshold);
    if (t.random() < p) setBit(k.tvr, TVR.RANDOMLY_SELECTED_ONLINE);
  }
  const lcol = k.data.get('9F14');
  const ucol = k.data.get('9F23');
  if (lcol && ucol && t.velocityChecking && rules.checkVelocity) {
    const read = async (tag: string) => {
      const v = await k.getDataOrNone(tag);
      return v && v.length === 2 ? toUint(v) : undefined;
    };
    const atc = await read('9F36');
    const lastOnline = await read('9F13');
    if (atc === undefined || lastOnline === undefined) {
      for (const b of [TVR.LOWER_CONSECUTIVE_OFFLINE_LIMIT_EXCEEDED, TVR.UPPER_CONSECUTIVE_OFFLINE_LIMIT_EXCEEDED, TVR.ICC_DATA_MISSING]) setBit(k.tvr, b);
    } else {
      if (atc - lastOnline > (lcol[0] as number)) setBit(k.tvr, TVR.LOWER_CONSECUTIVE_OFFLINE_LIMIT_EXCEEDED);
      if (atc - lastOnline > (ucol[0] as number)) setBit(k.tvr, TVR.UPPER_CONSECUTIVE_OFFLINE_LIMIT_EXCEEDED);
      if (lastOnline === 0) setBit(k.tvr, TVR.NEW_CARD);
    }
  }
}

/** Issuer script processing (EMV Book 3 §10.10): each command in turn; a refusal sets the TVR bit and ends the script. */
async function issuerScripts(k: PbocKernel, rules: FlowRules, commands: Uint8Array[], failed: Bit): Promise<void> {
  if (!commands.length || !rules.deliverScripts) return;
  setBit(k.tsi, TSI.SCRIPT_PROCESSING_PERFORMED);
  for (const c of commands) {
    if (!notRefused((await k.script(c)).sw)) {
      setBit(k.tvr, failed);
      return;
    }
  }
}

/**
 * One transaction of `amount` fen on the card behind `k` (EMV Book 3 §10.1–10.11); `pin` is what the
 * cardholder enters, if asked. CDA is asked with a TC or ARQC, never with an AAC (JR/T 0025.7 §5.3.6);
 * a CDA signature that does not verify declines the transaction.
 */
export async function runTransaction(
  k: PbocKernel,
  t: FlowTerminal,
  rules: FlowRules,
  hooks: FlowHooks,
  amount: number,
  pin: string | undefined,
): Promise<FlowResult> {
  const problems: Diagnosis[] = [];
  const result: FlowResult = { cdaFailed: false, cvm: 'none', approved: false, problems };
  const aid = await hooks.select(k);
  if (!aid) return result;
  result.aid = aid;
  const gpo = await k.gpo();
  if (gpo.sw !== SW.NO_ERROR) return { ...result, refusedGpo: gpo };
  // One GET PROCESSING OPTIONS per selection (JR/T 0025.5 §B.5: a second one is refused, 6985).
  if (!rules.gpoOncePerSelection) await k.gpo();
  await k.readApplicationData();
  result.tvrAtRead = toHex(k.tvr);
  const ca = hooks.caKey(k);
  const cda = await offlineDataAuthentication(k, t, rules, ca, problems);
  if (rules.checkApplicationDates) k.processingRestrictions();
  hooks.restrictions?.(k);
  result.cvm = await cardholderVerification(k, t, rules, pin, amount, problems);
  await terminalRiskManagement(k, t, rules, amount);
  if (t.forceOnline) setBit(k.tvr, TVR.MERCHANT_FORCED_ONLINE);
  const iac = { denial: k.data.get('9F0E'), online: k.data.get('9F0F'), default: k.data.get('9F0D') };
  const asked = terminalActionAnalysis(k.tvr, t.tac, iac, t.onlineCapable);
  result.asked = asked;
  const cdaFails = (g: GacResult, which: Diagnosis): boolean => {
    const errors = k.verifyCda(ca as CaKey, g).errors;
    problems.push(...errors.map((problem) => dx('flow.cdaOf', { which, problem })));
    return errors.length > 0;
  };
  const check = (g: GacResult) => {
    const problem = hooks.checkCryptogram?.(k, g);
    if (problem) problems.push(problem);
  };

  // Issuer authentication answers the ARQC (JR/T 0025.5 §15.4): a terminal that breaks it sends an ARPC it cannot have yet.
  if (!rules.externalAuthenticateAfterArqc) await k.externalAuthenticate(new Uint8Array(8), fromHex('3030'));
  const cda1 = cda && asked !== 'AAC';
  const first = await k.generateAc(asked, false, {}, { cda: cda1 });
  setBit(k.tsi, TSI.CARD_RISK_MANAGEMENT_PERFORMED);
  if (!first.result) {
    problems.push(dx('flow.gacAnswered', { which: dx('gac.first'), sw: swHex(first.response.sw) }));
    return { ...result, refusedGac: { which: 'first', response: first.response } };
  }
  const g1 = first.result;
  result.first = g1;
  if (cda1 && g1.type !== 'AAC' && rules.verifyCda && cdaFails(g1, dx('gac.first'))) return { ...result, cdaFailed: true };
  check(g1);
  if (g1.type !== 'ARQC') return { ...result, approved: g1.type === 'TC' };

  const answer = hooks.authorise(k, g1);
  result.online = answer;
  if (hasBit(k.aip, AIP.ISSUER_AUTHENTICATION) && answer.arpc && rules.issuerAuthentication) {
    setBit(k.tsi, TSI.ISSUER_AUTHENTICATION_PERFORMED);
    const ea = await k.externalAuthenticate(answer.arpc, answer.arc);
    if (ea.sw !== SW.NO_ERROR) {
      setBit(k.tvr, TVR.ISSUER_AUTHENTICATION_FAILED);
      problems.push(dx('cmd.answered', { command: 'EXTERNAL AUTHENTICATE', sw: swHex(ea.sw) }));
    }
  }
  await issuerScripts(k, rules, answer.scripts71, TVR.SCRIPT_FAILED_BEFORE_FINAL_GAC);
  const approve = toHex(answer.arc) === toHex(ARC_APPROVED) || !rules.honourArc;
  const cda2 = cda && approve;
  const second = await k.generateAc(approve ? 'TC' : 'AAC', true, { '8A': answer.arc }, { cda: cda2 });
  const cdaFailed = cda2 && second.result !== undefined && second.result.type !== 'AAC' && cdaFails(second.result, dx('gac.second'));
  await issuerScripts(k, rules, answer.scripts72, TVR.SCRIPT_FAILED_AFTER_FINAL_GAC);
  if (!second.result) {
    problems.push(dx('flow.gacAnswered', { which: dx('gac.second'), sw: swHex(second.response.sw) }));
    return { ...result, refusedGac: { which: 'second', response: second.response } };
  }
  result.second = second.result;
  if (!cdaFailed) check(second.result);
  return { ...result, cdaFailed, approved: second.result.type === 'TC' && !cdaFailed };
}
