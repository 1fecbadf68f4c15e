/**
 * How a catalogued card defect is implemented (issue 15, docs/design.md "Defects"). Each entry of the
 * catalogue has exactly one implementation, of one of three kinds, so that card-sim's spec code (cos/,
 * apps/, psam/) reads as the spec and never names a defect:
 *  - `image`: a personalisation fault, a transform of the card image applied when the card is built
 *    (a record without a data object, an FCI without its PDOL), through the TLV module;
 *  - `wrap`: a wrapper around one application's command handler (or its answer to SELECT), before or
 *    after the spec handler: it alters the command, the response or the state;
 *  - `rule`: an override of named spec rules (card-sim/cos/rules.ts) that the spec code consults.
 * A defect may combine parts (an image fault the GPO also notices).
 */
import type { CardApplication } from '../cos/application.ts';
import type { Handler } from '../cos/context.ts';
import type { CardImage } from '../cos/image.ts';
import { type CardRules, type RuleName, SPEC_RULES } from '../cos/rules.ts';
import type { NvmPolicy } from '../cos/nvm.ts';

export type OnSelect = NonNullable<CardApplication['onSelect']>;

/**
 * (a) The image as a faulty personalisation writes it. `visible`: where the fault can show, the
 * application whose handlers read the data (and its answer to SELECT), or one instruction everywhere.
 */
export interface ImageDefect {
  kind: 'image';
  personalise(image: CardImage): CardImage;
  visible: { app: string } | { ins: number };
}

/** (b) Around the handler of one command (`ins`) of one application, or around its answer to SELECT. */
export type WrapDefect =
  | { kind: 'wrap'; app: string; ins: number; around(spec: Handler): Handler }
  | { kind: 'wrap'; app: string; select: true; around(spec: OnSelect): OnSelect };

/** (c) Spec rules this defect breaks: each set to false. */
export interface RuleDefect {
  kind: 'rule';
  rules: Partial<Record<RuleName, false>>;
}

/** (d) How the COS breaks the atomic write discipline of its NVM (LD/T 6001.2 防拔; card-sim/cos/nvm.ts). */
export interface NvmDefect {
  kind: 'nvm';
  policy: NvmPolicy;
}

export type DefectPart = ImageDefect | WrapDefect | RuleDefect | NvmDefect;
export type CardDefectImpl = DefectPart | readonly DefectPart[];

/** A defect that breaks the named spec rules. */
export const rule = (...names: RuleName[]): RuleDefect => ({ kind: 'rule', rules: Object.fromEntries(names.map((n) => [n, false])) });
export const image = (visible: ImageDefect['visible'], personalise: ImageDefect['personalise']): ImageDefect => ({ kind: 'image', personalise, visible });
export const nvm = (policy: NvmPolicy): NvmDefect => ({ kind: 'nvm', policy });
export const wrap = (app: string, ins: number, around: (spec: Handler) => Handler): WrapDefect => ({ kind: 'wrap', app, ins, around });
export const wrapSelect = (app: string, around: (spec: OnSelect) => OnSelect): WrapDefect => ({ kind: 'wrap', app, select: true, around });

/** What the card builder applies for a set of defects. */
export interface CardFaults {
  rules: CardRules;
  personalise(image: CardImage): CardImage;
  /** The handler of `ins` in `app` as the defects leave it. */
  handler(app: string, ins: number, spec: Handler): Handler;
  onSelect(app: string, spec: OnSelect | undefined): OnSelect | undefined;
  /** The NVM policy of the defects on (asked when the NVM layer first needs it: a tear is armed). */
  nvmPolicy(): NvmPolicy;
}

type InsWrap = { id: string; part: Extract<WrapDefect, { ins: number }> };
type SelectWrap = { id: string; part: Extract<WrapDefect, { select: true }> };

interface CatalogueParts {
  images: Array<{ id: string; part: ImageDefect }>;
  wraps: Array<{ id: string; part: WrapDefect }>;
  /** By `app ins` (the instruction in hex, or `select`): the wrappers of that handler, the image faults it shows. */
  at: Map<string, { wraps: Array<InsWrap | SelectWrap>; images: string[] }>;
  nvms: Array<{ id: string; part: NvmDefect }>;
  /** The spec rules as getters of a card's `on` (each false while a defect that breaks it is on). */
  rules: object;
}

const ON = Symbol('defects on');

/**
 * Images as personalised by a set of image faults, per clean image (a card is made per scenario; a
 * transform that re-signs records costs milliseconds). A card never writes into its image: its tree is
 * built from it (card-sim/cos/files.ts), as every clean card shares the one clean image.
 */
const personalised = new WeakMap<CardImage, Map<string, CardImage>>();

