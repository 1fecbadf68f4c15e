#!/usr/bin/env node
// npm run test:defects: the defect catalogue proven on each card and terminal profile it is written for
// (`sscc defects verify --proof`, the list in src/cli/commands/defects.ts), shared out between one
// process per core (--part i/n): each loads the step library and the features once and proves its share
// profile after profile. Each process's output is printed whole when it ends; the exit code is non-zero
// when any fails.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const width = Math.max(1, Number(process.env.SSCC_JOBS) || availableParallelism());
const started = Date.now();
let failed = 0;
let proved = 0;
let bad = 0;

function run(part) {
  return new Promise((done) => {
    const args = ['bin/sscc.js', 'defects', 'verify', '--proof', '--part', part];
    const t0 = Date.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('close', (code) => {
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      process.stdout.write(`\n== sscc defects verify --proof --part ${part} (${secs} s, exit ${code})\n${text}`);
      if (code !== 0) failed++;
      proved += (text.match(/^ok {3}/gm) ?? []).length;
      bad += (text.match(/^BAD /gm) ?? []).length;
      done();
    });
  });
}

await Promise.all(Array.from({ length: width }, (_, i) => run(`${i + 1}/${width}`)));
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\ntest:defects: ${width - failed} of ${width} processes proved their share in ${secs} s`);
// Each defect (and each profile's clean card) judged: "ok" or "BAD"; a process that failed counts too.
console.log(`${proved} passed, ${bad + (bad ? 0 : failed)} failed`);
process.exit(failed ? 1 : 0);
