/**
 * Steps of the social security application (features/sscard). Thin: the terminal flows live in
 * src/sscard/terminal.ts, the data checks in src/sscard/data.ts, the PSAM is card-sim's PSAM image loaded
 * with the profile's root keys (keys.sscardRoots, default the test roots).
 */
import { Given, Then, When, defineParameterType } from '@cucumber/cucumber';
import { buildPsamImage } from '../card-sim/index.ts';
import type { CommandApdu } from '../src/apdu/command.ts';
import { command } from '../src/apdu/command.ts';
import { SW, SW1, triesLeft, verificationFailed } from '../src/apdu/sw.ts';
import { decodeCn } from '../src/bytes/bcd.ts';
import { equal, fromHex, toHex } from '../src/bytes/hex.ts';
import { decodeAn, encodeAn, encodeGbk } from '../src/bytes/text.ts';
import * as iso from '../src/iso7816/commands.ts';
import { ALGORITHM_ID } from '../src/sscard/crypto.ts';
import { SS_INS, changePin, pinCn } from '../src/sscard/commands.ts';
import * as data from '../src/sscard/data.ts';
import type { KeyName } from '../src/sscard/keys.ts';
import { SFI, SsTerminal, parseSsseFci } from '../src/sscard/terminal.ts';
import { CardSession } from '../src/apdu/session.ts';
import { SimChannel } from '../src/transport/sim.ts';
import { NonConformance, PreconditionNotMet } from '../src/verdict/errors.ts';
import { expectBytes, expectSw, expectSw1, expectThat, hexPreview, given } from '../src/verdict/expect.ts';
import { fciDfName, wrongPin } from './card-helpers.ts';
import type { CardWorld } from './world.ts';

const KEYS: Record<string, KeyName> = { 'RK SSSE': 'RK', 'UK SSSE': 'UK', PUK: 'PUK', STK: 'STK', BK: 'BK', UK1: 'UK1' };

defineParameterType({ name: 'sskey', regexp: /RK SSSE|UK SSSE|PUK|STK|BK|UK1/, transformer: (s: string): KeyName => KEYS[s] as KeyName });
defineParameterType({ name: 'item', regexp: /[0-9A-F]{2}/, transformer: (s: string): number => parseInt(s, 16) });

/** The scenario's terminal: the World is its card port; the PSAM runs in process. */
export async function terminal(world: CardWorld): Promise<SsTerminal> {
  const have = world.ss.terminal;
  if (have) return have;
  const psam = new SimChannel(buildPsamImage(world.profile.keys?.sscardRoots ?? {}), { seed: 'psam' });
  await psam.reset();
  // The card's identity for key diversification: the ATR the product declares, else the one it answered.
  const atr = world.profile.product.expectedAtr ? fromHex(world.profile.product.expectedAtr) : world.card.channel.atr;
  const t = new SsTerminal(world, new CardSession(psam), atr);
  t.level2Factor = world.profile.keys?.sscardLevel2Factor ?? 'part9';
  world.ss.terminal = t;
  return t;
}

const pinOf = (w: CardWorld) => w.profile.keys?.pin ?? '';
/** The 社会保障卡规范 version the card claims (the sscard area applies only to a card that claims one, src/plan/plan.ts). */
const version = (w: CardWorld) => {
  const v = w.profile.ics.sscardVersion;
  if (!v) throw new PreconditionNotMet('the profile claims no 社会保障卡规范 version (ics.sscardVersion)');
  return v;
};

function efOf(tag: number): number {
  const spec = data.itemSpec(tag);
  if (!spec) throw new Error(`no data item ${tag.toString(16)}`);
  return spec.ef === 'EF05' ? SFI.EF05 : SFI.EF06;
}

