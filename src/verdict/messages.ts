/**
 * Diagnoses as message ids with parameters (issue 20 item 3): the reason a scenario gives for its verdict,
 * one template per language. A failure error carries its Diagnosis; its English text (the console, the
 * message stream) is the English template filled in, and the report renders the Chinese from the same id
 * and parameters. A parameter is a value as it is (a number, a name, hex), a status word (named in the
 * language), bytes (hex, cut as hexPreview cuts), a text in both languages, a list ("or"), or a nested
 * diagnosis.
 */
import { describeSw } from '../apdu/sw.ts';
import { swHex } from '../apdu/response.ts';
import { toHex } from '../bytes/hex.ts';

export type Lang = 'en' | 'zh-CN';
export interface Bilingual {
  en: string;
  zh: string;
}
/** A status word, named in the language of the rendering. */
export interface SwParam {
  sw: number;
}
/** Bytes for a message: at most 64 shown, then how many there were (a hostile card may send 64 KB). */
export interface BytesParam {
  hex: string;
  length: number;
}
export interface Diagnosis {
  id: string;
  params: Record<string, Param>;
}
export type Param = string | number | boolean | Bilingual | SwParam | BytesParam | Diagnosis | readonly Param[];

type Template = { readonly en: string; readonly zh: string };

/** Every diagnosis, by id. {name} is a parameter; both templates name the same parameters. */
export const MESSAGES = {
  // The generic checks of src/verdict/expect.ts: most failures are one of these.
  'sw.expected': { en: 'expected status word {expected}, card answered {actual}', zh: '预期状态字 {expected}, 卡应答 {actual}' },
  'sw1.expected': { en: 'expected {what} ({sw1}xx), card answered {actual}', zh: '预期{what} ({sw1}xx), 卡应答 {actual}' },
  'bytes.expected': { en: '{what}: expected {expected}, card gave {actual}', zh: '{what}: 预期 {expected}, 卡给出 {actual}' },
  'value.expected': { en: '{what} is {actual}, expected {expected}', zh: '{what}为 {actual}, 预期为 {expected}' },
  'length.expected': { en: '{what} is {actual} bytes long, expected {expected}', zh: '{what}长 {actual} 字节, 预期为 {expected} 字节' },
  'tag.missing': { en: '{where} has no {tag} ({name})', zh: '{where}中没有 {tag} ({name})' },
  'tag.present': { en: '{where} holds {tag} ({name}), which it must not', zh: '{where}中含有不应有的 {tag} ({name})' },
  'response.malformed': { en: '{what} is malformed: {detail}', zh: '{what}格式错误: {detail}' },
  'precondition.notMet': { en: 'precondition not met: {detail}', zh: '前提条件不满足: {detail}' },
  'restore.failed': { en: 'restore failed: {what}; {detail}. The sample is left changed', zh: '恢复失败: {what}; {detail}。样品保持已改变的状态' },
  'run.stopped': { en: 'the run stopped before this case finished', zh: '本用例结束前运行已停止' },
  'run.notStarted': { en: 'not run: the run stopped before this case started', zh: '未运行: 本用例开始前运行已停止' },
  'step.status': { en: 'step is {status} in the suite: {step}', zh: '测试集中该步骤为{status}: {step}' },
  'sscc.failed': { en: 'sscc failed ({type}): {detail}', zh: 'sscc 自身出错 ({type}): {detail}' },
  failed: { en: 'failed', zh: '失败' },
  unjudged: { en: 'could not be judged', zh: '无法判定' },
  'ics.terminalOnly': { en: 'ICS: product.kind is terminal; this scenario tests a card', zh: 'ICS: 产品类别 (product.kind) 为终端; 本场景测试的是卡片' },
  'ics.requires': { en: 'ICS: requires {items}', zh: 'ICS: 要求 {items}' },
  // Status words and cards (steps/, src/ checks).
  'command.refused': { en: '{command} answered {actual}', zh: '{command} 应答 {actual}' },
  'command.accepted': { en: '{command} was accepted ({actual}), expected it to be refused', zh: '{command} 被接受 ({actual}), 预期应被拒绝' },
  'pin.verifyAnswered': { en: 'VERIFY of PIN answered {actual}', zh: '个人密码校验 (VERIFY) 应答 {actual}' },
  'pin.triesChanged': { en: 'the card reports {actual} tries left, expected {expected}', zh: '卡报告剩余尝试次数为 {actual}, 预期为 {expected}' },
  'records.readAtLeast': { en: 'read {actual} record(s), expected at least {expected}', zh: '读出 {actual} 条记录, 预期至少 {expected} 条' },
  'records.same': { en: 'records {a} and {b} are the same: {hex}', zh: '第 {a} 条和第 {b} 条记录相同: {hex}' },
  'data.notOneSimpleTlv': { en: 'the data is not one SIMPLE-TLV data object: {detail}', zh: '数据不是一个 SIMPLE-TLV 数据对象: {detail}' },
  'challenge.same': { en: 'the two challenges are the same: {hex}', zh: '两个随机数相同: {hex}' },
  'tvr.bit': { en: '{where} is {value}: "{bit}" is {state}, expected {expected}', zh: '{where}为 {value}: “{bit}” {state}, 预期{expected}' },
  'terminal.reported': { en: 'the terminal reports {actual}, expected {expected}', zh: '终端报告 {actual}, 预期为 {expected}' },
  'card.saw': { en: 'the card saw {actual}, expected {expected}', zh: '卡收到 {actual}, 预期为 {expected}' },
  'card.sawNot': { en: 'the card saw no {command}', zh: '卡未收到 {command}' },
  'card.sawUnexpected': { en: 'the card saw {command}, which it must not', zh: '卡收到了不应收到的 {command}' },
} as const satisfies Record<string, Template>;

