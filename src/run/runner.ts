/**
 * Run a plan through cucumber-js's programmatic API (docs/design.md flow steps 3–4). Every message is
 * written to DIR/messages.ndjson as it arrives (one write per line, so a killed run keeps what it had);
 * the reports are then built from the same messages.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import type * as messages from '@cucumber/messages';
// Before cucumber loads: native RegExp `d` indices for step matching instead of its slow fallback.
import './match-indices.ts';
import { type ISupportCodeLibrary, loadConfiguration, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import type { Plan } from '../plan/plan.ts';
import { openChannel, releaseRun, saveRunState, workersOf } from '../transport/open.ts';
import { releaseReaders } from '../transport/pcsc.ts';
import { CardSession } from '../apdu/session.ts';
import { type CardState, type Preflight, describeState, preflight, readCardState } from './preflight.ts';
import { renderDiagnosis } from '../verdict/messages.ts';
import { type Environment, probeEnvironment } from './environment.ts';
import { type CaseResult, RunModel } from '../report/model.ts';
import { masker } from '../report/mask.ts';
import { publicPlan } from '../plan/load.ts';

/**
 * Step definitions and hooks; yield.hook.ts lets signals in between steps (issue 18). A compiled run
 * (scripts/build.mjs defines import.meta.ssccBuild) loads their compilation, in the same module graph.
 */
export const STEP_FILES = (import.meta as { ssccBuild?: boolean }).ssccBuild
  ? ['build/js/steps/**/*.js', 'build/js/src/run/yield.hook.js']
  : ['steps/**/*.ts', 'src/run/yield.hook.ts'];

export interface RunOptions {
  root: string;
  plan: Plan;
  outDir: string;
  /** Support code loaded by an earlier run, to run the suite again without reloading it. */
  support?: ISupportCodeLibrary;
  /** Called as each case finishes, with its index and the total. */
  onCase?: (c: CaseResult, done: number, total: number) => void;
  /** Called once the environment is known, before the first scenario. */
  onStart?: (environment: Environment) => void;
  /** The model to feed (so that a caller can report from it if the run is interrupted). */
  model?: RunModel;
  /** Told of the pre-flight and post-flight lines (the card's state before and after). */
  notify?: (line: string) => void;
}

/** The pre-flight found the card or the profile unfit for the plan: nothing was run (exit 2). */
export class PreflightRefused extends Error {
  override name = 'PreflightRefused';
}

export interface RunOutcome {
  model: RunModel;
  environment: Environment;
  support: ISupportCodeLibrary;
}

let runCount = 0;

/**
 * NODE_OPTIONS for cucumber's worker processes: native match indices (./match-indices.ts), and tsx unless
 * this is the compiled build. A compiled module keeps its source's import.meta.url (scripts/build.mjs),
 * so its compiled neighbour is found from the root, under build/js.
 */
export function workerPreload(compiled = (import.meta as { ssccBuild?: boolean }).ssccBuild === true): string[] {
  return compiled
    ? ['--import', new URL('../../build/js/src/run/match-indices.js', import.meta.url).href]
    : ['--import', 'tsx', '--import', new URL('./match-indices.ts', import.meta.url).href];
}

