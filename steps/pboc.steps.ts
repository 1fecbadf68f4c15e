/**
 * Steps of features/pboc: thin glue over the reference kernel (src/pboc/kernel.ts), the ODA
 * checks (oda.ts) and the simulated issuer (issuer.ts) with the profile's test keys (keys.pboc).
 * Judgements are relational: cryptograms are recomputed with the issuer keys, certificates recovered
 * with the CA key, counters compared before and after.
 */
import { Before, Given, Then, When } from '@cucumber/cucumber';
import { fromHex, toHex, toUint } from '../src/bytes/hex.ts';
import type { RsaPublic } from '../src/crypto/index.ts';
import { CDA_HASH_ALL, cdaHashCoverage, cdaSdadLayoutErrors, type Recovered, verifySdad } from '../src/pboc/oda.ts';
import { type CaKey, caKeyByIndex, cdaSdadLayoutErrorsSm2, odaChainProblems, iccKeySm2, issuerKeySm2, sm2CertLayoutErrors, verifySdadSm2 } from '../src/pboc/oda-sm2.ts';
import { parseTlv } from '../src/tlv/ber.ts';
import { iadAlgorithm, PbocIssuer } from '../src/pboc/issuer.ts';
import { profileIssuer } from '../src/profile/issuer.ts';
import { type AcType, type DirectoryEntry, type GacResult, PbocKernel, PPSE_NAME } from '../src/pboc/kernel.ts';
import { parseDol, dolLength } from '../src/tlv/dol.ts';
import { NonConformance, PreconditionNotMet, RestoreFailed, Unobservable } from '../src/verdict/errors.ts';
import * as iso from '../src/iso7816/commands.ts';
import { expectSw, expectThat } from '../src/verdict/expect.ts';
import { wrongPin } from './card-helpers.ts';
import type { CardWorld } from './world.ts';

const RANK: Record<AcType, number> = { AAC: 0, ARQC: 1, TC: 2 };

function keys(w: CardWorld) {
  const k = w.profile.keys?.pboc;
  if (!k) throw new Unobservable('the profile gives no keys.pboc (issuer master keys, CA key)');
  return k;
}
const aid = (w: CardWorld) => fromHex(keys(w).aid ?? 'A000000333010101');
/**
 * The CA public key of the profile: RSA (modulus, exponent) or SM2 (x ‖ y, JR/T 0025.17); with several
 * (keys.pboc.caKeys, a dual-algorithm card) the one the card's 8F names.
 */
const ca = (w: CardWorld): CaKey => caKeyByIndex([keys(w).ca, ...(keys(w).caKeys ?? [])], (w.memory.get('pboc.kernel') as PbocKernel | undefined)?.data.get('8F')?.[0]);
/**
 * The CA key of one algorithm. A profile without one cannot judge the scenario; a profile that has one
 * (a dual-algorithm card, keys.pboc.caKeys) while the card's 8F names another chain, or none, is the card's fault.
 */
function caOf(w: CardWorld, algorithm: 'RSA' | 'SM2'): CaKey {
  const c = ca(w);
  if (('sm2' in c) === (algorithm === 'SM2')) return c;
  const all = [keys(w).ca, ...(keys(w).caKeys ?? [])];
  if (!all.some((k) => (k.algorithm ?? 'RSA') === algorithm)) {
    throw new Unobservable(algorithm === 'SM2' ? 'keys.pboc.ca is an RSA key; this scenario needs the SM2 CA key (algorithm: SM2)' : 'keys.pboc.ca is an SM2 key; this scenario needs the RSA CA key');
  }
  const named = (w.memory.get('pboc.kernel') as PbocKernel | undefined)?.data.get('8F');
  throw new NonConformance(`the card's CA public key index 8F ${named ? toHex(named) : 'is absent'}: not the ${algorithm} chain this scenario reads`);
}
function rsaCa(w: CardWorld): RsaPublic {
  return caOf(w, 'RSA') as RsaPublic;
}
function sm2Ca(w: CardWorld): Uint8Array {
  return (caOf(w, 'SM2') as { sm2: Uint8Array }).sm2;
}
/**
 * The simulated issuer: the algorithm of the ICS, or for a dual-algorithm card the one the IAD of the
 * cryptogram names (JR/T 0025.17 §10.3.1 e–g), since the card chose its set at GPO.
 */
const issuer = (w: CardWorld, iad?: Uint8Array): PbocIssuer => (keys(w), profileIssuer(w.profile, iad));

function kernel(w: CardWorld): PbocKernel {
  let k = w.memory.get('pboc.kernel') as PbocKernel | undefined;
  if (!k) {
    k = new PbocKernel((apdu) => w.send(apdu), smSupportOf(w));
    w.remember('pboc.kernel', k);
  }
  return k;
}
/** A new transaction: a fresh kernel that keeps the terminal data of the last one. */
function freshKernel(w: CardWorld): PbocKernel {
  const old = w.memory.get('pboc.kernel') as PbocKernel | undefined;
  const k = new PbocKernel((apdu) => w.send(apdu), { ...old?.terminal, ...smSupportOf(w) });
  w.remember('pboc.kernel', k);
  return k;
}
/** DF69 of the terminal (JR/T 0025.17 §10.3.3) when the scenario set it ('the terminal … the SM algorithms'). */
const smSupportOf = (w: CardWorld): { smSupport?: boolean } => (w.memory.has('pboc.smSupport') ? { smSupport: w.memory.get('pboc.smSupport') as boolean } : {});
const gac = (w: CardWorld, n: 1 | 2 = 1) => w.recall<GacResult>(`pboc.gac${n}`);
const swHex = (sw: number) => sw.toString(16).toUpperCase().padStart(4, '0');

async function selectAndRead(w: CardWorld, ec = false, amount?: number): Promise<PbocKernel> {
  const k = freshKernel(w);
  k.terminal.ecSupport = ec;
  if (amount !== undefined) k.terminal.amount = amount;
  const r = await k.selectApplication(aid(w));
  expectSw(r.sw, 0x9000, 0x6283); // 6283: application blocked, still selected (JR/T 0025.5 §6.3.5)
  const g = await k.gpo();
  if (g.sw !== 0x9000) throw new NonConformance(`GET PROCESSING OPTIONS answered ${swHex(g.sw)}`);
  await k.readApplicationData();
  return k;
}

async function firstGac(w: CardWorld, type: AcType, cda = false): Promise<GacResult> {
  const { response, result } = await kernel(w).generateAc(type, false, {}, { cda });
  if (!result) throw new NonConformance(`first GENERATE AC (${type}${cda ? ' with CDA' : ''}) answered ${swHex(response.sw)}`);
  return w.remember('pboc.gac1', result);
}

async function getNumber(w: CardWorld, tag: string): Promise<number> {
  const v = await kernel(w).getDataValue(tag);
  if (tag === '9F36' || tag === '9F13' || tag === '9F17') return toUint(v);
  if (!/^[0-9]+$/.test(toHex(v))) throw new NonConformance(`${tag} ${toHex(v)} is not an n value`);
  return Number(toHex(v));
}

