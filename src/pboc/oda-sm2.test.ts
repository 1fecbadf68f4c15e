/**
 * SM2 offline data authentication (JR/T 0025.17 §5): the checks on certificates built with the
 * simulator's SM2 test chain (card-sim/images/pboc-keys.ts), tampered and malformed variants, and the
 * kernel's SDA and DDA against the reference-pboc30 card.
 */
import { describe, expect, it } from 'vitest';
import { simSession } from '../transport/sim.ts';
import { IMAGES } from '../../card-sim/images/index.ts';
import { PBOC_SM2_TEST_CA_PUBLIC, PBOC_SM2_TEST_ICC_KEY, PBOC_SM2_TEST_ISS_KEY } from '../../card-sim/images/pboc-keys.ts';
import { PBOC_AID, PBOC_PAN, PBOC_SM2_CERTS, PBOC_SM2_STATIC_DATA } from '../../card-sim/images/pse.ts';
import { concat, fromHex, toHex } from '../bytes/hex.ts';
import { sm2PublicOf, sm2Sign } from '../crypto/index.ts';
import { PbocKernel } from './kernel.ts';
import { recoverIccKeySm2, recoverIssuerKeySm2, sm2CertLayoutErrors, verifySdadSm2, verifySsadSm2 } from './oda-sm2.ts';
import { type Diagnosis, renderDiagnosis } from '../verdict/messages.ts';

const en = (d: Diagnosis) => renderDiagnosis(d, 'en');

const CA = fromHex(PBOC_SM2_TEST_CA_PUBLIC);
const ISS = sm2PublicOf(PBOC_SM2_TEST_ISS_KEY);
const ICC = sm2PublicOf(PBOC_SM2_TEST_ICC_KEY);
const TODAY = '2611';
const flip = (b: Uint8Array, at: number) => {
  const c = b.slice();
  c[at] = (c[at] as number) ^ 0x01;
  return c;
};

describe('SM2 issuer public key certificate (JR/T 0025.17 §5.1.2)', () => {
  it('passes every check and gives the issuer key', () => {
    const r = recoverIssuerKeySm2(CA, PBOC_SM2_CERTS.issuerCert, PBOC_PAN, TODAY);
    expect(r.errors).toEqual([]);
    expect(toHex(r.value!)).toBe(toHex(ISS));
    expect(PBOC_SM2_CERTS.issuerCert.length).toBe(64 + 64 + 14); // NCA + NI + 14
    expect(sm2CertLayoutErrors(PBOC_SM2_CERTS.issuerCert, 'issuer')).toEqual([]);
  });
  it('names each failed check', () => {
    expect(recoverIssuerKeySm2(CA, PBOC_SM2_CERTS.expiredIssuerCert, PBOC_PAN, TODAY).errors.map(en)).toEqual(['issuer certificate expired (1219 MMYY)']);
    expect(recoverIssuerKeySm2(CA, PBOC_SM2_CERTS.issuerCertOtherIssuer, PBOC_PAN, TODAY).errors.map(en).join()).toMatch(
      /issuer identifier 622222 does not match/,
    );
    expect(recoverIssuerKeySm2(CA, PBOC_SM2_CERTS.issuerCertRsaAlgorithm, PBOC_PAN, TODAY).errors.map(en)).toEqual([
      'issuer certificate signature algorithm 01 is not 04 (SM2)',
    ]);
    expect(recoverIssuerKeySm2(CA, flip(PBOC_SM2_CERTS.issuerCert, 20), PBOC_PAN, TODAY).errors.map(en)).toEqual([
      'issuer certificate signature does not verify with the CA key',
    ]);
    expect(recoverIssuerKeySm2(ISS, PBOC_SM2_CERTS.issuerCert, PBOC_PAN, TODAY).errors.map(en)).toEqual([
      'issuer certificate signature does not verify with the CA key',
    ]);
    expect(recoverIssuerKeySm2(CA, flip(PBOC_SM2_CERTS.issuerCert, 0), PBOC_PAN, TODAY).errors.map(en)[0]).toBe('issuer certificate format 13 is not 12');
  });
  it('does not throw on truncated or padded certificates', () => {
    for (const cert of [
      new Uint8Array(0),
      PBOC_SM2_CERTS.issuerCert.subarray(0, 13),
      PBOC_SM2_CERTS.issuerCert.subarray(0, 100),
      concat(PBOC_SM2_CERTS.issuerCert, Uint8Array.of(0)),
    ]) {
      const r = recoverIssuerKeySm2(CA, cert, PBOC_PAN, TODAY);
      expect(r.value).toBeUndefined();
      expect(r.errors.length).toBeGreaterThan(0);
    }
    const badLength = PBOC_SM2_CERTS.issuerCert.slice();
    badLength[13] = 0xff;
    expect(recoverIssuerKeySm2(CA, badLength, PBOC_PAN, TODAY).errors.map(en).join()).toMatch(/public key length 255 is not 64/);
  });
});

