/** `sscc sign`, `sscc verify-report`, `sscc diff`: what a lab does with a finished report (signatures: issue 18). */
import { consoleLines } from '../../report/escape.ts';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { diffReports, formatDiff, isClean } from '../../report/diff.ts';
import { keyIdOf, signReport, verifyReport } from '../../report/integrity.ts';
import { createPrivateKey } from 'node:crypto';
import type { Report } from '../../report/build.ts';
import { formatInZone } from '../../report/certificate.ts';
import { type Lang, renderHtml } from '../../report/write.ts';
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

/** The files of a run folder a signature covers besides report.json (issue 18). */
export const MANIFEST_FILES = ['report.html', 'junit.xml', 'messages.ndjson', 'plan.json', 'environment.json'];

function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** DIR or DIR/report.json → the report file. */
function reportFile(target: string): string {
  try {
    return statSync(target).isDirectory() ? join(target, 'report.json') : target;
  } catch {
    return target; // readReport names what is wrong
  }
}

/** The trusted public keys: --pubkey, every *.pem of --trust DIR, or of $SSCC_TRUST_DIR. */
function trustedKeys(o: { pubkey?: string; trust?: string }): { keys: string[]; from: string } {
  if (o.pubkey) return { keys: [readKey(o.pubkey, '--pubkey')], from: `--pubkey ${o.pubkey}` };
  const dir = o.trust ?? process.env.SSCC_TRUST_DIR;
  if (!dir) return { keys: [], from: '' };
  const what = o.trust ? '--trust' : 'SSCC_TRUST_DIR';
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.pem'))
      .sort();
  } catch (e) {
    throw new UsageError(
      `${what} ${dir}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); give a folder of trusted public keys (PEM)`,
    );
  }
  if (!names.length) throw new UsageError(`${what} ${dir}: holds no .pem public key`);
  return { keys: names.map((n) => readKey(join(dir, n), what)), from: `${what} ${dir}` };
}

