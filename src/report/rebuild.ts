/**
 * Rebuild a report from a run folder's messages.ndjson (plus plan.json and environment.json beside it).
 * A last line cut off by a crash ends the stream as a crash does. Anything else that is not a message
 * (a line that is not JSON, or JSON of the wrong shape) stops the rebuild at that line: what came before
 * is kept, the rest is INCONCLUSIVE, the report says it is partial and names the line (issue 18).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type * as messages from '@cucumber/messages';
import type { Plan } from '../plan/plan.ts';
import type { Environment } from '../run/environment.ts';
import { parsePlan } from '../plan/load.ts';
import { readInputFile } from '../profile/load.ts';
import { type Report, buildReport } from './build.ts';
import { RunModel } from './model.ts';
import { UsageError } from '../cli/errors.ts';

/** A full run writes a few megabytes; far more is not a message stream of sscc. */
export const MESSAGES_MAX_BYTES = 256 << 20;

export interface Rebuilt {
  report: Report;
  /** The first line that is not a message (1-based), and why; absent when the stream is whole or only cut off at its end. */
  damaged?: { line: number; problem: string };
  /** True when the last line was cut off (a crash or kill -9). */
  cutOff: boolean;
}

function read(file: string, max: number, what: string): string {
  try {
    return readInputFile(file, max);
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message} (${what})`);
  }
}

const ENVELOPE_KEYS = new Set([
  'meta',
  'source',
  'gherkinDocument',
  'pickle',
  'stepDefinition',
  'hook',
  'parameterType',
  'undefinedParameterType',
  'testRunStarted',
  'testCase',
  'testCaseStarted',
  'testStepStarted',
  'testStepFinished',
  'attachment',
  'testCaseFinished',
  'testRunFinished',
  'parseError',
  'externalAttachment',
  'testRunHookStarted',
  'testRunHookFinished',
  'suggestion',
]);

export function rebuildFromStream(file: string): Rebuilt {
  const { plan, environment, text } = readRunFolder(file);
  return rebuildFromText(plan, environment, text, basename(file));
}

/** A run folder's plan, environment and message stream, each checked to be what its name says. */
export function readRunFolder(file: string): { plan: Plan; environment: Environment; text: string } {
  const dir = dirname(file);
  if (!existsSync(file)) throw new UsageError(`${file} does not exist; give the messages.ndjson of a run folder`);
  if (/\.json$/i.test(file) || basename(file) === 'report.html' || basename(file) === 'junit.xml') {
    throw new UsageError(`--from ${file}: reports are built from the message stream, not from ${basename(file)}; give ${join(dir, 'messages.ndjson')}`);
  }
  const need = (name: string) => {
    const p = join(dir, name);
    if (!existsSync(p)) throw new UsageError(`${p} is missing: a run folder holds messages.ndjson, plan.json and environment.json`);
    return read(p, 16 << 20, 'a run folder holds messages.ndjson, plan.json and environment.json');
  };
  const plan: Plan = (() => {
    try {
      return parsePlan(need('plan.json'), join(dir, 'plan.json'), { keys: false });
    } catch (e) {
      throw new UsageError(`${(e as Error).message}`);
    }
  })();
  let environment: Environment;
  try {
    environment = JSON.parse(need('environment.json')) as Environment;
  } catch (e) {
    throw new UsageError(`${join(dir, 'environment.json')}: not JSON (${(e as Error).message})`);
  }
  if (typeof environment !== 'object' || environment === null || Array.isArray(environment) || typeof environment.startedAt !== 'string') {
    throw new UsageError(`${join(dir, 'environment.json')}: not the environment.json of a run (no startedAt)`);
  }
  const text = read(file, MESSAGES_MAX_BYTES, 'give the messages.ndjson of a run folder');
  const first = text.split('\n', 1)[0]?.trim() ?? '';
  if (first === '{' || first.startsWith('{ ') || /^\{\s*"schema":\s*"sscc-report/.test(first)) {
    throw new UsageError(
      `--from ${file}: this is a JSON document (a report?), not a message stream of one JSON message per line; give ${join(dir, 'messages.ndjson')}`,
    );
  }
  return { plan, environment, text };
}

/** The rebuild proper, over the text of a message stream (also what the fuzzer feeds, src/fuzz/targets.ts). */
export function rebuildFromText(plan: Plan, environment: Environment, text: string, name = 'messages.ndjson'): Rebuilt {
  const { model, cutOff, damaged } = streamModel(text);
  const partial = damaged
    ? `rebuilt from a damaged message stream: ${name} line ${damaged.line} is ${damaged.problem}; the cases after it are INCONCLUSIVE`
    : undefined;
  // A whole stream (its testRunFinished message, nothing damaged) is a run that ended by itself.
  const finished = !cutOff && !damaged && /^\{"testRunFinished":/m.test(text);
  const report = buildReport(plan, environment, model, partial, finished);
  return { report, cutOff, ...(damaged ? { damaged } : {}) };
}

/**
 * The result model of a message stream, up to its first line that is not a message. `skipSources`: the
 * feature sources (most of a stream's bytes, which the model does not read) are passed over unread, for
 * an index of many runs (src/campaign import).
 */
export function streamModel(text: string, skipSources = false): { model: RunModel; cutOff: boolean; damaged?: { line: number; problem: string } } {
  const model = new RunModel();
  const lines = text.split('\n');
  const last = text.endsWith('\n') ? lines.length - 1 : lines.length; // lines after the final newline: none
  let damaged: Rebuilt['damaged'];
  let cutOff = false;
  for (let i = 0; i < last; i++) {
    const line = lines[i] as string;
    if (!line.trim()) continue;
    if (skipSources && (line.startsWith('{"source":') || line.startsWith('{"gherkinDocument":'))) continue;
    let env: unknown;
    try {
      env = JSON.parse(line);
    } catch (e) {
      if (i === last - 1 && !text.endsWith('\n'))
        cutOff = true; // cut off by a crash: the normal end of a killed run
      else damaged = { line: i + 1, problem: `not JSON (${(e as Error).message})` };
      break;
    }
    const keys = env && typeof env === 'object' && !Array.isArray(env) ? Object.keys(env) : [];
    if (keys.length !== 1 || !ENVELOPE_KEYS.has(keys[0] as string) || typeof (env as Record<string, unknown>)[keys[0] as string] !== 'object') {
      damaged = {
        line: i + 1,
        problem: `not a cucumber message (${keys.length ? `members ${keys.slice(0, 3).join(', ')}` : JSON.stringify(env)?.slice(0, 40)})`,
      };
      break;
    }
    try {
      model.accept(env as messages.Envelope);
    } catch (e) {
      damaged = { line: i + 1, problem: `a ${keys[0]} message of the wrong shape (${(e as Error).message})` };
      break;
    }
  }
  return { model, cutOff, ...(damaged ? { damaged } : {}) };
}
