/**
 * The sscc command line. Exit codes: 0 no FAIL or ERROR; 1 some FAIL; 2 bad usage or invalid profile;
 * 3 the tool itself failed.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { DEFECTS } from '../../card-sim/defects/catalogue.ts';
import { ProfileError, loadProfile } from '../profile/load.ts';
import { type Plan, buildPlan, toolVersion } from '../plan/plan.ts';
import { FeatureError } from '../plan/scenarios.ts';
import { buildReport, exitCodeOf } from '../report/build.ts';
import type { Environment } from '../run/environment.ts';
import { type Lang, writeReports } from '../report/write.ts';
import { rebuildFromStream } from '../report/rebuild.ts';
import { runPlan } from '../run/runner.ts';
import { verifyDefects } from '../run/defects.ts';
import { Progress } from './progress.ts';
import { UsageError } from './errors.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');


function planFrom(opts: { profile?: string; plan?: string; defect?: string[] }): Plan {
  let plan: Plan;
  if (opts.plan) {
    try {
      plan = JSON.parse(readFileSync(opts.plan, 'utf8')) as Plan;
    } catch (e) {
      throw new UsageError(`--plan ${opts.plan}: cannot read a plan (${(e as Error).message})`);
    }
    if (plan.schema !== 'sscc-plan/1') throw new UsageError(`--plan ${opts.plan}: not an sscc plan (schema is ${String(plan.schema)})`);
  } else if (opts.profile) {
    plan = buildPlan(ROOT, loadProfile(opts.profile));
  } else {
    throw new UsageError('give --profile FILE (or --plan plan.json); example: --profile profiles/sim-reference.yaml');
  }
  if (opts.defect?.length) {
    const t = plan.profile.data.target;
    if (t.kind !== 'sim') throw new UsageError('--defect needs a simulator target (target.kind: sim)');
    for (const d of opts.defect) if (!DEFECTS.some((x) => x.id === d)) throw new UsageError(`--defect ${d}: unknown; known: ${DEFECTS.map((x) => x.id).join(', ')}`);
    plan.profile.data = { ...plan.profile.data, target: { ...t, defects: [...(t.defects ?? []), ...opts.defect] } };
  }
  return plan;
}

const langOption = new Option('--lang <lang>', 'language the HTML report opens in').choices(['zh-CN', 'en']).default('zh-CN');

export function program(): Command {
  const p = new Command('sscc')
    .description('Conformance test harness for the social security card (社会保障卡) with financial function')
    .version(toolVersion(ROOT))
    .showHelpAfterError('(run with --help for usage)');

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
      const progress = new Progress(process.stderr, opts.quiet === true);
      progress.start(plan);
      const outcome = await runPlan({ root: ROOT, plan, outDir: opts.out, onCase: (c, done, total) => progress.case(c, done, total) });
      const report = buildReport(plan, outcome.environment, outcome.model);
      const files = writeReports(opts.out, report, opts.lang);
      progress.end(report.summary, [join(opts.out, 'messages.ndjson'), ...files]);
      process.exitCode = exitCodeOf(report.summary);
    });

  p.command('list')
    .description('show the plan for a profile: every scenario, and whether it applies (with the ICS reason)')
    .requiredOption('--profile <file>', 'profile (YAML)')
    .option('--json', 'print the plan as JSON (usable with `sscc run --plan`)')
    .action((opts: { profile: string; json?: boolean }) => {
      const plan = planFrom(opts);
      if (opts.json) {
        process.stdout.write(JSON.stringify(plan, null, 2) + '\n');
        return;
      }
      const applicable = plan.scenarios.filter((s) => s.applicable).length;
      for (const s of plan.scenarios) {
        const mark = s.applicable ? 'applies       ' : 'NOT APPLICABLE';
        process.stdout.write(`${mark}  ${s.id.padEnd(12)} ${s.name}${s.reason ? `  — ${s.reason}` : ''}\n`);
      }
      process.stdout.write(`\n${plan.scenarios.length} scenarios, ${applicable} apply to ${plan.profile.file} (profile sha256 ${plan.profile.sha256.slice(0, 12)}…)\n`);
    });

  p.command('report')
    .description('rebuild report.json, report.html and junit.xml from a message stream (also one cut off by a crash)')
    .requiredOption('--from <file>', 'messages.ndjson of a run; plan.json and environment.json are read from the same folder')
    .option('--out <dir>', 'folder for the reports (default: the folder of --from)')
    .addOption(langOption)
    .action((opts: { from: string; out?: string; lang: Lang }) => {
      const report = rebuildFromStream(opts.from);
      const files = writeReports(opts.out ?? dirname(opts.from), report, opts.lang);
      process.stderr.write(`rebuilt ${files.join(', ')}\n`);
      process.exitCode = exitCodeOf(report.summary);
    });

  const defects = p.command('defects').description('the card-sim defect catalogue: defects that the suite must catch');
  defects
    .command('list')
    .description('list the defects and the scenarios each must make fail')
    .action(() => {
      for (const d of DEFECTS) process.stdout.write(`${d.id}\n  ${d.title}\n  must fail: ${d.mustFail.join(', ')}\n`);
    });
  defects
    .command('verify')
    .description('run the suite against every defect: exactly the named scenarios must fail; the clean image must pass')
    .requiredOption('--profile <file>', 'a simulator profile, e.g. profiles/sim-reference.yaml')
    .option('--out <dir>', 'folder for each run\'s results', 'out/defects')
    .action(async (opts: { profile: string; out: string }) => {
      const plan = planFrom(opts);
      const ok = await verifyDefects({ root: ROOT, plan, outDir: opts.out, log: (s) => process.stderr.write(s + '\n') });
      process.exitCode = ok ? 0 : 1;
    });
  return p;
}

export async function main(argv: string[]): Promise<number> {
  const p = program();
  p.exitOverride();
  try {
    await p.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ProfileError || e instanceof UsageError) {
      process.stderr.write(`sscc: ${e.message}\n`);
      return 2;
    }
    if (e instanceof FeatureError) {
      process.stderr.write(`sscc: the feature files are invalid: ${e.message}\n`);
      return 3;
    }
    process.stderr.write(`sscc: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}

export type { Environment };

process.exitCode = await main(process.argv);
