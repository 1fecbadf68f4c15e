import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../apdu/command.ts';
import { toHex } from '../bytes/hex.ts';
import { RECORD_MODE, readRecord } from './commands.ts';

describe('READ RECORD (ISO/IEC 7816-4 §7.3.3)', () => {
  it('puts the SFI in P2 b8..b4 and the mode in b3..b1', () => {
    expect(toHex(encodeCommand(readRecord(1, 0x05, RECORD_MODE.NUMBER, 256)))).toBe('00B2012C00');
    // The reserved mode 111 on the profile's record EF (ISO-RR-007): SFI 5 gives the 2F it used to hard-code.
    expect(toHex(encodeCommand(readRecord(1, 0x05, RECORD_MODE.RESERVED, 256)))).toBe('00B2012F00');
    expect(toHex(encodeCommand(readRecord(1, 0x02, RECORD_MODE.RESERVED, 256)))).toBe('00B2011700');
  });
});
