/**
 * src/crypto and src/sscard/crypto.ts, the functions card-sim and the reference issuer/terminal share,
 * against the known-answer vectors computed outside sscc (src/crypto/vectors/known-answers.json,
 * scripts/vectors/make-vectors.py). Which side uses each value is tested apart in card-sim/vectors.test.ts,
 * src/pboc/issuer-vectors.test.ts and src/sscard/psam-vectors.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex.ts';
import { commandMac, diversifyLevels, authData, sessionKey as ssSessionKey, type SsAlgorithm } from '../sscard/crypto.ts';
import { cardFactors, cardKey, cityFactor } from '../sscard/keys.ts';
import { arpc, deriveUdk, encipherScriptData, pbocMac, pinChangeData, scriptMac, sessionKey, type PbocAlgorithm } from './pboc.ts';
import { rsaRecover } from './rsa.ts';
import { sm2Verify } from './sm2.ts';
import { bytesOf, knownAnswer, knownAnswers, valueOf } from './vectors/index.ts';

const PBOC: PbocAlgorithm[] = ['3DES', 'SM4'];
const lc = (a: string) => a.toLowerCase();

describe('the fixture', () => {
  it('every vector names its clause, its inputs, its expected values and the commands that produced them', () => {
    expect(knownAnswers().length).toBeGreaterThanOrEqual(40);
    for (const v of knownAnswers()) {
      expect(v.clause, v.id).toMatch(/JR\/T|社会保障卡规范|EMV|GB\/T/);
      expect(Object.keys(v.expected).length, v.id).toBeGreaterThan(0);
      expect(v.provenance.commands.length, v.id).toBeGreaterThan(0);
      expect(v.provenance.tools, v.id).toMatch(/OpenSSL .*Botan/);
    }
  });
});

describe('JR/T 0025 symmetric keys and cryptograms', () => {
  for (const alg of PBOC) {
    it(`${alg}: UDK of each IMK (JR/T 0025.7 §11.1.4 / .17 §8.1.4) and session key at the ATC (§11.1.3 / .17 §8.1.3)`, () => {
      for (const which of ['ac', 'mac', 'enc']) {
        const u = knownAnswer(`pboc-udk-${lc(alg)}-${which}`);
        expect(toHex(deriveUdk(alg, bytesOf(u, 'imk'), valueOf(u, 'pan'), valueOf(u, 'psn'))), u.id).toBe(u.expected.udk);
        const s = knownAnswer(`pboc-sk-${lc(alg)}-${which}`);
        expect(toHex(sessionKey(alg, bytesOf(s, 'udk'), parseInt(valueOf(s, 'atc'), 16))), s.id).toBe(s.expected.sessionKey);
      }
    });
    it(`${alg}: ARQC, TC, AAC over CDOL ‖ AIP ‖ ATC ‖ CVR, ARPC method 1, script MAC`, () => {
      for (const kind of ['arqc', 'tc', 'aac', 'second-tc']) {
        const a = knownAnswer(`pboc-${kind}-${lc(alg)}`);
        expect(toHex(pbocMac(alg, bytesOf(a, 'sessionKeyAc'), bytesOf(a, 'macInput'))), a.id).toBe(a.expected.ac);
      }
      const p = knownAnswer(`pboc-arpc-${lc(alg)}`);
      expect(toHex(arpc(alg, bytesOf(p, 'sessionKeyAc'), bytesOf(p, 'arqc'), bytesOf(p, 'arc')))).toBe(p.expected.arpc);
      for (const name of ['put-data-9f79', 'application-block']) {
        const m = knownAnswer(`pboc-script-${name}-${lc(alg)}`);
        expect(toHex(scriptMac(alg, bytesOf(m, 'sessionKeyMac'), bytesOf(m, 'macInput'))), m.id).toBe(m.expected.mac);
      }
    });
    it(`${alg}: PIN CHANGE/UNBLOCK PIN data D and its encipherment (JR/T 0025.5 B.10.3, C.3)`, () => {
      for (const p2 of ['p2-02', 'p2-01']) {
        const v = knownAnswer(`pboc-pin-change-${p2}-${lc(alg)}`);
        const d = pinChangeData(bytesOf(v, 'udk'), valueOf(v, 'newPin'), v.inputs.currentPin ?? undefined);
        expect(toHex(d), v.id).toBe(v.expected.d);
        expect(toHex(encipherScriptData(alg, bytesOf(v, 'sessionKeyEnc'), d)), v.id).toBe(v.expected.enciphered);
      }
    });
  }
  it('SM4 variants: the part 5 UDK input Y ‖ 00×8 and the part 7 fold H_KL ⊕ H_KR', () => {
    const u = knownAnswer('pboc-udk-sm4-part5-ac');
    expect(toHex(deriveUdk('SM4', bytesOf(u, 'imk'), valueOf(u, 'pan'), valueOf(u, 'psn'), { udkInput: 'part5', acFold: 'part17' }))).toBe(u.expected.udk);
    const p5 = knownAnswer('pboc-arqc-sm4-part5');
    const sk5 = sessionKey('SM4', bytesOf(p5, 'udk'), parseInt(valueOf(p5, 'atc'), 16));
    expect(toHex(sk5)).toBe(p5.expected.sessionKeyAc);
    expect(toHex(pbocMac('SM4', sk5, bytesOf(p5, 'macInput')))).toBe(p5.expected.ac);
    const a = knownAnswer('pboc-arqc-sm4');
    expect(toHex(pbocMac('SM4', bytesOf(a, 'sessionKeyAc'), bytesOf(a, 'macInput'), { udkInput: 'part17', acFold: 'part7' }))).toBe(a.expected.acPart7Fold);
  });
});

describe('社会保障卡规范 key diversification, process keys, authentication data and MACs', () => {
  for (const alg of ['3DES', 'SM4'] as SsAlgorithm[]) {
    it(`${alg}: three levels (part 9 §7.3), factors from the city code and the ATR`, () => {
      for (const name of ['irk', 'uk']) {
        const v = knownAnswer(`ss-diversify-${lc(alg)}-${name}`);
        const factors = cardFactors({ cityCode: valueOf(v, 'cityCode'), historical: bytesOf(v, 'historical') });
        expect(factors.map((f) => toHex(f))).toEqual([v.expected.province, v.expected.city, v.expected.card]);
        expect(toHex(diversifyLevels(alg, bytesOf(v, 'root'), factors.slice(0, 1)))).toBe(v.expected.level1);
        expect(toHex(diversifyLevels(alg, bytesOf(v, 'root'), factors)), v.id).toBe(v.expected.cardKey);
      }
    });
    it(`${alg}: process key and authentication data of INTERNAL and EXTERNAL AUTHENTICATE (part 4 §8.4, §9.3)`, () => {
      const v = knownAnswer(`ss-internal-auth-${lc(alg)}`);
      const ks = ssSessionKey(alg, bytesOf(v, 'cardKey'), bytesOf(v, 'r1'));
      expect(toHex(ks)).toBe(v.expected.sessionKey);
      expect(toHex(authData(alg, ks, bytesOf(v, 'r2')))).toBe(v.expected.response);
      const e = knownAnswer(`ss-external-auth-${lc(alg)}`);
      const eks = ssSessionKey(alg, bytesOf(e, 'cardKey'), bytesOf(e, 'challenge'));
      expect(toHex(eks)).toBe(e.expected.sessionKey);
      expect(toHex(authData(alg, eks, bytesOf(e, 'original')))).toBe(e.expected.authData);
    });
    it(`${alg}: MAC of secure messaging over aligned and unaligned input (part 4 §8.2.4)`, () => {
      for (const kind of ['aligned', 'unaligned']) {
        const v = knownAnswer(`ss-mac-${lc(alg)}-${kind}`);
        const ks = ssSessionKey(alg, bytesOf(v, 'cardKey'), bytesOf(v, 'random'));
        expect(toHex(ks)).toBe(v.expected.sessionKey);
        const h = bytesOf(v, 'header');
        expect(toHex(commandMac(alg, ks, [...h], bytesOf(v, 'data'))), v.id).toBe(v.expected.mac);
      }
    });
  }
});

describe('the level-2 factor where the texts disagree (part 9 §7.3.2 vs the reader spec §10.3)', () => {
  it("part9 (default) and reader-33 give the vector's factors and card keys for city 330102", () => {
    const v = knownAnswer('ss-level2-reader-33');
    const id = { cityCode: valueOf(v, 'cityCode'), historical: bytesOf(v, 'historical') };
    expect(toHex(cityFactor(id.cityCode))).toBe(v.expected.cityPart9);
    expect(toHex(cityFactor(id.cityCode, 'reader-33'))).toBe(v.expected.cityReader33);
    expect(toHex(cardKey('3DES', bytesOf(v, 'root'), id))).toBe(v.expected.cardKeyPart9);
    expect(toHex(cardKey('3DES', bytesOf(v, 'root'), { ...id, level2Factor: 'reader-33' }))).toBe(v.expected.cardKeyReader33);
    expect(toHex(cityFactor('330100', 'reader-33'))).toBe(toHex(cityFactor('330100'))); // a code ending in 00: the same
  });
});

describe('certificates', () => {
  it('RSA: raw recovery of the openssl-signed issuer and ICC certificates (EMV Book 2 §5.3, §6.4)', () => {
    const i = knownAnswer('rsa-issuer-cert');
    expect(toHex(rsaRecover({ modulus: bytesOf(i, 'caModulus'), exponent: bytesOf(i, 'caExponent') }, bytesOf(i, 'certificate')))).toBe(i.expected.recovered);
    const c = knownAnswer('rsa-icc-cert');
    expect(toHex(rsaRecover({ modulus: bytesOf(c, 'issuerModulus'), exponent: bytesOf(c, 'issuerExponent') }, bytesOf(c, 'certificate')))).toBe(
      c.expected.recovered,
    );
  });
  it('SM2: the openssl signature (distid 1234567812345678) over the issuer certificate verifies; a flipped bit does not', () => {
    const v = knownAnswer('sm2-issuer-cert');
    expect(sm2Verify(bytesOf(v, 'caPublicKey'), bytesOf(v, 'signedData'), bytesOf(v, 'signature'))).toBe(true);
    const bad = bytesOf(v, 'signedData');
    bad[1] = (bad[1] as number) ^ 1;
    expect(sm2Verify(bytesOf(v, 'caPublicKey'), bad, bytesOf(v, 'signature'))).toBe(false);
  });
});
