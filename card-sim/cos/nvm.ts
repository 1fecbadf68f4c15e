/**
 * The NVM layer of the simulated COS: every persistent write of a command (EF contents, records, PINs and
 * their try counters, keys, each application's NVM) is committed through here as counted page writes, in
 * atomic units with a backup buffer and a commit flag, the way a COS guards its EEPROM against tearing
 * (LD/T 6001.2 防拔: the card pulled or powered off in the middle of a write).
 *
 * Model. The handlers change the file tree in place; the layer diffs the persistent items against the
 * last commit and writes the changed ones out as one unit at the end of the command (or at a commit point a
 * handler names, such as the try counter before a PIN comparison). A unit is written as: the old value of
 * each changed page into the backup buffer, the commit flag set, the new pages, the flag cleared. A unit of
 * one page (a try counter, a one-word value) is written directly: one page write is atomic.
 * A tear (`tearAfter(k)`) cuts power after the k-th write of the next command: the pages written stay, RAM
 * is lost, the card is mute until the next power-up, which runs the recovery (a set flag restores the
 * backup). An NvmPolicy (card-sim/defects/tearing.ts) breaks this the ways a COS can.
 */
import { type DfNode, type EfNode, createdDescriptor, dfOfDescriptor } from './files.ts';

/** Bytes per NVM page (EEPROM word) of this COS: a changed page is one write. */
export const PAGE_BYTES = 8;

/** How a COS deviates from the atomic write discipline (set by the tearing defects). */
export interface NvmPolicy {
  /** Items written in place without backup: a tear can leave them part-written. */
  nonAtomic?: RegExp;
  /** Items committed in a unit of their own before the rest of the command's changes. */
  ownUnitFirst?: RegExp;
  /** Commit points of handlers that this COS does not honour (`try`: the try counter before the comparison). */
  ignoreCommits?: readonly string[];
  /** Items written back only after the own writes of the next command that writes (a write-behind cache): lost by a tear. */
  writeBehind?: RegExp;
  /** Counters and flags erased (to FF) before they are programmed: one more write, and a cut between leaves FF. */
  erasedFirst?: RegExp;
  /** The power-up does not run the recovery: a set commit flag is ignored. */
  skipRecovery?: boolean;
}

/** Thrown through the handlers when power is cut; card.ts turns it into a mute card. */
export class PowerCut extends Error {
  constructor(readonly afterWrites: number) {
    super(`power cut after NVM write ${afterWrites}`);
  }
}

/** Bookkeeping of card-sim itself (snapshot.ts SIMULATOR_ITEMS), never an NVM write. */
const SIMULATOR = /recordDefectsApplied/;

interface Slot {
  get(): unknown;
  set(v: unknown): void;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);

function clone(v: unknown): unknown {
  if (v instanceof Uint8Array) return v.slice();
  if (v === undefined || v === null || typeof v !== 'object') return v;
  return structuredClone(v);
}

function enc(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? `#${Buffer.from(x).toString('hex')}` : x)) ?? 'undefined';
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && Buffer.compare(a, b) === 0;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return enc(a) === enc(b);
}

const ownLabel = (df: DfNode): string => (df.fid !== undefined ? df.fid.toString(16).padStart(4, '0') : df.name ? Buffer.from(df.name).toString('hex') : '?');

function label(df: DfNode): string {
  if (!df.parent) return 'MF';
  return `${label(df.parent)}/${ownLabel(df)}`;
}

/** The persistent items of the tree by name, in tree order, with a way to write each (a file just created has no old value to write back: undefined leaves it). */
function slots(mf: DfNode): Map<string, Slot> {
  const out = new Map<string, Slot>();
  const walk = (df: DfNode) => {
    const at = label(df);
    for (const pin of df.pins) {
      out.set(`${at}|pin|${pin.ref}|value`, { get: () => pin.value, set: (v) => v !== undefined && (pin.value = v as string) });
      out.set(`${at}|pin|${pin.ref}|tries`, { get: () => pin.triesLeft, set: (v) => v !== undefined && (pin.triesLeft = v as number) });
    }
    for (const [key, value] of Object.entries(df.state)) {
      if (isPlainObject(value)) {
        for (const sub of Object.keys(value)) out.set(`${at}|state|${key}|${sub}`, stateSlot(df, key, sub));
      } else out.set(`${at}|state|${key}`, stateSlot(df, key));
    }
    for (const c of df.children) {
      if (c.kind === 'DF') {
        // A DF that CREATE FILE made: its entry in the parent's directory is written before its contents.
        if (c.created) out.set(`${at}|df|${ownLabel(c)}`, dfSlot(df, ownLabel(c), c));
        walk(c);
      } else efSlots(c, `${at}/${c.fid.toString(16).padStart(4, '0')}`, out);
    }
  };
  walk(mf);
  return out;
}

