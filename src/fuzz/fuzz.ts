/**
 * The fuzz loop over fast-check (issue 18): each target is a fast-check property, run for its share of
 * the iterations with a seed derived from the run's seed and the target's name. fast-check shrinks a
 * failing input to a small one and gives the path that replays it (`--target NAME --replay PATH`).
 */
import fc from 'fast-check';
import { seedOf } from './arbitraries.ts';
import { Finding, type FuzzTarget } from './targets.ts';

export interface FuzzFinding {
  target: string;
  message: string;
  /** The shrunk input, printable. */
  input: string;
  /** fast-check's replay path of the shrunk input. */
  path: string;
  /** The seed of this target's property. */
  seed: number;
}

export interface TargetStats {
  iterations: number;
  rejected: number;
  findings: number;
  seconds: number;
  /** CPU seconds of this process while the target ran (user + system). */
  cpuSeconds: number;
}

export interface FuzzResult {
  seed: string;
  iterations: number;
  seconds: number;
  perTarget: Record<string, TargetStats>;
  findings: FuzzFinding[];
}

/** What one input did: undefined when the consumer coped or refused it with its documented error. */
export type Verdict = { rejected: boolean; finding?: string };

/** Run the target's check on one input and judge what escaped. */
export async function judge<I>(target: FuzzTarget<I>, input: I): Promise<Verdict> {
  try {
    const pending = target.check(input);
    if (pending) await pending;
    return { rejected: false };
  } catch (e) {
    return judgeError(target, e);
  }
}

export function judgeSync<I>(target: FuzzTarget<I>, input: I): Verdict {
  try {
    target.check(input);
    return { rejected: false };
  } catch (e) {
    return judgeError(target, e);
  }
}

function judgeError(target: { allowed: FuzzTarget['allowed'] }, e: unknown): Verdict {
  if (e instanceof Finding) return { rejected: false, finding: e.message };
  if (target.allowed.some((c) => e instanceof c)) return { rejected: true };
  const err = e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);
  return { rejected: false, finding: `undocumented exception ${err}` };
}

/** How many of `iterations` each target gets, by weight (every target at least one when iterations > 0). */
export function shares(targets: readonly FuzzTarget[], iterations: number): number[] {
  const total = targets.reduce((n, t) => n + t.weight, 0);
  return targets.map((t) => (iterations > 0 ? Math.max(1, Math.round((iterations * t.weight) / total)) : 0));
}

export function targetSeed(seed: string, target: string): number {
  return seedOf(`${seed}:${target}`);
}

/** One target's property for fast-check; `stats` counts the inputs of the run proper (not the shrinking). */
function property(
  target: FuzzTarget,
  stats: TargetStats,
  last: { message?: string },
  onInput?: () => void,
): fc.IProperty<[unknown]> | fc.IAsyncProperty<[unknown]> {
  let shrinking = false;
  const count = (v: Verdict) => {
    if (!shrinking) {
      stats.iterations++;
      if (v.rejected) stats.rejected++;
      onInput?.();
    }
    if (v.finding !== undefined) {
      shrinking = true;
      last.message = v.finding;
      return false;
    }
    return true;
  };
  return target.async
    ? fc.asyncProperty(target.arbitrary, async (input) => count(await judge(target, input)))
    : fc.property(target.arbitrary, (input) => count(judgeSync(target, input)));
}

export interface FuzzOptions {
  iterations: number;
  seed: string;
  targets: readonly FuzzTarget[];
  /** Called when a target is done. */
  progress?: (name: string, stats: TargetStats) => void;
}

/** What one target's run gives: its figures, and its finding shrunk if the property failed. */
export interface TargetRun {
  stats: TargetStats;
  finding?: FuzzFinding;
}

/**
 * One target for `runs` inputs, seeded by targetSeed(seed, name): the same inputs in whatever process
 * or order it runs. `tick` sees the figures so far, at most every `seconds` (a worker's progress).
 */
export async function runTarget(
  target: FuzzTarget,
  runs: number,
  seed: string,
  tick?: { seconds: number; call: (stats: TargetStats) => void },
): Promise<TargetRun> {
  const stats: TargetStats = { iterations: 0, rejected: 0, findings: 0, seconds: 0, cpuSeconds: 0 };
  const last: { message?: string } = {};
  const s = targetSeed(seed, target.name);
  const s0 = performance.now();
  const c0 = process.cpuUsage();
  const sample = () => {
    stats.seconds = (performance.now() - s0) / 1000;
    const c1 = process.cpuUsage(c0);
    stats.cpuSeconds = (c1.user + c1.system) / 1e6;
  };
  let next = s0 + (tick?.seconds ?? 0) * 1000;
  const onInput = tick
    ? () => {
        const now = performance.now();
        if (now < next) return;
        next = now + tick.seconds * 1000;
        sample();
        tick.call(stats);
      }
    : undefined;
  const details = await fc.check(property(target, stats, last, onInput) as fc.IAsyncProperty<[unknown]>, {
    seed: s,
    numRuns: runs,
    endOnFailure: false,
    verbose: 0,
  });
  sample();
  if (!details.failed) return { stats };
  stats.findings++;
  const input = details.counterexample?.[0];
  return {
    stats,
    finding: {
      target: target.name,
      message: last.message ?? String(details.errorInstance),
      input: clip(input === undefined ? '(none)' : target.show(input)),
      path: details.counterexamplePath ?? '',
      seed: s,
    },
  };
}

/** The result of a run from its targets' runs, in the targets' order. */
export function mergeRuns(seed: string, seconds: number, runs: ReadonlyArray<readonly [string, TargetRun]>): FuzzResult {
  const perTarget: FuzzResult['perTarget'] = {};
  const findings: FuzzFinding[] = [];
  for (const [name, r] of runs) {
    perTarget[name] = r.stats;
    if (r.finding) findings.push(r.finding);
  }
  return { seed, iterations: Object.values(perTarget).reduce((n, t) => n + t.iterations, 0), seconds, perTarget, findings };
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzResult> {
  const n = shares(o.targets, o.iterations);
  const t0 = performance.now();
  const runs: Array<[string, TargetRun]> = [];
  for (const [k, target] of o.targets.entries()) {
    const r = await runTarget(target, n[k] as number, o.seed);
    runs.push([target.name, r]);
    o.progress?.(target.name, r.stats);
  }
  return mergeRuns(o.seed, (performance.now() - t0) / 1000, runs);
}

/** Replay one input of a target from its seed and path, as a finding prints them. */
export async function replay(target: FuzzTarget, seed: number, path: string): Promise<{ input: unknown; verdict: Verdict }> {
  let seen: unknown;
  await fc.check(
    fc.property(target.arbitrary, (input) => {
      seen = input;
      return true;
    }),
    { seed, path, numRuns: 1 },
  );
  return { input: seen, verdict: await judge(target, seen) };
}

function clip(s: string): string {
  return s.length > 4000 ? `${s.slice(0, 4000)} … (${s.length} characters)` : s;
}
