#!/usr/bin/env node
// Start the example terminal program from its compiled bundle (build.mjs), rebuilt first when it is
// missing or older than any source it was built from.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = join(root, 'build/terminal.mjs');

function fresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(join(root, 'build/terminal.inputs.json'), 'utf8'));
    return inputs.every((f) => statSync(f).mtimeMs <= built);
  } catch {
    return false;
  }
}

if (!fresh()) await (await import('./build.mjs')).build();
await import(pathToFileURL(bundle).href);
