/**
 * Applicability tags → ICS items (docs/design.md flow step 2). A scenario applies when every @ics: tag
 * holds, at least one of its @sscard: (and @pboc:) version tags holds, and @destructive is allowed.
 * A scenario that does not apply is reported NOT_APPLICABLE with the ICS item that excluded it.
 */
import type { Profile } from '../profile/profile.ts';
import { type Diagnosis, dx } from '../verdict/messages.ts';

interface Rule {
  /** The profile field it reads, for the reason text; `zh` the same in Chinese (the report's zh-CN rendering). */
  item: string;
  zh: string;
  holds(p: Profile): boolean;
}

const has = <T>(list: readonly T[] | undefined, v: T) => (list ?? []).includes(v);

export const APPLICABILITY_TAGS: Readonly<Record<string, Rule>> = {
  '@ics:t0': { item: 'ics.protocols includes T=0', zh: 'ics.protocols 含 T=0', holds: (p) => has(p.ics.protocols, 'T=0') },
  '@ics:t1': { item: 'ics.protocols includes T=1', zh: 'ics.protocols 含 T=1', holds: (p) => has(p.ics.protocols, 'T=1') },
  '@ics:3des': { item: 'ics.algorithms includes 3DES', zh: 'ics.algorithms 含 3DES', holds: (p) => has(p.ics.algorithms, '3DES') },
  '@ics:sm4': { item: 'ics.algorithms includes SM4', zh: 'ics.algorithms 含 SM4', holds: (p) => has(p.ics.algorithms, 'SM4') },
  '@ics:rsa': { item: 'ics.algorithms includes RSA', zh: 'ics.algorithms 含 RSA', holds: (p) => has(p.ics.algorithms, 'RSA') },
  '@ics:sm2': { item: 'ics.algorithms includes SM2', zh: 'ics.algorithms 含 SM2', holds: (p) => has(p.ics.algorithms, 'SM2') },
  '@ics:sda': { item: 'ics.oda includes SDA', zh: 'ics.oda 含 SDA', holds: (p) => has(p.ics.oda, 'SDA') },
  '@ics:dda': { item: 'ics.oda includes DDA', zh: 'ics.oda 含 DDA', holds: (p) => has(p.ics.oda, 'DDA') },
  '@ics:cda': { item: 'ics.oda includes CDA', zh: 'ics.oda 含 CDA', holds: (p) => has(p.ics.oda, 'CDA') },
  '@ics:no-cda': {
    item: 'ics.oda lacks CDA (a CDA card is judged by features/pboc/cda.feature instead)',
    zh: 'ics.oda 不含 CDA (支持 CDA 的卡由 features/pboc/cda.feature 判定)',
    holds: (p) => !has(p.ics.oda, 'CDA'),
  },
  '@ics:dual-algorithm': {
    item: 'ics.pbocAlgorithmSets is dual (RSA/SHA-1/3DES and SM2/SM3/SM4, JR/T 0025.17 §10.2)',
    zh: 'ics.pbocAlgorithmSets 为 dual (RSA/SHA-1/3DES 与 SM2/SM3/SM4 双算法, JR/T 0025.17 §10.2)',
    holds: (p) => p.ics.pbocAlgorithmSets === 'dual',
  },
  '@ics:single-algorithm': {
    item: 'ics.pbocAlgorithmSets is not dual (one algorithm set)',
    zh: 'ics.pbocAlgorithmSets 不为 dual (单一算法体系)',
    holds: (p) => p.ics.pbocAlgorithmSets !== 'dual',
  },
  '@ics:ec': { item: 'ics.electronicCash is true', zh: 'ics.electronicCash 为 true (支持电子现金)', holds: (p) => p.ics.electronicCash === true },
  '@ics:contactless': { item: 'ics.contactless is true', zh: 'ics.contactless 为 true (支持非接触)', holds: (p) => p.ics.contactless === true },
  '@ics:contact-only': {
    item: 'ics.contactless is not true (a contact-only card)',
    zh: 'ics.contactless 不为 true (仅接触式卡)',
    holds: (p) => p.ics.contactless !== true,
  },
  '@ics:no-logical-channels': {
    item: 'ics.logicalChannels is false',
    zh: 'ics.logicalChannels 为 false (不支持逻辑通道)',
    holds: (p) => p.ics.logicalChannels !== true,
  },
  '@ics:logical-channels': {
    item: 'ics.logicalChannels is true',
    zh: 'ics.logicalChannels 为 true (支持逻辑通道)',
    holds: (p) => p.ics.logicalChannels === true,
  },
  '@ics:sscard': {
    item: 'ics.sscardVersion is given (the card claims 社会保障卡规范: its SSSE and DFs, its class and length rules)',
    zh: '给出 ics.sscardVersion (卡声明符合社会保障卡规范: 其 SSSE 和 DF, 其 CLA 和长度规则)',
    holds: (p) => p.ics.sscardVersion !== undefined,
  },
  '@sscard:1.0': { item: 'ics.sscardVersion is 1.0', zh: 'ics.sscardVersion 为 1.0', holds: (p) => p.ics.sscardVersion === '1.0' },
  '@sscard:2.0': { item: 'ics.sscardVersion is 2.0', zh: 'ics.sscardVersion 为 2.0', holds: (p) => p.ics.sscardVersion === '2.0' },
  '@sscard:3.0': { item: 'ics.sscardVersion is 3.0', zh: 'ics.sscardVersion 为 3.0', holds: (p) => p.ics.sscardVersion === '3.0' },
  '@pboc:2.0': { item: 'ics.pboc is 2.0', zh: 'ics.pboc 为 2.0', holds: (p) => p.ics.pboc === '2.0' },
  '@pboc:3.0': { item: 'ics.pboc is 3.0', zh: 'ics.pboc 为 3.0', holds: (p) => p.ics.pboc === '3.0' },
  '@ics:financial': {
    item: 'ics.pboc is 2.0 or 3.0 (the card has the financial application in a PSE)',
    zh: 'ics.pboc 为 2.0 或 3.0 (卡在 PSE 中有金融应用)',
    holds: (p) => p.ics.pboc === '2.0' || p.ics.pboc === '3.0',
  },
  '@ics:medical-offline': {
    item: 'ics.medical is offline (DF04 holds the medical account, 社会保障卡规范 part 6 §6.6)',
    zh: 'ics.medical 为 offline (DF04 中有医疗保险个人账户, 社会保障卡规范第 6 部分 §6.6)',
    holds: (p) => p.ics.medical === 'offline',
  },
  '@ics:card-management': { item: 'ics.cardManagement is card-sim', zh: 'ics.cardManagement 为 card-sim', holds: (p) => p.ics.cardManagement === 'card-sim' },
  '@needs:blank-card': {
    item: 'target.kind is sim (a blank card of the same COS)',
    zh: 'target.kind 为 sim (同一 COS 的空白卡)',
    holds: (p) => p.target.kind === 'sim',
  },
  '@needs:prepared-card': {
    item: 'target.kind is sim (a sample of the card prepared in a state a run cannot reach)',
    zh: 'target.kind 为 sim (预置于运行无法达到的状态的样卡)',
    holds: (p) => p.target.kind === 'sim',
  },
  '@needs:psam-sample': {
    item: "target.kind is sim (a PSAM of the COS under test; a real PSAM is the terminal's, sent to the lab as a sample of its own)",
    zh: 'target.kind 为 sim (被测 COS 的 PSAM; 真实的 PSAM 属于终端, 作为单独的样品送检)',
    holds: (p) => p.target.kind === 'sim',
  },
  '@terminal:social-security': {
    item: 'terminal.type is social-security or integrated',
    zh: 'terminal.type 为 social-security 或 integrated',
    holds: (p) => p.product.kind === 'terminal' && (p.terminal?.type === 'social-security' || p.terminal?.type === 'integrated'),
  },
  '@terminal:financial': {
    item: 'terminal.type is financial or integrated',
    zh: 'terminal.type 为 financial 或 integrated',
    holds: (p) => p.product.kind === 'terminal' && (p.terminal?.type === 'financial' || p.terminal?.type === 'integrated'),
  },
  '@terminal:integrated': {
    item: 'terminal.type is integrated',
    zh: 'terminal.type 为 integrated',
    holds: (p) => p.product.kind === 'terminal' && p.terminal?.type === 'integrated',
  },
  '@needs:tear': {
    item: "needs a power-cut reader: target.kind sim, or target.tear (sim serve's control channel; a lab's power-cut reader)",
    zh: '需要可断电的读卡器: target.kind 为 sim, 或给出 target.tear (sim serve 的控制通道; 实验室的断电读卡器)',
    holds: (p) => (p.target.kind === 'sim' && !p.target.tpdu) || (p.target.kind === 'pcsc' && p.target.tear !== undefined),
  },
  '@needs:tpdu': {
    item: 'not reachable through PC/SC: needs a TPDU-capable reader (target.tpdu: sscc sees and judges the T=1 blocks; through PC/SC the reader speaks them)',
    zh: '经 PC/SC 无法触及: 需要能传送 TPDU 的读卡器 (target.tpdu: 由 sscc 查看并判定 T=1 块; 经 PC/SC 时由读卡器处理这些块)',
    holds: (p) => p.target.kind === 'sim' && p.target.tpdu === true,
  },
  '@needs:line-access': {
    item: 'not reachable through PC/SC: needs access to the contacts (an ISO/IEC 10373-3 test tool: electrical signals, timing, parity, PPS), which no target of sscc has',
    zh: '经 PC/SC 无法触及: 需要直接接触触点 (ISO/IEC 10373-3 测试工具: 电信号, 时序, 奇偶校验, PPS), sscc 的任何目标都不具备',
    holds: () => false,
  },
  '@needs:pin': { item: 'keys.pin is given', zh: '给出 keys.pin', holds: (p) => typeof p.keys?.pin === 'string' },
  '@needs:expected-atr': { item: 'product.expectedAtr is given', zh: '给出 product.expectedAtr', holds: (p) => typeof p.product.expectedAtr === 'string' },
  '@destructive': {
    item: 'run.allowDestructive is true (the scenario blocks a PIN or key)',
    zh: 'run.allowDestructive 为 true (本场景会锁定个人密码或密钥)',
    holds: (p) => p.run?.allowDestructive === true,
  },
};

