/**
 * Anti-tearing sweeps (LD/T 6001.2 防拔): a state-changing command is cut at every NVM write k = 0…N
 * (the card-sim NVM layer, card-sim/cos/nvm.ts, or `sim serve`'s control channel), the card powered up
 * again, and the result judged by the old-or-new oracle: what the terminal reads back, and on a simulator
 * every persistent item, is wholly what it was before the command or wholly what the command made it,
 * or a state the rule allows (the try spent before a comparison), and wholly as before when cut before the
 * first write, wholly as after when cut after the last; the card answers normally after.
 */
import type { NvmFile, NvmSnapshot, SimCard } from '../../card-sim/index.ts';
import type { ResponseApdu } from '../apdu/response.ts';
import { SW } from '../apdu/sw.ts';
import { PreconditionNotMet, TransportError, diagnosisOf } from '../verdict/errors.ts';
import { swHex } from '../apdu/response.ts';
import { type Diagnosis, dx, findings } from '../verdict/messages.ts';

/** What cuts the power of a card under test at a chosen NVM write, and puts the card back between cuts. */
export interface TearControl {
  /** Cut power after the k-th NVM write of the next command. */
  arm(k: number): Promise<void>;
  /** The NVM writes of the last command and whether the armed cut took it. */
  lastWrites(): Promise<{ writes: number; torn: boolean }>;
  /** The card's persistent state, to start every cut point from the same card. */
  save(): Promise<NvmFile>;
  restore(state: NvmFile): Promise<void>;
  /** Every persistent item (the simulator's side of the oracle). */
  snapshot(): Promise<NvmSnapshot>;
  /** Power the card up again (a cold reset): the COS's recovery runs. */
  powerUp(): Promise<void>;
  /** The card's answers after a power-up depend on its NVM alone (a simulator in process): a state read once need not be read again. */
  deterministic?: boolean;
}

/** The in-process simulator's tear control. */
export function simTearControl(card: SimCard): TearControl {
  return {
    arm: async (k) => card.tearAfter(k),
    lastWrites: async () => card.lastWrites(),
    save: async () => card.saveNvm(),
    restore: async (s) => card.loadNvm(s),
    snapshot: async () => card.nvm(),
    powerUp: async () => void card.reset(),
    deterministic: true,
  };
}

export type Send = (apdu: Uint8Array) => Promise<ResponseApdu>;

/** One command to tear, with the commands that bring the card to it. */
export interface TearCase {
  /** For the report: "UPDATE BINARY EF07 with MAC, 200 bytes at 0". */
  name: string;
  /** How many bytes it writes, where known (a sample takes the longest). */
  size?: number;
  /** From power-up to just before the torn command (selection, authentication, the challenge …). */
  setup(send: Send): Promise<unknown>;
  /** The torn command, given what setup returned. */
  command(send: Send, prepared: unknown): Promise<ResponseApdu>;
  /** What the terminal reads of the affected state after a power-up (the black-box half of the oracle). */
  observe(send: Send): Promise<string>;
  /** Whether the untorn command did what the case tears (default 9000): else the sweep cannot start. */
  done?(r: ResponseApdu): boolean;
  /**
   * Whether what the terminal reads after the untorn command is what the command is for (the new key
   * authenticates): the card's answer alone does not show that it wrote anything.
   */
  made?(view: string): boolean;
  /** The command's effect is not in what the terminal reads (a GENERATE AC after GPO: the ATC it must not move back). */
  viewUnchanged?: true;
  /** States besides the old and the new one that the rule allows (the try spent before a comparison). */
  alsoAllowed?(old: NvmSnapshot, neu: NvmSnapshot): NvmSnapshot[];
}

export interface CutFailure {
  case: string;
  k: number;
  writes: number;
  /** What broke the rule at this cut point (rendered in the report's language). */
  what: Diagnosis;
}

export interface SweepResult {
  cases: Array<{ name: string; writes: number; cutPoints: number }>;
  cutPoints: number;
  failures: CutFailure[];
}

const key = (s: NvmSnapshot) => JSON.stringify([...s.entries()].filter(([k]) => !/recordDefectsApplied/.test(k)).sort());

/** The items of `s` that are neither as in `old` nor as in `neu`, for the message. */
/** An NVM item's value for a message (card data: a name and hex), or "none". */
const valueOf = (v: string | undefined): Diagnosis | string => v ?? dx('noneWord');

function between(s: NvmSnapshot, old: NvmSnapshot, neu: NvmSnapshot): Diagnosis {
  const names = [...new Set([...s.keys(), ...old.keys(), ...neu.keys()])].sort();
  const mixed = names.filter((n) => s.get(n) !== old.get(n) && s.get(n) !== neu.get(n));
  if (mixed.length)
    return findings(mixed.map((n) => dx('tear.itemMixed', { item: n, value: valueOf(s.get(n)), old: valueOf(old.get(n)), neu: valueOf(neu.get(n)) })));
  const fromOld = names.filter((n) => s.get(n) === old.get(n) && old.get(n) !== neu.get(n));
  const fromNew = names.filter((n) => s.get(n) === neu.get(n) && old.get(n) !== neu.get(n));
  return dx('tear.oldWithNew', { old: fromOld.join(', '), neu: fromNew.join(', ') });
}

