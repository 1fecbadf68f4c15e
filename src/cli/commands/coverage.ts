/** `sscc coverage --sw`: the command × status-word and state-machine table's coverage (reports/sw-coverage.yaml, docs/sw-coverage.md). */
import type { Command } from 'commander';
import { ROOT, planFrom } from '../common.ts';
import { featureFiles, readScenarios } from '../../plan/scenarios.ts';
import { loadSwTable, swCoverage, tableProblems } from '../../plan/sw-coverage.ts';

export function register(p: Command): void {
  p.command('coverage')
    .description('coverage of the command × status-word and state-machine tables (docs/sw-coverage.md): rows provoked by a scenario, justified, or open')
    .option('--sw', 'the status-word and state-machine table (the one table today, and the default)')
    .option('--profile <file>', 'count only the scenarios that apply to this product (default: the whole suite)')
    .option('--json', 'print { rows, transitions, commands, open } as JSON')
    .action((opts: { sw?: boolean; profile?: string; json?: boolean }) => {
      const table = loadSwTable(ROOT);
      const all = new Set(readScenarios(ROOT, featureFiles(ROOT)).scenarios.map((s) => s.id));
      const problems = tableProblems(table, all);
      const ids = opts.profile
        ? new Set(
            planFrom({ profile: opts.profile })
              .scenarios.filter((s) => s.applicable)
              .map((s) => s.id),
          )
        : all;
      const c = swCoverage(table, ids);
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ...c, problems }, null, 2) + '\n');
      } else {
        for (const x of c.commands)
          process.stdout.write(
            `${`${x.spec} §${x.clause} ${x.command}`.padEnd(44)} ${String(x.covered).padStart(3)} provoked ${String(x.justified).padStart(3)} justified ${String(x.uncovered).padStart(3)} open\n`,
          );
        const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : '-');
        process.stdout.write(
          `\nstatus-word rows: ${c.rows.total}, ${c.rows.covered} provoked, ${c.rows.justified} justified, ${c.rows.uncovered} open (${pct(c.rows.covered + c.rows.justified, c.rows.total)} covered or justified)\n`,
        );
        process.stdout.write(
          `transitions: ${c.transitions.total}, ${c.transitions.covered} provoked, ${c.transitions.justified} justified, ${c.transitions.uncovered} open\n`,
        );
        if (opts.profile && c.open.length) process.stdout.write(`open for this product (their scenarios do not apply): ${c.open.length}\n`);
        for (const pr of problems) process.stdout.write(`problem: ${pr}\n`);
      }
      process.exitCode = problems.length ? 1 : 0;
    });
}
