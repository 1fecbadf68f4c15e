/** `sscc defects`: the card-sim defect catalogue and the proof that the suite catches it. */
import { consoleLines } from '../../report/escape.ts';
import { basename, join } from 'node:path';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type { Command } from 'commander';
import { DEFECTS, type Defect } from '../../../card-sim/defects/catalogue.ts';
import { defectAreas, verifyDefects } from '../../run/defects.ts';
import { ROOT, planFrom } from '../common.ts';
import { UsageError } from '../errors.ts';

interface VerifyOptions {
  profile?: string;
  out: string;
  area?: string;
  json?: boolean;
}

/** The profile the catalogue runs on: card defects on the reference card, terminal defects on the reference terminal. */
export const CARD_PROFILE = 'profiles/sim-reference.yaml';
export const TERMINAL_PROFILE = 'profiles/terminal-reference.yaml';

export function profilesFor(opts: { profile?: string; area?: string }): string[] {
  if (opts.profile) return [opts.profile];
  if (opts.area === 'terminal') return [TERMINAL_PROFILE];
  return opts.area ? [CARD_PROFILE] : [CARD_PROFILE, TERMINAL_PROFILE];
}

async function verify(opts: VerifyOptions): Promise<void> {
  if (opts.area && !defectAreas().includes(opts.area)) throw new UsageError(`unknown area "${opts.area}"; the catalogue has: ${defectAreas().join(', ')}`);
  const log = (s: string) => process.stderr.write(consoleLines(s) + '\n');
  const summaries: Array<Awaited<ReturnType<typeof verifyDefects>>> = [];
  const profiles = profilesFor(opts);
  for (const profile of profiles) {
    const plan = planFrom({ ...opts, profile });
    if (!opts.json) log(`defects on ${profile}:`);
    const support: ISupportCodeLibrary | undefined = summaries[summaries.length - 1]?.support;
    summaries.push(await verifyDefects({ root: ROOT, plan, outDir: profiles.length > 1 ? join(opts.out, basename(profile, '.yaml')) : opts.out, log: opts.json ? () => {} : log, ...(opts.area ? { area: opts.area } : {}), ...(support ? { support } : {}) }));
  }
  const ok = summaries.every((s) => s.ok);
  if (opts.json) {
    const out = {
      total: summaries.reduce((n, s) => n + s.total, 0),
      detected: summaries.reduce((n, s) => n + s.detected, 0),
      clean: summaries.every((s) => s.clean),
      unproven: summaries.flatMap((s) => s.unproven),
      defects: summaries.flatMap((s) => s.defects),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  }
  process.exitCode = ok ? 0 : 1;
}

function verifyOptions(c: Command): Command {
  return c
    .option('--profile <file>', `a simulator profile (default ${CARD_PROFILE} for card defects, ${TERMINAL_PROFILE} for terminal defects, both without --area)`)
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
