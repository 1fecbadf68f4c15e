/**
 * The persistent (NVM) state of a simulated card as a flat map of named items: what a power cycle keeps
 * (社会保障卡规范 part 5: files, PINs and their try counters, keys; JR/T 0025.5: ATC, counters, EC purse,
 * log). Two snapshots compare item by item; a transaction may move only the items the spec says it moves.
 */
import { createHash } from 'node:crypto';
import { fromHex, toHex } from '../../src/bytes/hex.ts';
import { type DfNode, createdDescriptor, dfOfDescriptor } from './files.ts';

export type NvmSnapshot = ReadonlyMap<string, string>;

/** A short SHA-256 fingerprint of a secret (a PIN, a key): equal values compare equal, the value is not shown. */
const fingerprint = (v: unknown) => `sha256:${createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 12)}`;
/** Items whose values are secrets (PINs, keys, PUK): fingerprinted in the snapshot. */
const SECRET = /(^|\.)(pin|key|masterKey|loadedKeys|keys|puk)$/i;

function dfLabel(df: DfNode): string {
  if (!df.parent) return 'MF';
  const own = df.fid !== undefined ? df.fid.toString(16).toUpperCase().padStart(4, '0') : df.name ? toHex(df.name) : '?';
  return `${dfLabel(df.parent)}/${own}`;
}

function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, plain(v)]),
    );
  return value;
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'object' && !(v instanceof Uint8Array) && Object.keys(v).length === 0);

/** Every persistent item under `mf`: EF contents, PIN values and try counters, each application's NVM. */
export function nvmSnapshot(mf: DfNode): NvmSnapshot {
  const out = new Map<string, string>();
  const walk = (df: DfNode) => {
    const at = dfLabel(df);
    // A DF that CREATE FILE made exists in NVM (its directory entry), whatever it holds.
    if (df.created) out.set(`${at} created`, createdDescriptor(df));
    // The PIN itself only as a fingerprint: a change shows, the value never leaves the card.
    for (const pin of df.pins) out.set(`${at} PIN ${pin.ref}`, `${fingerprint(pin.value)}:${pin.triesLeft}/${pin.tryLimit}`);
    // An empty table is as good as none (a lazily made list of loaded keys).
    for (const [key, value] of Object.entries(df.state)) {
      if (isEmpty(value)) continue;
      const name = `${at} ${df.app ?? 'df'}.${key}`;
      if (SECRET.test(key)) {
        out.set(name, fingerprint(plain(value)));
        continue;
      }
      // A record of named values (an amount file, a purse) is compared value by value.
      if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array)) {
        for (const [sub, v] of Object.entries(value))
          if (!isEmpty(v)) out.set(`${name}.${sub}`, SECRET.test(sub) ? fingerprint(plain(v)) : JSON.stringify(plain(v)));
      } else out.set(name, JSON.stringify(plain(value)));
    }
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
 * the transaction log (JR/T 0025.13 §9, SFI 0B); for the medical account its sequence numbers, proofs and EF08.
 */
const TRANSACTION_ITEMS = [
  / pboc\.(atc|lastOnlineAtc|consecutiveOffline|lastIssuerAuthFailed)$/,
  /\/EF0B$/,
  // The medical account (社会保障卡规范 part 5 §7, part 6 §6.6): the load and purchase sequence numbers and
  // the transaction proofs move with every transaction, and EF08 is its cyclic transaction-detail file.
  / medical\.medical\.(loadSeq|purchaseSeq|proofs)$/,
  /\/DF04\/EF08$/,
];
/** Bookkeeping of card-sim itself, not card state. */
const SIMULATOR_ITEMS = [/\.recordDefectsApplied$/];

/** The changes a scenario must not leave behind: everything but what a transaction moves. */
export function unexpectedChanges(changes: readonly NvmChange[]): NvmChange[] {
  return changes.filter((c) => ![...TRANSACTION_ITEMS, ...SIMULATOR_ITEMS].some((re) => re.test(c.item)));
}

