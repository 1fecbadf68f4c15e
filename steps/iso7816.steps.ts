/** Steps of the ISO/IEC 7816-4 command layer. Thin: builders in src/iso7816, checks in src/verdict. */
import { Given, Then, When } from '@cucumber/cucumber';
import { SW, SW1, wrongLe, verificationFailed } from '../src/apdu/sw.ts';
import { encodeCn } from '../src/bytes/bcd.ts';
import { equal, fromHex, toHex } from '../src/bytes/hex.ts';
import { startsWith } from '../src/bytes/compare.ts';
import * as iso from '../src/iso7816/commands.ts';
import { transparentSize } from '../src/iso7816/probe.ts';
import { dfNameBytes } from '../src/profile/profile.ts';
import { TlvError } from '../src/tlv/ber.ts';
import { parseSimpleTlv } from '../src/tlv/simple.ts';
import { NonConformance, Unobservable } from '../src/verdict/errors.ts';
import { expectBytes, expectSw, expectSw1, expectThat, given } from '../src/verdict/expect.ts';
import { SS_PIN_REF, fciDfName, pinBlock, readRecordsOneByOne, recordRead, selectDf, selectObject, sfiOf, wrongPin } from './card-helpers.ts';
import type { EfObject } from './parameters.ts';
import type { CardWorld } from './world.ts';
import { bytes, dx, sw as swp } from '../src/verdict/messages.ts';

// ---- Given --------------------------------------------------------------------------------------

Given('the SSSE is selected', async function (this: CardWorld) {
  await selectDf(this, this.objects.ssse);
});

Given('the DF of the {ef} is selected', async function (this: CardWorld, ef: EfObject) {
  await selectDf(this, this.objects[ef].df);
});

Given('the {ef} is selected', async function (this: CardWorld, ef: EfObject) {
  await selectObject(this, ef);
});

Given('the terminal has read the first {int} bytes of the current EF', async function (this: CardWorld, n: number) {
  const r = await this.send(iso.readBinary(0, n));
  expectSw(r.sw, SW.NO_ERROR);
  expectThat(r.data.length === n, dx('readBinary.length', { expected: n, actual: r.data.length }));
  this.iso.content = r.data;
});

Given('the size of the current EF is known', async function (this: CardWorld) {
  this.iso.size = await transparentSize(this.card);
});

async function readAndKeep(world: CardWorld, n: number, sfi: number): Promise<void> {
  const r = await world.send(iso.readRecord(n, sfi, iso.RECORD_MODE.NUMBER, 256));
  expectThat(recordRead(r), dx('readRecord.notRecord', { n, actual: swp(r.sw), length: r.data.length }));
  world.iso.records.set(n, r.data);
}

Given('the terminal has read record {int} of the {ef}', async function (this: CardWorld, n: number, ef: EfObject) {
  await readAndKeep(this, n, sfiOf(this, ef));
});

// SFI 0: the current EF, which the command does not select again (its current record stays; part 5 table 32).
Given('the terminal has read record {int} of the current EF', async function (this: CardWorld, n: number) {
  await readAndKeep(this, n, 0);
});

// ---- When ---------------------------------------------------------------------------------------

When('the terminal selects by DF name {string}', async function (this: CardWorld, name: string) {
  await this.send(iso.selectByName(dfNameBytes(name)));
});

When('the terminal selects the SSSE by its name', async function (this: CardWorld) {
  await this.send(iso.selectByName(dfNameBytes(this.objects.ssse)));
});

When('the terminal selects the SSSE by its name without T=0 handling', async function (this: CardWorld) {
  await this.send(iso.selectByName(dfNameBytes(this.objects.ssse)), { raw: true });
});

When('the terminal selects the next DF named {string}', async function (this: CardWorld, name: string) {
  await this.send(iso.selectByName(dfNameBytes(name), iso.SELECT_P2.NEXT));
});

When('the terminal selects the {ef} by file identifier', async function (this: CardWorld, ef: EfObject) {
  await this.send(iso.selectEf(parseInt(this.objects[ef].fid, 16)));
});

