/** Progress of a run on the terminal: a line per case as it finishes, then the summary. */
import type { Plan } from '../plan/plan.ts';
import type { Summary } from '../report/build.ts';
import type { CaseResult } from '../report/model.ts';
import { consoleText } from '../report/escape.ts';

const LABEL: Record<string, string> = { PASS: 'PASS', FAIL: 'FAIL', NOT_APPLICABLE: 'N/A ', INCONCLUSIVE: 'INCO', ERROR: 'ERR ' };

export class Progress {
  private readonly ids = new Map<string, string>();
  /** NOT APPLICABLE cases by reason: summarised at the end, never a line each. */
  private readonly notApplicable = new Map<string, number>();
  private t0 = Date.now();

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly quiet: boolean,
  ) {}

  start(plan: Plan): void {
    this.t0 = Date.now();
    for (const s of plan.scenarios) this.ids.set(`${s.uri}:${s.line}`, s.id);
    const n = plan.scenarios.filter((s) => s.applicable).length;
    const t = plan.profile.data.target;
    const target = t.kind === 'sim' ? `card-sim image "${t.image}"${t.defects?.length ? ` with defect ${t.defects.join(', ')}` : ''}` : 'PC/SC';
    this.out.write(`sscc: ${plan.scenarios.length} scenarios, ${n} apply; target ${target}\n`);
  }

  /** A line of the run's own (pre-flight, post-flight), shown even with --quiet. */
  note(line: string): void {
    this.out.write(`${line}\n`);
  }

  case(c: CaseResult, done: number, total: number): void {
    if (c.verdict === 'NOT_APPLICABLE') {
      this.notApplicable.set(c.reason, (this.notApplicable.get(c.reason) ?? 0) + 1);
      return;
    }
    if (this.quiet && c.verdict !== 'FAIL' && c.verdict !== 'ERROR') return;
    const id = this.ids.get(`${c.uri}:${c.line}`) ?? '?';
    const w = String(total).length;
    const why = c.verdict === 'PASS' ? '' : `\n      ${consoleText(c.reason)}`;
    this.out.write(
      `[${String(done).padStart(w)}/${total}] ${LABEL[c.verdict]} ${consoleText(id).padEnd(12)} ${consoleText(c.name)} (${c.durationMs.toFixed(1)} ms)${why}\n`,
    );
  }

  end(s: Summary, files: string[]): void {
    const secs = ((Date.now() - this.t0) / 1000).toFixed(1);
    if (this.notApplicable.size && !this.quiet) {
      const top = [...this.notApplicable.entries()].sort((a, b) => b[1] - a[1]);
      const shown = top.slice(0, 6).map(([why, n]) => `  ${String(n).padStart(4)}  ${consoleText(why)}`);
      const rest = top.slice(6).reduce((n, [, k]) => n + k, 0);
      this.out.write(
        `NOT APPLICABLE, by reason:\n${shown.join('\n')}${rest ? `\n  ${String(rest).padStart(4)}  other reasons (report.html lists each case)` : ''}\n`,
      );
    }
    this.out.write(
      `\n${s.total} cases in ${secs} s: ${s.pass} PASS, ${s.fail} FAIL, ${s.notApplicable} NOT APPLICABLE, ${s.inconclusive} INCONCLUSIVE, ${s.error} ERROR\n` +
        `results: ${files.join(', ')}\n`,
    );
  }
}
