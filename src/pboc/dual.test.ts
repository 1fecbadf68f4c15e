/**
 * The dual-algorithm card (JR/T 0025.17 §10.3.3 b) against the reference kernel: DF69 = 01 gives the SM set
 * (SM AFL, SM2 ODA, SM4, IAD 04), DF69 = 00 the international one (RSA AFL, RSA ODA, 3DES, IAD 01).
 */
import { describe, expect, it } from 'vitest';
import { createCard } from '../../card-sim/cos/card.ts';
import { IMAGES } from '../../card-sim/images/index.ts';
import { PBOC_AFL_DUAL_RSA, PBOC_AFL_DUAL_SM, PBOC_AID, PBOC_TEST_IMK } from '../../card-sim/images/pse.ts';
import { PBOC_SM2_TEST_CA_PUBLIC, PBOC_TEST_CA_KEY } from '../../card-sim/images/pboc-keys.ts';
import { parseResponse } from '../apdu/response.ts';
import { fromHex, toHex } from '../bytes/hex.ts';
import { rsaPublicOf } from '../crypto/index.ts';
import { iadAlgorithm, issuerOf, PbocIssuer } from './issuer.ts';
import { PbocKernel, type Send } from './kernel.ts';
import { caKeyByIndex, odaChainProblems } from './oda-sm2.ts';

function sender(): Send {
  const card = createCard(IMAGES['reference-dual']!, {});
  card.reset();
  return async (apdu) => {
    let r = parseResponse(card.transmit(apdu));
    if (r.sw >> 8 === 0x6c) r = parseResponse(card.transmit(Uint8Array.of(...apdu.subarray(0, apdu.length - 1), r.sw & 0xff)));
    if (r.sw >> 8 === 0x61) r = parseResponse(card.transmit(Uint8Array.of(0, 0xc0, 0, 0, r.sw & 0xff)));
    return r;
  };
}

const rsaCa = rsaPublicOf(PBOC_TEST_CA_KEY);
const caKeys = [
  { index: '02', algorithm: 'SM2' as const, publicKey: PBOC_SM2_TEST_CA_PUBLIC },
  { index: '01', modulus: toHex(rsaCa.modulus), exponent: toHex(rsaCa.exponent) },
] as const;
const issuers = (iad: Uint8Array) => new PbocIssuer(PBOC_TEST_IMK, iadAlgorithm(iad) ?? '3DES');

describe('dual-algorithm card: the set chosen by DF69', () => {
  for (const [smSupport, afl, chain, algorithm] of [
    [true, PBOC_AFL_DUAL_SM, 'SM2', 'SM4'],
    [false, PBOC_AFL_DUAL_RSA, 'RSA', '3DES'],
  ] as const) {
    it(`DF69 = ${smSupport ? '01' : '00'}: ${chain} AFL and ODA, ${algorithm} through the second GENERATE AC`, async () => {
      const k = new PbocKernel(sender(), { smSupport });
      expect((await k.selectApplication(fromHex(PBOC_AID))).sw).toBe(0x9000);
      expect((await k.gpo()).sw).toBe(0x9000);
      expect(toHex(k.afl)).toBe(afl);
      await k.readApplicationData();
      expect(odaChainProblems(k.data, chain)).toEqual([]);
      const ca = caKeyByIndex([caKeys[0], caKeys[1]], k.data.get('8F')?.[0]);
      expect('sm2' in ca).toBe(chain === 'SM2');
      expect(k.sda(ca)).toEqual([]);
      expect((await k.dda(ca)).errors).toEqual([]);
      const g1 = (await k.generateAc('ARQC')).result!;
      expect(iadAlgorithm(g1.iad)).toBe(algorithm);
      const issuer = issuerOf(issuers, g1.iad);
      expect(toHex(issuer.expectedAc(k.pan, k.psn, g1.atc, g1.acData))).toBe(toHex(g1.ac));
      const arc = fromHex('3030');
      expect((await k.externalAuthenticate(issuer.arpc(k.pan, k.psn, g1.atc, g1.ac, arc), arc)).sw).toBe(0x9000);
      const g2 = (await k.generateAc('TC', true, { '8A': arc })).result!;
      expect(g2.type).toBe('TC');
      expect(iadAlgorithm(g2.iad)).toBe(algorithm);
      expect(toHex(issuer.expectedAc(k.pan, k.psn, g2.atc, g2.acData))).toBe(toHex(g2.ac));
    });
  }
});