/**
 * The directory entry of a created DF in `parent`: written, the DF exists (the node the slot was made
 * from, whose items are written after it, or an empty one as CREATE FILE makes it); undefined, it is gone.
 */
function dfSlot(parent: DfNode, own: string, node?: DfNode): Slot {
  const find = () => parent.children.find((c): c is DfNode => c.kind === 'DF' && c.created === true && ownLabel(c) === own);
  return {
    get: () => {
      const df = find();
      return df ? createdDescriptor(df) : undefined;
    },
    set: (v) => {
      const df = find();
      if (v === undefined) {
        if (df) parent.children.splice(parent.children.indexOf(df), 1);
      } else if (!df) parent.children.push(node && createdDescriptor(node) === v ? node : dfOfDescriptor(parent, v as string));
    },
  };
}

function stateSlot(df: DfNode, key: string, sub?: string): Slot {
  if (sub === undefined) {
    return { get: () => df.state[key], set: (v) => (v === undefined ? delete df.state[key] : (df.state[key] = v)) };
  }
  return {
    get: () => (df.state[key] as Record<string, unknown> | undefined)?.[sub],
    set: (v) => {
      const o = (df.state[key] ??= {}) as Record<string, unknown>;
      if (v === undefined) delete o[sub];
      else o[sub] = v;
    },
  };
}

function efSlots(ef: EfNode, at: string, out: Map<string, Slot>): void {
  if (ef.structure === 'transparent') {
    out.set(`${at}|data`, { get: () => ef.data, set: (v) => v !== undefined && (ef.data = v as Uint8Array) });
    return;
  }
  // Records first (ascending, so a growing file fills in order), then the count that may cut it short.
  ef.records.forEach((_r, i) => out.set(`${at}|rec|${i}`, recordSlot(ef, i)));
  out.set(`${at}|n`, { get: () => ef.records.length, set: (v) => v !== undefined && (ef.records.length = v as number) });
}

function recordSlot(ef: EfNode, i: number): Slot {
  return {
    get: () => ef.records[i],
    set: (v) => {
      if (v === undefined) return;
      ef.records[i] = v as Uint8Array;
    },
  };
}

/** Where an item that the tree does not have at the moment would be written (a record the file grows by, a new state key). */
function resolve(mf: DfNode, name: string, known: Map<string, Slot>): Slot | undefined {
  const hit = known.get(name);
  if (hit) return hit;
  const [at, kind, a, b] = name.split('|') as [string, string, string?, string?];
  if (kind === 'state') {
    const df = findDf(mf, at);
    return df && a !== undefined ? stateSlot(df, a, b) : undefined;
  }
  if (kind === 'df') {
    const df = findDf(mf, at);
    return df && a !== undefined ? dfSlot(df, a) : undefined;
  }
  if (kind === 'rec') {
    const cut = at.lastIndexOf('/');
    const df = findDf(mf, at.slice(0, cut));
    const fid = parseInt(at.slice(cut + 1), 16);
    const ef = df?.children.find((c): c is EfNode => c.kind === 'EF' && c.fid === fid);
    return ef && a !== undefined ? recordSlot(ef, Number(a)) : undefined;
  }
  return undefined;
}

function findDf(mf: DfNode, at: string): DfNode | undefined {
  const walk = (d: DfNode): DfNode | undefined => {
    if (label(d) === at) return d;
    for (const c of d.children)
      if (c.kind === 'DF') {
        const hit = walk(c);
        if (hit) return hit;
      }
    return undefined;
  };
  return walk(mf);
}

/** One physical write: a page of an item, a backup entry, the commit flag. */
type Write = () => void;

export interface CommandWrites {
  /** NVM writes the last command a tear was armed for made (backup, flag and data pages). */
  writes: number;
  /** Whether an armed tear cut it. */
  torn: boolean;
}

export class NvmLayer {
  /** The persistent items as last written (kept up to date item by item, not read whole per command). */
  private base = new Map<string, unknown>();
  private count = 0;
  private tearAt: number | undefined;
  private armed: number | undefined;
  private deferred: Array<{ name: string; old: unknown }> = [];
  private flushing: Array<{ name: string; old: unknown }> = [];
  /** The backup buffer and its commit flag (persistent: they survive the cut). */
  private backup: { valid: boolean; entries: Array<[string, unknown]> } = { valid: false, entries: [] };
  /** The tree was changed outside a command (a restore, a recovery): the base is read anew. */
  private stale = false;
  /** The card lost power and is mute until the next power-up. */
  off = false;
  last: CommandWrites = { writes: 0, torn: false };
  /** Writes of the last recovery at power-up (0 when there was nothing to restore). */
  recovered = 0;

