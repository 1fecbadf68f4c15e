import { describe, expect, it } from 'vitest';
import { desEcbEncrypt } from '../crypto/des.ts';
import { fromHex, toHex } from '../bytes/hex.ts';
import { referenceImage } from '../../card-sim/images/reference.ts';
import { CardSession } from '../transport/session.ts';
import { SimChannel } from '../transport/sim.ts';
import { deriveUdk, luhnValid, sessionKey, udkInput, withOddParity } from './crypto.ts';
import { TERMINAL_DEFAULTS, TEST_IMK_AC, buildDolData, parseDol } from './data.ts';
import { PbocTerminal, issuerExpectedAc, parseGenerateAc } from './kernel.ts';

describe('PBOC data and keys (JR/T 0025.7 §11)', () => {
  it('Luhn (ISO/IEC 7812-1 annex B): the well-known test PANs', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('6222020000000000000')).toBe(true);
  });
  it('option A input is the rightmost 16 digits of PAN ‖ PSN', () => {
    expect(toHex(udkInput('6222020000000000000', '01'))).toBe('2000000000000001');
    expect(toHex(udkInput('1234567890123456', '01'))).toBe('3456789012345601');
  });
  it('the card key is the two 3DES halves of Y and its complement, with odd parity', () => {
    const imk = fromHex(TEST_IMK_AC);
    const y = udkInput('1234567890123456', '01');
    const udk = deriveUdk(imk, '1234567890123456', '01');
    expect(toHex(udk)).toBe(toHex(withOddParity(Uint8Array.from([...desEcbEncrypt(imk, y), ...desEcbEncrypt(imk, y.map((b) => b ^ 0xff))]))));
    for (const b of udk) expect([...b.toString(2)].filter((c) => c === '1').length % 2).toBe(1);
  });
  it('the session key depends on the ATC only', () => {
    const udk = deriveUdk(fromHex(TEST_IMK_AC), '1234567890123456');
    expect(toHex(sessionKey(udk, 1))).not.toBe(toHex(sessionKey(udk, 2)));
    expect(toHex(sessionKey(udk, 1))).toBe(toHex(sessionKey(udk, 1)));
  });
  it('DOL data: values right-aligned, padded or cut to the length (EMV Book 3 §5.4)', () => {
    const dol = parseDol(fromHex('9F02069F1A02'));
    expect(dol).toEqual([{ tag: '9F02', length: 6 }, { tag: '9F1A', length: 2 }]);
    expect(toHex(buildDolData(dol, { '9F02': '1234', '9F1A': '000156' }))).toBe('000000001234' + '0001');
  });
});

describe('the kernel against card-sim: an ARQC the issuer verifies', () => {
  it('selects, reads, and the issuer recomputes the cryptogram', async () => {
    const session = new CardSession(new SimChannel(referenceImage, { seed: 'pboc-test' }));
    const k = new PbocTerminal(session, { ...TERMINAL_DEFAULTS });
    expect(await k.directoryAids()).toContain('A000000333010101');
    await k.prepare();
    const data = k.cdol1Data();
    const r = await k.generateAc('ARQC', data);
    const ac = parseGenerateAc(r.data);
    expect(ac.cid & 0xc0).toBe(0x80);
    const pan = toHex(k.cardData.get('5A') as Uint8Array).replace(/F+$/, '');
    expect(toHex(issuerExpectedAc(fromHex(TEST_IMK_AC), pan, '01', data, k.aip as Uint8Array, ac))).toBe(toHex(ac.ac));
  });
});
