/**
 * card-sim's side of the known-answer vectors (src/crypto/vectors/known-answers.json, computed outside
 * sscc): the keys its images are personalised with, and what the card answers on the wire, in raw APDUs
 * built here from the vectors' bytes, not by the reference terminal or issuer (those are tested apart in
 * src/pboc/issuer-vectors.test.ts and src/sscard/psam-vectors.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../src/bytes/hex.ts';
import { sm2Verify } from '../src/crypto/sm2.ts';
import { bytesOf, knownAnswer, valueOf } from '../src/crypto/vectors/index.ts';
import { findTlv, parseTlv } from '../src/tlv/ber.ts';
import { simSession } from '../src/transport/sim.ts';
import type { CardImage, DfImage, EfImage } from './cos/image.ts';
import { IMAGES } from './images/index.ts';
import { SSCARD10 } from './images/sscard.ts';
import { pse } from './images/pse.ts';
import { referenceImage } from './images/reference.ts';
import { ssseImage } from './images/ssse.ts';
import { PBOC_SM2_TEST_CA_KEY, PBOC_SM2_TEST_ISS_KEY, PBOC_TEST_CA_KEY, PBOC_TEST_ISS_KEY } from './images/pboc-keys.ts';

const PBOC_IMAGES = { '3DES': 'reference', SM4: 'reference-pboc-sm4' } as const;
const SS_IMAGES = { '3DES': 'reference', SM4: 'sscard30' } as const;
const lc = (s: string) => s.toLowerCase();

function dfs(image: CardImage): DfImage[] {
  const out: DfImage[] = [];
  const walk = (n: DfImage | EfImage) => {
    if (n.kind !== 'DF') return;
    out.push(n);
    n.children.forEach(walk);
  };
  walk(image.mf as DfImage);
  return out;
}
const appDf = (image: string, app: string) => {
  const df = dfs(IMAGES[image]!).find((d) => d.app === app);
  if (!df) throw new Error(`image ${image} has no ${app} DF`);
  return df;
};

async function card(image: string) {
  const s = simSession(IMAGES[image]!);
  const send = async (hex: string) => s.send(fromHex(hex));
  return { send };
}

type Send = (hex: string) => Promise<{ sw: number; data: Uint8Array }>;

/** GENERATE AC with P1 (80 ARQC, 40 TC, 00 AAC) and the CDOL data; CID, ATC, AC and IAD of its answer. */
async function generateAc(send: Send, p1: string, cdol: string) {
  const r = await send(`80AE${p1}00${(cdol.length / 2).toString(16).padStart(2, '0')}${cdol}00`);
  expect(r.sw).toBe(0x9000);
  const t = parseTlv(r.data);
  const v = (tag: string) => toHex(findTlv(t, tag)?.value ?? new Uint8Array(0));
  return { atc: v('9F36'), ac: v('9F26'), iad: v('9F10'), cid: v('9F27') };
}

/** SELECT the debit AID, GPO (not EC: 9F7A 00), first GENERATE AC (default: an ARQC) with the vector's CDOL1 data. */
async function firstGac(image: string, alg: '3DES' | 'SM4', kind: 'arqc' | 'tc' | 'aac' = 'arqc') {
  const c = await card(image);
  const a = knownAnswer(`pboc-${kind}-${lc(alg)}`);
  expect((await c.send('00A4040008A00000033301010100')).sw).toBe(0x9000);
  expect((await c.send('80A800000B8309' + '00' + '000000001000' + '0156' + '00')).sw).toBe(0x9000);
  const g = await generateAc(c.send, { arqc: '80', tc: '40', aac: '00' }[kind], valueOf(a, 'cdol1Data'));
  return { c, a, ...g };
}

