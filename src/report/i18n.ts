/**
 * The suite in Chinese (issue 20 item 3). One source of truth per text: the Gherkin (English) stays the
 * scenario, and a catalogue keyed by scenario id (reports/i18n/scenarios.zh-CN.json) and by step
 * definition expression (reports/i18n/steps.zh-CN.json, with {0}, {1} … for the matched values) gives
 * the Chinese. Why a catalogue and not `# language: zh-CN` feature files: the step definitions, the
 * tags and the defect proofs stay as they are, and a missing translation is a line in a list
 * (reports/i18n/untranslated.json) that i18n.test.ts holds to the catalogue, never a broken scenario.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bitNameZh } from './elements.ts';

export { latinWords } from '../verdict/messages.ts';

const I18N = new URL('../../reports/i18n/', import.meta.url);
const load = (name: string) => JSON.parse(readFileSync(new URL(name, I18N), 'utf8')) as Record<string, string>;

let titles: Record<string, string> | undefined;
let steps: Record<string, string> | undefined;
export function scenarioCatalogue(): Record<string, string> {
  titles ??= load('scenarios.zh-CN.json');
  return titles;
}
export function stepCatalogue(): Record<string, string> {
  steps ??= load('steps.zh-CN.json');
  return steps;
}

let features: Record<string, string> | undefined;
/** Feature file (its path under the project, as ScenarioInfo.uri) → its Chinese name (reports/i18n/features.zh-CN.json). */
export function featureCatalogue(): Record<string, string> {
  features ??= load('features.zh-CN.json');
  return features;
}
export function featureZh(uri: string): string | undefined {
  const f = featureCatalogue();
  return Object.hasOwn(f, uri) ? f[uri] : undefined;
}

/** The Chinese title of a scenario, by its id (@TC:…). */
export function titleZh(id: string): string | undefined {
  const t = scenarioCatalogue();
  return Object.hasOwn(t, id) ? t[id] : undefined;
}

/** Values of the step parameter types that are words, not names or codes (steps/parameters.ts {ef}). */
export const VALUES_ZH: Readonly<Record<string, string>> = {
  'transparent EF': '透明文件',
  'record EF': '记录文件',
  'PIN-protected EF': '受个人密码保护的文件',
  'key-protected EF': '受密钥保护的文件',
};

/** The hooks of steps/ by name (a hook shows in the report when it failed or exchanged APDUs). */
export const HOOKS_ZH: Readonly<Record<string, string>> = {
  'check applicability, open the card channel': '检查适用性, 打开卡通道',
  'close the card channel': '关闭卡通道',
  'dual-algorithm card: RSA scenarios without SM support': '双算法卡: 不支持国密算法的 RSA 场景',
  'take the test cards out of the virtual readers': '从虚拟读卡器中取出测试卡',
  unnamed: '未命名',
};

const KEYWORDS: Record<string, string> = { Given: '假设', When: '当', Then: '那么', '*': '*' };

/**
 * A catalogue template with the matched values put in: {0} is a value as matched (or its VALUES_ZH word),
 * {0|first=第一次|second=第二次} a choice by the value, {0:name} a name (a test card) in 「」, {0:tvr} / {0:tsi} a TVR or TSI bit named in Chinese
 * (src/report/elements.ts), and [[ … ]] a part shown only when every value in it matched (an optional group
 * of a regular-expression step).
 */
export function fillTemplate(template: string, args: readonly (string | undefined)[] = []): string {
  const value = (i: string, dictionary: string | undefined, choices: string | undefined): string | undefined => {
    const v = args[Number(i)];
    if (v === undefined || v === '') return undefined;
    if (dictionary === 'name') return `「${v.replace(/^"|"$/g, '')}」`;
    if (dictionary === 'tvr' || dictionary === 'tsi') {
      const zh = bitNameZh(dictionary === 'tvr' ? 'TVR' : 'TSI', v.replace(/^"|"$/g, ''));
      return zh === undefined ? v : `“${zh}”`;
    }
    for (const c of choices?.split('|').slice(1) ?? []) {
      const eq = c.indexOf('=');
      if (c.slice(0, eq) === v) return c.slice(eq + 1);
    }
    return Object.hasOwn(VALUES_ZH, v) ? VALUES_ZH[v] : v;
  };
  const PLACEHOLDER = /\{(\d+)(?::(\w+))?(\|[^{}]*)?\}/g;
  return template
    .replace(/\[\[(.*?)\]\]/g, (_all, part: string) =>
      [...part.matchAll(PLACEHOLDER)].every((m) => value(m[1] as string, m[2], m[3]) !== undefined) ? part : '',
    )
    .replace(PLACEHOLDER, (all, i: string, dictionary: string | undefined, choices: string | undefined) => value(i, dictionary, choices) ?? all);
}

/** The placeholders of a catalogue template ({0}, {1|a=x} …), by index. */
export function placeholders(template: string): number[] {
  return [...template.matchAll(/\{(\d+)(?::\w+)?(?:\|[^{}]*)?\}/g)].map((m) => Number(m[1]));
}

/** The Chinese text of a step: its keyword and the catalogue's template with the matched values put in. */
export function stepZh(step: { text: string; pattern?: string; args?: string[] }): string | undefined {
  if (step.text.startsWith('hook: ')) return `钩子: ${HOOKS_ZH[step.text.slice(6)] ?? step.text.slice(6)}`;
  if (step.pattern === undefined) return undefined;
  const c = stepCatalogue();
  if (!Object.hasOwn(c, step.pattern)) return undefined;
  const keyword = step.text.split(' ')[0] ?? '*';
  return `${KEYWORDS[keyword] ?? keyword} ${fillTemplate(c[step.pattern] as string, step.args)}`;
}

/** The expressions of every step definition in steps/*.ts (as cucumber registers them). */
export function stepPatterns(root: string): string[] {
  const out = new Set<string>();
  const dir = join(root, 'steps');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.steps.ts'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/^\s*(?:Given|When|Then)\(\s*(['"`])((?:\\.|(?!\1).)*)\1/gm)) out.add((m[2] as string).replace(/\\(['"`\\])/g, '$1'));
    // A regular expression step: cucumber names it by its source.
    for (const m of text.matchAll(/^\s*(?:Given|When|Then)\(\s*\/((?:\\.|[^/\n])+)\/[a-z]*\s*,/gm)) out.add(m[1] as string);
  }
  return [...out].sort();
}

/** The parameters of a cucumber expression ({int}, {string}, {sw} …), in order. */
export function parameterCount(pattern: string): number {
  if (pattern.startsWith('^')) return (pattern.match(/(?<!\\)\((?!\?)/g) ?? []).length; // a regular expression: its capture groups
  return (pattern.match(/(?<!\\)\{[^{}]*\}/g) ?? []).length;
}
