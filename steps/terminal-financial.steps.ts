/**
 * Steps of the financial and integrated terminal suites (features/terminal): the terminal under test
 * pays with a test card; verdicts read its reported outcome (result, TVR, TSI) and the card-side trace.
 * Thin: the checks are src/terminal/pboc-trace.ts, the bits src/pboc/tvr.ts.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { SW } from '../src/apdu/sw.ts';
import { encodeGbk } from '../src/bytes/text.ts';
import { fromHex, toHex } from '../src/bytes/hex.ts';
import { swHex } from '../src/apdu/response.ts';
import type { TerminalHarness } from '../src/terminal/harness.ts';
import { askedFor, exchanges, gacValue, generateAcs, INS, isApdu, PSE_NAME_HEX, recordData, selectedAid, type Exchange } from '../src/terminal/pboc-trace.ts';
import { bitByName, hasBit, TSI, TVR, type Bit } from '../src/pboc/tvr.ts';
import { SSSE_DF_NAME } from '../src/sscard/terminal.ts';
import { encodeCommand } from '../src/apdu/command.ts';
import * as iso from '../src/iso7816/commands.ts';
import { getDataAnswer } from '../src/iso7816/fci.ts';
import { getData } from '../src/pboc/commands.ts';
import { parseDol, splitDolData } from '../src/tlv/dol.ts';
import { NonConformance } from '../src/verdict/errors.ts';
import { expectThat, given } from '../src/verdict/expect.ts';
import { DRIVER_PACED, attachTrace, harness } from './terminal.steps.ts';
import type { CardWorld } from './world.ts';
import { type Bilingual, dx } from '../src/verdict/messages.ts';
import { bitNameZh } from '../src/report/elements.ts';

const outcome = (w: CardWorld) => given(w.slot.outcome, 'terminal outcome');
const cardSide = (w: CardWorld): Exchange[] => exchanges(harness(w).requireCard().trace);
const params = (w: CardWorld) => w.slot.params ?? {};

function attach(w: CardWorld, _h: TerminalHarness): void {
  attachTrace(w);
}

async function pay(w: CardWorld, operation: string, amount: number, pin?: string): Promise<void> {
  const h = harness(w);
  w.slot.outcome = await h.perform({ operation, amount, ...(pin !== undefined ? { pin } : {}), params: params(w) });
  attach(w, h);
}

When('the terminal performs a purchase of {int} fen with the PIN {string}', DRIVER_PACED, function (this: CardWorld, amount: number, pin: string) {
  return pay(this, 'purchase', amount, pin);
});

When('the terminal performs an electronic cash purchase of {int} fen', DRIVER_PACED, function (this: CardWorld, amount: number) {
  return pay(this, 'ecPurchase', amount);
});

When(
  'the terminal reads the card basic data and pays {int} fen with the PIN {string} in one session',
  DRIVER_PACED,
  function (this: CardWorld, amount: number, pin: string) {
    return pay(this, 'iReadCardBas+purchase', amount, pin);
  },
);

Given("the terminal's random selection target is {int} percent", function (this: CardWorld, percent: number) {
  this.slot.params = { ...params(this), targetPercent: percent, maxTargetPercent: percent, threshold: 0 };
});

When(
  'the terminal performs {int} purchases of {int} fen on fresh {string} cards',
  DRIVER_PACED,
  async function (this: CardWorld, n: number, amount: number, image: string) {
    const h = harness(this);
    const sent: Uint8Array[] = [];
    const unpredictables: (Uint8Array | undefined)[] = [];
    for (let i = 0; i < n; i++) {
      await h.insert(image);
      await h.perform({ operation: 'purchase', amount, pin: this.profile.keys?.pin ?? '123456', params: params(this) });
      const tvr = gacValue(cardSide(this), 0, '95');
      if (!tvr) throw new NonConformance(dx('tvr.noGac', { n: i + 1 }));
      sent.push(tvr);
      unpredictables.push(gacValue(cardSide(this), 0, '9F37'));
    }
    this.slot.tvrs = sent;
    this.slot.unpredictables = unpredictables;
  },
);

Then('each of them carried an unpredictable number 9F37 of its own in the first GENERATE AC', function (this: CardWorld) {
  const uns = given(this.slot.unpredictables, 'unpredictable numbers sent');
  const hex = uns.map((u, i) => {
    if (!u) throw new NonConformance(dx('tfin.no9F37', { n: i + 1 }));
    return toHex(u);
  });
  const repeated = hex.find((u, i) => hex.indexOf(u) !== i);
  expectThat(repeated === undefined, dx('tfin.unpredictableRepeated', { n: hex.length, list: hex.join(', '), repeated: repeated as string }));
});

Then('between {int} and {int} of them were randomly selected for online processing', function (this: CardWorld, low: number, high: number) {
  const tvrs = given(this.slot.tvrs, 'TVRs sent');
  const n = tvrs.filter((t) => hasBit(t, TVR.RANDOMLY_SELECTED_ONLINE)).length;
  expectThat(n >= low && n <= high, dx('tvr.randomSelection', { n, total: tvrs.length, low, high }));
});

Then('the card saw SELECT of the PSE before any other application selection', function (this: CardWorld) {
  const byName = cardSide(this).filter((e) => e.command.ins === INS.SELECT && e.command.p1 === 0x04);
  const pse = byName.findIndex((e) => toHex(e.command.data) === PSE_NAME_HEX);
  expectThat(pse >= 0, dx('pse.neverSelected'));
  expectThat(
    byName.slice(0, pse).every((e) => toHex(e.command.data) === toHex(encodeGbk(SSSE_DF_NAME))),
    dx('pse.selectedBefore', { name: toHex((byName[0] as Exchange).command.data) }),
  );
});

Then('the terminal selected the application {word}', function (this: CardWorld, aid: string) {
  const seen = selectedAid(cardSide(this));
  expectThat(seen === aid.toUpperCase(), dx('tfin.gpoAfterSelect', { seen: seen ?? dx('tfin.noApplication'), aid }));
  const reported = outcome(this).fields?.['aid'];
  expectThat(
    reported === undefined || reported.toUpperCase() === aid.toUpperCase(),
    dx('tfin.reportedApplication', { reported: reported as string, seen: seen as string }),
  );
});

Then(/^the card saw no GET PROCESSING OPTIONS(?: for (\w+))?$/, function (this: CardWorld, aid?: string) {
  const x = cardSide(this);
  x.forEach((e, i) => {
    if (!isApdu(INS.GET_PROCESSING_OPTIONS)(e)) return;
    const selected = selectedAid(x.slice(0, i + 1));
    expectThat(aid != null && selected !== aid.toUpperCase(), dx('tfin.gpoFor', { n: i + 1, selected: selected as string }));
  });
});

Then('the card saw one GET PROCESSING OPTIONS for each application selection', function (this: CardWorld) {
  const x = cardSide(this);
  let selected = false;
  x.forEach((e, i) => {
    if (e.command.ins === INS.SELECT && e.command.p1 === 0x04) selected = true;
    if (!isApdu(INS.GET_PROCESSING_OPTIONS)(e)) return;
    expectThat(selected, dx('tfin.gpoAgain', { n: i + 1 }));
    selected = false;
  });
});

Then('the card saw no EXTERNAL AUTHENTICATE before the first GENERATE AC', function (this: CardWorld) {
  const x = cardSide(this);
  const ea = x.findIndex(isApdu(INS.EXTERNAL_AUTHENTICATE));
  const gac = x.findIndex(isApdu(INS.GENERATE_AC));
  expectThat(
    ea < 0 || (gac >= 0 && gac < ea),
    dx('tfin.externalBeforeGac', { ea: ea + 1, gac: gac < 0 ? dx('tfin.gacNone') : dx('tfin.gacCommand', { n: gac + 1 }) }),
  );
});

const NAMED: Record<string, number> = {
  VERIFY: INS.VERIFY,
  'INTERNAL AUTHENTICATE': INS.INTERNAL_AUTHENTICATE,
  'EXTERNAL AUTHENTICATE': INS.EXTERNAL_AUTHENTICATE,
  'GENERATE AC': INS.GENERATE_AC,
};

Then(/^the card saw no (VERIFY|INTERNAL AUTHENTICATE|EXTERNAL AUTHENTICATE|GENERATE AC)$/, function (this: CardWorld, name: string) {
  const i = cardSide(this).findIndex(isApdu(NAMED[name] as number));
  expectThat(i < 0, dx('card.sawAt', { name, n: i + 1 }));
});

Then(/^the card saw (VERIFY|INTERNAL AUTHENTICATE|EXTERNAL AUTHENTICATE)(?: answered ([0-9A-F]{4}))?$/, function (this: CardWorld, name: string, sw?: string) {
  const seen = cardSide(this).filter(isApdu(NAMED[name] as number));
  expectThat(seen.length > 0, dx('card.sawNo', { name }));
  if (sw)
    expectThat(
      seen.some((e) => e.sw === parseInt(sw, 16)),
      dx('card.sawAnswered', { name, seen: seen.map((e) => e.sw.toString(16).toUpperCase()).join(', '), sw }),
    );
});

Then('the card saw INTERNAL AUTHENTICATE before the first GENERATE AC', function (this: CardWorld) {
  const x = cardSide(this);
  const ia = x.findIndex(isApdu(INS.INTERNAL_AUTHENTICATE));
  const gac = x.findIndex(isApdu(INS.GENERATE_AC));
  expectThat(ia >= 0, dx('dda.noInternalAuth'));
  expectThat(gac < 0 || ia < gac, dx('dda.internalAuthAfterGac'));
});

/** A TVR or TSI bit named as the scenario names it, with its Chinese name (src/report/elements.ts). */
const bitName = (table: 'TVR' | 'TSI', words: string): Bilingual => ({ en: words, zh: bitNameZh(table, words) ?? words });

