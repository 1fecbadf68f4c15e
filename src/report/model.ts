/**
 * The one result model: cucumber messages (NDJSON) reduced to cases with verdicts. The runner's
 * progress, report.json, report.html and junit.xml are all built from it, also from a stream cut
 * off by a crash (cases not finished are INCONCLUSIVE).
 */
import type * as messages from '@cucumber/messages';
import { FAIL_TYPES, INCONCLUSIVE_TYPES } from '../verdict/errors.ts';
import { type Diagnosis, dx, isDiagnosis } from '../verdict/messages.ts';
import { type TraceEntry, parseTraceBody } from '../trace/trace.ts';
import { APDU_TRACE_MEDIA_TYPE, DIAGNOSIS_MEDIA_TYPE, NOT_APPLICABLE_MEDIA_TYPE } from './media-types.ts';

export type Verdict = 'PASS' | 'FAIL' | 'NOT_APPLICABLE' | 'INCONCLUSIVE' | 'ERROR';

export interface StepResult {
  /** "When the terminal sends …", or "Before hook". */
  text: string;
  status: string;
  durationMs: number;
  error?: string;
  errorType?: string;
  /** The error's message id and parameters (src/verdict/messages.ts), when it was made from one. */
  diagnosis?: Diagnosis;
  apdus: TraceEntry[];
  /** The step definition's expression and the values it matched: the key of the translation catalogue (reports/i18n/steps.zh-CN.json). */
  pattern?: string;
  args?: string[];
}

export interface CaseResult {
  pickleId: string;
  name: string;
  uri: string;
  line: number;
  tags: string[];
  verdict: Verdict;
  reason: string;
  /** The reason as a message id with parameters, to render in either language (absent: English only). */
  diagnosis?: Diagnosis;
  /** Text of the step that decided a FAIL, INCONCLUSIVE or ERROR. */
  failedStep?: string;
  steps: StepResult[];
  durationMs: number;
  finished: boolean;
}

interface StartedCase {
  testCaseId: string;
  steps: Map<string, StepResult>;
  notApplicable?: string;
  notApplicableDiagnosis?: Diagnosis;
  startNs: number;
  endNs?: number;
}

const KEYWORD: Record<string, string> = { Context: 'Given', Action: 'When', Outcome: 'Then' };
/** A duration or timestamp that is not { seconds, nanos } is a message of the wrong shape (rebuild names its line). */
function finite(n: number, what: string): number {
  if (!Number.isFinite(n)) throw new TypeError(`${what} is not { seconds, nanos } of numbers`);
  return n;
}
function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new TypeError(`${what} is not a string`);
  return v;
}
const ms = (d: messages.Duration) => finite(d.seconds * 1000 + d.nanos / 1e6, 'duration');
const ns = (t: messages.Timestamp) => finite(t.seconds * 1e9 + t.nanos, 'timestamp');

export class RunModel {
  readonly pickles = new Map<string, messages.Pickle>();
  private readonly testCases = new Map<string, messages.TestCase>();
  private readonly started = new Map<string, StartedCase>();
  private readonly order: string[] = [];
  private readonly hookNames = new Map<string, string>();
  private readonly patterns = new Map<string, string>();
  runStarted?: number;
  runFinished?: number;
  meta?: messages.Meta;

