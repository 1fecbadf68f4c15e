import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/bytes/hex.ts';
import { parseAtr, t1Parameters } from '../../src/iso7816/atr.ts';
import { T1Interface, encodeBlock, iBlock } from '../../src/iso7816/t1.ts';
import type { DefectId } from '../defects/catalogue.ts';
import { IMAGES } from '../images/index.ts';
import { createCard } from './card.ts';
import { t1Port } from './t1.ts';

const SELECT_SSSE = fromHex('00A404000F7378312E73682EC9E7BBE1B1A3D5CF00');

function session(defects: DefectId[] = []) {
  const port = t1Port(createCard(IMAGES['reference-tpdu'] as (typeof IMAGES)[string], { defects }));
  const atr = port.reset('cold');
  return { port, ifd: new T1Interface(port, t1Parameters(parseAtr(atr))) };
}

describe("card-sim's T=1 block layer (ISO/IEC 7816-3 §11)", () => {
  it('answers chained commands, chains its answer in IFSD pieces, and asks WTX for a slow command', async () => {
    const { ifd } = session();
    expect(ifd.ifsc).toBe(32);
    await ifd.ifsRequest(16);
    ifd.chunk = 5;
    const fci = await ifd.transmit(SELECT_SSSE);
    expect(toHex(fci.subarray(-2))).toBe('9000');
    const texts = ifd.log.map((e) => e.text);
    expect(texts.filter((t) => t === 'R(0)' || t === 'R(1)').length).toBeGreaterThan(3);
    expect(Math.max(...ifd.cardBlocks().map((b) => b.inf.length))).toBeLessThanOrEqual(16);
    await ifd.transmit(fromHex('00880000100102030405060708080706050403020100'));
    expect(ifd.log.some((e) => e.text.startsWith('S(WTX request'))).toBe(true);
    await ifd.abortAfter(SELECT_SSSE.subarray(0, 5));
    expect(toHex((await ifd.transmit(SELECT_SSSE)).subarray(-2))).toBe('9000');
  });
  it('refuses a block with a wrong LRC with R(N(S), EDC error), and resynchronises', async () => {
    const { port, ifd } = session();
    const bad = encodeBlock(iBlock(0, false, SELECT_SSSE));
    bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
    expect(toHex(port.exchange(bad).block)).toBe('00810081');
    await ifd.transmit(SELECT_SSSE);
    await ifd.transmit(SELECT_SSSE);
    const mark = ifd.log.length;
    await ifd.resynch();
    await ifd.transmit(SELECT_SSSE);
    const nsSince = (from: number) =>
      ifd
        .cardBlocks(from)
        .filter((b) => !(b.pcb & 0x80))
        .map((b) => (b.pcb >> 6) & 1);
    expect(nsSince(0)[0]).toBe(0);
    expect(nsSince(mark)[0]).toBe(0);
  });
  it('breaks as each T=1 defect says', async () => {
    const fails = async (defect: DefectId, run: (ifd: T1Interface) => Promise<unknown>) => {
      const { ifd } = session([defect]);
      await expect(run(ifd)).rejects.toThrow();
    };
    await fails('t1-chaining-unsupported', async (ifd) => {
      ifd.chunk = 5;
      return ifd.transmit(SELECT_SSSE);
    });
    await fails('t1-ifs-request-ignored', async (ifd) => ifd.ifsRequest(16).then(() => ifd.transmit(SELECT_SSSE)));
    await fails('t1-no-wtx', async (ifd) => ifd.transmit(fromHex('00880000100102030405060708080706050403020100')));
    await fails('t1-ns-not-toggled-in-chain', async (ifd) => ifd.ifsRequest(16).then(() => ifd.transmit(SELECT_SSSE)));
    await fails('t1-abort-keeps-chain', async (ifd) =>
      ifd.abortAfter(SELECT_SSSE.subarray(0, 5)).then(async () => {
        const r = await ifd.transmit(SELECT_SSSE);
        if (toHex(r.subarray(-2)) !== '9000') throw new Error(`the next command answered ${toHex(r)}`);
      }),
    );
    await fails('t1-resynch-keeps-sequence', async (ifd) =>
      ifd
        .transmit(SELECT_SSSE)
        .then(() => ifd.resynch())
        .then(() => ifd.transmit(SELECT_SSSE)),
    );
  });
});
