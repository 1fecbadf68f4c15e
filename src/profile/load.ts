/**
 * Load and check a profile: YAML → JSON Schema (ajv, profiles/profile.schema.json) → plausibility.
 * Every problem names the field and, where there is a closed set, the allowed values.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { type Validator, schemaValidator } from '../schema/validator.ts';
import { type Document, isScalar, parseDocument } from 'yaml';
import { IMAGES } from '../../card-sim/index.ts';
import { DEFECTS } from '../run/catalogue.ts';
import type { Profile } from './profile.ts';
import { isTimeZone } from '../report/certificate.ts';

const SCHEMA_URL = new URL('../../profiles/profile.schema.json', import.meta.url);

export class ProfileError extends Error {
  override name = 'ProfileError';
  /**
   * @param problems one line each, naming the field and the fix
   * @param frames per problem, where it is in the file: "line L, column C" and the line with a caret
   */
  constructor(
    readonly file: string,
    readonly problems: string[],
    readonly frames: Array<string | undefined> = [],
  ) {
    const shown = problems.map((p, i) => (frames[i] ? `${p}\n${frames[i]}` : p));
    super(`${file}: ${shown.length === 1 ? shown[0] : `${shown.length} problems:\n  - ${shown.join('\n  - ')}`}`);
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
    for (let k = 0; n < buf.length && (k = readSync(fd, buf, n, buf.length - n, null)) > 0; ) n += k;
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
  const { doc, data } = readYaml(text, file);
  const located = (path: string[], atKey?: boolean) => frameAt(doc, text, path, atKey);
  if (data && typeof data === 'object' && !Array.isArray(data) && typeof (data as { labFile?: unknown }).labFile === 'string') {
    return { profile: checkProfile(withLabFile(data as Record<string, unknown>, file), file, located) };
  }
  return { profile: checkProfile(data, file, located) };
}

