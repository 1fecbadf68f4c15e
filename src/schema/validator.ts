/**
 * JSON-schema validators (profile, report, terminal outcome) compiled once per install, not once per
 * process (issue 21: ajv's compile of the three schemas took about 0.9 CPU-s of every cold start).
 * The first process compiles the schema with ajv and writes ajv's standalone validation code (ajv's own
 * `standalone` export) to build/schemas/, keyed by the SHA-256 of the schema, the options and ajv's
 * version; later processes load that module and do not load ajv's compiler at all. The schema files stay
 * the truth: an edited schema gets a new key. Where build/ cannot be written, each process compiles.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, Options } from 'ajv';

const require = createRequire(import.meta.url);
export const SCHEMA_CACHE = fileURLToPath(new URL('../../build/schemas/', import.meta.url));

export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The cache file of a schema text compiled with these options. */
export function cacheFile(schemaFile: string, text: string, options: Options, dir = SCHEMA_CACHE): string {
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  const key = createHash('sha256')
    .update(`ajv ${ajvVersion}\n${JSON.stringify(options)}\n${text}`)
    .digest('hex')
    .slice(0, 16);
  return join(dir, `${basename(schemaFile, '.json')}-${key}.cjs`);
}

export function schemaValidator(schemaUrl: URL, options: Options, dir = SCHEMA_CACHE): Validator {
  const schemaFile = fileURLToPath(schemaUrl);
  const text = readFileSync(schemaFile, 'utf8');
  const file = cacheFile(schemaFile, text, options, dir);
  try {
    return require(file) as Validator;
  } catch {
    /* not compiled yet (or unreadable): compile below */
  }
  const { Ajv } = require('ajv') as typeof import('ajv');
  const ajv = new Ajv({ ...options, code: { source: true } });
  const validate = ajv.compile(JSON.parse(text) as object);
  try {
    const standalone = (require('ajv/dist/standalone') as { default: (ajv: unknown, v: unknown) => string }).default;
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, standalone(ajv, validate));
    renameSync(tmp, file);
  } catch {
    /* a read-only install: this process keeps its compiled validator */
  }
  return validate as Validator;
}
