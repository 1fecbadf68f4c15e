/**
 * The persistent (NVM) state of a simulated card as a flat map of named items: what a power cycle keeps
 * (社会保障卡规范 part 5: files, PINs and their try counters, keys; JR/T 0025.5: ATC, counters, EC purse,
 * log). Two snapshots compare item by item; a transaction may move only the items the spec says it moves.
 */
import { toHex } from '../../src/bytes/hex.ts';
import type { DfNode } from './files.ts';

export type NvmSnapshot = ReadonlyMap<string, string>;

function dfLabel(df: DfNode): string {
  if (!df.parent) return 'MF';
  const own = df.fid !== undefined ? df.fid.toString(16).toUpperCase().padStart(4, '0') : df.name ? toHex(df.name) : '?';
  return `${dfLabel(df.parent)}/${own}`;
}

function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, plain(v)]));
  return value;
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'object' && !(v instanceof Uint8Array) && Object.keys(v).length === 0);

/** Every persistent item under `mf`: EF contents, PIN values and try counters, each application's NVM. */
export function nvmSnapshot(mf: DfNode): NvmSnapshot {
  const out = new Map<string, string>();
  const walk = (df: DfNode) => {
    const at = dfLabel(df);
    for (const pin of df.pins) out.set(`${at} PIN ${pin.ref}`, `${pin.value}:${pin.triesLeft}/${pin.tryLimit}`);
    // An empty table is as good as none (a lazily made list of loaded keys).
    for (const [key, value] of Object.entries(df.state)) if (!isEmpty(value)) out.set(`${at} ${df.app ?? 'df'}.${key}`, JSON.stringify(plain(value)));
    for (const c of df.children) {
      if (c.kind === 'DF') walk(c);
      else {
        const ef = `${at}/${c.fid.toString(16).toUpperCase().padStart(4, '0')}`;
        if (c.structure === 'transparent') out.set(ef, toHex(c.data));
        else out.set(ef, c.records.map((r) => toHex(r)).join(','));
      }
    }
  };
  walk(mf);
  return out;
}

export interface NvmChange {
  item: string;
  before: string | undefined;
  after: string | undefined;
}

/** Items that differ between two snapshots, in name order. */
export function nvmChanges(before: NvmSnapshot, after: NvmSnapshot): NvmChange[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.filter((n) => before.get(n) !== after.get(n)).map((item) => ({ item, before: before.get(item), after: after.get(item) }));
}

/**
 * Items a transaction moves by the spec, which a scenario may leave moved: the ATC and the last online
 * ATC register (JR/T 0025.5 §7.3, 9F36/9F13), the consecutive offline counter (§9.4 velocity checking),
 * the issuer authentication failure indicator of the next transaction's CVR (JR/T 0025.5 Annex D), and
 * the transaction log (JR/T 0025.13 §9, SFI 0B).
 */
const TRANSACTION_ITEMS = [/ pboc\.(atc|lastOnlineAtc|consecutiveOffline|lastIssuerAuthFailed)$/, /\/EF0B$/];
/** Bookkeeping of card-sim itself, not card state. */
const SIMULATOR_ITEMS = [/\.recordDefectsApplied$/];

/** The changes a scenario must not leave behind: everything but what a transaction moves. */
export function unexpectedChanges(changes: readonly NvmChange[]): NvmChange[] {
  return changes.filter((c) => ![...TRANSACTION_ITEMS, ...SIMULATOR_ITEMS].some((re) => re.test(c.item)));
}
