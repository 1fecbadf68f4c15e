/** Steps of issuer scripts (JR/T 0025.5 §10, annex C.2) and of restoring the sample after them (steps/restore.steps.ts has the SSSE's). */
import { Given, Then, When } from '@cucumber/cucumber';
import { SW, notRefused, triesLeft } from '../src/apdu/sw.ts';
import { swHex } from '../src/apdu/response.ts';
import { fromHex } from '../src/bytes/hex.ts';
import { given } from '../src/pboc/under-test.ts';
import * as checks from '../src/pboc/checks.ts';
import * as pboc from '../src/pboc/commands.ts';
import { RestoreFailed } from '../src/verdict/errors.ts';
import * as iso from '../src/iso7816/commands.ts';
import { expectThat } from '../src/verdict/expect.ts';
import { dx } from '../src/verdict/messages.ts';
import { aid, issuer, issuerScript, profilePin } from './pboc-context.ts';
import type { CardWorld } from './world.ts';

// ---- scripts ----

When('the issuer sends the script command {word} with a right MAC', async function (this: CardWorld, header: string) {
  const [h, data] = header.split('+') as [string, string | undefined];
  await this.pboc.kernel.script(issuerScript(this, h, fromHex(data ?? '')));
});

When('the issuer sends the script command {word} with a wrong MAC', async function (this: CardWorld, header: string) {
  const [h, data] = header.split('+') as [string, string | undefined];
  await this.pboc.kernel.script(pboc.withBitFlipped(issuerScript(this, h, fromHex(data ?? ''))));
});

/** PIN CHANGE/UNBLOCK P2 02 / 01 with the new PIN enciphered (issuer.pinChange, JR/T 0025.5 B.10.3). */
async function pinChange(w: CardWorld, newPin: string, current?: string, wrongMac = false): Promise<void> {
  const apdu = w.pboc.pinChange(issuer(w, w.pboc.gac().iad), newPin, current);
  await w.pboc.kernel.script(wrongMac ? pboc.withBitFlipped(apdu) : apdu);
}

When('the issuer changes the offline PIN to {word} by script without the current PIN', async function (this: CardWorld, pin: string) {
  await pinChange(this, pin);
});

When('the issuer changes the offline PIN to {word} by script with the current PIN', async function (this: CardWorld, pin: string) {
  await pinChange(this, pin, profilePin(this));
});

When('the issuer changes the offline PIN to {word} by script without the current PIN and with a wrong MAC', async function (this: CardWorld, pin: string) {
  await pinChange(this, pin, undefined, true);
});

When(
  'the issuer changes the offline PIN to {word} by script with a current PIN that differs in its first digit',
  async function (this: CardWorld, pin: string) {
    const current = profilePin(this);
    await pinChange(this, pin, String((Number(current[0]) + 1) % 10) + current.slice(1));
  },
);

Then('the card refuses the command', function (this: CardWorld) {
  expectThat(!notRefused(this.last.sw), dx('card.answered', { sw: swHex(this.last.sw) }));
});

async function verifies(w: CardWorld, pin: string, expected: boolean): Promise<void> {
  const r = await w.pboc.kernel.verifyPin(pin);
  if (expected) expectThat(r.sw === SW.NO_ERROR, dx('pin.verifyAnswered', { pin, sw: swHex(r.sw) }));
  else
    expectThat(
      triesLeft(r.sw) !== undefined || r.sw === SW.AUTHENTICATION_METHOD_BLOCKED || r.sw === SW.REFERENCE_DATA_NOT_USABLE,
      dx('pin.verifyNotRefused', { pin, sw: swHex(r.sw) }),
    );
}

Then('the offline PIN {word} verifies', async function (this: CardWorld, pin: string) {
  await verifies(this, pin, true);
});

Then('the offline PIN {word} is refused', async function (this: CardWorld, pin: string) {
  await verifies(this, pin, false);
});

Then('the offline PIN of the profile verifies', async function (this: CardWorld) {
  await verifies(this, profilePin(this), true);
});

Then('the offline PIN of the profile is refused', async function (this: CardWorld) {
  await verifies(this, profilePin(this), false);
});

When('the issuer loads the EC balance with {int} more than the balance limit allows', async function (this: CardWorld, more: number) {
  const limit = await this.pboc.number('9F77');
  this.pboc.ecBalanceBefore = await this.pboc.number('9F79');
  await this.pboc.kernel.script(issuerScript(this, pboc.SCRIPT_HEADER.putData('9F79'), fromHex(checks.n12(limit + more))));
});

Then('the EC balance is unchanged', async function (this: CardWorld) {
  const v = await this.pboc.number('9F79');
  expectThat(
    v === given(this.pboc.ecBalanceBefore, 'EC balance before'),
    dx('ec.balanceChanged', { before: given(this.pboc.ecBalanceBefore, 'EC balance before'), after: v }),
  );
});

Given('the terminal remembers the EC balance', async function (this: CardWorld) {
  this.pboc.ecBalanceBefore = await this.pboc.number('9F79');
});

Then('GET DATA {word} gives {int}', async function (this: CardWorld, tag: string, n: number) {
  const v = await this.pboc.number(tag);
  expectThat(v === n, dx('data.isExpected', { tag, v, n }));
});

Then('a new transaction asking for ARQC gets AAC', async function (this: CardWorld) {
  await this.pboc.selectAndRead(aid(this));
  const g = await this.pboc.firstGac('ARQC');
  expectThat(g.type === 'AAC', dx('script.blockedAnswered', { type: g.type }));
});

Then('a new transaction asking for ARQC gets ARQC', async function (this: CardWorld) {
  await this.pboc.selectAndRead(aid(this));
  const g = await this.pboc.firstGac('ARQC');
  expectThat(g.type === 'ARQC', dx('script.unblockedAnswered', { type: g.type }));
});

