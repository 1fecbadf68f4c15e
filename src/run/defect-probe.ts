/**
 * Which catalogued defects each scenario consults. card-sim and the reference terminal ask whether a
 * defect is on only through `ReadonlySet.has(id)` (defect-probe.test.ts holds their sources to it), so a
 * run of the clean card with this probe on records, for each scenario, every defect whose switch its
 * code reached. A scenario that never asked for defect X takes the same path with X on: it is deterministic
 * (card-sim for a seed, the steps for the card's answers) and X can change nothing before it is asked.
 *
 * The probe also watches for state that outlives a scenario: one Set asked in two scenarios is a card or
 * terminal kept between them (`shared`), and then a defect met in one scenario could change a later one.
 */

/** The scenario key: `uri:line` of its pickle, as the report keys its cases. */
export type ScenarioKey = string;

export interface ProbeResult {
  /** Scenario → the catalogued defects its run asked for. */
  asked: Map<ScenarioKey, Set<string>>;
  /** Scenario → defect → the objects (a card's switches, a terminal's rules) that asked for it. */
  askedBy: Map<ScenarioKey, Map<string, Set<object>>>;
  /** Defects asked for outside any scenario (a BeforeAll hook, module set-up): they may touch every scenario. */
  outside: Set<string>;
  /** A Set was asked in more than one scenario: state outlives a scenario, the per-scenario record does not hold. */
  shared: boolean;
}

export class DefectProbe {
  private current: ScenarioKey | undefined;
  private readonly asked = new Map<ScenarioKey, Set<string>>();
  private readonly askedBy = new Map<ScenarioKey, Map<string, Set<object>>>();
  private readonly outside = new Set<string>();
  private readonly owner = new WeakMap<object, ScenarioKey | null>();
  private shared = false;
  private restore: (() => void) | undefined;

  constructor(private readonly ids: ReadonlySet<string>) {}

  /** Patch Set.prototype.has and Array.prototype.includes until stop(). */
  start(): void {
    if (this.restore) throw new Error('the defect probe is already on');
    const setHas = Set.prototype.has;
    const arrayIncludes = Array.prototype.includes;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const probe = this;
    const note = (holder: object, value: unknown) => {
      if (typeof value !== 'string' || !setHas.call(probe.ids, value)) return;
      probe.note(holder, value);
    };
    Set.prototype.has = function has(this: Set<unknown>, value: unknown): boolean {
      note(this, value);
      return setHas.call(this, value);
    };
    Array.prototype.includes = function includes(this: unknown[], value: unknown, from?: number): boolean {
      note(this, value);
      return arrayIncludes.call(this, value, from);
    };
    this.restore = () => {
      Set.prototype.has = setHas;
      Array.prototype.includes = arrayIncludes;
    };
  }

  stop(): ProbeResult {
    this.restore?.();
    this.restore = undefined;
    return { asked: this.asked, askedBy: this.askedBy, outside: this.outside, shared: this.shared };
  }

  /** The scenario now running (undefined between scenarios). */
  enter(key: ScenarioKey | undefined): void {
    this.current = key;
  }

  private note(holder: object, id: string): void {
    const key = this.current;
    if (key === undefined) {
      this.outside.add(id);
      return;
    }
    let ids = this.asked.get(key);
    if (!ids) this.asked.set(key, (ids = new Set()));
    ids.add(id);
    let byId = this.askedBy.get(key);
    if (!byId) this.askedBy.set(key, (byId = new Map()));
    let holders = byId.get(id);
    if (!holders) byId.set(id, (holders = new Set()));
    holders.add(holder);
    // The first scenario to ask a holder owns it; another scenario asking it means it outlived the first.
    const owner = this.owner.get(holder);
    if (owner === undefined) this.owner.set(holder, key);
    else if (owner !== key) this.shared = true;
  }
}
