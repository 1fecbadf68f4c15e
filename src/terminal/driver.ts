/**
 * Driving a terminal under test (docs/design.md "Key interfaces"): the harness plays the card and asks the
 * terminal to perform one operation at a time through a driver: `reference` (the bundled terminal
 * logic), `command` (an external program, JSON out) or `manual` (an operator, with a timeout).
 */
import { type Validator, schemaValidator } from '../schema/validator.ts';
import { TransportError } from '../verdict/errors.ts';
import { dx } from '../verdict/messages.ts';

import type { TerminalOutcome, TerminalRequest } from '../protocol/terminal.ts';

export type { TerminalOutcome, TerminalRequest, TerminalResult } from '../protocol/terminal.ts';

export interface TerminalDriver {
  readonly kind: 'reference' | 'command' | 'manual';
  perform(request: TerminalRequest): Promise<TerminalOutcome>;
}

/** The terminal could not be driven (no answer in time, no operator, unreadable outcome): INCONCLUSIVE. */
export class DriverError extends TransportError {
  override name = 'DriverError';
}

let validator: Validator | undefined;

/** Check an outcome against the schema; the error names the field. */
export function checkOutcome(value: unknown, source: string): TerminalOutcome {
  validator ??= schemaValidator(new URL('../../profiles/terminal-outcome.schema.json', import.meta.url), { allErrors: true, strict: false });
  if (!validator(value)) {
    const problems = (validator.errors ?? []).map((e) => {
      const field = e.instancePath.slice(1).replace(/\//g, '.') || '(top level)';
      const extra = e.params as { additionalProperty?: string; allowedValues?: unknown[] };
      if (extra.additionalProperty) return `${extra.additionalProperty}: unknown field`;
      if (extra.allowedValues) return `${field}: must be one of ${extra.allowedValues.join(', ')}`;
      return `${field}: ${e.message}`;
    });
    throw new DriverError(dx('drv.outcomeSchema', { source, problems: problems.join('; ') }));
  }
  return value as TerminalOutcome;
}
