/** Everyday use (issue 20 item 7): rerun of the failures, "did you mean", unknown areas, --quiet, N/A summarised. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sscc } from './test-cli.ts';

const TAGS = '@TC:ISO-RB-001 or @TC:ISO-SEL-001 or @TC:ISO-SEL-002 or @TC:TM-FIN-001 or @ics:t1';

describe('sscc run, everyday', () => {
  it('--rerun-failed DIR reruns only the FAIL cases into a report that says so and links the earlier one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sscc-rerun-'));
    const first = await sscc(
      'run',
      '--profile',
      'profiles/sim-reference.yaml',
      '--out',
      join(dir, 'a'),
      '--tags',
      TAGS,
      '--defect',
      'read-binary-ignores-offset',
    );
    expect(first.code).toBe(1);
    // N/A cases are summarised by reason, not printed one per line.
    expect(first.stderr).not.toMatch(/\] N\/A /);
    expect(first.stderr).toMatch(/NOT APPLICABLE, by reason:\n +\d+ {2}ICS: requires/);
    const again = await sscc('run', '--rerun-failed', join(dir, 'a'), '--out', join(dir, 'b'), '--quiet');
    expect(again.code, again.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'b', 'report.json'), 'utf8')) as {
      cases: Array<{ id: string; verdict: string }>;
      certificate: { deviations: Array<{ id: string }>; conclusion: { result: string } };
    };
    expect(report.cases.map((c) => [c.id, c.verdict])).toEqual([['ISO-RB-001', 'FAIL']]);
    expect(report.certificate.deviations.map((d) => d.id)).toContain('dev.rerun');
    expect(readFileSync(join(dir, 'b', 'report.html'), 'utf8')).toContain('id="rerun-of" href="../a/report.html"');
    // --quiet: the pre-flight lines, the FAIL and the summary, no N/A summary.
    expect(again.stderr).toMatch(/FAIL ISO-RB-001/);
    expect(again.stderr).not.toContain('NOT APPLICABLE, by reason');
    const none = await sscc('run', '--rerun-failed', join(dir, 'b', '..', 'nope'), '--out', join(dir, 'c'));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('not a run folder');
  }, 180_000);

  it('says "did you mean" for a defect or image name, and an unknown area of defects list exits 2', async () => {
    const d = await sscc(
      'run',
      '--profile',
      'profiles/sim-reference.yaml',
      '--out',
      mkdtempSync(join(tmpdir(), 'sscc-dym-')),
      '--defect',
      'read-binary-ignore-offset',
    );
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('--defect read-binary-ignore-offset: unknown; did you mean "read-binary-ignores-offset"?');
    const i = await sscc('sim', 'serve', '--image', 'referenc');
    expect(i.code).toBe(2);
    expect(i.stderr).toContain('did you mean "reference"?');
    const a = await sscc('defects', 'list', '--area', 'iso7861');
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--area iso7861: unknown area; did you mean "iso7816"?');
  }, 120_000);
});
