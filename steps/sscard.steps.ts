/**
 * Steps of the social security application (features/sscard). Thin: the terminal flows live in
 * src/sscard/terminal.ts, the data checks in src/sscard/data.ts, the PSAM is card-sim's PSAM image loaded
 * with the profile's root keys (keys.sscardRoots, default the test roots).
 */
import { Given, Then, When, defineParameterType } from '@cucumber/cucumber';
import { buildPsamImage } from '../card-sim/index.ts';
import type { CommandApdu } from '../src/apdu/command.ts';
import { SW } from '../src/apdu/sw.ts';
import { decodeCn } from '../src/bytes/bcd.ts';
import { fromHex, toHex } from '../src/bytes/hex.ts';
import { decodeAn, encodeGbk } from '../src/bytes/text.ts';
import * as iso from '../src/iso7816/commands.ts';
import { ALGORITHM_ID } from '../src/sscard/crypto.ts';
import * as data from '../src/sscard/data.ts';
import type { KeyName } from '../src/sscard/keys.ts';
import { SFI, SsTerminal, parseSsseFci } from '../src/sscard/terminal.ts';
import { SimChannel } from '../src/transport/sim.ts';
import { NonConformance, PreconditionNotMet } from '../src/verdict/errors.ts';
import { expectBytes, expectNoProblem, expectSw, expectThat } from '../src/verdict/expect.ts';
import { fciDfName } from './card-helpers.ts';
import type { CardWorld } from './world.ts';
import { bytes, dx } from '../src/verdict/messages.ts';

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
  const t = new SsTerminal(world, world.psamSession(psam), atr);
  t.level2Factor = world.profile.keys?.sscardLevel2Factor ?? 'part9';
  world.ss.terminal = t;
  return t;
}

export const pinOf = (w: CardWorld) => w.profile.keys?.pin ?? '';
/** The 社会保障卡规范 version the card claims (the sscard area applies only to a card that claims one, src/plan/plan.ts). */
export const version = (w: CardWorld) => {
  const v = w.profile.ics.sscardVersion;
  if (!v) throw new PreconditionNotMet(dx('ics.noSscardVersion'));
  return v;
};

export function efOf(tag: number): number {
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
  if (!v) throw new NonConformance(dx('ssse.itemNotRead', { tag: toHex(Uint8Array.of(tag)) }));
  return v;
}

