/** The scenario titles, step definitions and failure texts without Chinese (reports/i18n/untranslated.json; `npm run i18n:untranslated`). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CucumberExpression, ParameterType, ParameterTypeRegistry, RegularExpression } from '@cucumber/cucumber-expressions';
import { generateMessages } from '@cucumber/gherkin';
import { IdGenerator, SourceMediaType } from '@cucumber/messages';
import { featureFiles, readScenarios } from '../plan/scenarios.ts';
import { failureTexts } from './failure-texts.ts';
import { latinWords, stepCatalogue, stepPatterns, stepZh, titleZh } from './i18n.ts';

/** A failure text as the list names it: its file and text (no line, so that an edit elsewhere in the file leaves the list as it is). */
export type Untranslated = { titles: string[]; steps: string[]; failures: string[] };

export function untranslated(root: string, given?: { ids: string[]; patterns: string[] }): Untranslated {
  const ids = given?.ids ?? readScenarios(root, featureFiles(root)).scenarios.map((s) => s.id);
  const patterns = given?.patterns ?? stepPatterns(root);
  const catalogue = stepCatalogue();
  return {
    titles: [...new Set(ids.filter((id) => titleZh(id) === undefined))].sort(),
    steps: patterns.filter((p) => !Object.hasOwn(catalogue, p)).sort(),
    failures: failureTexts(root).map((f) => `${f.at.replace(/:\d+$/, '')}: ${f.text}`),
  };
}

/**
 * Every step of every feature file rendered in Chinese, as the report renders it: matched against the
 * step definitions (cucumber's expressions, with the parameter types of steps/*.ts read from their source).
 * `latin` lists the Latin words of the rendering that are not names, codes or hex (i18n.ts latinWords).
 */
export function featureStepsZh(root: string): Array<{ uri: string; text: string; pattern?: string; zh?: string; latin: string[] }> {
  const registry = new ParameterTypeRegistry();
  for (const f of readdirSync(join(root, 'steps')).filter((n) => n.endsWith('.ts'))) {
    const source = readFileSync(join(root, 'steps', f), 'utf8');
    for (const m of source.matchAll(/name:\s*'(\w+)',\s*regexp:\s*\/((?:\\.|[^/\n])+)\//g))
      registry.defineParameterType(new ParameterType(m[1] as string, new RegExp(m[2] as string), null, (s: string) => s, false, false));
  }
  const expressions = stepPatterns(root).map((p) => ({
    pattern: p,
    expression: p.startsWith('^') ? new RegularExpression(new RegExp(p), registry) : new CucumberExpression(p, registry),
  }));
  const out: Array<{ uri: string; text: string; pattern?: string; zh?: string; latin: string[] }> = [];
  for (const uri of featureFiles(root)) {
    const envelopes = generateMessages(readFileSync(join(root, uri), 'utf8'), uri, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN, {
      newId: IdGenerator.incrementing(),
      includePickles: true,
      includeGherkinDocument: false,
      includeSource: false,
    });
    for (const step of envelopes.flatMap((e) => e.pickle?.steps ?? [])) {
      const hits = expressions.map((x) => ({ x, args: x.expression.match(step.text) })).filter((h) => h.args !== null);
      const hit = hits.length === 1 ? hits[0] : undefined;
      if (!hit) {
        out.push({ uri, text: step.text, latin: [] });
        continue;
      }
      const zh = stepZh({ text: `Given ${step.text}`, pattern: hit.x.pattern, args: (hit.args ?? []).map((a) => a.group.value ?? '') });
      out.push({ uri, text: step.text, pattern: hit.x.pattern, ...(zh !== undefined ? { zh } : {}), latin: zh === undefined ? [] : latinWords(zh) });
    }
  }
  return out;
}