  /** Feed one envelope; returns the case when this envelope finished it. */
  accept(env: messages.Envelope): CaseResult | undefined {
    if (env.meta) this.meta = env.meta;
    if (env.pickle) {
      const p = env.pickle;
      str(p.name, 'pickle.name');
      str(p.uri, 'pickle.uri');
      if (!Array.isArray(p.steps) || !Array.isArray(p.tags)) throw new TypeError('pickle.steps and pickle.tags are not lists');
      for (const st of p.steps) str(st?.text, 'pickle step text');
      for (const t of p.tags) str(t?.name, 'pickle tag name');
      this.pickles.set(str(p.id, 'pickle.id'), p);
    }
    if (env.hook) this.hookNames.set(env.hook.id, env.hook.name ?? 'hook');
    if (env.stepDefinition && typeof env.stepDefinition.pattern?.source === 'string')
      this.patterns.set(env.stepDefinition.id, env.stepDefinition.pattern.source);
    if (env.testCase) {
      if (!Array.isArray(env.testCase.testSteps)) throw new TypeError('testCase.testSteps is not a list');
      this.testCases.set(str(env.testCase.id, 'testCase.id'), env.testCase);
    }
    if (env.testRunStarted) this.runStarted = ns(env.testRunStarted.timestamp) / 1e6;
    if (env.testRunFinished) this.runFinished = ns(env.testRunFinished.timestamp) / 1e6;
    if (env.testCaseStarted) {
      const s = env.testCaseStarted;
      this.started.set(str(s.id, 'testCaseStarted.id'), {
        testCaseId: str(s.testCaseId, 'testCaseStarted.testCaseId'),
        steps: new Map(),
        startNs: ns(s.timestamp),
      });
      this.order.push(s.id);
    }
    if (env.testStepFinished) {
      const f = env.testStepFinished;
      const c = this.started.get(f.testCaseStartedId);
      if (c) {
        const step = this.stepOf(c, str(f.testStepId, 'testStepId'));
        step.status = str(f.testStepResult.status, 'testStepResult.status');
        step.durationMs = ms(f.testStepResult.duration);
        const ex = f.testStepResult.exception;
        if (ex) {
          step.errorType = str(ex.type, 'exception.type');
          step.error = ex.message === undefined ? ex.type : str(ex.message, 'exception.message');
        } else if (f.testStepResult.message) {
          step.error = str(f.testStepResult.message, 'testStepResult.message').split('\n')[0];
        }
      }
    }
    if (env.attachment && env.attachment.testCaseStartedId) {
      const a = env.attachment;
      const c = this.started.get(a.testCaseStartedId!);
      if (c && a.mediaType === NOT_APPLICABLE_MEDIA_TYPE) {
        const body = JSON.parse(a.body) as { reason: string; diagnosis?: unknown };
        c.notApplicable = body.reason;
        if (isDiagnosis(body.diagnosis)) c.notApplicableDiagnosis = body.diagnosis;
      }
      if (c && a.mediaType === DIAGNOSIS_MEDIA_TYPE && a.testStepId) {
        const d: unknown = JSON.parse(a.body);
        if (isDiagnosis(d)) this.stepOf(c, a.testStepId).diagnosis = d;
      }
      if (c && a.mediaType === APDU_TRACE_MEDIA_TYPE && a.testStepId) this.stepOf(c, a.testStepId).apdus.push(...parseTraceBody(a.body));
    }
    if (env.testCaseFinished) {
      const c = this.started.get(env.testCaseFinished.testCaseStartedId);
      if (c && !env.testCaseFinished.willBeRetried) {
        c.endNs = ns(env.testCaseFinished.timestamp);
        return this.result(env.testCaseFinished.testCaseStartedId);
      }
    }
    return undefined;
  }

  /** Every case that started, in start order; unfinished ones are INCONCLUSIVE. */
  cases(): CaseResult[] {
    return this.order.map((id) => this.result(id)).filter((c): c is CaseResult => c !== undefined);
  }

  private stepOf(c: StartedCase, testStepId: string): StepResult {
    let step = c.steps.get(testStepId);
    if (!step) {
      step = { text: this.stepText(c.testCaseId, testStepId), status: 'UNKNOWN', durationMs: 0, apdus: [], ...this.stepMatch(c.testCaseId, testStepId) };
      c.steps.set(testStepId, step);
    }
    return step;
  }

  /** The step definition's expression and the matched values, when one step definition matched. */
  private stepMatch(testCaseId: string, testStepId: string): { pattern?: string; args?: string[] } {
    const ts = this.testCases.get(testCaseId)?.testSteps.find((s) => s.id === testStepId);
    const ids = ts?.stepDefinitionIds;
    if (!ts || !Array.isArray(ids) || ids.length !== 1) return {};
    const pattern = this.patterns.get(ids[0] as string);
    if (pattern === undefined) return {};
    // An optional group that did not match keeps its place as '' (the catalogue's [[ … ]] leaves it out).
    const args = (ts.stepMatchArgumentsLists?.[0]?.stepMatchArguments ?? []).map((a) => (typeof a?.group?.value === 'string' ? a.group.value : ''));
    return { pattern, args };
  }

  private stepText(testCaseId: string, testStepId: string): string {
    const tc = this.testCases.get(testCaseId);
    const ts = tc?.testSteps.find((s) => s.id === testStepId);
    if (!tc || !ts) return 'step';
    if (ts.hookId) return `hook: ${this.hookNames.get(ts.hookId) || 'unnamed'}`;
    const pickle = this.pickles.get(tc.pickleId);
    const ps = pickle?.steps.find((s) => s.id === ts.pickleStepId);
    return ps ? `${KEYWORD[ps.type ?? ''] ?? '*'} ${ps.text}` : 'step';
  }

