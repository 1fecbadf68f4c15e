/**
 * `sscc defects verify` proves the sscard catalogue on the 2.0 reference profile. The 3.0 card protects
 * EF06 with RK SSSE and names SM4: these runs prove that the 3.0 scenarios catch the defects that break
 * exactly that (one spawn of the command line per defect, of the sscard area: the scenarios named are
 * all there; `npm run test:defects` holds these defects to exactly their scenarios on the 3.0 card, sim-sscard30 --area sscard).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/run/test-support.ts';

function failedOn30(defect: string): Promise<string[]> {
  const out = mkdtempSync(join(tmpdir(), 'sscc-ss30-'));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['bin/sscc.js', 'run', '--profile', 'profiles/sim-sscard30.yaml', '--out', out, '--area', 'sscard', '--quiet', '--force', '--defect', defect],
      { cwd: ROOT },
      () => {
        try {
          const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { cases: Array<{ id: string; verdict: string }> };
          resolve(report.cases.filter((c) => c.verdict === 'FAIL').map((c) => c.id));
        } catch (e) {
          reject(e);
        }
      },
    );
  });
}

describe('sscard defects on the 3.0 SM4 card', () => {
  it('personal data readable before RK SSSE fails SSSE_SAFETY-03', async () => {
    expect(await failedOn30('ss-rk-read-unprotected')).toEqual(expect.arrayContaining(['SSSE_SAFETY-03', 'SSSE_SAFETY-04']));
  });

  it('an FCI without algorithm identifier fails the SM4 selection scenarios', async () => {
    expect(await failedOn30('ss-fci-no-algorithm-id')).toEqual(expect.arrayContaining(['SS-SEL-002', 'SS-ALG-001']));
  });
});
