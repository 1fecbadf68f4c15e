/** The runtime file tree of a simulated card, built from its image (ISO/IEC 7816-4 §5.3). */
import { fromHex } from '../../src/bytes/hex.ts';
import { buildTlv } from '../../src/tlv/ber.ts';
import type { AccessCondition, CardImage, DfImage, EfImage, EfStructure, PinImage } from './image.ts';

export interface PinState {
  ref: number;
  value: string;
  tryLimit: number;
  triesLeft: number;
}

export interface DfNode {
  kind: 'DF';
  fid?: number;
  name?: Uint8Array;
  parent?: DfNode;
  children: FileNode[];
  pins: PinState[];
  fciProprietary: Uint8Array;
  /** Application whose commands this DF (and the DFs below it) offers. */
  app?: string;
  /** Personalisation data of that application, from the image. */
  appData: Record<string, unknown>;
  /** Non-volatile state of that application (counters, keys' try counts …); survives reset. */
  state: Record<string, unknown>;
  /** Made by CREATE FILE after issue (not in the image): its existence is itself NVM (card-sim/cos/nvm.ts). */
  created?: true;
}

/** A DF as CREATE FILE makes it (part 4 §5.2): empty, no application, no master key yet. */
export function createdDf(parent: DfNode, name: Uint8Array, fid?: number): DfNode {
  return {
    kind: 'DF',
    ...(fid === undefined ? {} : { fid }),
    name: name.slice(),
    parent,
    children: [],
    pins: [],
    fciProprietary: new Uint8Array(0),
    appData: {},
    state: {},
    created: true,
  };
}

/** What identifies a created DF in NVM: its FID (or none) and its name, `fid/name` in hex. */
export const createdDescriptor = (df: DfNode): string =>
  `${df.fid === undefined ? '' : df.fid.toString(16).padStart(4, '0')}/${Buffer.from(df.name ?? new Uint8Array(0)).toString('hex')}`;

/** The DF a descriptor names, made under `parent` (the inverse of createdDescriptor). */
export function dfOfDescriptor(parent: DfNode, descriptor: string): DfNode {
  const [fid, name] = descriptor.split('/') as [string, string];
  return createdDf(parent, Uint8Array.from(Buffer.from(name, 'hex')), fid ? parseInt(fid, 16) : undefined);
}

export interface EfNode {
  kind: 'EF';
  fid: number;
  sfi?: number;
  parent: DfNode;
  structure: EfStructure;
  data: Uint8Array;
  records: Uint8Array[];
  read: AccessCondition;
  update: AccessCondition;
}

export type FileNode = DfNode | EfNode;

export const MF_FID = 0x3f00;

/** The file tree of an image; `present` leaves out the files it refuses (onlyWith, unlessWith a defect). */
export function buildTree(image: CardImage, present: (file: DfImage | EfImage) => boolean = (f) => f.onlyWith === undefined): DfNode {
  return buildDf(image.mf, undefined, present);
}

function buildDf(img: DfImage, parent: DfNode | undefined, present: (file: DfImage | EfImage) => boolean): DfNode {
  const df: DfNode = {
    kind: 'DF',
    ...(img.fid ? { fid: parseInt(img.fid, 16) } : {}),
    ...(img.name ? { name: fromHex(img.name) } : {}),
    ...(parent ? { parent } : {}),
    children: [],
    pins: (img.pins ?? []).map((p: PinImage) => ({ ...p, triesLeft: p.tryLimit })),
    fciProprietary: fromHex(img.fciProprietary ?? ''),
    ...(img.app ? { app: img.app } : {}),
    appData: img.appData ?? {},
    state: {},
  };
  for (const child of img.children) {
    if (!present(child)) continue;
    if (child.kind === 'EF') df.children.push(buildEf(child, df));
    else df.children.push(buildDf(child, df, present));
  }
  return df;
}

/** An EF image's contents as bytes, decoded once per image (a card is built per scenario; each gets copies; an image is never changed once a card is made from it: a defect personalises a copy). */
let decoded = new WeakMap<EfImage, { data: Uint8Array; records: Uint8Array[] }>();

/**
 * Forget the decoded EF contents, so that the next card built decodes its image again. For the mutation
 * suite (src/run/mutation-suite.ts), which builds cards in one process scenario after scenario: a fault in
 * the decoding then shows in every scenario, not only in the first one to build a card of an image.
 */
export function forgetDecodedImages(): void {
  decoded = new WeakMap();
}
function bytesOf(img: EfImage) {
  let d = decoded.get(img);
  if (!d) {
    const data = new Uint8Array(img.size ?? 0);
    if (img.data) data.set(fromHex(img.data).subarray(0, data.length));
    decoded.set(img, (d = { data, records: (img.records ?? []).map((r) => fromHex(r)) }));
  }
  return d;
}

function buildEf(img: EfImage, parent: DfNode): EfNode {
  const bytes = bytesOf(img);
  return {
    kind: 'EF',
    fid: parseInt(img.fid, 16),
    ...(img.sfi === undefined ? {} : { sfi: img.sfi }),
    parent,
    structure: img.structure,
    data: bytes.data.slice(),
    records: bytes.records.map((r) => r.slice()),
    read: img.read,
    update: img.update,
  };
}

/** DFs in depth-first order, the order SELECT by DF name searches. */
export function allDfs(root: DfNode): DfNode[] {
  const out: DfNode[] = [root];
  for (const c of root.children) if (c.kind === 'DF') out.push(...allDfs(c));
  return out;
}

/** The application environment (SSSE, PSE) a DF is in: its ancestor directly under the MF; none for the MF. */
export function envOf(df: DfNode): DfNode | undefined {
  let d: DfNode | undefined = df;
  while (d?.parent?.parent) d = d.parent;
  return d?.parent ? d : undefined;
}

export function isAncestorOrSelf(df: DfNode, of: DfNode): boolean {
  for (let d: DfNode | undefined = of; d; d = d.parent) if (d === df) return true;
  return false;
}

/** FCI template of a DF (ISO/IEC 7816-4 §5.3.3, 社会保障卡规范 part 5 table 36): 6F { 84 name, A5 {…} }. */
export function fci(df: DfNode, o: { withoutName?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  if (df.name && !o.withoutName) parts.push(buildTlv('84', df.name));
  if (df.fciProprietary.length) parts.push(buildTlv('A5', df.fciProprietary));
  return buildTlv('6F', parts);
}
