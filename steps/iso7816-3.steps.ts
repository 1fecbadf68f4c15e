/** Steps of ISO/IEC 7816-3: the ATR, the T=1 block layer, and what no target reaches. Thin: src/iso7816 holds the logic. */
import { Given, Then, When } from '@cucumber/cucumber';
import { toHex } from '../src/bytes/hex.ts';
import * as iso from '../src/iso7816/commands.ts';
import { type Atr, AtrError, atrProblems, offeredProtocols, parseAtr } from '../src/iso7816/atr.ts';
import { T1Channel } from '../src/iso7816/t1-channel.ts';
import { type Block, R_ERROR, type T1Interface, describeBlock, encodeBlock, iBlock, kindOf, nrOf, nsOf, rErrorOf } from '../src/iso7816/t1.ts';
import { encodeCommand } from '../src/apdu/command.ts';
import { fromHex } from '../src/bytes/hex.ts';
import { internalAuthenticate } from '../src/sscard/commands.ts';
import { sscardHistoricalProblems, sscardInterfaceProblems } from '../src/sscard/atr.ts';
import { dfNameBytes } from '../src/profile/profile.ts';
import { NonConformance, PreconditionNotMet, Unobservable } from '../src/verdict/errors.ts';
import { expectBytes, expectThat, given } from '../src/verdict/expect.ts';
import { type Diagnosis, dx, findings } from '../src/verdict/messages.ts';
import type { CardWorld } from './world.ts';

// ---- ATR (ISO/IEC 7816-3 §8; 社会保障卡规范 part 2 §8) -------------------------------------------

/** The ATRs of the scenario's resets, by kind. */
const RESETS = new WeakMap<CardWorld, { cold?: Uint8Array; warm?: Uint8Array }>();
function resets(w: CardWorld): { cold?: Uint8Array; warm?: Uint8Array } {
  let r = RESETS.get(w);
  if (!r) RESETS.set(w, (r = {}));
  return r;
}

/** The ATR parsed; a malformed one is the card's fault. */
function atrOf(w: CardWorld): { raw: Uint8Array; atr: Atr } {
  const raw = w.card.channel.atr;
  try {
    return { raw, atr: parseAtr(raw) };
  } catch (e) {
    if (e instanceof AtrError) throw new NonConformance(dx('atr.notParsed', { atr: toHex(raw, ' '), detail: e.diagnosis }));
    throw e;
  }
}

// A malformed ATR is ISO-ATR-002's FAIL; the clauses of the other ATR scenarios are then not judged.
Given("the card's ATR can be read", function (this: CardWorld) {
  const raw = this.card.channel.atr;
  try {
    parseAtr(raw);
  } catch (e) {
    if (e instanceof AtrError) throw new PreconditionNotMet(dx('atr.unreadable', { atr: toHex(raw, ' '), detail: e.diagnosis }));
    throw e;
  }
});

function expectNoAtrProblems(w: CardWorld, what: Diagnosis, problems: readonly Diagnosis[]) {
  expectThat(!problems.length, dx('atr.problems', { atr: toHex(w.card.channel.atr, ' '), what, problems: findings(problems) }));
}

Given('the card has been powered up with a cold reset', async function (this: CardWorld) {
  const channel = this.card.channel;
  if (!channel.coldReset) throw new Unobservable(dx('atr.noColdReset', { reader: channel.description }));
  resets(this).cold = await channel.coldReset();
});

When('the terminal warm-resets the card', async function (this: CardWorld) {
  resets(this).warm = await this.card.channel.reset();
});

Then('the warm reset answers the cold reset ATR, or the warm ATR the product declares', function (this: CardWorld) {
  const { cold, warm } = resets(this);
  const declared = this.profile.product.expectedWarmAtr;
  expectBytes(given(warm, 'warm ATR'), declared ? fromHex(declared) : given(cold, 'cold ATR'), dx(declared ? 'atr.warmDeclared' : 'atr.warmCold'));
});

