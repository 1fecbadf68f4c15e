/**
 * A prepared sample of the card under test (features/medical/counters.feature): the simulator's image of
 * the run's card with its medical account in a state no scenario can reach in a run (a sequence number at
 * FFFF, 65 535 transactions on). Only the simulator has one; `@needs:prepared-card` says so in the plan.
 */
import { Given } from '@cucumber/cucumber';
import { CardSession } from '../src/apdu/session.ts';
import { IMAGES, withMedicalAccount } from '../card-sim/index.ts';
import { cardDefects } from '../src/run/catalogue.ts';
import { SimChannel } from '../src/transport/sim.ts';
import { Unobservable } from '../src/verdict/errors.ts';
import { dx } from '../src/verdict/messages.ts';
import type { CardWorld } from './world.ts';

Given('a sample of the card whose medical purchase and load sequence numbers are at FFFF', async function (this: CardWorld) {
  const target = this.profile.target;
  if (target.kind !== 'sim') throw new Unobservable(dx('med.sequenceFfffSim'));
  const image = IMAGES[target.image];
  if (!image) throw new Error(`card-sim has no image ${target.image}`);
  await this.channel?.close();
  this.channel = new SimChannel(withMedicalAccount(image, { purchaseSeq: 0xffff, loadSeq: 0xffff }), {
    seed: `${this.profile.run?.seed ?? 'sscc'}:seq-max`,
    defects: cardDefects(target.defects ?? []),
  });
  this.session = new CardSession(this.channel);
  await this.channel.reset();
});
