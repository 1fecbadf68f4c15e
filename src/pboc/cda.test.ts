/**
 * CDA verification (JR/T 0025.7 §5.3.6.2 with RSA, JR/T 0025.17 §5.2.5.2 with SM2): signatures built
 * with the simulator's test ICC keys (card-sim/images/pboc-keys.ts), tampered variants, and the kernel's
 * GENERATE AC with CDA against the reference-cda and reference-pboc30-cda cards.
 */
import { describe, expect, it } from 'vitest';
import { simSession } from '../transport/sim.ts';
import { IMAGES } from '../../card-sim/images/index.ts';
import { PBOC_SM2_TEST_CA_PUBLIC, PBOC_SM2_TEST_ICC_KEY, PBOC_TEST_CA_KEY, PBOC_TEST_ICC_KEY } from '../../card-sim/images/pboc-keys.ts';
import { PBOC_AID, PBOC_TEST_IMK } from '../../card-sim/images/pse.ts';
import { concat, fromHex, toHex } from '../bytes/hex.ts';
import { rsaPublicOf, rsaSign, sha1, sm2PublicOf, sm2Sign, sm3 } from '../crypto/index.ts';
import { PbocIssuer } from './issuer.ts';
import { PbocKernel } from './kernel.ts';
import { CDA_HASH_ALL, cdaHashCoverage, cdaSdadLayoutErrors, cdaTransactionData, parseCdaDynamicData, verifyCdaSdad } from './oda.ts';
import { cdaSdadLayoutErrorsSm2, verifyCdaSdadSm2 } from './oda-sm2.ts';
import { type Diagnosis, renderDiagnosis } from '../verdict/messages.ts';

const en = (d: Diagnosis) => renderDiagnosis(d, 'en');

const UN = fromHex('12345678');
const AC = fromHex('1122334455667788');
const TXN = cdaTransactionData(fromHex('00' + '000000001000' + '0156'), fromHex('0000000010000000000000000156'), undefined, fromHex('9F270140'));
const flip = (b: Uint8Array, at: number) => b.map((x, i) => (i === at ? x ^ 0x01 : x));

/** RSA SDAD of table 16 over ICC dynamic data (table 17) and the UN, signed with the test ICC key. */
function rsaSdad(cid: number, txn: Uint8Array, pad = 0xbb): Uint8Array {
  const iccdd = concat(fromHex('04A1A2A3A4'), Uint8Array.of(cid), AC, sha1(txn));
  const nic = rsaPublicOf(PBOC_TEST_ICC_KEY).modulus.length;
  const body = concat(Uint8Array.of(0x05, 0x01, iccdd.length), iccdd, new Uint8Array(nic - 25 - iccdd.length).fill(pad));
  return rsaSign(PBOC_TEST_ICC_KEY, concat(Uint8Array.of(0x6a), body, sha1(concat(body, UN)), Uint8Array.of(0xbc)));
}

/** SM2 SDAD of table 17: 15 ‖ LDD ‖ ICC dynamic data (table 13) ‖ r ‖ s over that and the UN. */
function sm2Sdad(cid: number, txn: Uint8Array, hash = sm3): Uint8Array {
  const iccdd = concat(fromHex('04A1A2A3A4'), Uint8Array.of(cid), AC, hash(txn));
  const head = concat(Uint8Array.of(0x15, iccdd.length), iccdd);
  return concat(head, sm2Sign(PBOC_SM2_TEST_ICC_KEY, concat(head, UN)));
}

