/**
 * What ISO/IEC 17025:2017 §7.8.2.1 asks of a test report, beyond the results: the report's identity,
 * the lab, the client, the method, the items tested, the dates in the lab's time zone, the conclusion
 * per product kind and the deviations from the method (issue 20 item 1). Texts are message ids with
 * parameters (reports/i18n/*.json), rendered in either language.
 */
import { createHash } from 'node:crypto';
import type { Plan } from '../plan/plan.ts';
import type { Environment } from '../run/environment.ts';
import type { Lab, Order, Sample } from '../profile/profile.ts';
import type { Verdict } from './model.ts';

/** A text in both languages: an id of reports/i18n/{zh-CN,en}.json and its parameters. */
export interface Message {
  id: string;
  params?: Record<string, string | number>;
}

export type Conclusion = 'conforming' | 'not-conforming' | 'none';

export interface Certificate {
  reportId: string;
  lab?: Lab;
  client?: Order['client'];
  order?: Omit<Order, 'client'>;
  /** The items tested: the profile's samples, or the product's serial with the ATR read. */
  samples: Sample[];
  /** IANA time zone in which the report states its dates (lab.timeZone, or UTC). */
  timeZone: string;
  dates: { received?: string; testStart: string; testEnd?: string; issued: string };
  method: { tool: string; commit?: string; specs: string[]; suiteSha256: string; featureFiles: number; scenarios: number };
  /** The overall conclusion for the product kind under test, and why (the ids of the cases that decide it). */
  conclusion: { kind: string; result: Conclusion; reasons: Message[] };
  deviations: Message[];
  /** The run folder whose FAIL and INCONCLUSIVE cases this run reran (run --rerun-failed). */
  rerunOf?: string;
  /** Scenarios that can never apply to this kind of product (terminal scenarios on a card, card scenarios on a terminal): counted, not listed. */
  neverApplicable: number;
}

/** A scenario that tests a terminal (features/terminal, tagged @terminal:…), never a card, and the reverse. */
export function neverApplies(tags: readonly string[], productKind: string): boolean {
  const forTerminal = tags.some((t) => t.startsWith('@terminal:'));
  return productKind === 'terminal' ? !forTerminal : forTerminal;
}

