import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'card-sim/**/*.test.ts', 'reference-terminal/**/*.test.ts', 'steps/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 180_000,
  },
});
