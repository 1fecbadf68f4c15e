/**
 * Steps of the SSSE security functions (features/sscard): external and internal authentication, updates
 * with secure messaging, the PIN and its PUK, application and card block (社会保障卡规范 part 5 §6, part 7).
 * Thin: the flows live in src/sscard/terminal.ts; the session is the World's `ss` (steps/sscard.steps.ts opens it).
 */
import { Then, When } from '@cucumber/cucumber';
import { command } from '../src/apdu/command.ts';
import { SW, SW1, triesLeft, verificationFailed } from '../src/apdu/sw.ts';
import { equal, toHex } from '../src/bytes/hex.ts';
import { encodeAn, encodeGbk } from '../src/bytes/text.ts';
import * as iso from '../src/iso7816/commands.ts';
import { SS_INS, changePin, pinCn } from '../src/sscard/commands.ts';
import * as data from '../src/sscard/data.ts';
import type { KeyName } from '../src/sscard/keys.ts';
import { SFI } from '../src/sscard/terminal.ts';
import { expectBytes, expectNoProblem, expectSw, expectSw1, expectThat, given } from '../src/verdict/expect.ts';
import { readRecordsOneByOne, sfiOf, wrongPin } from './card-helpers.ts';
import type { EfObject } from './parameters.ts';
import type { CardWorld } from './world.ts';
import { efOf, pinOf, terminal, version } from './sscard.steps.ts';
import { dx } from '../src/verdict/messages.ts';

// ---- When: authentication -----------------------------------------------------------------------

When('the terminal authenticates with {sskey}', async function (this: CardWorld, key: KeyName) {
  await (await terminal(this)).externalAuthenticate(key);
});

When('the terminal authenticates with {sskey} using wrong authentication data', async function (this: CardWorld, key: KeyName) {
  await (await terminal(this)).externalAuthenticate(key, { corrupt: true });
});

When('the terminal authenticates with {sskey} naming key version {int}', async function (this: CardWorld, key: KeyName, v: number) {
  // The optional 17th data byte (part 5 §6.4.3).
  await (await terminal(this)).externalAuthenticate(key, { version: v });
});