function bit(table: Record<string, Bit>, words: string): Bit {
  const b = bitByName(table, words);
  if (!b) throw new Error(`no bit "${words}" (src/pboc/tvr.ts)`);
  return b;
}

Then(/^the TSI bit "([^"]+)" is (set|clear)$/, function (this: CardWorld, words: string, state: string) {
  const tsi = outcome(this).tsi;
  expectThat(tsi !== undefined, dx('tsi.none'));
  const on = hasBit(fromHex(tsi as string), bit(TSI, words));
  expectThat(
    on === (state === 'set'),
    dx('tsi.bit', {
      tsi: tsi as string,
      bit: bitName('TSI', words),
      state: dx(on ? 'bit.set' : 'bit.clear'),
      expected: dx(state === 'set' ? 'bit.set' : 'bit.clear'),
    }),
  );
});

/** A TVR bit as the card saw it in GENERATE AC (first or second), checked against the reported TVR. */
Then(/^the TVR bit "([^"]+)" is (set|clear)( in the second GENERATE AC)?$/, function (this: CardWorld, words: string, state: string, second?: string) {
  const b = bit(TVR, words);
  const sent = gacValue(cardSide(this), second ? 1 : 0, '95');
  const reported = outcome(this).tvr;
  expectThat(sent !== undefined || reported !== undefined, dx('tvr.none'));
  const want = state === 'set';
  if (sent)
    expectThat(
      hasBit(sent, b) === want,
      dx('tvr.sentBit', {
        which: dx(second ? 'gac.second' : 'gac.first'),
        tvr: toHex(sent),
        bit: bitName('TVR', words),
        state: dx(want ? 'bit.clear' : 'bit.set'),
      }),
    );
  if (reported && (second || !sent))
    expectThat(
      hasBit(fromHex(reported), b) === want,
      dx('tvr.reportedBit', { tvr: reported, bit: bitName('TVR', words), state: dx(want ? 'bit.clear' : 'bit.set') }),
    );
});

