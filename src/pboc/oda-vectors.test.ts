/**
 * The reference terminal's offline data authentication (oda.ts, oda-sm2.ts) and the CA keys of the sim
 * profiles against the known-answer vectors computed outside sscc: certificates signed with OpenSSL by
 * keys OpenSSL generated (RSA: EMV Book 2 §5.3, §6.4; SM2: JR/T 0025.17 §5.1, signature with the Z value
 * of distid 1234567812345678). card-sim's own certificates are tested in card-sim/vectors.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex.ts';
import { bytesOf, knownAnswer, valueOf } from '../crypto/vectors/index.ts';
import { loadProfile } from '../profile/load.ts';
import { recoverIccKey, recoverIssuerKey } from './oda.ts';
import { recoverIssuerKeySm2 } from './oda-sm2.ts';
import { type Diagnosis, renderDiagnosis } from '../verdict/messages.ts';

const en = (d: Diagnosis) => renderDiagnosis(d, 'en');

const TODAY = '2612';

describe('reference terminal ODA against the known-answer vectors', () => {
  it('RSA: recovers the issuer key from 90 ‖ 92 ‖ 9F32 and the ICC key from 9F46 ‖ 9F48 ‖ 9F47 with no error', () => {
    const i = knownAnswer('rsa-issuer-cert');
    const ca = { modulus: bytesOf(i, 'caModulus'), exponent: bytesOf(i, 'caExponent') };
    const iss = recoverIssuerKey(ca, bytesOf(i, 'certificate'), bytesOf(i, 'remainder'), bytesOf(i, 'exponent'), valueOf(i, 'pan'), TODAY);
    expect(iss.errors).toEqual([]);
    expect(toHex(iss.value!.modulus)).toBe(i.expected.issuerModulus);
    const c = knownAnswer('rsa-icc-cert');
    const icc = recoverIccKey(
      iss.value!,
      bytesOf(c, 'certificate'),
      bytesOf(c, 'remainder'),
      bytesOf(c, 'exponent'),
      valueOf(c, 'pan'),
      bytesOf(c, 'staticData'),
      TODAY,
    );
    expect(icc.errors).toEqual([]);
    expect(toHex(icc.value!.modulus)).toBe(c.expected.iccModulus);
  });

  it('RSA: another remainder or other static data fail the hash', () => {
    const i = knownAnswer('rsa-issuer-cert');
    const ca = { modulus: bytesOf(i, 'caModulus'), exponent: bytesOf(i, 'caExponent') };
    const rem = bytesOf(i, 'remainder');
    rem[0] = (rem[0] as number) ^ 1;
    expect(recoverIssuerKey(ca, bytesOf(i, 'certificate'), rem, bytesOf(i, 'exponent'), valueOf(i, 'pan'), TODAY).errors.map(en).join()).toMatch(/hash/);
    const c = knownAnswer('rsa-icc-cert');
    const iss = { modulus: bytesOf(c, 'issuerModulus'), exponent: bytesOf(c, 'issuerExponent') };
    const other = bytesOf(c, 'staticData').slice(1);
    expect(
      recoverIccKey(iss, bytesOf(c, 'certificate'), bytesOf(c, 'remainder'), bytesOf(c, 'exponent'), valueOf(c, 'pan'), other, TODAY).errors.map(en).join(),
    ).toMatch(/hash/);
  });

  it('SM2: takes the issuer key from the openssl-signed certificate; a changed byte fails the signature', () => {
    const v = knownAnswer('sm2-issuer-cert');
    const r = recoverIssuerKeySm2(bytesOf(v, 'caPublicKey'), bytesOf(v, 'certificate'), valueOf(v, 'pan'), TODAY);
    expect(r.errors).toEqual([]);
    expect(toHex(r.value!)).toBe(v.expected.issuerPublicKey);
    const bad = bytesOf(v, 'certificate');
    bad[20] = (bad[20] as number) ^ 1;
    expect(recoverIssuerKeySm2(bytesOf(v, 'caPublicKey'), bad, valueOf(v, 'pan'), TODAY).errors.map(en).join()).toMatch(/signature/);
  });
});

describe('the sim profiles hold the keys the vectors start from', () => {
  it('issuer master keys (sim-reference, sim-pboc-sm4) and CA keys (sim-reference RSA, sim-pboc30 SM2)', () => {
    for (const [file, alg] of [
      ['profiles/sim-reference.yaml', '3des'],
      ['profiles/sim-pboc-sm4.yaml', 'sm4'],
    ] as const) {
      const imk = loadProfile(file).profile.keys!.pboc!.imk;
      for (const w of ['ac', 'mac', 'enc'] as const) expect(imk[w].toUpperCase(), `${file} ${w}`).toBe(valueOf(knownAnswer(`pboc-udk-${alg}-${w}`), 'imk'));
    }
    const rsa = loadProfile('profiles/sim-reference.yaml').profile.keys!.pboc!.ca as { modulus: string };
    expect(rsa.modulus.toUpperCase()).toBe(valueOf(knownAnswer('rsa-cardsim-issuer-cert'), 'caModulus'));
    const sm2 = loadProfile('profiles/sim-pboc30.yaml').profile.keys!.pboc!.ca as { publicKey: string };
    expect(sm2.publicKey.toUpperCase()).toBe(knownAnswer('sm2-cardsim-issuer-cert').expected.caPublicKey);
  });
});
