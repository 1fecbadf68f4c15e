/**
 * Issue 8's acceptance, as a lab meets it: a run writes report.json, report.html and junit.xml; the report
 * verifies, and a copy with one verdict changed does not; a signed report verifies against the lab's
 * public key and not against another; diff of a report with itself is clean, and between the reference
 * and a defect run shows exactly the cases the defect breaks.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sscc } from './test-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'sscc-report-'));
const TAGS = '@TC:ISO-RB-001 or @TC:ISO-RB-002 or @TC:ISO-SEL-001 or @TC:ISO-VER-001';
const clean = join(tmp, 'clean');
const broken = join(tmp, 'broken');

beforeAll(async () => {
  const [a, b] = await Promise.all([
    sscc('run', '--profile', 'profiles/sim-reference.yaml', '--out', clean, '--quiet', '--tags', TAGS),
    sscc('run', '--profile', 'profiles/sim-reference.yaml', '--out', broken, '--quiet', '--tags', TAGS, '--defect', 'read-binary-ignores-offset'),
  ]);
  expect([a.code, b.code]).toEqual([0, 1]);
}, 30_000);

describe.concurrent('signed reports, verify-report and diff', () => {
  it('a run writes all three files, and its report verifies; one verdict changed does not (exit 1)', async () => {
    for (const f of ['report.json', 'report.html', 'junit.xml']) expect(existsSync(join(clean, f))).toBe(true);
    expect((await sscc('verify-report', join(clean, 'report.json'))).code).toBe(0);
    const copy = join(tmp, 'tampered.json');
    writeFileSync(copy, readFileSync(join(clean, 'report.json'), 'utf8').replace('"verdict": "PASS"', '"verdict": "FAIL"'));
    const r = await sscc('verify-report', copy);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/digest mismatch/);
  });

  it('sign with the lab key: verifies with its public key, not with another (exit 1)', async () => {
    const lab = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519');
    const key = join(tmp, 'lab.pem');
    writeFileSync(key, lab.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(tmp, 'lab.pub.pem'), lab.publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(join(tmp, 'other.pub.pem'), other.publicKey.export({ type: 'spki', format: 'pem' }));
    const signed = join(tmp, 'signed.json');
    expect((await sscc('sign', join(clean, 'report.json'), '--key', key, '--signer', 'Lab A', '--out', signed)).code).toBe(0);
    expect((await sscc('verify-report', signed, '--pubkey', join(tmp, 'lab.pub.pem'))).code).toBe(0);
    const wrong = await sscc('verify-report', signed, '--pubkey', join(tmp, 'other.pub.pem'));
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/another key/);
  });

  it('diff: a report with itself is clean (exit 0); reference vs defect run names the broken cases (exit 1)', async () => {
    const same = await sscc('diff', join(clean, 'report.json'), join(clean, 'report.json'));
    expect(same.code).toBe(0);
    const d = await sscc('diff', join(clean, 'report.json'), join(broken, 'report.json'), '--json');
    expect(d.code).toBe(1);
    const diff = JSON.parse(d.stdout) as { changed: Array<{ id: string; from: string; to: string }> };
    expect(diff.changed.map((c) => `${c.id} ${c.from}→${c.to}`).sort()).toEqual(['ISO-RB-001 PASS→FAIL', 'ISO-RB-002 PASS→FAIL']);
  });

  it('a file that is not a report is refused with the field named (exit 2)', async () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ schema: 'sscc-report/1' }));
    const r = await sscc('verify-report', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/product: missing/);
  });
});
