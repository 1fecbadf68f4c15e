/**
 * Every scenario title and step text in both languages (issue 20 item 3): English is the Gherkin, the
 * Chinese comes from reports/i18n/{scenarios,steps,features}.zh-CN.json, with no allow-list: every scenario
 * has its Chinese title and every step definition its Chinese, a new one comes with them. This test fails
 * on a missing one, on a translation that is not Chinese or loses a parameter, on a title that drops a
 * number, code or status word of the English, on a Latin-script word in a title that is not a command
 * name, a code of the specs, a name or hex (titleLatinWords below), and on a step of any feature whose
 * Chinese rendering keeps a Latin word that is not a name, a code or hex (latinWords, src/verdict).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureFiles, readScenarios } from '../plan/scenarios.ts';
import { ROOT } from '../run/test-support.ts';
import {
  featureCatalogue,
  featureZh,
  latinWords,
  parameterCount,
  placeholders,
  scenarioCatalogue,
  stepCatalogue,
  stepPatterns,
  stepZh,
  titleZh,
} from './i18n.ts';
import { failureTextsOf } from './failure-texts.ts';
import { featureStepsZh, type Untranslated, untranslated } from './i18n-untranslated.ts';
import { reportCatalogues } from './write.ts';

const listed = JSON.parse(readFileSync(new URL('../../reports/i18n/untranslated.json', import.meta.url), 'utf8')) as Untranslated;
const CJK = /[\u4e00-\u9fff]/;

/** Command names a Chinese title keeps as they are (ISO/IEC 7816-4, 社会保障卡规范 parts 5 and 9, JR/T 0025.5 annex B); a longer name is taken out before a shorter one it holds. */
const COMMANDS = [
  // part 9: the PSAM's own commands
  'INITIALIZE ENVIRONMENT',
  'DELIVERY SESSION KEY',
  'CIPHER DATA',
  'INIT SAM FOR PURCHASE',
  'CREDIT SAM FOR PURCHASE',
  'WRITE KEY',
  'CREATE FILE',
  'APPLICATION UNBLOCK',
  'PIN RELOAD',
  'GET PROCESSING OPTIONS',
  'INITIALIZE FOR PURCHASE',
  'INITIALIZE FOR LOAD',
  'DEBIT FOR PURCHASE',
  'CREDIT FOR LOAD',
  'GET TRANSACTION PROOF',
  'UPDATE STARTING DAY',
  'GET STARTING DAY',
  'EXTERNAL AUTHENTICATION',
  'INTERNAL AUTHENTICATION',
  'EXTERNAL AUTHENTICATE',
  'INTERNAL AUTHENTICATE',
  'PIN CHANGE/UNBLOCK',
  'APPLICATION UNBLOCK',
  'APPLICATION BLOCK',
  'GET CHALLENGE',
  'GET RESPONSE',
  'UPDATE BINARY',
  'UPDATE RECORD',
  'READ BINARY',
  'READ RECORD',
  'GET BALANCE',
  'GENERATE AC',
  'CARD BLOCK',
  'CHANGE PIN',
  'PIN UNBLOCK',
  'PIN RELOAD',
  'PIN CHANGE',
  'INITIALIZE',
  'GET DATA',
  'PUT DATA',
  'SELECT',
  'VERIFY',
  'CREDIT',
  'DEBIT',
].sort((a, b) => b.length - a.length);
/**
 * The other Latin-script words a Chinese title may keep: the specs' abbreviations and codes (those that are
 * not hex, which passes anyway), the card's names and the notation of the English (X, Y, b8, r ‖ s, mmdd).
 */
const CODES = new Set(
  (
    'AFL AID AIP ARC ARPC ARQC ATC ATM ATR CDOL1 CDOL2 CLA CVM CVN CVR DDOL DES 3DES DSK FCI FCP GBK GPO IAC IAD IC ICS IRK ' +
    'ISO IEC LD T T0 LDD Lc Le MAC MAC1 MAC2 MF NVM P1 P2 PAN PBOC PDOL PIN POS PPSE PSAM PSE PSN PUK RK RSA SDA SDAD SHA SM ' +
    'SM2 SM3 SM4 SSAD SSSE STK TAC TC TCK TLV TVR UK UK1 V2 Luhn sx1 sh cn mmdd X Y A M 8N r s b6 b7 b8 xx ' +
    // ISO/IEC 7816-3 (the ATR and the T=1 block layer): block kinds I, R, S and the prologue, epilogue and timing names.
    'I R S TS TA TB TC TD TA1 TB1 TC1 TD1 TA2 TB2 TC2 TD2 TA3 TB3 TC3 TD3 Fi Di WI BWI CWI WT ETU etu Vpp VCC I O CLK RST NULL INS ' +
    'PPS NAD PCB LEN EDC LRC CRC IFS IFSC IFSD BWT CWT BGT WTX RESYNCH ABORT N NS NR TPDU APDU PC SC ' +
    // JR/T 0045.1's test groups of the line level.
    'TPSB TPSC TPSE TPSF TPSG'
  ).split(' '),
);
const HEX = /^[0-9A-F]+$/;
const STATUS_WORD = /^[0-9A-F]*[0-9][0-9A-F]*[Xx]+$/; // 63Cx, 6Cxx, 61xx, 6X
const INTERFACE = /^i[A-Z][A-Za-z]+$/; // LD/T 33 terminal interface functions: iReadCardBas, iDoDebit …