describe('CDA with RSA (JR/T 0025.7 §5.3.6.2)', () => {
  const icc = rsaPublicOf(PBOC_TEST_ICC_KEY);
  it('verifies and gives the dynamic number, CID, AC and hash of table 17', () => {
    const r = verifyCdaSdad(icc, rsaSdad(0x40, TXN), UN, 0x40, TXN);
    expect(r.errors).toEqual([]);
    expect(toHex(r.value!.dynamicNumber)).toBe('A1A2A3A4');
    expect(r.value!.cid).toBe(0x40);
    expect(toHex(r.value!.ac)).toBe(toHex(AC));
    expect(cdaSdadLayoutErrors(icc, rsaSdad(0x40, TXN))).toEqual([]);
  });
  it('names a CID that differs, other transaction data, another UN, a tampered SDAD', () => {
    expect(verifyCdaSdad(icc, rsaSdad(0x40, TXN), UN, 0x80, TXN).errors.map(en)).toEqual(['CID 40 in the signature differs from 9F27 80']);
    expect(verifyCdaSdad(icc, rsaSdad(0x40, TXN), UN, 0x40, TXN.subarray(1)).errors.map(en)).toEqual([
      'transaction data hash (SHA-1) does not match the PDOL, CDOL and response data',
    ]);
    expect(verifyCdaSdad(icc, rsaSdad(0x40, TXN), fromHex('12345679'), 0x40, TXN).errors.map(en)).toEqual([
      'SDAD hash does not match the signed data and the unpredictable number',
    ]);
    expect(verifyCdaSdad(icc, flip(rsaSdad(0x40, TXN), 5), UN, 0x40, TXN).errors.length).toBeGreaterThan(0);
    expect(verifyCdaSdad(icc, new Uint8Array(10), UN, 0x40, TXN).value).toBeUndefined();
  });
  it('the layout check names padding that is not BB', () => {
    expect(cdaSdadLayoutErrors(icc, rsaSdad(0x40, TXN, 0x00)).map(en)).toEqual(['padding of 37 bytes is not all BB']);
  });
});

describe('CDA transaction data (JR/T 0025.7 §5.3.6.1 step 2)', () => {
  const pdol = fromHex('00000000001000');
  const cdol1 = fromHex('0000000010000000000000000156');
  const objects = fromHex('9F270140');
  it('names what a signed hash covers, SHA-1 or SM3 by its length', () => {
    expect(cdaHashCoverage(sha1(concat(pdol, cdol1, objects)), pdol, cdol1, objects)).toBe(CDA_HASH_ALL);
    expect(cdaHashCoverage(sm3(concat(pdol, cdol1, objects)), pdol, cdol1, objects)).toBe(CDA_HASH_ALL);
    expect(cdaHashCoverage(sha1(concat(cdol1, objects)), pdol, cdol1, objects)).toBe('cdaHash.noPdol');
    expect(cdaHashCoverage(sha1(objects), pdol, cdol1, objects)).toBeUndefined();
    expect(toHex(cdaTransactionData(pdol, cdol1, fromHex('3030'), objects))).toBe(toHex(concat(pdol, cdol1, fromHex('3030'), objects)));
  });
});

describe('CDA with SM2 (JR/T 0025.17 §5.2.5.2)', () => {
  const icc = sm2PublicOf(PBOC_SM2_TEST_ICC_KEY);
  it('verifies with a 32-byte SM3 transaction data hash', () => {
    const r = verifyCdaSdadSm2(icc, sm2Sdad(0x80, TXN), UN, 0x80, TXN);
    expect(r.errors).toEqual([]);
    expect(toHex(r.value!.ac)).toBe(toHex(AC));
    expect(r.value!.transactionDataHash.length).toBe(32);
    expect(cdaSdadLayoutErrorsSm2(sm2Sdad(0x80, TXN))).toEqual([]);
  });
  it('names a CID that differs, other data, another UN, a SHA-1 hash', () => {
    expect(verifyCdaSdadSm2(icc, sm2Sdad(0x80, TXN), UN, 0x40, TXN).errors.map(en)).toEqual(['CID 80 in the signature differs from 9F27 40']);
    expect(verifyCdaSdadSm2(icc, sm2Sdad(0x80, TXN), UN, 0x80, TXN.subarray(1)).errors.map(en)).toEqual([
      'transaction data hash (SM3) does not match the PDOL, CDOL and response data',
    ]);
    expect(verifyCdaSdadSm2(icc, sm2Sdad(0x80, TXN), fromHex('00000000'), 0x80, TXN).errors.map(en)).toEqual([
      'SDAD signature does not verify over the ICC dynamic data and the unpredictable number',
    ]);
    const sha = sm2Sdad(0x80, TXN, sha1);
    expect(verifyCdaSdadSm2(icc, sha, UN, 0x80, TXN).value).toBeUndefined();
    expect(cdaSdadLayoutErrorsSm2(sha).map(en).join()).toMatch(/cannot hold .* 32-byte SM3 hash/);
    expect(verifyCdaSdadSm2(icc, new Uint8Array(3), UN, 0x80, TXN).errors.length).toBe(1);
  });
  it('parses ICC dynamic data and refuses a dynamic number length outside 2..8', () => {
    const errors: Diagnosis[] = [];
    expect(parseCdaDynamicData(fromHex('09'), 32, errors)).toBeUndefined();
    expect(errors.map((e) => renderDiagnosis(e, 'en'))).toEqual(['ICC dynamic number length 9 is not 2..8']);
  });
});

