#!/usr/bin/env node
// npm run test:suite: the whole suite on each simulator and terminal profile below, as
// `sscc run --profile P --out out/test-suite-X --quiet --force` does (the same plan, pre-flight, reports,
// exit code), but in a few long-lived worker processes (one per core) instead of one process per
// profile: each worker loads the step library once and runs the profiles it is handed one after the
// other (src/cli/commands/run.ts runCommand). Each profile's output is printed whole when it ends;
// the last line counts the cases: "N passed, N failed" (FAIL and ERROR count as failed; a profile whose
// run exits non-zero fails the stage). SSCC_JOBS=1 runs them all in one process.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runQueue } from './worker-queue.mjs';

/** Each profile and the folder its results go to (the names npm test has always used). */
export const SUITE = [
  ['profiles/terminal-command.yaml', 'out/test-suite-terminal-command'],
  ['profiles/sim-reference.yaml', 'out/test-suite'],
  ['profiles/sim-reference-t1.yaml', 'out/test-suite-t1'],
  ['profiles/sim-reference-tpdu.yaml', 'out/test-suite-tpdu'],
  ['profiles/sim-sscard30.yaml', 'out/test-suite-sscard30'],
  ['profiles/sim-sscard10.yaml', 'out/test-suite-sscard10'],
  ['profiles/sim-pboc-sm4.yaml', 'out/test-suite-pboc-sm4'],
  ['profiles/sim-pboc30.yaml', 'out/test-suite-pboc30'],
  ['profiles/sim-cda.yaml', 'out/test-suite-cda'],
  ['profiles/sim-pboc30-cda.yaml', 'out/test-suite-pboc30-cda'],
  ['profiles/sim-contactless.yaml', 'out/test-suite-contactless'],
  ['profiles/sim-dual.yaml', 'out/test-suite-dual'],
  ['profiles/terminal-reference.yaml', 'out/test-suite-terminal'],
];

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--worker') {
  // A worker: the compiled build when it is fresh, else TypeScript through tsx (as bin/sscc.js); one
  // step library for all the profiles it runs.
  const { importSource } = await import('./build.mjs');
  const { runCommand } = await importSource('src/cli/commands/run');
  let support;
  process.on('message', async ({ profile, out }) => {
    let text = '';
    const sink = {
      write: (s) => {
        text += s;
        return true;
      },
    };
    const t0 = process.cpuUsage();
    let reply;
    try {
      const r = await runCommand({ profile, out, quiet: true, force: true, lang: 'zh-CN' }, { ...(support ? { support } : {}), out: sink });
      support = r.support;
      reply = { code: r.code, summary: r.summary };
    } catch (e) {
      // Bad usage (an invalid profile, a refused pre-flight) or the tool failed: the run did not pass.
      text += `sscc: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`;
      reply = { code: 2 };
    }
    const cpu = process.cpuUsage(t0);
    process.send({ ...reply, text, cpu: (cpu.user + cpu.system) / 1e6 });
  });
  process.send({ ready: true });
} else {
  const width = Math.max(1, Math.min(SUITE.length, Number(process.env.SSCC_JOBS) || availableParallelism()));
  const started = Date.now();
  let passed = 0;
  let failed = 0;
  let badRuns = 0;
  await runQueue({
    script: self,
    items: SUITE,
    width,
    message: ([profile, out]) => ({ profile, out }),
    done: ([profile, out], m, secs) => {
      process.stdout.write(`\n== sscc run --profile ${profile} --out ${out} --quiet --force (${secs} s, ${m.cpu.toFixed(1)} CPU-s, exit ${m.code})\n${m.text}`);
      if (m.summary) {
        passed += m.summary.pass;
        failed += m.summary.fail + m.summary.error;
      }
      // The run's own exit code, as `sscc run` exits: 0 no FAIL or ERROR.
      if (m.code !== 0) badRuns++;
    },
    lost: ([profile], how) => {
      process.stdout.write(`\n== worker for ${profile} ended (${how})\n`);
      badRuns++;
    },
  });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\ntest:suite: ${SUITE.length - badRuns} of ${SUITE.length} profiles passed in ${secs} s (${width} processes)`);
  console.log(`${passed} passed, ${failed + badRuns} failed`);
  process.exit(badRuns ? 1 : 0);
}
