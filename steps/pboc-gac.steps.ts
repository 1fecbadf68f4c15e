/** Steps of the offline PIN, GENERATE AC and the online exchange (JR/T 0025.5 §9, B.5, B.6, B.12): cryptograms recomputed with the profile's issuer keys (src/pboc/issuer.ts). */
import { Given, Then, When } from '@cucumber/cucumber';
import { SW, triesLeft } from '../src/apdu/sw.ts';
import { swHex } from '../src/apdu/response.ts';
import { fromHex, toHex } from '../src/bytes/hex.ts';
import type { AcType } from '../src/pboc/kernel.ts';
import { AC_RANK, given } from '../src/pboc/under-test.ts';
import * as checks from '../src/pboc/checks.ts';
import * as pboc from '../src/pboc/commands.ts';
import { NonConformance, PreconditionNotMet } from '../src/verdict/errors.ts';
import { expectNoProblem, expectThat } from '../src/verdict/expect.ts';
import { wrongPin } from './card-helpers.ts';
import { aid, issuer, ordinal, profilePin } from './pboc-context.ts';
import type { CardWorld } from './world.ts';
import { dx } from '../src/verdict/messages.ts';

// ---- PIN ----

When('the terminal verifies the offline PIN of the profile', async function (this: CardWorld) {
  await this.pboc.kernel.verifyPin(profilePin(this));
});

When('the terminal verifies a wrong offline PIN', async function (this: CardWorld) {
  this.pboc.pinTriesBefore = await this.pboc.number('9F17');
  await this.pboc.kernel.verifyPin(wrongPin(profilePin(this)));
});

When('the terminal selects the debit application again and starts no transaction', async function (this: CardWorld) {
  await this.pboc.select(aid(this));
});

When('the terminal verifies a wrong offline PIN until the card blocks it', async function (this: CardWorld) {
  for (let i = 0; i < 16; i++) {
    const r = await this.pboc.kernel.verifyPin(wrongPin(profilePin(this)));
    // The try that reaches 0 answers 63C0 (JR/T 0025.5 §11.4.2 step 3 c); a card that answers 6983 for it stops here too.
    if (r.sw === SW.AUTHENTICATION_METHOD_BLOCKED || triesLeft(r.sw) === 0) return;
    if (triesLeft(r.sw) === undefined) throw new NonConformance(dx('pin.wrongAnswered', { sw: swHex(r.sw) }));
  }
  throw new NonConformance(dx('pin.notBlocked'));
});

When('the terminal verifies a wrong offline PIN of {int} digits', async function (this: CardWorld, n: number) {
  this.pboc.pinTriesBefore = await this.pboc.number('9F17');
  await this.pboc.kernel.verifyPin(wrongPin(`${profilePin(this)}${'1234567890'.repeat(2)}`.slice(0, n)));
});

/**
 * ISO 9564-1 format 2 (JR/T 0025.5 B.15.3): 8 bytes, control 2, 4 to 12 digits. The profile's PIN in a block of
 * 7 bytes, and blocks of 3 and 13 digits: none is a PIN to compare, none spends a try.
 */
Then("VERIFY refuses the profile's PIN in a 7-byte block and blocks of 3 and 13 digits without spending a try", async function (this: CardWorld) {
  const pin = profilePin(this);
  const before = await this.pboc.number('9F17');
  const digits = (n: number) => `${pin}${'1234567890'.repeat(2)}`.slice(0, n);
  const blocks = [pboc.pinBlockFormat2(pin).subarray(0, 7), fromHex(`23${digits(3)}`.padEnd(16, 'F')), fromHex(`2D${digits(13)}F`)];
  for (const block of blocks) {
    const r = await this.send(pboc.verifyOfflinePin(block));
    expectThat(r.sw !== SW.NO_ERROR && triesLeft(r.sw) === undefined, dx('pin.malformedJudged', { block: toHex(block), sw: swHex(r.sw) }));
  }
  const after = await this.pboc.number('9F17');
  expectThat(after === before, dx('pin.counter9F17', { before, after, sw: swHex(this.last.sw) }));
});

When('the terminal sends VERIFY with a PIN block that is not format 2', async function (this: CardWorld) {
  await this.send(pboc.verifyOfflinePin(fromHex('34123456FFFFFFFF'))); // a format-1-like block, not 2N PIN F…F
});

