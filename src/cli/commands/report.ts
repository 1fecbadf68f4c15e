/** `sscc report --from`: rebuild the reports from a message stream. */
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { exitCodeOf } from '../../report/build.ts';
import { rebuildFromStream } from '../../report/rebuild.ts';
import { type Lang, writeReports } from '../../report/write.ts';
import { langOption } from '../common.ts';

export function register(p: Command): void {
  p.command('report')
    .description('rebuild report.json, report.html and junit.xml from a message stream (also one cut off by a crash)')
    .requiredOption('--from <file>', 'messages.ndjson of a run; plan.json and environment.json are read from the same folder')
    .option('--out <dir>', 'folder for the reports (default: the folder of --from)')
    .addOption(langOption)
    .action((opts: { from: string; out?: string; lang: Lang }) => {
      const report = rebuildFromStream(opts.from); // written sealed and checked against the schema
      const files = writeReports(opts.out ?? dirname(opts.from), report, opts.lang);
      process.stderr.write(`rebuilt ${files.join(', ')}\n`);
      process.exitCode = exitCodeOf(report.summary);
    });

}
