/**
 * Steps of the financial application (features/pboc). Thin: the transaction flow is src/pboc/kernel.ts,
 * the cryptography src/pboc/crypto.ts.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { SW } from '../src/apdu/sw.ts';
import { equal, fromHex, toHex } from '../src/bytes/hex.ts';
import { luhnValid } from '../src/pboc/crypto.ts';
import { TEST_IMK_AC } from '../src/pboc/data.ts';
import { DEBIT_AID, pbocKernel } from './pboc-helpers.ts';
import { PbocTerminal, flatten, issuerExpectedAc, parseGenerateAc, tlvOf } from '../src/pboc/kernel.ts';
import { validDate } from '../src/sscard/data.ts';
import { NonConformance } from '../src/verdict/errors.ts';
import { expectBytes, expectSw, expectSw1, expectThat } from '../src/verdict/expect.ts';
import type { CardWorld } from './world.ts';

const kernel = pbocKernel;

const pan = (k: PbocTerminal) => {
  const v = k.cardData.get('5A');
  if (!v) throw new NonConformance('the card gave no PAN (5A)');
  return toHex(v).replace(/F+$/, '');
};

Given('the debit application is selected', async function (this: CardWorld) {
  await kernel(this).must(kernel(this).selectAid(DEBIT_AID), `SELECT ${DEBIT_AID}`);
});

Given('the terminal has read the debit application', async function (this: CardWorld) {
  await kernel(this).prepare(DEBIT_AID);
});

When('the terminal selects the debit application', async function (this: CardWorld) {
  await kernel(this).selectAid(DEBIT_AID);
});

When('the terminal sends GET PROCESSING OPTIONS with the PDOL data', async function (this: CardWorld) {
  await kernel(this).gpo();
});

When('the terminal sends GET PROCESSING OPTIONS with one byte of PDOL data too many', async function (this: CardWorld) {
  const c = kernel(this).gpoCommand();
  const data = Uint8Array.from([0x83, c.data.length - 1, ...c.data.subarray(2), 0x00]);
  await this.send({ ...c, data });
});

When('the terminal reads every record the AFL names', async function (this: CardWorld) {
  this.remember('afl records', await kernel(this).readAflRecords());
});

When('the terminal asks GET DATA {word}', async function (this: CardWorld, tag: string) {
  this.remember(`get data ${tag}`, await kernel(this).getData(tag));
});

When('the terminal presents the offline PIN {string}', async function (this: CardWorld, pin: string) {
  await kernel(this).verifyPin(pin);
});

When('the terminal presents the offline PIN {string} {int} times', async function (this: CardWorld, pin: string, n: number) {
  for (let i = 0; i < n; i++) await kernel(this).verifyPin(pin);
});

When('the terminal asks GENERATE AC for {word}', async function (this: CardWorld, type: 'AAC' | 'TC' | 'ARQC') {
  const k = kernel(this);
  const data = k.cdol1Data();
  const r = await k.generateAc(type, data);
  this.remember('cdol1 data', data);
  if (r.sw === SW.NO_ERROR) this.remember(`ac ${this.memory.has('ac 1') ? 2 : 1}`, parseGenerateAc(r.data));
});

When('the terminal asks GENERATE AC for ARQC without GET PROCESSING OPTIONS', async function (this: CardWorld) {
  const k = kernel(this);
  await k.generateAc('ARQC', new Uint8Array(29));
});

Then('the response is an FCI naming the debit AID, a label and a PDOL', function (this: CardWorld) {
  expectSw(this.last.sw, SW.NO_ERROR);
  const m = flatten(tlvOf(this.last.data, 'FCI'));
  expectBytes(m.get('84') ?? new Uint8Array(0), fromHex(DEBIT_AID), 'DF name (84) in the FCI');
  expectThat(m.has('50'), 'the FCI has no application label (50)');
  expectThat(m.has('9F38'), 'the FCI has no PDOL (9F38)');
});

Then('the PSE directory lists the debit AID', async function (this: CardWorld) {
  const aids = await kernel(this).directoryAids();
  expectThat(aids.includes(DEBIT_AID), `the PSE directory lists ${aids.join(', ') || 'no AID'}, not ${DEBIT_AID}`);
});

Then('the card answers an AIP and an AFL', function (this: CardWorld) {
  expectSw(this.last.sw, SW.NO_ERROR);
  const k = kernel(this);
  expectThat(k.aip?.length === 2, 'the AIP is not 2 bytes');
  expectThat(k.afl.length > 0, 'the AFL names no record');
});

Then('every record the AFL names is a 70 template', function (this: CardWorld) {
  const recs = this.recall<Array<{ sfi: number; record: number; response: { sw: number } }>>('afl records');
  const bad = recs.filter((r) => r.response.sw !== SW.NO_ERROR).map((r) => `SFI ${r.sfi} record ${r.record}: ${r.response.sw.toString(16).toUpperCase()}`);
  expectThat(bad.length === 0, `records the AFL names cannot be read: ${bad.join('; ')}`);
});

Then('the card data hold {word}', function (this: CardWorld, tag: string) {
  expectThat(kernel(this).cardData.has(tag), `the records the AFL names hold no ${tag}`);
});

Then('the PAN passes its Luhn check', function (this: CardWorld) {
  const p = pan(kernel(this));
  expectThat(luhnValid(p), `PAN ${p} fails its Luhn check (ISO/IEC 7812-1)`);
});

Then('the expiry date is a date after the effective date', function (this: CardWorld) {
  const k = kernel(this);
  const exp = k.cardData.get('5F24');
  const eff = k.cardData.get('5F25');
  if (!exp || !eff) throw new NonConformance('the card gave no expiry (5F24) or effective date (5F25)');
  const [e, f] = [toHex(exp), toHex(eff)];
  expectThat(validDate(`20${e}`) && validDate(`20${f}`), `5F24 ${e} or 5F25 ${f} is not a YYMMDD date`);
  expectThat(e > f, `the application expires (${e}) before it becomes effective (${f})`);
});

Then('GET DATA {word} answers {int} byte(s)', function (this: CardWorld, tag: string, n: number) {
  const v = PbocTerminal.dataValue(this.recall(`get data ${tag}`), tag);
  expectThat(v.length === n, `GET DATA ${tag} gave ${v.length} bytes, expected ${n}`);
});

Then('the PIN try counter is {int} less than before', async function (this: CardWorld, less: number) {
  const before = PbocTerminal.dataValue(this.recall('get data 9F17'), '9F17')[0] as number;
  const now = PbocTerminal.dataValue(await kernel(this).getData('9F17'), '9F17')[0] as number;
  expectThat(now === before - less, `PIN try counter went from ${before} to ${now}, expected ${before - less}`);
});

Then('the card answers 63Cx', function (this: CardWorld) {
  expectSw1(this.last.sw, 0x63, 'a wrong PIN (63Cx)');
});

Then('the cryptogram is {word}', function (this: CardWorld, type: string) {
  const ac = this.recall<ReturnType<typeof parseGenerateAc>>('ac 1');
  const kind = ({ 0x00: 'AAC', 0x40: 'TC', 0x80: 'ARQC' } as Record<number, string>)[ac.cid & 0xc0];
  expectThat(kind === type, `CID ${ac.cid.toString(16).padStart(2, '0')} is ${kind ?? 'RFU'}, expected ${type}`);
});

Then('the issuer verifies the cryptogram', function (this: CardWorld) {
  const k = kernel(this);
  const ac = this.recall<ReturnType<typeof parseGenerateAc>>('ac 1');
  const psn = k.cardData.get('5F34');
  const expected = issuerExpectedAc(fromHex(this.profile.keys?.pbocImkAc ?? TEST_IMK_AC), pan(k), psn ? toHex(psn) : '00', this.recall('cdol1 data'), k.aip ?? new Uint8Array(2), ac);
  expectThat(equal(ac.ac, expected), `the cryptogram ${toHex(ac.ac)} is not what the issuer computes (${toHex(expected)}) over the CDOL1 data, AIP, ATC and CVR`);
});

Then('the two cryptograms carry ATCs one apart and differ', function (this: CardWorld) {
  const a = this.recall<ReturnType<typeof parseGenerateAc>>('ac 1');
  const b = this.recall<ReturnType<typeof parseGenerateAc>>('ac 2');
  expectThat(b.atc === ((a.atc + 1) & 0xffff), `ATC went from ${a.atc} to ${b.atc}; each GENERATE AC must count it up by one`);
  expectThat(!equal(a.ac, b.ac), 'two cryptograms with different ATCs are identical');
});

Then('the cryptogram carries the ATC after the one GET DATA gave', function (this: CardWorld) {
  const v = PbocTerminal.dataValue(this.recall('get data 9F36'), '9F36');
  const before = ((v[0] as number) << 8) | (v[1] as number);
  const ac = this.recall<ReturnType<typeof parseGenerateAc>>('ac 1');
  expectThat(ac.atc === ((before + 1) & 0xffff), `GET DATA gave ATC ${before}, GENERATE AC then carried ${ac.atc}; the ATC must count up by one per transaction (JR/T 0025.5)`);
});
