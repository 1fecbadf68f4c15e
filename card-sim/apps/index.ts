/** The applications card-sim knows, by the name a DF of an image gives in `app`. */
import type { CardApplication } from '../cos/application.ts';
import { HOSTILE_APP } from './hostile.ts';
import { PSAM_APP } from '../psam/app.ts';
import { SSCARD_APP, SSCARD_MF_APP } from './sscard/app.ts';

export const APPLICATIONS: Readonly<Record<string, CardApplication>> = {
  hostile: HOSTILE_APP,
  sscard: SSCARD_APP,
  'sscard-mf': SSCARD_MF_APP,
  psam: PSAM_APP,
};
