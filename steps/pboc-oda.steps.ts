/** Steps of offline data authentication: SDA, DDA and CDA with RSA (JR/T 0025.7) or SM2 (JR/T 0025.17 §5), over the ODA flow src/pboc/oda-flow.ts (RSA oda.ts, SM2 oda-sm2.ts) with the profile's CA key. */
import { Then, When } from '@cucumber/cucumber';
import { swHex } from '../src/apdu/response.ts';
import { fromHex, toHex } from '../src/bytes/hex.ts';
import { CDA_HASH_ALL, cdaHashCoverage, cdaSdadLayoutErrors } from '../src/pboc/oda.ts';
import { cdaSdadLayoutErrorsSm2, sm2CertLayoutErrors } from '../src/pboc/oda-sm2.ts';
import { given, sdadCheckOf } from '../src/pboc/under-test.ts';
import * as checks from '../src/pboc/checks.ts';
import { NonConformance } from '../src/verdict/errors.ts';
import { expectNoProblem, expectThat } from '../src/verdict/expect.ts';
import { dx, findings, renderDiagnosis } from '../src/verdict/messages.ts';
import { ca, ordinal, rsaCa, sm2Ca } from './pboc-context.ts';
import type { CardWorld } from './world.ts';

// ---- ODA ----

Then('the issuer public key certificate recovers with the CA key and passes every check', function (this: CardWorld) {
  const r = this.pboc.kernel.issuerKey(rsaCa(this));
  expectThat(r.errors.length === 0, dx('oda.errors', { what: dx('oda.issuerCert'), errors: findings(r.errors) }));
});

Then('static data authentication succeeds', function (this: CardWorld) {
  const errors = this.pboc.kernel.sda(ca(this));
  expectThat(errors.length === 0, dx('oda.method', { method: 'SDA', problem: findings(errors) }));
});

Then('the data authentication code 9F45 is 2 bytes', function (this: CardWorld) {
  this.pboc.kernel.sda(ca(this));
  expectThat(this.pboc.kernel.data.get('9F45')?.length === 2, dx('oda.noDac'));
});

Then('the ICC public key certificate recovers and names the PAN of 5A', function (this: CardWorld) {
  const r = this.pboc.kernel.iccKey(rsaCa(this));
  expectThat(r.errors.length === 0, dx('oda.errors', { what: dx('oda.iccCert'), errors: findings(r.errors) }));
});

Then('dynamic data authentication succeeds', async function (this: CardWorld) {
  const r = await this.pboc.kernel.dda(ca(this));
  expectThat(r.errors.length === 0, dx('oda.method', { method: 'DDA', problem: findings(r.errors) }));
});

When('the terminal runs INTERNAL AUTHENTICATE twice with the unpredictable numbers {word} and {word}', async function (this: CardWorld, a: string, b: string) {
  const k = this.pboc.kernel;
  const check = sdadCheckOf(k, ca(this));
  const out = [];
  for (const un of [a, b]) {
    const ia = await k.internalAuthenticate(fromHex(un));
    if (!ia.sdad) throw new NonConformance(dx('cmd.answered', { command: 'INTERNAL AUTHENTICATE', sw: swHex(ia.response.sw) }));
    out.push({ un: fromHex(un), sdad: ia.sdad });
  }
  this.pboc.internalAuthentications = { check, out };
});

Then('each SDAD verifies with its own unpredictable number only', function (this: CardWorld) {
  const { check, out } = given(this.pboc.internalAuthentications, 'INTERNAL AUTHENTICATE pair');
  const [x, y] = out as [(typeof out)[0], (typeof out)[0]];
  expectThat(check(x.sdad, x.un).errors.length === 0, dx('oda.method', { method: 'SDAD 1', problem: findings(check(x.sdad, x.un).errors) }));
  expectThat(check(y.sdad, y.un).errors.length === 0, dx('oda.method', { method: 'SDAD 2', problem: findings(check(y.sdad, y.un).errors) }));
  expectThat(check(x.sdad, y.un).errors.length > 0, dx('oda.sdadOtherUn'));
});

Then('the two ICC dynamic numbers differ', function (this: CardWorld) {
  const { check, out } = given(this.pboc.internalAuthentications, 'INTERNAL AUTHENTICATE pair');
  const n = out.map((o) => toHex(check(o.sdad, o.un).value ?? new Uint8Array()));
  expectThat(n[0] !== n[1], dx('oda.dynamicNumberRepeated', { n: n[0] as string }));
});

// ---- ODA with SM2 (JR/T 0025.17 §5) ----

Then('the SM2 issuer public key certificate passes every check with the CA key', function (this: CardWorld) {
  const r = this.pboc.kernel.issuerKey({ sm2: sm2Ca(this) });
  expectThat(r.errors.length === 0, dx('oda.errors', { what: dx('oda.issuerCert'), errors: findings(r.errors) }));
});

Then(
  'the SM2 issuer public key certificate 90 is 12, issuer id, expiry, serial, 04, 00, 11, 40, a 64-byte key and a 64-byte signature',
  function (this: CardWorld) {
    const errors = sm2CertLayoutErrors(this.pboc.kernel.need('90'), 'issuer');
    expectThat(errors.length === 0, dx('oda.method', { method: '90', problem: findings(errors) }));
  },
);

