/**
 * Steps of the card life cycle (features/lifecycle) beyond the PBOC ones (steps/pboc.steps.ts drives the
 * transactions and the issuer's scripts): how a blocked application answers SELECT.
 */
import { Then } from '@cucumber/cucumber';
import { fromHex } from '../src/bytes/hex.ts';
import * as iso from '../src/iso7816/commands.ts';
import { expectSw } from '../src/verdict/expect.ts';
import type { CardWorld } from './world.ts';

const DEBIT_AID = 'A000000333010101';

Then('the debit application answers SELECT with {sw}', async function (this: CardWorld, sw: number) {
  const aid = this.profile.keys?.pboc?.aid?.replace(/\s/g, '') ?? DEBIT_AID;
  expectSw((await this.send(iso.selectByName(fromHex(aid)))).sw, sw);
});
