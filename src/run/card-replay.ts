/**
 * The defect proof's second narrowing (issue 21): what each scenario's simulated cards were asked and
 * answered on the clean card, so that a defect run can replay it on a card with the defect instead of
 * running the scenario again. The steps see a card only through SimCard (transmit, reset, ATR, rules,
 * NVM snapshots, tears); a scenario is deterministic given what its cards answer (the probe's premise,
 * defect-probe.ts). So when every card of a scenario answers the recorded calls byte for byte the same
 * with the defect on, the scenario takes the clean card's path and keeps its clean verdict; at the first
 * difference it runs for real.
 */
import { type CardMade, type DefectId, type NvmFile, type SimCard, cardMaker, isCardDefect, observeCards } from '../../card-sim/index.ts';
import type { ScenarioKey } from './defect-probe.ts';

/** One call the steps made on a card, with what it gave (bytes, or JSON of a structure). */
type Call =
  | { op: 'transmit'; input: Uint8Array; out: Uint8Array }
  | { op: 'reset'; input: 'cold' | 'warm' | undefined; out: Uint8Array; read: boolean }
  | { op: 'atr'; out: Uint8Array; read: boolean }
  | { op: 'nvm' | 'saveNvm' | 'lastWrites'; out: string }
  | { op: 'rule'; input: string; out: string }
  | { op: 'loadNvm'; input: NvmFile; out?: undefined }
  | { op: 'tearAfter'; input: number; out?: undefined };

interface RecordedCard {
  made: CardMade;
  calls: Call[];
  /** The scenario the card was made in (undefined: outside any). */
  owner: ScenarioKey | undefined;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
/** JSON of what a card gave, Maps (the NVM snapshot) and byte arrays included. */
const json = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) => (x instanceof Map ? { map: [...x] } : x instanceof Uint8Array ? { bytes: [...x] } : x)) ?? 'undefined';

/**
 * The ATR as the steps get it, marking `call.read` at its first use. Every reset answers an ATR, but
 * most scenarios never look at it (the simulator's channel needs none of its bytes): an ATR defect then
 * leaves their path unchanged. Any access counts as a read but `then`, which resolving a promise with the
 * ATR asks for; methods are bound to the bytes, so that typed-array methods keep working.
 */