Then('the card answers 63Cx with the PIN try counter 9F17 one less than before', async function (this: CardWorld) {
  const sw = this.last.sw;
  const before = given(this.pboc.pinTriesBefore, 'PIN try counter before');
  const tries = triesLeft(sw);
  expectThat(tries !== undefined, dx('pin.wrongAnswered', { sw: swHex(sw) }));
  const after = await this.pboc.number('9F17');
  expectThat(after === before - 1 && tries === after, dx('pin.counter9F17', { before, after, sw: swHex(sw) }));
});

Then('the PIN try counter 9F17 is back at its value before the wrong PIN', async function (this: CardWorld) {
  const after = await this.pboc.number('9F17');
  expectThat(after === given(this.pboc.pinTriesBefore, 'PIN try counter before'), dx('pin.counter9F17Is', { after }));
});

// ---- GENERATE AC ----

When('the terminal asks for {word} in the first GENERATE AC', async function (this: CardWorld, type: AcType) {
  this.pboc.asked = type;
  await this.pboc.firstGac(type);
});

When('the terminal asks for {word} with CDA in the first GENERATE AC', async function (this: CardWorld, type: AcType) {
  this.pboc.asked = type;
  await this.pboc.firstGac(type, true);
});

When('the terminal sends the first GENERATE AC asking for {word}', async function (this: CardWorld, type: AcType) {
  await this.pboc.kernel.generateAc(type);
});

Then('the card answers no higher cryptogram than asked', function (this: CardWorld) {
  const asked = given(this.pboc.asked, 'cryptogram asked');
  const got = this.pboc.gac().type;
  expectThat(AC_RANK[got] <= AC_RANK[asked], dx('gac.higherThanAsked', { asked, got }));
});

Then('the card answers {word}', function (this: CardWorld, type: AcType) {
  const g = this.pboc.gac2 ?? this.pboc.gac();
  expectThat(g.type === type, dx('gac.type', { actual: g.type, expected: type }));
});

Then('the cryptogram of the {word} GENERATE AC verifies with the issuer keys', function (this: CardWorld, which: string) {
  const g = this.pboc.gac(ordinal(which));
  const k = this.pboc.kernel;
  const expected = issuer(this, g.iad).expectedAc(k.pan, k.psn, g.atc, g.acData);
  expectThat(toHex(expected) === toHex(g.ac), dx('gac.acWrong', { type: g.type, ac: toHex(g.ac), expected: toHex(expected), data: toHex(g.acData) }));
});

Then('the IAD is 07, DKI, CVN 01, CVR of length 03 and the algorithm of the ICS', function (this: CardWorld) {
  const iad = this.pboc.gac().iad;
  const alg = this.profile.ics.pboc === '3.0' && this.profile.ics.algorithms.includes('SM4') ? 'SM4' : '3DES';
  expectNoProblem(checks.iadProblem(iad, alg));
});

Then('the CVR says offline PIN performed', function (this: CardWorld) {
  const iad = this.pboc.gac().iad;
  expectThat(checks.cvrHas(iad, checks.CVR.OFFLINE_PIN_PERFORMED), dx('gac.cvrNoOfflinePin', { cvr: toHex(checks.cvrOf(iad)) }));
});

Then('the CVR says offline PIN performed and failed', function (this: CardWorld) {
  const iad = this.pboc.gac().iad;
  const cvr = toHex(checks.cvrOf(iad));
  expectThat(checks.cvrHas(iad, checks.CVR.OFFLINE_PIN_PERFORMED), dx('gac.cvrPinPerformed', { cvr }));
  expectThat(checks.cvrHas(iad, checks.CVR.OFFLINE_PIN_FAILED), dx('gac.cvrPinFailed', { cvr }));
});

/** The CVR against what this transaction showed the card (src/pboc/checks.ts expectedCvr). */
function cvrFacts(w: CardWorld, n: 1 | 2): checks.CvrFacts {
  const k = w.pboc.kernel;
  return {
    first: w.pboc.gac(1).type,
    ...(n === 2
      ? {
          second: w.pboc.gac(2).type,
          ...(k.seen.externalAuth !== undefined ? { externalAuth: k.seen.externalAuth } : {}),
          unableOnline: ['5933', '5A33'].includes(toHex(w.pboc.arc ?? new Uint8Array(0))),
        }
      : {}),
    verify: k.seen.verify,
    ...(w.pboc.lastOnlineIssuerAuthFailed !== undefined ? { lastOnlineIssuerAuthFailed: w.pboc.lastOnlineIssuerAuthFailed } : {}),
    // CVR byte 4 b2: set by INTERNAL AUTHENTICATE or a CDA signature; an AAC asked with CDA leaves it open (§14.5.4 step 2).
    ...(k.seen.internalAuth || k.seen.cdaSigned ? { ddaPerformed: true } : !k.seen.cdaAsked ? { ddaPerformed: false } : {}),
  };
}

