/** The reference kernel against the reference card: a full online transaction with the simulated issuer. */
import { describe, expect, it } from 'vitest';
import { simSession } from '../transport/sim.ts';
import { PBOC_AID, PBOC_TEST_IMK } from '../../card-sim/images/pse.ts';
import { PBOC_TEST_CA_KEY } from '../../card-sim/images/pboc-keys.ts';
import { referenceImage } from '../../card-sim/images/reference.ts';
import { IMAGES } from '../../card-sim/images/index.ts';
import { fromHex, toHex } from '../bytes/hex.ts';
import { rsaPublicOf } from '../crypto/index.ts';
import { PbocIssuer } from './issuer.ts';
import { PbocKernel, type Send } from './kernel.ts';
import { type Diagnosis, renderDiagnosis } from '../verdict/messages.ts';

const en = (d: Diagnosis) => renderDiagnosis(d, 'en');

function sender(defects: string[] = [], image = referenceImage): Send {
  const session = simSession(image, { defects: defects as never });
  return (apdu) => session.send(apdu);
}

describe('PBOC kernel on the reference card', () => {
  it('selects via the PSE, authenticates offline and goes online', async () => {
    const k = new PbocKernel(sender());
    const dir = await k.pseDirectory();
    expect(toHex(dir.aids[0] as Uint8Array)).toBe(PBOC_AID);
    expect((await k.selectApplication(fromHex(PBOC_AID))).sw).toBe(0x9000);
    expect((await k.gpo()).sw).toBe(0x9000);
    await k.readApplicationData();
    const ca = rsaPublicOf(PBOC_TEST_CA_KEY);
    expect(k.sda(ca)).toEqual([]);
    const dda = await k.dda(ca);
    expect(dda.errors).toEqual([]);
    const g = await k.generateAc('ARQC');
    expect(g.result?.type).toBe('ARQC');
    const issuer = new PbocIssuer(PBOC_TEST_IMK);
    const r = g.result!;
    expect(toHex(issuer.expectedAc(k.pan, k.psn, r.atc, r.acData))).toBe(toHex(r.ac));
    const arc = fromHex('3030');
    expect((await k.externalAuthenticate(issuer.arpc(k.pan, k.psn, r.atc, r.ac, arc), arc)).sw).toBe(0x9000);
    const g2 = await k.generateAc('TC', true, { '8A': arc });
    expect(g2.result?.type).toBe('TC');
    expect(toHex(issuer.expectedAc(k.pan, k.psn, r.atc, g2.result!.acData))).toBe(toHex(g2.result!.ac));
  });

  it('catches an expired issuer certificate', async () => {
    const k = new PbocKernel(sender(['pboc-issuer-cert-expired']));
    await k.selectApplication(fromHex(PBOC_AID));
    await k.gpo();
    await k.readApplicationData();
    expect(k.sda(rsaPublicOf(PBOC_TEST_CA_KEY)).map(en).join()).toMatch(/expired/);
  });

  it('reads the records of an AFL whose SFI bytes have low bits set, and names the fault', async () => {
    const k = new PbocKernel(sender(['pboc-afl-sfi-low-bits-set']));
    await k.selectApplication(fromHex(PBOC_AID));
    await k.gpo();
    await k.readApplicationData();
    expect(k.sda(rsaPublicOf(PBOC_TEST_CA_KEY))).toEqual([]);
    expect(k.aflProblems().map(en).join()).toMatch(/entry 1 byte 1 0C: the three low bits/);
    const clean = new PbocKernel(sender());
    await clean.selectApplication(fromHex(PBOC_AID));
    await clean.gpo();
    expect(clean.aflProblems()).toEqual([]);
  });

  it('an AIP personalised without DDA is signed as such: SDA and DDA still verify', async () => {
    const k = new PbocKernel(sender(['pboc-aip-without-dda']));
    await k.selectApplication(fromHex(PBOC_AID));
    await k.gpo();
    await k.readApplicationData();
    expect(toHex(k.aip)).toBe('5C00');
    const ca = rsaPublicOf(PBOC_TEST_CA_KEY);
    expect(k.sda(ca)).toEqual([]);
    expect((await k.dda(ca)).errors.map(en)).toEqual([]);
  });
});

describe('ODA on malformed card data', () => {
  it('names the failure instead of throwing when a certificate is not below the modulus', async () => {
    const { recoverIssuerKey } = await import('./oda.ts');
    const ca = rsaPublicOf(PBOC_TEST_CA_KEY);
    const r = recoverIssuerKey(ca, new Uint8Array(ca.modulus.length).fill(0xff), new Uint8Array(0), fromHex('03'), '6230000000000017', '2611');
    expect(r.value).toBeUndefined();
    expect(r.errors.map(en).join()).toMatch(/RSA recovery failed|header|trailer/);
  });
});

describe('PBOC on SM4 (JR/T 0025.17 §8)', () => {
  it('the SM4 card computes ARQCs the SM4 issuer verifies, and the 3DES issuer does not', async () => {
    const k = new PbocKernel(sender([], IMAGES['reference-pboc-sm4']));
    await k.selectApplication(fromHex(PBOC_AID));
    await k.gpo();
    await k.readApplicationData();
    const r = (await k.generateAc('ARQC')).result!;
    expect(r.iad[7]).toBe(0x04);
    expect(toHex(new PbocIssuer(PBOC_TEST_IMK, 'SM4').expectedAc(k.pan, k.psn, r.atc, r.acData))).toBe(toHex(r.ac));
    expect(toHex(new PbocIssuer(PBOC_TEST_IMK, '3DES').expectedAc(k.pan, k.psn, r.atc, r.acData))).not.toBe(toHex(r.ac));
  });
});
