/**
 * Steps of the medical insurance account in offline mode (features/medical). Thin: the flows live in
 * src/medical/terminal.ts, the cryptography in src/medical/crypto.ts; the PSAM is card-sim's PSAM image
 * with the profile's roots, the medical-insurance host src/medical/host.ts. Scenarios judge changes
 * relative to what the card showed before (a card keeps its account between scenarios).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { PSAM_TERMINAL_NUMBER } from '../card-sim/index.ts';
import { SW } from '../src/apdu/sw.ts';
import { swHex } from '../src/apdu/response.ts';
import { toHex } from '../src/bytes/hex.ts';
import { getTransactionProof, parseDetailRecord } from '../src/medical/commands.ts';
import { MAX_AMOUNT, TRANSACTION_TYPE, u32 } from '../src/medical/crypto.ts';
import { NonConformance, Unobservable } from '../src/verdict/errors.ts';
import { expectBytes, expectSw, expectThat, given } from '../src/verdict/expect.ts';
import { dx } from '../src/verdict/messages.ts';
import type { CardWorld } from './world.ts';

import { DEFAULT_TIME, account, buy, lastLoad, lastPurchase, load, mustOk, noted, now, terminal } from './medical-context.ts';

// ---- Given --------------------------------------------------------------------------------------

Given('DF04 is selected with the PIN verified', async function (this: CardWorld) {
  const t = await terminal(this);
  await t.selectDf04();
  const pin = this.profile.keys?.pin;
  if (pin === undefined) throw new Unobservable(dx('med.noPin'));
  expectSw((await t.verifyPin(pin)).sw, SW.NO_ERROR);
});

Given('DF04 is selected without the PIN', async function (this: CardWorld) {
  await (await terminal(this)).selectDf04();
});

Given('the terminal has noted the medical account', async function (this: CardWorld) {
  this.med.noted = await now(this);
});

// ---- When: whole transactions ---------------------------------------------------------------------

When('the terminal buys for {int} fen from the account', async function (this: CardWorld, n: number) {
  await buy(this, account(n));
});

When('the terminal buys for {int} fen from the account with a wrong MAC1', async function (this: CardWorld, n: number) {
  await buy(this, account(n), { corruptMac1: true });
});

When(
  'the terminal buys for {int} fen self-paid and {int} fen from the pooled fund in the payment year',
  async function (this: CardWorld, self: number, pooled: number) {
    const s = noted(this);
    await buy(this, { account: 0, selfPaid: self, pooled }, { time: `${s.year}${s.startingDay}120000` });
  },
);

When(
  'the terminal buys for {int} fen self-paid and {int} fen from the pooled fund a year after the payment year began',
  async function (this: CardWorld, self: number, pooled: number) {
    const s = noted(this);
    await buy(this, { account: 0, selfPaid: self, pooled }, { time: `${Number(s.year) + 1}${s.startingDay}120000` });
  },
);

When('the terminal buys for {int} fen self-paid on December 30 of the year after the payment year', async function (this: CardWorld, self: number) {
  const s = noted(this);
  await buy(this, { account: 0, selfPaid: self, pooled: 0 }, { time: `${Number(s.year) + 1}1230120000` });
});

When('the terminal buys for the balance plus 1 fen from the account', async function (this: CardWorld) {
  const b = noted(this).balance;
  if (b >= MAX_AMOUNT) throw new Unobservable(dx('med.balanceMax'));
  await buy(this, account(b + 1));
});

When('the terminal loads {int} fen', async function (this: CardWorld, n: number) {
  await load(this, n);
});

When('the terminal loads {int} fen with a wrong MAC2', async function (this: CardWorld, n: number) {
  await load(this, n, { corruptMac2: true });
});

When('the terminal starts a load that would take the balance past FFFFFFFF', async function (this: CardWorld) {
  const b = noted(this).balance;
  if (b === 0) throw new Unobservable(dx('med.balanceZero'));
  const amount = MAX_AMOUNT - b + 1;
  this.med.load = { run: await (await terminal(this)).prepareLoad(amount), amount };
});

When('the terminal starts a purchase that would take the yearly self-paid total past FFFFFFFF', async function (this: CardWorld) {
  const spip = (await now(this)).spip;
  if (spip === 0) throw new Unobservable(dx('med.totalZero'));
  const amounts = { account: 0, selfPaid: MAX_AMOUNT - spip + 1, pooled: 0 };
  this.med.purchase = { run: await (await terminal(this)).preparePurchase(amounts, { time: DEFAULT_TIME }), amounts };
});

When('the terminal starts a purchase that would take the yearly pooled total past FFFFFFFF', async function (this: CardWorld) {
  const spfp = (await now(this)).spfp;
  if (spfp === 0) throw new Unobservable(dx('med.totalZero'));
  const amounts = { account: 0, selfPaid: 0, pooled: MAX_AMOUNT - spfp + 1 };
  this.med.purchase = { run: await (await terminal(this)).preparePurchase(amounts, { time: DEFAULT_TIME }), amounts };
});

/** A load of exactly what takes the noted balance to FFFFFFFF, the most its 4 bytes hold (part 5 §7.5.5). */
When('the terminal loads the balance up to FFFFFFFF', async function (this: CardWorld) {
  const b = noted(this).balance;
  if (b >= MAX_AMOUNT) throw new Unobservable(dx('med.balanceFull'));
  await load(this, MAX_AMOUNT - b);
});