// ---- restoring the sample (steps/restore.steps.ts has the SSSE's) ----

Then('the sample is restored: the right offline PIN resets the PIN try counter', async function (this: CardWorld) {
  const r = await this.pboc.kernel.verifyPin(profilePin(this));
  if (r.sw !== SW.NO_ERROR) throw new RestoreFailed(dx('restore.offlinePinCounter'), dx('restore.profilePinVerify', { sw: swHex(r.sw) }));
});

Then("the sample is restored: the issuer unblocks the offline PIN by script and the profile's PIN verifies", async function (this: CardWorld) {
  await this.pboc.selectAndRead(aid(this));
  const g = await this.pboc.firstGac('ARQC');
  if (g.type !== 'ARQC') throw new RestoreFailed(dx('restore.offlinePin'), dx('restore.arqcForScript', { what: 'PIN UNBLOCK', type: g.type }));
  const k = this.pboc.kernel;
  const r = await k.script(issuerScript(this, pboc.SCRIPT_HEADER.PIN_UNBLOCK));
  if (r.sw !== SW.NO_ERROR) throw new RestoreFailed(dx('restore.offlinePin'), dx('restore.scriptStaysBlocked', { command: 'PIN UNBLOCK', sw: swHex(r.sw) }));
  const v = await k.verifyPin(profilePin(this));
  if (v.sw !== SW.NO_ERROR) throw new RestoreFailed(dx('restore.offlinePin'), dx('restore.pinAfterUnblock', { sw: swHex(v.sw) }));
});

Then('the sample is restored: the issuer unblocks the debit application', async function (this: CardWorld) {
  await this.pboc.selectAndRead(aid(this));
  await this.pboc.firstGac('ARQC');
  const r = await this.pboc.kernel.script(issuerScript(this, pboc.SCRIPT_HEADER.APPLICATION_UNBLOCK));
  if (r.sw !== SW.NO_ERROR)
    throw new RestoreFailed(dx('restore.debitApplication'), dx('restore.scriptStaysBlocked', { command: 'APPLICATION UNBLOCK', sw: swHex(r.sw) }));
  const s = await this.send(iso.selectByName(aid(this)));
  if (s.sw !== SW.NO_ERROR) throw new RestoreFailed(dx('restore.debitApplication'), dx('restore.selectAfterUnblock', { sw: swHex(s.sw) }));
});

Given('the terminal keeps the EC balance and limits to restore them', async function (this: CardWorld) {
  const kept: Record<string, number> = {};
  for (const tag of pboc.EC_SCRIPT_OBJECTS) kept[tag] = await this.pboc.number(tag);
  this.pboc.ecKept = kept;
});

Then('the sample is restored: the issuer puts the EC balance and limits back by script', async function (this: CardWorld) {
  const kept = given(this.pboc.ecKept, 'EC values kept');
  await this.pboc.selectAndRead(aid(this));
  const g = await this.pboc.firstGac('ARQC');
  if (g.type !== 'ARQC') throw new RestoreFailed(dx('restore.ecValues'), dx('restore.arqcForScript', { what: dx('restore.theScripts'), type: g.type }));
  for (const tag of pboc.EC_SCRIPT_OBJECTS) {
    if ((await this.pboc.number(tag)) === kept[tag]) continue;
    const r = await this.pboc.kernel.script(issuerScript(this, pboc.SCRIPT_HEADER.putData(tag), fromHex(checks.n12(kept[tag] as number))));
    if (r.sw !== SW.NO_ERROR) throw new RestoreFailed(dx('restore.ecObject', { tag }), dx('restore.scriptAnswered', { command: 'PUT DATA', sw: swHex(r.sw) }));
    const now = await this.pboc.number(tag);
    if (now !== kept[tag]) throw new RestoreFailed(dx('restore.ecObject', { tag }), dx('restore.readsWas', { now, was: kept[tag] as number }));
  }
});

Then("the sample is restored: the issuer changes the offline PIN back to the profile's by script", async function (this: CardWorld) {
  await this.pboc.selectAndRead(aid(this));
  const g = await this.pboc.firstGac('ARQC');
  if (g.type !== 'ARQC') throw new RestoreFailed(dx('restore.offlinePin'), dx('restore.arqcForScript', { what: dx('restore.theScript'), type: g.type }));
  await pinChange(this, profilePin(this));
  if (this.last.sw !== SW.NO_ERROR)
    throw new RestoreFailed(dx('restore.offlinePin'), dx('restore.scriptAnswered', { command: 'PIN CHANGE', sw: swHex(this.last.sw) }));
  const r = await this.pboc.kernel.verifyPin(profilePin(this));
  if (r.sw !== SW.NO_ERROR) throw new RestoreFailed(dx('restore.offlinePin'), dx('restore.profilePinAnswers', { sw: swHex(r.sw) }));
});

Then('the debit application no longer answers GET PROCESSING OPTIONS', async function (this: CardWorld) {
  const k = this.pboc.fresh();
  const s = await k.selectApplication(aid(this));
  if (s.sw === SW.FUNCTION_NOT_SUPPORTED) return;
  const r = await k.gpo();
  expectThat(r.sw === SW.FUNCTION_NOT_SUPPORTED, dx('script.afterCardBlock', { select: swHex(s.sw), gpo: swHex(r.sw) }));
});

When('the issuer sends a script command before any GENERATE AC', async function (this: CardWorld) {
  await this.send(pboc.scriptCommand(pboc.SCRIPT_HEADER.APPLICATION_BLOCK, fromHex('01020304'))); // a MAC of no cryptogram
});