// ---- selection ----

When('the terminal reads the PSE directory', async function (this: CardWorld) {
  this.remember('pboc.dir', await kernel(this).pseDirectory());
});

Then('the PSE directory lists the debit application', function (this: CardWorld) {
  const dir = this.recall<{ aids: Uint8Array[] }>('pboc.dir');
  expectThat(dir.aids.some((a) => toHex(a) === toHex(aid(this))), `PSE directory AIDs ${dir.aids.map((a) => toHex(a)).join(', ') || 'none'} lack ${toHex(aid(this))}`);
});

type Ppse = Awaited<ReturnType<PbocKernel['ppse']>>;
const ppseOf = (w: CardWorld) => w.recall<Ppse>('pboc.ppse');
const debitEntry = (w: CardWorld, entries: DirectoryEntry[]) => entries.find((e) => e.aid && toHex(e.aid) === toHex(aid(w)));

When('the terminal selects the PPSE', async function (this: CardWorld) {
  this.remember('pboc.ppse', await freshKernel(this).ppse());
});

Then('the PPSE FCI is 6F with 84 2PAY.SYS.DDF01 and A5 holding BF0C', function (this: CardWorld) {
  const p = ppseOf(this);
  const name = p.dfName ? Buffer.from(p.dfName).toString('latin1') : 'absent';
  expectThat(name === PPSE_NAME && p.hasBf0c, `PPSE FCI ${toHex(p.response.data)}: 84 ${name}, ${p.hasBf0c ? '' : 'no '}A5 { BF0C }`);
});

Then('the PPSE lists the debit application', function (this: CardWorld) {
  const e = ppseOf(this).entries;
  expectThat(debitEntry(this, e) !== undefined, `PPSE entries ${e.map((x) => (x.aid ? toHex(x.aid) : '(no 4F)')).join(', ') || 'none'} lack ${toHex(aid(this))}`);
});

Then('the PPSE entry of the debit application has the priority 87 of its PSE directory entry', function (this: CardWorld) {
  const inPpse = debitEntry(this, ppseOf(this).entries);
  const inPse = debitEntry(this, this.recall<{ entries: DirectoryEntry[] }>('pboc.dir').entries);
  if (!inPse?.priority) throw new Unobservable('the PSE directory entry of the debit application gives no priority 87');
  expectThat(inPpse?.priority !== undefined && toHex(inPpse.priority) === toHex(inPse.priority), `PPSE 87 ${inPpse ? (inPpse.priority ? toHex(inPpse.priority) : 'absent') : '(no entry)'}, PSE directory 87 ${toHex(inPse.priority)}`);
});

When('the terminal selects the application of the first PPSE entry', async function (this: CardWorld) {
  const first = ppseOf(this).entries[0]?.aid;
  if (!first) throw new NonConformance('the PPSE lists no application (61 { 4F })');
  await freshKernel(this).selectApplication(first);
});

When('the terminal selects the debit application', async function (this: CardWorld) {
  await freshKernel(this).selectApplication(aid(this));
});

Then('the FCI names the debit application in 84', function (this: CardWorld) {
  expectThat(toHex(kernel(this).data.get('84') ?? new Uint8Array()) === toHex(aid(this)), `84 is ${toHex(kernel(this).data.get('84') ?? new Uint8Array())}`);
});

Then('the FCI carries the data object {word}', function (this: CardWorld, tag: string) {
  expectThat(kernel(this).data.has(tag), `the FCI lacks ${tag}`);
});

Then('the PDOL asks for the 1-byte SM algorithm support indicator DF69', function (this: CardWorld) {
  const pdol = kernel(this).data.get('9F38');
  const df69 = pdol ? parseDol(pdol).find((e) => e.tag === 'DF69') : undefined;
  expectThat(df69?.length === 1, `PDOL ${pdol ? toHex(pdol) : 'absent'} ${df69 ? `asks DF69 in ${df69.length} bytes` : 'lacks DF69'}`);
});

Then('the log entry 9F4D names an SFI from 11 to 30 and at least one record', function (this: CardWorld) {
  const v = kernel(this).data.get('9F4D');
  expectThat(v?.length === 2 && (v[0] as number) >= 11 && (v[0] as number) <= 30 && (v[1] as number) >= 1, `9F4D is ${v ? toHex(v) : 'absent'}`);
});

// ---- GPO and records ----

Given('the debit application is selected and its records read', async function (this: CardWorld) {
  await selectAndRead(this);
});

Given('the debit application is selected and its records read for an EC purchase of {int}', async function (this: CardWorld, amount: number) {
  await selectAndRead(this, true, amount);
});

When('the terminal sends GET PROCESSING OPTIONS with PDOL data one byte short', async function (this: CardWorld) {
  const k = freshKernel(this);
  expectSw((await k.selectApplication(aid(this))).sw, 0x9000);
  const d = k.pdolData();
  await k.gpo(d.subarray(0, d.length - 1));
});

Then('the AFL names at least one record and every entry is well formed', function (this: CardWorld) {
  const problems = kernel(this).aflProblems();
  expectThat(problems.length === 0, `AFL ${toHex(kernel(this).afl)}: ${problems.join('; ')}`);
});

Then('the AIP announces the offline data authentication methods of the ICS', function (this: CardWorld) {
  const b1 = kernel(this).aip[0] as number;
  const oda = this.profile.ics.oda ?? [];
  for (const [m, bit] of [['SDA', 0x40], ['DDA', 0x20], ['CDA', 0x01]] as const) {
    expectThat(Boolean(b1 & bit) === oda.includes(m), `AIP ${toHex(kernel(this).aip)}: ${m} bit ${b1 & bit ? 'set' : 'clear'} but ICS oda ${oda.includes(m) ? 'has' : 'lacks'} it`);
  }
});

Then('the application data holds {word}', function (this: CardWorld, tag: string) {
  kernel(this).need(tag);
});

