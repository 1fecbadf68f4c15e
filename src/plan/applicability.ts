/**
 * Applicability tags → ICS items (docs/design.md flow step 2). A scenario applies when every @ics: tag
 * holds, at least one of its @sscard: (and @pboc:) version tags holds, and @destructive is allowed.
 * A scenario that does not apply is reported NOT_APPLICABLE with the ICS item that excluded it.
 */
import type { Profile } from '../profile/profile.ts';

interface Rule {
  /** The profile field it reads, for the reason text. */
  item: string;
  holds(p: Profile): boolean;
}

const has = <T>(list: readonly T[] | undefined, v: T) => (list ?? []).includes(v);

export const APPLICABILITY_TAGS: Readonly<Record<string, Rule>> = {
  '@ics:t0': { item: 'ics.protocols includes T=0', holds: (p) => has(p.ics.protocols, 'T=0') },
  '@ics:t1': { item: 'ics.protocols includes T=1', holds: (p) => has(p.ics.protocols, 'T=1') },
  '@ics:3des': { item: 'ics.algorithms includes 3DES', holds: (p) => has(p.ics.algorithms, '3DES') },
  '@ics:sm4': { item: 'ics.algorithms includes SM4', holds: (p) => has(p.ics.algorithms, 'SM4') },
  '@ics:rsa': { item: 'ics.algorithms includes RSA', holds: (p) => has(p.ics.algorithms, 'RSA') },
  '@ics:sm2': { item: 'ics.algorithms includes SM2', holds: (p) => has(p.ics.algorithms, 'SM2') },
  '@ics:sda': { item: 'ics.oda includes SDA', holds: (p) => has(p.ics.oda, 'SDA') },
  '@ics:dda': { item: 'ics.oda includes DDA', holds: (p) => has(p.ics.oda, 'DDA') },
  '@ics:cda': { item: 'ics.oda includes CDA', holds: (p) => has(p.ics.oda, 'CDA') },
  '@ics:no-cda': { item: 'ics.oda lacks CDA (a CDA card is judged by features/pboc/cda.feature instead)', holds: (p) => !has(p.ics.oda, 'CDA') },
  '@ics:dual-algorithm': {
    item: 'ics.pbocAlgorithmSets is dual (RSA/SHA-1/3DES and SM2/SM3/SM4, JR/T 0025.17 §10.2)',
    holds: (p) => p.ics.pbocAlgorithmSets === 'dual',
  },
  '@ics:single-algorithm': { item: 'ics.pbocAlgorithmSets is not dual (one algorithm set)', holds: (p) => p.ics.pbocAlgorithmSets !== 'dual' },
  '@ics:ec': { item: 'ics.electronicCash is true', holds: (p) => p.ics.electronicCash === true },
  '@ics:contactless': { item: 'ics.contactless is true', holds: (p) => p.ics.contactless === true },
  '@ics:contact-only': { item: 'ics.contactless is not true (a contact-only card)', holds: (p) => p.ics.contactless !== true },
  '@ics:no-logical-channels': { item: 'ics.logicalChannels is false', holds: (p) => p.ics.logicalChannels !== true },
  '@ics:logical-channels': { item: 'ics.logicalChannels is true', holds: (p) => p.ics.logicalChannels === true },
  '@ics:sscard': {
    item: 'ics.sscardVersion is given (the card claims 社会保障卡规范: its SSSE and DFs, its class and length rules)',
    holds: (p) => p.ics.sscardVersion !== undefined,
  },
  '@sscard:1.0': { item: 'ics.sscardVersion is 1.0', holds: (p) => p.ics.sscardVersion === '1.0' },
  '@sscard:2.0': { item: 'ics.sscardVersion is 2.0', holds: (p) => p.ics.sscardVersion === '2.0' },
  '@sscard:3.0': { item: 'ics.sscardVersion is 3.0', holds: (p) => p.ics.sscardVersion === '3.0' },
  '@pboc:2.0': { item: 'ics.pboc is 2.0', holds: (p) => p.ics.pboc === '2.0' },
  '@pboc:3.0': { item: 'ics.pboc is 3.0', holds: (p) => p.ics.pboc === '3.0' },
  '@ics:financial': {
    item: 'ics.pboc is 2.0 or 3.0 (the card has the financial application in a PSE)',
    holds: (p) => p.ics.pboc === '2.0' || p.ics.pboc === '3.0',
  },
  '@ics:medical-offline': {
    item: 'ics.medical is offline (DF04 holds the medical account, 社会保障卡规范 part 6 §6.6)',
    holds: (p) => p.ics.medical === 'offline',
  },
  '@ics:card-management': { item: 'ics.cardManagement is card-sim', holds: (p) => p.ics.cardManagement === 'card-sim' },
  '@needs:blank-card': { item: 'target.kind is sim (a blank card of the same COS)', holds: (p) => p.target.kind === 'sim' },
  '@needs:prepared-card': { item: 'target.kind is sim (a sample of the card prepared in a state a run cannot reach)', holds: (p) => p.target.kind === 'sim' },
  '@terminal:social-security': {
    item: 'terminal.type is social-security or integrated',
    holds: (p) => p.product.kind === 'terminal' && (p.terminal?.type === 'social-security' || p.terminal?.type === 'integrated'),
  },
  '@terminal:financial': {
    item: 'terminal.type is financial or integrated',
    holds: (p) => p.product.kind === 'terminal' && (p.terminal?.type === 'financial' || p.terminal?.type === 'integrated'),
  },
  '@terminal:integrated': { item: 'terminal.type is integrated', holds: (p) => p.product.kind === 'terminal' && p.terminal?.type === 'integrated' },
  '@needs:tear': {
    item: "needs a power-cut reader: target.kind sim, or target.tear (sim serve's control channel; a lab's power-cut reader)",
    holds: (p) => (p.target.kind === 'sim' && !p.target.tpdu) || (p.target.kind === 'pcsc' && p.target.tear !== undefined),
  },
  '@needs:tpdu': {
    item: 'not reachable through PC/SC: needs a TPDU-capable reader (target.tpdu: sscc sees and judges the T=1 blocks; through PC/SC the reader speaks them)',
    holds: (p) => p.target.kind === 'sim' && p.target.tpdu === true,
  },
  '@needs:line-access': {
    item: 'not reachable through PC/SC: needs access to the contacts (an ISO/IEC 10373-3 test tool: electrical signals, timing, parity, PPS), which no target of sscc has',
    holds: () => false,
  },
  '@needs:pin': { item: 'keys.pin is given', holds: (p) => typeof p.keys?.pin === 'string' },
  '@needs:expected-atr': { item: 'product.expectedAtr is given', holds: (p) => typeof p.product.expectedAtr === 'string' },
  '@destructive': { item: 'run.allowDestructive is true (the scenario blocks a PIN or key)', holds: (p) => p.run?.allowDestructive === true },
};

