/**
 * npm run fuzz -- --iterations N [--seed S] [--target NAME ...] [--replay I] [--json]
 * Feeds random and mutated inputs into card-sim and the parsers (src/fuzz/targets.ts). Prints the
 * seed first, so that a run that finds something can be replayed; exit code 1 when anything is found.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { type FuzzResult, runFuzz, runOne, schedule } from './fuzz.ts';
import { allTargets } from './targets.ts';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    target: { type: 'string', multiple: true },
    replay: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

const all = allTargets();
if (values.help) {
  process.stdout.write(`npm run fuzz -- --iterations N [--seed S] [--target NAME ...] [--replay I] [--json]\ntargets: ${all.map((t) => t.name).join(', ')}\n`);
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
const seed = values.seed ?? randomBytes(4).toString('hex');
const targetArgs = values.target?.length ? values.target.map((t) => ` --target ${t}`).join('') : '';

if (values.replay !== undefined) {
  const i = Number(values.replay);
  const r = await runOne(schedule(targets), seed, i);
  process.stdout.write(`seed ${seed} iteration ${i} target ${r.target.name}\ninput:\n${r.target.show(r.input)}\n`);
  process.stdout.write(r.finding ? `FINDING: ${r.finding}\n` : r.rejected ? 'rejected with the documented error: fine\n' : 'accepted: fine\n');
  process.exit(r.finding ? 1 : 0);
}

process.stderr.write(`fuzz: seed ${seed}, ${iterations} iterations over ${targets.length} targets (replay a finding: npm run fuzz -- --seed ${seed}${targetArgs} --replay I)\n`);
const result: FuzzResult = await runFuzz({
  iterations,
  seed,
  targets,
  progress: (done) => process.stderr.write(`  ${done} …\r`),
});
if (values.json) {
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  process.stdout.write(`\n${'target'.padEnd(28)} ${'inputs'.padStart(10)} ${'rejected'.padStart(10)} ${'findings'.padStart(9)}\n`);
  for (const [name, s] of Object.entries(result.perTarget)) {
    process.stdout.write(`${name.padEnd(28)} ${String(s.iterations).padStart(10)} ${String(s.rejected).padStart(10)} ${String(s.findings).padStart(9)}\n`);
  }
  process.stdout.write(`\n${result.iterations} inputs in ${result.seconds.toFixed(1)} s (${Math.round(result.iterations / Math.max(result.seconds, 1e-9))}/s), seed ${seed}: ${result.findings.length ? `${result.findings.length} distinct finding(s)` : 'no findings'}\n`);
  for (const f of result.findings) {
    process.stdout.write(`\nFINDING in ${f.target} (${f.count}×), first at iteration ${f.iteration}: npm run fuzz -- --seed ${seed}${targetArgs} --replay ${f.iteration}\n  ${f.message.replace(/\n/g, '\n  ')}\n  input:\n    ${f.input.replace(/\n/g, '\n    ')}\n`);
  }
}
process.exit(result.findings.length ? 1 : 0);
