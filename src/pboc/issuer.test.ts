/** The simulated issuer's PIN CHANGE against card-sim (JR/T 0025.5 B.10.3, C.3), and the kernel's PPSE. */
import { describe, expect, it } from 'vitest';
import { simSession } from '../transport/sim.ts';
import { IMAGES } from '../../card-sim/images/index.ts';
import { PBOC_AID, PBOC_TEST_IMK } from '../../card-sim/images/pse.ts';
import { fromHex, toHex } from '../bytes/hex.ts';
import type { PbocAlgorithm } from '../crypto/index.ts';
import { PbocIssuer } from './issuer.ts';
import { PbocKernel, type Send } from './kernel.ts';

function sender(image: string, defects: string[] = []): Send {
  const session = simSession(IMAGES[image]!, { defects: defects as never });
  return (apdu) => session.send(apdu);
}

async function online(image: string, alg: PbocAlgorithm) {
  const k = new PbocKernel(sender(image));
  await k.selectApplication(fromHex(PBOC_AID));
  await k.gpo();
  await k.readApplicationData();
  const g = (await k.generateAc('ARQC')).result!;
  return { k, g, issuer: new PbocIssuer(PBOC_TEST_IMK, alg) };
}

describe('PIN CHANGE/UNBLOCK with an enciphered PIN', () => {
  for (const [image, alg] of [
    ['reference', '3DES'],
    ['reference-pboc-sm4', 'SM4'],
  ] as const) {
    it(`${alg}: P2 02 and P2 01 set the new PIN; Lc is 16 + 4`, async () => {
      const { k, g, issuer } = await online(image, alg);
      const apdu = issuer.pinChange(k.pan, k.psn, g.atc, g.ac, '8642');
      expect(toHex(apdu.subarray(0, 5))).toBe('8424000214');
      expect((await k.script(apdu)).sw).toBe(0x9000);
      expect((await k.verifyPin('8642')).sw).toBe(0x9000);
      expect((await k.script(issuer.pinChange(k.pan, k.psn, g.atc, g.ac, '24681357', '8642'))).sw).toBe(0x9000);
      expect((await k.verifyPin('24681357')).sw).toBe(0x9000);
      expect((await k.verifyPin('8642')).sw >> 4).toBe(0x63c);
    });
  }

  it('the 3DES issuer’s PIN data is refused by the SM4 card', async () => {
    const { k, g } = await online('reference-pboc-sm4', 'SM4');
    const wrong = new PbocIssuer(PBOC_TEST_IMK, '3DES').pinChange(k.pan, k.psn, g.atc, g.ac, '8642');
    expect((await k.script(wrong)).sw).not.toBe(0x9000);
  });
});

describe('PPSE (EMV Contactless Book B §3.3)', () => {
  it('the contactless card lists the debit AID with the PSE priority; the contact-only card answers 6A82', async () => {
    const p = await new PbocKernel(sender('reference-contactless')).ppse();
    expect(p.response.sw).toBe(0x9000);
    expect(p.hasBf0c).toBe(true);
    expect(p.entries.map((e) => [toHex(e.aid!), toHex(e.priority!)])).toEqual([[PBOC_AID, '01']]);
    expect((await new PbocKernel(sender('reference')).ppse()).response.sw).toBe(0x6a82);
    expect((await new PbocKernel(sender('reference', ['pboc-ppse-on-contact-only-card'])).ppse()).response.sw).toBe(0x9000);
  });
});
