/** reports/report.schema.json, checked with ajv when a report is written and when one is read. */
import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { type Validator, schemaValidator } from '../schema/validator.ts';
import type { Report } from './build.ts';

/** A report file that is not a report: the message names the file and the field. */
export class ReportError extends Error {
  override name = 'ReportError';
}

let validate: Validator | undefined;

function validator(): Validator {
  validate ??= schemaValidator(new URL('../../reports/report.schema.json', import.meta.url), { allErrors: true, strict: false });
  return validate;
}

function describe(e: ErrorObject): string {
  const field = e.instancePath.slice(1).replace(/\//g, '.') || '(top level)';
  const p = e.params as { additionalProperty?: string; allowedValues?: unknown[]; missingProperty?: string; allowedValue?: unknown };
  if (p.additionalProperty) return `${field === '(top level)' ? '' : field + '.'}${p.additionalProperty}: not a field of the report schema`;
  if (p.missingProperty) return `${field === '(top level)' ? '' : field + '.'}${p.missingProperty}: missing`;
  if (p.allowedValues) return `${field}: must be one of ${p.allowedValues.join(', ')}`;
  if (p.allowedValue !== undefined) return `${field}: must be ${String(p.allowedValue)}`;
  return `${field}: ${e.message}`;
}

/** The problems of a value against the report schema (empty when it is a report). */
export function reportProblems(value: unknown): string[] {
  const v = validator();
  return v(value) ? [] : (v.errors ?? []).slice(0, 10).map(describe);
}

export function checkReport(value: unknown, source: string): Report {
  const problems = reportProblems(value);
  if (problems.length) throw new ReportError(`${source} is not an sscc report (reports/report.schema.json): ${problems.join('; ')}`);
  return value as Report;
}

export function readReport(file: string): Report {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReportError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ReportError(`${file}: not JSON (${(e as Error).message})`);
  }
  return checkReport(value, file);
}
