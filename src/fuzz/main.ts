/**
 * npm run fuzz -- --iterations N [--seed S] [--jobs N] [--target NAME ...] [--replay PATH] [--json]
 * Runs every fast-check target of src/fuzz/targets.ts for its share of N inputs, over --jobs worker
 * processes (default: one per core; src/fuzz/jobs.ts), and prints, per target, inputs, rejections (the
 * documented error), findings, inputs/s and inputs per CPU-s. Prints the seed first;
 * a finding comes shrunk, with the command that replays it. Exit code 1 when anything is found.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { type FuzzResult, type TargetStats, replay, runFuzz, targetSeed } from './fuzz.ts';
import { type JobsResult, runFuzzJobs } from './jobs.ts';
import { allTargets } from './targets.ts';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    target: { type: 'string', multiple: true },
    replay: { type: 'string' },
    jobs: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

const all = allTargets();
if (values.help) {
  process.stdout.write(
    `npm run fuzz -- --iterations N [--seed S] [--jobs N] [--target NAME ...] [--replay PATH] [--json]\n\ntargets and their oracles:\n${all.map((t) => `  ${t.name}\n      ${t.oracle}`).join('\n')}\n`,
  );
  process.exit(0);
}
const targets = values.target?.length ? all.filter((t) => values.target!.includes(t.name)) : all;
if (!targets.length) {
  process.stderr.write(`fuzz: no target named ${values.target?.join(', ')}; targets: ${all.map((t) => t.name).join(', ')}\n`);
  process.exit(2);
}
const iterations = Number(values.iterations);
if (!Number.isSafeInteger(iterations) || iterations < 0) {
  process.stderr.write(`fuzz: --iterations ${values.iterations} is not a count\n`);
  process.exit(2);
}
const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
if (!Number.isSafeInteger(jobs) || jobs < 1) {
  process.stderr.write(`fuzz: --jobs ${values.jobs} is not a count of processes (1 or more)\n`);
  process.exit(2);
}
const seed = values.seed ?? randomBytes(4).toString('hex');

if (values.replay !== undefined) {
  if (targets.length !== 1) {
    process.stderr.write('fuzz: --replay needs exactly one --target\n');
    process.exit(2);
  }
  const target = targets[0]!;
  const r = await replay(target, targetSeed(seed, target.name), values.replay);
  process.stdout.write(`seed ${seed} target ${target.name} path ${values.replay}\ninput:\n${target.show(r.input)}\n`);
  process.stdout.write(
    r.verdict.finding ? `FINDING: ${r.verdict.finding}\n` : r.verdict.rejected ? 'rejected with the documented error: fine\n' : 'accepted: fine\n',
  );
  process.exit(r.verdict.finding ? 1 : 0);
}

const line = (name: string, s: TargetStats) =>
  `${name.padEnd(32)} ${String(s.iterations).padStart(9)} ${String(s.rejected).padStart(9)} ${String(s.findings).padStart(8)} ${String(Math.round(s.iterations / Math.max(s.seconds, 1e-9))).padStart(9)} ${String(Math.round(s.iterations / Math.max(s.cpuSeconds, 1e-9))).padStart(9)}\n`;
process.stderr.write(`fuzz: seed ${seed}, ${iterations} inputs over ${targets.length} targets\n`);
if (!values.json)
  process.stdout.write(
    `${'target'.padEnd(32)} ${'inputs'.padStart(9)} ${'rejected'.padStart(9)} ${'findings'.padStart(8)} ${'inputs/s'.padStart(9)} ${'/CPU-s'.padStart(9)}\n`,
  );
const progress = (name: string, s: TargetStats) => {
  if (!values.json) process.stdout.write(line(name, s));
};
let result: FuzzResult & Partial<Pick<JobsResult, 'stopped' | 'notStarted'>>;
if (jobs === 1) result = await runFuzz({ iterations, seed, targets, progress });
else {
  const run = runFuzzJobs({ iterations, seed, targets, progress, jobs });
  // Ctrl-C or SIGTERM: the workers end, what finished is printed (with the figures so far of the
  // targets cut short), exit 130; a second Ctrl-C exits at once.
  let signalled = false;
  const onSignal = () => {
    if (signalled) process.exit(130);
    signalled = true;
    process.stderr.write('fuzz: stopping the workers\n');
    run.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  result = await run.result;
  if (!signalled && result.notStarted?.length) {
    process.stderr.write(`fuzz: the workers ended before these targets ran: ${result.notStarted.join(', ')}\n`);
    process.exit(3);
  }
  if (signalled && !values.json) {
    for (const name of result.stopped ?? []) process.stdout.write(line(`${name} (cut)`, result.perTarget[name] as TargetStats));
    if (result.notStarted?.length) process.stdout.write(`not started: ${result.notStarted.join(', ')}\n`);
  }
}
const cpu = Object.values(result.perTarget).reduce((n, t) => n + t.cpuSeconds, 0);
if (values.json) {
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  process.stdout.write(
    `\n${result.iterations} inputs in ${result.seconds.toFixed(1)} s (${Math.round(result.iterations / Math.max(result.seconds, 1e-9))}/s; ${cpu.toFixed(1)} CPU-s in the targets, ${jobs} job${jobs === 1 ? '' : 's'}), seed ${seed}: ${result.findings.length ? `${result.findings.length} finding(s)` : 'no findings'}${result.stopped?.length || result.notStarted?.length ? ' (stopped before the end)' : ''}\n`,
  );
  for (const f of result.findings) {
    process.stdout.write(
      `\nFINDING in ${f.target}, shrunk: npm run fuzz -- --seed ${seed} --target ${f.target} --replay ${f.path}\n  ${f.message.replace(/\n/g, '\n  ')}\n  input:\n    ${f.input.replace(/\n/g, '\n    ')}\n`,
    );
  }
}
process.exit(result.findings.length ? 1 : result.stopped?.length || result.notStarted?.length ? 130 : 0);
