/** `sscc report --from`: rebuild the reports from a message stream. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { exitCodeOf } from '../../report/build.ts';
import { rebuildFromStream } from '../../report/rebuild.ts';
import { type Lang, writeReports } from '../../report/write.ts';
import { UsageError } from '../errors.ts';
import { langOption } from '../common.ts';
import { prepareOutDir } from '../out-dir.ts';
import { consoleText } from '../../report/escape.ts';
import { PdfError, writePdf } from '../../report/pdf.ts';

/** The signer of the report.json already in `dir`, when it is signed (undefined: none, or not signed). */
function signedBy(dir: string): string | undefined {
  const file = join(dir, 'report.json');
  if (!existsSync(file)) return undefined;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { signature?: { signer?: string; signedAt?: string } };
    return r.signature ? `${r.signature.signer ?? 'an unnamed signer'} at ${r.signature.signedAt ?? '?'}` : undefined;
  } catch {
    return undefined;
  }
}

/** report.html of a folder printed to report.pdf beside it; without Chromium, exit 2 saying what to install. */
export async function printPdf(dir: string): Promise<string> {
  const pdf = join(dir, 'report.pdf');
  try {
    await writePdf(join(dir, 'report.html'), pdf);
  } catch (e) {
    if (e instanceof PdfError) throw new UsageError(e.message);
    throw e;
  }
  return pdf;
}

export function register(p: Command): void {
  p.command('report')
    .description('rebuild report.json, report.html and junit.xml from a message stream (also one cut off by a crash)')
    .requiredOption('--from <file>', 'messages.ndjson of a run; plan.json and environment.json are read from the same folder')
    .option('--out <dir>', 'folder for the reports (default: the folder of --from)')
    .option('--force', 'replace a signed report.json (its signature is dropped: sign the new one again)')
    .option('--pdf', 'also print report.pdf through headless Chromium (apt-get install chromium)')
    .addOption(langOption)
    .addHelpText(
      'after',
      '\nExit codes: 0 no FAIL or ERROR, 1 some FAIL, 2 bad usage or a damaged message stream (the reports are still written, marked partial), 3 some ERROR.',
    )
    .action(async (opts: { from: string; out?: string; lang: Lang; force?: boolean; pdf?: boolean }) => {
      const rebuilt = rebuildFromStream(opts.from); // checked first: a wrong --from never touches the reports
      const out = opts.out ?? dirname(opts.from);
      prepareOutDir(out);
      const signer = signedBy(out);
      if (signer && !opts.force) {
        throw new UsageError(
          `${join(out, 'report.json')} is signed (by ${consoleText(signer)}); rebuilding would drop that signature: give --out ANOTHER-FOLDER, or --force to replace it and sign again`,
        );
      }
      const files = writeReports(out, rebuilt.report, opts.lang);
      if (opts.pdf) files.push(await printPdf(out));
      if (signer)
        process.stderr.write(`sscc: the signature by ${consoleText(signer)} was dropped: the rebuilt report is not signed; sign it again with sscc sign\n`);
      process.stderr.write(
        `rebuilt ${files.join(', ')}${rebuilt.cutOff ? ' (the stream was cut off at its last line, as by a crash; the unfinished cases are INCONCLUSIVE)' : ''}\n`,
      );
      if (rebuilt.damaged) {
        process.stderr.write(
          `sscc: ${consoleText(opts.from)} is damaged at line ${rebuilt.damaged.line}: ${consoleText(rebuilt.damaged.problem)}; the report keeps what came before it, marks the rest INCONCLUSIVE and says it is partial\n`,
        );
        process.exitCode = 2;
        return;
      }
      process.exitCode = exitCodeOf(rebuilt.report.summary);
    });
}
