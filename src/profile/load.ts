/**
 * Load and check a profile: YAML → JSON Schema (ajv, profiles/profile.schema.json) → plausibility.
 * Every problem names the field and, where there is a closed set, the allowed values.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { type Validator, schemaValidator } from '../schema/validator.ts';
import { parseDocument } from 'yaml';
import { IMAGES } from '../../card-sim/images/index.ts';
import { DEFECTS } from '../../card-sim/defects/catalogue.ts';
import type { Profile } from './profile.ts';

const SCHEMA_URL = new URL('../../profiles/profile.schema.json', import.meta.url);

export class ProfileError extends Error {
  override name = 'ProfileError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  - ${problems.join('\n  - ')}`}`);
  }
}

export interface LoadedProfile {
  profile: Profile;
  file: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  text: string;
}

let validator: Validator | undefined;
function validate(data: unknown): ErrorObject[] {
  validator ??= schemaValidator(SCHEMA_URL, { allErrors: true, discriminator: true, strict: false, verbose: true });
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** Profiles are a few kilobytes; a limit keeps /dev/zero or a wrong file from filling the memory. */
export const PROFILE_MAX_BYTES = 1 << 20;
/** Deeper than any profile: deeper documents are refused before they reach the schema (issue 18). */
export const YAML_MAX_DEPTH = 64;

/**
 * Read a file a user names (profile, plan, messages): a regular file only (not a FIFO, a device such
 * as /dev/zero or a folder), at most `maxBytes`; errors say which, as an Error whose message is the reason.
 */
