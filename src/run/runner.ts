/**
 * Run a plan through cucumber-js's programmatic API (DESIGN.md flow steps 3–4). Every message is
 * written to DIR/messages.ndjson as it arrives (one write per line, so a killed run keeps what it had);
 * the reports are then built from the same messages.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import type * as messages from '@cucumber/messages';
import { type ISupportCodeLibrary, loadConfiguration, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import type { Plan } from '../plan/plan.ts';
import { openChannel, releaseRun, saveRunState, workersOf } from '../transport/open.ts';
import { releaseReaders } from '../transport/pcsc.ts';
import { CardSession } from '../transport/session.ts';
import { type CardState, type Preflight, describeState, preflight, readCardState } from './preflight.ts';
import { type Environment, probeEnvironment } from './environment.ts';
import { type CaseResult, RunModel } from '../report/model.ts';

export const STEP_FILES = ['steps/**/*.ts'];

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

export async function runPlan(o: RunOptions): Promise<RunOutcome> {
  const outDir = resolve(o.outDir);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'plan.json'), JSON.stringify(o.plan, null, 2) + '\n');
  const environment = await probeEnvironment(o.root, o.plan);
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
      throw new PreflightRefused(`pre-flight: the card is not fit for this plan, nothing was run:\n  - ${flight.problems.join('\n  - ')}${flight.cost.length ? `\n  cost to the sample: ${flight.cost.join('; ')}` : '\n  cost to the sample: nothing'}`);
    }
  }

  // One worker per reader (profile target.reader as a list); workers load the TypeScript steps through tsx.
  const parallel = workersOf(o.plan.profile.data.target);
  // Workers hold their own readers: the main process lets go of the ones it checked.
  if (parallel > 1) releaseReaders();
  const env = parallel > 1 ? { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import tsx`.trim() } : process.env;
  const cucumberEnv = { cwd: o.root, stdout: new PassThrough().resume(), stderr: process.stderr, env };
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: {
        paths: o.plan.features.map((f) => f.uri),
        import: STEP_FILES,
        worldParameters: { profile: o.plan.profile.data, runKey } as never,
        strict: true,
        ...(parallel > 1 ? { parallel } : {}),
        ...(o.plan.tags ? { tags: o.plan.tags } : {}),
      },
    },
    cucumberEnv,
  );
  const support = o.support ?? (await loadSupport(runConfiguration, cucumberEnv));
  const model = o.model ?? new RunModel();
  const total = o.plan.scenarios.length;
  let done = 0;
  const fd = openSync(join(outDir, 'messages.ndjson'), 'w');
  try {
    await runCucumber({ ...runConfiguration, support }, cucumberEnv, (env: messages.Envelope) => {
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
    for (const c of flight.checks) notify?.(`sscc: pre-flight: ${c}`);
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
