/** Progress of a run on the terminal: a line per case as it finishes, then the summary. */
import type { Plan } from '../plan/plan.ts';
import type { Summary } from '../report/build.ts';
import type { CaseResult } from '../report/model.ts';
import { consoleText } from '../report/escape.ts';

const LABEL: Record<string, string> = { PASS: 'PASS', FAIL: 'FAIL', NOT_APPLICABLE: 'N/A ', INCONCLUSIVE: 'INCO', ERROR: 'ERR ' };

export class Progress {
  private readonly ids = new Map<string, string>();
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
    if (this.quiet && c.verdict !== 'FAIL' && c.verdict !== 'ERROR') return;
    const id = this.ids.get(`${c.uri}:${c.line}`) ?? '?';
    const w = String(total).length;
    const why = c.verdict === 'PASS' || c.verdict === 'NOT_APPLICABLE' ? '' : `\n      ${consoleText(c.reason)}`;
    this.out.write(`[${String(done).padStart(w)}/${total}] ${LABEL[c.verdict]} ${consoleText(id).padEnd(12)} ${consoleText(c.name)} (${c.durationMs.toFixed(1)} ms)${why}\n`);
  }

  end(s: Summary, files: string[]): void {
    const secs = ((Date.now() - this.t0) / 1000).toFixed(1);
    this.out.write(
      `\n${s.total} cases in ${secs} s: ${s.pass} PASS, ${s.fail} FAIL, ${s.notApplicable} NOT APPLICABLE, ${s.inconclusive} INCONCLUSIVE, ${s.error} ERROR\n` +
        `results: ${files.join(', ')}\n`,
    );
  }
}
