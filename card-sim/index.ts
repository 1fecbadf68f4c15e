/**
 * card-sim's public face: the reference card product (COS, SSSE, PBOC and medical applications, PSAM)
 * as the harness sees it. The harness imports card-sim through this module only (docs/design.md
 * "Layers"); card-sim imports nothing from the harness.
 */
export { cardMaker, createCard, observeCards, type CardMade, type CardObserver, type CardOptions, type SimCard } from './cos/card.ts';
export type { CardImage } from './cos/image.ts';
export { allDfs, buildTree, fci, forgetDecodedImages } from './cos/files.ts';
export { nvmChanges, unexpectedChanges, type NvmFile, type NvmSnapshot } from './cos/snapshot.ts';
export { CARD_DEFECTS, checkDefects, isCardDefect, type DefectId } from './defects/catalogue.ts';
export { IMAGES, imageNames } from './images/index.ts';
export { buildPsamImage, PSAM_TERMINAL_NUMBER } from './psam/image.ts';
export { VirtualCard } from './vpcd.ts';
export { withMedicalAccount } from './images/medical.ts';
export { t1Port, chipTimeMs } from './cos/t1.ts';