function watched(atr: Uint8Array, call: { read: boolean }): Uint8Array {
  const read = () => {
    call.read = true;
  };
  return new Proxy(atr, {
    get(target, name) {
      if (name !== 'then') read();
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has(target, name) {
      read();
      return Reflect.has(target, name);
    },
    ownKeys(target) {
      read();
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, name) {
      read();
      return Reflect.getOwnPropertyDescriptor(target, name);
    },
  });
}

export class CardRecorder {
  private current: ScenarioKey | undefined;
  private readonly cards = new Map<ScenarioKey, RecordedCard[]>();
  /** Scenarios whose cards cannot be replayed: a card made outside them or used in another scenario. */
  private readonly tangled = new Set<ScenarioKey>();
  /** A card was used outside the scenario it was made in (or made outside any): state outlived a scenario. */
  shared = false;
  /** Card builders per image for the defect last replayed (card-sim cardMaker: its faults made once). */
  private makers = new Map<object, Map<string, ReturnType<typeof cardMaker>>>();
  private makersOf: string | undefined;

  /** Record every card made until stop(). */
  start(): void {
    observeCards((card, made) => this.wrap(card, made));
  }

  stop(): void {
    observeCards(undefined);
  }

  /** The scenario now running (undefined between scenarios). */
  enter(key: ScenarioKey | undefined): void {
    this.current = key;
  }

  /**
   * Whether scenario `key`, run with `defect` on, would see exactly what it saw on the clean card:
   * every card whose switches asked for the defect (`askedBy`, from the probe) answers every recorded
   * call the same with the defect on. False whenever that cannot be shown (the defect is not a card's,
   * a switch asked outside the scenario's own cards, a card shared between scenarios).
   */
  sameWith(key: ScenarioKey, defect: string, askedBy: ReadonlySet<object>): boolean {
    if (!isCardDefect(defect) || this.tangled.has(key)) return false;
    const cards = this.cards.get(key) ?? [];
    const touched = cards.filter((c) => askedBy.has(c.made.switches));
    // Every holder that asked must be one of this scenario's cards.
    if (touched.length === 0 || [...askedBy].some((h) => !cards.some((c) => c.made.switches === h))) return false;
    return touched.every((c) => this.replays(c, defect));
  }

  private replays(rec: RecordedCard, defect: string): boolean {
    const { image, options, switches } = rec.made;
    const defects: DefectId[] = [...switches, defect as DefectId];
    if (this.makersOf !== defect) {
      this.makers = new Map();
      this.makersOf = defect;
    }
    let byImage = this.makers.get(image);
    if (!byImage) this.makers.set(image, (byImage = new Map()));
    const k = defects.join(' ');
    let make = byImage.get(k);
    if (!make) byImage.set(k, (make = cardMaker(image, defects)));
    const { defects: _, onInternalError: __, ...rest } = options;
    const card = make(rest);
    try {
      for (const call of rec.calls) {
        switch (call.op) {
          case 'transmit':
            if (!sameBytes(card.transmit(call.input), call.out)) return false;
            break;
          // An ATR the steps never read cannot change the scenario's path (watched, below).
          case 'reset': {
            const atr = card.reset(call.input);
            if (call.read && !sameBytes(atr, call.out)) return false;
            break;
          }
          case 'atr':
            if (call.read && !sameBytes(card.atr, call.out)) return false;
            break;
          case 'rule':
            if (json(card.rules[call.input as keyof SimCard['rules']]) !== call.out) return false;
            break;
          case 'nvm':
            if (json(card.nvm()) !== call.out) return false;
            break;
          case 'saveNvm':
            if (json(card.saveNvm()) !== call.out) return false;
            break;
          case 'lastWrites':
            if (json(card.lastWrites()) !== call.out) return false;
            break;
          case 'loadNvm':
            card.loadNvm(structuredClone(call.input));
            break;
          case 'tearAfter':
            card.tearAfter(call.input);
            break;
        }
      }
    } catch {
      return false;
    }
    return true;
  }

  private wrap(card: SimCard, made: CardMade): SimCard {
    const rec: RecordedCard = { made, calls: [], owner: this.current };
    if (rec.owner !== undefined) {
      const list = this.cards.get(rec.owner) ?? [];
      list.push(rec);
      this.cards.set(rec.owner, list);
    }
    const log = (call: Call) => {
      // A card used outside the scenario it was made in: neither can be replayed alone.
      if (this.current !== rec.owner) {
        this.shared = true;
        if (rec.owner !== undefined) this.tangled.add(rec.owner);
        if (this.current !== undefined) this.tangled.add(this.current);
      }
      rec.calls.push(call);
    };
    return {
      image: card.image,
      protocol: card.protocol,
      // The description of a channel names the defects; no verdict reads them.
      defects: card.defects,
      get atr() {
        const call = { op: 'atr' as const, out: card.atr.slice(), read: false };
        log(call);
        return watched(card.atr, call);
      },
      // Each rule as it is read (reading them all would ask every rule defect's switch).
      rules: new Proxy(card.rules, {
        get(target, name, receiver) {
          const value = Reflect.get(target, name, receiver);
          if (typeof name === 'string') log({ op: 'rule', input: name, out: json(value) });
          return value;
        },
      }),
      transmit(command) {
        const out = card.transmit(command);
        log({ op: 'transmit', input: command.slice(), out: out.slice() });
        return out;
      },
      reset(kind) {
        const out = card.reset(kind);
        const call = { op: 'reset' as const, input: kind, out: out.slice(), read: false };
        log(call);
        return watched(out, call);
      },
      nvm() {
        const out = card.nvm();
        log({ op: 'nvm', out: json(out) });
        return out;
      },
      saveNvm() {
        const out = card.saveNvm();
        log({ op: 'saveNvm', out: json(out) });
        return out;
      },
      loadNvm(file) {
        log({ op: 'loadNvm', input: structuredClone(file) });
        card.loadNvm(file);
      },
      tearAfter(k) {
        log({ op: 'tearAfter', input: k });
        card.tearAfter(k);
      },
      lastWrites() {
        const out = card.lastWrites();
        log({ op: 'lastWrites', out: json(out) });
        return out;
      },
    };
  }
}
