/** `sscc defects`: the card-sim defect catalogue and the proof that the suite catches it. */
import { consoleLines } from '../../report/escape.ts';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type { Command } from 'commander';
import { DEFECTS, type Defect } from '../../run/catalogue.ts';
import { defectAreas, verifyDefects } from '../../run/defects.ts';
import { ROOT, planFrom } from '../common.ts';
import { UsageError } from '../errors.ts';
import { didYouMean } from '../../profile/load.ts';

interface VerifyOptions {
  profile?: string;
  out?: string;
  area?: string;
  json?: boolean;
  proof?: boolean;
  part?: string;
}

/**
 * The whole proof (npm run test:defects): the catalogue on each card and terminal profile it is written
 * for. `cost` is about the CPU seconds each took (2026-12-01, session 6, on a loaded 2-core machine), to share the list out between processes (--part).
 */
export const PROOF: ReadonlyArray<{ profile: string; area?: string; cost: number }> = [
  { profile: 'profiles/sim-reference.yaml', cost: 96 },
  { profile: 'profiles/terminal-reference.yaml', cost: 28 },
  { profile: 'profiles/sim-pboc30.yaml', area: 'pboc', cost: 37 },
  { profile: 'profiles/sim-cda.yaml', area: 'pboc', cost: 39 },
  { profile: 'profiles/sim-pboc30-cda.yaml', area: 'pboc', cost: 43 },
  { profile: 'profiles/sim-contactless.yaml', area: 'pboc', cost: 40 },
  { profile: 'profiles/sim-dual.yaml', area: 'pboc', cost: 46 },
  { profile: 'profiles/sim-sscard30.yaml', area: 'sscard', cost: 20 },
  { profile: 'profiles/sim-sscard10.yaml', area: 'sscard', cost: 15 },
  { profile: 'profiles/sim-sscard30.yaml', area: 'medical', cost: 10 },
  { profile: 'profiles/sim-reference-tpdu.yaml', area: 'iso7816', cost: 46 },
];

/** The proof's runs, costliest first: with n = their number, share i of n is the i-th of these. */
export function proofOrder(): typeof PROOF {
  return [...PROOF].sort((a, b) => b.cost - a.cost);
}

/** Share i of n of the proof (1-based "i/n"): the costliest run first to the least loaded share. */
export function proofPart(part: string | undefined): typeof PROOF {
  if (part === undefined) return PROOF;
  const m = /^(\d+)\/(\d+)$/.exec(part);
  const i = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || i < 1 || i > n) throw new UsageError(`--part ${part}: give i/n with 1 <= i <= n, e.g. 1/2`);
  const load = new Array<number>(n).fill(0);
  const share = new Map<(typeof PROOF)[number], number>();
  for (const run of proofOrder()) {
    const least = load.indexOf(Math.min(...load));
    share.set(run, least);
    load[least] = (load[least] as number) + run.cost;
  }
  return PROOF.filter((run) => share.get(run) === i - 1);
}

/** The profile the catalogue runs on: card defects on the reference card, terminal defects on the reference terminal. */
export const CARD_PROFILE = 'profiles/sim-reference.yaml';
export const TERMINAL_PROFILE = 'profiles/terminal-reference.yaml';

export function profilesFor(opts: { profile?: string; area?: string }): string[] {
  if (opts.profile) return [opts.profile];
  if (opts.area === 'terminal') return [TERMINAL_PROFILE];
  return opts.area ? [CARD_PROFILE] : [CARD_PROFILE, TERMINAL_PROFILE];
}

/**
 * One run of the proof (a profile, with an area or the whole catalogue), its lines given to `log`, ending
 * with its CPU seconds. `support`: the step library of an earlier run in this process (cucumber loads the
 * step modules once per process); test:defects hands runs to long-lived workers through this.
 */
export async function proveRun(
  run: { profile: string; area?: string | undefined },
  log: (s: string) => void,
  support?: ISupportCodeLibrary,
  planOptions: Parameters<typeof planFrom>[0] = {},
): Promise<Awaited<ReturnType<typeof verifyDefects>>> {
  const { profile, area } = run;
  const plan = planFrom({ ...planOptions, profile });
  const t0 = process.cpuUsage();
  log(`defects on ${profile}${area ? ` --area ${area}` : ''}:`);
  const summary = await verifyDefects({ root: ROOT, plan, log, ...(area ? { area } : {}), ...(support ? { support } : {}) });
  const cpu = process.cpuUsage(t0);
  log(`(${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU-s)`);
  return summary;
}

async function verify(opts: VerifyOptions): Promise<void> {
  if (opts.area && !defectAreas().includes(opts.area))
    throw new UsageError(`unknown area "${opts.area}"${didYouMean(opts.area, defectAreas())}; the catalogue has: ${defectAreas().join(', ')}`);
  if (opts.part && !opts.proof) throw new UsageError('--part shares out --proof');
  if (opts.proof && (opts.profile || opts.area)) throw new UsageError('--proof runs its own profiles and areas: leave out --profile and --area');
  const log = (s: string) => process.stderr.write(consoleLines(s) + '\n');
  const summaries: Array<Awaited<ReturnType<typeof verifyDefects>>> = [];
  const runs = opts.proof ? proofPart(opts.part) : profilesFor(opts).map((profile) => ({ profile, ...(opts.area ? { area: opts.area } : {}) }));
  for (const run of runs) summaries.push(await proveRun(run, opts.json ? () => {} : log, summaries[summaries.length - 1]?.support, opts));
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
    .option('--proof', 'the whole proof of npm run test:defects: every card and terminal profile with the areas it proves')
    .option('--part <i/n>', 'with --proof: only share i of n (to run the proof in n processes)')
    .option('--out <dir>', 'ignored (kept for old scripts): the verdicts stay in memory');
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
    .option('--proof', 'the runs of the whole proof instead (profile, area, cost), costliest first, one per line as JSON; test:defects shares them out')
    .action((opts: { area?: string; proof?: boolean }) => {
      if (opts.proof) {
        for (const [i, run] of proofOrder().entries()) process.stdout.write(`${JSON.stringify({ part: `${i + 1}/${PROOF.length}`, ...run })}\n`);
        return;
      }
      if (opts.area && !defectAreas().includes(opts.area))
        throw new UsageError(`--area ${opts.area}: unknown area${didYouMean(opts.area, defectAreas())}; the catalogue has: ${defectAreas().join(', ')}`);
      for (const d of DEFECTS as readonly Defect[]) {
        if (opts.area && d.area !== opts.area) continue;
        const only = d.ics ? `\n  only where: ${d.ics.join(' ')}` : '';
        process.stdout.write(`${d.id} [${d.area}]\n  ${d.title}\n  must fail: ${d.mustFail.join(', ')}${only}\n`);
      }
    });
  verifyOptions(defects.command('verify').description('the same as `sscc defects`: run the catalogue against the suite')).action((opts: VerifyOptions) =>
    verify(opts),
  );
}
