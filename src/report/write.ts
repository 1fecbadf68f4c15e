/** Write report.json, report.html (handlebars, zh-CN and English) and junit.xml into a run folder. */
import { type CardState, describeState } from '../run/preflight.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';
import type HandlebarsApi from 'handlebars';
import runtime from 'handlebars/runtime.js';
import { derived } from '../cache/derived.ts';

/** Handlebars without its compiler (runtime.d.ts declares nothing: the types are the whole package's). */
const Handlebars = runtime as unknown as typeof HandlebarsApi;
import { type Report, type ReportCase, summarise } from './build.ts';
import { type Certificate, type Message, formatInZone, neverApplies, zoneOffset } from './certificate.ts';
import { readTrace } from './elements.ts';
import { featureZh, stepZh, titleZh } from './i18n.ts';
import { MESSAGES, isDiagnosis, renderDiagnosis } from '../verdict/messages.ts';
import type { Verdict } from './model.ts';
import { seal } from './integrity.ts';
import { reportProblems } from './schema.ts';
import { xmlAttr as xml, xmlText } from './escape.ts';

const REPORTS_DIR = new URL('../../reports/', import.meta.url);
export type Lang = 'zh-CN' | 'en';
const VERDICTS: Verdict[] = ['PASS', 'FAIL', 'NOT_APPLICABLE', 'INCONCLUSIVE', 'ERROR'];