/** Read the items the scenarios relate (EF05 and EF06), with RK SSSE first on 3.0. */
async function items(world: CardWorld): Promise<Map<number, Uint8Array>> {
  const have = world.ss.items;
  if (have) return have;
  const t = await terminal(world);
  await t.selectSsse();
  if (version(world) === '3.0') expectSw((await t.externalAuthenticate('RK')).sw, SW.NO_ERROR);
  const out = new Map<number, Uint8Array>();
  for (const spec of data.ITEMS) {
    if (spec.versions && !spec.versions.includes(version(world))) continue;
    out.set(spec.tag, await t.item(efOf(spec.tag), spec.tag));
  }
  world.ss.items = out;
  return out;
}

function item(m: Map<number, Uint8Array>, tag: number): Uint8Array {
  const v = m.get(tag);
  if (!v) throw new NonConformance(`data item ${toHex(Uint8Array.of(tag))} was not read`);
  return v;
}

function cn(v: Uint8Array, what: string): string {
  const bad = data.checkCn(v);
  if (bad) throw new NonConformance(`${what}: ${bad}`);
  return decodeCn(v);
}

function noProblem(problem: string | undefined): void {
  if (problem) throw new NonConformance(problem);
}

// ---- Given --------------------------------------------------------------------------------------

Given('the terminal has identified the card', async function (this: CardWorld) {
  await (await terminal(this)).identify();
});

Given('the terminal has the read rights the card version requires', async function (this: CardWorld) {
  // LD/T 33 §10.2: 3.0 cards keep EF06 behind RK SSSE.
  if (version(this) === '3.0') expectSw((await (await terminal(this)).externalAuthenticate('RK')).sw, SW.NO_ERROR);
});

Given('the terminal has authenticated with {sskey}', async function (this: CardWorld, key: KeyName) {
  expectSw((await (await terminal(this)).externalAuthenticate(key)).sw, SW.NO_ERROR);
});

Given('the terminal has read the card and cardholder data', async function (this: CardWorld) {
  await items(this);
});

// ---- When: selection and reads ------------------------------------------------------------------

When('the terminal selects the application {word}', async function (this: CardWorld, aid: string) {
  await this.send(iso.selectByName(fromHex(aid)));
});

When('the terminal reads the item {item} of the SSSE', async function (this: CardWorld, tag: number) {
  await (await terminal(this)).readItem(efOf(tag), tag);
});

When('the terminal reads record {int} of EF06 by number', async function (this: CardWorld, n: number) {
  await this.send(iso.readRecord(n, SFI.EF06, iso.RECORD_MODE.NUMBER, 256));
});

// ---- When: authentication -----------------------------------------------------------------------

When('the terminal authenticates with {sskey}', async function (this: CardWorld, key: KeyName) {
  await (await terminal(this)).externalAuthenticate(key);
});

When('the terminal authenticates with {sskey} using wrong authentication data', async function (this: CardWorld, key: KeyName) {
  await (await terminal(this)).externalAuthenticate(key, { corrupt: true });
});

When('the terminal authenticates with {sskey} on the first of two challenges', async function (this: CardWorld, key: KeyName) {
  const t = await terminal(this);
  await t.identify();
  const first = await t.challenge();
  const cmd = await t.externalAuthCommand(key, first);
  await t.challenge();
  await this.send(cmd);
});

When('the terminal sends EXTERNAL AUTHENTICATE for {sskey} without asking a challenge', async function (this: CardWorld, key: KeyName) {
  const t = await terminal(this);
  await t.identify();
  await this.card.channel.reset();
  await this.send(iso.selectByName(encodeGbk('sx1.sh.社会保障')));
  await this.send(await t.externalAuthCommand(key, new Uint8Array(8)));
});

When('the terminal authenticates with {sskey} and sends the same command again', async function (this: CardWorld, key: KeyName) {
  const t = await terminal(this);
  await t.identify();
  const cmd = await t.externalAuthCommand(key, await t.challenge());
  expectSw((await this.send(cmd)).sw, SW.NO_ERROR);
  await this.send(cmd);
});

When('the terminal authenticates with {sskey} using wrong data until the card answers 63C0', async function (this: CardWorld, key: KeyName) {
  const t = await terminal(this);
  for (let i = 0; i < 16; i++) {
    const r = await t.externalAuthenticate(key, { corrupt: true });
    if (r.sw === SW.VERIFICATION_FAILED_NO_TRIES || triesLeft(r.sw) === undefined) break;
  }
});

