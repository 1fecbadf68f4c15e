import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SeededRandom, seededPercent } from './random.ts';

describe('SeededRandom', () => {
  it('is SHA-256 over seed:counter, a block per counter value', () => {
    const r = new SeededRandom('s');
    const b0 = createHash('sha256').update('s:0').digest();
    const b1 = createHash('sha256').update('s:1').digest();
    expect(Buffer.from(r.bytes(40)).toString('hex')).toBe(Buffer.concat([b0, b1.subarray(0, 8)]).toString('hex'));
    expect(Buffer.from(r.bytes(4)).toString('hex')).toBe(createHash('sha256').update('s:2').digest().subarray(0, 4).toString('hex'));
  });

  it('repeats for a seed and differs between seeds', () => {
    expect(new SeededRandom('a').bytes(16)).toEqual(new SeededRandom('a').bytes(16));
    expect(new SeededRandom('a').bytes(16)).not.toEqual(new SeededRandom('b').bytes(16));
  });

  it('gives percentages in [0, 100), the first from the first block', () => {
    const p = seededPercent('s');
    const first = p();
    expect(first).toBe((createHash('sha256').update('s:0').digest().readUInt32BE(0) / 2 ** 32) * 100);
    for (let i = 0; i < 200; i++) {
      const x = p();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(100);
    }
  });
});
