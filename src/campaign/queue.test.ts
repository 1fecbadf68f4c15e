import { describe, expect, it } from 'vitest';
import { holdsSample, queueOf } from './queue.ts';

describe('which station holds a sample', () => {
  const atr = '3BED00000100992611010099261122000001CE';
  it('by ATR, and by serial when the sample has one', () => {
    expect(holdsSample({ atr }, { atr, serial: null, reader_tag: null })).toBe(true);
    expect(holdsSample({ atr: '3B00' }, { atr, serial: null, reader_tag: null })).toBe(false);
    expect(holdsSample({ atr }, { atr, serial: '0001', reader_tag: null })).toBe(false); // the station does not know its card's serial
    expect(holdsSample({ atr, serial: '0002' }, { atr, serial: '0001', reader_tag: null })).toBe(false);
    expect(holdsSample({ atr, serial: '0001' }, { atr, serial: '0001', reader_tag: null })).toBe(true);
  });
  it('by reader tag, which then decides alone', () => {
    expect(holdsSample({ atr, tag: 'robot-3' }, { atr: null, serial: null, reader_tag: 'robot-3' })).toBe(true);
    expect(holdsSample({ atr, tag: 'robot-4' }, { atr, serial: null, reader_tag: 'robot-3' })).toBe(false);
    expect(holdsSample({ atr }, { atr: null, serial: null, reader_tag: null })).toBe(false);
  });
  it('one queue per sample', () => {
    expect(queueOf(7)).toBe('sscc-sample-7');
  });
});
