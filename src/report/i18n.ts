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

const KEYWORDS: Record<string, string> = { Given: '假设', When: '当', Then: '那么', '*': '*' };

/** The Chinese text of a step: its keyword and the catalogue's template with the matched values put in. */
export function stepZh(step: { text: string; pattern?: string; args?: string[] }): string | undefined {
  if (step.text.startsWith('hook: ')) return `钩子: ${step.text.slice(6)}`;
  if (step.pattern === undefined) return undefined;
  const c = stepCatalogue();
  if (!Object.hasOwn(c, step.pattern)) return undefined;
  const keyword = step.text.split(' ')[0] ?? '*';
  const value = (v: string | undefined) => (v !== undefined && Object.hasOwn(VALUES_ZH, v) ? VALUES_ZH[v] : v);
  const body = (c[step.pattern] as string).replace(/\{(\d+)\}/g, (all, i: string) => value(step.args?.[Number(i)]) ?? all);
  return `${KEYWORDS[keyword] ?? keyword} ${body}`;
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
