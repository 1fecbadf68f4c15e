/** Steps of electronic cash (JR/T 0025.13), the transaction log (JR/T 0025.5 §14.3) and the ATC. */
import { Given, Then, When } from '@cucumber/cucumber';
import { SW } from '../src/apdu/sw.ts';
import { swHex } from '../src/apdu/response.ts';
import { fromHex, toHex, toUint } from '../src/bytes/hex.ts';
import { given } from '../src/pboc/under-test.ts';
import * as checks from '../src/pboc/checks.ts';
import * as pboc from '../src/pboc/commands.ts';
import { NonConformance, Unobservable } from '../src/verdict/errors.ts';
import { expectThat } from '../src/verdict/expect.ts';
import { dx } from '../src/verdict/messages.ts';
import { aid, issuerScript } from './pboc-context.ts';
import type { CardWorld } from './world.ts';

// ---- EC ----

Then('the EC balance 9F79 is within the balance limit 9F77', async function (this: CardWorld) {
  const b = await this.pboc.number('9F79');
  const l = await this.pboc.number('9F77');
  expectThat(b <= l, dx('ec.aboveLimit', { b, l }));
});

Then('the EC balance went down by {int}', async function (this: CardWorld, n: number) {
  const v = await this.pboc.number('9F79');
  const before = given(this.pboc.ecBalanceBefore, 'EC balance before');
  expectThat(v === before - n, dx('ec.debited', { before, v, n }));
});

Given('the EC balance and single limit are known', async function (this: CardWorld) {
  await this.pboc.select(aid(this));
  this.pboc.ecBalanceBefore = await this.pboc.number('9F79');
  this.pboc.ecSingleLimit = await this.pboc.number('9F78');
});

When('the terminal asks for TC offline for an EC purchase of the balance plus {int}', async function (this: CardWorld, more: number) {
  const amount = given(this.pboc.ecBalanceBefore, 'EC balance before') + more;
  // Above the single limit too, the purchase would leave the EC path whether or not the balance is checked.
  if (amount > given(this.pboc.ecSingleLimit, 'EC single limit'))
    throw new Unobservable(dx('ec.plusAboveSingle', { more, amount, limit: given(this.pboc.ecSingleLimit, 'EC single limit') }));
  await this.pboc.selectAndRead(aid(this), true, amount);
  this.pboc.asked = 'TC';
  await this.pboc.firstGac('TC');
});

/**
 * JR/T 0025.13 §7.4.3: a purchase above the single limit but within the balance is the one that shows the
 * single limit is checked. If the balance is not above the single limit, the issuer lowers 9F78 to half the
 * balance by script (PUT DATA, as PB-SC-007) in an online transaction.
 */
Given('the EC single limit is below the EC balance, lowered by issuer script if need be', async function (this: CardWorld) {
  const balance = given(this.pboc.ecBalanceBefore, 'EC balance before');
  if (given(this.pboc.ecSingleLimit, 'EC single limit') < balance) return;
  if (balance < 2) throw new Unobservable(dx('ec.noSingleBelow', { balance }));
  await this.pboc.selectAndRead(aid(this));
  const g = await this.pboc.firstGac('ARQC');
  if (g.type !== 'ARQC') throw new NonConformance(dx('ec.arqcForScript', { type: g.type }));
  const single = Math.floor(balance / 2);
  const r = await this.pboc.kernel.script(issuerScript(this, pboc.SCRIPT_HEADER.putData('9F78'), fromHex(checks.n12(single))));
  if (r.sw !== SW.NO_ERROR) throw new NonConformance(dx('restore.scriptAnswered', { command: 'PUT DATA 9F78', sw: swHex(r.sw) }));
  this.pboc.ecSingleLimit = await this.pboc.number('9F78');
});

When('the terminal starts an EC purchase of the single limit plus {int}', async function (this: CardWorld, more: number) {
  const amount = given(this.pboc.ecSingleLimit, 'EC single limit') + more;
  // Above the balance too, the purchase would leave the EC path whether or not the single limit is checked.
  if (amount > given(this.pboc.ecBalanceBefore, 'EC balance before'))
    throw new Unobservable(dx('ec.singlePlusAboveBalance', { more, amount, balance: given(this.pboc.ecBalanceBefore, 'EC balance before') }));
  await this.pboc.selectAndRead(aid(this), true, amount);
});

Then('the card does not approve offline', function (this: CardWorld) {
  expectThat(this.pboc.gac().type !== 'TC', dx('ec.approvedOffline'));
});

// ---- log and ATC ----

Then('log record 1 holds the amount {int} and the ATC of the transaction in the 9F4F format', async function (this: CardWorld, amount: number) {
  const v = await this.pboc.logRecord(1);
  if (v['9F02']) expectThat(Number(toHex(v['9F02'])) === amount, dx('ec.logAmount', { amount: toHex(v['9F02']) }));
  if (v['9F36']) expectThat(toUint(v['9F36']) === this.pboc.gac().atc, dx('ec.logAtc', { log: toHex(v['9F36']), atc: this.pboc.gac().atc }));
});

When('the terminal notes the ATC', async function (this: CardWorld) {
  await this.pboc.select(aid(this));
  this.pboc.atcBefore = await this.pboc.number('9F36');
});

When('the terminal runs {int} transactions that end in AAC', async function (this: CardWorld, n: number) {
  const atcs: number[] = [];
  for (let i = 0; i < n; i++) {
    await this.pboc.selectAndRead(aid(this));
    atcs.push((await this.pboc.firstGac('AAC')).atc);
  }
  this.pboc.atcs = atcs;
});

Then('each transaction had an ATC one above the one before', function (this: CardWorld) {
  const atcs = [given(this.pboc.atcBefore, 'ATC before'), ...given(this.pboc.atcs, 'ATCs of the run')];
  for (let i = 1; i < atcs.length; i++) expectThat(atcs[i] === (atcs[i - 1] as number) + 1, dx('ec.atcs', { atcs: atcs.join(', ') }));
});

Then('after a reset GET DATA 9F36 still gives the last ATC', async function (this: CardWorld) {
  await this.card.channel.reset();
  const atcs = given(this.pboc.atcs, 'ATCs of the run');
  await this.pboc.select(aid(this));
  const v = await this.pboc.number('9F36');
  expectThat(v === atcs[atcs.length - 1], dx('ec.atcAfterReset', { v, last: atcs[atcs.length - 1] as number }));
});
