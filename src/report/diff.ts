/** The regression view between two reports (a COS build against the last one): what changed, case by case. */
import type { Report } from './build.ts';
import type { Verdict } from './model.ts';

export interface ReportDiff {
  changed: Array<{ id: string; title: string; from: Verdict; to: Verdict }>;
  added: Array<{ id: string; verdict: Verdict }>;
  removed: Array<{ id: string; verdict: Verdict }>;
  coverage: {
    /** Requirements with at least one case in the new report but none in the old, and the other way. */
    gained: string[];
    lost: string[];
    /** Requirements whose set of verdicts changed. */
    changed: Array<{ requirement: string; from: string; to: string }>;
  };
  summary: { from: Report['summary']; to: Report['summary'] };
}

const verdicts = (cs: Array<{ verdict: Verdict }>) =>
  cs
    .map((c) => c.verdict)
    .sort()
    .join(',');

export function diffReports(a: Report, b: Report): ReportDiff {
  const before = new Map(a.cases.map((c) => [c.id, c]));
  const after = new Map(b.cases.map((c) => [c.id, c]));
  const changed: ReportDiff['changed'] = [];
  for (const [id, c] of after) {
    const old = before.get(id);
    if (old && old.verdict !== c.verdict) changed.push({ id, title: c.title, from: old.verdict, to: c.verdict });
  }
  const covA = new Map(a.coverage.map((r) => [r.requirement, r.cases]));
  const covB = new Map(b.coverage.map((r) => [r.requirement, r.cases]));
  const has = (m: Map<string, unknown[]>, r: string) => (m.get(r)?.length ?? 0) > 0;
  const all = [...new Set([...covA.keys(), ...covB.keys()])].sort();
  return {
    changed,
    added: [...after.values()].filter((c) => !before.has(c.id)).map((c) => ({ id: c.id, verdict: c.verdict })),
    removed: [...before.values()].filter((c) => !after.has(c.id)).map((c) => ({ id: c.id, verdict: c.verdict })),
    coverage: {
      gained: all.filter((r) => has(covB, r) && !has(covA, r)),
      lost: all.filter((r) => has(covA, r) && !has(covB, r)),
      changed: all
        .filter((r) => has(covA, r) && has(covB, r) && verdicts(covA.get(r) ?? []) !== verdicts(covB.get(r) ?? []))
        .map((r) => ({ requirement: r, from: verdicts(covA.get(r) ?? []), to: verdicts(covB.get(r) ?? []) })),
    },
    summary: { from: a.summary, to: b.summary },
  };
}

export function isClean(d: ReportDiff): boolean {
  return !d.changed.length && !d.added.length && !d.removed.length && !d.coverage.gained.length && !d.coverage.lost.length && !d.coverage.changed.length;
}

export function formatDiff(d: ReportDiff): string {
  if (isClean(d)) return 'no change: every case has the same verdict, no case added or removed, the same requirement coverage\n';
  const lines: string[] = [];
  if (d.changed.length) lines.push(`verdict changed (${d.changed.length}):`, ...d.changed.map((c) => `  ${c.id}  ${c.from} → ${c.to}  ${c.title}`));
  if (d.added.length) lines.push(`new cases (${d.added.length}):`, ...d.added.map((c) => `  ${c.id}  ${c.verdict}`));
  if (d.removed.length) lines.push(`removed cases (${d.removed.length}):`, ...d.removed.map((c) => `  ${c.id}  was ${c.verdict}`));
  const cov = d.coverage;
  if (cov.gained.length) lines.push(`requirements newly covered: ${cov.gained.join(', ')}`);
  if (cov.lost.length) lines.push(`requirements no longer covered: ${cov.lost.join(', ')}`);
  if (cov.changed.length) lines.push('requirement verdicts changed:', ...cov.changed.map((c) => `  ${c.requirement}: ${c.from} → ${c.to}`));
  const s = (x: Report['summary']) => `${x.pass} PASS, ${x.fail} FAIL, ${x.notApplicable} N/A, ${x.inconclusive} INCONCLUSIVE, ${x.error} ERROR`;
  lines.push(`summary: ${s(d.summary.from)}  →  ${s(d.summary.to)}`);
  return lines.join('\n') + '\n';
}
