/** Command names by INS, ISO/IEC 7816-4 §5.1.3 table 4, 社会保障卡规范 part 5 and JR/T 0025.5. */
import type { CommandApdu } from './command.ts';

const BY_INS: Record<number, string> = {
  0x04: 'INVALIDATE',
  0x0e: 'ERASE BINARY',
  0x16: 'CARD BLOCK',
  0x18: 'APPLICATION UNBLOCK',
  0x1e: 'APPLICATION BLOCK',
  0x20: 'VERIFY',
  0x24: 'CHANGE REFERENCE DATA',
  0x2c: 'RESET RETRY COUNTER',
  0x44: 'REHABILITATE',
  0x5e: 'CHANGE PIN',
  0x70: 'MANAGE CHANNEL',
  0x82: 'EXTERNAL AUTHENTICATE',
  0x84: 'GET CHALLENGE',
  0x88: 'INTERNAL AUTHENTICATE',
  0xa4: 'SELECT',
  0xa8: 'GET PROCESSING OPTIONS',
  0xae: 'GENERATE AC',
  0xb0: 'READ BINARY',
  0xb2: 'READ RECORD',
  0xc0: 'GET RESPONSE',
  0xca: 'GET DATA',
  0xd6: 'UPDATE BINARY',
  0xda: 'PUT DATA',
  0xdc: 'UPDATE RECORD',
  0xe2: 'APPEND RECORD',
};

export function commandName(c: Pick<CommandApdu, 'cla' | 'ins'>): string {
  return BY_INS[c.ins] ?? `INS ${c.ins.toString(16).toUpperCase().padStart(2, '0')}`;
}
