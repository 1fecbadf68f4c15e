import { describe, expect, it } from 'vitest';
import { parseTraceBody } from './trace.ts';

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
  });
});