When('the terminal reads {int} byte(s) at offset {int}', async function (this: CardWorld, n: number, offset: number) {
  await this.send(iso.readBinary(offset, n));
});

When('the terminal reads {int} bytes at offset {int} of the {ef} by its SFI', async function (this: CardWorld, n: number, offset: number, ef: EfObject) {
  await this.send(iso.readBinarySfi(sfiOf(this, ef), offset, n));
});

When('the terminal reads {int} bytes starting {int} bytes before the end of the EF', async function (this: CardWorld, n: number, before: number) {
  const size = given(this.iso.size, 'EF size');
  if (size < before) throw new Unobservable(dx('ef.tooSmall', { size }));
  await this.send(iso.readBinary(size - before, n), { raw: true });
});

When('the terminal reads record {int} of the {ef} by its SFI', async function (this: CardWorld, n: number, ef: EfObject) {
  await this.send(iso.readRecord(n, sfiOf(this, ef), iso.RECORD_MODE.NUMBER, 256));
});

When('the terminal reads record {int} of the {ef} by its SFI in the reserved mode 111', async function (this: CardWorld, n: number, ef: EfObject) {
  await this.send(iso.readRecord(n, sfiOf(this, ef), iso.RECORD_MODE.RESERVED, 256));
});

When('the terminal reads record {int} of the {ef} with Le 00 without T=0 handling', async function (this: CardWorld, n: number, ef: EfObject) {
  await this.send(iso.readRecord(n, sfiOf(this, ef), iso.RECORD_MODE.NUMBER, 256), { raw: true });
});

When('the terminal reads the record whose identifier is that of record {int} of the {ef}', async function (this: CardWorld, n: number, ef: EfObject) {
  const record = given(this.iso.records.get(n), `record ${n}`);
  const id = record[0];
  if (id === undefined) throw new NonConformance(dx('record.empty', { n }));
  await this.send(iso.readRecord(id, sfiOf(this, ef), iso.RECORD_MODE.FIRST_ID, 256));
});

When(
  'the terminal reads the {word} record of the current EF whose identifier is that of record {int}',
  async function (this: CardWorld, which: string, n: number) {
    const modes: Record<string, number> = { next: iso.RECORD_MODE.NEXT_ID, previous: iso.RECORD_MODE.PREVIOUS_ID };
    const mode = modes[which];
    if (mode === undefined) throw new Error(`${which}: next or previous`);
    const id = given(this.iso.records.get(n), `record ${n}`)[0];
    if (id === undefined) throw new NonConformance(dx('record.empty', { n }));
    await this.send(iso.readRecord(id, 0, mode, 256));
  },
);

When('the terminal reads the records of the {ef} one by one until the card has no more', async function (this: CardWorld, ef: EfObject) {
  const records = await readRecordsOneByOne(this, sfiOf(this, ef));
  records.forEach((r, i) => this.iso.records.set(i + 1, r));
  this.iso.recordsRead = records.length;
});

/** P2 modes 101 (from P1 to the last) and 110 (from the last to P1), part 5 table 32. */
function rangeMode(mode: string): number {
  const range: Record<string, number> = { '101': iso.RECORD_MODE.FROM_P1, '110': iso.RECORD_MODE.TO_P1 };
  const m = range[mode];
  if (m === undefined) throw new Error(`P2 mode ${mode}: 101 or 110`);
  return m;
}

When('the terminal reads the {ef} from the record after the last one in P2 mode {word}', async function (this: CardWorld, ef: EfObject, mode: string) {
  await this.send(iso.readRecord(given(this.iso.recordsRead, 'records read') + 1, sfiOf(this, ef), rangeMode(mode), 256));
});

When('the terminal reads the {ef} from the record before the last one in P2 mode {word}', async function (this: CardWorld, ef: EfObject, mode: string) {
  const n = given(this.iso.recordsRead, 'records read');
  if (n < 2) throw new Unobservable(dx('records.tooFew', { n, need: 2 }));
  await this.send(iso.readRecord(n - 1, sfiOf(this, ef), rangeMode(mode), 256));
});

