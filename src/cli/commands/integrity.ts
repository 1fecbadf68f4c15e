/** `sscc sign`, `sscc verify-report`, `sscc diff`: what a lab does with a finished report. */
import { consoleLines } from '../../report/escape.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { diffReports, formatDiff, isClean } from '../../report/diff.ts';
import { signReport, verifyReport } from '../../report/integrity.ts';
import { readReport } from '../../report/schema.ts';
import { UsageError } from '../errors.ts';

/** What a report says (signer, case titles) is data: shown, never interpreted by the terminal. */
const out = (s: string) => process.stdout.write(consoleLines(s));

function readKey(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${what} ${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export function register(p: Command): void {
  p.command('sign')
    .description("sign a report.json with the lab's Ed25519 private key (PEM): digest over the canonical JSON, signature over the digest")
    .argument('<report>', 'report.json of a run')
    .requiredOption('--key <pem>', 'private key, PEM (openssl genpkey -algorithm ed25519 -out lab.pem)')
    .option('--signer <name>', 'who signs, written into the signature')
    .option('--out <file>', 'where to write the signed report (default: over the input)')
    .addHelpText('after', '\nExample: npx sscc sign out/first/report.json --key lab.pem --signer "Lab A"\nThen: npx sscc verify-report out/first/report.json --pubkey lab.pub.pem')
    .action((file: string, o: { key: string; signer?: string; out?: string }) => {
      const report = readReport(file);
      let signed: ReturnType<typeof signReport>;
      try {
        signed = signReport(report, readKey(o.key, '--key'), o.signer);
      } catch (e) {
        throw new UsageError(`--key ${o.key}: ${(e as Error).message}`);
      }
      writeFileSync(o.out ?? file, JSON.stringify(signed, null, 2) + '\n');
      process.stderr.write(`signed ${o.out ?? file} (${signed.signature.algorithm}, digest ${signed.integrity.digest})\n`);
    });

  p.command('verify-report')
    .description('check a report.json: schema, digest over its content, and its signature (against --pubkey when given)')
    .argument('<report>', 'report.json')
    .option('--pubkey <pem>', "the lab's public key: the report must be signed by it")
    .addHelpText('after', '\nExit codes: 0 the report holds, 1 it was changed or the signature fails, 2 unreadable or not a report.')
    .action((file: string, o: { pubkey?: string }) => {
      const report = readReport(file);
      const v = verifyReport(report, o.pubkey ? readKey(o.pubkey, '--pubkey') : undefined);
      if (v.ok) out(`OK: ${file}: digest holds${v.signed ? `, signed (${report.signature?.algorithm}${report.signature?.signer ? ` by ${report.signature.signer}` : ''})` : ', not signed'}\n`);
      else out(`NOT OK: ${file}:\n${v.problems.map((x) => `  ${x}`).join('\n')}\n`);
      process.exitCode = v.ok ? 0 : 1;
    });

  p.command('diff')
    .description('compare two reports: cases whose verdict changed, new and removed cases, requirement coverage (exit 0 when nothing changed, 1 when something did)')
    .argument('<old>', 'the earlier report.json')
    .argument('<new>', 'the later report.json')
    .option('--json', 'print the difference as JSON')
    .action((a: string, b: string, o: { json?: boolean }) => {
      const d = diffReports(readReport(a), readReport(b));
      process.stdout.write(o.json ? JSON.stringify(d, null, 2) + '\n' : consoleLines(formatDiff(d)));
      process.exitCode = isClean(d) ? 0 : 1;
    });
}
