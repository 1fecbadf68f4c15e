/**
 * The sscc command line. Exit codes: 0 no FAIL or ERROR; 1 some FAIL; 2 bad usage or invalid profile;
 * 3 the tool itself failed. Each command lives in commands/<name>.ts; add new ones to COMMANDS.
 */
import { consoleLines } from '../report/escape.ts';
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { UsageError } from './errors.ts';

/** package.json's version, read here so that `sscc --version` loads nothing else (plan.ts toolVersion reads the same). */
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

type CommandModule = { register(p: Command): void };
/**
 * Each command's module by the names it registers, loaded only when that command runs: `sscc --version`
 * or `sscc list` need neither cucumber nor the report templates. Help and unknown names load them all.
 */
const COMMANDS: Array<{ names: string[]; load: () => Promise<CommandModule> }> = [
  { names: ['run'], load: () => import('./commands/run.ts') },
  { names: ['list'], load: () => import('./commands/list.ts') },
  { names: ['report'], load: () => import('./commands/report.ts') },
  { names: ['defects'], load: () => import('./commands/defects.ts') },
  { names: ['coverage'], load: () => import('./commands/coverage.ts') },
  { names: ['readers'], load: () => import('./commands/readers.ts') },
  { names: ['sim'], load: () => import('./commands/sim.ts') },
  { names: ['sign', 'verify-report', 'diff'], load: () => import('./commands/integrity.ts') },
  { names: ['campaign'], load: () => import('./commands/campaign.ts') },
  { names: ['station'], load: () => import('./commands/station.ts') },
  { names: ['serve'], load: () => import('./commands/serve.ts') },
];

/** The program with the commands `argv` names registered (all of them when it names none, for help). */
export async function program(argv: string[] = []): Promise<Command> {
  const p = new Command('sscc')
    .description('Conformance test harness for the social security card (社会保障卡) with financial function')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    // Before the commands are registered, so that they inherit it: a usage error is exit code 2, not 1.
    .exitOverride();
  const args = argv.slice(2);
  const version = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
  const named = COMMANDS.filter((c) => c.names.includes(args.find((a) => !a.startsWith('-')) ?? ''));
  const wanted = version ? [] : named.length ? named : COMMANDS;
  for (const c of await Promise.all(wanted.map((w) => w.load()))) c.register(p);
  return p;
}

/** Is `e` of the error class `name` exported by `module` (loaded already if such an error was thrown)? */
async function isError(e: unknown, load: () => Promise<Record<string, unknown>>, name: string): Promise<boolean> {
  const cls = (await load())[name];
  return typeof cls === 'function' && e instanceof (cls as new () => unknown);
}

export async function main(argv: string[]): Promise<number> {
  try {
    const p = await program(argv);
    await p.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const usage =
      e instanceof UsageError ||
      (await isError(e, () => import('../profile/load.ts'), 'ProfileError')) ||
      (await isError(e, () => import('../plan/load.ts'), 'PlanError')) ||
      (await isError(e, () => import('../report/schema.ts'), 'ReportError')) ||
      (await isError(e, () => import('../run/runner.ts'), 'PreflightRefused'));
    if (usage) {
      process.stderr.write(`sscc: ${consoleLines((e as Error).message)}\n`);
      return 2;
    }
    if (await isError(e, () => import('../plan/scenarios.ts'), 'FeatureError')) {
      process.stderr.write(`sscc: the feature files are invalid: ${consoleLines((e as Error).message)}\n`);
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
