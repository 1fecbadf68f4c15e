/**
 * A card image: the personalised content of a simulated card. Images are plain data (hex strings),
 * built in card-sim/images/ with the spec's encodings.
 */
import type { Protocol } from '../../src/apdu/channel.ts';

/** Who may perform an operation on a file. */
export type AccessCondition =
  | 'always'
  | 'never'
  /** After a successful VERIFY of the PIN with this reference in this DF or an ancestor. */
  | { pin: number }
  /** After a successful EXTERNAL AUTHENTICATE with this key id (社会保障卡规范 part 5 table 14). */
  | { key: number };

export interface PinImage {
  /** Reference in P2 of VERIFY. */
  ref: number;
  /** Digits of the PIN (a test value). */
  value: string;
  tryLimit: number;
}

export interface DfImage {
  kind: 'DF';
  /** File identifier, 4 hex digits; optional for DFs selected only by name. */
  fid?: string;
  /** DF name or AID, hex. */
  name?: string;
  label?: string;
  /** Proprietary information inside A5 of the FCI (hex of the TLVs), see fci() in files.ts. */
  fciProprietary?: string;
  pins?: PinImage[];
  /** Application that handles this DF's proprietary commands (card-sim/apps/index.ts). */
  app?: string;
  /** Application data of the image (keys, counters), read by that application. */
  appData?: Record<string, unknown>;
  /**
   * The DF is on the card only with this defect on: a file personalisation must leave out (the PPSE of a
   * contact-only card) that a defective card has.
   */
  onlyWith?: string;
  /** The DF is on the card unless this defect is on (the file a defective card has another in place of). */
  unlessWith?: string;
  children: Array<DfImage | EfImage>;
}

export type EfStructure = 'transparent' | 'linear-fixed' | 'linear-variable' | 'cyclic';

export interface EfImage {
  kind: 'EF';
  fid: string;
  sfi?: number;
  label?: string;
  structure: EfStructure;
  /** Transparent EF: size in bytes, and content (hex; the rest is 00). */
  size?: number;
  data?: string;
  /** Record EF: the records, hex. */
  records?: string[];
  read: AccessCondition;
  update: AccessCondition;
  /** As DfImage.onlyWith and unlessWith: the EF is there with (without) this defect on. */
  onlyWith?: string;
  unlessWith?: string;
}

export interface CardImage {
  name: string;
  description: string;
  /** Answer to reset, hex. */
  atr: string;
  protocol: Protocol;
  mf: DfImage;
  /** false for an image that breaks the specs on purpose (the hostile card): fuzzing then checks only that it answers. */
  conformant?: boolean;
}
