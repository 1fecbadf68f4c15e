import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/bytes/hex.ts';
import { gbkHex } from '../images/build.ts';
import { referenceImage } from '../images/reference.ts';
import { createCard } from './card.ts';
import { type NvmFile, nvmChanges, unexpectedChanges } from './snapshot.ts';
import { type SimChannel, simSession } from '../../src/transport/sim.ts';
import { PbocKernel } from '../../src/pboc/kernel.ts';

const SSSE = gbkHex('sx1.sh.社会保障');
const tx = (card: ReturnType<typeof createCard>, hex: string) => toHex(card.transmit(fromHex(hex)));

describe('the persistent state of a simulated card', () => {
  it('reads and a reset change nothing; the NVM exists from personalisation', () => {
    const card = createCard(referenceImage);
    const before = card.nvm();
    tx(card, `00A404000F${SSSE}`);
    tx(card, '0020000000'); // VERIFY without data: the tries left, at no cost
    tx(card, '00A4040008A000000333010101');
    tx(card, '80CA9F1700'); // GET DATA of the PIN try counter
    card.reset();
    expect(nvmChanges(before, card.nvm())).toEqual([]);
  });

  it('a wrong PIN is kept across a reset, and is an unexpected change', () => {
    const card = createCard(referenceImage);
    const before = card.nvm();
    tx(card, `00A404000F${SSSE}`);
    expect(tx(card, '0020000003123457')).toBe('63C2');
    card.reset();
    tx(card, `00A404000F${SSSE}`);
    expect(tx(card, '0020000000')).toBe('63C2'); // persistent: still 2 after the power cycle
    const changes = unexpectedChanges(nvmChanges(before, card.nvm()));
    expect(changes.map((c) => c.item)).toEqual([expect.stringMatching(/ PIN 0$/)]);
    expect(changes[0]?.before).toMatch(/:3\/3$/);
    expect(changes[0]?.after).toMatch(/:2\/3$/);
    expect(JSON.stringify(changes)).not.toContain('123456'); // the PIN only as a fingerprint
    // The right PIN restores the counter: no change left.
    tx(card, `00A404000F${SSSE}`);
    expect(tx(card, '0020000003123456')).toBe('9000');
    expect(unexpectedChanges(nvmChanges(before, card.nvm()))).toEqual([]);
  });

  it('the ATC a transaction moves is an expected change (JR/T 0025.5 §7.3)', async () => {
    const session = simSession(referenceImage);
    const card = (session.channel as SimChannel).card;
    const before = card.nvm();
    const k = new PbocKernel((apdu) => session.send(apdu));
    await k.selectApplication(fromHex('A000000333010101'));
    await k.gpo();
    await k.readApplicationData();
    const { result } = await k.generateAc('AAC');
    expect(result?.type).toBe('AAC');
    const changes = nvmChanges(before, card.nvm());
    expect(changes.map((c) => c.item)).toContainEqual(expect.stringMatching(/pboc\.atc$/));
    expect(unexpectedChanges(changes)).toEqual([]);
  });

  it('a state file keeps the card between runs (--state): a wrong PIN and the ATC survive; another image is refused', async () => {
    const session = simSession(referenceImage);
    const card = (session.channel as SimChannel).card;
    tx(card, `00A404000F${SSSE}`);
    expect(tx(card, '0020000003123457')).toBe('63C2');
    const k = new PbocKernel((apdu) => session.send(apdu));
    await k.selectApplication(fromHex('A000000333010101'));
    await k.gpo();
    await k.readApplicationData();
    await k.generateAc('AAC');
    const file = JSON.parse(JSON.stringify(card.saveNvm())) as NvmFile;
    const again = createCard(referenceImage, { nvm: file });
    expect(nvmChanges(card.nvm(), again.nvm())).toEqual([]);
    tx(again, `00A404000F${SSSE}`);
    expect(tx(again, '0020000000')).toBe('63C2');
    expect(() => createCard({ ...referenceImage, name: 'other' }, { nvm: file })).toThrow(/of image "reference"/);
  });
});
