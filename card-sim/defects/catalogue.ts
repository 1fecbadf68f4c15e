/**
 * The defect catalogue: small deviations a real COS could have. Each names the scenarios (by @TC id)
 * that must FAIL when it is switched on; `sscc defects verify` runs the suite once per defect and
 * checks that exactly those fail, and that the reference image passes everything that applies.
 * One file per area; add an area's list here.
 */
import type { Defect } from './defect.ts';
import { ISO7816_DEFECTS } from './iso7816.ts';
import { SSCARD_DEFECTS } from './sscard.ts';
import { DUAL_APP_DEFECTS } from './dual-app.ts';
import { TERMINAL_DEFECTS } from './terminal.ts';
import { PBOC_DEFECTS } from './pboc.ts';
import { LIFECYCLE_DEFECTS } from './lifecycle.ts';
import { MEDICAL_DEFECTS } from './medical.ts';
import { TERMINAL_MEDICAL_DEFECTS } from './terminal-medical.ts';

export type { Defect };

export const DEFECTS = [...ISO7816_DEFECTS, ...SSCARD_DEFECTS, ...DUAL_APP_DEFECTS, ...PBOC_DEFECTS, ...LIFECYCLE_DEFECTS, ...MEDICAL_DEFECTS, ...TERMINAL_DEFECTS, ...TERMINAL_MEDICAL_DEFECTS] as const satisfies readonly Defect[];


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