When('the terminal asks INTERNAL AUTHENTICATE with IRK version {int}', async function (this: CardWorld, v: number) {
  this.ss.internalAuthentications = [await (await terminal(this)).internalAuthenticate(v)];
});

When('the terminal asks INTERNAL AUTHENTICATE without a key version', async function (this: CardWorld) {
  const t = await terminal(this);
  const a = await t.internalAuthenticate();
  this.ss.internalAuthentications.push(a);
});

// ---- When: updates ------------------------------------------------------------------------------

When('the terminal writes item {item} back unchanged without secure messaging', async function (this: CardWorld, tag: number) {
  const t = await terminal(this);
  const v = await t.item(efOf(tag), tag);
  this.ss.original = v;
  await this.send(command(0x00, SS_INS.UPDATE_RECORD, tag, efOf(tag) << 3, Uint8Array.from([tag, v.length, ...v])));
});

When('the terminal writes item 02 as card type {string} with a MAC under UK SSSE', async function (this: CardWorld, type: string) {
  const t = await terminal(this);
  this.ss.original = await t.item(SFI.EF05, 0x02);
  this.ss.written = encodeAn(type, 1);
  await t.writeRecordWithMac('UK', SFI.EF05, Uint8Array.from([0x02, 1, ...encodeAn(type, 1)]));
});

When('the terminal writes item 02 as card type {string} with a wrong MAC', async function (this: CardWorld, type: string) {
  const t = await terminal(this);
  this.ss.original = await t.item(SFI.EF05, 0x02);
  await t.writeRecordWithMac('UK', SFI.EF05, Uint8Array.from([0x02, 1, ...encodeAn(type, 1)]), { corrupt: true });
});

When('the terminal writes a business record into DF04 with a MAC under UK1', async function (this: CardWorld) {
  const t = await terminal(this);
  const record = Uint8Array.from([0x60, 16, ...t.psamRandom(16)]);
  this.ss.writtenRecord = record;
  await t.writeRecordWithMac('UK1', 0x0c, record);
});

When('the terminal writes a business record into DF04 without secure messaging', async function (this: CardWorld) {
  await this.send(command(0x00, SS_INS.UPDATE_RECORD, 0x60, 0x0c << 3, Uint8Array.from([0x60, 16, ...new Uint8Array(16).fill(0x11)])));
});

When('the terminal writes {int} bytes at offset {int} of EF07 with a MAC under UK SSSE', async function (this: CardWorld, n: number, offset: number) {
  const t = await terminal(this);
  const content = t.psamRandom(n);
  this.ss.writtenEf07 = content;
  // UPDATE BINARY with the SFI in P1 (b8 = 1) and the offset in P2 (part 5 §6.12).
  await this.send(await t.macCommand('UK', 0x04, SS_INS.UPDATE_BINARY, 0x80 | SFI.EF07, offset, content));
});

// ---- When: PIN ----------------------------------------------------------------------------------

When('the terminal presents the PIN {string}', async function (this: CardWorld, pin: string) {
  await (await terminal(this)).verifyPin(pin);
});

When('the terminal changes the PIN to {string}', async function (this: CardWorld, pin: string) {
  await (await terminal(this)).changePin(pinOf(this), pin);
});

When('the terminal changes the PIN from {string} back to the profile PIN', async function (this: CardWorld, pin: string) {
  expectSw((await (await terminal(this)).changePin(pin, pinOf(this))).sw, SW.NO_ERROR);
});

When('the terminal changes the PIN to {string} giving a wrong current PIN', async function (this: CardWorld, pin: string) {
  await (await terminal(this)).changePin(wrongPin(pinOf(this)), pin);
});

When('the terminal sends CHANGE PIN with P1 00', async function (this: CardWorld) {
  const c = changePin(pinOf(this), '13579');
  await this.send({ ...c, p1: 0x00 });
});