export type MessageId = keyof typeof MESSAGES;
type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer R}` ? P | ParamNames<R> : never;
export type ParamsOf<K extends MessageId> = { [P in ParamNames<(typeof MESSAGES)[K]['en']>]: Param };

/** A diagnosis by its id, with exactly the parameters its templates name. */
export function dx<K extends MessageId>(id: K, ...params: ParamNames<(typeof MESSAGES)[K]['en']> extends never ? [] : [ParamsOf<K>]): Diagnosis {
  return { id, params: (params[0] ?? {}) as Record<string, Param> };
}

export function isDiagnosis(v: unknown): v is Diagnosis {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Diagnosis).id === 'string' &&
    typeof (v as Diagnosis).params === 'object' &&
    (v as Diagnosis).params !== null
  );
}

/** A status word as a parameter (swText names it in the language). */
export const sw = (value: number): SwParam => ({ sw: value });
/** Several status words: "6A82 (…) or 6A83 (…)". */
export const sws = (values: readonly number[]): SwParam[] => values.map(sw);
/** Bytes as a parameter: hex, at most `max` bytes shown. */
export function bytes(value: Uint8Array, max = 64): BytesParam {
  return { hex: toHex(value.subarray(0, max), ' '), length: value.length };
}

function isBilingual(v: object): v is Bilingual {
  return typeof (v as Bilingual).en === 'string' && typeof (v as Bilingual).zh === 'string';
}

function renderParam(p: Param, lang: Lang): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number' || typeof p === 'boolean') return String(p);
  if (Array.isArray(p)) return p.map((x) => renderParam(x, lang)).join(lang === 'en' ? ' or ' : ' 或 ');
  const o = p as Exclude<Param, string | number | boolean | readonly Param[]>;
  if ('sw' in o && typeof o.sw === 'number') {
    const m = describeSw(o.sw);
    return `${swHex(o.sw)} (${lang === 'en' ? m.en : m.zh})`;
  }
  if ('hex' in o && typeof o.hex === 'string') {
    if (o.length === 0) return lang === 'en' ? '(empty)' : '(空)';
    const shown = o.hex.split(' ').filter(Boolean).length;
    return shown < o.length ? `${o.hex} … (${o.length} ${lang === 'en' ? 'bytes' : '字节'})` : o.hex;
  }
  if (isDiagnosis(o)) return renderDiagnosis(o, lang);
  if (isBilingual(o)) return lang === 'en' ? o.en : o.zh;
  return String(o);
}

/** The text of a diagnosis in a language; an id the catalogue does not know renders as the id with its parameters. */
export function renderDiagnosis(d: Diagnosis, lang: Lang): string {
  const t = (MESSAGES as Record<string, Template>)[d.id];
  if (!t) return `${d.id} ${JSON.stringify(d.params)}`;
  return (lang === 'en' ? t.en : t.zh).replace(/\{(\w+)\}/g, (all, name: string) =>
    Object.hasOwn(d.params, name) ? renderParam(d.params[name] as Param, lang) : all,
  );
}

/** The parameter names of a template, for the catalogue's test. */
export function templateParams(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))].sort();
}

/** Latin-script words a Chinese text may keep: field and tool names that have no Chinese form in the specs. */
const LATIN_NAMES = new Set(['Le', 'Lc', 'Luhn', 'cn', 'sscc']);

/**
 * The Latin-script words of a Chinese text that are not a name, a code or hex (issue 20 item 3): a word in
 * capitals or with a digit (SELECT, 9F36, 61xx, UK1, T=0), a camel-case function name (iReadCardBas), a
 * profile field (product.kind), a name put in 「」 (a test card, 「tm-expired」) and LATIN_NAMES pass;
 * "record", "the", "Failed" do not.
 */
export function latinWords(text: string): string[] {
  const words = text.replace(/「[^」]*」/g, ' ').match(/[A-Za-z0-9][A-Za-z0-9_.\-/=]*/g) ?? [];
  return words.filter((w) => /[a-z]/.test(w) && !/\d/.test(w) && !/^[a-z]+[A-Z]/.test(w) && !/^\w+(\.\w+)+$/.test(w) && !LATIN_NAMES.has(w));
}