Then(/^the (first|second) GENERATE AC asked for (AAC|TC|ARQC)$/, function (this: CardWorld, which: string, type: string) {
  const gac = generateAcs(cardSide(this))[which === 'first' ? 0 : 1];
  expectThat(gac !== undefined, dx('gac.noneSeen', { which: dx(which === 'second' ? 'gac.second' : 'gac.first') }));
  expectThat(
    askedFor(gac as Exchange) === type,
    dx('gac.askedFor', {
      which: dx(which === 'second' ? 'gac.second' : 'gac.first'),
      asked: askedFor(gac as Exchange),
      p1: toHex(Uint8Array.of((gac as Exchange).command.p1)),
      expected: type,
    }),
  );
});

Then(/^the terminal (went|did not go) online$/, function (this: CardWorld, how: string) {
  const online = generateAcs(cardSide(this)).length > 1;
  expectThat(
    online === (how === 'went'),
    dx('online.secondGac', { second: dx(online ? 'online.aSecond' : 'online.noSecond'), went: dx(online ? 'online.went' : 'online.didNotGo') }),
  );
  const reported = outcome(this).fields?.['online'];
  expectThat(reported === undefined || (reported === 'yes') === online, dx('online.reported', { reported: String(reported) }));
});

Then('the terminal reports the CVM {string}', function (this: CardWorld, cvm: string) {
  const reported = outcome(this).fields?.['cvm'];
  expectThat(reported === cvm, dx('cvm.reported', { actual: reported ?? dx('none'), expected: cvm }));
  const verified = cardSide(this).some(isApdu(INS.VERIFY));
  expectThat(verified === cvm.includes('offline PIN'), dx('cvm.verifyMismatch', { saw: dx(verified ? 'card.saw' : 'card.didNotSee'), cvm }));
});

