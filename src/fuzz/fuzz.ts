/**
 * The fuzz loop: iteration i runs target schedule[i mod W] on the input that Rng(seed, i) generates.
 * Findings are grouped by target and message; each keeps the first (seed, iteration) that replays it.
 */
import { Finding, type FuzzTarget } from './targets.ts';
import { Rng } from './random.ts';

export interface FuzzFinding {
  target: string;
  iteration: number;
  message: string;
  input: string;
  /** How many iterations broke the same way. */
  count: number;
}

export interface FuzzResult {
  seed: string;
  iterations: number;
  seconds: number;
  perTarget: Record<string, { iterations: number; rejected: number; findings: number }>;
  findings: FuzzFinding[];
}

/** Target order repeated by weight: the schedule iteration i draws from. */
export function schedule(targets: readonly FuzzTarget[]): FuzzTarget[] {
  return targets.flatMap((t) => Array.from({ length: t.weight }, () => t));
}

export interface Outcome {
  target: FuzzTarget;
  input: unknown;
  /** Undefined: the consumer coped. */
  finding?: string;
  /** The consumer refused the input with its documented error. */
  rejected: boolean;
}

/** Run one iteration. */
export async function runOne(slots: readonly FuzzTarget[], seed: string, iteration: number): Promise<Outcome> {
  const target = slots[iteration % slots.length] as FuzzTarget;
  const input = target.generate(Rng.forIteration(seed, iteration));
  try {
    const pending = target.check(input);
    if (pending) await pending;
    return { target, input, rejected: false };
  } catch (e) {
    if (e instanceof Finding) return { target, input, finding: e.message, rejected: false };
    if (target.allowed.some((c) => e instanceof c)) return { target, input, rejected: true };
    const err = e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);
    return { target, input, finding: `undocumented exception ${err}`, rejected: false };
  }
}

/** Digits and hex runs blanked, so that one bug found with many inputs is reported once. */
function shape(message: string): string {
  return message.split('\n')[0]!.replace(/\b[0-9A-Fa-f]{2}( [0-9A-Fa-f]{2})*\b/g, '#').replace(/\d+/g, '#');
}

export interface FuzzOptions {
  iterations: number;
  seed: string;
  targets: readonly FuzzTarget[];
  /** Called about every second with the iterations done. */
  progress?: (done: number) => void;
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzResult> {
  const slots = schedule(o.targets);
  const perTarget: FuzzResult['perTarget'] = {};
  for (const t of o.targets) perTarget[t.name] = { iterations: 0, rejected: 0, findings: 0 };
  const byShape = new Map<string, FuzzFinding>();
  const t0 = performance.now();
  let lastReport = t0;
  for (let i = 0; i < o.iterations; i++) {
    const r = await runOne(slots, o.seed, i);
    const stats = perTarget[r.target.name]!;
    stats.iterations++;
    if (r.rejected) stats.rejected++;
    if (r.finding !== undefined) {
      stats.findings++;
      const key = `${r.target.name}|${shape(r.finding)}`;
      const known = byShape.get(key);
      if (known) known.count++;
      else byShape.set(key, { target: r.target.name, iteration: i, message: r.finding, input: clip(r.target.show(r.input)), count: 1 });
    }
    if (o.progress && (i & 0x3ff) === 0 && performance.now() - lastReport > 1000) {
      lastReport = performance.now();
      o.progress(i);
    }
  }
  return { seed: o.seed, iterations: o.iterations, seconds: (performance.now() - t0) / 1000, perTarget, findings: [...byShape.values()] };
}

function clip(s: string): string {
  return s.length > 4000 ? `${s.slice(0, 4000)} … (${s.length} characters)` : s;
}
