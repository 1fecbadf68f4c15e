/**
 * The command line as a user meets it (spawning node bin/sscc.js): exit codes 1 and 2 and messages
 * that name what is wrong (0 is npm test's own suite run). One spawn per kind of input: each costs
 * most of a second; the many ways a profile or plan can be wrong are unit tests of their loaders.
 * Also kill -9 in the middle of a run (issue 9): messages.ndjson keeps every case that finished, and
 * `sscc report --from` rebuilds a report with those cases and the rest INCONCLUSIVE. All concurrent.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../run/test-support.ts';
import { sscc } from './test-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'sscc-cli-'));
const reference = readFileSync(join(ROOT, 'profiles/sim-reference.yaml'), 'utf8');
function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

describe.concurrent('sscc exit codes and messages', () => {
  it('2: a profile with a wrong PIN stops at the pre-flight after one VERIFY; no scenario runs', async () => {
    const out = join(tmp, 'wrong-pin');
    const r = await sscc('run', '--profile', file('wrong-pin.yaml', reference.replace('pin: "123456"', 'pin: "654321"')), '--out', out, '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/keys.pin is not the card's SSSE PIN: VERIFY answered 63C2/);
    expect(r.stderr).toMatch(/cost to the sample: .*one SSSE PIN try \(2 left\)/);
    expect(existsSync(join(out, 'messages.ndjson'))).toBe(false);
  });

  it('1: the hostile card ends in FAIL verdicts that say what is wrong, no ERROR, no INCONCLUSIVE', async () => {
    const out = join(tmp, 'hostile');
    const r = await sscc('run', '--profile', 'profiles/sim-hostile.yaml', '--out', out, '--quiet');
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      summary: { error: number; inconclusive: number; fail: number; total: number };
      cases: Array<{ id: string; verdict: string; reason: string }>;
    };
    expect(report.summary.error).toBe(0);
    // A deviation is reported once: the scenarios that need what another found broken (the ATR that
    // ISO-ATR-002 fails) are INCONCLUSIVE "precondition not met", naming it; nothing else is unjudged.
    const unjudged = report.cases.filter((c) => c.verdict === 'INCONCLUSIVE');
    for (const c of unjudged) expect(c.reason, c.id).toMatch(/^precondition not met: .*\((ISO|SS|PB)-[A-Z0-9]+-\d+\)/);
    expect(unjudged.length).toBeLessThanOrEqual(8);
    expect(report.summary.fail).toBeGreaterThanOrEqual(30);
    const reasons = report.cases.filter((c) => c.verdict === 'FAIL').map((c) => c.reason);
    for (const r of reasons) expect(r.length).toBeGreaterThan(20);
    // Each kind of garbage is diagnosed as what it is.
    for (const diagnosis of [
      /FCI is not valid BER-TLV \(value of tag 6F claims/, // malformed TLV in the FCI
      /record is not valid SIMPLE-TLV/, // a length that lies
      /more than the \d+ the command asked for \(Le\)/, // a length that lies
      /still answers 61xx after 64 GET RESPONSE/, // endless 61xx
      /longer than any response APDU/, // huge response
      /4F4B is not a status word/, // not a status word
      /expected status word 6A82 .*card answered 9000/, // wrong SW
      /6Cxx again/,
    ]) {
      expect(reasons, String(diagnosis)).toContainEqual(expect.stringMatching(diagnosis));
    }
  });

  it('2: a profile with a wrong type names the field', async () => {
    const r = await sscc('run', '--profile', file('types.yaml', reference.replace('protocols: [T=0]', 'protocols: 7')), '--out', join(tmp, 'x'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/types\.yaml: ics\.protocols: must be array/);
  });

  it('2: a plan that is not JSON', async () => {
    const r = await sscc('run', '--plan', file('bad.json', '{"schema": "sscc-plan/1",'), '--out', join(tmp, 'x'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: not JSON .*sscc list --profile F --json/);
  });

  it('2: a reader that is not there', async () => {
    const p = file('pcsc.yaml', reference.replace(/target:[\s\S]*$/, 'target:\n  kind: pcsc\n  reader: No Such Reader 00\n'));
    const r = await sscc('run', '--profile', p, '--out', join(tmp, 'x'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/target pcsc reader "No Such Reader 00": .*check that pcscd runs/);
  });

  it('2: bad usage', async () => {
    const r = await sscc('run', '--profile', 'profiles/sim-reference.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option '--out <dir>' not specified/);
  });

  it('0: coverage with no option shows its one table (the status-word and state-machine rows)', async () => {
    const r = await sscc('coverage');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^status-word rows: \d+, \d+ provoked, \d+ justified, 0 open/m);
    expect(r.stdout).toMatch(/^transitions: \d+, \d+ provoked/m);
  });

  it('kill -9 mid-run: messages.ndjson keeps every finished case, and report --from rebuilds the report', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'sscc-kill-'));
    const profile = join(tmp, 'slow.yaml');
    // The reference card, 15 ms per exchange: the 40 cases take seconds, so the kill lands mid-run.
    writeFileSync(profile, readFileSync(join(ROOT, 'profiles/sim-reference.yaml'), 'utf8').replace('image: reference', 'image: reference\n  latencyMs: 15'));
    const out = join(tmp, 'run');
    const child = spawn(process.execPath, ['bin/sscc.js', 'run', '--profile', profile, '--out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    const printed: string[] = [];
    let buffer = '';
    const killed = new Promise<NodeJS.Signals | null>((resolve) => {
      child.on('exit', (_code, signal) => resolve(signal));
      child.stderr.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          const m = /^\[\s*\d+\/\d+\] (\S+)\s+(\S+)/.exec(line);
          if (m) printed.push(m[2]!);
          if (printed.length === 6) child.kill('SIGKILL');
        }
      });
    });
    expect(await killed).toBe('SIGKILL');
    expect(printed.length).toBeGreaterThanOrEqual(6);

    // Every case the run reported as finished is in the stream, whole lines only.
    const envelopesPlanned = (JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { scenarios: unknown[] }).scenarios.length;
    const lines = readFileSync(join(out, 'messages.ndjson'), 'utf8').split('\n').filter(Boolean);
    const envelopes = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(envelopes.filter((e) => e.testCaseFinished).length).toBeGreaterThanOrEqual(printed.length);
    expect(envelopes.some((e) => e.testRunFinished)).toBe(false);

    const rebuilt = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, ['bin/sscc.js', 'report', '--from', join(out, 'messages.ndjson'), '--lang', 'en'], { cwd: ROOT }, (error, _stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stderr }),
      ),
    );
    expect(rebuilt.stderr).toMatch(/rebuilt .*report\.json/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      summary: { total: number; pass: number; inconclusive: number };
      cases: Array<{ id: string; verdict: string; reason: string }>;
    };
    expect(report.summary.total).toBe(envelopesPlanned);
    for (const id of printed) expect(report.cases.find((c) => c.id === id)?.verdict, id).toBe('PASS');
    expect(report.summary.pass).toBeGreaterThanOrEqual(printed.length);
    expect(report.summary.pass + report.summary.inconclusive).toBe(envelopesPlanned);
    const rest = report.cases.filter((c) => c.verdict === 'INCONCLUSIVE');
    expect(rest.length).toBeGreaterThan(0);
    for (const c of rest) expect(c.reason).toMatch(/stopped before this case|not run/);
    expect(readFileSync(join(out, 'report.html'), 'utf8').length).toBeGreaterThan(1000);
  });
});