Then('the CVR of the {word} GENERATE AC says what the transaction did', function (this: CardWorld, which: string) {
  const n = ordinal(which);
  expectNoProblem(checks.cvrProblem(this.pboc.gac(n).iad, cvrFacts(this, n)));
});

/** JR/T 0025.5 §16.6, A.1 CVR byte 3 b4: the failure is kept for the next transaction's card risk management. */
Then("the next transaction's CVR says issuer authentication failed in the last online transaction", async function (this: CardWorld) {
  await this.pboc.selectAndRead(aid(this));
  await this.pboc.firstGac('ARQC');
  this.pboc.lastOnlineIssuerAuthFailed = true;
  expectNoProblem(checks.cvrProblem(this.pboc.gac(1).iad, cvrFacts(this, 1)));
});

Then('the ATC of the GENERATE AC response equals GET DATA 9F36', async function (this: CardWorld) {
  const atc = await this.pboc.number('9F36');
  expectThat(atc === this.pboc.gac().atc, dx('gac.atcMismatch', { gac: this.pboc.gac().atc, data: atc }));
});

When('the terminal sends a third GENERATE AC', async function (this: CardWorld) {
  await this.pboc.kernel.generateAc('AAC', true, { '8A': pboc.ARC_APPROVED });
});

When('the terminal sends GENERATE AC without GET PROCESSING OPTIONS', async function (this: CardWorld) {
  await this.pboc.select(aid(this));
  await this.send(pboc.generateAc(pboc.GAC_P1.ARQC, new Uint8Array(29)));
});

When('the terminal runs up to {int} offline transactions asking for TC', async function (this: CardWorld, n: number) {
  const seen: AcType[] = [];
  for (let i = 0; i < n; i++) {
    await this.pboc.selectAndRead(aid(this));
    const g = await this.pboc.firstGac('TC');
    seen.push(g.type);
    if (g.type !== 'TC') break;
  }
  this.pboc.seen = seen;
});

Then('the card asks to go online before the last one', function (this: CardWorld) {
  const seen = given(this.pboc.seen, 'run of transactions');
  expectThat(seen.includes('ARQC'), dx('gac.neverArqc', { seen: seen.join(', ') }));
});

/** JR/T 0025.5 §14.5 table 33: card risk management may lower what the terminal asks, never raise it; an AAC stays an AAC. */
Then('a transaction asking for AAC then gets AAC', async function (this: CardWorld) {
  await this.pboc.selectAndRead(aid(this));
  const g = await this.pboc.firstGac('AAC');
  expectThat(g.type === 'AAC', dx('gac.higherThanAsked', { asked: 'AAC', got: g.type }));
});

// ---- online ----

Given('the card has asked to go online with an ARQC', async function (this: CardWorld) {
  await this.pboc.selectAndRead(aid(this));
  const g = await this.pboc.firstGac('ARQC');
  if (g.type !== 'ARQC') throw new NonConformance(dx('gac.notArqc', { actual: g.type }));
});

/** One purchase the issuer approves online: ARQC, EXTERNAL AUTHENTICATE with the right ARPC, TC in the second GENERATE AC (JR/T 0025.5 §16.6). */
async function onlineApproved(w: CardWorld): Promise<void> {
  await w.pboc.selectAndRead(aid(w));
  const g = await w.pboc.firstGac('ARQC');
  if (g.type !== 'ARQC') throw new PreconditionNotMet(dx('gac.onlineResetNotArqc', { actual: g.type }));
  const k = w.pboc.kernel;
  const arc = pboc.ARC_APPROVED;
  const ea = await k.externalAuthenticate(w.pboc.arpc(issuer(w, g.iad), arc), arc);
  if (ea.sw !== SW.NO_ERROR) throw new PreconditionNotMet(dx('gac.externalAuthArpc', { sw: swHex(ea.sw) }));
  const { result } = await k.generateAc('TC', true, { '8A': arc });
  if (result?.type !== 'TC') throw new PreconditionNotMet(dx('gac.secondNotTc', { actual: result?.type ?? dx('gac.noCryptogram') }));
}