When('the terminal sends GET RESPONSE with the length the card gave', async function (this: CardWorld) {
  await this.send(iso.getResponse(given(this.iso.availableLength, 'bytes available (61xx)')), { raw: true });
});

When('the terminal sends GET RESPONSE with {int} bytes more than the card gave', async function (this: CardWorld, more: number) {
  await this.send(iso.getResponse(given(this.iso.availableLength, 'bytes available (61xx)') + more), { raw: true });
});

When('the terminal sends GET RESPONSE with Le 00', async function (this: CardWorld) {
  await this.send(iso.getResponse(256), { raw: true });
});

When('the terminal sends GET RESPONSE with {int} bytes fewer than the card gave', async function (this: CardWorld, fewer: number) {
  const available = given(this.iso.availableLength, 'bytes available (61xx)');
  if (available <= fewer) throw new Unobservable(dx('getResponse.tooShort', { available, fewer }));
  await this.send(iso.getResponse(available - fewer), { raw: true });
});

When('the terminal asks for a challenge of {int} bytes', async function (this: CardWorld, n: number) {
  const r = await this.send(iso.getChallenge(n));
  this.iso.challenges.push(r);
});

When('the terminal asks the PIN try counter', async function (this: CardWorld) {
  await this.send(iso.verify(SS_PIN_REF));
});

When('the terminal presents the correct PIN', async function (this: CardWorld) {
  await this.send(iso.verify(SS_PIN_REF, pinBlock(this.profile.keys?.pin ?? '')));
});

// Part 5 §6.14 table 46: Lc 02-08; a longer PIN field is a length error (6700, table 48), refused before any comparison.
When('the terminal presents the correct PIN padded with F to {int} bytes', async function (this: CardWorld, n: number) {
  await this.send(iso.verify(SS_PIN_REF, encodeCn(this.profile.keys?.pin ?? '', n)));
});

When('the terminal presents a wrong PIN', async function (this: CardWorld) {
  await this.send(iso.verify(SS_PIN_REF, pinBlock(wrongPin(this.profile.keys?.pin ?? ''))));
});

When('the terminal presents a wrong PIN as many times as tries are left', async function (this: CardWorld) {
  const tries = given(this.iso.triesLeft, 'PIN tries left (63Cx)');
  for (let i = 0; i < tries; i++) await this.send(iso.verify(SS_PIN_REF, pinBlock(wrongPin(this.profile.keys?.pin ?? ''))));
});

// ---- Then ---------------------------------------------------------------------------------------

Then('the response is an FCI whose DF name is the SSSE name', function (this: CardWorld) {
  expectSw(this.last.sw, SW.NO_ERROR);
  expectBytes(fciDfName(this.last.data), dfNameBytes(this.objects.ssse), { en: 'DF name (84) in the FCI', zh: 'FCI 中的 DF 名称 (84)' });
});

Then('the response is an FCI whose DF name starts with {string}', function (this: CardWorld, prefix: string) {
  expectSw(this.last.sw, SW.NO_ERROR);
  const name = fciDfName(this.last.data);
  expectThat(startsWith(name, dfNameBytes(prefix)), dx('fci.dfNamePrefix', { name: toHex(name), prefix: toHex(dfNameBytes(prefix)) }));
  const before = this.iso.fciName;
  if (before) expectThat(!equal(before, name), dx('select.nextSameName', { name: toHex(name) }));
  this.iso.fciName = name;
});

// ISO/IEC 7816-4 §7.6.1, part 5 §6.6.5 table 20: a GET RESPONSE shorter than what waits gets that many bytes and 61xx with the rest.
Then('the card answers the bytes asked and 61xx with the {int} left', function (this: CardWorld, left: number) {
  const available = given(this.iso.availableLength, 'bytes available (61xx)');
  const rest = expectSw1(this.last.sw, SW1.MORE_DATA, { en: 'the response bytes still available', zh: '剩余可取的响应数据' });
  expectThat(rest === left, dx('getResponse.rest', { expected: left, actual: rest }));
  expectThat(this.last.data.length === available - left, dx('data.length', { expected: available - left, actual: this.last.data.length }));
  this.iso.availableLength = rest;
});

