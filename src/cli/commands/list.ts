/** `sscc list`: the plan of a profile, with applicability. */
import type { Command } from 'commander';
import { areaOption, planFrom, tagsOption } from '../common.ts';
import { publicPlan } from '../../plan/load.ts';

export function register(p: Command): void {
  p.command('list')
    .description('show the plan for a profile: every scenario, and whether it applies (with the ICS reason)')
    .requiredOption('--profile <file>', 'profile (YAML)')
    .addOption(tagsOption)
    .addOption(areaOption)
    .option('--json', 'print the plan as JSON (usable with `sscc run --plan`)')
    .action((opts: { profile: string; json?: boolean; tags?: string; area?: string }) => {
      const plan = planFrom(opts);
      if (opts.json) {
        process.stdout.write(JSON.stringify(publicPlan(plan), null, 2) + '\n');
        return;
      }
      const applicable = plan.scenarios.filter((s) => s.applicable).length;
      for (const s of plan.scenarios) {
        const mark = s.applicable ? 'applies       ' : 'NOT APPLICABLE';
        process.stdout.write(`${mark}  ${s.id.padEnd(12)} ${s.name}${s.reason ? `  — ${s.reason}` : ''}\n`);
      }
      process.stdout.write(
        `\n${plan.scenarios.length} scenarios, ${applicable} apply to ${plan.profile.file} (profile sha256 ${plan.profile.sha256.slice(0, 12)}…)\n`,
      );
    });
}