/** Puts the noted balance back after a fill: a purchase of what the balance now holds above it. */
When('the terminal buys back what the balance holds above the noted one', async function (this: CardWorld) {
  const n = (await now(this)).balance - noted(this).balance;
  const r = await buy(this, account(n));
  mustOk(r.debit?.sw ?? r.init.sw, dx('med.restorePurchase', { n }));
});

When('the terminal loads back what the purchase took', async function (this: CardWorld) {
  const n = lastPurchase(this).amounts.account;
  const r = await load(this, n);
  mustOk(r.credit?.sw ?? r.init.sw, dx('med.restoreLoad', { n }));
});

When('the terminal buys back what the load gave', async function (this: CardWorld) {
  const n = lastLoad(this).amount;
  const r = await buy(this, account(n));
  mustOk(r.debit?.sw ?? r.init.sw, dx('med.restorePurchase', { n }));
});

// ---- When: one command at a time (table 49) ---------------------------------------------------------

When('the terminal starts a purchase of {int} fen from the account', async function (this: CardWorld, n: number) {
  if (this.med.purchase) this.med.previousPurchase = this.med.purchase;
  const run = await (await terminal(this)).preparePurchase(account(n), { time: DEFAULT_TIME });
  this.med.purchase = { run, amounts: account(n) };
});

When('the terminal starts a load of {int} fen', async function (this: CardWorld, n: number) {
  const run = await (await terminal(this)).prepareLoad(n);
  this.med.load = { run, amount: n };
});

When("the terminal sends DEBIT FOR PURCHASE with the PSAM's MAC1", async function (this: CardWorld) {
  const p = lastPurchase(this);
  if (!p.run.debitCommand) throw new NonConformance(dx('med.noDebit', { sw: swHex(p.run.init.sw) }));
  await (await terminal(this)).completePurchase(p.run, p.amounts);
});

When("the terminal sends CREDIT FOR LOAD with the host's MAC2", async function (this: CardWorld) {
  const l = lastLoad(this);
  if (!l.run.creditCommand)
    throw new NonConformance(dx('med.noCredit', { sw: swHex(l.run.init.sw), refused: l.run.mac1Valid === false ? dx('med.mac1Refused') : '' }));
  await (await terminal(this)).completeLoad(l.run);
});

When('the terminal asks GET BALANCE of the account', async function (this: CardWorld) {
  await (await terminal(this)).send({ cla: 0xb0, ins: 0x26, p1: 0x00, p2: 0x01, data: new Uint8Array(0), ne: 4 });
});

When('the terminal asks GET TRANSACTION PROOF of that purchase', async function (this: CardWorld) {
  const seq = lastPurchase(this).run.initData?.purchaseSeq;
  if (seq === undefined) throw new NonConformance(dx('med.purchaseNotStarted'));
  await (await terminal(this)).send(getTransactionProof(TRANSACTION_TYPE.purchase, seq));
});

