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
import { workersOf } from '../transport/open.ts';
import { type Environment, probeEnvironment } from './environment.ts';
import { type CaseResult, RunModel } from '../report/model.ts';
import { masker } from '../report/mask.ts';
import { publicPlan } from '../plan/load.ts';

/** Step definitions and hooks; yield.hook.ts lets signals in between steps (issue 18). */
export const STEP_FILES = ['steps/**/*.ts', 'src/run/yield.hook.ts'];

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
}

export interface RunOutcome {
  model: RunModel;
  environment: Environment;
  support: ISupportCodeLibrary;
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

  // One worker per reader (profile target.reader as a list); workers load the TypeScript steps through tsx.
  const parallel = workersOf(o.plan.profile.data.target);
  const env = parallel > 1 ? { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import tsx`.trim() } : process.env;
  const cucumberEnv = { cwd: o.root, stdout: new PassThrough().resume(), stderr: process.stderr, env };
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: {
        paths: o.plan.features.map((f) => f.uri),
        import: STEP_FILES,
        worldParameters: { profile: o.plan.profile.data } as never,
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
    await runCucumber({ ...runConfiguration, support }, cucumberEnv, (raw: messages.Envelope) => {
      const env = mask.value(raw);
      writeSync(fd, JSON.stringify(env) + '\n');
      const finished = model.accept(env);
      if (finished) o.onCase?.(finished, ++done, total);
    });
  } finally {
    closeSync(fd);
  }
  environment.finishedAt = new Date().toISOString();
  writeFileSync(join(outDir, 'environment.json'), JSON.stringify(environment, null, 2) + '\n');
  return { model, environment, support };
}
