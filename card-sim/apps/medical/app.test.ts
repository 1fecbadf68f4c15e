/** The medical account of card-sim end to end through the terminal side (src/medical/terminal.ts) and the PSAM. */
import { describe, expect, it } from 'vitest';
import { SW } from '../../../src/apdu/sw.ts';
import { BALANCE, getTransactionProof, parseDetailRecord } from '../../../src/medical/commands.ts';
import { TRANSACTION_TYPE } from '../../../src/medical/crypto.ts';
import { EF08_SFI, MedicalTerminal } from '../../../src/medical/terminal.ts';
import * as iso from '../../../src/iso7816/commands.ts';
import { CardSession } from '../../../src/apdu/session.ts';
import { SimChannel } from '../../../src/transport/sim.ts';
import type { DefectId } from '../../defects/catalogue.ts';
import { IMAGES } from '../../images/index.ts';
import { psamImage } from '../../psam/image.ts';
import { createCard } from '../../cos/card.ts';
import { SeededRandom } from '../../cos/context.ts';

async function open(image = 'reference', defects: DefectId[] = []): Promise<MedicalTerminal> {
  const card = new SimChannel(IMAGES[image] as never, { seed: 't', defects });
  const psam = new SimChannel(psamImage, { seed: 'p' });
  const atr = await card.reset();
  await psam.reset();
  const t = new MedicalTerminal(new CardSession(card), new CardSession(psam), atr);
  await t.selectDf04();
  expect((await t.verifyPin('123456')).sw).toBe(SW.NO_ERROR);
  return t;
}

describe('card-sim medical commands on random input', () => {
  it('never fail inside (no 6F00) and always answer SW1-SW2', async () => {
    const errors: unknown[] = [];
    const card = createCard(IMAGES['reference'] as never, { seed: 'fuzz', onInternalError: (e) => errors.push(e) });
    const rng = new SeededRandom('medical-fuzz');
    card.reset();
    const send = (hex: string) => card.transmit(Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex')));
    send('00A404000F7378312E73682EC9E7BBE1B1A3D5CF');
    send('00A4040006D15600000503');
    send('0020000003123456');
    const ins = [0x26, 0x28, 0x2a, 0x2c, 0x2e, 0x56];
    for (let i = 0; i < 3000; i++) {
      const [a, b, c, d, e] = rng.bytes(5) as unknown as number[];
      const n = (e as number) % 24;
      const apdu = Uint8Array.from([
        0xb0,
        ins[(a as number) % ins.length] as number,
        (b as number) % 4,
        (c as number) % 5,
        ...(n ? [n, ...rng.bytes(n)] : []),
        ...((d as number) & 1 ? [(d as number) % 0x20] : []),
      ]);
      const r = card.transmit(apdu);
      expect(r.length).toBeGreaterThanOrEqual(2);
    }
    expect(errors).toEqual([]);
  });
});

describe.each(['reference', 'sscard30'])('card-sim medical account (%s)', (image) => {
  it('purchase then load: MACs, TACs, balance, totals, EF08, proof', async () => {
    const t = await open(image);
    const before = (await t.balance()).amount;
    const a = { account: 1234, selfPaid: 500, pooled: 2000 };
    const p = await t.purchase(a);
    expect(p.init.sw).toBe(SW.NO_ERROR);
    expect(p.debit?.sw).toBe(SW.NO_ERROR);
    expect(p.mac2Valid).toBe(true);
    expect(p.tacValid).toBe(true);
    expect((await t.balance()).amount).toBe(before - 1234);
    expect((await t.balance(BALANCE.SPIP)).amount).toBe(500);
    expect((await t.balance(BALANCE.SPFP)).amount).toBe(2000);
    const rec = await t.send(iso.readRecord(1, EF08_SFI, iso.RECORD_MODE.NUMBER, 0x1c));
    expect(parseDetailRecord(rec.data)).toMatchObject({
      seq: p.initData?.purchaseSeq,
      type: TRANSACTION_TYPE.purchase,
      account: 1234,
      selfPaid: 500,
      pooled: 2000,
    });
    const proof = await t.send(getTransactionProof(TRANSACTION_TYPE.purchase, p.initData?.purchaseSeq ?? -1));
    expect(proof.data).toEqual(Uint8Array.from([...(p.mac2 ?? []), ...(p.tac ?? [])]));
    const l = await t.load(1234);
    expect(l.mac1Valid).toBe(true);
    expect(l.credit?.sw).toBe(SW.NO_ERROR);
    expect(l.tacValid).toBe(true);
    expect((await t.balance()).amount).toBe(before);
  });

  it('wrong MAC1: 9302 and nothing moved; over-balance: 9401', async () => {
    const t = await open(image);
    const before = (await t.balance()).amount;
    const p = await t.purchase({ account: 1, selfPaid: 0, pooled: 0 }, { corruptMac1: true });
    expect(p.debit?.sw).toBe(SW.MAC_INVALID);
    expect((await t.balance()).amount).toBe(before);
    const q = await t.purchase({ account: before + 1, selfPaid: 0, pooled: 0 });
    expect(q.init.sw).toBe(SW.INSUFFICIENT_FUNDS);
  });

  it('with med-balance-moved-before-mac1 the wrong MAC1 still costs money', async () => {
    const t = await open(image, ['med-balance-moved-before-mac1']);
    const before = (await t.balance()).amount;
    await t.purchase({ account: 7, selfPaid: 0, pooled: 0 }, { corruptMac1: true });
    expect((await t.balance()).amount).toBe(before - 7);
  });

  it('DSK authentication allows UPDATE STARTING DAY', async () => {
    const t = await open(image);
    expect((await t.authenticateDsk()).sw).toBe(SW.NO_ERROR);
  });
});
