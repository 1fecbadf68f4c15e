import { describe, expect, it } from 'vitest';
import { IMAGES, buildPsamImage, createCard } from '../../card-sim/index.ts';
import { CardSession } from '../apdu/session.ts';
import { SimChannel } from '../transport/sim.ts';
import { CardRecorder } from './card-replay.ts';
import { DefectProbe } from './defect-probe.ts';
import { DEFECTS } from './catalogue.ts';
import { simTearControl, sweep } from './tearing.ts';
import * as cases from './tearing-cases.ts';

/** A scenario's worth of card use on the clean card, recorded with the probe on. */
async function recorded(key: string, use: () => Promise<void>) {
  const probe = new DefectProbe(new Set(DEFECTS.map((d) => d.id)));
  const recorder = new CardRecorder();
  probe.start();
  recorder.start();
  let result: ReturnType<DefectProbe['stop']>;
  try {
    probe.enter(key);
    recorder.enter(key);
    await use();
  } finally {
    recorder.stop();
    result = probe.stop();
  }
  return { recorder, askedBy: (id: string) => result.askedBy.get(key)?.get(id) ?? new Set<object>() };
}

async function changePinSweep() {
  const card = createCard(IMAGES.reference as never, {});
  card.reset();
  const session = new CardSession(new SimChannel(card));
  const psam = new SimChannel(buildPsamImage({}), { seed: 'psam' });
  await psam.reset();
  const send = (apdu: Uint8Array) => session.send(apdu);
  const ctx: cases.TearContext = { send, psam: new CardSession(psam), atr: card.atr, pin: '123456', aid: Uint8Array.from([0xa0, 0, 0, 0x03, 0x33, 1, 1, 1]) };
  return sweep(simTearControl(card), send, [cases.ssChangePinCase(ctx, '135790')]);
}

describe('card replay (the defect proof keeps a clean verdict where the cards answer the same)', () => {
  it('a defect that changes what a card answers is seen; one whose switch is asked but changes nothing is not', async () => {
    const { recorder, askedBy } = await recorded('s:1', async () => {
      const session = new CardSession(new SimChannel(createCard(IMAGES.reference as never, {})));
      await session.send(Uint8Array.from([0x00, 0xa4, 0x04, 0x00, 0x08, 0xa0, 0, 0, 0x03, 0x33, 1, 1, 1]));
      await session.send(Uint8Array.from([0x00, 0x20, 0x00, 0x00, 0x03, 0x12, 0x34, 0x56]));
    });
    expect(recorder.shared).toBe(false);
    const asked = [...DEFECTS.map((d) => d.id)].filter((id) => askedBy(id).size > 0);
    expect(asked.length).toBeGreaterThan(0);
    const verdicts = new Map(asked.map((id) => [id, recorder.sameWith('s:1', id, askedBy(id))]));
    // Some asked defects change the answers here, some do not (a wrong-SW defect of another status).
    expect([...verdicts.values()]).toContain(false);
    expect([...verdicts.values()]).toContain(true);
  });

  it('an ATR defect changes a scenario that reads the ATR (a byte, its length, a copy), not one that only resets the card', async () => {
    const reads: Record<string, (atr: Uint8Array) => unknown> = {
      byte: (atr) => atr[1],
      length: (atr) => atr.length,
      copy: (atr) => atr.slice(),
      spread: (atr) => [...atr],
      none: () => undefined,
    };
    for (const [name, read] of Object.entries(reads)) {
      const key = `atr:${name}`;
      const { recorder, askedBy } = await recorded(key, async () => {
        const channel = new SimChannel(createCard(IMAGES.reference as never, {}));
        read(await channel.reset());
        // The promise of the reset resolved with the ATR: resolving asks for `then`, which is no read.
        await new CardSession(channel).send(Uint8Array.from([0x00, 0xa4, 0x00, 0x00, 0x02, 0x3f, 0x00]));
      });
      expect(askedBy('atr-tck-wrong').size, name).toBeGreaterThan(0);
      expect(recorder.sameWith(key, 'atr-tck-wrong', askedBy('atr-tck-wrong')), name).toBe(name === 'none');
    }
  });

  it('a tear sweep replayed with recovery skipped, or the ATC moved late, differs (NVM snapshots and tears are part of the record)', async () => {
    const { recorder, askedBy } = await recorded('s:2', async () => {
      const r = await changePinSweep();
      expect(r.failures).toEqual([]);
    });
    expect(askedBy('tear-recovery-skipped').size).toBeGreaterThan(0);
    expect(recorder.sameWith('s:2', 'tear-recovery-skipped', askedBy('tear-recovery-skipped'))).toBe(false);
  });

  it('a scenario whose card another scenario used, or a defect asked by something other than its cards, is never replayed', async () => {
    const probe = new DefectProbe(new Set(DEFECTS.map((d) => d.id)));
    const recorder = new CardRecorder();
    probe.start();
    recorder.start();
    let card: ReturnType<typeof createCard> | undefined;
    try {
      probe.enter('a');
      recorder.enter('a');
      card = createCard(IMAGES.reference as never, {});
      card.reset();
      probe.enter('b');
      recorder.enter('b');
      card.transmit(Uint8Array.from([0x00, 0xa4, 0x00, 0x00, 0x02, 0x3f, 0x00]));
    } finally {
      recorder.stop();
      probe.stop();
    }
    // Then the proof runs every defect's whole plan (defects.ts narrowable).
    expect(recorder.shared).toBe(true);
    expect(recorder.sameWith('a', 'sw-verify-6a88-as-6f00', new Set([{}]))).toBe(false);
    expect(recorder.sameWith('b', 'sw-verify-6a88-as-6f00', new Set([{}]))).toBe(false);
  });
});