/** The Latin-script words of a Chinese title that are none of the above. */
function titleLatinWords(zh: string): string[] {
  let rest = zh;
  for (const c of COMMANDS) rest = rest.replace(new RegExp(`(?<![A-Za-z])${c}(?![A-Za-z])`, 'g'), ' ');
  return (rest.match(/[A-Za-z0-9]+/g) ?? []).filter((w) => /[A-Za-z]/.test(w) && !HEX.test(w) && !STATUS_WORD.test(w) && !CODES.has(w) && !INTERFACE.test(w));
}
/** The words of an English title that carry a digit (numbers, codes, status words, hex): the Chinese keeps each. */
const digitWords = (text: string) => (text.match(/[A-Za-z0-9]+/g) ?? []).filter((w) => /[0-9]/.test(w));

describe('the suite in both languages', () => {
  const scenarios = readScenarios(ROOT, featureFiles(ROOT)).scenarios;
  const patterns = stepPatterns(ROOT);

  it('every scenario has its Chinese title, with no allow-list', () => {
    expect(scenarios.length).toBeGreaterThan(400);
    expect(scenarios.filter((s) => titleZh(s.id) === undefined).map((s) => `${s.id} ${s.uri}:${s.line}`)).toEqual([]);
    expect(listed.titles).toEqual([]);
  });

  it('every scenario title and every step text has its Chinese: the untranslated list is empty', () => {
    const now = untranslated(ROOT);
    expect({ titles: now.titles, steps: now.steps }).toEqual({ titles: [], steps: [] });
    expect({ titles: listed.titles, steps: listed.steps }).toEqual({ titles: [], steps: [] });
  });

  it('the English failure texts left are the ones untranslated.json lists (npm run i18n:untranslated), so a new one shows', () => {
    expect(listed.failures).toEqual(untranslated(ROOT).failures);
  });

  it('the failure-text check finds a literal message and passes a diagnosis', () => {
    const src = [
      "expectThat(ok, 'the card gave nothing');",
      'throw new NonConformance(`GPO answered ${x}`);',
      "expectThat(ok, dx('sw.expected', { expected: 1, actual: 2 }));",
      "throw new Unobservable(cond ? dx('none') : 'the EF is uniform');",
      'export function panProblem(p: string): string | undefined { return p ? undefined : `PAN ${p} fails`; }',
      "mustOk(r.sw, 'the load');",
      'expectBytes(a, b, { en: "x", zh: "x" });',
    ].join('\n');
    expect(failureTextsOf('x.ts', src).map((f) => f.at)).toEqual(['x.ts:1', 'x.ts:2', 'x.ts:4', 'x.ts:5', 'x.ts:6']);
  });

  it("the failure-text check finds an English finding pushed onto a check's list, and passes a diagnosis", () => {
    const src = [
      "errors.push('issuer certificate hash does not match');",
      'problems.push(`AUC ${hex(auc)} allows ${name}`);',
      "errors.push(dx('rsa.header', { v: '6B' }));",
      'function aflProblems() { const found = []; found.push(`entry ${i} is malformed`); return found; }',
      "lines.push('a line of the log');",
      "throw new AtrError('ATR ends before TD1');",
      "function domesticOnlyProblems() { return ['the card has no usage control']; }",
      "failures.push(cond ? dx('auc.atms') : 'terminals other than ATMs');",
    ].join('\n');
    expect(failureTextsOf('src/pboc/x.ts', src).map((f) => f.at)).toEqual([
      'src/pboc/x.ts:1',
      'src/pboc/x.ts:2',
      'src/pboc/x.ts:4',
      'src/pboc/x.ts:6',
      'src/pboc/x.ts:7',
      'src/pboc/x.ts:8',
    ]);
    // The profile's own checks speak of sscc's input, in English (the CLI's messages).
    expect(failureTextsOf('src/profile/x.ts', "problems.push('ics.oda: CDA is declared without DDA');")).toEqual([]);
  });

  it('the check fails on a new scenario or step definition without Chinese', () => {
    const now = untranslated(ROOT, { ids: [...scenarios.map((s) => s.id), 'NEW-001'], patterns: [...patterns, 'a new step {int}'] });
    expect({ titles: now.titles, steps: now.steps }).toEqual({
      titles: ['NEW-001'],
      steps: [...listed.steps, 'a new step {int}'].sort(),
    });
  });

  it('each title keeps every number, code and status word of the English and no English word', () => {
    for (const s of scenarios) {
      const zh = titleZh(s.id) ?? '';
      const kept = new Set(zh.match(/[A-Za-z0-9]+/g) ?? []);
      expect(
        digitWords(s.name).filter((w) => !kept.has(w)),
        `${s.id}: ${s.name} | ${zh}`,
      ).toEqual([]);
      expect(titleLatinWords(zh), `${s.id}: ${zh}`).toEqual([]);
    }
  });

  it('every feature file has its Chinese name (the heading of its cases), held to the same checks', () => {
    const files = new Map(scenarios.map((s) => [s.uri, s.feature]));
    expect([...files.keys()].filter((uri) => featureZh(uri) === undefined)).toEqual([]);
    expect(Object.keys(featureCatalogue()).filter((uri) => !files.has(uri))).toEqual([]);
    for (const [uri, name] of files) {
      const zh = featureZh(uri) ?? '';
      expect(zh, uri).toMatch(CJK);
      const kept = new Set(zh.match(/[A-Za-z0-9]+/g) ?? []);
      expect(
        digitWords(name).filter((w) => !kept.has(w)),
        `${uri}: ${name} | ${zh}`,
      ).toEqual([]);
      expect(titleLatinWords(zh), `${uri}: ${zh}`).toEqual([]);
    }
  });

  it('the report labels every area, ICS item and word value of an ICS item in both languages', () => {
    const labels = reportCatalogues();
    const schema = JSON.parse(readFileSync(new URL('../../profiles/profile.schema.json', import.meta.url), 'utf8')) as {
      properties: { ics: { properties: Record<string, { enum?: string[]; items?: { enum?: string[] } }> } };
    };
    const keys = [...new Set(scenarios.map((s) => `area.${s.area}`))];
    for (const [item, field] of Object.entries(schema.properties.ics.properties)) {
      keys.push(`ics.${item}`);
      // A value that is a word (none, single, offline …) is translated; codes (2.0, T=1, 3DES, SDA) are not.
      for (const v of field.enum ?? field.items?.enum ?? []) if (/^[a-z]/.test(v)) keys.push(`ics.${item}.${v}`);
    }
    for (const lang of ['zh-CN', 'en'] as const)
      expect(
        keys.filter((k) => !Object.hasOwn(labels[lang], k)),
        lang,
      ).toEqual([]);
    for (const k of keys) expect(labels['zh-CN'][k], k).toMatch(CJK);
  });

  it('the title checks fail on an English word, a lost status word, and pass names, codes, commands and hex', () => {
    expect(titleLatinWords('卡片 answers 6A82 when the file is missing')).toEqual(['answers', 'when', 'the', 'file', 'is', 'missing']);
    expect(titleLatinWords('P1 为 01 的 EXTERNAL AUTHENTICATE 应答 6A86, 用 RK SSSE 后应答 63Cx')).toEqual([]);
    expect(titleLatinWords('iReadCardBas 读取 EF05, PIN CHANGE/UNBLOCK 后 GENERATE AC 返回 ARQC')).toEqual([]);
    expect(titleLatinWords('SELECT the SSSE')).toEqual(['the']);
    expect(titleLatinWords('DEBITED 余额')).toEqual(['DEBITED']); // a command name counts as a whole word only
    const kept = new Set('P2 为 00 的 APPLICATION BLOCK 应答 6A80'.match(/[A-Za-z0-9]+/g));
    expect(digitWords('APPLICATION BLOCK with P2 00 answers 6A86').filter((w) => !kept.has(w))).toEqual(['6A86']);
  });

  it('each translation is Chinese, names a known scenario or step, and keeps every parameter', () => {
    const ids = new Set(scenarios.map((s) => s.id));
    for (const [id, zh] of Object.entries(scenarioCatalogue())) {
      expect(ids.has(id), id).toBe(true);
      expect(zh, id).toMatch(CJK);
    }
    const known = new Set(patterns);
    for (const [pattern, zh] of Object.entries(stepCatalogue())) {
      expect(known.has(pattern), pattern).toBe(true);
      expect(zh, pattern).toMatch(CJK);
      const n = parameterCount(pattern);
      expect([...new Set(placeholders(zh))].sort(), pattern).toEqual([...Array(n).keys()]);
      expect(placeholders(zh).length, pattern).toBe(n);
    }
  });

  it('every step definition has its Chinese: no allow-list', () => {
    expect(untranslated(ROOT).steps).toEqual([]);
    expect(listed.steps).toEqual([]);
  });

  it('every step of every feature renders in Chinese, with no Latin word but names, codes and hex', () => {
    const rendered = featureStepsZh(ROOT);
    expect(rendered.length).toBeGreaterThan(1000);
    expect(rendered.filter((s) => s.zh === undefined).map((s) => `${s.uri}: ${s.text}`)).toEqual([]);
    expect(rendered.filter((s) => s.latin.length).map((s) => `${s.zh} [${s.latin.join(', ')}]`)).toEqual([]);
  });

  it('every hook of steps/ has its Chinese name', () => {
    const names = [
      ...readdirSync(join(ROOT, 'steps')).flatMap((f) =>
        [...readFileSync(join(ROOT, 'steps', f), 'utf8').matchAll(/(?:Before|After|BeforeAll|AfterAll)\(\{[^}]*name: '([^']+)'/g)].map((m) => m[1] as string),
      ),
    ];
    expect(names.length).toBeGreaterThan(2);
    for (const n of names) {
      const zh = stepZh({ text: `hook: ${n}` }) ?? '';
      expect(zh, n).toMatch(/^钩子: .*[\u4e00-\u9fff]/);
      expect(latinWords(zh), n).toEqual([]);
    }
  });

  it('the Latin-word check passes names, codes and hex and catches English words', () => {
    expect(latinWords('终端发送 SELECT, 9F36, 61xx, 63Cx, UK1, T=0, iReadCardBas, 2PAY.SYS.DDF01, 「tm-expired」, Le')).toEqual([]);
    expect(latinWords('终端读取 record, Failed 的 the "card"')).toEqual(['record', 'Failed', 'the', 'card']);
  });

  it('renders choices, optional parts and TVR bit names', () => {
    const saw = '^the card saw (VERIFY|INTERNAL AUTHENTICATE|EXTERNAL AUTHENTICATE)(?: answered ([0-9A-F]{4}))?$';
    expect(stepZh({ text: 'Then the card saw VERIFY answered 9000', pattern: saw, args: ['VERIFY', '9000'] })).toBe('那么 卡收到 VERIFY, 应答 9000');
    expect(stepZh({ text: 'Then the card saw VERIFY', pattern: saw, args: ['VERIFY', ''] })).toBe('那么 卡收到 VERIFY');
    const tvr = '^the TVR bit "([^"]+)" is (set|clear)( in the second GENERATE AC)?$';
    expect(stepZh({ text: 'Then the TVR bit "DDA failed" is set', pattern: tvr, args: ['DDA failed', 'set', ''] })).toBe('那么 TVR 位 “DDA 失败” 置位');
    expect(stepZh({ text: 'Then …', pattern: tvr, args: ['new card', 'clear', ' in the second GENERATE AC'] })).toBe(
      '那么 第二次 GENERATE AC 中的 TVR 位 “新卡” 未置位',
    );
    expect(stepZh({ text: 'When …', pattern: 'the terminal authenticates with the {mkey} master key', args: ['card'] })).toBe(
      '当 终端用卡主控密钥进行外部认证',
    );
    expect(stepZh({ text: 'When …', pattern: 'the terminal authenticates with the {mkey} master key', args: ['SSSE'] })).toBe(
      '当 终端用SSSE主控密钥进行外部认证',
    );
    expect(stepZh({ text: 'Given …', pattern: 'the test card {string} is in the card slot', args: ['"tm-expired"'] })).toBe(
      '假设 测试卡「tm-expired」已插入卡槽',
    );
  });

  it('renders a step with its values, keyword and parameter words in Chinese', () => {
    expect(
      stepZh({ text: 'When the terminal reads 8 bytes at offset 16', pattern: 'the terminal reads {int} byte(s) at offset {int}', args: ['8', '16'] }),
    ).toBe('当 终端从偏移量 16 读取 8 字节');
    expect(stepZh({ text: 'Given the transparent EF is selected', pattern: 'the {ef} is selected', args: ['transparent EF'] })).toBe('假设 已选择透明文件');
    expect(stepZh({ text: 'Then a step nobody translated', pattern: 'a step nobody translated', args: [] })).toBeUndefined();
  });
});