When('the terminal authenticates with {sskey} naming a key version the card does not have', async function (this: CardWorld, key: KeyName) {
  // Authentication data of version 1, the 17th byte naming version 09 (LD/T 6001.3 loads 1-3).
  const t = await terminal(this);
  const cmd = await t.externalAuthCommand(key, await t.challenge());
  await this.send({ ...cmd, data: Uint8Array.from([...cmd.data.subarray(0, 16), 0x09]) });
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

When(
  'the terminal writes item {item} back unchanged as the last record of its identifier, without secure messaging',
  async function (this: CardWorld, tag: number) {
    const t = await terminal(this);
    const v = await t.item(efOf(tag), tag);
    this.ss.original = v;
    // P2 mode 001: the last record whose identifier is P1 (part 5 §6.13, table 44).
    await this.send(command(0x00, SS_INS.UPDATE_RECORD, tag, (efOf(tag) << 3) | iso.RECORD_MODE.LAST_ID, Uint8Array.from([tag, v.length, ...v])));
  },
);

When('the terminal writes record {int} of EF05 back unchanged by its record number, without secure messaging', async function (this: CardWorld, n: number) {
  const r = await this.send(iso.readRecord(n, SFI.EF05, iso.RECORD_MODE.NUMBER, 256));
  expectSw(r.sw, SW.NO_ERROR);
  this.ss.original = r.data;
  // P2 mode 100: the record number in P1 (part 5 §6.13, table 44).
  await this.send(command(0x00, SS_INS.UPDATE_RECORD, n, (SFI.EF05 << 3) | iso.RECORD_MODE.NUMBER, r.data));
});

When(
  'the terminal writes item {item} unchanged as the record two after the last of its EF, without secure messaging',
  async function (this: CardWorld, tag: number) {
    const t = await terminal(this);
    const v = await t.item(efOf(tag), tag);
    const n = (await readRecordsOneByOne(this, efOf(tag))).length;
    await this.send(command(0x00, SS_INS.UPDATE_RECORD, n + 2, (efOf(tag) << 3) | iso.RECORD_MODE.NUMBER, Uint8Array.from([tag, v.length, ...v])));
  },
);

When(
  'the terminal writes item {item} by its record identifier in a record tagged {item}, without secure messaging',
  async function (this: CardWorld, tag: number, other: number) {
    const t = await terminal(this);
    const v = await t.item(efOf(tag), tag);
    this.ss.original = v;
    await this.send(command(0x00, SS_INS.UPDATE_RECORD, tag, efOf(tag) << 3, Uint8Array.from([other, v.length, ...v])));
  },
);

When('the terminal writes item {item} with a length byte one more than its value, without secure messaging', async function (this: CardWorld, tag: number) {
  const t = await terminal(this);
  const v = await t.item(efOf(tag), tag);
  this.ss.original = v;
  await this.send(command(0x00, SS_INS.UPDATE_RECORD, tag, efOf(tag) << 3, Uint8Array.from([tag, v.length + 1, ...v])));
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

When(
  'the terminal writes the data it read back at offset {int} of the {ef} by its SFI, without secure messaging',
  async function (this: CardWorld, offset: number, ef: EfObject) {
    expectSw(this.last.sw, SW.NO_ERROR);
    await this.send(command(0x00, SS_INS.UPDATE_BINARY, 0x80 | sfiOf(this, ef), offset, this.last.data));
  },
);

/** The last byte of the current EF, its size known (P1-P2 the offset, part 5 §6.9 and §6.12 table 41). */
async function lastByte(world: CardWorld): Promise<{ offset: number; data: Uint8Array }> {
  const offset = given(world.iso.size, 'EF size') - 1;
  const r = await world.send(iso.readBinary(offset, 1));
  expectSw(r.sw, SW.NO_ERROR);
  return { offset, data: r.data };
}

When('the terminal writes the last byte of the current EF back unchanged, without secure messaging', async function (this: CardWorld) {
  const { offset, data } = await lastByte(this);
  await this.send(command(0x00, SS_INS.UPDATE_BINARY, offset >> 8, offset & 0xff, data));
});

When('the terminal writes the last byte of the current EF back and one byte more, without secure messaging', async function (this: CardWorld) {
  const { offset, data } = await lastByte(this);
  await this.send(command(0x00, SS_INS.UPDATE_BINARY, offset >> 8, offset & 0xff, Uint8Array.from([...data, 0x00])));
});

// ---- When: PIN ----------------------------------------------------------------------------------

When('the terminal presents the PIN {string}', async function (this: CardWorld, pin: string) {
  await (await terminal(this)).verifyPin(pin);
});

When('the terminal changes the PIN to {string}', async function (this: CardWorld, pin: string) {
  await (await terminal(this)).changePin(pinOf(this), pin);
});

When('the terminal changes the PIN from {string} to {string}', async function (this: CardWorld, from: string, to: string) {
  await (await terminal(this)).changePin(from, to);
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

When('the terminal sends CHANGE PIN with a new PIN holding a nibble that is no digit', async function (this: CardWorld) {
  // cn: digits, F only as the padding of the last byte (part 5 §6.3.1); the current PIN is the right one.
  await this.send(command(0x80, SS_INS.CHANGE_PIN, 0x01, 0x00, Uint8Array.from([...pinCn(pinOf(this)), 0xff, 0x13, 0x57, 0x9a])));
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

Then('the internal authentication data is what the PSAM computes', function (this: CardWorld) {
  const a = given(this.ss.internalAuthentications[0], 'INTERNAL AUTHENTICATE');
  expectSw(a.response.sw, SW.NO_ERROR);
  expectThat(a.response.data.length === 8, dx('ssse.internalAuthLength', { actual: a.response.data.length }));
  expectBytes(a.response.data, a.expected, { en: 'internal authentication data (IRK)', zh: '内部认证数据 (IRK)' });
});

Then('the two internal authentication results differ and both are right', function (this: CardWorld) {
  const a = given(this.ss.internalAuthentications[0], 'INTERNAL AUTHENTICATE');
  const b = given(this.ss.internalAuthentications[1], 'second INTERNAL AUTHENTICATE');
  expectThat(a.valid && b.valid, dx('ssse.internalAuthWrong'));
  expectThat(!equal(a.response.data, b.response.data), dx('ssse.internalAuthSame', { hex: toHex(a.response.data) }));
});

Then('the card reports the same tries left as before', function (this: CardWorld) {
  expectSw(this.last.sw, verificationFailed(given(this.iso.triesLeft, 'PIN tries left (63Cx)')));
});

Then('item 02 of the SSSE reads back as written', async function (this: CardWorld) {
  const v = await (await terminal(this)).item(SFI.EF05, 0x02);
  expectBytes(v, given(this.ss.written, 'value written'), { en: '卡的类别 after UPDATE RECORD', zh: 'UPDATE RECORD 之后的卡的类别' });
});

Then('READ RECORD of the current record returns item {item} as it was', async function (this: CardWorld, tag: number) {
  // P1 00: the record the record pointer designates; P2 00000 100: the current EF (part 5 §6.10, part 3 §5.3.2).
  const r = await this.send(iso.readRecord(0x00, 0, iso.RECORD_MODE.NUMBER, 256));
  expectSw(r.sw, SW.NO_ERROR);
  const v = given(this.ss.original, 'original value');
  expectBytes(r.data, Uint8Array.from([tag, v.length, ...v]), {
    en: `the current record after UPDATE RECORD of item ${toHex(Uint8Array.of(tag))} by its identifier`,
    zh: `按记录标识符 UPDATE RECORD 数据项 ${toHex(Uint8Array.of(tag))} 之后的当前记录`,
  });
});

Then('record {int} of EF05 reads back unchanged', async function (this: CardWorld, n: number) {
  const r = await this.send(iso.readRecord(n, SFI.EF05, iso.RECORD_MODE.NUMBER, 256));
  expectSw(r.sw, SW.NO_ERROR);
  expectBytes(r.data, given(this.ss.original, 'record read before'), {
    en: `record ${n} of EF05 after UPDATE RECORD by its record number`,
    zh: `按记录号 UPDATE RECORD 之后 EF05 的记录 ${n}`,
  });
});

Then('item {item} of the SSSE reads back unchanged', async function (this: CardWorld, tag: number) {
  const v = await (await terminal(this)).item(efOf(tag), tag);
  expectBytes(v, given(this.ss.original, 'original value'), {
    en: `item ${toHex(Uint8Array.of(tag))} after the refused UPDATE RECORD`,
    zh: `被拒绝的 UPDATE RECORD 之后的数据项 ${toHex(Uint8Array.of(tag))}`,
  });
});

Then('the data is what was written into EF07', function (this: CardWorld) {
  expectSw(this.last.sw, SW.NO_ERROR);
  expectBytes(this.last.data, given(this.ss.writtenEf07, 'EF07 written'), {
    en: 'EF07 after UPDATE BINARY with MAC',
    zh: '带 MAC 的 UPDATE BINARY 之后的 EF07',
  });
});

Then('the business record reads back as written', async function (this: CardWorld) {
  const r = await this.send(iso.readRecord(0x60, 0x0c, iso.RECORD_MODE.FIRST_ID, 256));
  expectSw(r.sw, SW.NO_ERROR);
  expectBytes(r.data, given(this.ss.writtenRecord, 'record written'), {
    en: 'business record after UPDATE RECORD with MAC',
    zh: '带 MAC 的 UPDATE RECORD 之后的业务记录',
  });
});

Then('the card basic information validates', function (this: CardWorld) {
  const b = given(this.ss.cardBasic, 'card basic data');
  expectThat(b.regionCode === b.cardIdentifier.slice(0, 6), dx('ssse.regionCode', { region: b.regionCode, card: b.cardIdentifier }));
  expectNoProblem(data.checkSocialSecurityNumber(b.socialSecurityNumber));
  expectNoProblem(data.checkCardNumber(b.cardNumber));
  expectThat(b.name.length > 0, dx('ssse.nameEmpty'));
  expectThat(
    data.validDate(b.issueDate) && data.validDate(b.expiryDate) && b.expiryDate > b.issueDate,
    dx('ssse.datesOrder', { issue: b.issueDate, expiry: b.expiryDate }),
  );
  expectThat(b.version.slice(0, 3) === version(this), dx('ssse.versionNotIcs', { actual: b.version, expected: version(this) }));
});

Then('the card answers 63Cx to the try-counter query', function (this: CardWorld) {
  expectSw1(this.last.sw, SW1.WARNING_CHANGED, { en: 'the PIN tries left', zh: '个人密码剩余尝试次数' });
});