export function register(p: Command): void {
  p.command('sign')
    .description(
      "sign a report with the lab's Ed25519 private key (PEM): the signature covers the report's digest, the signer, the time, the key id and the SHA-256 of the run's other files",
    )
    .argument('<report>', 'report.json of a run, or its folder')
    .requiredOption('--key <pem>', 'private key, PEM (openssl genpkey -algorithm ed25519 -out lab.pem)')
    .option('--signer <name>', 'who signs, written into the signed content')
    .option('--out <file>', 'where to write the signed report (default: over the input)')
    .addHelpText('after', '\nExample: npx sscc sign out/first --key lab.pem --signer "Lab A"\nThen: npx sscc verify-report out/first --pubkey lab.pub.pem')
    .action((target: string, o: { key: string; signer?: string; out?: string }) => {
      const file = reportFile(target);
      const report = readReport(file);
      const before = verifyReport({ ...report, signature: undefined });
      if (!before.digestOk)
        throw new UsageError(
          `${file}: refused: ${before.problems.join('; ')}; only a report as sscc wrote it can be signed (rebuild it with sscc report --from)`,
        );
      const dir = dirname(file);
      const now = new Date();
      // The page says it is signed, by whom, with which key and how to verify: rendered before the
      // manifest hashes it (the signature value itself cannot be on the page it covers).
      const html = join(dir, 'report.html');
      if (!o.out && existsSync(html)) {
        let keyId: string;
        try {
          // A key that cannot sign (not Ed25519) is refused before the page says it is signed.
          signReport(report, readKey(o.key, '--key'), o.signer, now, []);
          keyId = keyIdOf(createPrivateKey(readKey(o.key, '--key')));
        } catch (e) {
          throw new UsageError(`--key ${o.key}: ${(e as Error).message}`);
        }
        const lang: Lang = /<html lang="en"/.test(readFileSync(html, 'utf8').slice(0, 200)) ? 'en' : 'zh-CN';
        const zone = (report as { certificate?: { timeZone?: string } }).certificate?.timeZone ?? 'UTC';
        const at = `${formatInZone(now.toISOString(), zone)} (${zone})`;
        writeFileSync(html, renderHtml(report as unknown as Report, lang, { signer: o.signer ?? '—', at, keyId }));
      }
      const files = MANIFEST_FILES.filter((n) => existsSync(join(dir, n))).map((name) => ({ name, sha256: sha256File(join(dir, name)) }));
      let signed: ReturnType<typeof signReport>;
      try {
        signed = signReport(report, readKey(o.key, '--key'), o.signer, now, files);
      } catch (e) {
        throw new UsageError(`--key ${o.key}: ${(e as Error).message}`);
      }
      writeFileSync(o.out ?? file, JSON.stringify(signed, null, 2) + '\n');
      process.stderr.write(
        consoleLines(
          `signed ${o.out ?? file} (${signed.signature.algorithm}, key ${signed.signature.keyId.slice(0, 16)}…, digest ${signed.integrity.digest}; also ${files.map((f) => f.name).join(', ') || 'no other file'})`,
        ) + '\n',
      );
    });

  p.command('verify-report')
    .description('check a report: schema, digest over its content, its signature and the files it covers, and that a trusted key made it')
    .argument('<report>', 'report.json, or the run folder holding it')
    .option('--pubkey <pem>', "the lab's public key: the report must be signed by it")
    .option('--trust <dir>', 'a folder of trusted public keys (*.pem); default $SSCC_TRUST_DIR')
    .addHelpText(
      'after',
      '\nExit codes: 0 the report holds (and, when signed, a trusted key signed it), 1 it was changed, a signature fails, or no trusted key vouches for the signer (UNVERIFIED), 2 unreadable or not a report.',
    )
    .action((target: string, o: { pubkey?: string; trust?: string }) => {
      const file = reportFile(target);
      const report = readReport(file);
      const trust = trustedKeys(o);
      const v = verifyReport(report, trust.keys);
      const sig = report.signature;
      // The files the signature names, beside the report.
      if (sig && v.signatureOk !== false) {
        for (const f of sig.files) {
          const p = join(dirname(file), f.name);
          if (!existsSync(p)) v.problems.push(`${f.name}, covered by the signature, is missing beside the report`);
          else if (sha256File(p) !== f.sha256) v.problems.push(`${f.name} was changed after the report was signed (SHA-256 differs)`);
        }
        v.ok = v.problems.length === 0;
      }
      const who = sig ? `${sig.algorithm}${sig.signer ? `, says signer "${sig.signer}"` : ''}, key ${sig.keyId}, at ${sig.signedAt}` : '';
      if (!v.ok) out(`NOT OK: ${file}:\n${v.problems.map((x) => `  ${x}`).join('\n')}\n`);
      else if (v.untrusted)
        out(
          `UNVERIFIED: ${file}: the digest holds and the signature verifies with the key it carries (${who}), but no trusted key was given (--pubkey, --trust or SSCC_TRUST_DIR): anyone can make such a signature, so sscc cannot vouch for the signer\n`,
        );
      else out(`OK: ${file}: digest holds${sig ? `, signed by a trusted key (${who}; ${trust.from}), ${sig.files.length} files covered` : ', not signed'}\n`);
      process.exitCode = v.ok && !v.untrusted ? 0 : 1;
    });

  p.command('diff')
    .description(
      'compare two reports: cases whose verdict changed, new and removed cases, requirement coverage (exit 0 when nothing changed, 1 when something did)',
    )
    .argument('<old>', 'the earlier report.json')
    .argument('<new>', 'the later report.json')
    .option('--json', 'print the difference as JSON')
    .action((a: string, b: string, o: { json?: boolean }) => {
      const d = diffReports(readReport(a), readReport(b));
      process.stdout.write(o.json ? JSON.stringify(d, null, 2) + '\n' : consoleLines(formatDiff(d)));
      process.exitCode = isClean(d) ? 0 : 1;
    });
}
