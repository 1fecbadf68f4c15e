import { describe, expect, it } from 'vitest';
import { createCard, IMAGES } from '../../card-sim/index.ts';
import { CardSession } from '../apdu/session.ts';
import { SimChannel } from '../transport/sim.ts';
import { remoteTearControl, serveTearControl } from '../transport/tear-control.ts';
import { buildPsamImage } from '../../card-sim/index.ts';
import { simTearControl, sweep, sweepTryFirst, sampledCuts, type TearCase, type TearControl } from './tearing.ts';
import * as cases from './tearing-cases.ts';
import { PreconditionNotMet, TransportError } from '../verdict/errors.ts';
import type { NvmFile } from '../../card-sim/index.ts';
import { renderDiagnosis } from '../verdict/messages.ts';

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

  it('the right attempt must succeed untorn, else there is nothing to compare the wrong one with', async () => {
    const { card, ctx } = await setup();
    const wrong = cases.ssVerifyCase(ctx, cases.otherPin(ctx.pin), 'a wrong PIN');
    await expect(sweepTryFirst(simTearControl(card), ctx.send, wrong, wrong, (s) => cases.ssTries(ctx, s))).rejects.toBeInstanceOf(PreconditionNotMet);
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

  it('the cut points are NVM writes: a card changed by a cut before its first write, or not as the command made it after its last, fails', async () => {
    // A card of one item that its command sets in the second of two writes; `early` changes it before any
    // write, `late` after the last one (a write the cut points do not count).
    const card = (mode: 'sound' | 'early' | 'late', blind = false) => {
      let x = 'old';
      let armed: number | undefined;
      let last = { writes: 0, torn: false };
      const control: TearControl = {
        arm: async (k) => void (armed = k),
        lastWrites: async () => last,
        save: async () => x as unknown as NvmFile,
        restore: async (s) => void (x = s as unknown as string),
        snapshot: async () => new Map([['x', x]]),
        powerUp: async () => {},
        deterministic: true,
      };
      const send = async () => {
        const k = armed;
        armed = undefined;
        if (mode === 'early') x = 'new';
        for (let w = 0; w <= 2; w++) {
          if (k === w) {
            last = { writes: w, torn: true };
            throw new TransportError('mute');
          }
          if (w === 1 && mode !== 'late') x = 'new';
        }
        x = 'new';
        last = { writes: 2, torn: false };
        return { data: new Uint8Array(0), sw: 0x9000 };
      };
      const c: TearCase = { name: 'set x', setup: async () => undefined, command: (s) => s(new Uint8Array(1)), observe: async () => x };
      return sweep(control, send, [blind ? { ...c, observe: async () => 'x' } : c]);
    };
    expect((await card('sound')).failures).toEqual([]);
    // Untorn, a command that changes nothing the terminal reads fails: no cut point could show a half-written state.
    expect((await card('sound', true)).failures.map((f) => renderDiagnosis(f.what, 'en'))).toEqual([expect.stringContaining('changed nothing')]);
    expect((await card('early')).failures.map((f) => f.k)).toEqual([0]);
    expect((await card('late')).failures.map((f) => f.k)).toEqual([2]);
  });

  it('a seeded sample takes the first and last cut point and the same others for the same seed', () => {
    const a = sampledCuts('s')('x', 20);
    expect(a[0]).toBe(0);
    expect(a.at(-1)).toBe(20);
    expect(sampledCuts('s')('x', 20)).toEqual(a);
  });
});
