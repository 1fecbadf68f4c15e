// vitest's globalSetup (vitest.config.ts): bring build/js up to date before the tests spawn bin/sscc.js.
import { build, fresh } from './build.mjs';

export default async function setup() {
  if (!fresh()) await build();
}
