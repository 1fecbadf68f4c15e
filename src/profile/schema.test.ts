/**
 * The profile's schema is the one source of truth (issues 16 item 5, 20 item 6): every field described
 * in both languages, docs/profile.md and the TypeScript types generated from it and never hand-edited.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS_FILE, type SchemaNode, loadSchema, renderProfileDocs, schemaFields } from './docs.ts';
import { TYPES_FILE, generateProfileTypes } from './gen-types.ts';
import { ProfileError, loadProfile, parseProfile } from './load.ts';

const reference = readFileSync(new URL('../../profiles/sim-reference.yaml', import.meta.url), 'utf8');

function error(text: string, file = 'p.yaml'): ProfileError {
  try {
    parseProfile(text, file);
  } catch (e) {
    if (e instanceof ProfileError) return e;
    throw e;
  }
  throw new Error('the profile was accepted');
}

/** Every property, pattern property and definition anywhere in the schema, with its path. */
function everyProperty(node: SchemaNode, at = ''): Array<[string, SchemaNode]> {
  const out: Array<[string, SchemaNode]> = [];
  for (const key of ['properties', 'patternProperties', 'definitions'] as const) {
    for (const [k, v] of Object.entries(node[key] ?? {})) out.push([`${at}${key === 'definitions' ? '#' : ''}${k}`, v], ...everyProperty(v, `${at}${k}.`));
  }
  if (node.items) out.push(...everyProperty(node.items, `${at}[].`));
  for (const b of node.oneOf ?? []) out.push(...everyProperty(b, at));
  return out;
}

describe('profiles/profile.schema.json', () => {
  const schema = loadSchema();

  it('describes every field in English and Chinese', () => {
    const props = everyProperty(schema);
    expect(props.length).toBeGreaterThan(120);
    const undescribed = props.filter(([, v]) => !v.description?.trim()).map(([p]) => p);
    const noChinese = props.filter(([, v]) => !/[\u4e00-\u9fff]/.test(v['x-description-zh'] ?? '')).map(([p]) => p);
    expect(undescribed).toEqual([]);
    expect(noChinese).toEqual([]);
  });

  it('the check above finds a field without a description', () => {
    const broken = structuredClone(schema);
    delete (broken.properties?.product?.properties?.vendor as SchemaNode | undefined)!.description;
    expect(
      everyProperty(broken)
        .filter(([, v]) => !v.description)
        .map(([p]) => p),
    ).toEqual(['product.vendor']);
  });

  it("has room for the lab, the client's order and the samples (ISO/IEC 17025:2017 §7.8.2.1)", () => {
    const paths = schemaFields(schema).map((f) => f.path);
    for (const p of [
      'lab.name',
      'lab.address',
      'lab.timeZone',
      'lab.authoriser.name',
      'labFile',
      'order.client.name',
      'order.reference',
      'order.receivedAt',
      'order.reportId',
      'samples[].serial',
      'samples[].atr',
    ])
      expect(paths).toContain(p);
  });

  it('docs/profile.md is generated from it (npm run gen:profile), naming every field in both languages', () => {
    const docs = readFileSync(DOCS_FILE, 'utf8');
    expect(docs).toBe(renderProfileDocs(schema));
    for (const f of schemaFields(schema)) {
      const row = docs.split('\n').find((l) => l.startsWith(`| \`${f.path.replace(/\|/g, '\\|')}\` |`));
      expect(row, f.path).toBeDefined();
      expect(row).toMatch(/[\u4e00-\u9fff]/);
    }
    // A field the page does not name fails the comparison.
    const more = structuredClone(schema);
    (more.properties as Record<string, SchemaNode>).extra = { type: 'string', description: 'x', 'x-description-zh': '某' };
    expect(renderProfileDocs(more)).not.toBe(docs);
    expect(docs).toMatch(/\| `ics\.protocols` .*`@ics:t0` `@ics:t1`/);
  });

  it('src/profile/profile.generated.ts is generated from it (npm run gen:profile)', async () => {
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(await generateProfileTypes());
  }, 60_000);
});

describe('profile mistakes name the fix and the place', () => {
  it("a version YAML reads as a number: quote it: '2.0', with the line and a caret", () => {
    const e = error(reference.replace('sscardVersion: "2.0"', 'sscardVersion: 2.0'));
    expect(e.problems).toEqual(["ics.sscardVersion: 2 is not allowed; allowed values: 1.0, 2.0, 3.0; YAML reads it as a number: quote it: '2.0'"]);
    expect(e.message).toContain('at line 11, column 18:\n    11 |   sscardVersion: 2.0\n       |                  ^');
  });
  it('a PIN YAML reads as a number: quote it, never echoing the PIN', () => {
    const e = error(reference.replace('pin: "123456"', 'pin: 123456'));
    expect(e.problems).toEqual(['keys.pin: must be string; YAML reads it as a number: quote it, e.g. "0123"']);
    expect(e.message).toMatch(/at line 22, column 8$/);
    expect(e.message).not.toContain('123456');
  });
  it('a YAML syntax error keeps its code frame', () => {
    const e = error(reference.replace('protocols: [T=0]', 'protocols: [T=0'));
    expect(e.problems[0]).toMatch(/^YAML: .* at line \d+, column \d+:$/);
    expect(e.message).toMatch(/\n {4}.*\n {4} *\^/);
  });
  it('an unknown field points at its key', () => {
    const e = error(reference.replace('  model: card', '  modl: card'));
    expect(e.message).toContain('product.modl: unknown field; did you mean "product.model"?');
    expect(e.message).toContain('7 |   modl: card-sim reference image\n      |   ^');
  });
});