export function readInputFile(file: string, maxBytes: number): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new Error(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new Error('is a folder, not a file');
    if (!st.isFile()) throw new Error('is not a regular file (a device, pipe or socket); give a file');
    if (st.size > maxBytes) throw new Error(`is ${st.size} bytes, more than the ${maxBytes} bytes allowed; is it the right file?`);
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (let k; n < buf.length && (k = readSync(fd, buf, n, buf.length - n, null)) > 0; ) n += k;
    if (n > maxBytes) throw new Error(`is more than the ${maxBytes} bytes allowed; is it the right file?`);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export function loadProfile(file: string): LoadedProfile {
  let text: string;
  try {
    text = readInputFile(file, PROFILE_MAX_BYTES);
  } catch (e) {
    throw new ProfileError(file, [(e as Error).message]);
  }
  return { ...parseProfile(text, file), file, text, sha256: createHash('sha256').update(text).digest('hex') };
}

export function parseProfile(text: string, file = 'profile'): { profile: Profile } {
  const deep = nestingDepth(text);
  if (deep > YAML_MAX_DEPTH) throw new ProfileError(file, [`YAML: nested ${deep} levels deep, more than the ${YAML_MAX_DEPTH} a profile may have`]);
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { prettyErrors: true });
  } catch (e) {
    throw new ProfileError(file, [`YAML: cannot be parsed (${(e as Error).message.split('\n')[0]})`]);
  }
  if (doc.errors.length) throw new ProfileError(file, doc.errors.map((e) => `YAML: ${e.message.split('\n')[0]}`));
  let data: unknown;
  try {
    // Aliases: a profile needs few; yaml's limit stops a "billion laughs" expansion.
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    // An alias whose anchor is missing only shows when the document is converted (yaml's toJS throws).
    throw new ProfileError(file, [`YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
  return { profile: checkProfile(data, file) };
}

/**
 * An upper bound of the nesting of a YAML text before it is parsed: the deepest indentation (in
 * steps of one column, block style) or flow brackets open at once, whichever is larger.
 */
function nestingDepth(text: string): number {
  let flow = 0;
  let maxFlow = 0;
  let indents = 0;
  const seen = new Set<number>();
  for (const line of text.split('\n')) {
    const m = /^( *)(- +)*/.exec(line) as RegExpExecArray;
    if (line.trim() && !line.trim().startsWith('#')) {
      const col = m[0].length;
      if (!seen.has(col)) {
        seen.add(col);
        indents = seen.size;
      }
    }
  }
  for (const c of text) {
    if (c === '[' || c === '{') maxFlow = Math.max(maxFlow, ++flow);
    else if ((c === ']' || c === '}') && flow > 0) flow--;
  }
  return Math.max(indents, maxFlow);
}

/** Schema and plausibility check of profile data already parsed (from YAML, or from a plan's JSON). */
export function checkProfile(data: unknown, file = 'profile'): Profile {
  const errors = validate(data);
  if (errors.length) throw new ProfileError(file, describeErrors(errors, data));
  const profile = data as Profile;
  const problems = plausibility(profile);
  if (problems.length) throw new ProfileError(file, problems);
  return profile;
}

/** Contradictions the schema cannot express. */
export function plausibility(p: Profile): string[] {
  const out: string[] = [];
  const oda = p.ics.oda ?? [];
  if (oda.includes('CDA') && !oda.includes('DDA')) out.push('ics.oda: CDA is declared without DDA (CDA needs the DDA key pair); add DDA or remove CDA');
  if (oda.length && !p.ics.algorithms.includes('RSA') && !p.ics.algorithms.includes('SM2')) {
    out.push('ics.oda: offline data authentication needs RSA or SM2 in ics.algorithms');
  }
  type CaFields = { algorithm?: string; modulus?: string; exponent?: string; publicKey?: string };
  const checkCa = (ca: CaFields | undefined, at: string) => {
    if (ca?.algorithm === 'SM2') {
      if (!ca.publicKey) out.push(`${at}.publicKey: an SM2 CA key (algorithm: SM2) needs publicKey, x ‖ y in 64 bytes hex`);
      if (ca.modulus !== undefined || ca.exponent !== undefined) out.push(`${at}: an SM2 CA key (algorithm: SM2) has no modulus or exponent; remove them`);
      if (!p.ics.algorithms.includes('SM2')) out.push(`${at}: an SM2 CA key is given but ics.algorithms lacks SM2`);
    } else if (ca) {
      if (ca.modulus === undefined || ca.exponent === undefined) out.push(`${at}: an RSA CA key needs modulus and exponent; for an SM2 CA key set algorithm: SM2 and publicKey`);
      if (ca.publicKey !== undefined) out.push(`${at}.publicKey: only an SM2 CA key has publicKey; set algorithm: SM2, or give modulus and exponent`);
    }
  };
  checkCa(p.keys?.pboc?.ca as CaFields | undefined, 'keys.pboc.ca');
  for (const [i, c] of (p.keys?.pboc?.caKeys ?? []).entries()) checkCa(c as CaFields, `keys.pboc.caKeys[${i}]`);
  // A dual-algorithm card (JR/T 0025.17 §10.2 b) holds both sets, and ODA needs the CA key of each chain.
  if (p.ics.pbocAlgorithmSets === 'dual') {
    const missing = (['3DES', 'SM4', 'RSA', 'SM2'] as const).filter((a) => !p.ics.algorithms.includes(a));
    if (missing.length) out.push(`ics.pbocAlgorithmSets: a dual-algorithm card has RSA/SHA-1/3DES and SM2/SM3/SM4 (JR/T 0025.17 §10.2); ics.algorithms lacks ${missing.join(', ')}`);
    if (p.ics.pboc !== '3.0') out.push('ics.pbocAlgorithmSets: dual algorithm sets are a PBOC 3.0 feature (JR/T 0025.17); set ics.pboc to "3.0"');
    const kinds = [p.keys?.pboc?.ca, ...(p.keys?.pboc?.caKeys ?? [])].filter((c) => c !== undefined).map((c) => (c.algorithm === 'SM2' ? 'SM2' : 'RSA'));
    if (p.keys?.pboc && !(kinds.includes('RSA') && kinds.includes('SM2'))) out.push('keys.pboc.caKeys: a dual-algorithm card needs an RSA and an SM2 CA key (keys.pboc.ca and keys.pboc.caKeys)');
  }
  if (p.target.kind === 'sim') {
    if (!Object.hasOwn(IMAGES, p.target.image)) out.push(`target.image: unknown image "${p.target.image}"; allowed values: ${Object.keys(IMAGES).join(', ')}`);
    for (const [i, d] of (p.target.defects ?? []).entries()) {
      if (!DEFECTS.some((x) => x.id === d)) out.push(`target.defects[${i}]: unknown defect "${d}"; allowed values: ${DEFECTS.map((x) => x.id).join(', ')}`);
    }
  }
  return out;
}

function describeErrors(errors: ErrorObject[], data: unknown): string[] {
  const out = new Set<string>();
  // With a discriminator, errors of the branch that was not chosen are noise.
  for (const e of errors) {
    const field = fieldName(e.instancePath);
    switch (e.keyword) {
      case 'additionalProperties': {
        const extra = (e.params as { additionalProperty: string }).additionalProperty;
        const allowed = allowedKeys(e.parentSchema);
        const near = closest(extra, allowed);
        out.add(`${join(field, extra)}: unknown field${near ? `; did you mean "${join(field, near)}"?` : '.'} Allowed fields here: ${allowed.join(', ')}`);
        break;
      }
      case 'required':
        out.add(`${join(field, (e.params as { missingProperty: string }).missingProperty)}: required field is missing`);
        break;
      case 'enum':
        out.add(`${field}: ${JSON.stringify(valueAt(data, e.instancePath))} is not allowed; allowed values: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`);
        break;
      case 'const':
        out.add(`${field}: must be "${String((e.params as { allowedValue: unknown }).allowedValue)}"`);
        break;
      case 'discriminator':
        out.add(`${join(field, 'kind')}: must be one of sim, pcsc`);
        break;
      case 'oneOf':
        break;
      default:
        out.add(`${field}: ${e.message ?? e.keyword}`);
    }
  }
  return [...out];
}

function fieldName(instancePath: string): string {
  if (!instancePath) return '(top level)';
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join('')
    .replace(/^\./, '');
}

function join(field: string, key: string): string {
  return field === '(top level)' ? key : `${field}.${key}`;
}

function allowedKeys(schema: unknown): string[] {
  const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

function valueAt(data: unknown, pointer: string): unknown {
  let here: unknown = data;
  for (const part of pointer.split('/').slice(1)) here = (here as Record<string, unknown> | undefined)?.[part];
  return here;
}

/** The allowed key nearest to a misspelt one (edit distance ≤ 2), if any. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] as number;
}