When('the terminal sends CHANGE PIN without the FF separator', async function (this: CardWorld) {
  await this.send(command(0x80, SS_INS.CHANGE_PIN, 0x01, 0x00, Uint8Array.from([...pinCn(pinOf(this)), ...pinCn('13579')])));
});

When('the terminal unblocks the PIN through the PUK', async function (this: CardWorld) {
  await (await terminal(this)).unblockPin();
});

When('the terminal unblocks the PIN through the PUK with a wrong MAC', async function (this: CardWorld) {
  await (await terminal(this)).unblockPin({ corrupt: true });
});

When('the terminal sends PIN UNBLOCK without PUK authentication', async function (this: CardWorld) {
  await (await terminal(this)).unblockPin({ skipPuk: true });
});

When('the terminal reloads the PIN {string} through the PUK', async function (this: CardWorld, pin: string) {
  await (await terminal(this)).reloadPin(pin);
});

When('the terminal sends PIN CHANGE\\/UNBLOCK with P2 02', async function (this: CardWorld) {
  const t = await terminal(this);
  expectSw((await t.externalAuthenticate('PUK')).sw, SW.NO_ERROR);
  await this.send(await t.macCommand('STK', 0x84, SS_INS.PIN_CHANGE_UNBLOCK, 0x00, 0x02, new Uint8Array(0)));
});

// ---- When: blocks -------------------------------------------------------------------------------

When('the terminal blocks the application', async function (this: CardWorld) {
  await (await terminal(this)).applicationBlock();
});

When('the terminal blocks the application with a wrong MAC', async function (this: CardWorld) {
  await (await terminal(this)).applicationBlock({ corrupt: true });
});

When('the terminal sends APPLICATION BLOCK with P2 00', async function (this: CardWorld) {
  const t = await terminal(this);
  await this.send(await t.macCommand('STK', 0x84, SS_INS.APPLICATION_BLOCK, 0x00, 0x00, new Uint8Array(0)));
});

When('the terminal blocks the card', async function (this: CardWorld) {
  await (await terminal(this)).cardBlock();
});

When('the terminal blocks the card with a wrong MAC', async function (this: CardWorld) {
  await (await terminal(this)).cardBlock({ corrupt: true });
});

When('the terminal reads the card basic information \\(iReadCardBas)', async function (this: CardWorld) {
  const t = await terminal(this);
  this.ss.cardBasic = await t.readCardBas(await t.psam.terminalNumber());
});

// ---- Then ---------------------------------------------------------------------------------------

Then('the response is an SSSE FCI whose DF name is {string} in GBK', function (this: CardWorld, name: string) {
  expectSw(this.last.sw, SW.NO_ERROR);
  expectBytes(parseSsseFci(this.last.data).dfName, encodeGbk(name), 'DF name (84) of the SSSE FCI');
});

Then('the FCI carries an algorithm identifier the ICS declares', function (this: CardWorld) {
  expectSw(this.last.sw, SW.NO_ERROR);
  const id = parseSsseFci(this.last.data).algorithmId;
  if (id === undefined) throw new NonConformance(`the SSSE FCI has no algorithm identifier (A5 › 9F0C › 86): ${hexPreview(this.last.data)}`);
  const declared = this.profile.ics.algorithms.filter((a): a is '3DES' | 'SM4' => a === '3DES' || a === 'SM4').map((a) => ALGORITHM_ID[a]);
  expectThat(declared.includes(id), `the FCI names algorithm ${toHex(Uint8Array.of(id))}; the ICS declares ${declared.map((d) => toHex(Uint8Array.of(d))).join(', ') || 'neither 3DES nor SM4'}`);
});

Then('the FCI names the algorithm {item}', function (this: CardWorld, id: number) {
  expectSw(this.last.sw, SW.NO_ERROR);
  const got = parseSsseFci(this.last.data).algorithmId;
  expectThat(got === id, `the SSSE FCI names algorithm ${got === undefined ? '(none)' : toHex(Uint8Array.of(got))}, expected ${toHex(Uint8Array.of(id))}`);
});

