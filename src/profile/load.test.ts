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
  it('keys.sscardLevel2Factor: part9 or reader-33 (docs/crypto-conventions.md), nothing else', () => {
    const withRule = (r: string) => reference.replace('testKeys: true', `testKeys: true\n  sscardLevel2Factor: ${r}`);
    expect(parseProfile(withRule('reader-33')).profile.keys?.sscardLevel2Factor).toBe('reader-33');
    expect(problems(withRule('zhejiang'))[0]).toMatch(/^keys\.sscardLevel2Factor: "zhejiang" .*part9.*reader-33/);
  });
  it('unknown fields, with the nearest known one', () => {
    expect(problems(reference.replace('vendor:', 'vendr:'))).toContainEqual(
      expect.stringMatching(/^product\.vendr: unknown field; did you mean "product\.vendor"\?/),
    );
  });
  it('an unknown image or defect, with the allowed values', () => {
    expect(problems(reference.replace('image: reference', 'image: nosuch'))).toEqual([
      expect.stringMatching(/^target\.image: unknown image "nosuch"; allowed values: reference\b.*hostile/),
    ]);
    expect(problems(reference.replace('image: reference', 'image: reference\n  defects: [nosuch]'))).toEqual([
      expect.stringMatching(/^target\.defects\[0\]: unknown defect "nosuch"; allowed values: /),
    ]);
  });
  it('an unreadable file', () => {
    expect(() => loadProfile('/nonexistent/p.yaml')).toThrow(/cannot read the file \(ENOENT\)/);
  });
  // npm run fuzz -- --seed first --replay 5071: an alias without its anchor threw yaml's ReferenceError (exit 3).
  it('an alias without its anchor is a YAML problem, not a crash', () => {
    expect(problems(reference.replace('ics:', 'extra: *a\nics:'))[0]).toMatch(/^YAML: Unresolved alias/);
  });
});

describe('a dual-algorithm card (ics.pbocAlgorithmSets)', () => {
  const dual = readFileSync(new URL('../../profiles/sim-dual.yaml', import.meta.url), 'utf8');
  it('accepts profiles/sim-dual.yaml', () => {
    expect(parseProfile(dual).profile.ics.pbocAlgorithmSets).toBe('dual');
  });
  it('needs all four algorithms, PBOC 3.0 and a CA key of each chain', () => {
    expect(problems(dual.replace('algorithms: [3DES, SM4, RSA, SM2]', 'algorithms: [3DES, SM4, SM2]'))).toContainEqual(
      expect.stringMatching(/^ics\.pbocAlgorithmSets: .*ics\.algorithms lacks RSA/),
    );
    expect(problems(dual.replace('pboc: "3.0"', 'pboc: "2.0"'))).toContainEqual(expect.stringMatching(/^ics\.pbocAlgorithmSets: .*set ics\.pboc to "3\.0"/));
    expect(problems(dual.replace(/ {4}caKeys:[\s\S]*?modulus: "[0-9A-F]+"\n/, ''))).toEqual([
      expect.stringMatching(/^keys\.pboc\.caKeys: a dual-algorithm card needs an RSA and an SM2 CA key/),
    ]);
    expect(problems(dual.replace('pbocAlgorithmSets: dual', 'pbocAlgorithmSets: both'))).toContainEqual(
      expect.stringMatching(/^ics\.pbocAlgorithmSets: "both" is not allowed; allowed values: single, dual/),
    );
  });
  it('checks each key of keys.pboc.caKeys', () => {
    expect(problems(dual.replace('        exponent: "03"\n', ''))).toContainEqual(
      expect.stringMatching(/^keys\.pboc\.caKeys\[0\]: an RSA CA key needs modulus and exponent/),
    );
  });
});
