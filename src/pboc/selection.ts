/**
 * Application selection as a terminal makes it (JR/T 0025.5 §6.4–6.5, EMV Book 1 §12.3–12.4): the
 * candidate list from the PSE directory, else from the terminal's list of AIDs (SELECT next occurrence),
 * ordered by the application priority indicator 87, then final selection.
 */
import { SW } from '../apdu/sw.ts';
import { fromHex, toHex } from '../bytes/hex.ts';
import { SELECT_P2, selectByName } from '../iso7816/commands.ts';
import { fciOf } from '../iso7816/fci.ts';
import type { FlowRules } from './flow.ts';
import type { PbocKernel } from './kernel.ts';

export interface Candidate {
  aid: Uint8Array;
  /** b4–b1 of 87: 1 highest, 0 none. */
  priority: number;
  /** b8 of 87: the cardholder must confirm the application. */
  confirmation: boolean;
}

export interface SelectionParameters {
  /** The AIDs the terminal supports (hex), matched as prefixes of the card's AIDs (EMV Book 1 §12.3.1). */
  aids: readonly string[];
  /** The terminal lets the cardholder confirm an application (87 b8); if not, such applications are left out. */
  cardholderConfirmation: boolean;
}

const candidate = (aid: Uint8Array, priority: Uint8Array | undefined): Candidate => {
  const p = priority?.[0] ?? 0;
  return { aid, priority: p & 0x0f, confirmation: (p & 0x80) !== 0 };
};

/** Candidate list (EMV Book 1 §12.3): PSE directory, else the terminal's list of AIDs; by priority 87. */
export async function candidates(k: PbocKernel, p: SelectionParameters, rules: FlowRules): Promise<Candidate[]> {
  const supported = (aid: Uint8Array) => p.aids.some((a) => toHex(aid).startsWith(a.toUpperCase()));
  const list: Candidate[] = [];
  const pse = rules.readPse ? await k.pseDirectoryIfAny() : undefined;
  if (pse) {
    for (const e of pse.entries) if (e.aid && supported(e.aid)) list.push(candidate(e.aid, e.priority));
  } else if (rules.aidListFallback) {
    // Each terminal AID, then SELECT next occurrence (P2 02) while the card finds more (JR/T 0025.5 §6.4.2).
    for (const a of p.aids) {
      for (let next = false, n = 0; n < 16; next = true, n++) {
        const r = await k.command(selectByName(fromHex(a), next ? SELECT_P2.NEXT : SELECT_P2.FCI));
        if (r.sw !== SW.NO_ERROR && r.sw !== SW.WARNING_SELECTED_FILE_INVALIDATED) break;
        if (r.sw === SW.WARNING_SELECTED_FILE_INVALIDATED) continue; // blocked: not a candidate
        const fci = fciOf(r.data);
        list.push(candidate(fci.dfName ?? fromHex(a), fci.priority));
      }
    }
  }
  const usable = p.cardholderConfirmation || !rules.askCardholderConfirmation ? list : list.filter((c) => !c.confirmation);
  // Priority 1 is highest; 0 means no priority and goes last (EMV Book 1 §12.4).
  const rank = (c: Candidate) => (c.priority === 0 ? 16 : c.priority);
  return !rules.orderByPriority ? usable : [...usable].sort((a, b) => rank(a) - rank(b));
}

/** Final selection: the first candidate that selects with 9000; a blocked one (6283) is left out. */
export async function finalSelection(k: PbocKernel, list: Candidate[], rules: FlowRules): Promise<Uint8Array | undefined> {
  for (const c of list) {
    const r = await k.selectApplication(c.aid);
    if (r.sw === SW.NO_ERROR || (r.sw === SW.WARNING_SELECTED_FILE_INVALIDATED && !rules.refuseBlockedApp)) return c.aid;
  }
  return undefined;
}