Then('the FCI carries no algorithm identifier or 01', function (this: CardWorld) {
  expectSw(this.last.sw, SW.NO_ERROR);
  const id = parseSsseFci(this.last.data).algorithmId;
  expectThat(id === undefined || id === 0x01, `a 1.0 card names algorithm ${toHex(Uint8Array.of(id ?? 0))}`);
});

Then('the FCI names the application {word}', function (this: CardWorld, aid: string) {
  expectSw(this.last.sw, SW.NO_ERROR);
  expectBytes(fciDfName(this.last.data), fromHex(aid), 'DF name (84) in the FCI');
});

Then('the record is data item {item} with its length and format', function (this: CardWorld, tag: number) {
  expectSw(this.last.sw, SW.NO_ERROR);
  noProblem(data.checkRecord(tag, this.last.data));
});

Then('the provinces of the card identifier and of the initialising institution agree', async function (this: CardWorld) {
  const m = await items(this);
  const city = toHex(item(m, 0x01).subarray(0, 3));
  const inst = cn(item(m, 0x04), '初始化机构编号');
  noProblem(data.checkInstitution(item(m, 0x04)));
  expectThat(inst.slice(10, 12) === city.slice(0, 2), `卡的识别码 city ${city} and 初始化机构编号 issuing area ${inst.slice(10, 16)} lie in different provinces`);
});

Then('the social security number has a valid GB 11643 check character', async function (this: CardWorld) {
  noProblem(data.checkSocialSecurityNumber(decodeAn(item(await items(this), 0x08))));
});

Then('the card number has a valid annex A check character', async function (this: CardWorld) {
  noProblem(data.checkCardNumber(decodeAn(item(await items(this), 0x07))));
});

Then('the expiry date is a calendar date after the issue date', async function (this: CardWorld) {
  const m = await items(this);
  noProblem(data.checkDate(item(m, 0x05)));
  noProblem(data.checkDate(item(m, 0x06)));
  const issue = decodeCn(item(m, 0x05));
  const expiry = decodeCn(item(m, 0x06));
  expectThat(expiry > issue, `卡有效期 ${expiry} is not after 发卡日期 ${issue}`);
});

Then('the date of birth is the one in the social security number', async function (this: CardWorld) {
  const m = await items(this);
  const id = decodeAn(item(m, 0x08));
  const birth = item(m, 0x0d);
  if (data.unset(birth)) return;
  expectThat(cn(birth, '出生日期') === id.slice(6, 14), `出生日期 ${toHex(birth)} differs from the date ${id.slice(6, 14)} in 社会保障号码`);
});

Then('the sex agrees with the social security number', async function (this: CardWorld) {
  const m = await items(this);
  const id = decodeAn(item(m, 0x08));
  const sex = decodeAn(item(m, 0x0a));
  noProblem(data.checkSex(item(m, 0x0a)));
  if (sex === '9') return;
  // GB 11643: the 17th digit is odd for men, even for women.
  const expected = Number(id[16]) % 2 === 1 ? '1' : '2';
  expectThat(sex === expected, `性别 ${sex} but the 17th digit of 社会保障号码 gives ${expected}`);
});

Then('the specification version is the one the ICS declares', async function (this: CardWorld) {
  const v = decodeAn(item(await items(this), 0x03));
  expectThat(v.slice(0, 3) === version(this), `规范版本 "${v}" but the ICS declares ${version(this)}`);
});

Then('the name is GBK text, continued in the name extension', async function (this: CardWorld) {
  const m = await items(this);
  noProblem(data.checkAn(item(m, 0x09)));
  expectThat(decodeAn(item(m, 0x09)).length > 0, '姓名 is empty');
  if (version(this) !== '1.0') noProblem(data.checkAn(item(m, 0x4e)));
});

