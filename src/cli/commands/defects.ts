/** `sscc defects`: the card-sim defect catalogue and the proof that the suite catches it. */
import type { Command } from 'commander';
import { DEFECTS } from '../../../card-sim/defects/catalogue.ts';
import { verifyDefects } from '../../run/defects.ts';
import { ROOT, planFrom } from '../common.ts';

export function register(p: Command): void {
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
}
