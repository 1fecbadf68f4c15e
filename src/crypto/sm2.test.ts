/**
 * SM2 signatures with the JR/T 0025.17 §8.2 user id. Known answer: the digital signature example of
 * GB/T 32918.2-2016 Annex A (= GM/T 0003.5 example A.2, recommended curve), as recomputed in
 * shared/spec-notes/pboc.md §2: d, P, ID "1234567812345678", M "message digest", ZA, k, r, s.
 */
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex.ts';
import { CryptoInputError } from './des.ts';
import { sm2PublicOf, sm2Sign, sm2Verify, sm2Za } from './sm2.ts';

const D = '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8';
const P = '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020' + 'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13';
const ZA = 'B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3';
const K = '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21';
const R = 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3';
const S = 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA';
const M = new Uint8Array(Buffer.from('message digest', 'ascii'));

describe('SM2 (GB/T 32918.2-2016 Annex A example, JR/T 0025.17 §8.2)', () => {
  it('derives the public key of the example from d', () => {
    expect(toHex(sm2PublicOf(D))).toBe(P);
  });
  it('computes ZA of the example with IDA 1234567812345678, ENTLA 0080', () => {
    expect(toHex(sm2Za(fromHex(P)))).toBe(ZA);
  });
  it('signs the example message with the example k to the published r ‖ s', () => {
    expect(toHex(sm2Sign(D, M, { k: K }))).toBe(R + S);
  });
  it('verifies the published r ‖ s', () => {
    expect(sm2Verify(fromHex(P), M, fromHex(R + S))).toBe(true);
  });
  it('rejects a tampered message, a tampered signature, another key', () => {
    expect(sm2Verify(fromHex(P), new Uint8Array(Buffer.from('message digesT', 'ascii')), fromHex(R + S))).toBe(false);
    const bad = fromHex(R + S);
    bad[63] = (bad[63] as number) ^ 1;
    expect(sm2Verify(fromHex(P), M, bad)).toBe(false);
    expect(sm2Verify(sm2PublicOf('01'.padStart(64, '0')), M, fromHex(R + S))).toBe(false);
  });
  it('answers false, never throws, for malformed keys and signatures', () => {
    expect(sm2Verify(new Uint8Array(64), M, fromHex(R + S))).toBe(false); // not on the curve
    expect(sm2Verify(fromHex(P), M, new Uint8Array(64))).toBe(false); // r = s = 0
    expect(sm2Verify(fromHex(P), M, new Uint8Array(64).fill(0xff))).toBe(false); // r, s ≥ n
    expect(sm2Verify(fromHex(P), M, fromHex(R))).toBe(false); // 32 bytes
    expect(sm2Verify(fromHex(P).subarray(1), M, fromHex(R + S))).toBe(false);
  });
  it('round-trips sign and verify, deterministically without a given k', () => {
    const d = 'A1B2C3D4E5F60718293A4B5C6D7E8F90112233445566778899AABBCCDDEEFF00';
    const msg = fromHex('1234567890');
    const sig = sm2Sign(d, msg);
    expect(sig.length).toBe(64);
    expect(sm2Verify(sm2PublicOf(d), msg, sig)).toBe(true);
    expect(toHex(sm2Sign(d, msg))).toBe(toHex(sig));
    expect(toHex(sm2Sign(d, fromHex('1234567891')))).not.toBe(toHex(sig));
  });
  it('refuses a private key that is not 32 bytes or out of range', () => {
    expect(() => sm2Sign('0102', M)).toThrow(CryptoInputError);
    expect(() => sm2PublicOf('00'.repeat(32))).toThrow(CryptoInputError);
  });
});
