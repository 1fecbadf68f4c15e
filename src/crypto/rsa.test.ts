/** Raw RSA: recover(sign(x)) = x with the simulator's published test keys; wrong lengths are refused. */
import { describe, expect, it } from 'vitest';
import { PBOC_TEST_CA_KEY } from '../../card-sim/images/pboc-keys.ts';
import { toHex } from '../bytes/hex.ts';
import { CryptoInputError } from './des.ts';
import { rsaPublicOf, rsaRecover, rsaSign } from './rsa.ts';

describe('raw RSA (EMV Book 2 §5.1 digital signature with message recovery)', () => {
  const pub = rsaPublicOf(PBOC_TEST_CA_KEY);
  it('has exponent 3 and a 144-byte modulus', () => {
    expect(toHex(pub.exponent)).toBe('03');
    expect(pub.modulus.length).toBe(144);
  });
  it('recovers what was signed', () => {
    const block = new Uint8Array(144).fill(0xbb);
    block[0] = 0x6a;
    block[143] = 0xbc;
    const sig = rsaSign(PBOC_TEST_CA_KEY, block);
    expect(toHex(sig)).not.toBe(toHex(block));
    expect(toHex(rsaRecover(pub, sig))).toBe(toHex(block));
  });
  it('refuses input not as long as the modulus', () => {
    expect(() => rsaRecover(pub, new Uint8Array(10))).toThrow(CryptoInputError);
  });
});