Then('the PAN is 12 to 19 digits with a valid Luhn check digit', function (this: CardWorld) {
  const pan = kernel(this).pan;
  let sum = 0;
  for (let i = 0; i < pan.length; i++) {
    let d = Number(pan[pan.length - 1 - i]);
    if (i % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  expectThat(pan.length >= 12 && pan.length <= 19 && sum % 10 === 0, `PAN ${pan} fails the length or Luhn check`);
});

Then('the effective date is before the expiry date and both are valid YYMMDD', function (this: CardWorld) {
  const ok = (v: string) => /^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(v);
  const exp = toHex(kernel(this).need('5F24'));
  const eff = toHex(kernel(this).need('5F25'));
  expectThat(ok(exp) && ok(eff) && eff < exp, `5F25 ${eff} / 5F24 ${exp}`);
});

Then('the CVM list is X, Y and whole CVM rules', function (this: CardWorld) {
  const v = kernel(this).need('8E');
  expectThat(v.length >= 10 && (v.length - 8) % 2 === 0, `8E of ${v.length} bytes`);
});

Then('CDOL1 asks for {word}', function (this: CardWorld, tag: string) {
  const dol = parseDol(kernel(this).need('8C'));
  expectThat(dol.some((e) => e.tag === tag), `CDOL1 ${toHex(kernel(this).need('8C'))} lacks ${tag}`);
});

Then('the application data holds the EC issuer authorisation code 9F74', function (this: CardWorld) {
  const v = kernel(this).need('9F74');
  expectThat(Buffer.from(v).toString('latin1').startsWith('ECC'), `9F74 is ${toHex(v)}`);
});

Then('the application data holds no EC issuer authorisation code 9F74', function (this: CardWorld) {
  expectThat(!kernel(this).data.has('9F74'), 'the AFL of a non-EC transaction named the 9F74 record');
});

// ---- GET DATA ----

When('the terminal gets the data object {word}', async function (this: CardWorld, tag: string) {
  this.remember('pboc.getdata', await kernel(this).getDataValue(tag));
});

Then('its value is {int} bytes long', function (this: CardWorld, n: number) {
  const v = this.recall<Uint8Array>('pboc.getdata');
  expectThat(v.length === n, `value of ${v.length} bytes: ${toHex(v)}`);
});

Then('the log format is a data object list', function (this: CardWorld) {
  const v = this.recall<Uint8Array>('pboc.getdata');
  expectThat(v.length > 0 && dolLength(parseDol(v)) > 0, `9F4F ${toHex(v)}`);
});

When('the terminal sends GET DATA for the tag {word}', async function (this: CardWorld, tag: string) {
  await kernel(this).getData(tag);
});

// ---- ODA ----

Then('the issuer public key certificate recovers with the CA key and passes every check', function (this: CardWorld) {
  const r = kernel(this).issuerKey(rsaCa(this));
  expectThat(r.errors.length === 0, `issuer certificate: ${r.errors.join('; ')}`);
});

Then('static data authentication succeeds', function (this: CardWorld) {
  const errors = kernel(this).sda(ca(this));
  expectThat(errors.length === 0, `SDA: ${errors.join('; ')}`);
});

Then('the data authentication code 9F45 is 2 bytes', function (this: CardWorld) {
  kernel(this).sda(ca(this));
  expectThat(kernel(this).data.get('9F45')?.length === 2, 'no DAC recovered from the SSAD');
});

Then('the ICC public key certificate recovers and names the PAN of 5A', function (this: CardWorld) {
  const r = kernel(this).iccKey(rsaCa(this));
  expectThat(r.errors.length === 0, `ICC certificate: ${r.errors.join('; ')}`);
});

Then('dynamic data authentication succeeds', async function (this: CardWorld) {
  const r = await kernel(this).dda(ca(this));
  expectThat(r.errors.length === 0, `DDA: ${r.errors.join('; ')}`);
});

/** Verify one SDAD with the ICC key: RSA (JR/T 0025.7 §6.5.2) or SM2 (JR/T 0025.17 §5.2.4.2). */
type SdadCheck = (sdad: Uint8Array, ddolData: Uint8Array) => Recovered<Uint8Array>;

When('the terminal runs INTERNAL AUTHENTICATE twice with the unpredictable numbers {word} and {word}', async function (this: CardWorld, a: string, b: string) {
  const k = kernel(this);
  const c = ca(this);
  let check: SdadCheck;
  if ('sm2' in c) {
    const icc = iccKeySm2(k, c.sm2);
    if (!icc.key) throw new NonConformance(`ICC key: ${icc.errors.join('; ')}`);
    const key = icc.key;
    check = (sdad, un) => verifySdadSm2(key, sdad, un);
  } else {
    const icc = k.iccKey(c);
    if (!icc.key) throw new NonConformance(`ICC key: ${icc.errors.join('; ')}`);
    const key = icc.key;
    check = (sdad, un) => verifySdad(key, sdad, un);
  }
  const out = [];
  for (const un of [a, b]) {
    const ia = await k.internalAuthenticate(fromHex(un));
    if (!ia.sdad) throw new NonConformance(`INTERNAL AUTHENTICATE answered ${swHex(ia.response.sw)}`);
    out.push({ un: fromHex(un), sdad: ia.sdad });
  }
  this.remember('pboc.ia', { check, out });
});

Then('each SDAD verifies with its own unpredictable number only', function (this: CardWorld) {
  const { check, out } = this.recall<{ check: SdadCheck; out: Array<{ un: Uint8Array; sdad: Uint8Array }> }>('pboc.ia');
  const [x, y] = out as [typeof out[0], typeof out[0]];
  expectThat(check(x.sdad, x.un).errors.length === 0, `SDAD 1: ${check(x.sdad, x.un).errors.join('; ')}`);
  expectThat(check(y.sdad, y.un).errors.length === 0, `SDAD 2: ${check(y.sdad, y.un).errors.join('; ')}`);
  expectThat(check(x.sdad, y.un).errors.length > 0, 'SDAD 1 also verifies with the other unpredictable number');
});

Then('the two ICC dynamic numbers differ', function (this: CardWorld) {
  const { check, out } = this.recall<{ check: SdadCheck; out: Array<{ un: Uint8Array; sdad: Uint8Array }> }>('pboc.ia');
  const n = out.map((o) => toHex(check(o.sdad, o.un).value ?? new Uint8Array()));
  expectThat(n[0] !== n[1], `ICC dynamic number repeated: ${n[0]}`);
});

// ---- ODA with SM2 (JR/T 0025.17 §5) ----

Then('the SM2 issuer public key certificate passes every check with the CA key', function (this: CardWorld) {
  const r = issuerKeySm2(kernel(this), sm2Ca(this));
  expectThat(r.errors.length === 0, `issuer certificate: ${r.errors.join('; ')}`);
});

Then('the SM2 issuer public key certificate 90 is 12, issuer id, expiry, serial, 04, 00, 11, 40, a 64-byte key and a 64-byte signature', function (this: CardWorld) {
  const errors = sm2CertLayoutErrors(kernel(this).need('90'), 'issuer');
  expectThat(errors.length === 0, `90: ${errors.join('; ')}`);
});

Then('the application data holds no RSA remainder 92 or exponent 9F32', function (this: CardWorld) {
  const found = ['92', '9F32'].filter((t) => kernel(this).data.has(t));
  expectThat(found.length === 0, `an SM2 card carries the RSA objects ${found.join(', ')} (JR/T 0025.17 table 3 has none)`);
});

Then('the application data holds no RSA exponent 9F47 or remainder 9F48', function (this: CardWorld) {
  const found = ['9F47', '9F48'].filter((t) => kernel(this).data.has(t));
  expectThat(found.length === 0, `an SM2 card carries the RSA objects ${found.join(', ')} (JR/T 0025.17 table 7 has none)`);
});

Then('the SM2 SSAD 93 is 13, a 2-byte data authentication code and a 64-byte signature', function (this: CardWorld) {
  const v = kernel(this).need('93');
  expectThat(v.length === 67 && v[0] === 0x13, `93 is ${v.length} bytes opening ${toHex(v.subarray(0, 1))}: not 13 ‖ DAC(2) ‖ r ‖ s(64)`);
});

Then('the data authentication code 9F45 is the one of the SSAD', function (this: CardWorld) {
  const dac = kernel(this).data.get('9F45');
  const ssad = kernel(this).need('93');
  expectThat(dac !== undefined && toHex(dac) === toHex(ssad.subarray(1, 3)), `9F45 ${dac ? toHex(dac) : 'absent'}; the SSAD's DAC is ${toHex(ssad.subarray(1, 3))}`);
});

Then('the SM2 ICC public key certificate passes every check with the issuer key', function (this: CardWorld) {
  const layout = sm2CertLayoutErrors(kernel(this).need('9F46'), 'icc');
  const r = iccKeySm2(kernel(this), sm2Ca(this));
  const errors = [...layout, ...r.errors.filter((e) => !layout.includes(e))];
  expectThat(errors.length === 0, `ICC certificate: ${errors.join('; ')}`);
});

Then('the ICC dynamic number 9F4C is 2 to 8 bytes', function (this: CardWorld) {
  const v = kernel(this).data.get('9F4C');
  expectThat(v !== undefined && v.length >= 2 && v.length <= 8, `9F4C is ${v ? toHex(v) : 'absent'}`);
});

// ---- CDA (JR/T 0025.7 §5.3.6, JR/T 0025.17 §5.2.5) ----

Then('the CDA signature of the {word} GENERATE AC verifies with the ICC public key', function (this: CardWorld, which: string) {
  const r = kernel(this).verifyCda(ca(this), gac(this, which === 'second' ? 2 : 1));
  expectThat(r.errors.length === 0, `CDA: ${r.errors.join('; ')}`);
});

Then('the GENERATE AC response is 77 with 9F27, 9F36, 9F4B and optionally 9F10 only', function (this: CardWorld) {
  const top = parseTlv(this.last.data)[0];
  const tags = top?.children?.map((t) => t.tag) ?? [];
  const extra = tags.filter((t) => !['9F27', '9F36', '9F4B', '9F10'].includes(t));
  expectThat(top?.tag === '77' && ['9F27', '9F36', '9F4B'].every((t) => tags.includes(t)) && extra.length === 0,
    `response ${top?.tag ?? 'none'} { ${tags.join(' ')} }${extra.length ? `: ${extra.join(', ')} not in table 18` : ''}`);
});

Then('the AAC is in clear in 9F26 and the response has no 9F4B', function (this: CardWorld) {
  const g = gac(this);
  expectThat(!g.sdad && g.ac.length === 8, `AAC response ${g.sdad ? 'carries a CDA signature 9F4B' : ''}${g.ac.length !== 8 ? ' has no AC in clear' : ''}`);
});

Then('the signed transaction data hash is over the PDOL data, the CDOL1 data and the response objects but 9F4B', function (this: CardWorld) {
  const k = kernel(this);
  const g = gac(this);
  const r = k.verifyCda(ca(this), g);
  const signed = r.value?.transactionDataHash;
  if (!signed) throw new NonConformance(`CDA: ${r.errors.join('; ')}`);
  const covered = cdaHashCoverage(signed, k.pdolSent, k.cdol1Sent, g.responseObjects ?? new Uint8Array(0));
  expectThat(covered === CDA_HASH_ALL, `the signed hash ${toHex(signed)} is ${covered ? `over ${covered}` : 'over none of PDOL ‖ CDOL1 ‖ response objects and its parts'}`);
});

Then('the SM2 signed dynamic application data is 15, LDD, the ICC dynamic data of table 13 with a 32-byte hash, and a 64-byte signature', function (this: CardWorld) {
  const g = gac(this);
  if (!g.sdad) throw new NonConformance('the response carries no 9F4B');
  const errors = cdaSdadLayoutErrorsSm2(g.sdad);
  expectThat(errors.length === 0, `9F4B: ${errors.join('; ')}`);
});

Then('the RSA signed dynamic application data recovers to the layout of table 21 with the ICC dynamic data of table 17', function (this: CardWorld) {
  const g = gac(this);
  if (!g.sdad) throw new NonConformance('the response carries no 9F4B');
  const icc = kernel(this).iccKey(rsaCa(this));
  if (!icc.key) throw new NonConformance(`ICC key: ${icc.errors.join('; ')}`);
  const errors = cdaSdadLayoutErrors(icc.key, g.sdad);
  expectThat(errors.length === 0, `9F4B: ${errors.join('; ')}`);
});

Then('the TVR says CDA did not fail', function (this: CardWorld) {
  const tvr = kernel(this).tvr;
  expectThat(((tvr[0] as number) & 0x04) === 0, `TVR ${toHex(tvr)}: byte 1 b3 CDA failed is set`);
});

// ---- PIN ----

When('the terminal verifies the offline PIN of the profile', async function (this: CardWorld) {
  await kernel(this).verifyPin(profilePin(this));
});

When('the terminal verifies a wrong offline PIN', async function (this: CardWorld) {
  this.remember('pboc.pinBefore', await getNumber(this, '9F17'));
  await kernel(this).verifyPin(wrongPin(profilePin(this)));
});

When('the terminal verifies a wrong offline PIN until the card blocks it', async function (this: CardWorld) {
  for (let i = 0; i < 16; i++) {
    const r = await kernel(this).verifyPin(wrongPin(profilePin(this)));
    if (r.sw === 0x6983) return;
    if (r.sw >> 4 !== 0x63c) throw new NonConformance(`wrong PIN answered ${swHex(r.sw)}`);
  }
  throw new NonConformance('16 wrong PINs did not block the PIN');
});

When('the terminal sends VERIFY with a PIN block that is not format 2', async function (this: CardWorld) {
  await this.send('002000800834123456FFFFFFFF');
});

Then('the card answers 63Cx with the PIN try counter 9F17 one less than before', async function (this: CardWorld) {
  const sw = this.last.sw;
  const before = this.recall<number>('pboc.pinBefore');
  expectThat(sw >> 4 === 0x63c, `wrong PIN answered ${swHex(sw)}`);
  const after = await getNumber(this, '9F17');
  expectThat(after === before - 1 && (sw & 0xf) === after, `9F17 ${before} → ${after}, SW ${swHex(sw)}`);
});

Then('the PIN try counter 9F17 is back at its value before the wrong PIN', async function (this: CardWorld) {
  const after = await getNumber(this, '9F17');
  expectThat(after === this.recall<number>('pboc.pinBefore'), `9F17 is ${after}`);
});

function profilePin(w: CardWorld): string {
  const pin = w.profile.keys?.pin;
  if (!pin) throw new Unobservable('the profile gives no keys.pin');
  return pin;
}

// ---- GENERATE AC ----

When('the terminal asks for {word} in the first GENERATE AC', async function (this: CardWorld, type: AcType) {
  this.remember('pboc.asked', type);
  await firstGac(this, type);
});

When('the terminal asks for {word} with CDA in the first GENERATE AC', async function (this: CardWorld, type: AcType) {
  this.remember('pboc.asked', type);
  await firstGac(this, type, true);
});

When('the terminal sends the first GENERATE AC asking for {word}', async function (this: CardWorld, type: AcType) {
  await kernel(this).generateAc(type);
});

Then('the card answers no higher cryptogram than asked', function (this: CardWorld) {
  const asked = this.recall<AcType>('pboc.asked');
  const got = gac(this).type;
  expectThat(RANK[got] <= RANK[asked], `asked ${asked}, card answered ${got}`);
});

Then('the card answers {word}', function (this: CardWorld, type: AcType) {
  const g = (this.memory.get('pboc.gac2') as GacResult | undefined) ?? gac(this);
  expectThat(g.type === type, `card answered ${g.type}, expected ${type}`);
});

Then('the cryptogram of the {word} GENERATE AC verifies with the issuer keys', function (this: CardWorld, which: string) {
  const g = gac(this, which === 'second' ? 2 : 1);
  const k = kernel(this);
  const expected = issuer(this, g.iad).expectedAc(k.pan, k.psn, g.atc, g.acData);
  expectThat(toHex(expected) === toHex(g.ac), `${g.type} ${toHex(g.ac)}; the issuer computes ${toHex(expected)} over ${toHex(g.acData)}`);
});

Then('the IAD is 07, DKI, CVN 01, CVR of length 03 and the algorithm of the ICS', function (this: CardWorld) {
  const iad = gac(this).iad;
  const alg = this.profile.ics.pboc === '3.0' && this.profile.ics.algorithms.includes('SM4') ? 0x04 : 0x01;
  expectThat(iad[0] === 0x07 && iad[2] === 0x01 && iad[3] === 0x03 && iad[7] === alg, `IAD ${toHex(iad)}`);
});

Then('the CVR says offline PIN performed', function (this: CardWorld) {
  expectThat(((gac(this).iad[4] as number) & 0x04) !== 0, `CVR ${toHex(gac(this).iad.subarray(3, 7))}`);
});

Then('the ATC of the GENERATE AC response equals GET DATA 9F36', async function (this: CardWorld) {
  const atc = await getNumber(this, '9F36');
  expectThat(atc === gac(this).atc, `GENERATE AC ATC ${gac(this).atc}, GET DATA ${atc}`);
});

When('the terminal sends a third GENERATE AC', async function (this: CardWorld) {
  await kernel(this).generateAc('AAC', true, { '8A': fromHex('3030') });
});

When('the terminal sends GENERATE AC without GET PROCESSING OPTIONS', async function (this: CardWorld) {
  const k = freshKernel(this);
  expectSw((await k.selectApplication(aid(this))).sw, 0x9000);
  await this.send('80AE80001D' + '00'.repeat(29) + '00');
});

When('the terminal runs up to {int} offline transactions asking for TC', async function (this: CardWorld, n: number) {
  const seen: AcType[] = [];
  for (let i = 0; i < n; i++) {
    await selectAndRead(this);
    const g = await firstGac(this, 'TC');
    seen.push(g.type);
    if (g.type !== 'TC') break;
  }
  this.remember('pboc.seen', seen);
});

Then('the card asks to go online before the last one', function (this: CardWorld) {
  const seen = this.recall<AcType[]>('pboc.seen');
  expectThat(seen.includes('ARQC'), `the card answered ${seen.join(', ')}`);
});

// ---- online ----

Given('the card has asked to go online with an ARQC', async function (this: CardWorld) {
  await selectAndRead(this);
  const g = await firstGac(this, 'ARQC');
  if (g.type !== 'ARQC') throw new NonConformance(`asked ARQC, card answered ${g.type}`);
});

/**
 * The card's offline risk state (consecutive offline counter, JR/T 0025.5 §9.4; issuer authentication
 * failed on the last transaction, Annex D CVR) is cleared by an online approved transaction: a scenario
 * that needs an offline approval starts from it, whatever earlier scenarios left on a card that keeps its state.
 */
Given('the card\'s offline risk counters are reset by an online approved transaction', async function (this: CardWorld) {
  await selectAndRead(this);
  const g = await firstGac(this, 'ARQC');
  if (g.type !== 'ARQC') throw new PreconditionNotMet(`asked ARQC for the online transaction that resets the offline counters, the card answered ${g.type}`);
  const k = kernel(this);
  const arc = fromHex('3030');
  const ea = await k.externalAuthenticate(issuer(this, g.iad).arpc(k.pan, k.psn, g.atc, g.ac, arc), arc);
  if (ea.sw !== 0x9000) throw new PreconditionNotMet(`EXTERNAL AUTHENTICATE with the right ARPC answered ${swHex(ea.sw)}`);
  const { result } = await k.generateAc('TC', true, { '8A': arc });
  if (result?.type !== 'TC') throw new PreconditionNotMet(`the second GENERATE AC of the online transaction answered ${result?.type ?? 'no cryptogram'}`);
});

When('the issuer answers with the right ARPC and ARC {word}', async function (this: CardWorld, arc: string) {
  const k = kernel(this);
  const g = gac(this);
  const a = fromHex(Buffer.from(arc, 'ascii').toString('hex'));
  this.remember('pboc.arc', a);
  await k.externalAuthenticate(issuer(this, g.iad).arpc(k.pan, k.psn, g.atc, g.ac, a), a);
});

When('the issuer answers with a wrong ARPC', async function (this: CardWorld) {
  const k = kernel(this);
  const g = gac(this);
  const a = fromHex('3030');
  this.remember('pboc.arc', a);
  const good = issuer(this, g.iad).arpc(k.pan, k.psn, g.atc, g.ac, a);
  await k.externalAuthenticate(good.map((b, i) => (i === 0 ? b ^ 0x01 : b)), a);
});

When('the terminal sends the second GENERATE AC asking for TC', async function (this: CardWorld) {
  const arc = (this.memory.get('pboc.arc') as Uint8Array | undefined) ?? fromHex('3030');
  const { response, result } = await kernel(this).generateAc('TC', true, { '8A': arc });
  if (!result) throw new NonConformance(`second GENERATE AC answered ${swHex(response.sw)}`);
  this.remember('pboc.gac2', result);
});

When('the terminal sends the second GENERATE AC asking for TC with CDA', async function (this: CardWorld) {
  const arc = (this.memory.get('pboc.arc') as Uint8Array | undefined) ?? fromHex('3030');
  const { response, result } = await kernel(this).generateAc('TC', true, { '8A': arc }, { cda: true });
  if (!result) throw new NonConformance(`second GENERATE AC with CDA answered ${swHex(response.sw)}`);
  this.remember('pboc.gac2', result);
});

Then('the last online ATC register 9F13 equals the ATC of the transaction', async function (this: CardWorld) {
  const v = await getNumber(this, '9F13');
  expectThat(v === gac(this).atc, `9F13 ${v}, transaction ATC ${gac(this).atc}`);
});

// ---- scripts ----

When('the issuer sends the script command {word} with a right MAC', async function (this: CardWorld, header: string) {
  const k = kernel(this);
  const g = gac(this);
  const [h, data] = header.split('+') as [string, string | undefined];
  await k.script(issuer(this, g.iad).script(k.pan, k.psn, g.atc, g.ac, h, fromHex(data ?? '')));
});

When('the issuer sends the script command {word} with a wrong MAC', async function (this: CardWorld, header: string) {
  const k = kernel(this);
  const g = gac(this);
  const [h, data] = header.split('+') as [string, string | undefined];
  const apdu = issuer(this, g.iad).script(k.pan, k.psn, g.atc, g.ac, h, fromHex(data ?? ''));
  apdu[apdu.length - 1] = (apdu[apdu.length - 1] as number) ^ 0x01;
  await k.script(apdu);
});

/** PIN CHANGE/UNBLOCK P2 02 / 01 with the new PIN enciphered (issuer.pinChange, JR/T 0025.5 B.10.3). */
async function pinChange(w: CardWorld, newPin: string, current?: string, wrongMac = false): Promise<void> {
  const k = kernel(w);
  const g = gac(w);
  const apdu = issuer(w, g.iad).pinChange(k.pan, k.psn, g.atc, g.ac, newPin, current);
  if (wrongMac) apdu[apdu.length - 1] = (apdu[apdu.length - 1] as number) ^ 0x01;
  await k.script(apdu);
}

When('the issuer changes the offline PIN to {word} by script without the current PIN', async function (this: CardWorld, pin: string) {
  await pinChange(this, pin);
});

When('the issuer changes the offline PIN to {word} by script with the current PIN', async function (this: CardWorld, pin: string) {
  await pinChange(this, pin, profilePin(this));
});

When('the issuer changes the offline PIN to {word} by script without the current PIN and with a wrong MAC', async function (this: CardWorld, pin: string) {
  await pinChange(this, pin, undefined, true);
});

When('the issuer changes the offline PIN to {word} by script with a current PIN that differs in its first digit', async function (this: CardWorld, pin: string) {
  const current = profilePin(this);
  await pinChange(this, pin, String((Number(current[0]) + 1) % 10) + current.slice(1));
});

Then('the card refuses the command', function (this: CardWorld) {
  expectThat(this.last.sw !== 0x9000 && this.last.sw >> 8 !== 0x61 && this.last.sw >> 8 !== 0x62 && this.last.sw >> 8 !== 0x63, `the card answered ${swHex(this.last.sw)}`);
});

async function verifies(w: CardWorld, pin: string, expected: boolean): Promise<void> {
  const r = await kernel(w).verifyPin(pin);
  if (expected) expectThat(r.sw === 0x9000, `VERIFY of PIN ${pin} answered ${swHex(r.sw)}`);
  else expectThat(r.sw >> 4 === 0x63c || r.sw === 0x6983, `VERIFY of PIN ${pin} answered ${swHex(r.sw)}, not 63Cx or 6983`);
}

Then('the offline PIN {word} verifies', async function (this: CardWorld, pin: string) {
  await verifies(this, pin, true);
});

Then('the offline PIN {word} is refused', async function (this: CardWorld, pin: string) {
  await verifies(this, pin, false);
});

Then('the offline PIN of the profile verifies', async function (this: CardWorld) {
  await verifies(this, profilePin(this), true);
});

Then('the offline PIN of the profile is refused', async function (this: CardWorld) {
  await verifies(this, profilePin(this), false);
});

When('the issuer loads the EC balance with {int} more than the balance limit allows', async function (this: CardWorld, more: number) {
  const limit = await getNumber(this, '9F77');
  this.remember('pboc.balanceBefore', await getNumber(this, '9F79'));
  const k = kernel(this);
  const g = gac(this);
  await k.script(issuer(this, g.iad).script(k.pan, k.psn, g.atc, g.ac, '04DA9F79', fromHex(String(limit + more).padStart(12, '0'))));
});

Then('the EC balance is unchanged', async function (this: CardWorld) {
  const v = await getNumber(this, '9F79');
  expectThat(v === this.recall<number>('pboc.balanceBefore'), `9F79 ${this.recall<number>('pboc.balanceBefore')} → ${v}`);
});

Given('the terminal remembers the EC balance', async function (this: CardWorld) {
  this.remember('pboc.balanceBefore', await getNumber(this, '9F79'));
});

Then('GET DATA {word} gives {int}', async function (this: CardWorld, tag: string, n: number) {
  const v = await getNumber(this, tag);
  expectThat(v === n, `${tag} is ${v}, expected ${n}`);
});

Then('a new transaction asking for ARQC gets AAC', async function (this: CardWorld) {
  await selectAndRead(this);
  const g = await firstGac(this, 'ARQC');
  expectThat(g.type === 'AAC', `blocked application answered ${g.type}`);
});

Then('a new transaction asking for ARQC gets ARQC', async function (this: CardWorld) {
  await selectAndRead(this);
  const g = await firstGac(this, 'ARQC');
  expectThat(g.type === 'ARQC', `unblocked application answered ${g.type}`);
});

// ---- restoring the sample (steps/restore.steps.ts has the SSSE's) ----

Then('the sample is restored: the right offline PIN resets the PIN try counter', async function (this: CardWorld) {
  const r = await kernel(this).verifyPin(profilePin(this));
  if (r.sw !== 0x9000) throw new RestoreFailed('the offline PIN try counter', `VERIFY with the profile's PIN answered ${swHex(r.sw)}`);
});

Then('the sample is restored: the issuer unblocks the offline PIN by script and the profile\'s PIN verifies', async function (this: CardWorld) {
  await selectAndRead(this);
  const g = await firstGac(this, 'ARQC');
  if (g.type !== 'ARQC') throw new RestoreFailed('the offline PIN', `asked ARQC to send PIN UNBLOCK, the card answered ${g.type}`);
  const k = kernel(this);
  const r = await k.script(issuer(this, g.iad).script(k.pan, k.psn, g.atc, g.ac, '84240000', new Uint8Array(0)));
  if (r.sw !== 0x9000) throw new RestoreFailed('the offline PIN', `PIN UNBLOCK by script answered ${swHex(r.sw)}: it stays blocked`);
  const v = await k.verifyPin(profilePin(this));
  if (v.sw !== 0x9000) throw new RestoreFailed('the offline PIN', `after PIN UNBLOCK the profile's PIN answers VERIFY with ${swHex(v.sw)}`);
});

Then('the sample is restored: the issuer unblocks the debit application', async function (this: CardWorld) {
  await selectAndRead(this);
  const g = await firstGac(this, 'ARQC');
  const k = kernel(this);
  const r = await k.script(issuer(this, g.iad).script(k.pan, k.psn, g.atc, g.ac, '84180000', new Uint8Array(0)));
  if (r.sw !== 0x9000) throw new RestoreFailed('the debit application', `APPLICATION UNBLOCK by script answered ${swHex(r.sw)}: it stays blocked`);
  const s = await this.send(iso.selectByName(aid(this)));
  if (s.sw !== 0x9000) throw new RestoreFailed('the debit application', `after APPLICATION UNBLOCK it answers SELECT with ${swHex(s.sw)}`);
});

/** The EC data objects an issuer script may set (JR/T 0025.13 §7.5), in the order a restore puts them back. */
const EC_OBJECTS = ['9F77', '9F78', '9F6D', '9F79'] as const;

Given('the terminal keeps the EC balance and limits to restore them', async function (this: CardWorld) {
  const kept: Record<string, number> = {};
  for (const tag of EC_OBJECTS) kept[tag] = await getNumber(this, tag);
  this.remember('pboc.ec kept', kept);
});

Then('the sample is restored: the issuer puts the EC balance and limits back by script', async function (this: CardWorld) {
  const kept = this.recall<Record<string, number>>('pboc.ec kept');
  await selectAndRead(this);
  const g = await firstGac(this, 'ARQC');
  if (g.type !== 'ARQC') throw new RestoreFailed('the EC balance and limits', `asked ARQC to send the scripts, the card answered ${g.type}`);
  const k = kernel(this);
  for (const tag of EC_OBJECTS) {
    if ((await getNumber(this, tag)) === kept[tag]) continue;
    const r = await k.script(issuer(this, g.iad).script(k.pan, k.psn, g.atc, g.ac, `04DA${tag}`, fromHex(String(kept[tag]).padStart(12, '0'))));
    if (r.sw !== 0x9000) throw new RestoreFailed(`EC data object ${tag}`, `PUT DATA by script answered ${swHex(r.sw)}`);
    const now = await getNumber(this, tag);
    if (now !== kept[tag]) throw new RestoreFailed(`EC data object ${tag}`, `it reads ${now}, was ${kept[tag]}`);
  }
});

Then('the sample is restored: the issuer changes the offline PIN back to the profile\'s by script', async function (this: CardWorld) {
  await selectAndRead(this);
  const g = await firstGac(this, 'ARQC');
  if (g.type !== 'ARQC') throw new RestoreFailed('the offline PIN', `asked ARQC to send the script, the card answered ${g.type}`);
  await pinChange(this, profilePin(this));
  if (this.last.sw !== 0x9000) throw new RestoreFailed('the offline PIN', `PIN CHANGE by script answered ${swHex(this.last.sw)}`);
  const r = await kernel(this).verifyPin(profilePin(this));
  if (r.sw !== 0x9000) throw new RestoreFailed('the offline PIN', `the profile's PIN answers VERIFY with ${swHex(r.sw)}`);
});

Then('the debit application no longer answers GET PROCESSING OPTIONS', async function (this: CardWorld) {
  const k = freshKernel(this);
  const s = await k.selectApplication(aid(this));
  if (s.sw === 0x6a81) return;
  const r = await k.gpo();
  expectThat(r.sw === 0x6a81, `after CARD BLOCK: SELECT ${swHex(s.sw)}, GPO ${swHex(r.sw)}`);
});

When('the issuer sends a script command before any GENERATE AC', async function (this: CardWorld) {
  await this.send('841E00000401020304');
});

// ---- EC ----

Then('the EC balance 9F79 is within the balance limit 9F77', async function (this: CardWorld) {
  const b = await getNumber(this, '9F79');
  const l = await getNumber(this, '9F77');
  expectThat(b <= l, `balance ${b} above limit ${l}`);
});

Then('the EC balance went down by {int}', async function (this: CardWorld, n: number) {
  const v = await getNumber(this, '9F79');
  const before = this.recall<number>('pboc.balanceBefore');
  expectThat(v === before - n, `9F79 ${before} → ${v}, expected −${n}`);
});

Given('the EC balance and single limit are known', async function (this: CardWorld) {
  const k = freshKernel(this);
  expectSw((await k.selectApplication(aid(this))).sw, 0x9000);
  this.remember('pboc.balanceBefore', await getNumber(this, '9F79'));
  this.remember('pboc.single', await getNumber(this, '9F78'));
});

When('the terminal asks for TC offline for an EC purchase of the balance plus {int}', async function (this: CardWorld, more: number) {
  const amount = this.recall<number>('pboc.balanceBefore') + more;
  // Above the single limit too, the purchase would leave the EC path whether or not the balance is checked.
  if (amount > this.recall<number>('pboc.single')) throw new Unobservable(`the balance plus ${more} (${amount}) is above the EC single limit ${this.recall<number>('pboc.single')}`);
  await selectAndRead(this, true, amount);
  this.remember('pboc.asked', 'TC');
  await firstGac(this, 'TC');
});

/**
 * JR/T 0025.13 §7.4.3: a purchase above the single limit but within the balance is the one that shows the
 * single limit is checked. If the balance is not above the single limit, the issuer lowers 9F78 to half the
 * balance by script (PUT DATA, as PB-SC-007) in an online transaction.
 */
Given('the EC single limit is below the EC balance, lowered by issuer script if need be', async function (this: CardWorld) {
  const balance = this.recall<number>('pboc.balanceBefore');
  if (this.recall<number>('pboc.single') < balance) return;
  if (balance < 2) throw new Unobservable(`the EC balance ${balance} leaves no single limit below it`);
  await selectAndRead(this);
  const g = await firstGac(this, 'ARQC');
  if (g.type !== 'ARQC') throw new NonConformance(`asked ARQC to send the script, card answered ${g.type}`);
  const k = kernel(this);
  const single = Math.floor(balance / 2);
  const r = await k.script(issuer(this, g.iad).script(k.pan, k.psn, g.atc, g.ac, '04DA9F78', fromHex(String(single).padStart(12, '0'))));
  if (r.sw !== 0x9000) throw new NonConformance(`PUT DATA 9F78 by script answered ${swHex(r.sw)}`);
  this.remember('pboc.single', await getNumber(this, '9F78'));
});

When('the terminal starts an EC purchase of the single limit plus {int}', async function (this: CardWorld, more: number) {
  const amount = this.recall<number>('pboc.single') + more;
  // Above the balance too, the purchase would leave the EC path whether or not the single limit is checked.
  if (amount > this.recall<number>('pboc.balanceBefore')) throw new Unobservable(`the single limit plus ${more} (${amount}) is above the EC balance ${this.recall<number>('pboc.balanceBefore')}`);
  await selectAndRead(this, true, amount);
});

Then('the card does not approve offline', function (this: CardWorld) {
  expectThat(gac(this).type !== 'TC', 'the card approved offline with a TC');
});

// ---- log and ATC ----

Then('log record 1 holds the amount {int} and the ATC of the transaction in the 9F4F format', async function (this: CardWorld, amount: number) {
  const k = kernel(this);
  const fmt = parseDol(await k.getDataValue('9F4F'));
  const entry = k.data.get('9F4D');
  if (!entry) throw new NonConformance('no log entry 9F4D in the FCI');
  const r = await k.readRecord(entry[0] as number, 1);
  if (r.sw !== 0x9000) throw new NonConformance(`READ RECORD 1 of the log answered ${swHex(r.sw)}`);
  expectThat(r.data.length === dolLength(fmt), `log record of ${r.data.length} bytes; 9F4F says ${dolLength(fmt)}`);
  let at = 0;
  const v: Record<string, Uint8Array> = {};
  for (const e of fmt) {
    v[e.tag] = r.data.subarray(at, at + e.length);
    at += e.length;
  }
  if (v['9F02']) expectThat(Number(toHex(v['9F02'])) === amount, `log amount ${toHex(v['9F02'])}`);
  if (v['9F36']) expectThat(toUint(v['9F36']) === gac(this).atc, `log ATC ${toHex(v['9F36'])}, transaction ${gac(this).atc}`);
});

When('the terminal notes the ATC', async function (this: CardWorld) {
  const k = freshKernel(this);
  expectSw((await k.selectApplication(aid(this))).sw, 0x9000);
  this.remember('pboc.atc0', await getNumber(this, '9F36'));
});

When('the terminal runs {int} transactions that end in AAC', async function (this: CardWorld, n: number) {
  const atcs: number[] = [];
  for (let i = 0; i < n; i++) {
    await selectAndRead(this);
    atcs.push((await firstGac(this, 'AAC')).atc);
  }
  this.remember('pboc.atcs', atcs);
});

Then('each transaction had an ATC one above the one before', function (this: CardWorld) {
  const atcs = [this.recall<number>('pboc.atc0'), ...this.recall<number[]>('pboc.atcs')];
  for (let i = 1; i < atcs.length; i++) expectThat(atcs[i] === (atcs[i - 1] as number) + 1, `ATCs ${atcs.join(', ')}`);
});

Then('after a reset GET DATA 9F36 still gives the last ATC', async function (this: CardWorld) {
  await this.card.channel.reset();
  const atcs = this.recall<number[]>('pboc.atcs');
  const k = freshKernel(this);
  expectSw((await k.selectApplication(aid(this))).sw, 0x9000);
  const v = await getNumber(this, '9F36');
  expectThat(v === atcs[atcs.length - 1], `ATC after reset ${v}, last ${atcs[atcs.length - 1]}`);
});

// ---- whole transactions through the reference kernel ----

/** UnionPay POS default TACs (spec-notes/pboc.md §1.5). */
const UNIONPAY_TACS = { default: fromHex('D84000A800'), online: fromHex('D84004F800'), denial: fromHex('0010000000') };

When('the reference kernel runs a {word} transaction of {int}', async function (this: CardWorld, mode: string, amount: number) {
  const k = await selectAndRead(this, false, amount);
  const outcome = await k.transaction({
    ca: ca(this), issuer: (iad) => issuer(this, iad), tac: UNIONPAY_TACS, pin: this.profile.keys?.pin, onlineCapable: true, forceOnline: mode === 'merchant-forced-online',
  });
  this.remember('pboc.outcome', outcome);
});

Then('the transaction is approved with {word} cryptograms that verify with the issuer keys', function (this: CardWorld, how: string) {
  const o = this.recall<import('../src/pboc/kernel.ts').TransactionOutcome>('pboc.outcome');
  expectThat(o.problems.length === 0, o.problems.join('; '));
  expectThat(o.approved, `not approved: first ${o.first?.type}, second ${o.second?.type ?? 'none'}`);
  expectThat((how === 'online') === (o.second !== undefined), `expected an ${how} approval; first GENERATE AC gave ${o.first?.type}`);
});

// ---- dual-algorithm card (JR/T 0025.17 §10.3) ----

/**
 * On a dual-algorithm card the RSA chain is what a terminal without SM support gets (§10.3.3 b, table 19):
 * the RSA-only scenarios play that terminal, DF69 = 00.
 */
Before({ tags: '@ics:rsa and not @ics:sm2', name: 'dual-algorithm card: RSA scenarios without SM support' }, function (this: CardWorld) {
  if (this.profile.ics.pbocAlgorithmSets === 'dual') this.remember('pboc.smSupport', false);
});

Given('the terminal supports the SM algorithms', function (this: CardWorld) {
  this.remember('pboc.smSupport', true); // DF69 = 01 (§10.3.3)
});

Given('the terminal does not support the SM algorithms', function (this: CardWorld) {
  this.remember('pboc.smSupport', false); // DF69 = 00 (§10.3.3)
});

Then('the records the AFL names hold the {word} certificate chain only', function (this: CardWorld, chain: string) {
  const k = kernel(this);
  const problems = odaChainProblems(k.data, chain === 'SM2' ? 'SM2' : 'RSA');
  expectThat(problems.length === 0, `AFL ${toHex(k.afl)}: ${problems.join('; ')}`);
});

Then('the CA key the card names in 8F is the {word} key of the profile', function (this: CardWorld, algorithm: string) {
  const index = kernel(this).need('8F')[0] as number;
  const named = [keys(this).ca, ...(keys(this).caKeys ?? [])].find((c) => parseInt(c.index, 16) === index);
  if (!named) throw new NonConformance(`8F names CA index ${index.toString(16).padStart(2, '0')}, not a key of the profile`);
  expectThat((named.algorithm ?? 'RSA') === algorithm, `8F names CA index ${named.index}, an ${named.algorithm ?? 'RSA'} key`);
});

Then('the IAD of the {word} GENERATE AC names {word}', function (this: CardWorld, which: string, algorithm: string) {
  const iad = gac(this, which === 'second' ? 2 : 1).iad;
  expectThat(iadAlgorithm(iad) === algorithm, `IAD ${toHex(iad)}: algorithm byte ${toHex(iad.subarray(-1))}, ${algorithm} is ${algorithm === 'SM4' ? '04' : '01'}`);
});

Then('the cryptogram of the {word} GENERATE AC verifies with the {word} issuer keys', function (this: CardWorld, which: string, algorithm: string) {
  const g = gac(this, which === 'second' ? 2 : 1);
  const k = kernel(this);
  const expected = new PbocIssuer(keys(this).imk, algorithm === 'SM4' ? 'SM4' : '3DES', {
    udkInput: keys(this).sm4Variant?.udkInput ?? 'part17', acFold: keys(this).sm4Variant?.acFold ?? 'part17',
  }).expectedAc(k.pan, k.psn, g.atc, g.acData);
  expectThat(toHex(expected) === toHex(g.ac), `${g.type} ${toHex(g.ac)}; ${algorithm} gives ${toHex(expected)}`);
});

Then('every cryptogram of the transaction names {word} in its IAD', function (this: CardWorld, algorithm: string) {
  const o = this.recall<import('../src/pboc/kernel.ts').TransactionOutcome>('pboc.outcome');
  const named = [o.first, o.second].filter((g) => g !== undefined).map((g) => `${g.type} IAD ${toHex(g.iad)}`);
  expectThat([o.first, o.second].every((g) => g === undefined || iadAlgorithm(g.iad) === algorithm), `expected ${algorithm}: ${named.join(', ')}`);
});
