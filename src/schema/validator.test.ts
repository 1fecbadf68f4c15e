import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaValidator } from './validator.ts';

const dir = mkdtempSync(join(tmpdir(), 'sscc-schemas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('schemaValidator: ajv compiled once per install', () => {
  const profileSchema = new URL('../../profiles/profile.schema.json', import.meta.url);
  const options = { allErrors: true, discriminator: true, strict: false, verbose: true };
  const inputs: unknown[] = [
    {},
    { schema: 'sscc-profile/1' },
    { schema: 'sscc-profile/1', product: { kind: 'card' }, target: { kind: 'sim', image: 7 }, extra: 1 },
    { schema: 'sscc-profile/1', product: { kind: 'terminal', vendor: 'x', model: 'y' }, terminal: { driver: { kind: 'command', isolation: 'docker' } } },
    [],
    null,
  ];
  it('the standalone module written by the first process gives the same verdicts and errors as ajv', () => {
    const compiled = schemaValidator(profileSchema, options, dir);
    const files = readdirSync(dir).filter((f) => f.endsWith('.cjs'));
    expect(files).toHaveLength(1);
    const loaded = schemaValidator(profileSchema, options, dir);
    expect(loaded).not.toBe(compiled);
    for (const input of inputs) {
      expect(loaded(input)).toBe(compiled(input));
      const strip = (errors: typeof loaded.errors) => JSON.parse(JSON.stringify(errors ?? [])) as unknown;
      expect(strip(loaded.errors)).toEqual(strip(compiled.errors));
    }
  });
  it('other options are another module; an unwritable folder still validates', () => {
    schemaValidator(profileSchema, { allErrors: false, strict: false }, dir);
    expect(readdirSync(dir).filter((f) => f.endsWith('.cjs'))).toHaveLength(2);
    const v = schemaValidator(profileSchema, options, '/dev/null/schemas');
    expect(v({})).toBe(false);
    expect(existsSync('/dev/null/schemas')).toBe(false); // under a file: mkdir fails at once
  });
});
