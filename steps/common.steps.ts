/**
 * Steps any area may use: raw commands, status words, response data, the T=0 procedure by hand.
 * Area steps live in <area>.steps.ts; shared glue in card-helpers.ts.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { encodeCommand, parseCommand } from '../src/apdu/command.ts';
import { SW, SW1 } from '../src/apdu/sw.ts';
import { fromHex, toHex } from '../src/bytes/hex.ts';
import { AtrError, parseAtr } from '../src/iso7816/atr.ts';
import { NonConformance } from '../src/verdict/errors.ts';
import { expectBytes, expectSw, expectSw1, expectThat, given } from '../src/verdict/expect.ts';
import type { CardWorld } from './world.ts';
import { dx } from '../src/verdict/messages.ts';

Given('the card has been reset', async function (this: CardWorld) {
  await this.card.channel.reset();
});

When('the terminal sends {string}', async function (this: CardWorld, hex: string) {
  await this.send(hex);
});

When('the terminal sends {string} without T=0 handling', async function (this: CardWorld, hex: string) {
  await this.send(hex, { raw: true });
});

When('the terminal resends that command with Le set to the length the card gave', async function (this: CardWorld) {
  const le = given(this.iso.exactLength, 'exact length (6Cxx)');
  const first = this.card.trace.entries.at(-1);
  if (!first) throw new Error('no command to resend');
  const cmd = parseCommand(fromHex(first.command));
  await this.send(encodeCommand({ ...cmd, ne: le || 256 }), { raw: true });
});

Then('the status word is {sw}', function (this: CardWorld, sw: number) {
  expectSw(this.last.sw, sw);
});

Then('the status word is {sw} or {sw}', function (this: CardWorld, a: number, b: number) {
  expectSw(this.last.sw, a, b);
});

Then('the response data is empty', function (this: CardWorld) {
  expectBytes(this.last.data, new Uint8Array(0), { en: 'response data', zh: '响应数据' });
});

Then('the response data is {int} bytes long', function (this: CardWorld, n: number) {
  expectThat(this.last.data.length === n, dx('data.length', { expected: n, actual: this.last.data.length }));
});

Then('the ATR equals the expected ATR of the profile', function (this: CardWorld) {
  expectBytes(this.card.channel.atr, fromHex(this.profile.product.expectedAtr ?? ''), { en: 'ATR', zh: 'ATR' });
});

Then('the card answers 6Cxx with the exact length', function (this: CardWorld) {
  this.iso.exactLength = expectSw1(this.last.sw, SW1.WRONG_LE, { en: 'wrong Le with the exact length', zh: 'Le 错误并给出确切长度' });
});

Then('the card answers 61xx with the length available', function (this: CardWorld) {
  this.iso.availableLength = expectSw1(this.last.sw, SW1.MORE_DATA, { en: 'response bytes available', zh: '还有响应数据可取' });
});

Then('the response data is as long as the card said', function (this: CardWorld) {
  expectSw(this.last.sw, SW.NO_ERROR);
  const said = this.iso.exactLength ?? this.iso.availableLength;
  const n = (said as number) || 256;
  expectThat(this.last.data.length === n, dx('data.lengthAnnounced', { expected: n, actual: this.last.data.length }));
});

Then('the ATR is well formed', function (this: CardWorld) {
  const atr = this.card.channel.atr;
  try {
    const parsed = parseAtr(atr);
    expectThat(parsed.tckValid, dx('atr.tck', { atr: toHex(atr, ' ') }));
  } catch (e) {
    if (e instanceof AtrError) throw new NonConformance(dx('atr.malformed', { atr: toHex(atr, ' '), detail: e.diagnosis }));
    throw e;
  }
});