Then('the card saw GET DATA 9F36 and 9F13', function (this: CardWorld) {
  const asked = cardSide(this)
    .filter(isApdu(INS.GET_DATA))
    .map((e) => toHex(Uint8Array.of(e.command.p1, e.command.p2)));
  expectThat(asked.includes('9F36') && asked.includes('9F13'), dx('tfin.velocityGetData', { asked: asked.join(', ') || dx('tfin.nothing') }));
});

Then(/^the card accepted PUT DATA (\w{4}) (before|after) the second GENERATE AC$/, function (this: CardWorld, tag: string, when: string) {
  const x = cardSide(this);
  const second = x.indexOf(generateAcs(x)[1] as Exchange);
  const i = x.findIndex((e) => e.command.ins === INS.PUT_DATA && toHex(Uint8Array.of(e.command.p1, e.command.p2)) === tag.toUpperCase());
  expectThat(i >= 0, dx('tfin.noPutData', { tag }));
  expectThat(second >= 0, dx('tfin.noSecondGac'));
  expectThat(
    when === 'before' ? i < second : i > second,
    dx('tfin.putDataWhen', {
      tag,
      came: dx(i < second ? 'before' : 'after'),
      template: when === 'before' ? '71' : '72',
      when: dx(when === 'before' ? 'before' : 'after'),
    }),
  );
  expectThat((x[i] as Exchange).sw === SW.NO_ERROR, dx('tfin.putDataAnswered', { tag, sw: swHex((x[i] as Exchange).sw) }));
});

Then('the card saw {word} = {word} in the GET PROCESSING OPTIONS data', function (this: CardWorld, tag: string, want: string) {
  const x = cardSide(this);
  const gpo = x.findIndex(isApdu(INS.GET_PROCESSING_OPTIONS));
  expectThat(gpo >= 0, dx('tfin.noGpo'));
  const select = x
    .slice(0, gpo)
    .reverse()
    .find((e) => e.command.ins === INS.SELECT && e.sw === SW.NO_ERROR);
  const fci = select ? recordData([{ ...select, command: { ...select.command, ins: INS.READ_RECORD } }]) : new Map();
  const pdol = fci.get('9F38');
  expectThat(pdol !== undefined, dx('tfin.noPdol'));
  const data = (x[gpo] as Exchange).command.data.subarray(2);
  const v = splitDolData(parseDol(pdol as Uint8Array), data)[tag.toUpperCase()];
  expectThat(
    v !== undefined && toHex(v) === want.toUpperCase(),
    dx('tfin.gpoData', {
      data: toHex(data),
      tag,
      v: v ? toHex(v) : dx('tfin.gpoAbsent'),
      want,
      why: tag === '9F7A' ? dx('tfin.noEcOffered') : tag === 'DF69' ? dx('tfin.noSmAnnounced') : '',
    }),
  );
});

Then("the card's EC balance is now {int} fen", async function (this: CardWorld, fen: number) {
  const card = harness(this).requireCard();
  const aid = selectedAid(cardSide(this)) ?? 'A000000333010101';
  await card.send(encodeCommand(iso.selectByName(fromHex(aid))));
  const r = await card.send(encodeCommand(getData('9F79')));
  const v = r.sw === SW.NO_ERROR ? getDataAnswer(r.data, '9F79').value : undefined;
  expectThat(v !== undefined, dx('tfin.getData9F79', { sw: r.sw.toString(16) }));
  expectThat(Number(toHex(v as Uint8Array)) === fen, dx('tfin.ecBalance', { v: Number(toHex(v as Uint8Array)), fen }));
});

/** The path the card took (JR/T 0025.13 §7.4.3: the EC issuer authorisation code 9F74 in its records marks the EC path), and the one the terminal reports, if it reports one. */
Then(/^the terminal reports the (debit|electronic cash) path$/, function (this: CardWorld, want: string) {
  const path = outcome(this).fields?.['path'];
  expectThat(path === undefined || path === want, dx('tfin.path', { path: path as string }));
  const ec = recordData(cardSide(this)).has('9F74');
  expectThat(ec === (want === 'electronic cash'), dx(ec ? 'tfin.ecPath' : 'tfin.debitPath'));
});

