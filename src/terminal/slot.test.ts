/** The card-side trace as the report's APDU trace (issue 20 item 4: the terminal report shows what the card saw). */
import { describe, expect, it } from 'vitest';
import { parseTraceBody } from '../trace/trace.ts';
import { type CardSideEntry, cardSideTraceEntries, sideBySideTraceEntries } from './slot.ts';

const entry = (command: string, response: string, us?: number): CardSideEntry => ({
  command,
  response,
  cla: 0,
  ins: Number.parseInt(command.slice(2, 4), 16),
  p1: 0,
  p2: 0,
  seq: 1,
  ...(us !== undefined ? { us } : {}),
});

describe('card-side trace entries', () => {
  it('names each command, gives its status word and time, and parses as an APDU trace', () => {
    const entries = cardSideTraceEntries([
      entry('00A404000E315041592E5359532E444446303100', '611B', 120),
      entry('00C000001B', '6F19840E9000'),
      entry('FF', '6E00'),
    ]);
    expect(entries.map((e) => [e.name, e.sw, e.us])).toEqual([
      ['SELECT', '611B', 120],
      ['GET RESPONSE', '9000', 0],
      ['unparsable command', '6E00', 0],
    ]);
    expect(entries[0]?.command).toBe('00 A4 04 00 0E 31 50 41 59 2E 53 59 53 2E 44 44 46 30 31 00');
    expect(parseTraceBody(JSON.stringify(entries))).toHaveLength(3);
  });
  it("interleaves the card's and the PSAM's exchanges in the order sent, the PSAM's marked and named by part 9", () => {
    const at = (e: CardSideEntry, seq: number) => ({ ...e, seq });
    const card = [at(entry('0084000008', '01020304050607089000'), 1), at(entry('00B2012800', '9000'), 4)];
    const psam = [at(entry('BFDE670801', '9000'), 2), at(entry('80FA000008', '9000'), 3)];
    expect(sideBySideTraceEntries(card, psam).map((e) => `${e.party ?? 'card'} ${e.name}`)).toEqual([
      'card GET CHALLENGE',
      'PSAM DELIVERY SESSION KEY',
      'PSAM CIPHER DATA',
      'card READ RECORD',
    ]);
  });
});