function cn(v: Uint8Array, what: string): string {
  const bad = data.checkCn(v);
  if (bad) throw new NonConformance(dx('ssse.itemBad', { what, detail: bad }));
  return decodeCn(v);
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

// ---- Then ---------------------------------------------------------------------------------------

Then('the response is an SSSE FCI whose DF name is {string} in GBK', function (this: CardWorld, name: string) {
  expectSw(this.last.sw, SW.NO_ERROR);
  expectBytes(parseSsseFci(this.last.data).dfName, encodeGbk(name), { en: 'DF name (84) of the SSSE FCI', zh: 'SSSE 的 FCI 中的 DF 名称 (84)' });
});

Then('the FCI carries an algorithm identifier the ICS declares', function (this: CardWorld) {
  expectSw(this.last.sw, SW.NO_ERROR);
  const id = parseSsseFci(this.last.data).algorithmId;
  if (id === undefined) throw new NonConformance(dx('ssse.fciNoAlgorithm', { data: bytes(this.last.data) }));
  const declared = this.profile.ics.algorithms.filter((a): a is '3DES' | 'SM4' => a === '3DES' || a === 'SM4').map((a) => ALGORITHM_ID[a]);
  expectThat(
    declared.includes(id),
    dx('ssse.fciAlgorithmNotDeclared', {
      id: toHex(Uint8Array.of(id)),
      declared: declared.map((d) => toHex(Uint8Array.of(d))).join(', ') || dx('ssse.neither3desNorSm4'),
    }),
  );
});

Then('the FCI names the algorithm {item}', function (this: CardWorld, id: number) {
  expectSw(this.last.sw, SW.NO_ERROR);
  const got = parseSsseFci(this.last.data).algorithmId;
  expectThat(got === id, dx('ssse.fciAlgorithm', { actual: got === undefined ? dx('none') : toHex(Uint8Array.of(got)), expected: toHex(Uint8Array.of(id)) }));
});

Then('the FCI carries no algorithm identifier or 01', function (this: CardWorld) {
  expectSw(this.last.sw, SW.NO_ERROR);
  const id = parseSsseFci(this.last.data).algorithmId;
  expectThat(id === undefined || id === 0x01, dx('ssse.v1Algorithm', { id: toHex(Uint8Array.of(id ?? 0)) }));
});

Then('the FCI names the application {word}', function (this: CardWorld, aid: string) {
  expectSw(this.last.sw, SW.NO_ERROR);
  expectBytes(fciDfName(this.last.data), fromHex(aid), { en: 'DF name (84) in the FCI', zh: 'FCI 中的 DF 名称 (84)' });
});

Then('the record is data item {item} with its length and format', function (this: CardWorld, tag: number) {
  expectSw(this.last.sw, SW.NO_ERROR);
  expectNoProblem(data.checkRecord(tag, this.last.data));
});

Then('the provinces of the card identifier and of the initialising institution agree', async function (this: CardWorld) {
  const m = await items(this);
  const city = toHex(item(m, 0x01).subarray(0, 3));
  const inst = cn(item(m, 0x04), '初始化机构编号');
  expectNoProblem(data.checkInstitution(item(m, 0x04)));
  expectThat(inst.slice(10, 12) === city.slice(0, 2), dx('ssse.provinces', { city, area: inst.slice(10, 16) }));
});

Then('the social security number has a valid GB 11643 check character', async function (this: CardWorld) {
  expectNoProblem(data.checkSocialSecurityNumber(decodeAn(item(await items(this), 0x08))));
});

Then('the card number has a valid annex A check character', async function (this: CardWorld) {
  expectNoProblem(data.checkCardNumber(decodeAn(item(await items(this), 0x07))));
});

Then('the expiry date is a calendar date after the issue date', async function (this: CardWorld) {
  const m = await items(this);
  expectNoProblem(data.checkDate(item(m, 0x05)));
  expectNoProblem(data.checkDate(item(m, 0x06)));
  const issue = decodeCn(item(m, 0x05));
  const expiry = decodeCn(item(m, 0x06));
  expectThat(expiry > issue, dx('ssse.expiryBeforeIssue', { expiry, issue }));
});

Then('the date of birth is the one in the social security number', async function (this: CardWorld) {
  const m = await items(this);
  const id = decodeAn(item(m, 0x08));
  const birth = item(m, 0x0d);
  if (data.unset(birth)) return;
  expectThat(cn(birth, '出生日期') === id.slice(6, 14), dx('ssse.birthDate', { birth: toHex(birth), date: id.slice(6, 14) }));
});

Then('the sex agrees with the social security number', async function (this: CardWorld) {
  const m = await items(this);
  const id = decodeAn(item(m, 0x08));
  const sex = decodeAn(item(m, 0x0a));
  expectNoProblem(data.checkSex(item(m, 0x0a)));
  if (sex === '9') return;
  // GB 11643: the 17th digit is odd for men, even for women.
  const expected = Number(id[16]) % 2 === 1 ? '1' : '2';
  expectThat(sex === expected, dx('ssse.sex', { sex, expected }));
});

Then('the specification version is the one the ICS declares', async function (this: CardWorld) {
  const v = decodeAn(item(await items(this), 0x03));
  expectThat(v.slice(0, 3) === version(this), dx('ssse.version', { actual: v, expected: version(this) }));
});

Then('the name is GBK text, continued in the name extension', async function (this: CardWorld) {
  const m = await items(this);
  expectNoProblem(data.checkAn(item(m, 0x09)));
  expectThat(decodeAn(item(m, 0x09)).length > 0, dx('ssse.nameEmpty'));
  if (version(this) !== '1.0') expectNoProblem(data.checkAn(item(m, 0x4e)));
});

Then('the EF06 records by number follow the order of the card version', async function (this: CardWorld) {
  const order = data.recordOrder('EF06', version(this));
  for (let n = 1; n <= order.length; n++) {
    const r = await this.send(iso.readRecord(n, SFI.EF06, iso.RECORD_MODE.NUMBER, 256));
    expectSw(r.sw, SW.NO_ERROR);
    expectThat(
      r.data[0] === order[n - 1],
      dx('ssse.ef06Order', { n, tag: toHex(r.data.subarray(0, 1)), version: version(this), expected: toHex(Uint8Array.of(order[n - 1] as number)) }),
    );
  }
});

export type { CommandApdu };
