/**
 * Steps of the card level (features/dual-app): the two environments, the firewall between them and
 * the master keys. Thin: the card-management flows live in src/personalisation.
 */
import { Given, Then, When, defineParameterType } from '@cucumber/cucumber';
import { SW, SW1, verificationFailed } from '../src/apdu/sw.ts';
import { equal, toHex } from '../src/bytes/hex.ts';
import * as iso from '../src/iso7816/commands.ts';
import {
  type CardManagement as Management,
  CardManagement,
  ENVIRONMENT_NAMES,
  WRITTEN_KEY_TRY_LIMIT,
  authenticateKey,
  personalise,
} from '../src/personalisation/management.ts';
import type { MasterKeyName } from '../src/personalisation/keys.ts';
import { CARD_MANAGEMENT_INS, WRITE_KEY_P1 } from '../src/personalisation/commands.ts';
import { command } from '../src/apdu/command.ts';
import { buildTlv } from '../src/tlv/ber.ts';
import { dfNameBytes } from '../src/profile/profile.ts';
import { requireFci } from '../src/iso7816/fci.ts';
import { CardSession } from '../src/apdu/session.ts';
import { SimChannel } from '../src/transport/sim.ts';
import { IMAGES } from '../card-sim/index.ts';
import { cardDefects } from '../src/run/catalogue.ts';
import { NonConformance, Unobservable } from '../src/verdict/errors.ts';
import { expectBytes, expectSw, expectSw1, expectThat, swText, given } from '../src/verdict/expect.ts';
import { dx } from '../src/verdict/messages.ts';
import { fciDfName, selectDf } from './card-helpers.ts';
import type { EfObject } from './parameters.ts';
import type { CardWorld } from './world.ts';

const MKEYS: Record<string, MasterKeyName> = { card: 'card', SSSE: 'ssse', PSE: 'pse', transport: 'transport' };
defineParameterType({ name: 'mkey', regexp: /card|SSSE|PSE|transport/, transformer: (s: string): MasterKeyName => MKEYS[s] as MasterKeyName });

function management(world: CardWorld): Management {
  const have = world.cardLevel.management;
  if (have) return have;
  const algorithm = world.profile.ics.algorithms.includes('3DES') ? '3DES' : 'SM4';
  const keys = world.profile.keys?.masterKeys;
  world.cardLevel.management = new CardManagement((c) => world.send(c), { algorithm, ...(keys ? { keys } : {}) });
  return world.cardLevel.management;
}

// ---- Given --------------------------------------------------------------------------------------

Given('the MF is selected', async function (this: CardWorld) {
  expectSw((await this.send(iso.selectByFid(0x3f00))).sw, SW.NO_ERROR);
});

Given('the PSE is selected', async function (this: CardWorld) {
  await selectDf(this, this.objects.pse);
});

Given('the terminal knows the directory SFI of the PSE and its first record', async function (this: CardWorld) {
  const r = await this.send(iso.selectByName(dfNameBytes(this.objects.pse)));
  expectSw(r.sw, SW.NO_ERROR);
  const sfi = requireFci(r.data, 'PSE FCI').sfi;
  if (sfi === undefined) throw new NonConformance(dx('dual.pseNoSfi'));
  const rec = await this.send(iso.readRecord(1, sfi, iso.RECORD_MODE.NUMBER, 256));
  expectSw(rec.sw, SW.NO_ERROR);
  this.cardLevel.pseSfi = sfi;
  this.cardLevel.pseRecord = rec.data;
});

/** A second card of the same COS, straight from activation: card-sim's blank image with the run's defects. */
async function blankCard(world: CardWorld, image: 'blank' | 'blank-sm4'): Promise<void> {
  const target = world.profile.target;
  if (target.kind !== 'sim') throw new Unobservable(dx('dual.blankSim'));
  const blank = IMAGES[image];
  if (!blank) throw new Error(`card-sim has no ${image} image`);
  await world.channel?.close();
  world.channel = new SimChannel(blank, { seed: `${world.profile.run?.seed ?? 'sscc'}:blank`, defects: cardDefects(target.defects ?? []) });
  world.session = new CardSession(world.channel);
  await world.channel.reset();
}

Given('a blank card of the COS under test', async function (this: CardWorld) {
  await blankCard(this, 'blank');
});

/** The blank card of the COS with SM4 card management: the terminal's management commands use SM4 too. */
Given('a blank card of the COS under test with SM4 card management', async function (this: CardWorld) {
  await blankCard(this, 'blank-sm4');
  const keys = this.profile.keys?.masterKeys;
  this.cardLevel.management = new CardManagement((c) => this.send(c), { algorithm: 'SM4', ...(keys ? { keys } : {}) });
});

// ---- When ---------------------------------------------------------------------------------------

