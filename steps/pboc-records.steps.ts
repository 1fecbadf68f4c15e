/** Steps of GET PROCESSING OPTIONS, READ RECORD per AFL and GET DATA (JR/T 0025.5 §7, annex A, B.3, B.8): the data judged by src/pboc/checks.ts. */
import { Given, Then, When } from '@cucumber/cucumber';
import { toHex } from '../src/bytes/hex.ts';
import { given } from '../src/pboc/under-test.ts';
import * as checks from '../src/pboc/checks.ts';
import { expectNoProblem, expectThat } from '../src/verdict/expect.ts';
import { aid } from './pboc-context.ts';
import type { CardWorld } from './world.ts';
import { dx, findings } from '../src/verdict/messages.ts';

// ---- GPO and records ----

Given('the debit application is selected and its records read', async function (this: CardWorld) {
  await this.pboc.selectAndRead(aid(this));
});

Given('the debit application is selected and its records read for an EC purchase of {int}', async function (this: CardWorld, amount: number) {
  await this.pboc.selectAndRead(aid(this), true, amount);
});

/** The transaction currency code 5F2A of the PDOL data (n3, e.g. 0840), the rest of the terminal's data unchanged. */
Given(
  'the debit application is selected and its records read for an EC purchase of {int} in currency {word}',
  async function (this: CardWorld, amount: number, currency: string) {
    this.pboc.kernel.terminal.currency = currency;
    await this.pboc.selectAndRead(aid(this), true, amount);
  },
);

When('the terminal sends GET PROCESSING OPTIONS with PDOL data one byte short', async function (this: CardWorld) {
  const k = await this.pboc.select(aid(this));
  const d = k.pdolData();
  await k.gpo(d.subarray(0, d.length - 1));
});

Then('the AFL names at least one record and every entry is well formed', function (this: CardWorld) {
  const problems = this.pboc.kernel.aflProblems();
  expectThat(problems.length === 0, dx('afl.problems', { afl: toHex(this.pboc.kernel.afl), problems: findings(problems) }));
});

Then('the AIP announces the offline data authentication methods of the ICS', function (this: CardWorld) {
  expectNoProblem(checks.aipOdaProblems(this.pboc.kernel.aip, this.profile.ics.oda ?? [])[0]);
});

Then('the application data holds {word}', function (this: CardWorld, tag: string) {
  this.pboc.kernel.need(tag);
});

Then('the PAN is 12 to 19 digits with a valid Luhn check digit', function (this: CardWorld) {
  expectNoProblem(checks.panProblem(this.pboc.kernel.pan));
});

Then('the effective date is before the expiry date and both are valid YYMMDD', function (this: CardWorld) {
  expectNoProblem(checks.datesProblem(this.pboc.kernel.need('5F25'), this.pboc.kernel.need('5F24')));
});

Then('the CVM list is X, Y and whole CVM rules', function (this: CardWorld) {
  expectNoProblem(checks.cvmListProblem(this.pboc.kernel.need('8E')));
});

Then('CDOL1 asks for {word}', function (this: CardWorld, tag: string) {
  expectThat(checks.dolAsks(this.pboc.kernel.need('8C'), tag) !== undefined, dx('cdol1.lacks', { cdol: toHex(this.pboc.kernel.need('8C')), tag }));
});

Then('the application data holds the EC issuer authorisation code 9F74', function (this: CardWorld) {
  expectNoProblem(checks.ecIssuerAuthorisationCodeProblem(this.pboc.kernel.need('9F74')));
});

Then('the application data holds no EC issuer authorisation code 9F74', function (this: CardWorld) {
  expectThat(!this.pboc.kernel.data.has('9F74'), dx('ec.nonEc9F74'));
});

// ---- GET DATA ----

When('the terminal gets the data object {word}', async function (this: CardWorld, tag: string) {
  this.pboc.dataValue = await this.pboc.kernel.getDataValue(tag);
});

Then('its value is {int} bytes long', function (this: CardWorld, n: number) {
  const v = given(this.pboc.dataValue, 'GET DATA value');
  expectThat(v.length === n, dx('data.valueLength', { length: v.length, hex: toHex(v) }));
});

Then('the log format is a data object list', function (this: CardWorld) {
  expectNoProblem(checks.logFormatProblem(given(this.pboc.dataValue, 'GET DATA value')));
});

When('the terminal sends GET DATA for the tag {word}', async function (this: CardWorld, tag: string) {
  await this.pboc.kernel.getData(tag);
});
