/**
 * report.json (schema sscc-report/1), built from the plan, the environment and the result model.
 * Every planned scenario appears: run cases with their verdict, cases never started INCONCLUSIVE.
 */
import type { Plan, PlannedScenario } from '../plan/plan.ts';
import type { Environment } from '../run/environment.ts';
import { type DecodedApdu, decodeTrace } from './decode.ts';
import type { CaseResult, RunModel, Verdict } from './model.ts';
import { type Diagnosis, dx } from '../verdict/messages.ts';
import type { Integrity, Signature } from './integrity.ts';
import { requirementCatalogue } from './requirements.ts';
import { type Masker, masker } from './mask.ts';
import { type Certificate, certificateOf } from './certificate.ts';
import { latinWords, loadSpecItems, specItemStatus } from '../plan/test-spec-items.ts';

export interface ReportCase {
  id: string;
  title: string;
  area: string;
  feature: string;
  uri: string;
  line: number;
  tags: string[];
  requirements: string[];
  verdict: Verdict;
  reason: string;
  /** The reason as a message id with parameters (src/verdict/messages.ts): the report renders it in either language. */
  diagnosis?: Diagnosis;
  failedStep?: string;
  durationMs: number;
  steps: Array<{ text: string; status: string; durationMs: number; error?: string; diagnosis?: Diagnosis; pattern?: string; args?: string[] }>;
  apdus: DecodedApdu[];
}

export interface Summary {
  total: number;
  pass: number;
  fail: number;
  notApplicable: number;
  inconclusive: number;
  error: number;
}

export interface Report {
  schema: 'sscc-report/1';
  product: Plan['profile']['data']['product'];
  ics: Plan['profile']['data']['ics'];
  profile: { file: string; sha256: string; testKeys: boolean };
  plan: { createdAt: string; features: Plan['features'] };
  environment: Environment;
  summary: Summary;
  /** Each requirement clause → its cases and verdicts; a clause of the catalogue with no case is a gap (cases: []). */
  coverage: Array<{ requirement: string; title?: string; titleZh?: string; cases: Array<{ id: string; verdict: Verdict }> }>;
  /** Clauses of reports/requirements.yaml that no planned scenario covers. */
  gaps: string[];
  /** The test specifications' own items (reports/test-spec-items.yaml) by spec, with their status in this run. */
  testSpecItems?: TestSpecAnnex[];
  cases: ReportCase[];
  /** The report does not hold the whole run: what happened (interrupted, damaged stream). */
  partial?: string;
  /** ISO/IEC 17025 §7.8.2.1: identity, lab, client, items, dates, method, conclusion, deviations. */
  certificate: Certificate;
  integrity?: Integrity;
  signature?: Signature;
}

/** One test specification's items in the coverage annex. */
export interface TestSpecAnnex {
  spec: string;
  title: string;
  titleZh?: string;
  items: Array<{
    item: string;
    itemZh?: string;
    /** covered: by scenarios of this run (their verdicts); not-run: by scenarios of the suite this run did not plan; not-covered: the reason. */
    status: 'covered' | 'not-run' | 'not-covered';
    patterns: string[];
    cases: Array<{ id: string; verdict: Verdict }>;
    reason?: string;
    reasonZh?: string;
    note?: string;
    noteZh?: string;
  }>;
}

/** The items of every test specification against this run's cases (src/plan/test-spec-items.ts). */
export function testSpecAnnex(cases: ReadonlyArray<{ id: string; verdict: Verdict }>): TestSpecAnnex[] {
  const items = loadSpecItems();
  const status = specItemStatus(
    items,
    cases.map((c) => c.id),
  );
  const out: TestSpecAnnex[] = [];
  // The Chinese text, or the text itself where it has no English words (a name, a code, Chinese already).
  const zh = (en: string | undefined, given: string | undefined) => given ?? (en !== undefined && latinWords(en).length === 0 ? en : undefined);
  const opt = <K extends string>(k: K, v: string | undefined) => (v === undefined ? {} : ({ [k]: v } as Record<K, string>));
  items.forEach((i, n) => {
    let spec = out.find((s) => s.spec === i.spec);
    if (!spec) out.push((spec = { spec: i.spec, title: i.title, ...opt('titleZh', zh(i.title, i.titleZh)), items: [] }));
    const found = new Set(status[n]?.scenarios ?? []);
    const patterns = i.covers ?? [];
    spec.items.push({
      item: i.item,
      ...opt('itemZh', zh(i.item, i.itemZh)),
      status: !patterns.length ? 'not-covered' : found.size ? 'covered' : 'not-run',
      patterns,
      cases: cases.filter((c) => found.has(c.id)).map((c) => ({ id: c.id, verdict: c.verdict })),
      ...opt('reason', i.notCovered),
      ...opt('reasonZh', zh(i.notCovered, i.notCoveredZh)),
      ...opt('note', i.note),
      ...opt('noteZh', zh(i.note, i.noteZh)),
    });
  });
  return out;
}

