import { describe, expect, it } from 'vitest';
import { createCard, IMAGES } from '../../card-sim/index.ts';
import { CardSession } from '../apdu/session.ts';
import { SimChannel } from '../transport/sim.ts';
import { remoteTearControl, serveTearControl } from '../transport/tear-control.ts';
import { buildPsamImage } from '../../card-sim/index.ts';
import { simTearControl, sweep, sweepTryFirst, sampledCuts, type TearControl } from './tearing.ts';
import * as cases from './tearing-cases.ts';

async function setup(defects: string[] = []) {
  const card = createCard(IMAGES.reference as never, { defects: defects as never });
  card.reset();
  const channel = new SimChannel(card);
  const session = new CardSession(channel);
  const psam = new SimChannel(buildPsamImage({}), { seed: 'psam' });
  await psam.reset();
  const send = (apdu: Uint8Array) => session.send(apdu);
  const ctx: cases.TearContext = { send, psam: new CardSession(psam), atr: card.atr, pin: '123456', aid: Uint8Array.from([0xa0, 0, 0, 0x03, 0x33, 1, 1, 1]) };
  return { card, channel, ctx };
}

describe('tearing sweeps', () => {
  it('a wrong and a right VERIFY leave the same counter at every cut point on the reference, not on a card that compares first', async () => {
    for (const [defects, ok] of [
      [[], true],
      [['tear-try-counter-after-compare'], false],
    ] as const) {
      const { card, ctx } = await setup([...defects]);
      const r = await sweepTryFirst(
        simTearControl(card),
        ctx.send,
        cases.ssVerifyCase(ctx, ctx.pin, 'the right PIN'),
        cases.ssVerifyCase(ctx, cases.otherPin(ctx.pin), 'a wrong PIN'),
        (s) => cases.ssTries(ctx, s),
      );
      expect(r.cutPoints).toBeGreaterThan(1);
      expect(r.failures.length === 0).toBe(ok);
    }
  });

  it('through the control channel of sim serve: the same sweep, and a card put back as it was', async () => {
    const { card, channel, ctx } = await setup(['tear-recovery-skipped']);
    const server = await serveTearControl(() => card, 0);
    const port = (server.address() as { port: number }).port;
    try {
      const control: TearControl = await remoteTearControl({ kind: 'sim-serve', port }, channel);
      const before = card.nvm();
      const r = await sweep(control, ctx.send, [cases.ssChangePinCase(ctx, '135790')]);
      expect(r.cutPoints).toBe((r.cases[0]?.writes ?? 0) + 1);
      expect(r.failures.length).toBeGreaterThan(0);
      expect(card.nvm()).toEqual(before);
    } finally {
      server.close();
    }
  });

  it('a seeded sample takes the first and last cut point and the same others for the same seed', () => {
    const a = sampledCuts('s')('x', 20);
    expect(a[0]).toBe(0);
    expect(a.at(-1)).toBe(20);
    expect(sampledCuts('s')('x', 20)).toEqual(a);
  });
});
