import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/bytes/hex.ts';
import { gbkHex } from '../images/build.ts';
import { referenceImage } from '../images/reference.ts';
import type { CardImage } from './image.ts';
import { cardMaker, createCard } from './card.ts';

const SSSE = gbkHex('sx1.sh.社会保障');
const t1Image: CardImage = { ...referenceImage, name: 'reference-t1', protocol: 'T=1' };

function tx(card: ReturnType<typeof createCard>, hex: string): string {
  return toHex(card.transmit(fromHex(hex)));
}

describe('card-sim core on the reference image', () => {
  it('answers the ATR of the image', () => {
    expect(toHex(createCard(referenceImage).atr)).toBe('3B6D000000992611010099261122000001');
  });

  it('T=0: SELECT by name answers 61xx, GET RESPONSE returns the FCI', () => {
    const card = createCard(referenceImage);
    expect(tx(card, `00A404000F${SSSE}`)).toBe('611B');
    expect(tx(card, '00C000001B')).toBe(`6F19840F${SSSE}A5069F0C03860101` + '9000');
  });

  it('T=0: GET RESPONSE with a longer Le answers 6Cxx and keeps the data', () => {
    const card = createCard(referenceImage);
    tx(card, `00A404000F${SSSE}`);
    expect(tx(card, '00C0000020')).toBe('6C1B');
    expect(tx(card, '00C000001B').endsWith('9000')).toBe(true);
  });

  it('GET RESPONSE (part 5 §6.6.4): Le 00 with data waiting 6Cxx, a shorter Le part and 61xx, nothing waiting 6F00', () => {
    const card = createCard(referenceImage);
    expect(tx(card, '00C0000000')).toBe('6F00');
    tx(card, `00A404000F${SSSE}`);
    expect(tx(card, '00C0000000')).toBe('6C1B');
    expect(tx(card, '00C0000017')).toBe(`6F19840F${SSSE}A5069F0C`.slice(0, 0x17 * 2) + '6104');
    expect(tx(card, '00C0000004')).toBe('038601019000');
    expect(tx(card, '00C0000000')).toBe('6F00');
  });

  it('T=0: READ RECORD with Le 00 answers 6C with the record length', () => {
    const card = createCard(referenceImage);
    tx(card, `00A404000F${SSSE}`);
    expect(tx(card, '00B2012C00')).toBe('6C12');
    expect(tx(card, '00B2012C12')).toBe('0110110100D15600000500000001FFFFFFFF9000');
  });

  it('T=1: SELECT with Le returns the FCI at once; READ BINARY short read gives 6282', () => {
    const card = createCard(t1Image);
    expect(tx(card, `00A404000F${SSSE}00`).startsWith('6F19')).toBe(true);
    tx(card, '00A4040006D15600000500');
    expect(tx(card, '00B0961204')).toBe('12131415' + '9000'); // SFI 16, offset 12h
    expect(tx(card, '00B0012010')).toBe('2021222324252627' + '6282'); // offset 120h, 8 of 10h left
  });

  it('reads by record identifier', () => {
    const card = createCard(referenceImage);
    tx(card, `00A404000F${SSSE}`);
    expect(tx(card, '00B2072C0B')).toBe('0709443231343335363958' + '9000');
  });

  it('enforces the PIN access condition and counts wrong PINs', () => {
    const card = createCard(referenceImage);
    tx(card, `00A404000F${SSSE}`);
    tx(card, '00A4040006D15600000500');
    expect(tx(card, '00B2012C04')).toBe('6982');
    expect(tx(card, '0020000003999999')).toBe('63C2');
    expect(tx(card, '0020000003123456')).toBe('9000');
    expect(tx(card, '00B2012C04')).toBe('200231309000');
  });

  it('gives the ISO status word for wrong class, instruction, length and parameters', () => {
    const card = createCard(referenceImage);
    expect(tx(card, 'E0A4000002 3F00')).toBe('6E00');
    expect(tx(card, '01A4000002 3F00')).toBe('6881');
    expect(tx(card, '00FA000000')).toBe('6D00');
    expect(tx(card, '00A4000005 3F00')).toBe('6700');
    expect(tx(card, '00A4700002 3F00')).toBe('6A86');
    expect(tx(card, '00A4000002 1234')).toBe('6A82');
  });

  it('never throws on any input', () => {
    const card = createCard(referenceImage, { seed: 'fuzz' });
    for (let i = 0; i < 2000; i++) {
      const len = (i * 7919) % 40;
      const cmd = Uint8Array.from({ length: len }, (_, j) => (i * 31 + j * 17) & 0xff);
      const r = card.transmit(cmd);
      expect(r.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('is deterministic for a seed', () => {
    const a = createCard(referenceImage, { seed: 's1' });
    const b = createCard(referenceImage, { seed: 's1' });
    expect(tx(a, '0084000008')).toBe(tx(b, '0084000008'));
    expect(tx(a, '0084000008')).not.toBe(tx(createCard(referenceImage, { seed: 's2' }), '0084000008'));
  });

  it('rejects an unknown defect id, naming the known ones', () => {
    expect(() => createCard(referenceImage, { defects: ['no-such' as never] })).toThrow(/unknown card defect "no-such"; known: read-binary/);
  });

  it("cardMaker: each card answers as createCard's and shares no state with the cards before it", () => {
    const script = [`00A404000F${SSSE}`, '00A4040006D15600000500', '0020000003999999', '0084000008', '00B2012C04', '0020000003123456', '00B2012C04'];
    for (const defects of [[], ['pin-counter-not-decremented']] as const) {
      const run = (card: ReturnType<typeof createCard>) => script.map((c) => tx(card, c));
      const make = cardMaker(referenceImage, [...defects]);
      const want = run(createCard(referenceImage, { seed: 's', defects: [...defects] }));
      expect(want[2]).toBe(defects.length ? '63C3' : '63C2');
      for (let i = 0; i < 3; i++) expect(run(make({ seed: 's' }))).toEqual(want);
    }
  });
});