When('the terminal selects the PSE by its name', async function (this: CardWorld) {
  await this.send(iso.selectByName(dfNameBytes(this.objects.pse)));
});

When('the terminal reads record 1 by the directory SFI of the PSE', async function (this: CardWorld) {
  await this.send(iso.readRecord(1, given(this.cardLevel.pseSfi, 'PSE directory SFI'), iso.RECORD_MODE.NUMBER, 256));
});

When('the terminal selects the {ef} by its file identifier with P1 00', async function (this: CardWorld, ef: EfObject) {
  await this.send(iso.selectByFid(parseInt(this.objects[ef].fid, 16)));
});

When('the terminal authenticates with the {mkey} master key', async function (this: CardWorld, k: MasterKeyName) {
  const m = management(this);
  await m.authenticate(m.key(k));
});

When('the terminal replaces the master key of the current DF under the {mkey} master key', async function (this: CardWorld, k: MasterKeyName) {
  const m = management(this);
  await m.replaceMasterKey(m.key(k), (this.cardLevel.newMasterKey = m.newKey()));
});

When('the terminal loads key {int} into the current DF under the {mkey} master key', async function (this: CardWorld, id: number, k: MasterKeyName) {
  const m = management(this);
  const key = m.newKey();
  this.cardLevel.loadedKeys.set(id, key);
  await m.writeKey(m.key(k), 0x00, id, key);
});

When(
  'the terminal loads key {int} into the current DF under the {mkey} master key with a key block naming key {int}',
  async function (this: CardWorld, id: number, k: MasterKeyName, other: number) {
    const m = management(this);
    await m.writeKey(m.key(k), 0x00, id, m.newKey(), { blockId: other });
  },
);

When(
  'the terminal loads key {int} of {int} bytes into the current DF under the {mkey} master key',
  async function (this: CardWorld, id: number, n: number, k: MasterKeyName) {
    const m = management(this);
    await m.writeKey(m.key(k), 0x00, id, m.newKey().subarray(0, n));
  },
);

When('the terminal creates a DF named {string} in the current DF', async function (this: CardWorld, name: string) {
  await management(this).createDf(dfNameBytes(name));
});

When('the terminal creates a DF named {string} with file identifier {word} in the current DF', async function (this: CardWorld, name: string, fid: string) {
  await management(this).createDf(dfNameBytes(name), parseInt(fid, 16));
});

When('the terminal loads the master key of the current DF under the {mkey} master key', async function (this: CardWorld, k: MasterKeyName) {
  const m = management(this);
  await m.loadMasterKey(m.key(k), (this.cardLevel.newMasterKey = m.newKey()));
});

When('the terminal replaces key {int} of the current DF under the {mkey} master key', async function (this: CardWorld, id: number, k: MasterKeyName) {
  const m = management(this);
  const key = m.newKey();
  this.cardLevel.loadedKeys.set(id, key);
  await m.writeKey(m.key(k), WRITE_KEY_P1.REPLACE, id, key);
});

/** A key of the card level, for the firewall: a COS that keeps no key but the card master key in the MF leaves nothing to try. */
When('the card master key loads key {int} into the MF', async function (this: CardWorld, id: number) {
  const m = management(this);
  expectSw((await m.selectMf()).sw, SW.NO_ERROR);
  const key = m.newKey();
  this.cardLevel.loadedKeys.set(id, key);
  const sw = (await m.writeKey(m.key('card'), WRITE_KEY_P1.LOAD, id, key)).sw;
  const before = this.cardLevel.mfKeysLoaded ?? 0;
  // The first key: a COS may keep none but the card master key in the MF. A second: only a key file sized for
  // one (6A84, not enough memory) excuses a refusal, as DA-EMK-003 accepts in the SSSE.
  if (sw !== SW.NO_ERROR && before === 0) throw new Unobservable(dx('dual.noMfKey', { id, sw: swText(sw) }));
  if (sw === SW.NOT_ENOUGH_MEMORY) throw new Unobservable(dx('dual.mfKeyFileFull', { id }));
  expectSw(sw, SW.NO_ERROR);
  this.cardLevel.mfKeysLoaded = before + 1;
});

When('the terminal authenticates with key {int} in the current DF', async function (this: CardWorld, id: number) {
  const m = management(this);
  await authenticateKey(m, (c) => this.send(c), id, given(this.cardLevel.loadedKeys.get(id), `loaded key ${id}`));
});

When('the terminal creates a DF without a DF name in the current DF', async function (this: CardWorld) {
  // FCP 62 { 82 01 38 }: the descriptor of a DF, no 84 (docs/dual-app.md).
  await this.send(command(0x80, CARD_MANAGEMENT_INS.CREATE_FILE, 0x00, 0x00, buildTlv('62', [buildTlv('82', Uint8Array.of(0x38))])));
});