describe('SM2 SSAD (§5.1.3)', () => {
  it('verifies over the static data and gives the DAC', () => {
    const r = verifySsadSm2(ISS, PBOC_SM2_CERTS.ssad, PBOC_SM2_STATIC_DATA, fromHex('82'));
    expect(r.errors).toEqual([]);
    expect(toHex(r.value!)).toBe('DAC1');
  });
  it('fails over other static data, a tampered DAC, a tag list other than 82, a short object', () => {
    expect(verifySsadSm2(ISS, PBOC_SM2_CERTS.ssadWithoutAip, PBOC_SM2_STATIC_DATA).errors.map(en)).toEqual([
      'SSAD signature does not verify over the static data to authenticate',
    ]);
    expect(verifySsadSm2(ISS, flip(PBOC_SM2_CERTS.ssad, 2), PBOC_SM2_STATIC_DATA).errors.length).toBe(1);
    expect(verifySsadSm2(ISS, PBOC_SM2_CERTS.ssad, PBOC_SM2_STATIC_DATA, fromHex('8294')).errors.map(en)).toEqual([
      'static data tag list 9F4A 8294 names more than 82',
    ]);
    expect(verifySsadSm2(ISS, PBOC_SM2_CERTS.ssad.subarray(0, 10), PBOC_SM2_STATIC_DATA).value).toBeUndefined();
  });
});

describe('SM2 ICC public key certificate (§5.2.3)', () => {
  it('verifies with the issuer key over its fields and the static data', () => {
    const r = recoverIccKeySm2(ISS, PBOC_SM2_CERTS.iccCert, PBOC_PAN, PBOC_SM2_STATIC_DATA, TODAY);
    expect(r.errors).toEqual([]);
    expect(toHex(r.value!)).toBe(toHex(ICC));
    expect(PBOC_SM2_CERTS.iccCert.length).toBe(64 + 64 + 20); // NI + NIC + 20
  });
  it('catches another PAN and other static data', () => {
    expect(recoverIccKeySm2(ISS, PBOC_SM2_CERTS.iccCertOtherPan, PBOC_PAN, PBOC_SM2_STATIC_DATA, TODAY).errors.map(en)).toEqual([
      'PAN in the ICC certificate 6230000000000025 differs from 5A 6230000000000017',
    ]);
    expect(recoverIccKeySm2(ISS, PBOC_SM2_CERTS.iccCert, PBOC_PAN, PBOC_SM2_STATIC_DATA.subarray(1), TODAY).errors.map(en)).toEqual([
      'ICC certificate signature does not verify with the issuer key over its fields and the static data',
    ]);
  });
});

describe('SM2 SDAD (§5.2.4)', () => {
  const head = fromHex('1505040A0B0C0D');
  const un = fromHex('12345678');
  const sdad = concat(head, sm2Sign(PBOC_SM2_TEST_ICC_KEY, concat(head, un)));
  it('verifies over the DDOL data and gives the ICC dynamic number', () => {
    const r = verifySdadSm2(ICC, sdad, un);
    expect(r.errors).toEqual([]);
    expect(toHex(r.value!)).toBe('0A0B0C0D');
  });
  it('fails with other DDOL data, a wrong format, malformed lengths', () => {
    expect(verifySdadSm2(ICC, sdad, fromHex('12345679')).errors.map(en)).toEqual(['SDAD signature does not verify over the DDOL data']);
    expect(verifySdadSm2(ICC, flip(sdad, 0), un).errors.map(en)[0]).toBe('SDAD format 14 is not 15');
    expect(verifySdadSm2(ICC, new Uint8Array(0), un).errors.length).toBe(1);
    expect(verifySdadSm2(ICC, sdad.subarray(0, 40), un).value).toBeUndefined();
  });
});

describe('PBOC kernel on the reference-pboc30 card (SM2 ODA)', () => {
  async function readCard(defects: string[] = []): Promise<PbocKernel> {
    const session = simSession(IMAGES['reference-pboc30']!, { defects: defects as never });
    const k = new PbocKernel((apdu) => session.send(apdu));
    expect((await k.selectApplication(fromHex(PBOC_AID))).sw).toBe(0x9000);
    expect((await k.gpo()).sw).toBe(0x9000);
    await k.readApplicationData();
    return k;
  }
  it('runs SDA and DDA with the SM2 CA key: 9F45 and 9F4C set, TVR clean', async () => {
    const k = await readCard();
    expect(k.sda({ sm2: CA })).toEqual([]);
    expect(toHex(k.data.get('9F45')!)).toBe('DAC1');
    const dda = await k.dda({ sm2: CA });
    expect(dda.errors).toEqual([]);
    expect(dda.dynamicNumber?.length).toBe(4);
    expect(toHex(k.data.get('9F4C')!)).toBe(toHex(dda.dynamicNumber!));
    expect(toHex(k.tvr)).toBe('0000000000');
  });
  it('sends DF69 = 01 (SM supported) in the GPO of the single-SM card, which answers the SM AFL (JR/T 0025.17 §10.3)', async () => {
    const k = await readCard();
    expect(toHex(k.data.get('9F38')!)).toMatch(/DF6901$/);
    expect(toHex(k.pdolData())).toMatch(/01$/);
    expect(k.data.has('92')).toBe(false);
    expect(k.data.get('90')?.[0]).toBe(0x12);
  });
  it('sets TVR SDA failed and DDA failed on a card whose certificate expired', async () => {
    const k = await readCard(['pboc-issuer-cert-expired']);
    expect(k.sda({ sm2: CA }).map(en).join()).toMatch(/expired/);
    expect((await k.dda({ sm2: CA })).errors.map(en).join()).toMatch(/expired/);
    expect(toHex(k.tvr.subarray(0, 1))).toBe('48');
  });
});