describe('PBOC kernel GENERATE AC with CDA', () => {
  async function readCard(image: string, defects: string[] = []): Promise<PbocKernel> {
    const session = simSession(IMAGES[image]!, { defects: defects as never });
    const k = new PbocKernel((apdu) => session.send(apdu));
    expect((await k.selectApplication(fromHex(PBOC_AID))).sw).toBe(0x9000);
    expect((await k.gpo()).sw).toBe(0x9000);
    await k.readApplicationData();
    return k;
  }
  const rsaCa = rsaPublicOf(PBOC_TEST_CA_KEY);
  const sm2Ca = { sm2: fromHex(PBOC_SM2_TEST_CA_PUBLIC) };

  it('RSA card: the ARQC comes inside the signature and verifies with the issuer keys', async () => {
    const k = await readCard('reference-cda');
    expect(toHex(k.aip)).toBe('7D00');
    const g = (await k.generateAc('ARQC', false, {}, { cda: true })).result!;
    expect(g.sdad?.length).toBe(96);
    expect(g.acInClear).toBeUndefined();
    expect(k.verifyCda(rsaCa, g).errors.map(en)).toEqual([]);
    expect(toHex(g.ac)).toBe(toHex(new PbocIssuer(PBOC_TEST_IMK).expectedAc(k.pan, k.psn, g.atc, g.acData)));
    expect(k.data.get('9F4C')?.length).toBe(4);
    expect(toHex(k.tvr)).toBe('0000000000');
  });
  it('SM2 card: a TC with CDA verifies; the AAC is not signed', async () => {
    const k = await readCard('reference-pboc30-cda');
    const g = (await k.generateAc('TC', false, {}, { cda: true })).result!;
    expect(g.type).toBe('TC');
    expect(k.verifyCda(sm2Ca, g).errors.map(en)).toEqual([]);
    const k2 = await readCard('reference-pboc30-cda');
    const aac = (await k2.generateAc('AAC', false, {}, { cda: true })).result!;
    expect(aac.sdad).toBeUndefined();
    expect(aac.ac.length).toBe(8);
  });
  it('sets TVR byte 1 b3 (CDA failed) when the hash leaves out the PDOL data', async () => {
    const k = await readCard('reference-cda', ['pboc-cda-hash-over-wrong-data']);
    const g = (await k.generateAc('TC', false, {}, { cda: true })).result!;
    expect(k.verifyCda(rsaCa, g).errors.map(en)).toEqual(['transaction data hash (SHA-1) does not match the PDOL, CDOL and response data']);
    expect(toHex(k.tvr.subarray(0, 1))).toBe('04');
  });
  it('a card without CDA refuses P1 b5 as before (6A86)', async () => {
    const k = await readCard('reference');
    expect((await k.generateAc('TC', false, {}, { cda: true })).response.sw).toBe(0x6a86);
  });
});
