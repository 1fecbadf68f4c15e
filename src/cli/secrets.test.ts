/**
 * No secret in any output with testKeys: false (issue 18): a run of the reference profile with its keys
 * marked as real, its PIN cases with two PIN defects switched on (their diagnoses name PINs), and every byte of every file
 * of the run and of stdout/stderr searched for the profile's PIN and keys in every form they may take
 * (digits, hex either case, hex with spaces, BCD, the PBOC PIN block, base64). The plan it wrote still
 * re-runs: the keys come from the profile file the plan names.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../run/test-support.ts';
import { parseProfile } from '../profile/load.ts';
import { secretForms } from '../report/mask.ts';
import { sscc } from './test-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'sscc-secrets-'));
const profileFile = join(tmp, 'real-keys.yaml');
writeFileSync(profileFile, readFileSync(join(ROOT, 'profiles/sim-reference.yaml'), 'utf8').replace(/testKeys: true.*/, 'testKeys: false'));
const forms = secretForms(parseProfile(readFileSync(profileFile, 'utf8')).profile);

/** Where a secret form shows: in JSON, in string values (ids excepted, numbers are not text); elsewhere as a token of its own. */
function leaks(name: string, text: string): string[] {
  const found: string[] = [];
  const scan = (s: string, where: string) => {
    for (const f of forms) {
      const re = new RegExp(`(?<![0-9A-Za-z+/])${f.replace(/[+/=]/g, '\\$&')}(?![0-9A-Za-z])`, /[a-f]/.test(f) || /[A-F]/.test(f) ? '' : '');
      if (re.test(s)) found.push(`${where}: ${f}`);
    }
  };
  const walk = (v: unknown, where: string, key = '') => {
    if (typeof v === 'string') {
      if (key !== 'id' && !key.endsWith('Id')) scan(v, where);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`, k);
  };
  if (name.endsWith('.json')) walk(JSON.parse(text), name);
  else if (name.endsWith('.ndjson'))
    text
      .split('\n')
      .filter(Boolean)
      .forEach((l, i) => walk(JSON.parse(l), `${name}:${i + 1}`));
  else scan(text, name);
  return found;
}

it('testKeys: false: no PIN or key in any file of the run, stdout or stderr; the plan re-runs', { timeout: 180_000 }, async () => {
  expect(forms).toContain('123456');
  expect(forms).toContain('11 22 33 44 55 66 77 88 88 77 66 55 44 33 22 11');
  expect(forms).toContain('26123456FFFFFFFF');
  const out = join(tmp, 'run');
  // The cases that exchange PINs and PIN blocks, pass and fail (VERIFY, PIN CHANGE scripts, SSSE PIN), and one with the PSAM's exchanges in its trace (SS-IA-001).
  const tags = [
    'DA-PIN-001',
    'ISO-VER-001',
    'PB-PIN-001',
    'PB-PIN-002',
    'PB-PIN-004',
    'PB-SC-010',
    'PB-SC-011',
    'SS-PIN-001',
    'SS-PIN-002',
    'SS-PIN-008',
    'SS-IA-001',
  ]
    .map((t) => `@TC:${t}`)
    .join(' or ');
  const r = await sscc('run', '--profile', profileFile, '--out', out, '--tags', tags, '--defect', 'pboc-verify-any-pin', 'pin-counter-not-decremented');
  expect(r.code).toBe(1);
  const files = readdirSync(out);
  expect(files).toEqual(expect.arrayContaining(['plan.json', 'environment.json', 'messages.ndjson', 'report.json', 'report.html', 'junit.xml']));
  const found = [...files.flatMap((f) => leaks(f, readFileSync(join(out, f), 'utf8'))), ...leaks('stderr', r.stderr), ...leaks('stdout', r.stdout)];
  expect(found).toEqual([]);
  // The masked diagnosis is still a diagnosis.
  expect(readFileSync(join(out, 'report.json'), 'utf8')).toMatch(/VERIFY of PIN \*{6} answered 9000/);
  // The plan holds no keys but runs again (one case is enough to show it).
  const again = await sscc('run', '--plan', join(out, 'plan.json'), '--out', join(tmp, 'again'), '--quiet');
  expect(again.stderr).not.toMatch(/internal error/);
  expect([0, 1]).toContain(again.code);
});
