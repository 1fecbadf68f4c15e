import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProfileError, loadProfile, parseProfile } from './load.ts';

const reference = readFileSync(new URL('../../profiles/sim-reference.yaml', import.meta.url), 'utf8');

function problems(text: string): string[] {
  try {
    parseProfile(text, 'p.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return (e as ProfileError).problems;
  }
  throw new Error('the profile was accepted');
}

describe('profile errors name the field', () => {
  it('accepts the bundled profiles', () => {
    expect(parseProfile(reference).profile.target).toEqual({ kind: 'sim', image: 'reference' });
    expect(loadProfile(new URL('../../profiles/sim-hostile.yaml', import.meta.url).pathname).profile.target).toMatchObject({ image: 'hostile' });
  });
  it('wrong types', () => {
    expect(problems(reference.replace('protocols: [T=0]', 'protocols: T=0'))).toEqual(['ics.protocols: must be array']);
    expect(problems(reference.replace('testKeys: true', 'testKeys: yes please'))).toEqual(['keys.testKeys: must be boolean']);
    expect(problems(reference.replace('image: reference', 'image: reference\n  latencyMs: slow'))).toEqual(['target.latencyMs: must be number']);
  });
  it('unknown fields, with the nearest known one', () => {
    expect(problems(reference.replace('vendor:', 'vendr:'))).toContainEqual(expect.stringMatching(/^product\.vendr: unknown field; did you mean "product\.vendor"\?/));
  });
  it('an unknown image or defect, with the allowed values', () => {
    expect(problems(reference.replace('image: reference', 'image: nosuch'))).toEqual([expect.stringMatching(/^target\.image: unknown image "nosuch"; allowed values: reference\b.*hostile/)]);
    expect(problems(reference.replace('image: reference', 'image: reference\n  defects: [nosuch]'))).toEqual([expect.stringMatching(/^target\.defects\[0\]: unknown defect "nosuch"; allowed values: /)]);
  });
  it('an unreadable file', () => {
    expect(() => loadProfile('/nonexistent/p.yaml')).toThrow(/cannot read the file \(ENOENT\)/);
  });
  // npm run fuzz -- --seed first --replay 5071: an alias without its anchor threw yaml's ReferenceError (exit 3).
  it('an alias without its anchor is a YAML problem, not a crash', () => {
    expect(problems(reference.replace('ics:', 'extra: *a\nics:'))[0]).toMatch(/^YAML: Unresolved alias/);
  });
});