/** YAML text → document and data; a syntax error keeps yaml's code frame (line, column, the line and a caret). */
function readYaml(text: string, file: string): { doc: Document; data: unknown } {
  let doc: Document;
  try {
    doc = parseDocument(text, { prettyErrors: true });
  } catch (e) {
    throw new ProfileError(file, [`YAML: cannot be parsed (${(e as Error).message.split('\n')[0]})`]);
  }
  if (doc.errors.length) {
    throw new ProfileError(
      file,
      doc.errors.map((e) => `YAML: ${e.message.split('\n')[0]}`),
      doc.errors.map((e) => indentFrame(e.message.split('\n').slice(1).join('\n'))),
    );
  }
  try {
    // Aliases: a profile needs few; yaml's limit stops a "billion laughs" expansion.
    return { doc, data: doc.toJS({ maxAliasCount: 50 }) };
  } catch (e) {
    // An alias whose anchor is missing only shows when the document is converted (yaml's toJS throws).
    throw new ProfileError(file, [`YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
}

function indentFrame(frame: string): string | undefined {
  const lines = frame.split('\n').filter((l, i, all) => l.trim() !== '' || (i > 0 && i < all.length - 1));
  return lines.length ? lines.map((l) => `    ${l}`).join('\n') : undefined;
}

/** "line L, column C" and the source line with a caret under the value at `path` (never for keys.*: secrets). */
function frameAt(doc: Document, text: string, path: string[], atKey = false): string | undefined {
  if (!path.length) return undefined;
  const node = atKey ? undefined : (doc.getIn(path, true) as { range?: [number, number, number] } | undefined);
  const offset = node?.range?.[0] ?? keyOffset(doc, path);
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const where = `    at line ${line}, column ${column}`;
  if (path[0] === 'keys') return where; // the line may hold a PIN or a key
  const source = text.split('\n')[line - 1] ?? '';
  return `${where}:\n    ${line} | ${source}\n    ${' '.repeat(String(line).length)} | ${' '.repeat(column - 1)}^`;
}

/** Where an unknown key sits (its pair has no value node to point at when the path names the key itself). */
function keyOffset(doc: Document, path: string[]): number | undefined {
  const parent = doc.getIn(path.slice(0, -1), true) as { items?: Array<{ key?: { value?: unknown; range?: [number, number, number] } }> } | undefined;
  const pair = parent?.items?.find((i) => isScalar(i.key) && String(i.key.value) === path[path.length - 1]);
  return pair?.key?.range?.[0];
}

/** The profile with `labFile` read into `lab` (the lab's own YAML, relative to the profile's folder). */
function withLabFile(data: Record<string, unknown>, file: string): Record<string, unknown> {
  const name = data.labFile as string;
  if (data.lab !== undefined) throw new ProfileError(file, ['lab, labFile: give the lab in the profile or in a lab file, not both']);
  const labPath = resolve(file === 'profile' ? '.' : dirname(file), name);
  let text: string;
  try {
    text = readInputFile(labPath, PROFILE_MAX_BYTES);
  } catch (e) {
    throw new ProfileError(file, [`labFile: ${name} ${(e as Error).message}`]);
  }
  const { doc, data: lab } = readYaml(text, labPath);
  const errors = validateLab(lab);
  if (errors.length) {
    throw new ProfileError(
      labPath,
      describeErrors(errors, lab),
      errors.map((e) => frameAt(doc, text, pointerPath(e.instancePath, e), e.keyword === 'additionalProperties')),
    );
  }
  return { ...data, lab };
}

let labValidator: ReturnType<Ajv['compile']> | undefined;
function validateLab(data: unknown): ErrorObject[] {
  if (!labValidator) {
    const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as { properties: { lab: object } };
    labValidator = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema.properties.lab);
  }
  return labValidator(data) ? [] : [...(labValidator.errors ?? [])];
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
export function checkProfile(data: unknown, file = 'profile', located?: (path: string[], atKey?: boolean) => string | undefined): Profile {
  const errors = validate(data);
  if (errors.length) {
    const problems = describeErrors(errors, data);
    // One frame per distinct problem, in the order describeErrors gives them.
    const frames = new Map<string, string | undefined>();
    for (const e of errors) {
      const [p] = describeErrors([e], data);
      if (p !== undefined && !frames.has(p)) frames.set(p, located?.(pointerPath(e.instancePath, e), e.keyword === 'additionalProperties'));
    }
    throw new ProfileError(
      file,
      problems,
      problems.map((p) => frames.get(p)),
    );
  }
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
      if (ca.modulus === undefined || ca.exponent === undefined)
        out.push(`${at}: an RSA CA key needs modulus and exponent; for an SM2 CA key set algorithm: SM2 and publicKey`);
      if (ca.publicKey !== undefined) out.push(`${at}.publicKey: only an SM2 CA key has publicKey; set algorithm: SM2, or give modulus and exponent`);
    }
  };
  checkCa(p.keys?.pboc?.ca as CaFields | undefined, 'keys.pboc.ca');
  for (const [i, c] of (p.keys?.pboc?.caKeys ?? []).entries()) checkCa(c as CaFields, `keys.pboc.caKeys[${i}]`);
  // A dual-algorithm card (JR/T 0025.17 §10.2 b) holds both sets, and ODA needs the CA key of each chain.
  if (p.ics.pbocAlgorithmSets === 'dual') {
    const missing = (['3DES', 'SM4', 'RSA', 'SM2'] as const).filter((a) => !p.ics.algorithms.includes(a));
    if (missing.length)
      out.push(
        `ics.pbocAlgorithmSets: a dual-algorithm card has RSA/SHA-1/3DES and SM2/SM3/SM4 (JR/T 0025.17 §10.2); ics.algorithms lacks ${missing.join(', ')}`,
      );
    if (p.ics.pboc !== '3.0') out.push('ics.pbocAlgorithmSets: dual algorithm sets are a PBOC 3.0 feature (JR/T 0025.17); set ics.pboc to "3.0"');
    const kinds = [p.keys?.pboc?.ca, ...(p.keys?.pboc?.caKeys ?? [])].filter((c) => c !== undefined).map((c) => (c.algorithm === 'SM2' ? 'SM2' : 'RSA'));
    if (p.keys?.pboc && !(kinds.includes('RSA') && kinds.includes('SM2')))
      out.push('keys.pboc.caKeys: a dual-algorithm card needs an RSA and an SM2 CA key (keys.pboc.ca and keys.pboc.caKeys)');
  }
  if (p.lab?.timeZone && !isTimeZone(p.lab.timeZone)) out.push(`lab.timeZone: "${p.lab.timeZone}" is not an IANA time zone; e.g. Asia/Shanghai`);
  // Consistency of keys and ICS once each key is well formed (a malformed key has said what it lacks).
  if (!out.length && p.ics.pbocAlgorithmSets !== 'dual') out.push(...keysForIcs(p));
  if (p.target.kind === 'sim') {
    if (!Object.hasOwn(IMAGES, p.target.image))
      out.push(
        `target.image: unknown image "${p.target.image}"${didYouMean(p.target.image, Object.keys(IMAGES))}; allowed values: ${Object.keys(IMAGES).join(', ')}`,
      );
    for (const [i, d] of (p.target.defects ?? []).entries()) {
      if (!DEFECTS.some((x) => x.id === d))
        out.push(
          `target.defects[${i}]: unknown defect "${d}"${didYouMean(
            d,
            DEFECTS.map((x) => x.id),
          )}; allowed values: ${DEFECTS.map((x) => x.id).join(', ')}`,
        );
    }
  }
  return out;
}

/** The path of a pointer (and of the unknown key, for additionalProperties), for frameAt. */
function pointerPath(instancePath: string, e: ErrorObject): string[] {
  const path = instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'additionalProperties') path.push((e.params as { additionalProperty: string }).additionalProperty);
  return path;
}

/** A YAML plain scalar that became a number or boolean where the schema wants text: say how to quote it. */
function quoteHint(e: ErrorObject, data: unknown): string {
  const value = valueAt(data, e.instancePath);
  if (typeof value !== 'number' && typeof value !== 'boolean') return '';
  const wantsText =
    e.keyword === 'type'
      ? (e.params as { type: string | string[] }).type === 'string'
      : e.keyword === 'enum' && (e.params as { allowedValues: unknown[] }).allowedValues.some((v) => typeof v === 'string');
  if (!wantsText) return '';
  const secret = e.instancePath.startsWith('/keys/');
  if (secret) return '; YAML reads it as a number: quote it, e.g. "0123"';
  const allowed = e.keyword === 'enum' ? (e.params as { allowedValues: unknown[] }).allowedValues.filter((v): v is string => typeof v === 'string') : [];
  // 2.0 in YAML is the number 2: the allowed text it was meant as is the one with the same value.
  const meant = allowed.find((v) => Number(v) === value) ?? String(value);
  return `; YAML reads it as a ${typeof value}: quote it: '${meant}'`;
}

/**
 * The keys agree with the ICS (issue 20 item 6): every public-key algorithm a card declares for ODA has a
 * CA key of that type, and no CA key is of an algorithm the card does not declare.
 */
function keysForIcs(p: Profile): string[] {
  if (p.product.kind === 'terminal') return []; // a terminal's CA keys are the ones it holds, for any card
  const out: string[] = [];
  const oda = p.ics.oda ?? [];
  const pk = (['RSA', 'SM2'] as const).filter((a) => p.ics.algorithms.includes(a));
  const pboc = p.keys?.pboc;
  if (oda.length && p.ics.pboc !== 'none' && !pboc)
    out.push(`keys.pboc: ics.oda declares ${oda.join(', ')} but no keys.pboc gives the CA public key (keys.pboc.ca) to check it`);
  if (!pboc || !oda.length) return out;
  const cas = [pboc.ca, ...(pboc.caKeys ?? [])];
  const kinds = new Set(cas.map((c) => (c.algorithm === 'SM2' ? 'SM2' : 'RSA')));
  // A single-set card does ODA with the one public-key algorithm it declares (JR/T 0025.17 §10.2).
  for (const a of pk) {
    if (!kinds.has(a))
      out.push(
        `keys.pboc.ca: ics.algorithms declares ${a} with ics.oda ${oda.join(', ')}, but no CA key (keys.pboc.ca, keys.pboc.caKeys) is an ${a} key${a === 'SM2' ? ' (algorithm: SM2, publicKey)' : ' (modulus, exponent)'}`,
      );
  }
  if (kinds.has('RSA') && !pk.includes('RSA'))
    out.push('keys.pboc.ca: an RSA CA key is given but ics.algorithms lacks RSA; add RSA, or give the SM2 CA key (algorithm: SM2)');
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
        out.add(
          `${field}: ${JSON.stringify(valueAt(data, e.instancePath))} is not allowed; allowed values: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}${quoteHint(e, data)}`,
        );
        break;
      case 'type':
        out.add(`${field}: ${e.message ?? 'wrong type'}${quoteHint(e, data)}`);
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

/** The allowed name nearest to a misspelt one (edit distance ≤ 2, or ≤ a fifth of a long name), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(3, Math.floor(word.length / 5) + 1);
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** '; did you mean "X"?' for a name near a known one, else ''. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const near = closest(word, candidates);
  return near ? `; did you mean "${near}"?` : '';
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