Then("the ATR's global interface bytes code values ISO\\/IEC 7816-3 defines", function (this: CardWorld) {
  const { raw, atr } = atrOf(this);
  expectNoAtrProblems(
    this,
    dx('atrw.global'),
    atrProblems(raw, atr)
      .filter((p) => p.part === 'global')
      .map((p) => p.problem),
  );
});

Then("the ATR's TD bytes indicate the protocols in ascending order", function (this: CardWorld) {
  const { raw, atr } = atrOf(this);
  expectNoAtrProblems(
    this,
    dx('atrw.sequence'),
    atrProblems(raw, atr)
      .filter((p) => p.part === 'sequence')
      .map((p) => p.problem),
  );
});

Then("the ATR's protocol specific bytes code values ISO\\/IEC 7816-3 defines", function (this: CardWorld) {
  const { raw, atr } = atrOf(this);
  expectNoAtrProblems(
    this,
    dx('atrw.specific'),
    atrProblems(raw, atr)
      .filter((p) => p.part === 'specific')
      .map((p) => p.problem),
  );
});

Then('the ATR offers exactly the protocols of the ICS', function (this: CardWorld) {
  const offered = offeredProtocols(atrOf(this).atr).map((t) => `T=${t}`);
  const declared = [...this.profile.ics.protocols];
  const same = offered.length === declared.length && declared.every((p) => offered.includes(p));
  expectThat(same, dx('atr.protocols', { offered: offered.join(', '), declared: declared.join(', ') }));
});

Then('the ATR is the basic ATR of 社会保障卡规范 part 2', function (this: CardWorld) {
  const { raw, atr } = atrOf(this);
  expectNoAtrProblems(this, dx('atrw.basic'), sscardInterfaceProblems(raw, atr));
});

Then('the ATR carries the basic historical bytes of 社会保障卡规范 part 2', function (this: CardWorld) {
  expectNoAtrProblems(this, dx('atrw.historical'), sscardHistoricalProblems(atrOf(this).atr));
});

// ---- T=1 blocks through a TPDU-capable reader (ISO/IEC 7816-3 §11) --------------------------------

/** The interface device of a TPDU target, and where the scenario's blocks begin in its log. */
function ifd(w: CardWorld): T1Interface {
  const channel = w.card.channel;
  if (!(channel instanceof T1Channel)) throw new Unobservable(dx('t1.needsTpdu', { reader: channel.description }));
  return channel.t1;
}
const MARK = new WeakMap<CardWorld, { at: number; raw?: { block: Block } | { error: Diagnosis }; command?: Uint8Array }>();
const mark = (w: CardWorld) => given(MARK.get(w), 'a block exchange of this scenario');
const since = (w: CardWorld) => ifd(w).log.slice(mark(w).at);

When('the interface device asks for IFSD {int}', async function (this: CardWorld, n: number) {
  MARK.set(this, { at: ifd(this).log.length });
  await ifd(this).ifsRequest(n);
});

When('the interface device asks for the reserved IFSD 00 and FF and for one in two bytes, and the card refuses each', async function (this: CardWorld) {
  for (const inf of [[0x00], [0xff], [0x10, 0x00]]) await ifd(this).invalidIfsRequest(Uint8Array.from(inf));
});

When('the interface device resynchronises the card', async function (this: CardWorld) {
  MARK.set(this, { at: ifd(this).log.length });
  await ifd(this).resynch();
});

When('the terminal selects the SSSE by its name in I-blocks of {int} bytes', async function (this: CardWorld, n: number) {
  const t1 = ifd(this);
  MARK.set(this, { at: t1.log.length });
  t1.chunk = n;
  try {
    await this.send(iso.selectByName(dfNameBytes(this.objects.ssse)));
  } finally {
    t1.chunk = undefined;
  }
});

When('the interface device sends the SELECT of the SSSE in an I-block with a wrong LRC', async function (this: CardWorld) {
  const t1 = ifd(this);
  const command = encodeCommand(iso.selectByName(dfNameBytes(this.objects.ssse)));
  const bytes = encodeBlock(iBlock(t1.ns, false, command));
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x5a;
  const at = t1.log.length;
  MARK.set(this, { at, raw: await t1.sendRaw(bytes, dx('t1b.wrongLrc')), command });
});