describe('card-sim PBOC (JR/T 0025) against the known-answer vectors', () => {
  for (const alg of ['3DES', 'SM4'] as const) {
    const image = PBOC_IMAGES[alg];
    it(`${alg} (${image}): the image holds the UDKs derived from the test IMKs (JR/T 0025.7 §11.1.4 / .17 §8.1.4)`, () => {
      const d = appDf(image, 'pboc').appData as Record<string, string>;
      for (const which of ['Ac', 'Mac', 'Enc']) {
        const u = knownAnswer(`pboc-udk-${lc(alg)}-${lc(which)}`);
        expect(d.pan).toBe(valueOf(u, 'pan'));
        expect(d.psn).toBe(valueOf(u, 'psn'));
        expect(d[`udk${which}`], u.id).toBe(u.expected.udk);
      }
    });

    it(`${alg} (${image}): the ARQC of the first GENERATE AC, then the ARPC of method 1 is accepted`, async () => {
      const { c, a, atc, ac, iad, cid } = await firstGac(image, alg);
      expect(cid).toBe('80');
      expect(atc).toBe(valueOf(a, 'atc'));
      expect(iad.slice(6, 14)).toBe(valueOf(a, 'cvr'));
      expect(ac, 'the cryptogram JR/T 0025 gives for these inputs').toBe(a.expected.ac);
      const p = knownAnswer(`pboc-arpc-${lc(alg)}`);
      expect((await c.send(`008200000A${p.expected.arpc}${valueOf(p, 'arc')}`)).sw).toBe(0x9000);
    });

    it(`${alg} (${image}): the TC and the AAC of the first GENERATE AC, the TC of the second`, async () => {
      for (const [kind, cid] of [
        ['tc', '40'],
        ['aac', '00'],
      ] as const) {
        const g = await firstGac(image, alg, kind);
        expect(g.cid).toBe(cid);
        expect(g.iad.slice(6, 14)).toBe(valueOf(g.a, 'cvr'));
        expect(g.ac, g.a.id).toBe(g.a.expected.ac);
      }
      const { c } = await firstGac(image, alg);
      const p = knownAnswer(`pboc-arpc-${lc(alg)}`);
      expect((await c.send(`008200000A${p.expected.arpc}${valueOf(p, 'arc')}`)).sw).toBe(0x9000);
      const v = knownAnswer(`pboc-second-tc-${lc(alg)}`);
      const g2 = await generateAc(c.send, '40', valueOf(v, 'cdolData'));
      expect(g2.cid).toBe('40');
      expect(g2.iad.slice(6, 14)).toBe(valueOf(v, 'cvr'));
      expect(g2.ac, v.id).toBe(v.expected.ac);
    });

    it(`${alg} (${image}): a wrong ARPC (the ARPC of the other algorithm) is refused`, async () => {
      const { c } = await firstGac(image, alg);
      const other = knownAnswer(`pboc-arpc-${alg === 'SM4' ? '3des' : 'sm4'}`);
      expect((await c.send(`008200000A${other.expected.arpc}3030`)).sw).not.toBe(0x9000);
    });

    it(`${alg} (${image}): issuer script commands with the vectors' MACs (JR/T 0025.5 C.2.4) are accepted`, async () => {
      const { c } = await firstGac(image, alg);
      const put = knownAnswer(`pboc-script-put-data-9f79-${lc(alg)}`);
      expect((await c.send(put.expected.apdu!)).sw).toBe(0x9000);
      expect(toHex((await c.send('80CA9F7900')).data)).toBe(`9F7906${valueOf(put, 'data')}`);
      const block = knownAnswer(`pboc-script-application-block-${lc(alg)}`);
      const bad = block.expected.apdu!.slice(0, -2) + (block.expected.apdu!.endsWith('00') ? '01' : '00');
      expect((await c.send(bad)).sw).toBe(0x6988);
      expect((await c.send(block.expected.apdu!)).sw).toBe(0x9000);
    });

    for (const p2 of ['p2-02', 'p2-01'] as const) {
      it(`${alg} (${image}): PIN CHANGE/UNBLOCK ${p2.toUpperCase()} of the vector sets the new PIN (JR/T 0025.5 B.10.3)`, async () => {
        const { c } = await firstGac(image, alg);
        const v = knownAnswer(`pboc-pin-change-${p2}-${lc(alg)}`);
        expect((await c.send(v.expected.apdu!)).sw).toBe(0x9000);
        const pin = valueOf(v, 'newPin');
        const block = `2${pin.length.toString(16)}${pin}`.padEnd(16, 'F');
        expect((await c.send(`0020008008${block}`)).sw).toBe(0x9000);
      });
    }

    it(`${alg} (${image}): the PIN block with D1 from the AC UDK (VIS/pyemv) is refused with 6A80, the PIN kept`, async () => {
      const { c } = await firstGac(image, alg);
      const v = knownAnswer(`pboc-pin-change-p2-02-${lc(alg)}-ac-udk`);
      expect((await c.send(v.expected.apdu!)).sw).toBe(0x6a80);
      expect((await c.send('002000800826123456FFFFFFFF')).sw).toBe(0x9000); // the PIN 123456 of the image
    });
  }
});