When('the terminal asks GET TRANSACTION PROOF of the previous purchase', async function (this: CardWorld) {
  const seq = given(this.med.previousPurchase, 'previous purchase').run.initData?.purchaseSeq;
  if (seq === undefined) throw new NonConformance(dx('med.previousNotStarted'));
  await (await terminal(this)).send(getTransactionProof(TRANSACTION_TYPE.purchase, seq));
});

When('the terminal asks GET TRANSACTION PROOF of that load', async function (this: CardWorld) {
  const seq = lastLoad(this).run.initData?.loadSeq;
  if (seq === undefined) throw new NonConformance(dx('med.loadNotStarted'));
  await (await terminal(this)).send(getTransactionProof(TRANSACTION_TYPE.load, seq));
});

When('the terminal asks GET TRANSACTION PROOF of the next purchase sequence number', async function (this: CardWorld) {
  const seq = lastPurchase(this).run.initData?.purchaseSeq;
  if (seq === undefined) throw new NonConformance(dx('med.purchaseNotStarted'));
  await (await terminal(this)).send(getTransactionProof(TRANSACTION_TYPE.purchase, (seq + 1) & 0xffff));
});

When('the terminal selects DF04 again', async function (this: CardWorld) {
  const t = await terminal(this);
  await t.selectDf04();
});

When('the terminal sets the starting day to the noted one', async function (this: CardWorld) {
  await (await terminal(this)).send({ cla: 0xb0, ins: 0x56, p1: 0x00, p2: 0x00, data: Uint8Array.from(Buffer.from(noted(this).startingDay, 'hex')) });
});

When('the terminal sets the starting day to {word} after DSK authentication', async function (this: CardWorld, mmdd: string) {
  await (await terminal(this)).updateStartingDay(mmdd);
});

When('the terminal puts the noted starting day back after DSK authentication', async function (this: CardWorld) {
  mustOk((await (await terminal(this)).updateStartingDay(noted(this).startingDay)).sw, dx('med.startingDayBack'));
});

// ---- Then -------------------------------------------------------------------------------------------

Then('the purchase completed with 9000', function (this: CardWorld) {
  const r = lastPurchase(this).run;
  mustOk(r.init.sw, 'INITIALIZE FOR PURCHASE');
  mustOk(r.debit?.sw, 'DEBIT FOR PURCHASE');
});

Then('the load completed with 9000', function (this: CardWorld) {
  const r = lastLoad(this).run;
  mustOk(r.init.sw, 'INITIALIZE FOR LOAD');
  expectThat(r.mac1Valid === true, dx('med.mac1Host'));
  mustOk(r.credit?.sw, 'CREDIT FOR LOAD');
});

Then('INITIALIZE FOR PURCHASE answered {sw}', function (this: CardWorld, sw: number) {
  expectSw(lastPurchase(this).run.init.sw, sw);
});

Then('INITIALIZE FOR LOAD answered {sw}', function (this: CardWorld, sw: number) {
  expectSw(lastLoad(this).run.init.sw, sw);
});

Then('DEBIT FOR PURCHASE answered {sw}', function (this: CardWorld, sw: number) {
  const r = lastPurchase(this).run;
  mustOk(r.init.sw, 'INITIALIZE FOR PURCHASE');
  expectSw(r.debit?.sw ?? -1, sw);
});

Then('CREDIT FOR LOAD answered {sw}', function (this: CardWorld, sw: number) {
  const r = lastLoad(this).run;
  mustOk(r.init.sw, 'INITIALIZE FOR LOAD');
  expectSw(r.credit?.sw ?? -1, sw);
});

Then("the PSAM accepts the card's MAC2", function (this: CardWorld) {
  expectThat(lastPurchase(this).run.mac2Valid === true, dx('med.mac2Psam'));
});

