/**
 * The interface device's T=1 against scripted cards. The spec notes hold no text of ISO/IEC 7816-3 (nor
 * its annex of T=1 scenarios), so the sequences are derived by hand from §11.3 (block frame, PCB codes)
 * and §11.6 (chaining, S-blocks, error handling); S(IFS request FE) = 00 C1 01 FE 3E is the block CCID
 * readers send after the ATR.
 */
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex.ts';
import { NonConformance } from '../verdict/errors.ts';
import { renderDiagnosis } from '../verdict/messages.ts';
import type { T1Parameters } from './atr.ts';
import { S_TYPE, type TpduPort, T1Interface, bwtMs, decodeBlock, encodeBlock, iBlock, rBlock, sBlock } from './t1.ts';

const PARAMS: T1Parameters = { ifsc: 32, bwi: 4, cwi: 13, edc: 'LRC', fi: 372, di: 1 };

/** A card that expects exactly these blocks and answers each as scripted. */
function scripted(steps: Array<[expect: string, answer: string, afterMs?: number]>): TpduPort & { left: () => number } {
  let at = 0;
  return {
    reset: () => new Uint8Array(0),
    exchange(block) {
      const step = steps[at++];
      if (!step) throw new Error(`unexpected block ${toHex(block)}`);
      expect(toHex(block)).toBe(step[0].replace(/ /g, ''));
      return { block: fromHex(step[1].replace(/ /g, '')), afterMs: step[2] ?? 1 };
    },
    left: () => steps.length - at,
  };
}

describe('T=1 blocks (ISO/IEC 7816-3 §11.3)', () => {
  it('codes the prologue, INF and LRC', () => {
    expect(toHex(encodeBlock(iBlock(0, false, fromHex('00A40400'))))).toBe('00000400A40400A4');
    expect(toHex(encodeBlock(iBlock(1, true, fromHex('01'))))).toBe('0060010160');
    expect(toHex(encodeBlock(sBlock(S_TYPE.IFS, false, Uint8Array.of(0xfe))))).toBe('00C101FE3E');
    expect(toHex(encodeBlock(sBlock(S_TYPE.WTX, true, Uint8Array.of(2))))).toBe('00E30102E0');
    expect(toHex(encodeBlock(rBlock(1)))).toBe('00900090');
    expect(toHex(encodeBlock(rBlock(0, 1)))).toBe('00810081');
  });
  it('refuses a wrong LRC, a wrong LEN and LEN FF', () => {
    const error = (hex: string) => {
      const d = decodeBlock(fromHex(hex));
      return 'error' in d ? renderDiagnosis(d.error, 'en') : undefined;
    };
    expect(error('00900091')).toMatch(/LRC 91/);
    expect(error('0000020090')).toMatch(/LEN 2 but 1/);
    expect(error('0000FF00FF')).toMatch(/LEN FF/);
  });
  it('computes BWT: 11 etu + 2^BWI × 960 × 372 / f', () => {
    expect(bwtMs(4)).toBeCloseTo(1601.1, 1);
    expect(bwtMs(1)).toBeCloseTo(201.1, 1);
  });
});

describe('the interface device (ISO/IEC 7816-3 §11.6)', () => {
  it('chains a command in IFSC pieces and gathers a chained answer', async () => {
    const card = scripted([
      ['00 20 04 00A40400 84', '00 90 00 90'], // I(0,M) → R(1)
      ['00 40 03 02 3F00 7E', '00 20 02 6F00 4D'], // I(1) → I(0,M) 6F 00
      ['00 90 00 90', '00 40 02 9000 D2'], // R(1) → I(1) 90 00
    ]);
    const ifd = new T1Interface(card, { ...PARAMS, ifsc: 4 });
    expect(toHex(await ifd.transmit(fromHex('00A40400023F00')))).toBe('6F009000');
    expect([ifd.ns, ifd.cardNs, card.left()]).toEqual([0, 0, 0]);
    expect(ifd.log.map((e) => e.text)).toEqual(['I(0,M) 4 byte(s)', 'R(1)', 'I(1) 3 byte(s)', 'I(0,M) 2 byte(s)', 'R(1)', 'I(1) 2 byte(s)']);
  });
  it('answers S(WTX request) and gives the card the multiplied BWT for its next block only', async () => {
    const bwt = bwtMs(4);
    const card = scripted([
      ['00 00 02 0088 8A', '00 C3 01 02 C0'],
      ['00 E3 01 02 E0', '00 00 02 9000 92', 1.5 * bwt],
    ]);
    expect(toHex(await new T1Interface(card, PARAMS).transmit(fromHex('0088')))).toBe('9000');
    const late = scripted([['00 00 02 0088 8A', '00 00 02 9000 92', 1.5 * bwt]]);
    await expect(new T1Interface(late, PARAMS).transmit(fromHex('0088'))).rejects.toThrow(/beyond BWT 1601 ms without a WTX request/);
  });
  it('asks again with R(N(S), EDC error) for a block with a wrong LRC', async () => {
    const card = scripted([
      ['00 00 02 0084 86', '00 00 02 9000 93'],
      ['00 81 00 81', '00 00 02 9000 92'],
    ]);
    expect(toHex(await new T1Interface(card, PARAMS).transmit(fromHex('0084')))).toBe('9000');
  });
  it('throws NonConformance on a wrong N(S), a block over IFSD, or a wrong IFS answer', async () => {
    const ns = scripted([['00 00 02 0084 86', '00 40 02 9000 D2']]);
    await expect(new T1Interface(ns, PARAMS).transmit(fromHex('0084'))).rejects.toThrow(/N\(S\) 1, expected 0/);
    const long = scripted([['00 00 02 0084 86', `00 00 21 ${'00'.repeat(33)} 21`]]);
    await expect(new T1Interface(long, PARAMS).transmit(fromHex('0084'))).rejects.toThrow(/33 bytes, more than IFSD 32/);
    const ifs = scripted([['00 C1 01 FE 3E', '00 E1 01 20 C0']]);
    await expect(new T1Interface(ifs, PARAMS).ifsRequest(0xfe)).rejects.toThrow(NonConformance);
    const ok = scripted([['00 C1 01 FE 3E', '00 E1 01 FE 1E']]);
    const ifd = new T1Interface(ok, PARAMS);
    await ifd.ifsRequest(0xfe);
    expect(ifd.ifsd).toBe(0xfe);
  });
  it('resynchronises: both N(S) restart at 0', async () => {
    const ifd = new T1Interface(scripted([['00 C0 00 C0', '00 E0 00 E0']]), PARAMS);
    ifd.ns = 1;
    ifd.cardNs = 1;
    await ifd.resynch();
    expect([ifd.ns, ifd.cardNs, ifd.ifsd]).toEqual([0, 0, 32]);
  });
  it('refuses an ATR that declares the CRC', () => {
    expect(() => new T1Interface(scripted([]), { ...PARAMS, edc: 'CRC' })).toThrow(/LRC only/);
  });
});
