#!/usr/bin/env node
// npm run test:defects: the defect catalogue proven on each card and terminal profile it is written for
// (`sscc defects verify --proof`, the list in src/cli/commands/defects.ts). Each run of that list is one
// process (`--part i/n`, n the number of runs: share i is the i-th costliest run), and as many run at
// once as there are cores, the costliest first, each taking the next when it ends: a queue, so that a
// cost that has grown since it was written down costs no idle core. Each process's output is printed
// whole when it ends; the exit code is non-zero when any fails.
import { execFileSync, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const width = Math.max(1, Number(process.env.SSCC_JOBS) || availableParallelism());
const started = Date.now();
let failed = 0;
let proved = 0;
let bad = 0;

const runs = execFileSync(process.execPath, ['bin/sscc.js', 'defects', 'list', '--proof'], { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));

function run({ part, profile, area }) {
  return new Promise((done) => {
    const args = ['bin/sscc.js', 'defects', 'verify', '--proof', '--part', part];
    const t0 = Date.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('close', (code) => {
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      process.stdout.write(`\n== sscc defects verify --proof --part ${part}: ${profile}${area ? ` --area ${area}` : ''} (${secs} s, exit ${code})\n${text}`);
      if (code !== 0) failed++;
      proved += (text.match(/^ok {3}/gm) ?? []).length;
      bad += (text.match(/^BAD /gm) ?? []).length;
      done();
    });
  });
}

const queue = [...runs];
await Promise.all(
  Array.from({ length: Math.min(width, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await run(next);
  }),
);
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\ntest:defects: ${runs.length - failed} of ${runs.length} runs proved their share in ${secs} s on ${width} cores`);
// Each defect (and each profile's clean card) judged: "ok" or "BAD"; a process that failed counts too.
console.log(`${proved} passed, ${bad + (bad ? 0 : failed)} failed`);
process.exit(failed ? 1 : 0);
