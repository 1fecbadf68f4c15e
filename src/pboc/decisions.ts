/**
 * Kernel decisions that need no card I/O: CVM list processing (EMV Book 3 §10.5, JR/T 0025.5 §7.5) and
 * terminal action analysis (EMV Book 3 §10.7, JR/T 0025.6; TAC/IAC with the TVR bit by bit).
 */
import { fromHex, toUint } from '../bytes/hex.ts';
import type { AcType } from './kernel.ts';

export interface CvmRule {
  /** b6..b1 of the first byte: 01 offline plaintext PIN, 02 online PIN, 1E signature, 1F no CVM, 20 ID presentation. */
  method: number;
  /** b7: apply the next rule when this one fails. */
  applyNextIfFails: boolean;
  condition: number;
}

export function parseCvmList(list: Uint8Array): { x: number; y: number; rules: CvmRule[] } {
  const rules: CvmRule[] = [];
  for (let i = 8; i + 1 < list.length; i += 2) {
    const b = list[i] as number;
    rules.push({ method: b & 0x3f, applyNextIfFails: (b & 0x40) !== 0, condition: list[i + 1] as number });
  }
  return { x: toUint(list.subarray(0, 4)), y: toUint(list.subarray(4, 8)), rules };
}

export interface CvmContext {
  amount: number;
  supports(method: number): boolean;
}

/** The first rule whose condition holds (EMV Book 3 Annex C3 conditions 00, 03, 06–09); undefined = no CVM applies. */
export function selectCvm(list: Uint8Array, ctx: CvmContext): CvmRule | undefined {
  const { x, y, rules } = parseCvmList(list);
  const holds = (r: CvmRule) => {
    switch (r.condition) {
      case 0x00:
        return true;
      case 0x03:
        return ctx.supports(r.method);
      case 0x06:
        return ctx.amount < x;
      case 0x07:
        return ctx.amount > x;
      case 0x08:
        return ctx.amount < y;
      case 0x09:
        return ctx.amount > y;
      default:
        return false;
    }
  };
  for (const r of rules) {
    if (!holds(r)) continue;
    if (ctx.supports(r.method) || !r.applyNextIfFails) return r;
  }
  return undefined;
}

export interface ActionCodes {
  denial: Uint8Array;
  online: Uint8Array;
  default: Uint8Array;
}

/** The terminal action codes of a UnionPay POS (spec-notes/pboc.md §1.5), in hex. */
export const UNIONPAY_TAC = { denial: '0010000000', online: 'D84004F800', default: 'D84000A800' } as const;
/** The same as ActionCodes. */
export const UNIONPAY_TACS: ActionCodes = {
  denial: fromHex(UNIONPAY_TAC.denial),
  online: fromHex(UNIONPAY_TAC.online),
  default: fromHex(UNIONPAY_TAC.default),
};

const hit = (tvr: Uint8Array, a: Uint8Array, b: Uint8Array) => tvr.some((v, i) => (v & ((a[i] ?? 0) | (b[i] ?? 0))) !== 0);

/**
 * Terminal action analysis. Absent IACs: denial 00…, online and default FF… (EMV Book 3 §10.7).
 * Returns the cryptogram to ask for in the first GENERATE AC.
 */
export function terminalActionAnalysis(tvr: Uint8Array, tac: ActionCodes, iac: Partial<ActionCodes>, onlineCapable: boolean): AcType {
  const ff = new Uint8Array(5).fill(0xff);
  const iacDenial = iac.denial ?? new Uint8Array(5);
  if (hit(tvr, tac.denial, iacDenial)) return 'AAC';
  if (onlineCapable) return hit(tvr, tac.online, iac.online ?? ff) ? 'ARQC' : 'TC';
  return hit(tvr, tac.default, iac.default ?? ff) ? 'AAC' : 'TC';
}
