import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex.ts';
import { ApduFormatError, apduCase, command, commandFromHex, encodeCommand, parseCommand } from './command.ts';
import { encodeResponse, parseResponse } from './response.ts';
import { describeSw } from './sw.ts';
import { commandName } from './names.ts';

describe('command APDU cases (ISO/IEC 7816-3 §12.1.3)', () => {
  it('case 1: header only', () => {
    const c = parseCommand(fromHex('00A40000'));
    expect(apduCase(c)).toBe('1');
    expect(c.ne).toBeUndefined();
  });
  it('case 2S: Le 00 means 256', () => {
    expect(parseCommand(fromHex('0084000000')).ne).toBe(256);
    expect(parseCommand(fromHex('0084000008')).ne).toBe(8);
  });
  it('case 3S and 4S: SELECT of the SSSE DDF with and without Le', () => {
    const name = '7378312E73682EC9E7BBE1B1A3D5CF';
    const c3 = parseCommand(fromHex(`00A404000F${name}`));
    expect(apduCase(c3)).toBe('3S');
    expect(toHex(c3.data)).toBe(name);
    const c4 = parseCommand(fromHex(`00A404000F${name}00`));
    expect(apduCase(c4)).toBe('4S');
    expect(c4.ne).toBe(256);
  });
  it('extended cases 2E, 3E, 4E', () => {
    expect(parseCommand(fromHex('00B0000000 0000')).ne).toBe(65536);
    const data = new Uint8Array(300).fill(1);
    const c3 = command(0x00, 0xd6, 0, 0, data);
    expect(apduCase(c3)).toBe('3E');
    expect(toHex(encodeCommand(c3).subarray(4, 7))).toBe('00012C');
    const c4 = { ...c3, ne: 1000 };
    expect(apduCase(c4)).toBe('4E');
    const round = parseCommand(encodeCommand(c4));
    expect(round.data.length).toBe(300);
    expect(round.ne).toBe(1000);
  });
  it('round-trips every short case', () => {
    for (const hex of ['80CA9F3600', '00B2010C00', '00A4000002 3F00', '00200000 03 123456']) {
      expect(toHex(encodeCommand(commandFromHex(hex)))).toBe(hex.replace(/\s/g, ''));
    }
  });
  it('rejects inconsistent lengths', () => {
    expect(() => parseCommand(fromHex('00A4'))).toThrow(/shorter than the 4-byte header/);
    expect(() => parseCommand(fromHex('00A40000 05 3F00'))).toThrow(/Lc 5 does not match/);
    expect(() => parseCommand(fromHex('00A40000 00 00'))).toThrow(/truncated/);
  });
  it('refuses to encode fields out of range', () => {
    expect(() => encodeCommand(command(0x100, 0, 0, 0))).toThrow(/CLA/);
    expect(() => encodeCommand(command(0, 0xb0, 0, 0, undefined, 0))).toThrow(/Ne 0/);
  });
});

describe('response APDU and status words', () => {
  it('splits data and SW', () => {
    const r = parseResponse(fromHex('6F00 9000'));
    expect(toHex(r.data)).toBe('6F00');
    expect(r.sw).toBe(0x9000);
    expect(toHex(encodeResponse(r))).toBe('6F009000');
    expect(() => parseResponse(fromHex('90'))).toThrow(/no status word/);
  });
  it('explains status words with their parameter', () => {
    expect(describeSw(0x6a82).en).toBe('file or application not found');
    expect(describeSw(0x6a82).zh).toBe('未找到文件或应用');
    expect(describeSw(0x63c2).en).toBe('verification failed, 2 tries left');
    expect(describeSw(0x6c10).en).toBe('wrong Le: exact length is 16');
    expect(describeSw(0x6118).success).toBe(true);
    expect(describeSw(0x1234).en).toMatch(/unknown status word 1234/);
  });
  it('names commands', () => {
    expect(commandName({ cla: 0, ins: 0xa4 })).toBe('SELECT');
    expect(commandName({ cla: 0x80, ins: 0xae })).toBe('GENERATE AC');
    expect(commandName({ cla: 0, ins: 0x99 })).toBe('INS 99');
  });
});

describe('encodeCommand against bad input (found by npm run fuzz)', () => {
  // npm run fuzz -- --seed first --replay 3692 (Ne 1.5) and --replay 13367 (Ne NaN): encoded as Le 01 / 00 before the fix.
  it('rejects an Ne that is not an integer', () => {
    for (const ne of [1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, data: new Uint8Array(0), ne })).toThrow(ApduFormatError);
    }
  });
});
