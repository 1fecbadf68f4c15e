/** Steps of whole transactions through the reference kernel (src/pboc/flow.ts, PbocUnderTest.transaction) and of the dual-algorithm card (JR/T 0025.17 §10.3). */
import { Before, Given, Then, When } from '@cucumber/cucumber';
import { toHex } from '../src/bytes/hex.ts';
import { odaChainProblems } from '../src/pboc/oda-sm2.ts';
import { iadAlgorithm } from '../src/pboc/issuer.ts';
import { given } from '../src/pboc/under-test.ts';
import { UNIONPAY_TACS } from '../src/pboc/decisions.ts';
import { NonConformance } from '../src/verdict/errors.ts';
import { profileIssuerOf } from '../src/profile/issuer.ts';
import { expectThat } from '../src/verdict/expect.ts';
import { dx, findings } from '../src/verdict/messages.ts';
import { aid, ca, caKeys, issuer, keys, ordinal } from './pboc-context.ts';
import type { CardWorld } from './world.ts';

// ---- whole transactions through the reference kernel ----

When('the reference kernel runs a {word} transaction of {int}', async function (this: CardWorld, mode: string, amount: number) {
  await this.pboc.transaction(aid(this), amount, {
    ca: () => ca(this),
    issuer: (iad) => issuer(this, iad),
    tac: UNIONPAY_TACS,
    pin: this.profile.keys?.pin,
    onlineCapable: true,
    forceOnline: mode === 'merchant-forced-online',
  });
});

Then('the transaction is approved with {word} cryptograms that verify with the issuer keys', function (this: CardWorld, how: string) {
  const o = given(this.pboc.outcome, 'transaction outcome');
  expectThat(o.problems.length === 0, findings(o.problems));
  expectThat(o.approved, dx('tx.notApproved', { first: o.first?.type as string, second: o.second?.type ?? dx('noneWord') }));
  expectThat(
    (how === 'online') === (o.second !== undefined),
    dx('tx.approvalKind', { how: dx(how === 'online' ? 'tx.online' : 'tx.offline'), type: o.first?.type as string }),
  );
});

// ---- dual-algorithm card (JR/T 0025.17 §10.3) ----

/**
 * On a dual-algorithm card the RSA chain is what a terminal without SM support gets (§10.3.3 b, table 19):
 * the RSA-only scenarios play that terminal, DF69 = 00.
 */
Before({ tags: '@ics:rsa and not @ics:sm2', name: 'dual-algorithm card: RSA scenarios without SM support' }, function (this: CardWorld) {
  if (this.profile.ics.pbocAlgorithmSets === 'dual') this.pboc.smSupport = false;
});

Given('the terminal supports the SM algorithms', function (this: CardWorld) {
  this.pboc.smSupport = true; // DF69 = 01 (§10.3.3)
});

Given('the terminal does not support the SM algorithms', function (this: CardWorld) {
  this.pboc.smSupport = false; // DF69 = 00 (§10.3.3)
});

Then('the records the AFL names hold the {word} certificate chain only', function (this: CardWorld, chain: string) {
  const k = this.pboc.kernel;
  const problems = odaChainProblems(k.data, chain === 'SM2' ? 'SM2' : 'RSA');
  expectThat(problems.length === 0, dx('chain.problems', { afl: toHex(k.afl), problems: findings(problems) }));
});

Then('the CA key the card names in 8F is the {word} key of the profile', function (this: CardWorld, algorithm: string) {
  const index = this.pboc.kernel.need('8F')[0] as number;
  const named = caKeys(this).find((c) => parseInt(c.index, 16) === index);
  if (!named) throw new NonConformance(dx('tx.caIndexUnknown', { index: index.toString(16).padStart(2, '0') }));
  expectThat((named.algorithm ?? 'RSA') === algorithm, dx('tx.caIndexAlgorithm', { index: named.index, algorithm: named.algorithm ?? 'RSA' }));
});

Then('the IAD of the {word} GENERATE AC names {word}', function (this: CardWorld, which: string, algorithm: string) {
  const iad = this.pboc.gac(ordinal(which)).iad;
  expectThat(
    iadAlgorithm(iad) === algorithm,
    dx('tx.iadAlgorithm', { iad: toHex(iad), byte: toHex(iad.subarray(-1)), algorithm, code: algorithm === 'SM4' ? '04' : '01' }),
  );
});

Then('the cryptogram of the {word} GENERATE AC verifies with the {word} issuer keys', function (this: CardWorld, which: string, algorithm: string) {
  const g = this.pboc.gac(ordinal(which));
  const k = this.pboc.kernel;
  keys(this);
  const expected = profileIssuerOf(this.profile, algorithm === 'SM4' ? 'SM4' : '3DES').expectedAc(k.pan, k.psn, g.atc, g.acData);
  expectThat(toHex(expected) === toHex(g.ac), dx('tx.acWrong', { type: g.type, ac: toHex(g.ac), algorithm, expected: toHex(expected) }));
});

Then('every cryptogram of the transaction names {word} in its IAD', function (this: CardWorld, algorithm: string) {
  const o = given(this.pboc.outcome, 'transaction outcome');
  const named = [o.first, o.second].filter((g) => g !== undefined).map((g) => `${g.type} IAD ${toHex(g.iad)}`);
  expectThat(
    [o.first, o.second].every((g) => g === undefined || iadAlgorithm(g.iad) === algorithm),
    dx('tx.iadNames', { algorithm, named: named.join(', ') }),
  );
});