When('the terminal creates the SSSE again in the current DF', async function (this: CardWorld) {
  await management(this).createDf(ENVIRONMENT_NAMES.ssse);
});

When('the terminal creates the SSSE in the current DF', async function (this: CardWorld) {
  await management(this).createDf(ENVIRONMENT_NAMES.ssse);
});

When('the bureau personalises the card: SSSE first, then PSE', async function (this: CardWorld) {
  this.cardLevel.personalisation = await personalise(management(this));
});

// ---- Then ---------------------------------------------------------------------------------------

Then('the response is an FCI whose DF name is the PSE name', function (this: CardWorld) {
  expectSw(this.last.sw, SW.NO_ERROR);
  expectBytes(fciDfName(this.last.data), dfNameBytes(this.objects.pse), { en: 'DF name (84) in the FCI', zh: 'FCI 中的 DF 名称 (84)' });
});

Then('the card does not return the directory record of the PSE', function (this: CardWorld) {
  const r = this.last;
  if (r.sw === SW.NO_ERROR && equal(r.data, given(this.cardLevel.pseRecord, 'PSE record'))) {
    throw new NonConformance(dx('dual.firewallLeak', { data: toHex(r.data) }));
  }
});

Then('the card refuses the key: 6982 or 6988', function (this: CardWorld) {
  const sw = this.last.sw;
  expectThat(sw === SW.SECURITY_STATUS_NOT_SATISFIED || sw === SW.SM_DATA_OBJECTS_INCORRECT, dx('dual.expected6982or6988', { sw: swText(sw) }));
});

Then('the {mkey} master key still authenticates in the current DF', async function (this: CardWorld, k: MasterKeyName) {
  const m = management(this);
  expectSw((await m.authenticate(m.key(k))).sw, SW.NO_ERROR);
});

Then('the {mkey} master key no longer authenticates in the current DF', async function (this: CardWorld, k: MasterKeyName) {
  const m = management(this);
  const sw = (await m.authenticate(m.key(k))).sw;
  // The key written in its place has the try limit the terminal gave it, all left after its own
  // authentication: one failure leaves one fewer (part 5 §6.4 table 15, 63Cx: x the tries left).
  if (this.cardLevel.newMasterKey) return expectSw(sw, verificationFailed(WRITTEN_KEY_TRY_LIMIT - 1));
  expectSw1(sw, SW1.WARNING_CHANGED, {
    en: `EXTERNAL AUTHENTICATE with the old ${k} key must fail (63Cx)`,
    zh: `用旧的 ${k} 密钥进行的 EXTERNAL AUTHENTICATE 应失败 (63Cx)`,
  });
});

Then('the new master key authenticates in the current DF', async function (this: CardWorld) {
  expectSw((await management(this).authenticate(given(this.cardLevel.newMasterKey, 'new master key'))).sw, SW.NO_ERROR);
});

Then('a wrong EXTERNAL AUTHENTICATE with key {int} answers 63Cx with one try fewer than it was loaded with', async function (this: CardWorld, id: number) {
  const m = management(this);
  // The try limit is the one the terminal wrote in the key block (docs/dual-app.md); 63Cx: x the tries left (part 5 table 15).
  expectSw((await authenticateKey(m, (c) => this.send(c), id, m.newKey())).sw, verificationFailed(WRITTEN_KEY_TRY_LIMIT - 1));
});

Then('key {int} authenticates in the current DF', async function (this: CardWorld, id: number) {
  const m = management(this);
  expectSw((await authenticateKey(m, (c) => this.send(c), id, given(this.cardLevel.loadedKeys.get(id), `loaded key ${id}`))).sw, SW.NO_ERROR);
});

Then('every personalisation step answered 9000', function (this: CardWorld) {
  const steps = given(this.cardLevel.personalisation, 'personalisation');
  const bad = steps.filter((s) => s.response.sw !== SW.NO_ERROR).map((s) => `${s.step}: ${swText(s.response.sw)}`);
  expectThat(bad.length === 0, dx('dual.personalisationRefused', { bad: bad.join('; ') }));
});

Then('the {mkey} master key authenticates in its environment', async function (this: CardWorld, k: MasterKeyName) {
  const m = management(this);
  if (k !== 'ssse' && k !== 'pse') throw new Error(`${k} is not an environment`);
  const r = await m.selectEnvironment(k);
  expectSw(r.sw, SW.NO_ERROR);
  expectBytes(fciDfName(r.data), ENVIRONMENT_NAMES[k], { en: 'DF name (84) in the FCI', zh: 'FCI 中的 DF 名称 (84)' });
  expectSw((await m.authenticate(m.key(k))).sw, SW.NO_ERROR);
});