  private policyOf: () => NvmPolicy;
  private chosen: NvmPolicy | undefined;
  /** A tear was armed on this card: from then on the COS's own write discipline (its policy) shows. */
  private tearing = false;
  /**
   * This command's writes are diffed and counted: a tear is armed for it, or the policy keeps a
   * write-behind cache. Any other command's writes are whole by construction (nothing can cut them), so
   * its changes are taken as written and the base is read anew before the next watched command.
   */
  private watch = false;

  /**
   * `policy`: the COS's write discipline, asked for only once a tear has been armed on the card: without a
   * cut no write order, backup or recovery can be seen, so a card never torn never asks for its tearing defects.
   */
  constructor(
    private readonly mf: DfNode,
    policy: NvmPolicy | (() => NvmPolicy) = {},
  ) {
    this.policyOf = typeof policy === 'function' ? policy : () => policy;
    this.base = this.read();
  }

  get policy(): NvmPolicy {
    if (!this.tearing) return {};
    return (this.chosen ??= this.policyOf());
  }

  /** Cut power after the k-th NVM write of the next command (0: before its first write or its answer). */
  tearAfter(k: number): void {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`a cut point is a whole number ≥ 0, not ${k}`);
    this.armed = k;
    // From the first tear on, every command's writes are diffed and counted; before it nothing could
    // observe them (the diff costs about 0.3 ms a command), so the base is read anew now.
    if (!this.tearing) this.stale = true;
    this.tearing = true;
  }

  /** A command starts: the tear armed for it is taken, the writes counted from zero. */
  begin(): void {
    this.count = 0;
    this.tearAt = this.armed;
    this.armed = undefined;
    this.flushing = this.deferred;
    this.deferred = [];
    this.watch = this.tearing && (this.tearAt !== undefined || this.flushing.length > 0 || this.policy.writeBehind !== undefined);
    if (this.stale && this.watch) {
      this.base = this.read();
      this.stale = false;
    }
  }

  /** The command is done: its changes are written, then what an earlier command left in the write-behind cache; then the answer may go. */
  end(): void {
    if (!this.tearing) return;
    if (!this.watch) {
      this.stale = true;
      return;
    }
    this.commit();
    // A write-behind cache is written back with the next command that writes something of its own.
    if (this.flushing.length && this.count === 0) {
      this.deferred = [...this.flushing, ...this.deferred];
      this.flushing = [];
    }
    if (this.flushing.length) {
      const live = this.read();
      const items = this.flushing.map(({ name, old }) => ({ name, old, neu: live.get(name) }));
      this.flushing = [];
      this.writeUnit(items);
    }
    this.step(undefined);
    // What the tear API reports is of the command it was armed for (not a GET RESPONSE that follows).
    if (this.tearAt !== undefined) this.last = { writes: this.count, torn: false };
    this.tearAt = undefined;
  }

  /**
   * Write the changes made since the last commit now (a handler's commit point: `try`, the try counter
   * before the comparison). Throws PowerCut when the armed cut point is reached.
   */
  commit(point?: string): void {
    if (!this.tearing || (point !== undefined && this.policy.ignoreCommits?.includes(point))) return;
    if (!this.watch) {
      this.stale = true;
      return;
    }
    const known = slots(this.mf);
    const changed: Array<{ name: string; old: unknown; neu: unknown }> = [];
    for (const [name, slot] of known) {
      const old = this.base.get(name);
      const neu = slot.get();
      if (!same(old, neu) && !SIMULATOR.test(name)) changed.push({ name, old, neu: clone(neu) });
    }
    for (const name of this.base.keys()) if (!known.has(name) && !SIMULATOR.test(name)) changed.push({ name, old: this.base.get(name), neu: undefined });
    if (!changed.length) return;
    // Until written, every changed item holds its old value in NVM.
    for (const c of changed) resolve(this.mf, c.name, known)?.set(clone(c.old));
    for (const c of changed) {
      if (c.neu === undefined) this.base.delete(c.name);
      else this.base.set(c.name, clone(c.neu));
    }
    const behind = this.policy.writeBehind;
    const now = behind ? changed.filter((c) => !behind.test(c.name)) : changed;
    if (behind)
      for (const c of changed)
        if (behind.test(c.name)) {
          resolve(this.mf, c.name, known)?.set(clone(c.neu));
          this.deferred.push({ name: c.name, old: c.old });
        }
    const first = this.policy.ownUnitFirst;
    const units = first ? [now.filter((c) => first.test(c.name)), now.filter((c) => !first.test(c.name))] : [now];
    for (const u of units) if (u.length) this.writeUnit(u, known);
  }

  /** Power lost (the tear): RAM goes, what the write-behind cache held is lost with it (the cache itself is emptied by the power-up, before the card answers again). */
  cut(): void {
    const known = slots(this.mf);
    for (const d of [...this.flushing, ...this.deferred]) resolve(this.mf, d.name, known)?.set(clone(d.old));
    this.last = { writes: this.count, torn: true };
    this.tearAt = undefined;
    this.off = true;
    this.watch = false;
    this.stale = true;
  }

  /** Power-up: the recovery restores a unit whose commit flag is still set (unless the policy skips it). */
  powerUp(): void {
    this.recovered = 0;
    // A warm reset keeps power: what the write-behind cache holds is written.
    this.deferred = [];
    this.flushing = [];
    if (this.backup.valid && !this.policy.skipRecovery) {
      const known = slots(this.mf);
      for (const [name, old] of this.backup.entries) {
        resolve(this.mf, name, known)?.set(clone(old));
        this.recovered++;
      }
      this.backup = { valid: false, entries: [] }; // the unit is undone: the buffer is free again
      this.stale = true;
    }
    this.off = false;
  }

  /** The state was put back from outside (a saved card): the backup buffer and the caches start empty. */
  restart(): void {
    this.backup = { valid: false, entries: [] }; // a saved card has no unit under way
    this.stale = true;
    this.armed = undefined;
    this.powerUp();
  }

  private read(): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (const [name, s] of slots(this.mf)) out.set(name, clone(s.get()));
    return out;
  }

  /** Before each write and before the answer: the armed cut point reached cuts power. */
  private step(write: Write | undefined): void {
    if (this.tearAt !== undefined && this.count === this.tearAt) throw new PowerCut(this.count);
    if (!write) return;
    write();
    this.count++;
  }

  private writeUnit(items: Array<{ name: string; old: unknown; neu: unknown }>, known = slots(this.mf)): void {
    // What goes away first (a value that becomes a record of values), a record count last: a file grows only once its new records are there.
    const gone = items.filter((c) => c.neu === undefined);
    const count = items.filter((c) => c.neu !== undefined && c.name.endsWith('|n'));
    const ordered = [...gone, ...items.filter((c) => c.neu !== undefined && !c.name.endsWith('|n')), ...count];
    const erase = this.policy.erasedFirst;
    const plan = ordered
      .map((c) => ({ ...c, slot: resolve(this.mf, c.name, known), data: pagesOf(c.old, c.neu) }))
      .map((p) => ({ ...p, pages: [...(erase?.test(p.name) && (typeof p.neu === 'number' || typeof p.neu === 'boolean') ? [() => 0xff] : []), ...p.data] }));
    const guarded = plan.filter((p) => !this.policy.nonAtomic?.test(p.name));
    // One page of data is written atomically by the chip: no backup (an erase before it is the COS's own flaw).
    const pages = plan.reduce((n, p) => n + p.data.length, 0);
    const atomic = guarded.length > 0 && pages > 1;
    if (atomic) {
      // The backup buffer is written over from its start: whatever it held is gone with its first page.
      guarded.forEach((p, n) =>
        p.pages.forEach((_pg, i) =>
          this.step(() => {
            if (n === 0 && i === 0) this.backup = { valid: false, entries: [] };
            if (i === 0) this.backup.entries.push([p.name, clone(p.old)]);
          }),
        ),
      );
      this.step(() => (this.backup.valid = true));
    }
    for (const p of plan) for (const page of p.pages) this.step(() => p.slot?.set(page(p.slot.get())));
    if (atomic) this.step(() => (this.backup = { valid: false, entries: [] }));
  }
}