Then('the host accepts the TAC of the purchase', function (this: CardWorld) {
  expectThat(lastPurchase(this).run.tacValid === true, dx('med.purchaseTac', { tac: toHex(lastPurchase(this).run.tac ?? new Uint8Array(0)) }));
});

Then('the host accepts the TAC of the load', function (this: CardWorld) {
  expectThat(lastLoad(this).run.tacValid === true, dx('med.loadTac'));
});

Then('the balance is {int} fen lower than noted', async function (this: CardWorld, n: number) {
  const b = (await now(this)).balance;
  expectThat(b === noted(this).balance - n, dx('med.balance', { b, noted: noted(this).balance, expected: noted(this).balance - n }));
});

Then('the balance is {int} fen higher than noted', async function (this: CardWorld, n: number) {
  const b = (await now(this)).balance;
  expectThat(b === noted(this).balance + n, dx('med.balance', { b, noted: noted(this).balance, expected: noted(this).balance + n }));
});

Then('the balance is FFFFFFFF less {int} fen', async function (this: CardWorld, n: number) {
  const b = (await now(this)).balance;
  expectThat(b === MAX_AMOUNT - n, dx('med.balance', { b, noted: noted(this).balance, expected: MAX_AMOUNT - n }));
});

Then('the balance is as noted', async function (this: CardWorld) {
  const b = (await now(this)).balance;
  expectThat(b === noted(this).balance, dx('med.balanceMoved', { b, noted: noted(this).balance }));
});

Then('the purchase sequence number is {int} more than noted', async function (this: CardWorld, n: number) {
  const s = (await now(this)).purchaseSeq;
  expectThat(
    s === ((noted(this).purchaseSeq + n) & 0xffff),
    dx('med.purchaseSeq', { s, noted: noted(this).purchaseSeq, expected: noted(this).purchaseSeq + n }),
  );
});

Then('the load sequence number is {int} more than noted', async function (this: CardWorld, n: number) {
  const s = (await now(this)).loadSeq;
  expectThat(s === ((noted(this).loadSeq + n) & 0xffff), dx('med.loadSeq', { s, noted: noted(this).loadSeq, expected: noted(this).loadSeq + n }));
});

Then('EF08 has no new record', async function (this: CardWorld) {
  const n = (await now(this)).newest;
  expectThat(n === noted(this).newest, dx('med.ef08Changed', { n: n ?? dx('none'), noted: noted(this).newest ?? dx('none') }));
});

Then('the newest EF08 record holds that purchase', async function (this: CardWorld) {
  const p = lastPurchase(this);
  const hex = (await now(this)).newest;
  const r = hex ? parseDetailRecord(Uint8Array.from(Buffer.from(hex, 'hex'))) : undefined;
  if (!r) throw new NonConformance(dx('med.ef08NoRecord', { hex: hex ?? dx('absent') }));
  const want = {
    seq: p.run.initData?.purchaseSeq,
    type: TRANSACTION_TYPE.purchase,
    terminal: PSAM_TERMINAL_NUMBER,
    time: toHex(p.run.time),
    account: p.amounts.account,
    selfPaid: p.amounts.selfPaid,
    pooled: p.amounts.pooled,
  };
  expectThat(
    JSON.stringify(r) === JSON.stringify(want),
    dx('med.ef08Record', { got: JSON.stringify(r), want: JSON.stringify(want), clause: dx('med.clausePurchase') }),
  );
});

Then('the newest EF08 record holds that load', async function (this: CardWorld) {
  const l = lastLoad(this);
  const hex = (await now(this)).newest;
  const r = hex ? parseDetailRecord(Uint8Array.from(Buffer.from(hex, 'hex'))) : undefined;
  if (!r) throw new NonConformance(dx('med.ef08NoRecord', { hex: hex ?? dx('absent') }));
  const want = {
    seq: l.run.initData?.loadSeq,
    type: TRANSACTION_TYPE.load,
    terminal: PSAM_TERMINAL_NUMBER,
    time: toHex(l.run.hostTime),
    account: l.amount,
    selfPaid: 0,
    pooled: 0,
  };
  expectThat(
    JSON.stringify(r) === JSON.stringify(want),
    dx('med.ef08Record', { got: JSON.stringify(r), want: JSON.stringify(want), clause: dx('med.clauseLoad') }),
  );
});

