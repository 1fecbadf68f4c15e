import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProfile, parseProfile, ProfileError } from './load.ts';
import { dfNameBytes } from './profile.ts';
import { toHex } from '../bytes/hex.ts';

const reference = readFileSync(new URL('../../profiles/sim-reference.yaml', import.meta.url), 'utf8');

function problems(text: string): string[] {
  try {
    parseProfile(text, 'p.yaml');
  } catch (e) {
    if (e instanceof ProfileError) return e.problems;
    throw e;
  }
  return [];
}

describe('profile loading', () => {
  it('accepts the reference profile and hashes the file', () => {
    const p = loadProfile('profiles/sim-reference.yaml');
    expect(p.profile.target).toEqual({ kind: 'sim', image: 'reference' });
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  it('lists the allowed values of a closed set', () => {
    expect(problems(reference.replace('[T=0]', '[T=2]'))).toEqual(['ics.protocols[0]: "T=2" is not allowed; allowed values: T=0, T=1']);
  });
  it('checks the target by its kind', () => {
    expect(problems(reference.replace('kind: sim', 'kind: usb'))).toEqual(['target.kind: must be one of sim, pcsc']);
    expect(problems(reference.replace('image: reference', 'image: nope'))).toEqual([expect.stringMatching(/^target\.image: unknown image "nope"; allowed values: reference\b/)]);
  });
  it('reports YAML syntax errors', () => {
    expect(problems('a: [')[0]).toMatch(/^YAML: /);
  });
  it('catches contradictions: CDA without DDA', () => {
    expect(problems(reference.replace(/oda: \[[^\]]*\]/, 'oda: [CDA]'))).toEqual([
      expect.stringMatching(/^ics\.oda: CDA is declared without DDA/),
    ]);
  });
});

describe('DF references', () => {
  it('reads hex as an AID and anything else as a GBK name', () => {
    expect(toHex(dfNameBytes('D1 56 00 00 05 00'))).toBe('D15600000500');
    expect(toHex(dfNameBytes('sx1.sh.社会保障'))).toBe('7378312E73682EC9E7BBE1B1A3D5CF');
  });
});
