/** The applications card-sim knows, by the name a DF of an image gives in `app`. */
import type { CardApplication } from '../cos/application.ts';
import { HOSTILE_APP } from './hostile.ts';
import { PBOC_APP } from './pboc/pboc.ts';

export const APPLICATIONS: Readonly<Record<string, CardApplication>> = {
  hostile: HOSTILE_APP,
  pboc: PBOC_APP,
};
