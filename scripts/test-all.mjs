#!/usr/bin/env node
// npm test: every stage of the test run, in order (the `test:*` scripts of package.json, each as
// `npm run -s STAGE`), after bringing the compiled build up to date (scripts/build.mjs). Each stage's
// output is shown as it runs (typecheck and lint run side by side: their outputs follow each other);
// a stage that fails does not stop the others. Each stage ends with a line of its own: exit code, its
// checks passed and failed (read from its last "N passed, N failed" line, vitest's "Tests" line, or
// the exit code for a stage without counts), wall and CPU seconds (its processes' user + system time).
// The LAST line counts the whole run: stages, checks passed and failed, wall and CPU time.
// SSCC_STAGES=typecheck,test:unit runs only those stages.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { build, fresh } from './build.mjs';

/**
 * The stages; an inner list runs its stages at the same time. Stages that wait more than they compute
 * (the PC/SC stacks, each in a network namespace of its own; the PostgreSQL server in its own folder)
 * run beside one that keeps the cores busy, so that neither core idles (issue 21).
 */
const STAGES = [
  // The unit tests need nothing the type check or the linter makes; the suite and the defect proof run
  // side by side (neither alone kept both cores busy: 1.4 and 1.9 cores).
  ['typecheck', 'lint', 'test:unit'],
  ['test:suite', 'test:defects', 'test:pcsc-tear', 'test:vicc'],
  ['test:pcsc', 'test:stateful', 'test:campaign'],
];

const only = process.env.SSCC_STAGES?.split(',').filter(Boolean);
const started = Date.now();
const cpu0 = childCpu();

/** User + system CPU seconds of this process's finished children, their children included (Linux). */
function childCpu() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime), in clock ticks of 1/100 s.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** The checks a stage's output counts: its last "N passed, N failed", or vitest's "Tests" line. */
function counts(text) {
  const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
  const own = [...plain.matchAll(/^(\d+) passed, (\d+) failed\s*$/gm)].pop();
  if (own) return { passed: Number(own[1]), failed: Number(own[2]) };
  const vitest = [...plain.matchAll(/^\s*Tests\s+(?:(\d+) failed \| )?(\d+) passed/gm)].pop();
  if (vitest) return { passed: Number(vitest[2]), failed: Number(vitest[1] ?? 0) };
  return undefined;
}

function run(stage, { live }) {
  return new Promise((done) => {
    const t0 = Date.now();
    // stage-cpu.mjs tells the stage's own CPU seconds on descriptor 3.
    const child = spawn(process.execPath, [new URL('./stage-cpu.mjs', import.meta.url).pathname, stage], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let text = '';
    let cpu = '';
    child.stdio[3].on('data', (d) => (cpu += d));
    const take = (stream) => (d) => {
      text += d;
      if (live) stream.write(d);
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    child.on('close', (code, signal) => done({ stage, code: code ?? 128, signal, text, wall: (Date.now() - t0) / 1000, cpu: Number.parseFloat(cpu) }));
  });
}

const results = [];
if (!fresh()) {
  const t0 = Date.now();
  const r = await build();
  console.log(`== build: build/js, ${r.files} files in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
for (const step of STAGES) {
  const group = (Array.isArray(step) ? step : [step]).filter((s) => !only || only.includes(s));
  if (!group.length) continue;
  for (const s of group) console.log(`\n== npm run ${s}`);
  const live = group.length === 1;
  const done = await Promise.all(group.map((s) => run(s, { live })));
  for (const r of done) {
    const cpu = r.cpu;
    if (!live) process.stdout.write(`\n-- output of npm run ${r.stage}:\n${r.text}`);
    const c = counts(r.text) ?? { passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1 };
    // A stage that exits non-zero fails, whatever its counts say.
    if (r.code !== 0 && c.failed === 0) c.failed = 1;
    results.push({ ...r, ...c });
    console.log(
      `== ${r.stage}: ${r.code === 0 ? 'ok' : `FAILED (exit ${r.signal ?? r.code})`}, ${c.passed} passed, ${c.failed} failed, ${r.wall.toFixed(1)} s wall, ${cpu.toFixed(1)} CPU-s${group.length > 1 ? ` (beside ${group.filter((g) => g !== r.stage).join(', ')})` : ''}`,
    );
  }
}

const wall = (Date.now() - started) / 1000;
const cpu = childCpu() - cpu0;
const failedStages = results.filter((r) => r.code !== 0);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('\n== npm test, by stage (wall s, CPU-s):');
for (const r of results)
  console.log(
    `  ${r.stage.padEnd(14)} ${r.code === 0 ? 'ok    ' : 'FAILED'} ${String(r.passed).padStart(6)} passed ${String(r.failed).padStart(4)} failed ${r.wall.toFixed(1).padStart(7)} ${r.cpu.toFixed(1).padStart(7)}`,
  );
console.log(
  `npm test: ${results.length - failedStages.length} of ${results.length} stages passed${failedStages.length ? ` (failed: ${failedStages.map((r) => r.stage).join(', ')})` : ''}; ${passed} passed, ${failed} failed; ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} CPU-s`,
);
process.exit(failedStages.length ? 1 : 0);