/** The items of `s` that differ from `ref`, for the message. */
function unlike(s: NvmSnapshot, ref: NvmSnapshot): Diagnosis {
  const names = [...new Set([...s.keys(), ...ref.keys()])].sort();
  return findings(
    names.filter((n) => s.get(n) !== ref.get(n)).map((n) => dx('tear.itemExpected', { item: n, value: valueOf(s.get(n)), expected: valueOf(ref.get(n)) })),
  );
}

async function quiet<T>(f: () => Promise<T>): Promise<T | TransportError> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof TransportError) return e;
    throw e;
  }
}

/** Which cut points of a command of N writes to try: all, or a seeded few (the normal suite run). */
export type CutChoice = (name: string, writes: number) => number[];
export const everyCut: CutChoice = (_n, writes) => Array.from({ length: writes + 1 }, (_v, k) => k);

/** A seeded sample: the first and last cut point and `extra` more, the same for the same seed. */
export function sampledCuts(seed: string, extra = 2): CutChoice {
  return (name, writes) => {
    const picks = new Set([0, writes]);
    let h = 2166136261;
    for (const c of `${seed}:${name}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    for (let i = 0; i < extra && writes > 1; i++) {
      h = Math.imul(h ^ (h >>> 13), 2654435761) >>> 0;
      picks.add(1 + (h % (writes - 1)));
    }
    return [...picks].sort((a, b) => a - b);
  };
}

/** A seeded choice of `n` of the cases (the normal suite run sweeps a sample; `--area tearing` all). */
export function sampleCases<T>(seed: string, list: readonly T[], n: number): T[] {
  if (list.length <= n) return [...list];
  const picks = new Set<number>();
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  while (picks.size < n) {
    h = Math.imul(h ^ (h >>> 13), 2654435761) >>> 0;
    picks.add(h % list.length);
  }
  return [...picks].sort((a, b) => a - b).map((i) => list[i] as T);
}

/** Sweep each case's cut points from the same start; the card is put back to the start at the end. */
export async function sweep(control: TearControl, send: Send, cases: readonly TearCase[], choose: CutChoice = everyCut): Promise<SweepResult> {
  const start = await control.save();
  const result: SweepResult = { cases: [], cutPoints: 0, failures: [] };
  const fresh = async () => {
    await control.restore(start);
    await control.powerUp();
  };
  try {
    for (const c of cases) {
      // The card before the command, and after it untorn.
      await fresh();
      await c.setup(send);
      const old = await control.snapshot();
      await control.powerUp();
      const oldView = await c.observe(send);
      await fresh();
      const prepared = await c.setup(send);
      await control.arm(Number.MAX_SAFE_INTEGER);
      const answer = await quiet(() => c.command(send, prepared));
      if (answer instanceof TransportError) throw new TransportError(dx('io.untornSilent', { name: c.name, text: answer.diagnosis ?? answer.message }));
      if (!(c.done ?? ((x: ResponseApdu) => x.sw === SW.NO_ERROR))(answer))
        throw new PreconditionNotMet(dx('tear.untornNothing', { name: c.name, sw: swHex(answer.sw) }));
      const { writes } = await control.lastWrites();
      const neu = await control.snapshot();
      await control.powerUp();
      const newView = await c.observe(send);
      // Untorn, the command changes what the terminal reads (else no cut point can show a half-written
      // state), and makes it what the command is for: else the one failure is the untorn command's.
      const untorn = newView === oldView && !c.viewUnchanged ? 'tear.untornUnchanged' : c.made && !c.made(newView) ? 'tear.untornNotMade' : undefined;
      if (untorn) {
        result.cutPoints++;
        result.cases.push({ name: c.name, writes, cutPoints: 1 });
        result.failures.push({ case: c.name, k: writes, writes, what: dx(untorn, { sw: swHex(answer.sw), view: newView }) });
        continue;
      }
      const oldKey = key(old);
      const newKey = key(neu);
      const allowed = new Set([oldKey, newKey, ...(c.alsoAllowed?.(old, neu) ?? []).map(key)]);
      const seen = new Map<string, string | TransportError>([
        [oldKey, oldView],
        [newKey, newView],
      ]);
      const cuts = choose(c.name, writes);
      result.cases.push({ name: c.name, writes, cutPoints: cuts.length });
      for (const k of cuts) {
        result.cutPoints++;
        await fresh();
        const p = await c.setup(send);
        await control.arm(k);
        const r = await quiet(() => c.command(send, p));
        const w = await control.lastWrites();
        const fail = (what: Diagnosis) => result.failures.push({ case: c.name, k, writes, what });
        if (!(r instanceof TransportError) || !w.torn) {
          fail(dx('tear.cutDidNotTake', { k, writes: w.writes }));
          continue;
        }
        await control.powerUp();
        const s = await control.snapshot();
        const ks = key(s);
        if (!allowed.has(ks)) {
          fail(dx('tear.neitherOldNorNew', { items: between(s, old, neu) }));
          continue;
        }
        // The cut points are the card's NVM writes: before the first one nothing is written, after the last one all is.
        if (k === 0 && ks !== oldKey) {
          fail(dx('tear.changedBeforeFirstWrite', { items: unlike(s, old) }));
          continue;
        }
        if (k === writes && ks !== newKey) {
          fail(dx('tear.notMadeAfterLastWrite', { items: unlike(s, neu) }));
          continue;
        }
        // A simulator's answers after a power-up are a function of its NVM (RAM is lost): a state already
        // read back is not read again. Through PC/SC (no snapshot of the card) every cut point is read.
        let view = control.deterministic ? seen.get(ks) : undefined;
        if (view === undefined) {
          view = await quiet(() => c.observe(send));
          if (control.deterministic && !(view instanceof TransportError)) seen.set(ks, view);
        }
        // A state the rule allows besides old and new (the try spent) reads as neither.
        const inBetween = ks !== oldKey && ks !== newKey;
        if (view instanceof TransportError) fail(dx('tear.noAnswerAfterPowerUp', { detail: diagnosisOf(view) ?? view.message }));
        else if (!inBetween && view !== oldView && view !== newView) {
          fail(dx('tear.readsNeither', { view, old: oldView, neu: newView }));
        }
      }
    }
  } finally {
    await control.restore(start);
    await control.powerUp();
  }
  return result;
}

/**
 * The rule a tear attack tests (LD/T 6001.2 防拔): a wrong PIN (or authentication) costs its try before
 * the card can know the comparison's result. At every cut point up to the last write of the wrong
 * attempt, the right and the wrong attempt must leave the same try counter: a card that compares first
 * writes nothing for the right PIN, and an attacker who cuts power when he sees the write start keeps the try.
 */
export async function sweepTryFirst(
  control: TearControl,
  send: Send,
  right: TearCase,
  wrong: TearCase,
  counter: (send: Send) => Promise<string>,
): Promise<SweepResult> {
  const start = await control.save();
  const result: SweepResult = { cases: [], cutPoints: 0, failures: [] };
  const fresh = async () => {
    await control.restore(start);
    await control.powerUp();
  };
  const cutAt = async (c: TearCase, k: number) => {
    await fresh();
    const p = await c.setup(send);
    await control.arm(k);
    await quiet(() => c.command(send, p));
    const w = await control.lastWrites();
    await control.powerUp();
    return { torn: w.torn, counter: await counter(send) };
  };
  try {
    // Untorn, the right attempt must succeed: else there is nothing to compare the wrong one with.
    await fresh();
    const q = await right.setup(send);
    await control.arm(Number.MAX_SAFE_INTEGER);
    const ok = await quiet(() => right.command(send, q));
    if (ok instanceof TransportError) throw new TransportError(dx('io.untornSilent', { name: right.name, text: ok.diagnosis ?? ok.message }));
    if (ok.sw !== SW.NO_ERROR) throw new PreconditionNotMet(dx('tear.untornNot9000', { name: right.name, sw: swHex(ok.sw) }));
    await fresh();
    const p = await wrong.setup(send);
    await control.arm(Number.MAX_SAFE_INTEGER);
    await quiet(() => wrong.command(send, p));
    const { writes } = await control.lastWrites();
    result.cases.push({ name: `${right.name} / ${wrong.name}`, writes, cutPoints: writes + 1 });
    // Untorn, the right attempt sets the counter back to its maximum (社会保障卡规范 part 7 §5.8, §6.6; JR/T
    // 0025.5 B.12): after a wrong attempt and the right one again it reads as after the right one alone.
    const untorn = async (list: TearCase[]) => {
      await fresh();
      for (const c of list) {
        const prepared = await c.setup(send);
        await control.arm(Number.MAX_SAFE_INTEGER);
        await quiet(() => c.command(send, prepared));
        await control.powerUp();
      }
      return counter(send);
    };
    const once = await untorn([right]);
    const again = await untorn([right, wrong, right]);
    if (once !== again)
      result.failures.push({
        case: `${right.name} / ${wrong.name}`,
        k: writes,
        writes,
        what: dx('tear.rightKeepsTrySpent', { right: right.name, wrong: wrong.name, a: String(once), b: String(again) }),
      });
    for (let k = 0; k <= writes; k++) {
      result.cutPoints++;
      const a = await cutAt(right, k);
      const b = await cutAt(wrong, k);
      if (a.counter !== b.counter) {
        result.failures.push({
          case: `${right.name} / ${wrong.name}`,
          k,
          writes,
          what: dx(a.torn ? 'tear.comparesFirst' : 'tear.comparesFirstUntorn', {
            k,
            wrong: wrong.name,
            right: right.name,
            a: String(a.counter),
            b: String(b.counter),
          }),
        });
      }
    }
  } finally {
    await control.restore(start);
    await control.powerUp();
  }
  return result;
}