/**
 * `completed`: the run ended by itself (cucumber finished, no signal, a whole message stream): a planned
 * case that never started is then the tool's failure (ERROR, exit 3: a cucumber worker that could not
 * start, a scenario cucumber was not given), not a case the run was stopped before (INCONCLUSIVE).
 */
export function buildReport(plan: Plan, environment: Environment, model: RunModel, partial?: string, completed = false): Report {
  const byLocation = new Map<string, CaseResult>();
  for (const c of model.cases()) byLocation.set(`${c.uri}:${c.line}`, c);
  const showSecrets = plan.profile.data.keys?.testKeys === true;
  const mask = masker(plan.profile.data);
  const cases = plan.scenarios.map((s) => toCase(s, byLocation.get(`${s.uri}:${s.line}`), showSecrets, mask, completed && !partial));
  const env = mask.value(environment);
  return {
    schema: 'sscc-report/1',
    product: plan.profile.data.product,
    ics: plan.profile.data.ics,
    profile: { file: plan.profile.file, sha256: plan.profile.sha256, testKeys: showSecrets },
    plan: { createdAt: plan.createdAt, features: plan.features },
    environment: env,
    summary: summarise(cases),
    coverage: coverage(cases),
    gaps: coverage(cases)
      .filter((c) => c.cases.length === 0)
      .map((c) => c.requirement),
    testSpecItems: testSpecAnnex(cases),
    cases,
    ...(partial ? { partial } : {}),
    certificate: certificateOf(plan, env, cases, partial),
  };
}

function toCase(s: PlannedScenario, r: CaseResult | undefined, showSecrets: boolean, mask: Masker, completed: boolean): ReportCase {
  const base = { id: s.id, title: s.name, area: s.area, feature: s.feature, uri: s.uri, line: s.line, tags: s.tags, requirements: s.requirements };
  if (!r && completed) {
    return {
      ...base,
      verdict: 'ERROR',
      reason: 'not run: the run ended without starting this case (sscc failed)',
      diagnosis: dx('run.neverStarted'),
      durationMs: 0,
      steps: [],
      apdus: [],
    };
  }
  if (!r) {
    return {
      ...base,
      verdict: 'INCONCLUSIVE',
      reason: 'not run: the run stopped before this case started',
      diagnosis: dx('run.notStarted'),
      durationMs: 0,
      steps: [],
      apdus: [],
    };
  }
  return {
    ...base,
    verdict: r.verdict,
    reason: mask.text(r.reason),
    ...(r.diagnosis ? { diagnosis: mask.value(r.diagnosis) } : {}),
    ...(r.failedStep ? { failedStep: mask.text(r.failedStep) } : {}),
    durationMs: Math.round(r.durationMs * 1000) / 1000,
    steps: r.steps.map((st) => ({
      text: st.text,
      status: st.status,
      durationMs: Math.round(st.durationMs * 1000) / 1000,
      ...(st.error ? { error: mask.text(st.error) } : {}),
      ...(st.diagnosis ? { diagnosis: mask.value(st.diagnosis) } : {}),
      ...(st.pattern !== undefined ? { pattern: st.pattern, args: (st.args ?? []).map((a) => mask.text(a)) } : {}),
    })),
    // Each APDU keeps the index of the step that sent it (the HTML shows it under that step).
    apdus: r.steps.flatMap((st, i) => decodeTrace(st.apdus, showSecrets).map((a) => ({ ...a, step: i }))),
  };
}

export function summarise(cases: Array<{ verdict: Verdict }>): Summary {
  const count = (v: Verdict) => cases.filter((c) => c.verdict === v).length;
  return {
    total: cases.length,
    pass: count('PASS'),
    fail: count('FAIL'),
    notApplicable: count('NOT_APPLICABLE'),
    inconclusive: count('INCONCLUSIVE'),
    error: count('ERROR'),
  };
}

function coverage(cases: ReportCase[]): Report['coverage'] {
  const map = new Map<string, Array<{ id: string; verdict: Verdict }>>();
  const titles = new Map<string, { title?: string; titleZh?: string }>();
  for (const r of requirementCatalogue()) {
    map.set(r.requirement, []);
    if (r.title) titles.set(r.requirement, { title: r.title, ...(r.titleZh ? { titleZh: r.titleZh } : {}) });
  }
  for (const c of cases) for (const r of c.requirements) map.set(r, [...(map.get(r) ?? []), { id: c.id, verdict: c.verdict }]);
  return [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([requirement, cs]) => ({ requirement, ...titles.get(requirement), cases: cs }));
}

/** 0 no FAIL or ERROR; 1 some FAIL; 3 some ERROR (the tool failed). */
export function exitCodeOf(summary: Summary): number {
  if (summary.error > 0) return 3;
  if (summary.fail > 0) return 1;
  return 0;
}