Then('the data equals the first-read content from offset {int}', function (this: CardWorld, offset: number) {
  expectSw(this.last.sw, SW.NO_ERROR);
  const content = given(this.iso.content, 'EF content');
  const n = this.last.data.length;
  const expected = content.subarray(offset, offset + n);
  expectThat(expected.length === n, dx('scenario.beyondFirstRead'));
  if (equal(expected, content.subarray(0, n))) {
    throw new Unobservable(dx('offset.unobservable', { offset }));
  }
  expectBytes(this.last.data, expected, { en: `bytes at offset ${offset}`, zh: `偏移量 ${offset} 处的字节` });
});

Then('the card reports that only {int} bytes remain', function (this: CardWorld, n: number) {
  const r = this.last;
  if (this.card.channel.protocol === 'T=0') {
    expectSw(r.sw, wrongLe(n));
  } else {
    expectSw(r.sw, SW.WARNING_END_OF_FILE);
    expectThat(r.data.length === n, dx('data.remaining', { expected: n, actual: r.data.length }));
  }
});

Then('the data is one SIMPLE-TLV data object', function (this: CardWorld) {
  expectThat(recordRead(this.last), dx('readRecord.notRecordAny', { actual: swp(this.last.sw), length: this.last.data.length }));
  let objects: ReturnType<typeof parseSimpleTlv>;
  try {
    objects = parseSimpleTlv(this.last.data);
  } catch (e) {
    if (e instanceof TlvError) throw new NonConformance(dx('record.notSimpleTlv', { detail: e.diagnosis, data: bytes(this.last.data) }));
    throw e;
  }
  expectThat(objects.length === 1, dx('record.simpleTlvCount', { n: objects.length, data: bytes(this.last.data) }));
});

Then('the data equals record {int} of the {ef}', function (this: CardWorld, n: number, _ef: EfObject) {
  expectThat(recordRead(this.last), dx('readRecord.notRecordAny', { actual: swp(this.last.sw), length: this.last.data.length }));
  expectBytes(this.last.data, given(this.iso.records.get(n), `record ${n}`), { en: `record ${n}`, zh: `第 ${n} 条记录` });
});

// Part 5 table 32, P2 mode 011: the nearest record before the current one with that identifier; none, 6A83 (table 33).
Then('the card answers record {int} if it has the identifier of record {int}, else 6A83', function (this: CardWorld, earlier: number, n: number) {
  const record = given(this.iso.records.get(earlier), `record ${earlier}`);
  const id = given(this.iso.records.get(n), `record ${n}`)[0];
  if (record[0] !== id) return expectSw(this.last.sw, SW.RECORD_NOT_FOUND);
  expectThat(recordRead(this.last), dx('readRecord.notRecordAny', { actual: swp(this.last.sw), length: this.last.data.length }));
  expectBytes(this.last.data, record, { en: `record ${earlier}`, zh: `第 ${earlier} 条记录` });
});

Then('the data is the last 2 records read one by one, in the order of P2 mode {word}', function (this: CardWorld, mode: string) {
  const n = given(this.iso.recordsRead, 'records read');
  const two = [n - 1, n].map((i) => given(this.iso.records.get(i), `record ${i}`));
  const ordered = rangeMode(mode) === iso.RECORD_MODE.FROM_P1 ? two : two.reverse();
  expectSw(this.last.sw, SW.NO_ERROR);
  expectBytes(this.last.data, Uint8Array.from(ordered.flatMap((r) => [...r])), {
    en: `records ${n - 1} and ${n} in P2 mode ${mode}`,
    zh: `P2 方式 ${mode} 下的第 ${n - 1}、${n} 条记录`,
  });
});

Then('records {int} and {int} differ', function (this: CardWorld, a: number, b: number) {
  const ra = given(this.iso.records.get(a), `record ${a}`);
  const rb = given(this.iso.records.get(b), `record ${b}`);
  expectThat(!equal(ra, rb), dx('records.identical', { a, b, hex: toHex(ra, ' ') }));
});