describe('card-sim SM4 cards under the other readings of the JR/T parts (profile keys.pboc.sm4Variant)', () => {
  const sm4Card = (sm4Variant: { udkInput: 'part17' | 'part5'; acFold: 'part17' | 'part7' }): CardImage => ({
    ...IMAGES['reference-pboc-sm4']!,
    name: 'reference-pboc-sm4',
    mf: {
      ...referenceImage.mf,
      children: [...referenceImage.mf.children.filter((c) => c.kind !== 'DF' || c.fid !== '7F10'), pse({ algorithm: 'SM4', sm4Variant })],
    },
  });
  const arqcOf = async (image: CardImage, cdol1: string) => {
    const s = simSession(image);
    expect((await s.send(fromHex('00A4040008A00000033301010100'))).sw).toBe(0x9000);
    expect((await s.send(fromHex('80A800000B830900000000001000015600'))).sw).toBe(0x9000);
    return (await generateAc(async (hex) => s.send(fromHex(hex)), '80', cdol1)).ac;
  };
  it('udkInput part5: the image holds SM4(IMK)[Y ‖ 00×8] (JR/T 0025.5 D.4) and its ARQC follows from it', async () => {
    const u = knownAnswer('pboc-udk-sm4-part5-ac');
    const image = sm4Card({ udkInput: 'part5', acFold: 'part17' });
    const d = dfs(image).find((x) => x.app === 'pboc')!.appData as Record<string, string>;
    expect(d.udkAc).toBe(u.expected.udk);
    const a = knownAnswer('pboc-arqc-sm4-part5');
    expect(await arqcOf(image, valueOf(a, 'cdol1Data'))).toBe(a.expected.ac);
  });
  it('acFold part7: the ARQC is H_KL ⊕ H_KR (JR/T 0025.7 §11.1.2.2)', async () => {
    const a = knownAnswer('pboc-arqc-sm4');
    expect(await arqcOf(sm4Card({ udkInput: 'part17', acFold: 'part7' }), valueOf(a, 'cdol1Data'))).toBe(a.expected.acPart7Fold);
  });
});

describe('card-sim SSSE (社会保障卡规范) against the known-answer vectors', () => {
  for (const alg of ['3DES', 'SM4'] as const) {
    const image = SS_IMAGES[alg];
    it(`${alg} (${image}): the image holds IRK and UK diversified through three levels (part 9 §7.3)`, () => {
      const keys = (appDf(image, 'sscard').appData as { keys: Array<{ id: number; version: number; key: string }> }).keys;
      for (const [name, id] of [
        ['irk', 0x08],
        ['uk', 0x04],
      ] as const) {
        const v = knownAnswer(`ss-diversify-${lc(alg)}-${name}`);
        expect(valueOf(v, 'image')).toBe(image);
        expect(keys.find((k) => k.id === id && k.version === 1)?.key, v.id).toBe(v.expected.cardKey);
      }
    });

    /** A fresh card, the SSSE selected, its first GET CHALLENGE: the random the vector was computed for. */
    async function challenged(v: ReturnType<typeof knownAnswer>, field: 'challenge' | 'random') {
      const c = await card(image);
      expect((await c.send('00A404000F7378312E73682EC9E7BBE1B1A3D5CF00')).sw >> 8).toBe(0x90);
      const r = await c.send('0084000008');
      expect(toHex(r.data), "card-sim's first challenge (its seeded test RNG) is the input of the vector: regenerate the vectors").toBe(valueOf(v, field));
      return c;
    }

    it(`${alg} (${image}): EXTERNAL AUTHENTICATE with the vector's authentication data is accepted, a changed one refused (part 5 §6.4)`, async () => {
      const v = knownAnswer(`ss-external-auth-${lc(alg)}`);
      expect((await (await challenged(v, 'challenge')).send(v.expected.apdu!)).sw).toBe(0x9000);
      const bad = v.expected.apdu!.slice(0, 10) + (v.expected.apdu!.slice(10, 12) === '00' ? '01' : '00') + v.expected.apdu!.slice(12);
      expect((await (await challenged(v, 'challenge')).send(bad)).sw >> 4).toBe(0x63c);
    });

    for (const kind of ['aligned', 'unaligned']) {
      it(`${alg} (${image}): UPDATE BINARY with the vector's MAC, ${kind} input, is accepted; another MAC answers 6988 (part 4 §8.2.4)`, async () => {
        const v = knownAnswer(`ss-mac-${lc(alg)}-${kind}`);
        expect((await (await challenged(v, 'random')).send(v.expected.apdu!)).sw).toBe(0x9000);
        const apdu = v.expected.apdu!;
        const bad = apdu.slice(0, -2) + (apdu.endsWith('00') ? '01' : '00');
        expect((await (await challenged(v, 'random')).send(bad)).sw).toBe(0x6988);
      });
    }

    it(`${alg} (${image}): INTERNAL AUTHENTICATE R1 ‖ R2 answers the vector (part 4 §9.3, part 5 §6.7)`, async () => {
      const c = await card(image);
      expect((await c.send('00A404000F7378312E73682EC9E7BBE1B1A3D5CF00')).sw >> 8).toBe(0x90);
      const v = knownAnswer(`ss-internal-auth-${lc(alg)}`);
      const r = await c.send(`0088000010${valueOf(v, 'r1')}${valueOf(v, 'r2')}08`);
      expect(r.sw).toBe(0x9000);
      expect(toHex(r.data)).toBe(v.expected.response);
    });
  }
});

