#!/usr/bin/env node
// Compile the example terminal program (terminal.ts and the sscc sources it imports) into one ES module,
// build/terminal.mjs, with esbuild (tsx's own compiler): the command driver starts it once per
// operation, and `node --import tsx` compiling the sources each time cost more than the operation.
// Run by `npm install` (prepare) and by run.mjs when a source changed; the TypeScript stays the truth.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BUNDLE = join(ROOT, 'build/terminal.mjs');
export const INPUTS = join(ROOT, 'build/terminal.inputs.json');

export async function build() {
  const require = createRequire(import.meta.url);
  // esbuild comes with tsx (a dependency); resolved from there whatever the node_modules layout.
  const esbuild = createRequire(require.resolve('tsx'))('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'examples/terminal/terminal.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  mkdirSync(dirname(BUNDLE), { recursive: true });
  // Written aside and renamed: two first runs at once each see a whole file.
  const tmp = `${BUNDLE}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, BUNDLE);
  const inputs = Object.keys(result.metafile.inputs).map((f) => resolve(ROOT, f));
  writeFileSync(`${INPUTS}.${process.pid}.tmp`, JSON.stringify(inputs));
  renameSync(`${INPUTS}.${process.pid}.tmp`, INPUTS);
  return BUNDLE;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await build();
  process.stdout.write(`built ${BUNDLE}\n`);
}
