/**
 * `npm run fuzz -- --jobs N`: the targets shared out over N worker processes (src/fuzz/worker.ts), each
 * target whole in one worker with its own share and seed, so that a seed gives every target the same
 * inputs as in one process. The next target goes to the first worker free; the results come back in
 * the targets' order. stop() (Ctrl-C) ends the workers and gives what finished,
 * with the figures so far of the targets that were running.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { type FuzzFinding, type FuzzOptions, type FuzzResult, type TargetRun, type TargetStats, mergeRuns, shares } from './fuzz.ts';

export type ToWorker = { name: string; runs: number; seed: string };
export type FromWorker = { ready: true } | { tick: { name: string; stats: TargetStats } } | { done: { name: string; run: TargetRun } };

export interface JobsResult extends FuzzResult {
  /** Targets cut short by stop(), with their figures so far. */
  stopped: string[];
  /** Targets not started when stop() came. */
  notStarted: string[];
}

export interface FuzzJobs {
  result: Promise<JobsResult>;
  /** End the workers now; `result` then gives what finished. */
  stop(): void;
}

/** The worker's launcher: src/fuzz/worker.ts compiled when the build is fresh, else through tsx. */
const WORKER = new URL('../../scripts/fuzz-worker.mjs', import.meta.url);

export function runFuzzJobs(o: FuzzOptions & { jobs: number }): FuzzJobs {
  const n = shares(o.targets, o.iterations);
  // The parsers' and renderers' targets first (a few slow ones among them: the message stream, the
  // profiles), then card-sim's, many of about the same length, so that the workers end close together.
  const order = o.targets.map((t) => t.name);
  const queue = o.targets.map((t, k) => ({ name: t.name, runs: n[k] as number, late: t.name.startsWith('card-sim:') }));
  queue.sort((a, b) => Number(a.late) - Number(b.late));
  const done = new Map<string, TargetRun>();
  const running = new Map<ChildProcess, { name: string; stats?: TargetStats }>();
  const workers = new Set<ChildProcess>();
  const cut = new Set<string>();
  const t0 = performance.now();
  let stopping = false;
  let settle: () => void = () => {};
  const finished = new Promise<void>((resolve) => (settle = resolve));

  const next = (w: ChildProcess) => {
    const job = stopping ? undefined : queue.shift();
    if (!job) {
      running.delete(w);
      w.disconnect();
      return;
    }
    running.set(w, { name: job.name });
    w.send({ name: job.name, runs: job.runs, seed: o.seed } satisfies ToWorker);
  };
  const start = () => {
    const w = fork(WORKER, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    workers.add(w);
    w.on('message', (m: FromWorker) => {
      if ('ready' in m) next(w);
      else if ('tick' in m) {
        const r = running.get(w);
        if (r && r.name === m.tick.name) r.stats = m.tick.stats;
      } else {
        done.set(m.done.name, m.done.run);
        o.progress?.(m.done.name, m.done.run.stats);
        next(w);
      }
    });
    w.on('exit', (code, signal) => {
      workers.delete(w);
      const r = running.get(w);
      running.delete(w);
      if (r && !stopping) {
        // A worker that dies inside a target (a crash, out of memory) is a finding of that target.
        const stats: TargetStats = r.stats ?? { iterations: 0, rejected: 0, findings: 0, seconds: 0, cpuSeconds: 0 };
        stats.findings++;
        const finding: FuzzFinding = {
          target: r.name,
          message: `the fuzz worker died (${signal ?? `exit code ${code}`}) inside this target, after ${stats.iterations} inputs`,
          input: '(not known: run this target with --jobs 1)',
          path: '',
          seed: 0,
        };
        done.set(r.name, { stats, finding });
        o.progress?.(r.name, stats);
        if (queue.length) start();
      } else if (r) {
        done.set(r.name, { stats: r.stats ?? { iterations: 0, rejected: 0, findings: 0, seconds: 0, cpuSeconds: 0 } });
        cut.add(r.name);
      }
      if (!workers.size) settle();
    });
  };
  const jobs = Math.max(1, Math.min(o.jobs, queue.length));
  for (let i = 0; i < jobs; i++) start();
  if (!queue.length) settle();

  const result = finished.then((): JobsResult => {
    return {
      ...mergeRuns(
        o.seed,
        (performance.now() - t0) / 1000,
        order.filter((name) => done.has(name)).map((name) => [name, done.get(name) as TargetRun] as const),
      ),
      stopped: order.filter((name) => cut.has(name)),
      notStarted: order.filter((name) => !done.has(name)),
    };
  });
  return {
    result,
    stop() {
      if (stopping) return;
      stopping = true;
      for (const w of workers) w.kill('SIGTERM');
    },
  };
}
