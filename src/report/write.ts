/** Write report.json, report.html (handlebars, zh-CN and English) and junit.xml into a run folder. */
import { type CardState, describeState } from '../run/preflight.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Report } from './build.ts';
import type { Verdict } from './model.ts';
import { seal } from './integrity.ts';
import { reportProblems } from './schema.ts';
import { xmlAttr as xml, xmlText } from './escape.ts';

const REPORTS_DIR = new URL('../../reports/', import.meta.url);
export type Lang = 'zh-CN' | 'en';
const VERDICTS: Verdict[] = ['PASS', 'FAIL', 'NOT_APPLICABLE', 'INCONCLUSIVE', 'ERROR'];

/** Seal the report (digest, see integrity.ts), check it against the schema, and write the three files. */
export function writeReports(outDir: string, unsealed: Report, lang: Lang = 'zh-CN'): string[] {
  const report = seal(unsealed);
  const problems = reportProblems(report);
  if (problems.length) throw new Error(`the report does not match reports/report.schema.json (a defect of sscc): ${problems.join('; ')}`);
  const files = [join(outDir, 'report.json'), join(outDir, 'report.html'), join(outDir, 'junit.xml')];
  writeFileSync(files[0] as string, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(files[1] as string, renderHtml(report, lang));
  writeFileSync(files[2] as string, renderJunit(report));
  return files;
}

/** The compiled template per language, made once per process (the fuzzer renders thousands). */
const templates = new Map<Lang, HandlebarsTemplateDelegate>();
function templateFor(lang: Lang): HandlebarsTemplateDelegate {
  const known = templates.get(lang);
  if (known) return known;
  const load = (l: Lang) => JSON.parse(readFileSync(new URL(`i18n/${l}.json`, REPORTS_DIR), 'utf8')) as Record<string, string>;
  const strings = { 'zh-CN': load('zh-CN'), en: load('en') };
  const hb = Handlebars.create();
  // Every label in both languages; the page shows the one of its body class (--lang, or the switch).
  hb.registerHelper('t', (key: string) => {
    const both = (['zh-CN', 'en'] as const).map((l) => `<span data-lang="${l}">${hb.escapeExpression(strings[l][key] ?? key)}</span>`);
    return new hb.SafeString(both.join(''));
  });
  hb.registerHelper('tl', (key: string) => strings[lang][key] ?? key);
  // The card's state before and after the run (src/run/preflight.ts), in one line.
  hb.registerHelper('cardState', (state: CardState | undefined) => (state ? describeState(state) : '—'));
  hb.registerHelper('isBad', (v: Verdict) => v === 'FAIL' || v === 'ERROR' || v === 'INCONCLUSIVE');
  const template = hb.compile(readFileSync(new URL('report.html.hbs', REPORTS_DIR), 'utf8'));
  templates.set(lang, template);
  return template;
}

export function renderHtml(report: Report, lang: Lang): string {
  const template = templateFor(lang);
  const counts: Record<Verdict, number> = {
    PASS: report.summary.pass,
    FAIL: report.summary.fail,
    NOT_APPLICABLE: report.summary.notApplicable,
    INCONCLUSIVE: report.summary.inconclusive,
    ERROR: report.summary.error,
  };
  const total = Math.max(1, report.summary.total);
  return template({
    report,
    lang,
    verdicts: VERDICTS,
    bars: VERDICTS.map((v) => ({ verdict: v, count: counts[v], percent: ((100 * counts[v]) / total).toFixed(2) })),
    icsRows: Object.entries(report.ics).map(([key, value]) => ({ key, value: Array.isArray(value) ? value.join(', ') : String(value) })),
  });
}


export function renderJunit(report: Report): string {
  const byArea = new Map<string, Report['cases']>();
  for (const c of report.cases) byArea.set(c.area, [...(byArea.get(c.area) ?? []), c]);
  const suites = [...byArea.entries()].map(([area, cases]) => {
    const body = cases
      .map((c) => {
        const head = `    <testcase classname="${xml(`${area}.${c.feature}`)}" name="${xml(`${c.id} ${c.title}`)}" time="${(c.durationMs / 1000).toFixed(4)}">`;
        let inner = '';
        if (c.verdict === 'FAIL') inner = `\n      <failure message="${xml(c.reason)}">${xmlText(c.failedStep ?? '')}</failure>\n    `;
        else if (c.verdict === 'ERROR') inner = `\n      <error message="${xml(c.reason)}">${xmlText(c.failedStep ?? '')}</error>\n    `;
        else if (c.verdict === 'NOT_APPLICABLE' || c.verdict === 'INCONCLUSIVE') inner = `\n      <skipped message="${xml(`${c.verdict}: ${c.reason}`)}"/>\n    `;
        return `${head}${inner}</testcase>`;
      })
      .join('\n');
    const n = (v: Verdict) => cases.filter((c) => c.verdict === v).length;
    return `  <testsuite name="${xml(area)}" tests="${cases.length}" failures="${n('FAIL')}" errors="${n('ERROR')}" skipped="${n('NOT_APPLICABLE') + n('INCONCLUSIVE')}">\n${body}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="sscc">\n${suites.join('\n')}\n</testsuites>\n`;
}
