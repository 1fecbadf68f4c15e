/** `sscc defects`: the card-sim defect catalogue and the proof that the suite catches it. */
import type { Command } from 'commander';
import { DEFECTS, type Defect } from '../../../card-sim/defects/catalogue.ts';
import { defectAreas, verifyDefects } from '../../run/defects.ts';
import { ROOT, planFrom } from '../common.ts';
import { UsageError } from '../errors.ts';

interface VerifyOptions {
  profile: string;
  out: string;
  area?: string;
  json?: boolean;
}

async function verify(opts: VerifyOptions): Promise<void> {
  if (opts.area && !defectAreas().includes(opts.area)) throw new UsageError(`unknown area "${opts.area}"; the catalogue has: ${defectAreas().join(', ')}`);
  const plan = planFrom(opts);
  const log = (s: string) => process.stderr.write(s + '\n');
  const summary = await verifyDefects({ root: ROOT, plan, outDir: opts.out, log: opts.json ? () => {} : log, ...(opts.area ? { area: opts.area } : {}) });
  if (opts.json) {
    const { ok: _ok, ...out } = summary;
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  }
  process.exitCode = summary.ok ? 0 : 1;
}

function verifyOptions(c: Command): Command {
  return c
    .option('--profile <file>', 'a simulator profile', 'profiles/sim-reference.yaml')
    .option('--area <area>', `only this area's defects (${defectAreas().join(', ')})`)
    .option('--json', 'print { total, detected, clean, defects: [{ id, area, expected, failed, detected, exact }] } on stdout')
    .option('--out <dir>', "folder for each run's results", 'out/defects');
}

export function register(p: Command): void {
  // The parent's options come before `list`/`verify`, so `defects verify --profile X` gives X to verify.
  p.enablePositionalOptions();
  const defects = verifyOptions(
    p
      .command('defects')
      .enablePositionalOptions()
      .description('the card-sim defect catalogue: run it (exactly the named scenarios must fail, the clean image must pass), or list it')
      .addHelpText('after', '\nExamples:\n  sscc defects --area iso7816 --json\n  sscc defects list --area sscard\n'),
  ).action((opts: VerifyOptions) => verify(opts));
  defects
    .command('list')
    .description('list the defects and the scenarios each must make fail')
    .option('--area <area>', 'only this area')
    .action((opts: { area?: string }) => {
      for (const d of DEFECTS as readonly Defect[]) {
        if (opts.area && d.area !== opts.area) continue;
        const only = d.ics ? `\n  only where: ${d.ics.join(' ')}` : '';
        process.stdout.write(`${d.id} [${d.area}]\n  ${d.title}\n  must fail: ${d.mustFail.join(', ')}${only}\n`);
      }
    });
  verifyOptions(defects.command('verify').description('the same as `sscc defects`: run the catalogue against the suite')).action((opts: VerifyOptions) => verify(opts));
}
