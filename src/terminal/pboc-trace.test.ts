/** Card-side trace of a financial terminal test: exchanges joined across T=0 procedure bytes. */
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex.ts';
import type { CardSideEntry } from './slot.ts';
import { exchanges, gacValue } from './pboc-trace.ts';

const e = (command: string, response: string, seq: number): CardSideEntry => ({
  command,
  response,
  seq,
  cla: parseInt(command.slice(0, 2), 16),
  ins: parseInt(command.slice(2, 4), 16),
  p1: parseInt(command.slice(4, 6), 16),
  p2: parseInt(command.slice(6, 8), 16),
});

describe('exchanges', () => {
  it('joins GET RESPONSE to the command it answers and drops the 6Cxx attempt', () => {
    const x = exchanges([
      e('00B2010C00', '6C05', 1),
      e('00B2010C05', '7003 8C01 00 9000'.replace(/ /g, ''), 2),
      e('80AE80000100', '6104', 3),
      e('00C0000004', '770299009000', 4),
    ]);
    expect(x.map((v) => v.command.ins)).toEqual([0xb2, 0xae]);
    expect(toHex(x[1]!.data)).toBe('77029900');
    expect(x[1]!.sw).toBe(0x9000);
    expect(x[0]!.seq).toBe(2);
  });
  it('reads a GENERATE AC value by the CDOL1 the card gave, and nothing from malformed data', () => {
    const x = exchanges([e('00B2010C06', '70048C0295059000', 1), e('80AE400005112233445500', '9000', 2)]);
    expect(toHex(gacValue(x, 0, '95')!)).toBe('1122334455');
    expect(gacValue(x, 1, '95')).toBeUndefined();
    expect(exchanges([e('zz', '9000', 1)])).toEqual([]);
  });
});