Then('at least {int} record(s) was/were read and the card then answered {sw}', function (this: CardWorld, min: number, sw: number) {
  const n = given(this.iso.recordsRead, 'records read');
  expectThat(
    n >= min,
    dx('records.readBefore', {
      n,
      actual: swp(this.last.sw),
      withData: this.last.data.length ? dx('records.withData', { length: this.last.data.length }) : '',
    }),
  );
  expectSw(this.last.sw, sw);
});

Then('the two challenges differ', function (this: CardWorld) {
  const [a, b] = [1, 2].map((k) => {
    const r = given(this.iso.challenges[k - 1], `challenge ${k}`);
    if (r.sw !== SW.NO_ERROR) throw new NonConformance(dx('challenge.notRandom', { k, actual: swp(r.sw) }));
    return r.data;
  }) as [Uint8Array, Uint8Array];
  expectThat(!equal(a, b), dx('challenge.same', { hex: toHex(a, ' ') }));
});

Then('the card reports the tries left', function (this: CardWorld) {
  const x = expectSw1(this.last.sw, SW1.WARNING_CHANGED, { en: 'the PIN tries left (63Cx)', zh: '个人密码剩余尝试次数 (63Cx)' });
  expectThat((x & 0xf0) === 0xc0 && (x & 0x0f) > 0, dx('pin.triesExpected', { x: x.toString(16).toUpperCase() }));
  this.iso.triesLeft = x & 0x0f;
});

Then('the card reports {int} try/tries fewer than before', function (this: CardWorld, fewer: number) {
  const before = given(this.iso.triesLeft, 'PIN tries left (63Cx)');
  expectSw(this.last.sw, verificationFailed(before - fewer));
});

// ISO/IEC 7816-4 §7.1.1 P1 09, an option 社会保障卡规范 part 5 table 35 does not list: a card may refuse it (6A86, 6A81, table 39);
// one that offers it selects the file the path names, and refuses a path of an odd length (6700, table 39; 6A80, ISO/IEC 7816-4 table 6).
Then('selecting the {ef} by its path from the current DF, if the card offers it, makes that EF current', async function (this: CardWorld, ef: EfObject) {
  const fid = fromHex(this.objects[ef].fid);
  const r = await this.send(iso.selectByPath(fid, 'current'));
  if (r.sw === SW.INCORRECT_P1P2 || r.sw === SW.FUNCTION_NOT_SUPPORTED) return;
  expectSw(r.sw, SW.NO_ERROR);
  const content = given(this.iso.content, 'EF content');
  const read = await this.send(iso.readBinary(0, content.length));
  expectSw(read.sw, SW.NO_ERROR);
  expectBytes(read.data, content, { en: 'the EF the path names', zh: '路径所指文件的内容' });
  const odd = await this.send(iso.selectByPath(Uint8Array.of(...fid, 0x00), 'current'));
  expectSw(odd.sw, SW.WRONG_LENGTH, SW.INCORRECT_DATA);
  // A path through a DF the current DF does not hold leads nowhere: 6A82.
  const nowhere = await this.send(iso.selectByPath(Uint8Array.of(0xef, 0xee, ...fid), 'current'));
  expectSw(nowhere.sw, SW.FILE_NOT_FOUND);
});

// JR/T 0025.5 B.13.5: repeated SELECT next with the same partial name finds every matching DF once, then 6A82.
Then('selecting the next DF named {string} again and again finds each matching DF once and ends with 6A82', async function (this: CardWorld, name: string) {
  const seen = new Set<string>();
  for (let i = 0; i < 32; i++) {
    const r = await this.send(iso.selectByName(dfNameBytes(name), iso.SELECT_P2.NEXT));
    if (r.sw === SW.FILE_NOT_FOUND) return;
    expectSw(r.sw, SW.NO_ERROR);
    const found = toHex(fciDfName(r.data));
    expectThat(!seen.has(found), dx('selectNext.twice', { name, found }));
    seen.add(found);
  }
  throw new NonConformance(dx('selectNext.neverEnds', { name }));
});
