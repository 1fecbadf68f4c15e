/** The applications card-sim knows, by the name a DF of an image gives in `app`. */
import type { CardApplication } from '../cos/application.ts';
import { HOSTILE_APP } from './hostile.ts';
import { PSAM_APP } from '../psam/app.ts';
import { SSCARD_APP, SSCARD_MF_APP } from './sscard/app.ts';
import { CARD_MANAGER_APP, masterKeyOf } from './card-manager.ts';
import type { CardContext } from '../cos/context.ts';
import { allDfs } from '../cos/files.ts';
import { PBOC_APP, pbocNvm } from './pboc/pboc.ts';
import { account as medicalAccount } from './medical/app.ts';
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

/**
 * Give every application its persistent state as personalised, before the first command: a card's NVM
 * exists from personalisation, so a snapshot taken before any command equals one taken after reads.
 */
export function materialiseNvm(card: CardContext): void {
  for (const df of allDfs(card.mf)) {
    if ((df.appData as { masterKey?: unknown }).masterKey !== undefined) masterKeyOf(df);
    if (df.app === 'medical' && df.appData.medical !== undefined) medicalAccount(df);
    if (df.app === 'pboc') {
      card.selectDf(df);
      pbocNvm(card);
    }
  }
  card.selectDf(card.mf);
}
