/**
 * The whole defect catalogue the harness knows: card-sim's card defects and the reference terminal's.
 * A profile's `target.defects` may name both; each product gets its own part (cardDefects).
 */
import { CARD_DEFECTS, type DefectId as CardDefectId, isCardDefect } from '../../card-sim/index.ts';
import { TERMINAL_DEFECTS } from '../../reference-terminal/index.ts';
import type { Defect } from '../defects/defect.ts';

export type { Defect, CardDefectId };

export const DEFECTS = [...CARD_DEFECTS, ...TERMINAL_DEFECTS] as const satisfies readonly Defect[];

export type DefectId = (typeof DEFECTS)[number]['id'];

export function findDefect(id: string): Defect | undefined {
  return DEFECTS.find((d) => d.id === id);
}

/** The ids, checked: an unknown id is an error naming the known ones. */
export function checkDefects(ids: readonly string[]): DefectId[] {
  for (const id of ids) {
    if (!findDefect(id)) throw new Error(`unknown defect "${id}"; known: ${DEFECTS.map((d) => d.id).join(', ')}`);
  }
  return ids as DefectId[];
}

/** The card's part of a checked defect list (the terminal's defects are switched on in the terminal). */
export function cardDefects(ids: readonly string[]): CardDefectId[] {
  return checkDefects(ids).filter(isCardDefect);
}