/** cucumber's configuration of a plan; `only` (uri and line of scenarios) cuts it to those scenarios. */
async function configure(root: string, plan: Plan, only?: ReadonlyArray<{ uri: string; line: number }>, runKey?: string) {
  // One worker per reader (profile target.reader as a list); workers get native match indices as this
  // process does, and load the TypeScript steps through tsx unless this run is the compiled build (issue 21).
  const parallel = workersOf(plan.profile.data.target);
  const preload = workerPreload().join(' ');
  const env = parallel > 1 ? { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${preload}`.trim() } : process.env;
  const cucumberEnv = { cwd: root, stdout: new PassThrough().resume(), stderr: process.stderr, env };
  // cucumber's own path:line filter: only the files that hold a chosen scenario are parsed.
  const byFile = new Map<string, number[]>();
  for (const s of only ?? []) byFile.set(s.uri, [...(byFile.get(s.uri) ?? []), s.line]);
  const inAreas = (uri: string) => !plan.areas || plan.areas.includes(uri.split('/')[1] ?? '');
  // Without `only`: the files that hold a planned scenario (cucumber parses each file it is given).
  const planned = new Set(plan.scenarios.map((s) => s.uri));
  const paths = only
    ? [...byFile].map(([uri, lines]) => `${uri}:${lines.join(':')}`)
    : plan.features.filter((f) => inAreas(f.uri) && planned.has(f.uri)).map((f) => f.uri);
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: {
        paths,
        import: STEP_FILES,
        // runKey: the run's one simulated card (src/transport/open.ts); without it a new card per scenario.
        // areas: a run cut to --area tearing sweeps every cut point; a run of the whole suite a seeded sample.
        worldParameters: { profile: plan.profile.data, ...(runKey ? { runKey } : {}), ...(plan.areas ? { areas: plan.areas } : {}) } as never,
        strict: true,
        ...(parallel > 1 ? { parallel } : {}),
        ...(plan.tags ? { tags: plan.tags } : {}),
      },
    },
    cucumberEnv,
  );
  return { runConfiguration, cucumberEnv };
}

const remembering = new WeakSet<ISupportCodeLibrary>();

/**
 * A step library run many times in one process (the defect proof, the mutation runner) matches the same
 * step texts again on every run: each step definition keeps its answer per text (its expression is a
 * pure function of the text; the arguments' values are still made per step by cucumber).
 */
export function rememberStepMatches(support: ISupportCodeLibrary): ISupportCodeLibrary {
  if (remembering.has(support)) return support;
  remembering.add(support);
  // cucumber's library type is opaque; its step definitions carry the Expression of cucumber-expressions.
  type Expression = { match(text: string): unknown };
  const { stepDefinitions } = support as unknown as { stepDefinitions: Array<{ expression: Expression }> };
  const matchers = stepDefinitions.map(({ expression }) => expression.match.bind(expression));
  // Per step text: the definitions that match it, with their match (null, as cucumber-expressions says, for the rest).
  const byText = new Map<string, Map<number, unknown>>();
  stepDefinitions.forEach(({ expression }, i) => {
    expression.match = (text: string) => {
      let matches = byText.get(text);
      if (!matches) {
        matches = new Map();
        for (const [j, match] of matchers.entries()) {
          const m = match(text);
          if (m !== null && m !== undefined) matches.set(j, m);
        }
        byText.set(text, matches);
      }
      return matches.get(i) ?? null;
    };
  });
  return support;
}

/**
 * Run a plan, or only some of its scenarios, keeping the messages in memory: no files, no environment
 * probe (the defect proof runs the suite hundreds of times and needs only the verdicts).
 */
export async function runInMemory(o: {
  root: string;
  plan: Plan;
  support?: ISupportCodeLibrary;
  only?: ReadonlyArray<{ uri: string; line: number }>;
  onEnvelope?: (env: messages.Envelope) => void;
  failFast?: boolean;
}): Promise<{ model: RunModel; support: ISupportCodeLibrary }> {
  const model = new RunModel();
  if (o.only && o.only.length === 0) return { model, support: o.support ?? (await loadSupportOf(o.root, o.plan)) };
  const { runConfiguration, cucumberEnv } = await configure(o.root, o.plan, o.only);
  const support = rememberStepMatches(o.support ?? (await loadSupport(runConfiguration, cucumberEnv)));
  // The library is loaded: without its import globs cucumber does not search steps/ again on every run.
  const loaded = { ...support, originalCoordinates: { ...support.originalCoordinates, importPaths: [], requirePaths: [] } } as ISupportCodeLibrary;
  // failFast: stop at the first failed case (the mutation run needs only whether one fails).
  // The verdicts need no APDU traces: the steps attach none.
  const worldParameters = { ...(runConfiguration.runtime.worldParameters as object), traces: false };
  const runtime = { ...runConfiguration.runtime, worldParameters, ...(o.failFast ? { failFast: true } : {}) };
  // No environment variables: cucumber reads them only to name the CI system in its meta message and to
  // colour formatters, and this run has neither (matching every CI system's variables cost 1 ms a run).
  await runCucumber({ ...runConfiguration, runtime, support: loaded }, { ...cucumberEnv, env: {} }, (env: messages.Envelope) => {
    o.onEnvelope?.(env);
    model.accept(env);
  });
  return { model, support };
}

async function loadSupportOf(root: string, plan: Plan): Promise<ISupportCodeLibrary> {
  const { runConfiguration, cucumberEnv } = await configure(root, plan);
  return loadSupport(runConfiguration, cucumberEnv);
}

export async function runPlan(o: RunOptions): Promise<RunOutcome> {
  const outDir = resolve(o.outDir);
  mkdirSync(outDir, { recursive: true });
  // No secret in any file unless the profile's keys are test keys (issue 18): plan, environment, messages.
  const mask = masker(o.plan.profile.data);
  writeFileSync(join(outDir, 'plan.json'), JSON.stringify(publicPlan(o.plan), null, 2) + '\n');
  const environment = mask.value(await probeEnvironment(o.root, o.plan));
  writeFileSync(join(outDir, 'environment.json'), JSON.stringify(environment, null, 2) + '\n');
  o.onStart?.(environment);

  // The simulated card of this run: one card for all its scenarios (src/transport/open.ts).
  const runKey = `${process.pid}:${Date.now()}:${++runCount}`;
  // Pre-flight on the card the scenarios will meet (the run's persistent simulated card, or the reader it holds).
  const flight = await cardPreflight(o.plan, runKey, o.notify);
  if (flight) {
    environment.card = { start: flight.start, checks: flight.checks, cost: flight.cost };
    writeFileSync(join(outDir, 'environment.json'), JSON.stringify(environment, null, 2) + '\n');
    if (flight.problems.length) {
      releaseRun(runKey);
      releaseReaders();
      throw new PreflightRefused(
        `pre-flight: the card is not fit for this plan, nothing was run:\n  - ${flight.problems.map((d) => renderDiagnosis(d, 'en')).join('\n  - ')}${flight.cost.length ? `\n  cost to the sample: ${flight.cost.map((d) => renderDiagnosis(d, 'en')).join('; ')}` : '\n  cost to the sample: nothing'}`,
      );
    }
  }

  // One worker per reader (profile target.reader as a list); workers load the TypeScript steps through tsx.
  const parallel = workersOf(o.plan.profile.data.target);
  // Workers hold their own readers: the main process lets go of the ones it checked.
  if (parallel > 1) releaseReaders();
  const { runConfiguration, cucumberEnv } = await configure(o.root, o.plan, undefined, runKey);
  const support = o.support ?? (await loadSupport(runConfiguration, cucumberEnv));
  const model = o.model ?? new RunModel();
  const total = o.plan.scenarios.length;
  let done = 0;
  const fd = openSync(join(outDir, 'messages.ndjson'), 'w');
  try {
    await runCucumber({ ...runConfiguration, support }, cucumberEnv, (raw: messages.Envelope) => {
      const env = mask.value(raw);
      writeSync(fd, JSON.stringify(env) + '\n');
      const finished = model.accept(env);
      if (finished) o.onCase?.(finished, ++done, total);
    });
  } finally {
    closeSync(fd);
  }
  // Post-flight: the card's state at the end, as it tells it (nothing that changes it is sent).
  if (flight) {
    const end = await cardState(o.plan, runKey);
    if (end) {
      environment.card = { ...environment.card, end };
      o.notify?.(`sscc: card at the end: ${describeState(end)}`);
    }
  }
  saveRunState(o.plan.profile.data.target, runKey);
  releaseRun(runKey);
  releaseReaders();
  environment.finishedAt = new Date().toISOString();
  writeFileSync(join(outDir, 'environment.json'), JSON.stringify(environment, null, 2) + '\n');
  return { model, environment, support };
}

/** Whether the plan's product is a card this run talks to (not a terminal, not a new card per scenario). */
function preflightTarget(plan: Plan): boolean {
  const p = plan.profile.data;
  if (p.product.kind !== 'card' || p.run?.preflight === false) return false;
  if (p.target.kind === 'sim') return !p.target.fresh;
  return !Array.isArray(p.target.reader);
}

async function cardPreflight(plan: Plan, runKey: string, notify?: (line: string) => void): Promise<Preflight | undefined> {
  if (!preflightTarget(plan)) return undefined;
  const applying = plan.scenarios.filter((s) => s.applicable);
  const needs = {
    ssse: applying.some((s) => s.area === 'sscard'),
    pboc: applying.some((s) => s.area === 'pboc' || s.tags.includes('@ics:financial')),
    pin: applying.some((s) => s.tags.includes('@needs:pin')),
  };
  const channel = await openChannel(plan.profile.data.target, { runKey, seed: plan.profile.data.run?.seed ?? 'sscc' });
  try {
    await channel.reset();
    const flight = await preflight(new CardSession(channel), plan.profile.data, needs);
    notify?.(`sscc: card at the start: ${describeState(flight.start)}`);
    for (const c of flight.checks) notify?.(`sscc: pre-flight: ${renderDiagnosis(c, 'en')}`);
    return flight;
  } finally {
    await channel.close();
  }
}

async function cardState(plan: Plan, runKey: string): Promise<CardState | undefined> {
  try {
    const channel = await openChannel(plan.profile.data.target, { runKey, seed: plan.profile.data.run?.seed ?? 'sscc' });
    try {
      await channel.reset();
      return await readCardState(new CardSession(channel), plan.profile.data);
    } finally {
      await channel.close();
    }
  } catch {
    return undefined; // the card left: the end state is unknown, the verdicts stand
  }
}
