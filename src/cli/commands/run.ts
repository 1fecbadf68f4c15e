/** `sscc run`: run the plan of a profile and write the results. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { type Summary, buildReport, exitCodeOf } from '../../report/build.ts';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { type Lang, writeReports } from '../../report/write.ts';
import { runPlan } from '../../run/runner.ts';
import type { Environment } from '../../run/environment.ts';
import { RunModel } from '../../report/model.ts';
import { UsageError } from '../errors.ts';
import { ROOT, areaOption, checkTarget, langOption, planFrom, tagsOption } from '../common.ts';
import { Progress } from '../progress.ts';
import parseTagExpression from '@cucumber/tag-expressions';
import type { Plan } from '../../plan/plan.ts';
import { rebuildFromStream } from '../../report/rebuild.ts';
import { printPdf } from './report.ts';
import { lockOutDir, prepareOutDir } from '../out-dir.ts';

/**
 * The plan of an earlier run (DIR/plan.json, checked as --plan is) cut to the cases that did not PASS
 * there, as its messages.ndjson (the one result model) says: FAIL, INCONCLUSIVE and ERROR.
 */
export function rerunPlan(dir: string, opts: { profile?: string; plan?: string; tags?: string; area?: string; defect?: string[]; reader?: string }): Plan {
  if (opts.profile || opts.plan || opts.tags || opts.area)
    throw new UsageError('--rerun-failed takes the plan of the earlier run: leave out --profile, --plan, --tags and --area');
  const planFile = join(dir, 'plan.json');
  const stream = join(dir, 'messages.ndjson');
  if (!existsSync(planFile) || !existsSync(stream)) throw new UsageError(`--rerun-failed ${dir}: not a run folder (it needs plan.json and messages.ndjson)`);
  const earlier = rebuildFromStream(stream).report;
  const failed = [...new Set(earlier.cases.filter((c) => c.verdict === 'FAIL' || c.verdict === 'INCONCLUSIVE' || c.verdict === 'ERROR').map((c) => c.id))];
  if (!failed.length) throw new UsageError(`--rerun-failed ${dir}: that run has no FAIL, INCONCLUSIVE or ERROR case; nothing to rerun`);
  const plan = planFrom({ ...opts, plan: planFile });
  const only = failed.map((id) => `@TC:${id}`).join(' or ');
  const tags = plan.tags ? `(${plan.tags}) and (${only})` : only;
  const expr = parseTagExpression(tags);
  return { ...plan, tags, rerunOf: dir, scenarios: plan.scenarios.filter((s) => expr.evaluate(s.tags)) };
}

export interface RunCommandOptions {
  profile?: string;
  plan?: string;
  out: string;
  defect?: string[];
  reader?: string;
  state?: string;
  tags?: string;
  area?: string;
  lang: Lang;
  quiet?: boolean;
  force?: boolean;
  pdf?: boolean;
  rerunFailed?: string;
}

/**
 * `sscc run` with its options: plan, pre-flight, run, reports, progress on `out` (stderr). `support` is
 * the step library of an earlier run in this process (cucumber loads the step modules once per process:
 * npm run test:suite runs its profiles one after the other in one process, scripts/test-suite.mjs).
 * Returns the exit code (0 no FAIL or ERROR, 1 some FAIL) and the step library.
 */
