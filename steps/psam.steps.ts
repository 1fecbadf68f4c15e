/**
 * The PSAM's own commands (社会保障卡规范 part 9 §9, features/sscard/psam.feature): a PSAM of the COS under
 * test, card-sim's PSAM image with the profile's roots and the run's defects, takes the scenario's card
 * slot, so that the common steps send it commands and judge its status words. Only the simulator has one.
 */
import { Given } from '@cucumber/cucumber';
import { buildPsamImage, PSAM_TERMINAL_NUMBER } from '../card-sim/index.ts';
import { CardSession } from '../src/apdu/session.ts';
import { cardDefects } from '../src/run/catalogue.ts';
import { SimChannel } from '../src/transport/sim.ts';
import { Unobservable } from '../src/verdict/errors.ts';
import { dx } from '../src/verdict/messages.ts';
import type { CardWorld } from './world.ts';

Given('a PSAM of the COS under test', async function (this: CardWorld) {
  const target = this.profile.target;
  if (target.kind !== 'sim') throw new Unobservable(dx('psam.sim'));
  const keys = this.profile.keys;
  await this.channel?.close();
  this.channel = new SimChannel(buildPsamImage(keys?.sscardRoots ?? {}, PSAM_TERMINAL_NUMBER, keys?.medicalRoots ?? {}), {
    seed: `${this.profile.run?.seed ?? 'sscc'}:psam`,
    defects: cardDefects(target.defects ?? []),
  });
  this.session = new CardSession(this.channel);
  await this.channel.reset();
});