/** A card's persistent state as JSON (`--state FILE`): per DF path, its PINs, its applications' NVM and its EFs. */
export interface NvmFile {
  schema: 'sscc-card-state/1';
  image: string;
  /** The simulator's random generator position (not the card's NVM): a card put back answers its challenges again the same. */
  random?: number;
  dfs: Record<
    string,
    {
      pins: Array<{ ref: number; value: string; triesLeft: number }>;
      state: unknown;
      efs: Record<string, { data?: string; records?: string[] }>;
      /** A DF CREATE FILE made (card-sim/cos/files.ts createdDescriptor): made again on import. */
      created?: string;
    }
  >;
}

const HEX = '$hex';
const encode = (v: unknown): unknown => {
  if (v instanceof Uint8Array) return { [HEX]: toHex(v) };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
};
const decode = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o[HEX] === 'string' && Object.keys(o).length === 1) return fromHex(o[HEX]);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x)]));
  }
  return v;
};

function eachDf(mf: DfNode, f: (df: DfNode, path: string) => void): void {
  const walk = (df: DfNode) => {
    f(df, dfLabel(df));
    for (const c of df.children) if (c.kind === 'DF') walk(c);
  };
  walk(mf);
}
const efLabel = (fid: number) => fid.toString(16).toUpperCase().padStart(4, '0');

export function exportNvm(mf: DfNode, image: string): NvmFile {
  const dfs: NvmFile['dfs'] = {};
  eachDf(mf, (df, path) => {
    const efs: NvmFile['dfs'][string]['efs'] = {};
    for (const c of df.children)
      if (c.kind === 'EF') efs[efLabel(c.fid)] = c.structure === 'transparent' ? { data: toHex(c.data) } : { records: c.records.map((r) => toHex(r)) };
    dfs[path] = {
      pins: df.pins.map((p) => ({ ref: p.ref, value: p.value, triesLeft: p.triesLeft })),
      state: encode(df.state),
      efs,
      ...(df.created ? { created: createdDescriptor(df) } : {}),
    };
  });
  return { schema: 'sscc-card-state/1', image, dfs };
}

/** Put a saved state back into a card built from the same image; a file of another image or shape is refused. */
export function importNvm(mf: DfNode, image: string, file: NvmFile): void {
  if (file?.schema !== 'sscc-card-state/1') throw new Error('not an sscc card state file (schema sscc-card-state/1)');
  if (file.image !== image) throw new Error(`the state file is of image "${file.image}", not "${image}"`);
  // The DFs CREATE FILE made: those the file does not have are removed, those it has are made (parents first).
  const paths = new Map<string, DfNode>();
  eachDf(mf, (df, path) => paths.set(path, df));
  for (const [path, df] of paths) if (df.created && !file.dfs[path] && df.parent) df.parent.children.splice(df.parent.children.indexOf(df), 1);
  for (const [path, saved] of Object.entries(file.dfs).sort(([a], [b]) => a.length - b.length)) {
    if (!saved.created || paths.has(path)) continue;
    const parent = paths.get(path.slice(0, path.lastIndexOf('/')));
    if (!parent) throw new Error(`the state file has DF ${path} without its parent`);
    const df = dfOfDescriptor(parent, saved.created);
    parent.children.push(df);
    paths.set(path, df);
  }
  eachDf(mf, (df, path) => {
    const saved = file.dfs[path];
    if (!saved) throw new Error(`the state file has no DF ${path}`);
    for (const p of df.pins) {
      const s = saved.pins.find((x) => x.ref === p.ref);
      if (s) Object.assign(p, { value: s.value, triesLeft: s.triesLeft });
    }
    for (const k of Object.keys(df.state)) delete df.state[k];
    Object.assign(df.state, decode(saved.state) as Record<string, unknown>);
    for (const c of df.children) {
      if (c.kind !== 'EF') continue;
      const s = saved.efs[efLabel(c.fid)];
      if (!s) continue;
      if (s.data !== undefined) c.data = fromHex(s.data);
      if (s.records) c.records = s.records.map((r) => fromHex(r));
    }
  });
}