export async function runCommand(
  opts: RunCommandOptions,
  o: { support?: ISupportCodeLibrary; out?: NodeJS.WritableStream } = {},
): Promise<{ code: number; support: ISupportCodeLibrary; summary: Summary }> {
  const stderr = o.out ?? process.stderr;
  const plan = opts.rerunFailed !== undefined ? rerunPlan(opts.rerunFailed, opts) : planFrom(opts);
  if (opts.state !== undefined) {
    const t = plan.profile.data.target;
    if (t.kind !== 'sim') throw new UsageError('--state needs a simulator target (target.kind: sim); a real card keeps its own state');
    plan.profile.data = { ...plan.profile.data, target: { ...t, state: opts.state } };
  }
  prepareOutDir(opts.out);
  const release = lockOutDir(opts.out);
  if (!opts.force && existsSync(join(opts.out, 'messages.ndjson'))) {
    throw new UsageError(`--out ${opts.out} holds the results of an earlier run; choose another folder or add --force to replace them`);
  }
  await checkTarget(plan.profile.data.target);
  const progress = new Progress(stderr, opts.quiet === true);
  progress.start(plan);
  // Interrupted (Ctrl-C, kill): the stream is already on disk; write the reports from what finished.
  const model = new RunModel();
  let environment: Environment | undefined;
  // `once`: the listener is gone after the first signal, so a second Ctrl-C gets the default action
  // and ends sscc at once, also while the reports are being written. The run itself yields before
  // every step (src/run/yield.hook.ts), so the first one is seen at the next step.
  const interrupted = (signal: NodeJS.Signals) => {
    if (!environment) stderr.write(`\nsscc: ${signal}: stopped before the first case; no reports written\n`);
    else {
      const partial = `interrupted by ${signal} after ${model.cases().filter((c) => c.finished).length} of ${plan.scenarios.length} cases; the rest are INCONCLUSIVE`;
      const report = buildReport(plan, { ...environment, finishedAt: new Date().toISOString() }, model, partial);
      writeReports(opts.out, report, opts.lang);
      stderr.write(`\nsscc: ${signal}: stopped; reports written from the ${model.cases().length} cases that ran (the rest INCONCLUSIVE) in ${opts.out}\n`);
    }
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let outcome: Awaited<ReturnType<typeof runPlan>>;
  try {
    outcome = await runPlan({
      root: ROOT,
      plan,
      outDir: opts.out,
      model,
      ...(o.support ? { support: o.support } : {}),
      onStart: (e) => (environment = e),
      notify: (line) => progress.note(line),
      onCase: (c, done, total) => progress.case(c, done, total),
    });
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
  const report = buildReport(plan, outcome.environment, outcome.model, undefined, true);
  const files = writeReports(opts.out, report, opts.lang, undefined, opts.out);
  if (opts.pdf) files.push(await printPdf(opts.out));
  release();
  progress.end(report.summary, [join(opts.out, 'messages.ndjson'), ...files]);
  return { code: exitCodeOf(report.summary), support: outcome.support, summary: report.summary };
}

export function register(p: Command): void {
  p.command('run')
    .description('run the scenarios that apply to a profile and write messages.ndjson, report.json, report.html, junit.xml')
    .option('--profile <file>', 'profile (YAML) of the product under test, e.g. profiles/sim-reference.yaml')
    .option('--plan <file>', 'run a plan.json written by an earlier run or by `sscc list --json`, instead of --profile')
    .requiredOption('--out <dir>', 'folder for the results (created if missing)')
    .option('--defect <id...>', 'switch on card-sim defects (simulator targets only); see `sscc defects list`')
    .option('--state <file>', 'simulator targets: keep the card in this file between runs, as a real sample is kept (read if it exists, written at the end)')
    .option(
      '--reader <name|index>',
      "PC/SC reader(s) instead of the profile's target.reader: name, part of a name or index; several, comma-separated, run in parallel (see `sscc readers`)",
    )
    .addOption(tagsOption)
    .addOption(areaOption)
    .addOption(langOption)
    .option('--quiet', 'print only the pre-flight lines, the FAIL and ERROR cases and the summary (no line per passing case, no N/A summary)')
    .option('--force', 'write into --out even if it holds the results of an earlier run')
    .option(
      '--rerun-failed <dir>',
      'rerun only the FAIL, INCONCLUSIVE and ERROR cases of the run in <dir> (its plan.json and messages.ndjson), into a new report that says so and links the earlier one',
    )
    .option('--pdf', 'also print report.pdf through headless Chromium (apt-get install chromium)')
    .addHelpText(
      'after',
      '\nExit codes: 0 no FAIL or ERROR, 1 some FAIL, 2 bad usage or invalid profile, 3 the tool failed.\nExample: npx sscc run --profile profiles/sim-reference.yaml --out out/first',
    )
    .action(async (opts: RunCommandOptions) => {
      process.exitCode = (await runCommand(opts)).code;
    });
}