/** A catalogue's implementations sorted by kind: the same for every card, so made once (a card is made per scenario). */
const parts = new WeakMap<object, CatalogueParts>();
function partsOf(catalogue: Readonly<Record<string, CardDefectImpl>>): CatalogueParts {
  let p = parts.get(catalogue);
  if (p) return p;
  const all = Object.entries(catalogue).flatMap(([id, impl]) =>
    (Array.isArray(impl) ? (impl as readonly DefectPart[]) : [impl as DefectPart]).map((part) => ({ id, part })),
  );
  const breakers = new Map<string, string[]>();
  for (const { id, part } of all) if (part.kind === 'rule') for (const r of Object.keys(part.rules)) breakers.set(r, [...(breakers.get(r) ?? []), id]);
  const rules = {};
  for (const [r, value] of Object.entries(SPEC_RULES)) {
    const ids = breakers.get(r) ?? [];
    Object.defineProperty(rules, r, {
      enumerable: true,
      get(this: { [ON]: ReadonlySet<string> }) {
        return ids.some((id) => this[ON].has(id)) ? false : value;
      },
    });
  }
  p = {
    rules,
    at: new Map(),
    images: all.filter((e): e is { id: string; part: ImageDefect } => e.part.kind === 'image'),
    wraps: all.filter((e): e is { id: string; part: WrapDefect } => e.part.kind === 'wrap'),
    nvms: all.filter((e): e is { id: string; part: NvmDefect } => e.part.kind === 'nvm'),
  };
  parts.set(catalogue, p);
  return p;
}

/**
 * The faults of the defects in `on`, from the whole catalogue's implementations. The switch is asked
 * (`on.has(id)`) where the defect's code is reached, as the spec code would have asked it: a rule when it
 * is read, a wrapper when its handler runs, an image fault when a handler or SELECT of the application it
 * changed runs. The defect proof's probe (src/run/defect-probe.ts) records these asks on the clean card to
 * know which scenarios a defect can touch.
 */
/** The wrappers of one handler of `app` (`ins`, or its answer to SELECT) and the image faults it shows, listed once per catalogue. */
function partsAt(p: CatalogueParts, app: string, ins: number | undefined) {
  const key = `${app} ${ins === undefined ? 'select' : ins.toString(16)}`;
  let at = p.at.get(key);
  if (!at) {
    const wraps = p.wraps.filter(({ part }) => part.app === app && (ins === undefined ? 'select' in part : 'ins' in part && part.ins === ins));
    const images = p.images.filter(({ part }) => ('app' in part.visible ? part.visible.app === app : part.visible.ins === ins)).map(({ id }) => id);
    p.at.set(key, (at = { wraps: wraps as Array<InsWrap | SelectWrap>, images }));
  }
  return at;
}

export function faultsOf(catalogue: Readonly<Record<string, CardDefectImpl>>, on: ReadonlySet<string>): CardFaults {
  const p = partsOf(catalogue);
  const { images, nvms } = p;
  const rules = Object.create(p.rules, { [ON]: { value: on } }) as CardRules;
  /** Ask for the image faults that can show through this handler (their effect is in the tree already). */
  const askImages = (ids: readonly string[]) => {
    for (const id of ids) on.has(id);
  };
  return {
    rules,
    nvmPolicy: () => Object.assign({}, ...nvms.filter(({ id }) => on.has(id)).map(({ part }) => part.policy)) as NvmPolicy,
    // Built once per image and set of image faults on (their switches are asked where the faults show, below).
    personalise: (img) => {
      const ids = [...on];
      const mine = images.filter(({ id }) => ids.some((x) => x === id));
      if (!mine.length) return img;
      const key = mine.map(({ id }) => id).join(' ');
      let made = personalised.get(img);
      if (!made) personalised.set(img, (made = new Map()));
      let out = made.get(key);
      if (!out) made.set(key, (out = mine.reduce((acc, { part }) => part.personalise(acc), img)));
      return out;
    },
    handler: (app, ins, spec) => {
      const at = partsAt(p, app, ins);
      const mine = at.wraps as InsWrap[];
      return (cmd, card) => {
        askImages(at.images);
        const h = mine.reduce<Handler>((acc, { id, part }) => (on.has(id) ? part.around(acc) : acc), spec);
        return h(cmd, card);
      };
    },
    onSelect: (app, spec) => {
      const at = partsAt(p, app, undefined);
      const mine = at.wraps as SelectWrap[];
      if (!mine.length && !spec && !at.images.length) return spec;
      const base: OnSelect = spec ?? ((_card, reply) => reply);
      return (card, reply) => {
        askImages(at.images);
        return mine.reduce<OnSelect>((acc, { id, part }) => (on.has(id) ? part.around(acc) : acc), base)(card, reply);
      };
    },
  };
}
