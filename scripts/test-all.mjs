#!/usr/bin/env node
// npm test: every stage of the test run (the `test:*` scripts of package.json, each as
// `npm run -s STAGE`), after bringing the compiled build up to date (scripts/build.mjs). Stages run side
// by side as the cores allow (STAGES below); each stage's output is printed whole when it ends (shown as
// it runs when only one stage was asked for); a stage that fails does not stop the others. Each stage ends with a line of its own: exit code, its
// checks passed and failed (read from its last "N passed, N failed" line, vitest's "Tests" line, or
// the exit code for a stage without counts), wall and CPU seconds (its processes' user + system time).
// The LAST line counts the whole run: stages, checks passed and failed, wall and CPU time.
// SSCC_STAGES=typecheck,test:unit runs only those stages.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { build, fresh } from './build.mjs';
import { runPool } from './stage-pool.mjs';

/**
 * The stages, each with about how many cores it keeps busy while it runs (its CPU seconds over its wall
 * seconds, measured on 2 idle cores, 2026-12-02): the stages that wait more than they compute (the PC/SC
 * stacks in network namespaces of their own, the PostgreSQL server in its own folder, the type check's
 * disk reads) fill the cores the busy ones leave, instead of waiting for a group to end (issue 21).
 * Listed longest first: a stage starts as soon as what runs leaves room for it (CAPACITY), the first in
 * this order that fits (scripts/stage-pool.mjs).
 */
const STAGES = [
  ['test:defects', 1.4],
  ['test:unit', 1.4],
  ['test:suite', 1.0],
  ['test:pcsc', 0.7],
  ['typecheck', 0.6],
  ['test:campaign', 0.4],
  ['test:stateful', 0.7],
  ['lint', 0.5],
  ['test:pcsc-tear', 0.1],
  ['test:vicc', 0.2],
];
// Cores' worth of stages at once: a little above the machine's cores, so that a stage's waits are filled.
const CAPACITY = Number(process.env.SSCC_TEST_CAPACITY) || availableParallelism() * 1.5;

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
const chosen = STAGES.filter(([s]) => !only || only.includes(s));
const live = chosen.length === 1;
await runPool(chosen, CAPACITY, {
  start: (stage) => run(stage, { live }),
  started: (stage, beside) => console.log(`\n== npm run ${stage}${beside.length ? ` (beside ${beside.join(', ')})` : ''}`),
  ended: (_stage, r, beside) => finish(r, beside),
});

/** A stage ended: its output (when it was not shown live) and its own line. */
function finish(r, beside) {
  if (!live) process.stdout.write(`\n-- output of npm run ${r.stage}:\n${r.text}`);
  const c = counts(r.text) ?? { passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1 };
  // A stage that exits non-zero fails, whatever its counts say.
  if (r.code !== 0 && c.failed === 0) c.failed = 1;
  results.push({ ...r, ...c });
  console.log(
    `== ${r.stage}: ${r.code === 0 ? 'ok' : `FAILED (exit ${r.signal ?? r.code})`}, ${c.passed} passed, ${c.failed} failed, ${r.wall.toFixed(1)} s wall, ${r.cpu.toFixed(1)} CPU-s${beside.length ? ` (beside ${beside.join(', ')})` : ''}`,
  );
}

const wall = (Date.now() - started) / 1000;
const cpu = childCpu() - cpu0;
results.sort((a, b) => chosen.findIndex(([s]) => s === a.stage) - chosen.findIndex(([s]) => s === b.stage));
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