/** SHA-256 over the feature files' own hashes, in path order: which suite ran. */
export function suiteHash(features: Plan['features']): string {
  const lines = [...features].sort((a, b) => (a.uri < b.uri ? -1 : 1)).map((f) => `${f.sha256}  ${f.uri}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex');
}

function specsOf(plan: Plan): string[] {
  const ics = plan.profile.data.ics;
  const out = ['ISO/IEC 7816-3', 'ISO/IEC 7816-4'];
  if (ics.sscardVersion) out.push(`社会保障卡规范 V${ics.sscardVersion} (LD/T 32)`);
  if (ics.pboc && ics.pboc !== 'none') out.push(`JR/T 0025-2013 (PBOC ${ics.pboc})`);
  if (plan.profile.data.product.kind === 'terminal' && !out.some((s) => s.startsWith('JR/T'))) out.push('JR/T 0025-2013');
  return out;
}

/** YYYYMMDD-HHMMSS of an instant in a time zone. */
function compactTime(iso: string, timeZone: string): string {
  const d = formatInZone(iso, timeZone);
  return d.replace(/[-:]/g, '').replace(' ', '-').slice(0, 15);
}

/** "2026-12-01 21:20:51" of an ISO instant in an IANA time zone (en-CA gives ISO-like dates). */
export function formatInZone(iso: string, timeZone: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(t);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** "UTC+08:00" of a time zone at an instant. */
export function zoneOffset(iso: string, timeZone: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? '';
  return name === 'GMT' ? 'UTC+00:00' : name.replace('GMT', 'UTC');
}

/** Whether Intl knows the IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface CaseLike {
  id: string;
  verdict: Verdict;
  tags: string[];
  reason: string;
}

/** Never more than this many case ids in one message: the findings list has them all. */
const IDS = 12;
const ids = (cs: CaseLike[]) =>
  cs
    .slice(0, IDS)
    .map((c) => c.id)
    .join(', ') + (cs.length > IDS ? ` (+${cs.length - IDS})` : '');

export function certificateOf(plan: Plan, environment: Environment, cases: CaseLike[], partial: string | undefined, now = new Date()): Certificate {
  const data = plan.profile.data;
  const timeZone = data.lab?.timeZone && isTimeZone(data.lab.timeZone) ? data.lab.timeZone : 'UTC';
  const kind = data.product.kind;
  const never = cases.filter((c) => neverApplies(c.tags, kind));
  const applicable = cases.filter((c) => !neverApplies(c.tags, kind));
  const by = (v: Verdict) => applicable.filter((c) => c.verdict === v);
  const deviations: Message[] = [];
  if (plan.tags) deviations.push({ id: 'dev.tags', params: { tags: plan.tags } });
  if (plan.areas?.length) deviations.push({ id: 'dev.areas', params: { areas: plan.areas.join(', ') } });
  if (plan.rerunOf) deviations.push({ id: 'dev.rerun', params: { from: plan.rerunOf } });
  const destructive = by('NOT_APPLICABLE').filter((c) => c.reason.includes('run.allowDestructive'));
  if (destructive.length) deviations.push({ id: 'dev.destructive', params: { n: destructive.length } });
  if (data.run?.preflight === false) deviations.push({ id: 'dev.preflight' });
  if (data.target.kind === 'sim' && data.target.defects?.length) deviations.push({ id: 'dev.defects', params: { defects: data.target.defects.join(', ') } });
  if (partial) deviations.push({ id: 'dev.partial', params: { what: partial } });

  // Any FAIL → not conforming; else any INCONCLUSIVE or ERROR, or a partial run → no conclusion, saying why.
  const reasons: Message[] = [];
  let result: Conclusion;
  if (by('FAIL').length) {
    result = 'not-conforming';
    reasons.push({ id: 'why.fail', params: { n: by('FAIL').length, ids: ids(by('FAIL')) } });
  } else {
    if (by('INCONCLUSIVE').length) reasons.push({ id: 'why.inconclusive', params: { n: by('INCONCLUSIVE').length, ids: ids(by('INCONCLUSIVE')) } });
    if (by('ERROR').length) reasons.push({ id: 'why.error', params: { n: by('ERROR').length, ids: ids(by('ERROR')) } });
    if (plan.tags || plan.areas?.length || plan.rerunOf || partial) reasons.push({ id: 'why.partial' });
    if (!by('PASS').length) reasons.push({ id: 'why.nothing' });
    result = reasons.length ? 'none' : 'conforming';
    if (result === 'conforming') reasons.push({ id: 'why.pass', params: { n: by('PASS').length, na: by('NOT_APPLICABLE').length } });
  }

  const samples: Sample[] = data.samples?.length
    ? data.samples
    : data.product.serial
      ? [{ serial: data.product.serial, ...(environment.target.atr ? { atr: environment.target.atr } : {}) }]
      : [];
  const { client, ...order } = data.order ?? { client: undefined };
  const reportId = data.order?.reportId ?? `SSCC-${compactTime(environment.startedAt, timeZone)}-${plan.profile.sha256.slice(0, 8).toUpperCase()}`;
  return {
    reportId,
    ...(data.lab ? { lab: data.lab } : {}),
    ...(client ? { client } : {}),
    ...(data.order ? { order } : {}),
    samples,
    timeZone,
    dates: {
      ...(data.order?.receivedAt ? { received: data.order.receivedAt } : {}),
      testStart: environment.startedAt,
      ...(environment.finishedAt ? { testEnd: environment.finishedAt } : {}),
      issued: now.toISOString(),
    },
    method: {
      tool: `sscc ${environment.tool.version}`,
      ...(environment.tool.commit ? { commit: environment.tool.commit } : {}),
      specs: specsOf(plan),
      suiteSha256: suiteHash(plan.features),
      featureFiles: plan.features.length,
      scenarios: plan.scenarios.length,
    },
    conclusion: { kind, result, reasons },
    deviations,
    ...(plan.rerunOf ? { rerunOf: plan.rerunOf } : {}),
    neverApplicable: never.length,
  };
}
