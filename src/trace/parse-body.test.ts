import { describe, expect, it } from 'vitest';
import { psamCommandName } from '../apdu/names.ts';
import { ApduTrace, PartyTrace, parseTraceBody } from './trace.ts';

describe('parseTraceBody', () => {
  const entry = {
    name: 'SELECT',
    command: '00 A4 00 00 02 3F 00',
    response: '90 00',
    sw: '9000',
    atUs: 0,
    us: 10,
    wire: [{ command: '00 A4 00 00 02 3F 00', response: '90 00', us: 9 }],
  };
  it('gives the entries of a trace that sscc wrote', () => {
    expect(parseTraceBody(JSON.stringify([entry]))).toEqual([entry]);
  });
  it('names the field of an entry of the wrong shape (the fuzzer found an entry without command reaching the report)', () => {
    const { command: _c, ...noCommand } = entry;
    expect(() => parseTraceBody(JSON.stringify([noCommand]))).toThrow(/entry 0: command is not a string/);
    expect(() => parseTraceBody(JSON.stringify([{ ...entry, sw: '90 00' }]))).toThrow(/sw/);
    expect(() => parseTraceBody(JSON.stringify([{ ...entry, wire: [{}] }]))).toThrow(/wire exchange/);
    expect(() => parseTraceBody(JSON.stringify([{ ...entry, us: -1 }]))).toThrow(/us is not/);
    expect(() => parseTraceBody('{}')).toThrow(/not a list/);
    expect(() => parseTraceBody(JSON.stringify([{ ...entry, party: 'HSM' }]))).toThrow(/party "HSM" is not one of PSAM/);
  });
  it("keeps the PSAM's party; a PartyTrace puts its entries into the card's trace, marked and named by part 9", () => {
    expect(parseTraceBody(JSON.stringify([{ ...entry, party: 'PSAM' }]))[0]?.party).toBe('PSAM');
    const card = new ApduTrace();
    let main: ApduTrace | undefined;
    const psam = new PartyTrace(() => main, 'PSAM', psamCommandName);
    const fa = { ...entry, name: 'INS FA', command: '80 FA 00 00 08 01 02 03 04 05 06 07 08' };
    psam.add(fa); // no card session yet: kept in its own entries
    expect(psam.entries.map((e) => [e.name, e.party])).toEqual([['CIPHER DATA', 'PSAM']]);
    main = card;
    card.add(entry);
    psam.add(fa);
    expect(card.takeNew().map((e) => [e.name, e.party])).toEqual([
      ['SELECT', undefined],
      ['CIPHER DATA', 'PSAM'],
    ]);
  });
});
