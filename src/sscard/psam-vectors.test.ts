/**
 * The terminal's side of the social security card (the Psam class driving card-sim's PSAM, part 9 §7.4 and
 * §9) against the known-answer vectors computed outside sscc: INTERNAL AUTHENTICATE's expected answer and
 * the MAC of secure messaging from the root keys, the three-level factors of the card and the random.
 * card-sim's card side is tested apart in card-sim/vectors.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex.ts';
import { bytesOf, knownAnswer, valueOf } from '../crypto/vectors/index.ts';
import { TEST_ROOT_KEYS } from './keys.ts';
import { simSession } from '../transport/sim.ts';
import { IMAGES } from '../../card-sim/images/index.ts';
import { Psam } from './psam.ts';
import { SsTerminal } from './terminal.ts';
import { SSCARD10 } from '../../card-sim/images/sscard.ts';
import { ssseImage } from '../../card-sim/images/ssse.ts';

const lc = (s: string) => s.toLowerCase();

async function psamFor(alg: '3DES' | 'SM4') {
  const v = knownAnswer(`ss-diversify-${lc(alg)}-irk`);
  const psam = new Psam(simSession(IMAGES.psam!));
  await psam.open(alg, parseInt(valueOf(v, 'cityCode').slice(0, 2), 16));
  return { psam, card: { cityCode: valueOf(v, 'cityCode'), historical: bytesOf(v, 'historical') } };
}

describe('terminal PSAM (src/sscard/psam.ts) against the known-answer vectors', () => {
  it('the PSAM holds the roots the vectors start from', () => {
    for (const alg of ['3des', 'sm4']) {
      expect(valueOf(knownAnswer(`ss-diversify-${alg}-irk`), 'root')).toBe(TEST_ROOT_KEYS.IRK);
      expect(valueOf(knownAnswer(`ss-diversify-${alg}-uk`), 'root')).toBe(TEST_ROOT_KEYS.UK);
    }
  });

  for (const alg of ['3DES', 'SM4'] as const) {
    it(`${alg}: the answer it expects to INTERNAL AUTHENTICATE R1 ‖ R2 (part 9 §9.4, part 4 §9.3)`, async () => {
      const { psam, card } = await psamFor(alg);
      const v = knownAnswer(`ss-internal-auth-${lc(alg)}`);
      await psam.deliver('IRK', card, bytesOf(v, 'r1'));
      expect(toHex(await psam.authData(bytesOf(v, 'r2')))).toBe(v.expected.response);
    });

    it(`${alg}: the MAC it computes for a command, aligned and unaligned input (part 4 §8.2.4)`, async () => {
      for (const kind of ['aligned', 'unaligned']) {
        const { psam, card } = await psamFor(alg);
        const v = knownAnswer(`ss-mac-${lc(alg)}-${kind}`);
        await psam.deliver('UK', card, bytesOf(v, 'random'));
        expect(toHex(await psam.commandMac([...bytesOf(v, 'header')], bytesOf(v, 'data'))), v.id).toBe(v.expected.mac);
      }
    });
  }
});

describe('the reference SSSE terminal under each level-2 factor rule (profile keys.sscardLevel2Factor)', () => {
  const cardOf = (level2Factor?: 'reader-33') => {
    const v = knownAnswer('ss-level2-reader-33');
    const data = { ...SSCARD10, cityCode: valueOf(v, 'cityCode'), historical: valueOf(v, 'historical'), ...(level2Factor ? { level2Factor } : {}) };
    return {
      name: 'level2',
      description: 'city 330102',
      atr: `3B6D0000${data.historical}`,
      protocol: 'T=0' as const,
      mf: { kind: 'DF' as const, fid: '3F00', app: 'sscard-mf', children: [ssseImage(data)] },
    };
  };
  const run = async (card: ReturnType<typeof cardOf>, rule: 'part9' | 'reader-33') => {
    const session = simSession(card);
    const t = new SsTerminal(session, simSession(IMAGES.psam!), session.channel.atr);
    t.level2Factor = rule;
    return (await t.internalAuthenticate()).valid;
  };
  it('INTERNAL AUTHENTICATE verifies only when the terminal takes the rule the card was personalised with', async () => {
    expect(await run(cardOf(), 'part9')).toBe(true);
    expect(await run(cardOf('reader-33'), 'reader-33')).toBe(true);
    expect(await run(cardOf('reader-33'), 'part9')).toBe(false);
    expect(await run(cardOf(), 'reader-33')).toBe(false);
  });
});