describe('the keys agree with the ICS', () => {
  const sm2Ca = `      algorithm: SM2\n      publicKey: "${'11'.repeat(64)}"\n`;
  const withSm2Ca = reference.replace(/ {6}exponent: "03"\n {6}modulus: "[0-9A-F]+"\n/, sm2Ca);
  it('RSA declared with only an SM2 CA key is refused', () => {
    expect(withSm2Ca).not.toBe(reference);
    const text = withSm2Ca.replace('algorithms: [3DES, RSA]', 'algorithms: [3DES, RSA, SM2]');
    expect(error(text).problems).toEqual([
      expect.stringMatching(/^keys\.pboc\.ca: ics\.algorithms declares RSA with ics\.oda SDA, DDA, but no CA key .* is an RSA key/),
    ]);
  });
  it('SM2 declared with only an RSA CA key is refused, and an RSA CA key without RSA', () => {
    const problems = error(reference.replace('algorithms: [3DES, RSA]', 'algorithms: [3DES, SM2]')).problems;
    expect(problems).toEqual([
      expect.stringMatching(/declares SM2 .* is an SM2 key/),
      expect.stringMatching(/an RSA CA key is given but ics\.algorithms lacks RSA/),
    ]);
  });
  it('ODA declared without keys.pboc is refused', () => {
    const noKeys = reference.replace(/ {2}pboc: +#[^\n]*\n(?: {4,}[^\n]*\n)+/, '');
    expect(noKeys).not.toContain('imk');
    expect(error(noKeys).problems).toEqual([expect.stringMatching(/^keys\.pboc: ics\.oda declares SDA, DDA but no keys\.pboc/)]);
  });
  it('every bundled profile passes', () => {
    const dir = new URL('../../profiles/', import.meta.url).pathname;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) expect(() => loadProfile(join(dir, f)), f).not.toThrow();
  });
});

describe('lab, order and samples', () => {
  const lab = 'lab:\n  name: 某某检测中心\n  address: 北京市海淀区\n  timeZone: Asia/Shanghai\n  authoriser: { name: 张三, role: 技术负责人 }\n';
  const order =
    'order:\n  client: { name: 某某智能卡有限公司 }\n  reference: WT-2026-0042\n  receivedAt: "2026-11-30"\nsamples:\n  - serial: S-0001\n    atr: 3B6D0000\n';
  it('are accepted in the profile', () => {
    const { profile } = parseProfile(reference + lab + order, 'p.yaml');
    expect(profile.lab?.authoriser?.name).toBe('张三');
    expect(profile.samples?.[0]?.serial).toBe('S-0001');
  });
  it('lab may come from a lab file the profile names (relative to the profile)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sscc-lab-'));
    writeFileSync(join(dir, 'lab.yaml'), lab.replace(/^lab:\n/, '').replace(/^ {2}/gm, ''));
    writeFileSync(join(dir, 'p.yaml'), `${reference}labFile: lab.yaml\n${order}`);
    expect(loadProfile(join(dir, 'p.yaml')).profile.lab?.name).toBe('某某检测中心');
    writeFileSync(join(dir, 'p2.yaml'), `${reference}labFile: lab.yaml\n${lab}`);
    expect(() => loadProfile(join(dir, 'p2.yaml'))).toThrow(/lab, labFile: give the lab in the profile or in a lab file, not both/);
    writeFileSync(join(dir, 'bad-lab.yaml'), 'name: x\naddress: y\ntimezone: Asia/Shanghai\n');
    writeFileSync(join(dir, 'p3.yaml'), `${reference}labFile: bad-lab.yaml\n`);
    expect(() => loadProfile(join(dir, 'p3.yaml'))).toThrow(
      /bad-lab\.yaml: 2 problems:[\s\S]*timeZone: required field is missing[\s\S]*timezone: unknown field; did you mean "timeZone"\?/,
    );
  });
  it('a lab without its time zone is refused', () => {
    expect(error(reference + lab.replace('  timeZone: Asia/Shanghai\n', '')).problems).toEqual(['lab.timeZone: required field is missing']);
  });
});