Then('the application data holds no RSA remainder 92 or exponent 9F32', function (this: CardWorld) {
  const found = ['92', '9F32'].filter((t) => this.pboc.kernel.data.has(t));
  expectThat(found.length === 0, dx('oda.sm2RsaObjects', { found: found.join(', '), table: 3 }));
});

Then('the application data holds no RSA exponent 9F47 or remainder 9F48', function (this: CardWorld) {
  const found = ['9F47', '9F48'].filter((t) => this.pboc.kernel.data.has(t));
  expectThat(found.length === 0, dx('oda.sm2RsaObjects', { found: found.join(', '), table: 7 }));
});

Then('the SM2 SSAD 93 is 13, a 2-byte data authentication code and a 64-byte signature', function (this: CardWorld) {
  expectNoProblem(checks.sm2SsadProblem(this.pboc.kernel.need('93')));
});

Then('the data authentication code 9F45 is the one of the SSAD', function (this: CardWorld) {
  const dac = this.pboc.kernel.data.get('9F45');
  const ssadDac = checks.sm2SsadDac(this.pboc.kernel.need('93'));
  expectThat(dac !== undefined && toHex(dac) === toHex(ssadDac), dx('oda.dacMismatch', { dac: dac ? toHex(dac) : dx('absent'), ssad: toHex(ssadDac) }));
});

Then('the SM2 ICC public key certificate passes every check with the issuer key', function (this: CardWorld) {
  const layout = sm2CertLayoutErrors(this.pboc.kernel.need('9F46'), 'icc');
  const r = this.pboc.kernel.iccKey({ sm2: sm2Ca(this) });
  const seen = new Set(layout.map((e) => renderDiagnosis(e, 'en')));
  const errors = [...layout, ...r.errors.filter((e) => !seen.has(renderDiagnosis(e, 'en')))];
  expectThat(errors.length === 0, dx('oda.errors', { what: dx('oda.iccCert'), errors: findings(errors) }));
});

Then('the ICC dynamic number 9F4C is 2 to 8 bytes', function (this: CardWorld) {
  expectNoProblem(checks.iccDynamicNumberProblem(this.pboc.kernel.data.get('9F4C')));
});

// ---- CDA (JR/T 0025.7 §5.3.6, JR/T 0025.17 §5.2.5) ----

Then('the CDA signature of the {word} GENERATE AC verifies with the ICC public key', function (this: CardWorld, which: string) {
  const r = this.pboc.kernel.verifyCda(ca(this), this.pboc.gac(ordinal(which)));
  expectThat(r.errors.length === 0, dx('oda.method', { method: 'CDA', problem: findings(r.errors) }));
});

Then('the GENERATE AC response is 77 with 9F27, 9F36, 9F4B and optionally 9F10 only', function (this: CardWorld) {
  expectNoProblem(checks.cdaResponseTemplateProblem(this.last.data));
});

/** The last GENERATE AC of the transaction (the second, if sent): an AAC is never signed (JR/T 0025.7 §5.3.6.1 step 3). */
Then('the AAC is in clear in 9F26 and the response has no 9F4B', function (this: CardWorld) {
  const g = this.pboc.gac2 ?? this.pboc.gac();
  expectThat(
    !g.sdad && g.ac.length === 8,
    dx('oda.aacResponse', { cda: g.sdad ? dx('oda.aacCarriesCda') : '', clear: g.ac.length !== 8 ? dx('oda.aacNoClearAc') : '' }),
  );
});

Then('the signed transaction data hash is over the PDOL data, the CDOL1 data and the response objects but 9F4B', function (this: CardWorld) {
  const k = this.pboc.kernel;
  const g = this.pboc.gac();
  const r = k.verifyCda(ca(this), g);
  const signed = r.value?.transactionDataHash;
  if (!signed) throw new NonConformance(dx('oda.method', { method: 'CDA', problem: findings(r.errors) }));
  const covered = cdaHashCoverage(signed, k.pdolSent, k.cdol1Sent, g.responseObjects ?? new Uint8Array(0));
  expectThat(
    covered === CDA_HASH_ALL,
    dx('oda.signedHash', { hash: toHex(signed), over: covered ? dx('oda.hashOver', { covered: dx(covered) }) : dx('oda.hashOverNone') }),
  );
});

Then(
  'the SM2 signed dynamic application data is 15, LDD, the ICC dynamic data of table 13 with a 32-byte hash, and a 64-byte signature',
  function (this: CardWorld) {
    const g = this.pboc.gac();
    if (!g.sdad) throw new NonConformance(dx('oda.no9F4B'));
    const errors = cdaSdadLayoutErrorsSm2(g.sdad);
    expectThat(errors.length === 0, dx('oda.method', { method: '9F4B', problem: findings(errors) }));
  },
);

Then('the RSA signed dynamic application data recovers to the layout of table 21 with the ICC dynamic data of table 17', function (this: CardWorld) {
  const g = this.pboc.gac();
  if (!g.sdad) throw new NonConformance(dx('oda.no9F4B'));
  const icc = this.pboc.kernel.iccKey(rsaCa(this));
  if (!icc.key) throw new NonConformance(dx('oda.errors', { what: dx('oda.iccKey'), errors: findings(icc.errors) }));
  const errors = cdaSdadLayoutErrors(icc.key, g.sdad);
  expectThat(errors.length === 0, dx('oda.method', { method: '9F4B', problem: findings(errors) }));
});

Then('the TVR says CDA did not fail', function (this: CardWorld) {
  expectNoProblem(checks.cdaFailedProblem(this.pboc.kernel.tvr));
});
