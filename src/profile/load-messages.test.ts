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
    expect(problems(reference.replace('image: reference', 'image: nope'))).toEqual([
      expect.stringMatching(/^target\.image: unknown image "nope"; allowed values: reference\b/),
    ]);
  });
  it('reports YAML syntax errors', () => {
    expect(problems('a: [')[0]).toMatch(/^YAML: /);
  });
  it('catches contradictions: CDA without DDA', () => {
    expect(problems(reference.replace(/oda: \[[^\]]*\]/, 'oda: [CDA]'))).toEqual([expect.stringMatching(/^ics\.oda: CDA is declared without DDA/)]);
  });
});

describe('the SM2 CA key (keys.pboc.ca, JR/T 0025.17)', () => {
  const pboc30 = readFileSync(new URL('../../profiles/sim-pboc30.yaml', import.meta.url), 'utf8');
  it('accepts the PBOC 3.0 profile with an SM2 CA key', () => {
    expect(problems(pboc30)).toEqual([]);
    expect(loadProfile('profiles/sim-pboc30.yaml').profile.keys?.pboc?.ca).toMatchObject({ algorithm: 'SM2', index: '02' });
  });
  it('says what an SM2 key needs and what an RSA key needs', () => {
    expect(problems(pboc30.replace(/publicKey: "[0-9A-F]+"/, 'modulus: "00"'))).toEqual([
      'keys.pboc.ca.publicKey: an SM2 CA key (algorithm: SM2) needs publicKey, x ‖ y in 64 bytes hex',
      'keys.pboc.ca: an SM2 CA key (algorithm: SM2) has no modulus or exponent; remove them',
    ]);
    expect(problems(pboc30.replace('algorithm: SM2', 'algorithm: RSA'))).toEqual([
      'keys.pboc.ca: an RSA CA key needs modulus and exponent; for an SM2 CA key set algorithm: SM2 and publicKey',
      'keys.pboc.ca.publicKey: only an SM2 CA key has publicKey; set algorithm: SM2, or give modulus and exponent',
    ]);
    expect(problems(pboc30.replace('[3DES, SM4, SM2]', '[3DES, SM4, RSA]'))).toEqual(['keys.pboc.ca: an SM2 CA key is given but ics.algorithms lacks SM2']);
    expect(problems(pboc30.replace('algorithm: SM2', 'algorithm: ECC'))).toEqual(['keys.pboc.ca.algorithm: "ECC" is not allowed; allowed values: RSA, SM2']);
  });
});

describe('DF references', () => {
  it('reads hex as an AID and anything else as a GBK name', () => {
    expect(toHex(dfNameBytes('D1 56 00 00 05 00'))).toBe('D15600000500');
    expect(toHex(dfNameBytes('sx1.sh.社会保障'))).toBe('7378312E73682EC9E7BBE1B1A3D5CF');
  });
});
