/** The PBOC transaction under test against the reference card, and against cards that break what it checks. */
import { describe, expect, it } from 'vitest';
import { simSession } from '../transport/sim.ts';
import { PBOC_AID, PBOC_TEST_IMK } from '../../card-sim/images/pse.ts';
import { PBOC_TEST_CA_KEY } from '../../card-sim/images/pboc-keys.ts';
import { referenceImage } from '../../card-sim/images/reference.ts';
import { fromHex } from '../bytes/hex.ts';
import { rsaPublicOf } from '../crypto/index.ts';
import { NonConformance } from '../verdict/errors.ts';
import { PbocIssuer } from './issuer.ts';
import { SCRIPT_HEADER } from './commands.ts';
import { PbocUnderTest, sdadCheckOf } from './under-test.ts';

function underTest(defects: string[] = []): PbocUnderTest {
  const session = simSession(referenceImage, { defects: defects as never });
  return new PbocUnderTest((apdu) => session.send(apdu));
}

describe('PbocUnderTest', () => {
  it('runs select, GPO, records, first and second GENERATE AC and keeps them', async () => {
    const t = underTest();
    const k = await t.selectAndRead(fromHex(PBOC_AID));
    expect(k.aip.length).toBe(2);
    const g1 = await t.firstGac('ARQC');
    expect(t.gac()).toBe(g1);
    const issuer = new PbocIssuer(PBOC_TEST_IMK);
    t.arc = fromHex('3030');
    expect((await k.externalAuthenticate(t.arpc(issuer, t.arc), t.arc)).sw).toBe(0x9000);
    const g2 = await t.secondGac();
    expect(g2.type).toBe('TC');
    expect(t.gac(2)).toBe(g2);
    expect(await t.number('9F13')).toBe(g1.atc);
  });

  it('a fresh kernel keeps the terminal data but not the card data', async () => {
    const t = underTest();
    t.smSupport = false;
    await t.selectAndRead(fromHex(PBOC_AID), true, 123);
    const k = t.fresh();
    expect(k.terminal.amount).toBe(123);
    expect(k.terminal.smSupport).toBe(false);
    expect(k.data.size).toBe(0);
  });

  it('a missing earlier step is an error, not a card fault', () => {
    expect(() => underTest().gac()).toThrow(/Given step is missing/);
  });

  it('reads log record 1 in the 9F4F format after a transaction', async () => {
    const t = underTest();
    await t.selectAndRead(fromHex(PBOC_AID), false, 4321);
    const g = await t.firstGac('ARQC');
    const issuer = new PbocIssuer(PBOC_TEST_IMK);
    await t.kernel.externalAuthenticate(t.arpc(issuer, fromHex('3030')), fromHex('3030'));
    await t.secondGac();
    const v = await t.logRecord(1);
    if (v['9F36']) expect(v['9F36'][1]).toBe(g.atc & 0xff);
  });

  it('an issuer script MACed for the cryptogram is accepted; the SDAD check finds the ICC key', async () => {
    const t = underTest();
    const k = await t.selectAndRead(fromHex(PBOC_AID));
    await t.firstGac('ARQC');
    const issuer = new PbocIssuer(PBOC_TEST_IMK);
    const before = await t.number('9F79');
    const r = await k.script(t.script(issuer, SCRIPT_HEADER.putData('9F79'), fromHex(String(before).padStart(12, '0'))));
    expect(r.sw).toBe(0x9000);
    const check = sdadCheckOf(k, rsaPublicOf(PBOC_TEST_CA_KEY));
    const ia = await k.internalAuthenticate(fromHex('11223344'));
    expect(check(ia.sdad as Uint8Array, fromHex('11223344')).errors).toEqual([]);
    expect(check(ia.sdad as Uint8Array, fromHex('11223345')).errors.length).toBeGreaterThan(0);
  });

  it("a GET DATA that is not an n value is the card's fault", async () => {
    const t = underTest();
    await t.select(fromHex(PBOC_AID));
    await expect(t.number('9F4F')).rejects.toBeInstanceOf(NonConformance);
  });
});
