import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'card-sim/**/*.test.ts',
      'reference-terminal/**/*.test.ts',
      'steps/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.mjs',
    ],
    testTimeout: 180_000,
    // One module registry per worker, not per file: a test file's cost was mostly importing card-sim, the
    // library and the steps through vite again (card-sim, src/pboc, src/sscard, src/crypto: 0.42× CPU
    // paired). Tests that change process state (Set.prototype.has, process.env, card observers) restore it.
    isolate: false,
    // The compiled build (scripts/build.mjs) made fresh first: the tests that spawn bin/sscc.js start it
    // without tsx (issue 21). A stale or missing build only makes them slower, never wrong.
    globalSetup: ['scripts/vitest-build.mjs'],
    // Two files at once on two cores (vitest's default is one fewer worker than cores): most of the slow
    // files wait on the sscc processes they spawn.
    maxWorkers: Math.max(2, (await import('node:os')).availableParallelism()),
  },
});
