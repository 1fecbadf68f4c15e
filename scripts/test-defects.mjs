#!/usr/bin/env node
// npm run test:defects: the defect catalogue proven on each card and terminal profile it is written for
// (`sscc defects verify --proof`, the list in src/cli/commands/defects.ts). The runs of that list go to
// long-lived workers, one per core, the costliest first, each worker taking the next when it ends (a
// queue: a cost that has grown since it was written down costs no idle core). A worker loads the step
// library once for all the runs it is handed (scripts/worker-queue.mjs, as test-suite.mjs). Each run's output is printed whole
// when it ends; the exit code is non-zero when any fails. A run is the same as
// `sscc defects verify --proof --part i/n` (n the number of runs), which gives one run alone.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runQueue } from './worker-queue.mjs';

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--worker') {
  // The compiled build when it is fresh, else TypeScript through tsx (as bin/sscc.js).
  const { importSource } = await import('./build.mjs');
  const { proveRun } = await importSource('src/cli/commands/defects');
  let support;
  process.on('message', async ({ profile, area }) => {
    let text = '';
    let ok = false;
    try {
      const summary = await proveRun({ profile, area }, (s) => (text += `${s}\n`), support);
      support = summary.support;
      ok = summary.ok;
    } catch (e) {
      text += `sscc: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`;
    }
    process.send({ ok, text });
  });
  process.send({ ready: true });
} else {
  const width = Math.max(1, Number(process.env.SSCC_JOBS) || availableParallelism());
  const started = Date.now();
  let failed = 0;
  let proved = 0;
  let bad = 0;
  const runs = execFileSync(process.execPath, ['bin/sscc.js', 'defects', 'list', '--proof'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  await runQueue({
    script: self,
    items: runs,
    width,
    done: ({ part, profile, area }, m, secs) => {
      process.stdout.write(
        `\n== sscc defects verify --proof --part ${part}: ${profile}${area ? ` --area ${area}` : ''} (${secs} s, ${m.ok ? 'ok' : 'FAILED'})\n${m.text}`,
      );
      if (!m.ok) failed++;
      proved += (m.text.match(/^ok {3}/gm) ?? []).length;
      bad += (m.text.match(/^BAD /gm) ?? []).length;
    },
    // A worker that dies takes its run with it: that run failed.
    lost: ({ part }, how) => {
      process.stdout.write(`\n== sscc defects verify --proof --part ${part}: the worker ended (${how})\n`);
      failed++;
    },
  });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\ntest:defects: ${runs.length - failed} of ${runs.length} runs proved their share in ${secs} s on ${width} cores`);
  // Each defect (and each profile's clean card) judged: "ok" or "BAD"; a run that failed counts too.
  console.log(`${proved} passed, ${bad + (bad ? 0 : failed)} failed`);
  process.exit(failed ? 1 : 0);
}
