/**
 * The reference issuer's side (PbocIssuer, what the simulated host sends and checks) against the
 * known-answer vectors computed outside sscc, apart from card-sim's side (card-sim/vectors.test.ts):
 * both share src/crypto/pboc.ts, so each side must meet the independent values on its own.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex.ts';
import { bytesOf, knownAnswer, valueOf } from '../crypto/vectors/index.ts';
import { PbocIssuer, type IssuerKeys } from './issuer.ts';

const lc = (s: string) => s.toLowerCase();

function issuerOf(alg: '3DES' | 'SM4'): { issuer: PbocIssuer; pan: string; psn: string } {
  const imk = Object.fromEntries(
    (['ac', 'mac', 'enc'] as const).map((w) => [w, valueOf(knownAnswer(`pboc-udk-${lc(alg)}-${w}`), 'imk')]),
  ) as unknown as IssuerKeys;
  const u = knownAnswer(`pboc-udk-${lc(alg)}-ac`);
  return { issuer: new PbocIssuer(imk, alg), pan: valueOf(u, 'pan'), psn: valueOf(u, 'psn') };
}

describe('reference issuer (src/pboc/issuer.ts) against the known-answer vectors', () => {
  for (const alg of ['3DES', 'SM4'] as const) {
    const a = knownAnswer(`pboc-arqc-${lc(alg)}`);
    const atc = parseInt(valueOf(a, 'atc'), 16);

    it(`${alg}: the ARQC, TC, AAC and second TC it expects over CDOL ‖ AIP ‖ ATC ‖ CVR (JR/T 0025.5 Annex E)`, () => {
      const { issuer, pan, psn } = issuerOf(alg);
      for (const kind of ['arqc', 'tc', 'aac', 'second-tc']) {
        const v = knownAnswer(`pboc-${kind}-${lc(alg)}`);
        expect(toHex(issuer.expectedAc(pan, psn, atc, bytesOf(v, 'macInput'))), v.id).toBe(v.expected.ac);
      }
    });

    it(`${alg}: the ARPC of method 1 it answers (JR/T 0025.7 §6.2, .17 §6.2)`, () => {
      const { issuer, pan, psn } = issuerOf(alg);
      const p = knownAnswer(`pboc-arpc-${lc(alg)}`);
      expect(toHex(issuer.arpc(pan, psn, atc, bytesOf(p, 'arqc'), bytesOf(p, 'arc')))).toBe(p.expected.arpc);
    });

    it(`${alg}: the script commands it builds, MAC over header ‖ ATC ‖ AC ‖ data (JR/T 0025.5 C.2.4)`, () => {
      const { issuer, pan, psn } = issuerOf(alg);
      for (const name of ['put-data-9f79', 'application-block']) {
        const m = knownAnswer(`pboc-script-${name}-${lc(alg)}`);
        expect(toHex(issuer.script(pan, psn, atc, bytesOf(m, 'ac'), valueOf(m, 'header'), bytesOf(m, 'data'))), m.id).toBe(m.expected.apdu);
      }
    });

    it(`${alg}: PIN CHANGE/UNBLOCK with and without the current PIN, D1 from the ENC UDK (JR/T 0025.5 B.10.3, .17 §11)`, () => {
      const { issuer, pan, psn } = issuerOf(alg);
      for (const p2 of ['p2-02', 'p2-01']) {
        const v = knownAnswer(`pboc-pin-change-${p2}-${lc(alg)}`);
        const apdu = issuer.pinChange(pan, psn, atc, bytesOf(v, 'ac'), valueOf(v, 'newPin'), v.inputs.currentPin ?? undefined);
        expect(toHex(apdu), v.id).toBe(v.expected.apdu);
      }
      expect(toHex(issuer.pinChange(pan, psn, atc, bytesOf(a, 'ac'), '8642'))).not.toBe(knownAnswer(`pboc-pin-change-p2-02-${lc(alg)}-ac-udk`).expected.apdu);
    });
  }
});

describe('reference issuer under the other SM4 readings (profile keys.pboc.sm4Variant)', () => {
  it('acFold part7: expects H_KL ⊕ H_KR; udkInput part5: derives the UDK from Y ‖ 00×8', () => {
    const { pan, psn } = issuerOf('SM4');
    const imk = Object.fromEntries((['ac', 'mac', 'enc'] as const).map((w) => [w, valueOf(knownAnswer(`pboc-udk-sm4-${w}`), 'imk')])) as unknown as IssuerKeys;
    const a = knownAnswer('pboc-arqc-sm4');
    const part7 = new PbocIssuer(imk, 'SM4', { udkInput: 'part17', acFold: 'part7' });
    expect(toHex(part7.expectedAc(pan, psn, parseInt(valueOf(a, 'atc'), 16), bytesOf(a, 'macInput')))).toBe(a.expected.acPart7Fold);
    const p5 = knownAnswer('pboc-arqc-sm4-part5');
    const part5 = new PbocIssuer(imk, 'SM4', { udkInput: 'part5', acFold: 'part17' });
    expect(toHex(part5.expectedAc(pan, psn, parseInt(valueOf(p5, 'atc'), 16), bytesOf(p5, 'macInput')))).toBe(p5.expected.ac);
  });
});