describe('card-sim SSSE keys under each level-2 factor rule (profile keys.sscardLevel2Factor)', () => {
  it("a card of city 330102 personalised by part 9 §7.3.2 or by the reader spec §10.3 holds the vector's IRK", () => {
    const v = knownAnswer('ss-level2-reader-33');
    const data = { ...SSCARD10, cityCode: valueOf(v, 'cityCode'), historical: valueOf(v, 'historical') };
    const irk = (df: DfImage) =>
      (df.appData as { keys: Array<{ id: number; version: number; key: string }> }).keys.find((k) => k.id === 0x08 && k.version === 1)?.key;
    expect(irk(ssseImage(data))).toBe(v.expected.cardKeyPart9);
    expect(irk(ssseImage({ ...data, level2Factor: 'reader-33' }))).toBe(v.expected.cardKeyReader33);
  });
});

describe("card-sim's certificates against the known-answer vectors", () => {
  const record = async (image: string) => {
    const c = await card(image);
    expect((await c.send('00A4040008A00000033301010100')).sw).toBe(0x9000);
    const r = await c.send('00B2011400');
    expect(r.sw).toBe(0x9000);
    const t = parseTlv(r.data);
    return (tag: string) => toHex(findTlv(t, tag)?.value ?? new Uint8Array(0));
  };

  it('the vectors start from the published test keys of card-sim/images/pboc-keys.ts', () => {
    const rsa = knownAnswer('rsa-cardsim-issuer-cert');
    expect(valueOf(rsa, 'caPem').trim()).toBe(PBOC_TEST_CA_KEY.trim());
    expect(valueOf(rsa, 'issuerPem').trim()).toBe(PBOC_TEST_ISS_KEY.trim());
    const sm2 = knownAnswer('sm2-cardsim-issuer-cert');
    expect(valueOf(sm2, 'caPrivateKey')).toBe(PBOC_SM2_TEST_CA_KEY);
    expect(valueOf(sm2, 'issuerPrivateKey')).toBe(PBOC_SM2_TEST_ISS_KEY);
  });

  it('RSA (reference): 90, 92 and 9F32 of SFI 2 record 1 are the certificate OpenSSL computes (EMV Book 2 §5.3)', async () => {
    const v = knownAnswer('rsa-cardsim-issuer-cert');
    const tag = await record('reference');
    expect(tag('90')).toBe(v.expected.certificate);
    expect(tag('92')).toBe(v.expected.remainder);
    expect(tag('9F32')).toBe(v.expected.exponent);
  });

  it('SM2 (reference-pboc30): 90 is the table 4 fields of the vector ‖ a CA signature over them (JR/T 0025.17 §5.1)', async () => {
    const v = knownAnswer('sm2-cardsim-issuer-cert');
    const cert = fromHex((await record('reference-pboc30'))('90'));
    const signed = bytesOf(v, 'signedData');
    expect(toHex(cert.subarray(0, signed.length))).toBe(v.expected.signedData);
    expect(cert.length).toBe(signed.length + 64);
    expect(sm2Verify(bytesOf(v, 'caPublicKey'), signed, cert.subarray(signed.length))).toBe(true);
  });
});