Then('the EF06 records by number follow the order of the card version', async function (this: CardWorld) {
  const order = data.recordOrder('EF06', version(this));
  for (let n = 1; n <= order.length; n++) {
    const r = await this.send(iso.readRecord(n, SFI.EF06, iso.RECORD_MODE.NUMBER, 256));
    expectSw(r.sw, SW.NO_ERROR);
    expectThat(r.data[0] === order[n - 1], `EF06 record ${n} has tag ${toHex(r.data.subarray(0, 1))}; a ${version(this)} card has ${toHex(Uint8Array.of(order[n - 1] as number))} there`);
  }
});

Then('the internal authentication data is what the PSAM computes', function (this: CardWorld) {
  const a = given(this.ss.internalAuthentications[0], 'INTERNAL AUTHENTICATE');
  expectSw(a.response.sw, SW.NO_ERROR);
  expectThat(a.response.data.length === 8, `INTERNAL AUTHENTICATE gave ${a.response.data.length} bytes, expected 8`);
  expectBytes(a.response.data, a.expected, 'internal authentication data (IRK)');
});

Then('the two internal authentication results differ and both are right', function (this: CardWorld) {
  const a = given(this.ss.internalAuthentications[0], 'INTERNAL AUTHENTICATE');
  const b = given(this.ss.internalAuthentications[1], 'second INTERNAL AUTHENTICATE');
  expectThat(a.valid && b.valid, 'an internal authentication result is not what the PSAM computes');
  expectThat(!equal(a.response.data, b.response.data), `two INTERNAL AUTHENTICATE on different randoms gave the same ${toHex(a.response.data)}`);
});

Then('the card reports the same tries left as before', function (this: CardWorld) {
  expectSw(this.last.sw, verificationFailed(given(this.iso.triesLeft, 'PIN tries left (63Cx)')));
});

Then('item 02 of the SSSE reads back as written', async function (this: CardWorld) {
  const v = await (await terminal(this)).item(SFI.EF05, 0x02);
  expectBytes(v, given(this.ss.written, 'value written'), '卡的类别 after UPDATE RECORD');
});

Then('item {item} of the SSSE reads back unchanged', async function (this: CardWorld, tag: number) {
  const v = await (await terminal(this)).item(efOf(tag), tag);
  expectBytes(v, given(this.ss.original, 'original value'), `item ${toHex(Uint8Array.of(tag))} after the refused UPDATE RECORD`);
});

Then('the data is what was written into EF07', function (this: CardWorld) {
  expectSw(this.last.sw, SW.NO_ERROR);
  expectBytes(this.last.data, given(this.ss.writtenEf07, 'EF07 written'), 'EF07 after UPDATE BINARY with MAC');
});

Then('the business record reads back as written', async function (this: CardWorld) {
  const r = await this.send(iso.readRecord(0x60, 0x0c, iso.RECORD_MODE.FIRST_ID, 256));
  expectSw(r.sw, SW.NO_ERROR);
  expectBytes(r.data, given(this.ss.writtenRecord, 'record written'), 'business record after UPDATE RECORD with MAC');
});

Then('the card basic information validates', function (this: CardWorld) {
  const b = given(this.ss.cardBasic, 'card basic data');
  expectThat(b.regionCode === b.cardIdentifier.slice(0, 6), `区划代码 ${b.regionCode} is not the city code of 卡识别码 ${b.cardIdentifier}`);
  noProblem(data.checkSocialSecurityNumber(b.socialSecurityNumber));
  noProblem(data.checkCardNumber(b.cardNumber));
  expectThat(b.name.length > 0, '姓名 is empty');
  expectThat(data.validDate(b.issueDate) && data.validDate(b.expiryDate) && b.expiryDate > b.issueDate, `发卡日期 ${b.issueDate} / 卡有效期 ${b.expiryDate} are not dates in order`);
  expectThat(b.version.slice(0, 3) === version(this), `规范版本 ${b.version} is not the ICS version ${version(this)}`);
});

Then('the card answers 63Cx to the try-counter query', function (this: CardWorld) {
  expectSw1(this.last.sw, SW1.WARNING_CHANGED, 'the PIN tries left');
});

export type { CommandApdu };
