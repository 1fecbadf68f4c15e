#!/usr/bin/env node
// npm run test:defects: the defect catalogue proven on each card and terminal profile it is written for
// (`sscc defects verify`), the profiles run side by side on the machine's cores. Each run's output is
// printed whole when it ends; the exit code is non-zero when any run fails.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const RUNS = [
  ['profiles/sim-reference.yaml', [], 'out/defects'],
  ['profiles/terminal-reference.yaml', [], 'out/defects-terminal'],
  ['profiles/sim-pboc30.yaml', ['--area', 'pboc'], 'out/defects-pboc30'],
  ['profiles/sim-cda.yaml', ['--area', 'pboc'], 'out/defects-cda'],
  ['profiles/sim-pboc30-cda.yaml', ['--area', 'pboc'], 'out/defects-pboc30-cda'],
  ['profiles/sim-contactless.yaml', ['--area', 'pboc'], 'out/defects-contactless'],
  ['profiles/sim-dual.yaml', ['--area', 'pboc'], 'out/defects-dual'],
  ['profiles/sim-sscard30.yaml', ['--area', 'sscard'], 'out/defects-sscard30'],
  ['profiles/sim-sscard10.yaml', ['--area', 'sscard'], 'out/defects-sscard10'],
  ['profiles/sim-sscard30.yaml', ['--area', 'medical'], 'out/defects-sscard30-medical'],
];

const width = Math.max(1, Math.min(Number(process.env.SSCC_JOBS) || availableParallelism(), RUNS.length));
const started = Date.now();
let next = 0;
let failed = 0;

function run([profile, extra, out]) {
  return new Promise((done) => {
    const args = ['bin/sscc.js', 'defects', 'verify', '--profile', profile, ...extra, '--out', out];
    const t0 = Date.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('close', (code) => {
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      process.stdout.write(`\n== sscc defects verify --profile ${profile} ${extra.join(' ')} (${secs} s, exit ${code})\n${text}`);
      if (code !== 0) failed++;
      done();
    });
  });
}

async function worker() {
  while (next < RUNS.length) await run(RUNS[next++]);
}

await Promise.all(Array.from({ length: width }, worker));
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\ntest:defects: ${RUNS.length - failed} of ${RUNS.length} profiles proven in ${secs} s (${width} at a time)`);
process.exit(failed ? 1 : 0);