When('the interface device sends that command again with its right LRC', async function (this: CardWorld) {
  await this.send(given(mark(this).command, 'the command'));
});

When('the interface device begins a chained SELECT of the SSSE and aborts it', async function (this: CardWorld) {
  const t1 = ifd(this);
  MARK.set(this, { at: t1.log.length });
  await t1.abortAfter(encodeCommand(iso.selectByName(dfNameBytes(this.objects.ssse))).subarray(0, 5));
});

When('the terminal sends INTERNAL AUTHENTICATE to the SSSE', async function (this: CardWorld) {
  MARK.set(this, { at: ifd(this).log.length });
  await this.send(internalAuthenticate(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), Uint8Array.from([8, 7, 6, 5, 4, 3, 2, 1])));
});

Then('the card answered an R-block with an EDC error asking for that block again', function (this: CardWorld) {
  const raw = given(mark(this).raw, "the card's answer");
  if (!('block' in raw)) throw new NonConformance(dx('t1.noValidBlock', { error: raw.error }));
  const b = raw.block;
  const ns = ifd(this).ns;
  expectThat(kindOf(b.pcb) === 'R' && nrOf(b) === ns && rErrorOf(b) === R_ERROR.EDC, dx('t1.wrongLrc', { block: describeBlock(b), ns }));
});

Then('each chained block was acknowledged with an R-block asking for the next N\\(S)', function (this: CardWorld) {
  const log = since(this);
  let chained = 0;
  for (const [i, e] of log.entries()) {
    if (e.from !== 'IFD' || !e.text.includes(',M)')) continue;
    chained++;
    const ns = e.text.startsWith('I(1') ? 1 : 0;
    const next = log[i + 1];
    expectThat(next?.text === `R(${ns ^ 1})`, dx('t1.chainAck', { next: next?.what ?? dx('t1.nothing'), block: e.what, nr: ns ^ 1 }));
  }
  expectThat(chained > 0, dx('t1.notChained'));
});

Then('no block of the card carried more than {int} bytes', function (this: CardWorld, n: number) {
  const blocks = ifd(this).cardBlocks(mark(this).at);
  const longest = Math.max(0, ...blocks.map((b) => b.inf.length));
  expectThat(longest <= n, dx('t1.ifsd', { longest, n }));
  expectThat(blocks.filter((b) => kindOf(b.pcb) === 'I').length > 1, dx('t1.oneBlock', { n }));
});

Then("the card's I-blocks since the mark number N\\(S) alternately from {int}", function (this: CardWorld, first: number) {
  const ns = ifd(this)
    .cardBlocks(mark(this).at)
    .filter((b) => kindOf(b.pcb) === 'I')
    .map(nsOf);
  const want = ns.map((_, i) => (first + i) & 1);
  expectThat(ns.length > 1, dx('t1.fewBlocks', { n: ns.length }));
  expectThat(ns.join() === want.join(), dx('t1.ns', { ns: ns.join(', '), want: want.join(', ') }));
});

Then('every block of the card began within BWT or the waiting time extension it asked for', function (this: CardWorld) {
  const late = since(this).filter((e) => e.from === 'ICC' && e.afterMs !== undefined && e.bwtMs !== undefined && e.afterMs > e.bwtMs);
  expectThat(!late.length, findings(late.map((e) => dx('t1b.late', { block: e.what, after: e.afterMs ?? 0, bwt: (e.bwtMs ?? 0).toFixed(0) }))));
  expectThat(
    since(this).some((e) => e.from === 'ICC' && e.text.startsWith('I(')),
    dx('t1.noIBlock'),
  );
});

// ---- What no target of sscc reaches (ISO/IEC 7816-3 line level; reports/iso7816-3-items.yaml) -----

When('a test tool on the contacts exercises the item', function (this: CardWorld) {
  throw new Unobservable(dx('line.contacts'));
});

Then('the card meets the item at the contacts', function (this: CardWorld) {
  throw new Unobservable(dx('line.contacts'));
});
