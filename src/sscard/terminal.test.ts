/** The reference social security terminal against card-sim's test cards and the simulated PSAM. */
import { describe, expect, it } from 'vitest';
import { SW } from '../apdu/sw.ts';
import { IMAGES } from '../../card-sim/images/index.ts';
import { SimChannel } from '../transport/sim.ts';
import { CardSession } from '../apdu/session.ts';
import { checkCardNumber, checkSocialSecurityNumber } from './data.ts';
import { SFI, SsTerminal } from './terminal.ts';

async function setup(image: string, defects: string[] = []) {
  const card = new SimChannel(IMAGES[image]!, { seed: 't', defects: defects as never });
  const psam = new SimChannel(IMAGES.psam!, { seed: 't' });
  await card.reset();
  await psam.reset();
  return new SsTerminal(new CardSession(card), new CardSession(psam), card.atr);
}

describe.each([
  ['reference', '2.00', '3DES'],
  ['sscard30', '3.00', 'SM4'],
  ['sscard10', '1.00', '3DES'],
])('SS terminal on %s', (image, version, alg) => {
  it('iReadCardBas: internal authentication, (3.0) RK, reads; the data validates', async () => {
    const t = await setup(image);
    const bas = await t.readCardBas(await t.psam.terminalNumber().catch(() => '000000000000'));
    expect(bas.version).toBe(version);
    expect(t.algorithm).toBe(alg);
    expect(checkSocialSecurityNumber(bas.socialSecurityNumber)).toBeUndefined();
    expect(checkCardNumber(bas.cardNumber)).toBeUndefined();
    expect(bas.regionCode).toBe(bas.cardIdentifier.slice(0, 6));
    expect(bas.name.length).toBeGreaterThan(1);
  });

  it('internal authentication with each IRK version, external authentication with RK opens EF07', async () => {
    const t = await setup(image);
    await t.selectSsse();
    for (const v of [1, 2, 3]) expect((await t.internalAuthenticate(v)).valid).toBe(true);
    expect((await t.send({ cla: 0, ins: 0xb0, p1: 0x80 | SFI.EF07, p2: 0, data: new Uint8Array(0), ne: 16 })).sw).toBe(SW.SECURITY_STATUS_NOT_SATISFIED);
    expect((await t.externalAuthenticate('RK')).sw).toBe(SW.NO_ERROR);
    expect((await t.send({ cla: 0, ins: 0xb0, p1: 0x80 | SFI.EF07, p2: 0, data: new Uint8Array(0), ne: 16 })).sw).toBe(SW.NO_ERROR);
    expect((await t.externalAuthenticate('RK', { corrupt: true })).sw).toBe(0x63c2);
  });

  it('PIN: verify, change, reload through PUK and STK, unblock', async () => {
    const t = await setup(image);
    await t.selectSsse();
    expect((await t.verifyPin()).sw).toBe(0x63c3);
    expect((await t.verifyPin('123456')).sw).toBe(SW.NO_ERROR);
    expect((await t.changePin('123456', '654321')).sw).toBe(SW.NO_ERROR);
    expect((await t.verifyPin('123456')).sw).toBe(0x63c2);
    expect((await t.verifyPin('654321')).sw).toBe(SW.NO_ERROR);
    expect((await t.reloadPin('1111')).sw).toBe(SW.NO_ERROR);
    expect((await t.verifyPin('1111')).sw).toBe(SW.NO_ERROR);
    for (let i = 0; i < 3; i++) await t.verifyPin('0000');
    expect((await t.verifyPin('1111')).sw).toBe(SW.AUTHENTICATION_METHOD_BLOCKED);
    expect((await t.unblockPin()).sw).toBe(SW.NO_ERROR);
    expect((await t.verifyPin('1111')).sw).toBe(SW.NO_ERROR);
  });

  it('writes a business record with a MAC, refuses a wrong MAC', async () => {
    const t = await setup(image);
    await t.selectSsse();
    await t.identify();
    expect((await t.send({ cla: 0, ins: 0xa4, p1: 4, p2: 0, data: Buffer.from('D15600000503', 'hex'), ne: 256 })).sw).toBe(SW.NO_ERROR);
    const rec = Uint8Array.from([0x60, 16, ...Array.from({ length: 16 }, (_, i) => i)]);
    expect((await t.writeRecordWithMac('UK1', 0x0c, rec, { corrupt: true })).sw).toBe(SW.SM_DATA_OBJECTS_INCORRECT);
    expect((await t.writeRecordWithMac('UK1', 0x0c, rec)).sw).toBe(SW.NO_ERROR);
    const r = await t.readItem(0x0c, 0x60);
    expect(Buffer.from(r.data).equals(Buffer.from(rec))).toBe(true);
  });
});
