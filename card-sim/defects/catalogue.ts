/**
 * card-sim's defect catalogue: small deviations a real COS could have. Each names the scenarios (by @TC
 * id) that must FAIL when it is switched on; `sscc defects verify` runs the suite once per defect and
 * checks that exactly those fail, and that the reference image passes everything that applies.
 * One file per area; add an area's list and its implementations here (kinds: ./kinds.ts). The reference terminal's defects are its own
 * (reference-terminal/defects.ts); the harness joins both in src/defects/catalogue.ts.
 */
import type { Defect } from '../../src/defects/defect.ts';
import { ISO7816_DEFECTS, ISO7816_IMPLEMENTATIONS } from './iso7816.ts';
import { SSCARD_DEFECTS, SSCARD_IMPLEMENTATIONS } from './sscard.ts';
import { DUAL_APP_DEFECTS, DUAL_APP_IMPLEMENTATIONS } from './dual-app.ts';
import { PBOC_DEFECTS, PBOC_IMPLEMENTATIONS } from './pboc.ts';
import { LIFECYCLE_DEFECTS, LIFECYCLE_IMPLEMENTATIONS } from './lifecycle.ts';
import { MEDICAL_DEFECTS, MEDICAL_IMPLEMENTATIONS } from './medical.ts';
import { type CardDefectImpl, type CardFaults, faultsOf } from './kinds.ts';
import { STATUS_WORD_DEFECTS, STATUS_WORD_IMPLEMENTATIONS } from './status-words.ts';
import { TEARING_DEFECTS, TEARING_IMPLEMENTATIONS } from './tearing.ts';
import { PSAM_DEFECTS, PSAM_IMPLEMENTATIONS } from './psam.ts';

export type { Defect };

export const CARD_DEFECTS = [
  ...ISO7816_DEFECTS,
  ...SSCARD_DEFECTS,
  ...DUAL_APP_DEFECTS,
  ...PBOC_DEFECTS,
  ...LIFECYCLE_DEFECTS,
  ...MEDICAL_DEFECTS,
  ...STATUS_WORD_DEFECTS,
  ...TEARING_DEFECTS,
  ...PSAM_DEFECTS,
] as const satisfies readonly Defect[];

export type DefectId = (typeof CARD_DEFECTS)[number]['id'];

/** Every defect's implementation; the compiler holds each area's map to exactly its ids. */
export const CARD_DEFECT_IMPLEMENTATIONS: Readonly<Record<DefectId, CardDefectImpl>> = {
  ...ISO7816_IMPLEMENTATIONS,
  ...SSCARD_IMPLEMENTATIONS,
  ...DUAL_APP_IMPLEMENTATIONS,
  ...PBOC_IMPLEMENTATIONS,
  ...LIFECYCLE_IMPLEMENTATIONS,
  ...MEDICAL_IMPLEMENTATIONS,
  ...STATUS_WORD_IMPLEMENTATIONS,
  ...TEARING_IMPLEMENTATIONS,
  ...PSAM_IMPLEMENTATIONS,
};

/** What the card builder applies for these defects (card-sim/cos/card.ts). */
export function cardFaults(on: ReadonlySet<DefectId>): CardFaults {
  return faultsOf(CARD_DEFECT_IMPLEMENTATIONS, on);
}

const CARD_IDS: ReadonlySet<string> = new Set(CARD_DEFECTS.map((d) => d.id));

export function isCardDefect(id: string): id is DefectId {
  return CARD_IDS.has(id);
}

/** The ids, checked: an unknown id is an error naming the known ones. */
export function checkDefects(ids: readonly string[]): DefectId[] {
  for (const id of ids) {
    if (!isCardDefect(id)) throw new Error(`unknown card defect "${id}"; known: ${CARD_DEFECTS.map((d) => d.id).join(', ')}`);
  }
  return ids as DefectId[];
}
