/**
 * Values derived from the project's own files — the parsed features, the report's YAML data, the
 * precompiled HTML template — kept in build/cache/ under the SHA-256 of everything they are made from, so
 * that a process need not derive them again (issue 21: a cold `sscc run` spent about 0.5 CPU-s parsing
 * 70 feature files, 90 KB of YAML and compiling the report's template). The files stay the truth: a
 * changed input, a changed deriving code (`version`) or another dependency lock is a new key; a cache
 * that cannot be read, parsed or written only costs the time of deriving again. SSCC_CACHE=0 derives
 * every time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = join(ROOT, 'build/cache');
/** Entries kept per name: the newest few (a branch switch back and forth finds its own again). */
const KEEP = 6;

let lock: string | undefined;
/** package-lock.json's digest: another version of a parser (gherkin, yaml, handlebars) is another key. */
function lockDigest(): string {
  if (lock !== undefined) return lock;
  try {
    lock = createHash('sha256')
      .update(readFileSync(join(ROOT, 'package-lock.json')))
      .digest('hex');
  } catch {
    lock = '';
  }
  return lock;
}

/** The source text of a module (its import.meta.url: the TypeScript, also in the compiled build), as part of a key. */
export function sourceOf(moduleUrl: string): string {
  return readFileSync(fileURLToPath(moduleUrl), 'utf8');
}

/**
 * `make()`, or what it gave before for the same `name`, `version` and `inputs`. The value must survive
 * JSON (plain data). An error of `make` is not kept: the next call derives again and meets it again.
 */
export function derived<T>(name: string, version: string, inputs: readonly string[], make: () => T): T {
  if (process.env.SSCC_CACHE === '0') return make();
  const h = createHash('sha256').update(`${name}\0${version}\0${lockDigest()}`);
  for (const i of inputs) h.update(`\0${i.length}\0`).update(i);
  const key = h.digest('hex');
  const dir = join(DIR, name);
  const file = join(dir, `${key}.json`);
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { value: T }).value;
  } catch {
    // not there, or unreadable: derive
  }
  const value = make();
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ value }));
    renameSync(tmp, file);
    prune(dir);
  } catch {
    // a read-only install: the value is still right, only not kept
  }
  return value;
}

function prune(dir: string): void {
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of entries.slice(KEEP)) rmSync(join(dir, f), { force: true });
}

/** A YAML data file of the project (reports/*.yaml) as plain data: parsed once per content. */
export function yamlData(text: string): unknown {
  return derived('yaml', 'parse/1', [text], () => parseYaml(text) as unknown);
}