/** Version families: one of the listed versions is enough. */
const ANY_OF = ['@sscard:', '@pboc:', '@terminal:'];

export interface Applicability {
  applicable: boolean;
  /** Why not, naming the ICS item. */
  reason?: string;
}

export function applicability(tags: readonly string[], profile: Profile): Applicability {
  const failed: string[] = [];
  // A terminal under test is judged by the terminal scenarios only; a card by the others.
  const forTerminal = tags.some((t) => t.startsWith('@terminal:'));
  if (profile.product.kind === 'terminal' && !forTerminal) return { applicable: false, reason: 'ICS: product.kind is terminal; this scenario tests a card' };
  for (const family of ANY_OF) {
    const inFamily = tags.filter((t) => t.startsWith(family));
    if (inFamily.length && !inFamily.some((t) => APPLICABILITY_TAGS[t]?.holds(profile))) {
      failed.push(inFamily.map((t) => APPLICABILITY_TAGS[t]?.item ?? t).join(' or '));
    }
  }
  for (const t of tags) {
    if (ANY_OF.some((f) => t.startsWith(f))) continue;
    const rule = APPLICABILITY_TAGS[t];
    if (rule && !rule.holds(profile)) failed.push(rule.item);
  }
  return failed.length ? { applicable: false, reason: `ICS: requires ${failed.join('; ')}` } : { applicable: true };
}

/** Tags in the ICS namespaces that no rule knows: a typo in a feature file. */
export function unknownApplicabilityTags(tags: readonly string[]): string[] {
  return tags.filter((t) => /^@(ics|sscard|pboc|needs|terminal):/.test(t) && !APPLICABILITY_TAGS[t]);
}
