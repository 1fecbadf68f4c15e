/** `sscc run`: run the plan of a profile and write the results. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildReport, exitCodeOf } from '../../report/build.ts';
import { type Lang, writeReports } from '../../report/write.ts';
import { runPlan } from '../../run/runner.ts';
import { ROOT, checkTarget, langOption, planFrom } from '../common.ts';
import { Progress } from '../progress.ts';

export function register(p: Command): void {
  p.command('run')
    .description('run the scenarios that apply to a profile and write messages.ndjson, report.json, report.html, junit.xml')
    .option('--profile <file>', 'profile (YAML) of the product under test, e.g. profiles/sim-reference.yaml')
    .option('--plan <file>', 'run a plan.json written by an earlier run or by `sscc list --json`, instead of --profile')
    .requiredOption('--out <dir>', 'folder for the results (created if missing)')
    .option('--defect <id...>', 'switch on card-sim defects (simulator targets only); see `sscc defects list`')
    .addOption(langOption)
    .option('--quiet', 'print only the summary, not a line per scenario')
    .addHelpText('after', '\nExit codes: 0 no FAIL or ERROR, 1 some FAIL, 2 bad usage or invalid profile, 3 the tool failed.\nExample: npx sscc run --profile profiles/sim-reference.yaml --out out/first')
    .action(async (opts: { profile?: string; plan?: string; out: string; defect?: string[]; lang: Lang; quiet?: boolean }) => {
      const plan = planFrom(opts);
      await checkTarget(plan.profile.data.target);
      const progress = new Progress(process.stderr, opts.quiet === true);
      progress.start(plan);
      const outcome = await runPlan({ root: ROOT, plan, outDir: opts.out, onCase: (c, done, total) => progress.case(c, done, total) });
      const report = buildReport(plan, outcome.environment, outcome.model);
      const files = writeReports(opts.out, report, opts.lang);
      progress.end(report.summary, [join(opts.out, 'messages.ndjson'), ...files]);
      process.exitCode = exitCodeOf(report.summary);
    });

}
