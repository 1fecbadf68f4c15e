/**
 * Every scenario title and step text in both languages (issue 20 item 3): English is the Gherkin, the
 * Chinese comes from reports/i18n/{scenarios,steps}.zh-CN.json. The texts not yet translated are listed,
 * one by one, in reports/i18n/untranslated.json; this test fails on any text missing from both the
 * catalogue and that list (a new scenario or step definition comes with its Chinese), on a listed text
 * that has been translated (the list only shrinks: `npm run i18n:untranslated` rewrites it), and on a
 * translation that is not Chinese or loses a parameter.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { featureFiles, readScenarios } from '../plan/scenarios.ts';
import { ROOT } from '../run/test-support.ts';
import { parameterCount, scenarioCatalogue, stepCatalogue, stepPatterns, stepZh, titleZh } from './i18n.ts';
import { untranslated } from './i18n-untranslated.ts';

const listed = JSON.parse(readFileSync(new URL('../../reports/i18n/untranslated.json', import.meta.url), 'utf8')) as { titles: string[]; steps: string[] };
const CJK = /[\u4e00-\u9fff]/;

describe('the suite in both languages', () => {
  const scenarios = readScenarios(ROOT, featureFiles(ROOT)).scenarios;
  const patterns = stepPatterns(ROOT);

  it('every scenario title and step text has its Chinese, or is listed as not yet translated', () => {
    const now = untranslated(ROOT);
    expect(now.titles.length + now.steps.length).toBeGreaterThan(0); // the list is real work left, see the README
    expect(now).toEqual(listed);
  });

  it('the check fails on a new scenario or step definition without Chinese', () => {
    const missing = scenarios.filter((s) => titleZh(s.id) === undefined).map((s) => s.id);
    expect(missing.filter((id) => !listed.titles.includes(id))).toEqual([]);
    expect(untranslated(ROOT, { ids: [...scenarios.map((s) => s.id), 'NEW-001'], patterns: [...patterns, 'a new step {int}'] })).toEqual({
      titles: [...listed.titles, 'NEW-001'].sort(),
      steps: [...listed.steps, 'a new step {int}'].sort(),
    });
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
      for (let i = 0; i < n; i++) expect(zh, pattern).toContain(`{${i}}`);
      expect(zh.match(/\{\d+\}/g)?.length ?? 0, pattern).toBe(n);
    }
  });

  it('renders a step with its values, keyword and parameter words in Chinese', () => {
    expect(
      stepZh({ text: 'When the terminal reads 8 bytes at offset 16', pattern: 'the terminal reads {int} byte(s) at offset {int}', args: ['8', '16'] }),
    ).toBe('当 终端从偏移量 16 读取 8 字节');
    expect(stepZh({ text: 'Given the transparent EF is selected', pattern: 'the {ef} is selected', args: ['transparent EF'] })).toBe('假设 已选择透明文件');
    expect(stepZh({ text: 'Then a step nobody translated', pattern: 'a step nobody translated', args: [] })).toBeUndefined();
  });
});