/** Seal the report (digest, see integrity.ts), check it against the schema, and write the three files. */
export function writeReports(outDir: string, unsealed: Report, lang: Lang = 'zh-CN', signing?: SigningInfo, linkFrom?: string): string[] {
  const report = seal(unsealed);
  const problems = reportProblems(report);
  if (problems.length) throw new Error(`the report does not match reports/report.schema.json (a defect of sscc): ${problems.join('; ')}`);
  const files = [join(outDir, 'report.json'), join(outDir, 'report.html'), join(outDir, 'junit.xml')];
  writeFileSync(files[0] as string, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(files[1] as string, renderHtml(report, lang, signing, linkFrom ?? outDir));
  writeFileSync(files[2] as string, renderJunit(report));
  return files;
}

/** The compiled template per language, made once per process (the fuzzer renders thousands). */
const templates = new Map<Lang, HandlebarsTemplateDelegate>();
type Catalogue = Record<string, string>;
let catalogues: Record<Lang, Catalogue> | undefined;
/** reports/i18n/{zh-CN,en}.json: every label and message of the report in both languages. */
export function reportCatalogues(): Record<Lang, Catalogue> {
  const load = (l: Lang) => JSON.parse(readFileSync(new URL(`i18n/${l}.json`, REPORTS_DIR), 'utf8')) as Catalogue;
  catalogues ??= { 'zh-CN': load('zh-CN'), en: load('en') };
  return catalogues;
}

/** A message of the catalogue with its parameters put in ({name}); an unknown id renders as itself. */
export function formatMessage(lang: Lang, m: Message): string {
  const template = reportCatalogues()[lang][m.id] ?? m.id;
  // {name} is the parameter as it is; {name$} a catalogue id given as the parameter, in the same language.
  return template.replace(/\{(\w+)(\$?)\}/g, (all, k: string, id: string) => {
    if (!m.params || !Object.hasOwn(m.params, k)) return all;
    const v = String(m.params[k]);
    return id ? (reportCatalogues()[lang][v] ?? v) : v;
  });
}

/** The data elements of a command or response: tag, name in both languages, format, value, decoded bits. */
const ELEMENTS_PARTIAL =
  '{{#if this.length}}<table class="elements">{{#each this}}<tr><td style="padding-left:{{this.indent}}rem"><code>{{this.tag}}</code></td><td>{{#if this.name}}<span data-lang="zh-CN">{{this.name.zh}}</span><span data-lang="en">{{this.name.en}}</span>{{else}}<span class="unnamed muted">?</span>{{/if}}{{#if this.format}} <span class="muted">({{this.format}})</span>{{/if}}</td><td class="hex">{{#if this.value}}{{hex this.value}}{{/if}}{{#if this.bits.length}}<ul class="bits">{{#each this.bits}}<li><span data-lang="zh-CN">{{this.zh}}</span><span data-lang="en">{{this.en}}</span></li>{{/each}}</ul>{{/if}}</td></tr>{{/each}}</table>{{/if}}';

/**
 * A template of the report, run by Handlebars' runtime: precompiled once per template text and Handlebars
 * version (src/cache/derived.ts), the compiler loaded only then (a cold compile cost about 0.25 CPU-s a
 * process). The spec is JavaScript that Handlebars' own compiler wrote from our template.
 */
function precompiled(hb: typeof Handlebars, text: string): HandlebarsTemplateDelegate {
  const spec = derived('handlebars', hb.VERSION, [text], () => {
    const compiler = createRequire(import.meta.url)('handlebars') as { precompile(t: string): string };
    return compiler.precompile(text);
  });
  // The spec is Handlebars' own output for our template; Handlebars.compile evaluates its code the same way.
  return hb.template(new Function(`return ${spec}`)());
}

function templateFor(lang: Lang): HandlebarsTemplateDelegate {
  const known = templates.get(lang);
  if (known) return known;
  const strings = reportCatalogues();
  const hb = Handlebars.create();
  // Every label in both languages; the page shows the one of its body class (--lang, or the switch).
  hb.registerHelper('t', (key: string) => {
    const both = (['zh-CN', 'en'] as const).map((l) => `<span data-lang="${l}">${hb.escapeExpression(strings[l][key] ?? key)}</span>`);
    return new hb.SafeString(both.join(''));
  });
  hb.registerHelper('tl', (key: string) => strings[lang][key] ?? key);
  // A message id with parameters, in both languages (parameters are data: escaped).
  hb.registerHelper('m', (m: Message) => {
    const both = (['zh-CN', 'en'] as const).map((l) => `<span data-lang="${l}">${hb.escapeExpression(formatMessage(l, m))}</span>`);
    return new hb.SafeString(both.join(''));
  });
  // A text of the suite: English from the Gherkin, Chinese from the catalogue (src/report/i18n.ts); a missing
  // translation shows the English, marked untranslated (i18n.test.ts keeps the list of those).
  const bilingual = (en: string, zh: string | undefined) => {
    const e = hb.escapeExpression(en);
    return new hb.SafeString(
      `<span data-lang="zh-CN"${zh ? '' : ' class="untranslated"'}>${zh ? hb.escapeExpression(zh) : e}</span><span data-lang="en">${e}</span>`,
    );
  };
  hb.registerHelper('bi', (en: string, zh: string | undefined) => bilingual(en, zh));
  // A diagnosis: the English as the run wrote it, the Chinese from its message id (src/verdict/messages.ts);
  // a reason without one shows the English, marked untranslated.
  hb.registerHelper('dx', (en: string, d: unknown) => bilingual(en, isDiagnosis(d) && Object.hasOwn(MESSAGES, d.id) ? renderDiagnosis(d, 'zh-CN') : undefined));
  hb.registerHelper('msg', (id: string, params: Record<string, string | number>) => ({ id, params }));
  hb.registerHelper('concat', (...parts: unknown[]) => parts.slice(0, -1).map(String).join(''));
  // Hex wrapped at byte boundaries only: each byte (pair of digits) unbreakable, a space between bytes.
  hb.registerHelper('hex', (h: unknown) => {
    if (typeof h !== 'string' || !h) return '';
    const compact = h.replace(/\s+/g, '');
    if (!/^([0-9A-Fa-f]{2})+$/.test(compact)) return h;
    return new hb.SafeString(
      compact
        .match(/../g)!
        .map((b) => `<span class="b">${b}</span>`)
        .join(' '),
    );
  });
  // The card's state before and after the run (src/run/preflight.ts), in one line.
  hb.registerHelper('cardState', (state: CardState | undefined) => (state ? bilingual(describeState(state, 'en'), describeState(state, 'zh-CN')) : '—'));
  // A text that is a diagnosis (the pre-flight checks) in both languages; a plain text (an older report.json) as it is.
  hb.registerHelper('dxText', (d: unknown) =>
    isDiagnosis(d)
      ? bilingual(renderDiagnosis(d, 'en'), Object.hasOwn(MESSAGES, d.id) ? renderDiagnosis(d, 'zh-CN') : undefined)
      : bilingual(String(d), undefined),
  );
  hb.registerHelper('isBad', (v: Verdict) => v === 'FAIL' || v === 'ERROR' || v === 'INCONCLUSIVE');
  hb.registerPartial('elements', precompiled(hb, ELEMENTS_PARTIAL));
  const template = precompiled(hb, readFileSync(new URL('report.html.hbs', REPORTS_DIR), 'utf8'));
  templates.set(lang, template);
  return template;
}

/** What the HTML shows of a signature: known before the signature value is (sscc sign renders the page, then signs its hash). */
export interface SigningInfo {
  signer: string;
  at: string;
  keyId: string;
}

/** The certificate of a report written before it was part of the report (an old report.json). */
function certificateFor(report: Report): Certificate {
  return (
    report.certificate ?? {
      reportId: `SSCC-${report.profile.sha256.slice(0, 8).toUpperCase()}`,
      samples: [],
      timeZone: 'UTC',
      dates: {
        testStart: report.environment.startedAt,
        ...(report.environment.finishedAt ? { testEnd: report.environment.finishedAt } : {}),
        issued: report.environment.finishedAt ?? report.environment.startedAt,
      },
      method: {
        tool: `sscc ${report.environment.tool.version}`,
        specs: [],
        suiteSha256: '0'.repeat(64),
        featureFiles: report.plan.features.length,
        scenarios: report.cases.length,
      },
      conclusion: { kind: report.product.kind, result: 'none', reasons: [] },
      deviations: [],
      neverApplicable: 0,
    }
  );
}

const ICS_ORDER = [
  'sscardVersion',
  'protocols',
  'algorithms',
  'oda',
  'pboc',
  'pbocAlgorithmSets',
  'electronicCash',
  'contactless',
  'logicalChannels',
  'cardManagement',
  'medical',
];

export function renderHtml(report: Report, lang: Lang, signing?: SigningInfo, outDir?: string): string {
  const template = templateFor(lang);
  const c = certificateFor(report);
  const kind = report.product.kind;
  const shown = report.cases.filter((x) => !neverApplies(x.tags, kind));
  const counts = summarise(shown);
  const byVerdict: Record<Verdict, number> = {
    PASS: counts.pass,
    FAIL: counts.fail,
    NOT_APPLICABLE: counts.notApplicable,
    INCONCLUSIVE: counts.inconclusive,
    ERROR: counts.error,
  };
  const total = Math.max(1, counts.total);
  const zone = c.timeZone;
  const when = (iso: string | undefined) => (iso ? formatInZone(iso, zone) : undefined);
  // Cases by spec area, then feature file; NOT APPLICABLE ones in a short table per feature.
  const areas: Array<{
    area: string;
    features: Array<{ feature: string; featureZh?: string; cases: unknown[]; notApplicable: Array<ReportCase & { titleZh?: string }> }>;
  }> = [];
  for (const x of shown) {
    let a = areas.find((y) => y.area === x.area);
    if (!a) areas.push((a = { area: x.area, features: [] }));
    let f = a.features.find((y) => y.feature === x.feature);
    if (!f) a.features.push((f = { feature: x.feature, featureZh: featureZh(x.uri), cases: [], notApplicable: [] }));
    if (x.verdict === 'NOT_APPLICABLE') f.notApplicable.push({ ...x, titleZh: titleZh(x.id) });
    else {
      const traced = readTrace(x.apdus);
      f.cases.push({
        ...x,
        titleZh: titleZh(x.id),
        failedStepZh: x.failedStep ? stepZh(x.steps.find((st) => st.text === x.failedStep) ?? { text: x.failedStep }) : undefined,
        steps: x.steps.map((st, i) => ({ ...st, textZh: stepZh(st), apdus: traced.filter((ap) => ap.step === i) })),
      });
    }
  }
  const pageLabel = lang === 'zh-CN' ? '"第 " counter(page) " 页 共 " counter(pages) " 页"' : '"page " counter(page) " of " counter(pages)';
  return template({
    report,
    lang,
    c,
    counts,
    pageLabel,
    signing,
    // A rerun links the report of the run it reran (relative to this report's folder).
    rerunLink: report.certificate?.rerunOf && outDir ? relative(outDir, join(report.certificate.rerunOf, 'report.html')).split(sep).join('/') : undefined,
    kindParams: { kind: `kind.${kind}` },
    neverParams: { n: c.neverApplicable, kind: `kind.${kind}` },
    gapParams: { n: report.gaps.length },
    dates: {
      received: c.dates.received,
      testStart: when(c.dates.testStart),
      testEnd: when(c.dates.testEnd),
      issued: when(c.dates.issued),
      offset: zoneOffset(c.dates.testStart, zone),
    },
    findings: shown
      .filter((x) => x.verdict === 'FAIL' || x.verdict === 'INCONCLUSIVE' || x.verdict === 'ERROR')
      .map((x) => ({
        ...x,
        titleZh: titleZh(x.id),
        failedStepZh: x.failedStep ? stepZh(x.steps.find((st) => st.text === x.failedStep) ?? { text: x.failedStep }) : undefined,
      })),
    areas,
    verdicts: VERDICTS,
    bars: VERDICTS.map((v) => ({ verdict: v, count: byVerdict[v], percent: ((100 * byVerdict[v]) / total).toFixed(2) })),
    icsRows: Object.entries(report.ics)
      .sort(([a], [b]) => ICS_ORDER.indexOf(a) - ICS_ORDER.indexOf(b))
      .map(([key, value]) => {
        // Yes/no and the words of an ICS item (ics.medical.offline …) are labels; codes (3DES, T=1, 2.0) stay as they are.
        const word = typeof value === 'string' && Object.hasOwn(reportCatalogues().en, `ics.${key}.${value}`) ? `ics.${key}.${value}` : undefined;
        if (typeof value === 'boolean') return { label: `ics.${key}`, word: true, value: `value.${value}` };
        return { label: `ics.${key}`, word: word !== undefined, value: word ?? (Array.isArray(value) ? value.join(', ') : String(value)) };
      }),
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
        else if (c.verdict === 'NOT_APPLICABLE' || c.verdict === 'INCONCLUSIVE')
          inner = `\n      <skipped message="${xml(`${c.verdict}: ${c.reason}`)}"/>\n    `;
        return `${head}${inner}</testcase>`;
      })
      .join('\n');
    const n = (v: Verdict) => cases.filter((c) => c.verdict === v).length;
    return `  <testsuite name="${xml(area)}" tests="${cases.length}" failures="${n('FAIL')}" errors="${n('ERROR')}" skipped="${n('NOT_APPLICABLE') + n('INCONCLUSIVE')}">\n${body}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="sscc">\n${suites.join('\n')}\n</testsuites>\n`;
}
