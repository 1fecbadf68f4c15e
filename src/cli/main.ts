/**
 * The sscc command line. Exit codes: 0 no FAIL or ERROR; 1 some FAIL; 2 bad usage or invalid profile;
 * 3 the tool itself failed. Each command lives in commands/<name>.ts; add new ones to COMMANDS.
 */
import { consoleLines } from '../report/escape.ts';
import { Command, CommanderError } from 'commander';
import { ProfileError } from '../profile/load.ts';
import { PlanError } from '../plan/load.ts';
import { toolVersion } from '../plan/plan.ts';
import { FeatureError } from '../plan/scenarios.ts';
import { ROOT } from './common.ts';
import { UsageError } from './errors.ts';
import { ReportError } from '../report/schema.ts';
import * as defects from './commands/defects.ts';
import * as integrity from './commands/integrity.ts';
import * as list from './commands/list.ts';
import * as report from './commands/report.ts';
import * as readers from './commands/readers.ts';
import * as run from './commands/run.ts';
import * as sim from './commands/sim.ts';

const COMMANDS: Array<{ register(p: Command): void }> = [run, list, report, defects, readers, sim, integrity];

export function program(): Command {
  const p = new Command('sscc')
    .description('Conformance test harness for the social security card (社会保障卡) with financial function')
    .version(toolVersion(ROOT))
    .showHelpAfterError('(run with --help for usage)')
    // Before the commands are registered, so that they inherit it: a usage error is exit code 2, not 1.
    .exitOverride();
  for (const c of COMMANDS) c.register(p);
  return p;
}
export async function main(argv: string[]): Promise<number> {
  const p = program();
  try {
    await p.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ProfileError || e instanceof UsageError || e instanceof PlanError || e instanceof ReportError) {
      process.stderr.write(`sscc: ${consoleLines(e.message)}\n`);
      return 2;
    }
    if (e instanceof FeatureError) {
      process.stderr.write(`sscc: the feature files are invalid: ${consoleLines(e.message)}\n`);
      return 3;
    }
    process.stderr.write(`sscc: internal error: ${consoleLines(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
    return 3;
  }
}

// `sscc list | head`: the reader went away; stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await main(process.argv);
