/** The SSSE application's EXTERNAL AUTHENTICATE under defect ss-ext-auth-length-unchecked (issue 18's fuzz finding). */
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/bytes/hex.ts';
import { KEY_ID } from '../../../src/sscard/keys.ts';
import { createCard } from '../../cos/card.ts';
import { gbkHex } from '../../images/build.ts';
import { referenceImage } from '../../images/reference.ts';

const SSSE = gbkHex('sx1.sh.社会保障');
const tx = (card: ReturnType<typeof createCard>, hex: string) => toHex(card.transmit(fromHex(hex)));

describe('EXTERNAL AUTHENTICATE with a length the card does not check', () => {
  it('8 to 15 bytes of data: a status word, never an internal error (6F00)', () => {
    for (let n = 8; n <= 15; n++) {
      const card = createCard(referenceImage, { defects: ['ss-ext-auth-length-unchecked'] });
      tx(card, `00A404000F${SSSE}`);
      tx(card, '0084000008');
      const sw = tx(card, `008200${KEY_ID.RK.toString(16).padStart(2, '0')}${n.toString(16).padStart(2, '0')}${'11'.repeat(n)}`).slice(-4);
      expect(sw, `${n} bytes`).not.toBe('6F00');
      expect(sw, `${n} bytes`).toMatch(/^63C|^6300|^9000/);
    }
  });
});