/** Version families: one of the listed versions is enough. */
const ANY_OF = ['@sscard:', '@pboc:', '@terminal:'];

export interface Applicability {
  applicable: boolean;
  /** Why not, naming the ICS item. */
  reason?: string;
  /** The reason as a message id with parameters (src/verdict/messages.ts). */
  diagnosis?: Diagnosis;
}

export function applicability(tags: readonly string[], profile: Profile): Applicability {
  const failed: Array<{ en: string; zh: string }> = [];
  // A terminal under test is judged by the terminal scenarios only; a card by the others.
  const forTerminal = tags.some((t) => t.startsWith('@terminal:'));
  if (profile.product.kind === 'terminal' && !forTerminal)
    return { applicable: false, reason: 'ICS: product.kind is terminal; this scenario tests a card', diagnosis: dx('ics.terminalOnly') };
  for (const family of ANY_OF) {
    const inFamily = tags.filter((t) => t.startsWith(family));
    if (inFamily.length && !inFamily.some((t) => APPLICABILITY_TAGS[t]?.holds(profile))) {
      failed.push({
        en: inFamily.map((t) => APPLICABILITY_TAGS[t]?.item ?? t).join(' or '),
        zh: inFamily.map((t) => APPLICABILITY_TAGS[t]?.zh ?? t).join(' 或 '),
      });
    }
  }
  for (const t of tags) {
    if (ANY_OF.some((f) => t.startsWith(f))) continue;
    const rule = APPLICABILITY_TAGS[t];
    if (rule && !rule.holds(profile)) failed.push({ en: rule.item, zh: rule.zh });
  }
  if (!failed.length) return { applicable: true };
  const items = { en: failed.map((f) => f.en).join('; '), zh: failed.map((f) => f.zh).join('; ') };
  return { applicable: false, reason: `ICS: requires ${items.en}`, diagnosis: dx('ics.requires', { items }) };
}

/** Tags in the ICS namespaces that no rule knows: a typo in a feature file. */
export function unknownApplicabilityTags(tags: readonly string[]): string[] {
  return tags.filter((t) => /^@(ics|sscard|pboc|needs|terminal):/.test(t) && !APPLICABILITY_TAGS[t]);
}
