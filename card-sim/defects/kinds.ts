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

export type OnSelect = NonNullable<CardApplication['onSelect']>;

/** (a) The image as a faulty personalisation writes it. */
export interface ImageDefect {
  kind: 'image';
  personalise(image: CardImage): CardImage;
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

export type DefectPart = ImageDefect | WrapDefect | RuleDefect;
export type CardDefectImpl = DefectPart | readonly DefectPart[];

/** A defect that breaks the named spec rules. */
export const rule = (...names: RuleName[]): RuleDefect => ({ kind: 'rule', rules: Object.fromEntries(names.map((n) => [n, false])) });
export const image = (personalise: ImageDefect['personalise']): ImageDefect => ({ kind: 'image', personalise });
export const wrap = (app: string, ins: number, around: (spec: Handler) => Handler): WrapDefect => ({ kind: 'wrap', app, ins, around });
export const wrapSelect = (app: string, around: (spec: OnSelect) => OnSelect): WrapDefect => ({ kind: 'wrap', app, select: true, around });

/** What the card builder applies for a set of defects. */
export interface CardFaults {
  rules: CardRules;
  personalise(image: CardImage): CardImage;
  /** The handler of `ins` in `app` as the defects leave it. */
  handler(app: string, ins: number, spec: Handler): Handler;
  onSelect(app: string, spec: OnSelect | undefined): OnSelect | undefined;
}

export function faultsOf(impls: readonly CardDefectImpl[]): CardFaults {
  const parts = impls.flatMap((i): readonly DefectPart[] => (Array.isArray(i) ? i : [i as DefectPart]));
  const rules: Record<string, boolean> = { ...SPEC_RULES };
  for (const p of parts) if (p.kind === 'rule') Object.assign(rules, p.rules);
  const images = parts.filter((p): p is ImageDefect => p.kind === 'image');
  const wraps = parts.filter((p): p is WrapDefect => p.kind === 'wrap');
  return {
    rules: rules as CardRules,
    personalise: (img) => images.reduce((acc, d) => d.personalise(acc), img),
    handler: (app, ins, spec) => wraps.reduce((h, w) => ('ins' in w && w.app === app && w.ins === ins ? w.around(h) : h), spec),
    onSelect: (app, spec) => {
      const ws = wraps.filter((w) => 'select' in w && w.app === app) as Array<Extract<WrapDefect, { select: true }>>;
      if (!ws.length) return spec;
      return ws.reduce<OnSelect>((h, w) => w.around(h), spec ?? ((_card, reply) => reply));
    },
  };
}