/** JR/T 0025.5 §18.1: as many approved purchases as the log entry 9F4D names records, and one more, each logged. */
When('the card approves online one purchase more than its log entry 9F4D has records', async function (this: CardWorld) {
  await this.pboc.select(aid(this));
  const entry = this.pboc.kernel.data.get('9F4D');
  if (!entry) throw new NonConformance(dx('kernel.noLogEntry'));
  for (let i = 0; i <= (entry[1] as number); i++) await onlineApproved(this);
});

/** JR/T 0025.5 §18.1: the log is a cyclic file of the number of records 9F4D names; the oldest made room for the newest. */
Then('the log holds exactly as many records as 9F4D names', async function (this: CardWorld) {
  const k = this.pboc.kernel;
  const entry = k.data.get('9F4D');
  if (!entry) throw new NonConformance(dx('kernel.noLogEntry'));
  const [sfi, n] = [entry[0] as number, entry[1] as number];
  for (const at of [n, n + 1]) {
    const r = await k.readRecord(sfi, at);
    const want = at === n ? SW.NO_ERROR : SW.RECORD_NOT_FOUND;
    expectThat(r.sw === want, dx('ec.logSize', { n, at, sw: swHex(r.sw), want: swHex(want) }));
  }
});

/**
 * The card's offline risk state (consecutive offline counter, JR/T 0025.5 §9.4; issuer authentication
 * failed on the last transaction, Annex D CVR) is cleared by an online approved transaction: a scenario
 * that needs an offline approval starts from it, whatever earlier scenarios left on a card that keeps its state.
 */
Given("the card's offline risk counters are reset by an online approved transaction", async function (this: CardWorld) {
  await onlineApproved(this);
});

When('the issuer answers with the right ARPC and ARC {word}', async function (this: CardWorld, arc: string) {
  const a = Uint8Array.from(Buffer.from(arc, 'ascii'));
  this.pboc.arc = a;
  await this.pboc.kernel.externalAuthenticate(this.pboc.arpc(issuer(this, this.pboc.gac().iad), a), a);
});

When('the issuer answers with a wrong ARPC', async function (this: CardWorld) {
  const a = pboc.ARC_APPROVED;
  this.pboc.arc = a;
  const good = this.pboc.arpc(issuer(this, this.pboc.gac().iad), a);
  await this.pboc.kernel.externalAuthenticate(pboc.withBitFlipped(good, 0), a);
});

When('the terminal sends the second GENERATE AC asking for TC', async function (this: CardWorld) {
  await this.pboc.secondGac();
});

/** JR/T 0025.5 §16.7: the terminal could not complete the online authorisation and sends ARC Y3 (offline approve) or Z3 (offline decline). */
When(/^the terminal, unable to go online, sends the second GENERATE AC asking for TC with ARC (Y3|Z3)$/, async function (this: CardWorld, arc: string) {
  this.pboc.arc = new Uint8Array(Buffer.from(arc, 'ascii'));
  await this.pboc.secondGac();
});

When('the terminal sends the second GENERATE AC asking for TC with CDA', async function (this: CardWorld) {
  await this.pboc.secondGac(true);
});

When('the terminal sends the second GENERATE AC asking for ARQC', async function (this: CardWorld) {
  const arc = this.pboc.arc ?? pboc.ARC_APPROVED;
  const { result } = await this.pboc.kernel.generateAc('ARQC', true, { '8A': arc });
  this.pboc.gac2 = result;
});

/** JR/T 0025.5 §16.6: the second GENERATE AC ends the transaction, TC or AAC (CVR byte 2 b8–7 has no code for an ARQC). */
Then('the card neither approves nor asks to go online again', function (this: CardWorld) {
  const g = this.pboc.gac2;
  expectThat(this.last.sw !== SW.NO_ERROR || g?.type === 'AAC', dx('gac.secondArqcAnswered', { sw: swHex(this.last.sw), type: g?.type ?? '-' }));
});

Then('the last online ATC register 9F13 equals the ATC of the transaction', async function (this: CardWorld) {
  const v = await this.pboc.number('9F13');
  expectThat(v === this.pboc.gac().atc, dx('gac.lastOnlineAtc', { v, atc: this.pboc.gac().atc }));
});