/** The page writes that turn `old` into `neu`: each changed page of a byte string, else one write of the value. */
function pagesOf(old: unknown, neu: unknown): Array<(cur: unknown) => unknown> {
  if (old instanceof Uint8Array && neu instanceof Uint8Array && old.length === neu.length) {
    const out: Array<(cur: unknown) => unknown> = [];
    for (let at = 0; at < neu.length; at += PAGE_BYTES) {
      const end = Math.min(at + PAGE_BYTES, neu.length);
      if (Buffer.compare(old.subarray(at, end), neu.subarray(at, end)) === 0) continue;
      out.push((cur) => {
        const next = (cur as Uint8Array).slice();
        next.set(neu.subarray(at, end), at);
        return next;
      });
    }
    return out;
  }
  // A key or other byte string the simulator keeps as hex: its pages likewise (2 hex digits a byte).
  if (typeof old === 'string' && typeof neu === 'string' && old.length === neu.length && neu.length > 2 * PAGE_BYTES && /^[0-9A-Fa-f]+$/.test(old + neu)) {
    const out: Array<(cur: unknown) => unknown> = [];
    const step = 2 * PAGE_BYTES;
    for (let at = 0; at < neu.length; at += step) {
      if (old.slice(at, at + step) === neu.slice(at, at + step)) continue;
      out.push((cur) => (cur as string).slice(0, at) + neu.slice(at, at + step) + (cur as string).slice(at + step));
    }
    return out;
  }
  return [() => clone(neu)];
}