  private result(startedId: string): CaseResult | undefined {
    const c = this.started.get(startedId);
    const tc = c && this.testCases.get(c.testCaseId);
    const pickle = tc && this.pickles.get(tc.pickleId);
    if (!c || !tc || !pickle) return undefined;
    // Steps in the order of the test case, with the ones never reached marked as such.
    const steps = tc.testSteps.map(
      (ts) => c.steps.get(ts.id) ?? { text: this.stepText(tc.id, ts.id), status: 'NOT_RUN', durationMs: 0, apdus: [], ...this.stepMatch(tc.id, ts.id) },
    );
    const finished = c.endNs !== undefined;
    const { verdict, reason, diagnosis, failedStep } = decide(steps, c.notApplicable, finished, c.notApplicableDiagnosis);
    return {
      pickleId: pickle.id,
      name: pickle.name,
      uri: pickle.uri,
      line: pickle.location?.line ?? 0,
      tags: pickle.tags.map((t) => t.name),
      verdict,
      reason,
      ...(diagnosis ? { diagnosis } : {}),
      ...(failedStep ? { failedStep } : {}),
      // Hooks show only when they matter: an error, or APDUs they exchanged.
      steps: steps.filter((s) => !s.text.startsWith('hook:') || s.error || s.apdus.length || (s.status !== 'PASSED' && s.status !== 'NOT_RUN')),
      durationMs: finished ? ((c.endNs as number) - c.startNs) / 1e6 : 0,
      finished,
    };
  }
}

/** Verdict of one case from its steps (docs/design.md: PASS, FAIL, NOT APPLICABLE, INCONCLUSIVE, ERROR), with the reason as a diagnosis where it has one. */
export function decide(
  steps: StepResult[],
  notApplicable: string | undefined,
  finished: boolean,
  notApplicableDiagnosis?: Diagnosis,
): { verdict: Verdict; reason: string; diagnosis?: Diagnosis; failedStep?: string } {
  if (notApplicable) return { verdict: 'NOT_APPLICABLE', reason: notApplicable, ...(notApplicableDiagnosis ? { diagnosis: notApplicableDiagnosis } : {}) };
  const bad = steps.find((s) => s.status === 'FAILED' || s.status === 'UNDEFINED' || s.status === 'AMBIGUOUS' || s.status === 'PENDING');
  if (bad) {
    const at = { failedStep: bad.text };
    if (bad.status !== 'FAILED') {
      const status = bad.status.toLowerCase();
      return { verdict: 'ERROR', reason: `step is ${status} in the suite: ${bad.text}`, diagnosis: dx('step.status', { status, step: bad.text }), ...at };
    }
    const type = bad.errorType ?? '';
    const d = bad.diagnosis ? { diagnosis: bad.diagnosis } : {};
    // A precondition is a Given (Context) step's: the same miss in a When or Then step is the card failing
    // the scenario's own action (a DF that personalisation should have made), a FAIL.
    if (type === 'PreconditionNotMet' && !bad.text.startsWith('Given ')) {
      const detail = bad.diagnosis?.id === 'precondition.notMet' ? bad.diagnosis.params.detail : undefined;
      return {
        verdict: 'FAIL',
        reason: (bad.error ?? 'failed').replace(/^precondition not met: /, ''),
        ...(isDiagnosis(detail) ? { diagnosis: detail } : {}),
        ...at,
      };
    }
    if (FAIL_TYPES.has(type)) return { verdict: 'FAIL', reason: bad.error ?? 'failed', ...(bad.error === undefined ? { diagnosis: dx('failed') } : d), ...at };
    if (INCONCLUSIVE_TYPES.has(type))
      return { verdict: 'INCONCLUSIVE', reason: bad.error ?? 'could not be judged', ...(bad.error === undefined ? { diagnosis: dx('unjudged') } : d), ...at };
    return {
      verdict: 'ERROR',
      reason: `sscc failed (${type || 'error'}): ${bad.error ?? ''}`,
      diagnosis: dx('sscc.failed', { type: type || 'error', detail: bad.diagnosis ?? bad.error ?? '' }),
      ...at,
    };
  }
  if (!finished) return { verdict: 'INCONCLUSIVE', reason: 'the run stopped before this case finished', diagnosis: dx('run.stopped') };
  return { verdict: 'PASS', reason: '' };
}