Then('the reported TVR equals the TVR in the last GENERATE AC', function (this: CardWorld) {
  const x = cardSide(this);
  const n = generateAcs(x).length;
  const sent = n ? gacValue(x, (n - 1) as 0 | 1, '95') : undefined;
  const reported = outcome(this).tvr;
  expectThat(
    sent !== undefined && reported !== undefined,
    dx('tfin.tvrSentReported', { sent: sent ? toHex(sent) : dx('none'), reported: reported ?? dx('none') }),
  );
  expectThat(
    toHex(sent as Uint8Array) === (reported as string).toUpperCase(),
    dx('tfin.tvrMismatch', { reported: reported as string, sent: toHex(sent as Uint8Array) }),
  );
});

Then('the first GENERATE AC carried the amount {int} fen in currency {word}', function (this: CardWorld, fen: number, currency: string) {
  const x = cardSide(this);
  const amount = gacValue(x, 0, '9F02');
  const cur = gacValue(x, 0, '5F2A');
  expectThat(amount !== undefined && Number(toHex(amount)) === fen, dx('tfin.amount', { amount: amount ? toHex(amount) : dx('tfin.gpoAbsent'), fen }));
  expectThat(cur !== undefined && toHex(cur) === currency, dx('tfin.currency', { cur: cur ? toHex(cur) : dx('tfin.gpoAbsent'), currency }));
});

Then('the first GENERATE AC carried the terminal country code {word}', function (this: CardWorld, country: string) {
  const v = gacValue(cardSide(this), 0, '9F1A');
  expectThat(v !== undefined && toHex(v) === country, dx('tmfin.gacCountry', { actual: v ? toHex(v) : '—', expected: country }));
});

/** The first SELECT of the payment side: the PSE or a UnionPay application (RID A000000333). */
function financialSelection(x: readonly Exchange[]): Exchange | undefined {
  return x.find(
    (e) => e.command.ins === INS.SELECT && e.command.p1 === 0x04 && (toHex(e.command.data) === PSE_NAME_HEX || toHex(e.command.data).startsWith('A000000333')),
  );
}

Then('the card saw the SSSE selected before the financial application', function (this: CardWorld) {
  const x = cardSide(this);
  const ssse = x.findIndex((e) => e.command.ins === INS.SELECT && toHex(e.command.data) === toHex(encodeGbk(SSSE_DF_NAME)));
  const pay = financialSelection(x);
  expectThat(ssse >= 0 && pay !== undefined, dx('tfin.bothSelected', { ssse: ssse >= 0, pay: pay !== undefined }));
  expectThat(ssse < x.indexOf(pay as Exchange), dx('tfin.financialFirst'));
});

function paymentStart(w: CardWorld): number {
  const e = financialSelection(cardSide(w));
  if (!e) throw new NonConformance(dx('tfin.noFinancialSelection'));
  return e.seq;
}

Then('the PSAM saw commands before the payment began', function (this: CardWorld) {
  const at = paymentStart(this);
  expectThat(
    harness(this).psam.trace.some((e) => e.seq < at),
    dx('tfin.psamUnused'),
  );
});

Then('the PSAM saw no command during the payment', function (this: CardWorld) {
  const at = paymentStart(this);
  const after = harness(this).psam.trace.filter((e) => e.seq > at);
  expectThat(after.length === 0, dx('tfin.psamDuringPayment', { commands: after.map((e) => e.command).join(', ') }));
});

Then(/^the (first|second) GENERATE AC asked for the CDA signature$/, function (this: CardWorld, which: string) {
  const gac = generateAcs(cardSide(this))[which === 'first' ? 0 : 1];
  expectThat(gac !== undefined, dx('gac.noneSeen', { which: dx(which === 'second' ? 'gac.second' : 'gac.first') }));
  const p1 = (gac as Exchange).command.p1;
  expectThat((p1 & 0x10) !== 0, dx('tfin.cdaNotRequested', { which: dx(which === 'second' ? 'gac.second' : 'gac.first'), p1: toHex(Uint8Array.of(p1)) }));
});

/** A TVR bit known only after the card answered (CDA is checked on the GENERATE AC response): the reported TVR. */
Then('the terminal reports the TVR bit {string} set', function (this: CardWorld, words: string) {
  const reported = outcome(this).tvr;
  expectThat(reported !== undefined, dx('tfin.noTvr'));
  expectThat(
    hasBit(fromHex(reported as string), bit(TVR, words)),
    dx('tvr.reportedBit', { tvr: reported as string, bit: bitName('TVR', words), state: dx('bit.clear') }),
  );
});
