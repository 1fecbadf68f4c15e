#!/usr/bin/env node
// A fuzz worker process (src/fuzz/jobs.ts forks it): src/fuzz/worker.ts, compiled when build/js is fresh,
// else through tsx (scripts/build.mjs importSource), so that a worker does not compile the targets again.
const { importSource } = await import('./build.mjs');
await importSource('src/fuzz/worker');
