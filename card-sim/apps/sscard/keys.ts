/** The SSSE's keys as an image stores them (appData.keys of the SSSE and of its ADFs), and lookup. */
import { fromHex } from '../../../src/bytes/hex.ts';
import type { SsAlgorithm } from '../../../src/sscard/crypto.ts';
import type { DfNode } from '../../cos/files.ts';
import { loadedKeys } from '../card-manager.ts';

export interface SsKeyImage {
  /** Key identifier (P2 of EXTERNAL AUTHENTICATE; part 5 table 14). */
  id: number;
  version: number;
  name: string;
  /** The card's own (diversified) key, hex. */
  key: string;
  /** Tries of EXTERNAL AUTHENTICATE before the key locks (0 = not usable for it). */
  tryLimit: number;
}

export interface SsseAppData {
  algorithm: SsAlgorithm;
  keys: SsKeyImage[];
}

export interface FoundKey {
  image: SsKeyImage;
  key: Uint8Array;
  /** The DF that holds it (its state keeps the try counter). */
  owner: DfNode;
}

/** The SSSE: the nearest DF at or above `df` whose application is sscard. */
export function ssseOf(df: DfNode): DfNode | undefined {
  for (let d: DfNode | undefined = df; d; d = d.parent) if (d.app === 'sscard') return d;
  return undefined;
}

export function algorithmOf(df: DfNode): SsAlgorithm {
  return ((ssseOf(df)?.appData as Partial<SsseAppData> | undefined)?.algorithm ?? '3DES') as SsAlgorithm;
}

/**
 * Key `id` (of `version`, or the lowest version when none is asked) in the current DF or above, up to
 * the SSSE.
 */
export function findKey(df: DfNode, id: number, version?: number): FoundKey | undefined {
  for (let d: DfNode | undefined = df; d; d = d.parent) {
    // Keys of the image, and keys the SSSE master key loaded since (card-sim/apps/card-manager.ts).
    const keys = [...loadedKeys(d), ...((d.appData as Partial<SsseAppData>).keys ?? [])].filter((k) => k.id === id);
    if (keys.length) {
      const pick = version === undefined ? [...keys].sort((a, b) => a.version - b.version)[0] : keys.find((k) => k.version === version);
      return pick ? { image: pick, key: fromHex(pick.key), owner: d } : undefined;
    }
    if (d.app === 'sscard') break;
  }
  return undefined;
}

function tries(found: FoundKey): Record<string, number> {
  const st = found.owner.state as { keyTries?: Record<string, number> };
  st.keyTries ??= {};
  return st.keyTries;
}

export function triesLeft(found: FoundKey): number {
  const t = tries(found);
  const k = `${found.image.id}:${found.image.version}`;
  return t[k] ?? found.image.tryLimit;
}

export function setTriesLeft(found: FoundKey, n: number): void {
  // A counter back at its limit is as personalised: no entry (so a snapshot sees no change).
  if (n === found.image.tryLimit) delete tries(found)[`${found.image.id}:${found.image.version}`];
  else tries(found)[`${found.image.id}:${found.image.version}`] = n;
}
