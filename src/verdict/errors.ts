/**
 * Errors that decide a verdict. A step throws one; the cucumber message carries its class name
 * (testStepResult.exception.type) and src/report/verdict.ts maps that name to the verdict. An error made
 * from a Diagnosis (messages.ts) carries it: its message is the English text, and the step's attachment
 * (steps/hooks.ts) gives the report the id and parameters to render in Chinese.
 */
import { type Diagnosis, dx, isDiagnosis, renderDiagnosis } from './messages.ts';

const text = (m: string | Diagnosis) => (typeof m === 'string' ? m : renderDiagnosis(m, 'en'));

/** The diagnosis an error carries, if it was made from one. */
export function diagnosisOf(e: unknown): Diagnosis | undefined {
  const d = (e as { diagnosis?: unknown } | null)?.diagnosis;
  return isDiagnosis(d) ? d : undefined;
}

/** What an error says, as a parameter: its diagnosis (rendered in the report's language) or its text. */
export function detailOf(e: unknown): string | Diagnosis {
  return diagnosisOf(e) ?? (e instanceof Error ? e.message : String(e));
}

/** The card does not do what the requirement says, or answered something malformed: FAIL. */
export class NonConformance extends Error {
  override name = 'NonConformance';
  readonly diagnosis?: Diagnosis;
  constructor(m: string | Diagnosis) {
    super(text(m));
    if (typeof m !== 'string') this.diagnosis = m;
  }
}

/**
 * A scenario could not put the card back as it found it (issue: a scenario leaves the card as it found it,
 * or says it does not): FAIL, naming what the sample is left with.
 */
export class RestoreFailed extends NonConformance {
  override name = 'RestoreFailed';
  constructor(what: string | Diagnosis, detail: string | Diagnosis) {
    super(dx('restore.failed', { what, detail }));
  }
}

/** The reader or link failed, so the card could not be judged: INCONCLUSIVE. */
export class TransportError extends Error {
  override name = 'TransportError';
  readonly diagnosis?: Diagnosis;
  constructor(m: string | Diagnosis) {
    super(text(m));
    if (typeof m !== 'string') this.diagnosis = m;
  }
}

/** Another program or run holds the reader: nothing about the card can be said (a run refuses it at once). */
export class ReaderBusyError extends TransportError {
  override name = 'ReaderBusyError';
}

/** The card left the reader mid-scenario: INCONCLUSIVE. */
export class CardRemovedError extends TransportError {
  override name = 'CardRemovedError';
}

/** Exception type names → verdicts; anything else thrown is a defect of the tool: ERROR. */
// PsamError: the test PSAM holds every key the profile declares; when it cannot serve what the card
// announced (a key version, an algorithm), the card's data is at fault.
export const FAIL_TYPES = new Set(['NonConformance', 'RestoreFailed', 'PsamError', 'AssertionError', 'TlvError', 'ApduFormatError']);
export const INCONCLUSIVE_TYPES = new Set(['TransportError', 'CardRemovedError', 'ReaderBusyError', 'DriverError']);

/** The card's content does not let the requirement be observed (e.g. a uniform EF): INCONCLUSIVE. */
export class Unobservable extends Error {
  override name = 'Unobservable';
  readonly diagnosis?: Diagnosis;
  constructor(m: string | Diagnosis) {
    super(text(m));
    if (typeof m !== 'string') this.diagnosis = m;
  }
}
INCONCLUSIVE_TYPES.add('Unobservable');

/**
 * A Given/Background step found the card not in the state the scenario starts from (the DF to select is
 * missing, the application is blocked): the requirement under test was never judged, so INCONCLUSIVE
 * with "precondition not met: …", not a FAIL of the clause the scenario names.
 */
export class PreconditionNotMet extends Error {
  override name = 'PreconditionNotMet';
  readonly diagnosis: Diagnosis;
  constructor(detail: string | Diagnosis) {
    const d = dx('precondition.notMet', { detail });
    super(renderDiagnosis(d, 'en'));
    this.diagnosis = d;
  }
}
INCONCLUSIVE_TYPES.add('PreconditionNotMet');
