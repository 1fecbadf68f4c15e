/**
 * Steps of the card life cycle (features/lifecycle): loss report and unreport by issuer script,
 * cancellation, block persistence. Thin: the flows are src/pboc/kernel.ts and the SS terminal's.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { SW } from '../src/apdu/sw.ts';
import { fromHex, toHex } from '../src/bytes/hex.ts';
import { TEST_IMK_MAC } from '../src/pboc/data.ts';
import { type GenerateAcResponse, parseGenerateAc } from '../src/pboc/kernel.ts';
import { NonConformance } from '../src/verdict/errors.ts';
import { expectSw } from '../src/verdict/expect.ts';
import { DEBIT_AID, pbocKernel } from './pboc-helpers.ts';
import type { CardWorld } from './world.ts';

function online(world: CardWorld): GenerateAcResponse {
  const ac = world.memory.get('ac 1') as GenerateAcResponse | undefined;
  if (!ac) throw new NonConformance('no GENERATE AC answer to go online with: the card gave no cryptogram');
  return ac;
}

async function script(world: CardWorld, ins: 0x1e | 0x18, corrupt = false): Promise<void> {
  const k = pbocKernel(world);
  const pan = k.cardData.get('5A');
  const psn = k.cardData.get('5F34');
  if (!pan) throw new NonConformance('the card gave no PAN (5A): the issuer cannot derive its key');
  await k.issuerScript(ins, fromHex(world.profile.keys?.pbocImkMac ?? TEST_IMK_MAC), toHex(pan).replace(/F+$/, ''), psn ? toHex(psn) : '00', online(world), { corrupt });
}

/** A new transaction on the same card: reset, forget what the last one read. */
async function newTransaction(world: CardWorld): Promise<void> {
  await world.card.channel.reset();
  world.memory.delete('pboc kernel');
  world.memory.delete('ac 1');
  world.memory.delete('ac 2');
}

When('the issuer answers with an APPLICATION BLOCK script', async function (this: CardWorld) {
  await script(this, 0x1e);
});

When('the issuer answers with an APPLICATION BLOCK script with a wrong MAC', async function (this: CardWorld) {
  await script(this, 0x1e, true);
});

When('the issuer answers with an APPLICATION UNBLOCK script', async function (this: CardWorld) {
  await script(this, 0x18);
});

When('the issuer answers with an APPLICATION UNBLOCK script with a wrong MAC', async function (this: CardWorld) {
  await script(this, 0x18, true);
});

When('the terminal sends an APPLICATION BLOCK script before any GENERATE AC', async function (this: CardWorld) {
  await this.send('84 1E 00 00 04 00 00 00 00');
});

Given('the issuer has blocked the debit application at an online transaction', async function (this: CardWorld) {
  const k = pbocKernel(this);
  await k.prepare(DEBIT_AID);
  const r = await k.generateAc('ARQC');
  expectSw(r.sw, SW.NO_ERROR);
  this.remember('ac 1', parseGenerateAc(r.data));
  await script(this, 0x1e);
  expectSw(this.last.sw, SW.NO_ERROR);
});

When('a new transaction starts', async function (this: CardWorld) {
  await newTransaction(this);
});

When('the terminal reads the debit application although it is blocked', async function (this: CardWorld) {
  const k = pbocKernel(this);
  const r = await k.selectAid(DEBIT_AID);
  if (r.sw !== SW.NO_ERROR && r.sw !== SW.WARNING_SELECTED_FILE_INVALIDATED) throw new NonConformance(`SELECT of the blocked application answered ${r.sw.toString(16).toUpperCase()}`);
  await k.must(k.gpo(), 'GET PROCESSING OPTIONS');
  await k.readAflRecords();
});

Then('the debit application answers SELECT with {sw}', async function (this: CardWorld, sw: number) {
  expectSw((await pbocKernel(this).selectAid(DEBIT_AID)).sw, sw);
});