Then('the yearly totals grew by {int} self-paid and {int} pooled in the same payment year', async function (this: CardWorld, self: number, pooled: number) {
  const s = await now(this);
  const n = noted(this);
  expectThat(
    s.spip === n.spip + self && s.spfp === n.spfp + pooled && s.year === n.year,
    dx('med.yearly', { spip: s.spip, spfp: s.spfp, year: s.year, eSpip: n.spip + self, eSpfp: n.spfp + pooled, eYear: n.year }),
  );
});

Then('the yearly totals are {int} self-paid and {int} pooled in the next payment year', async function (this: CardWorld, self: number, pooled: number) {
  const s = await now(this);
  const year = String(Number(noted(this).year) + 1);
  expectThat(
    s.spip === self && s.spfp === pooled && s.year === year,
    dx('med.yearlyRestart', { spip: s.spip, spfp: s.spfp, year: s.year, eSpip: self, eSpfp: pooled, eYear: year }),
  );
});

Then('the card gives the MAC2 and TAC of that purchase', function (this: CardWorld) {
  const r = lastPurchase(this).run;
  expectSw(this.last.sw, SW.NO_ERROR);
  expectBytes(this.last.data, Uint8Array.from([...(r.mac2 ?? []), ...(r.tac ?? [])]), {
    en: 'MAC ‖ TAC of GET TRANSACTION PROOF',
    zh: 'GET TRANSACTION PROOF 给出的 MAC ‖ TAC',
  });
});

Then('the card gives the MAC2 and TAC of that load', function (this: CardWorld) {
  const r = lastLoad(this).run;
  expectSw(this.last.sw, SW.NO_ERROR);
  const mac2 = r.creditCommand?.data.subarray(7, 11) ?? new Uint8Array(0);
  expectBytes(this.last.data, Uint8Array.from([...mac2, ...(r.credit?.data ?? [])]), {
    en: 'MAC ‖ TAC of GET TRANSACTION PROOF',
    zh: 'GET TRANSACTION PROOF 给出的 MAC ‖ TAC',
  });
});

Then('the balance the card gives is the noted one', function (this: CardWorld) {
  expectSw(this.last.sw, SW.NO_ERROR);
  expectBytes(this.last.data, u32(noted(this).balance), { en: 'CIA balance', zh: '个人账户余额' });
});

Then('GET BALANCE and INITIALIZE FOR PURCHASE report the same balance', function (this: CardWorld) {
  const n = noted(this);
  expectThat(n.balance === n.init.balance, dx('med.balanceTwoWays', { balance: n.balance, init: n.init.balance }));
});

Then('GET BALANCE and INITIALIZE FOR PURCHASE report the same yearly totals and payment year', function (this: CardWorld) {
  const n = noted(this);
  const same = n.spip === n.init.spip && n.spfp === n.init.spfp && n.year === n.init.year;
  expectThat(same, dx('med.totalsTwoWays', { spip: n.spip, spfp: n.spfp, year: n.year, iSpip: n.init.spip, iSpfp: n.init.spfp, iYear: n.init.year }));
});

Then('the card gives a starting day mmdd in cn', function (this: CardWorld) {
  expectSw(this.last.sw, SW.NO_ERROR);
  const d = toHex(this.last.data);
  const m = Number(d.slice(0, 2));
  const day = Number(d.slice(2, 4));
  expectThat(/^\d{4}$/.test(d) && m >= 1 && m <= 12 && day >= 1 && day <= 31, dx('med.startingDayFormat', { d }));
});

Then('the starting day is {word}', async function (this: CardWorld, mmdd: string) {
  const d = (await now(this)).startingDay;
  expectThat(d === mmdd, dx('med.startingDay', { d, mmdd }));
});

Then('the starting day is the noted one', async function (this: CardWorld) {
  const d = (await now(this)).startingDay;
  expectThat(d === noted(this).startingDay, dx('med.startingDayNoted', { d, noted: noted(this).startingDay }));
});
