/** The applications card-sim knows, by the name a DF of an image gives in `app`. */
import type { CardApplication } from '../cos/application.ts';
import { HOSTILE_APP } from './hostile.ts';
import { PSAM_APP } from '../psam/app.ts';
import { SSCARD_APP, SSCARD_MF_APP } from './sscard/app.ts';
import { CARD_MANAGER_APP } from './card-manager.ts';
import { PBOC_APP } from './pboc/pboc.ts';
import { PPSE_APP } from './pboc/ppse.ts';
import { MEDICAL_APP } from './medical/app.ts';

/** The MF of a social security card: card management, and the SSSE's card-wide commands (CARD BLOCK, blocked SELECT). */
const CARD_MF_APP: CardApplication = { name: 'card-mf', commands: [...SSCARD_MF_APP.commands, ...CARD_MANAGER_APP.commands] };

export const APPLICATIONS: Readonly<Record<string, CardApplication>> = {
  hostile: HOSTILE_APP,
  sscard: SSCARD_APP,
  'sscard-mf': SSCARD_MF_APP,
  'card-mf': CARD_MF_APP,
  'card-manager': CARD_MANAGER_APP,
  pboc: PBOC_APP,
  ppse: PPSE_APP,
  psam: PSAM_APP,
  medical: MEDICAL_APP,
};
