/**
 * A fuzz worker process (`npm run fuzz -- --jobs N`, src/fuzz/jobs.ts): builds the targets once, then runs
 * the targets its parent sends, one at a time, and answers with their figures and findings. It exits
 * when the parent disconnects (the run is done, or the parent is gone).
 */
import { runTarget } from './fuzz.ts';
import type { FromWorker, ToWorker } from './jobs.ts';
import { allTargets } from './targets.ts';

const send = (m: FromWorker) => process.send?.(m);
const targets = new Map(allTargets().map((t) => [t.name, t]));

process.on('disconnect', () => process.exit(0));
process.on('message', async (m: ToWorker) => {
  const target = targets.get(m.name);
  if (!target) throw new Error(`fuzz worker: no target ${m.name}`);
  const run = await runTarget(target, m.runs, m.seed, { seconds: 2, call: (stats) => send({ tick: { name: m.name, stats } }) });
  send({ done: { name: m.name, run } });
});
send({ ready: true });
