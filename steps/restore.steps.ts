/**
 * Restore steps: a scenario that changes the card's persistent state puts it back by the spec's own means
 * with the profile's test keys, and checks that the restore worked (a real sample keeps its state between
 * scenarios). A restore that does not take is a RestoreFailed: FAIL, saying what the sample is left with.
 */
import { Given, Then } from '@cucumber/cucumber';
import { SW } from '../src/apdu/sw.ts';
import { swHex } from '../src/apdu/response.ts';
import { equal, toHex } from '../src/bytes/hex.ts';
import * as iso from '../src/iso7816/commands.ts';
import { SFI } from '../src/sscard/terminal.ts';
import { SS_PIN_REF, pinBlock } from './card-helpers.ts';
import type { KeyName } from '../src/sscard/keys.ts';
import { RestoreFailed } from '../src/verdict/errors.ts';
import { given } from '../src/verdict/expect.ts';
import { type Diagnosis, dx } from '../src/verdict/messages.ts';
import { terminal } from './sscard.steps.ts';
import type { CardWorld } from './world.ts';

function restored(what: string | Diagnosis, ok: boolean, detail: Diagnosis): void {
  if (!ok) throw new RestoreFailed(what, detail);
}

Then('the sample is restored: the correct PIN resets the SSSE PIN try counter', async function (this: CardWorld) {
  const t = await terminal(this);
  await t.selectSsse();
  const r = await this.send(iso.verify(SS_PIN_REF, pinBlock(this.profile.keys?.pin ?? '')));
  restored(dx('restore.ssPinCounter'), r.sw === SW.NO_ERROR, dx('restore.profilePinVerify', { sw: swHex(r.sw) }));
});

Then('the sample is restored: the PIN is unblocked through the PUK and the correct PIN verifies', async function (this: CardWorld) {
  const t = await terminal(this);
  await t.selectSsse();
  const u = await t.unblockPin();
  restored(dx('restore.ssPin'), u.sw === SW.NO_ERROR, dx('restore.pinUnblockPuk', { sw: swHex(u.sw) }));
  const r = await this.send(iso.verify(SS_PIN_REF, pinBlock(this.profile.keys?.pin ?? '')));
  restored(dx('restore.ssPin'), r.sw === SW.NO_ERROR, dx('restore.verifyAfterUnblock', { sw: swHex(r.sw) }));
});

Then('the sample is restored: a good EXTERNAL AUTHENTICATE with {sskey} resets its try counter', async function (this: CardWorld, key: KeyName) {
  const t = await terminal(this);
  await t.selectSsse();
  const r = await t.externalAuthenticate(key);
  restored(dx('restore.keyCounter', { key }), r.sw === SW.NO_ERROR, dx('cmd.answered', { command: 'EXTERNAL AUTHENTICATE', sw: swHex(r.sw) }));
});

Then('the sample is restored: item 02 of the SSSE is written back with a MAC under UK SSSE', async function (this: CardWorld) {
  const t = await terminal(this);
  const original = given(this.ss.original, 'original value');
  const w = await t.writeRecordWithMac('UK', SFI.EF05, Uint8Array.from([0x02, original.length, ...original]));
  restored(dx('restore.item02'), w.sw === SW.NO_ERROR, dx('restore.withMac', { command: 'UPDATE RECORD', sw: swHex(w.sw) }));
  const now = await t.item(SFI.EF05, 0x02);
  restored(dx('restore.item02'), equal(now, original), dx('restore.readsWas', { now: toHex(now), was: toHex(original) }));
});

Given('the terminal keeps the first {int} bytes of EF07 to restore them', async function (this: CardWorld, n: number) {
  const t = await terminal(this);
  await t.selectSsse();
  await t.externalAuthenticate('RK');
  const r = await this.send(iso.readBinarySfi(SFI.EF07, 0, n));
  if (r.sw !== SW.NO_ERROR) throw new RestoreFailed('EF07', dx('restore.notReadable', { command: 'READ BINARY', sw: swHex(r.sw) }));
  this.ss.originalEf07 = r.data;
});

Then('the sample is restored: EF07 is written back with a MAC under UK SSSE', async function (this: CardWorld) {
  const t = await terminal(this);
  const original = given(this.ss.originalEf07, 'original EF07');
  await t.selectSsse();
  const w = await this.send(await t.macCommand('UK', 0x04, 0xd6, 0x80 | SFI.EF07, 0, original));
  restored('EF07', w.sw === SW.NO_ERROR, dx('restore.withMac', { command: 'UPDATE BINARY', sw: swHex(w.sw) }));
  await t.externalAuthenticate('RK');
  const r = await this.send(iso.readBinarySfi(SFI.EF07, 0, original.length));
  restored('EF07', equal(r.data, original), dx('restore.readsWas', { now: toHex(r.data), was: toHex(original) }));
});

Given('the terminal keeps the DF04 business record to restore it', async function (this: CardWorld) {
  const r = await this.send(iso.readRecord(0x60, 0x0c, iso.RECORD_MODE.FIRST_ID, 256));
  if (r.sw !== SW.NO_ERROR) throw new RestoreFailed(dx('restore.df04Record'), dx('restore.notReadable', { command: 'READ RECORD', sw: swHex(r.sw) }));
  this.ss.originalRecord = r.data;
});

Then('the sample is restored: the DF04 business record is written back with a MAC under UK1', async function (this: CardWorld) {
  const t = await terminal(this);
  const original = given(this.ss.originalRecord, 'original record');
  const w = await t.writeRecordWithMac('UK1', 0x0c, original);
  restored(dx('restore.df04Record'), w.sw === SW.NO_ERROR, dx('restore.withMac', { command: 'UPDATE RECORD', sw: swHex(w.sw) }));
  const r = await this.send(iso.readRecord(0x60, 0x0c, iso.RECORD_MODE.FIRST_ID, 256));
  restored(dx('restore.df04Record'), equal(r.data, original), dx('restore.readsWas', { now: toHex(r.data), was: toHex(original) }));
});
