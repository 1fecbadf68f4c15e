/** Builders for the inter-industry commands, named and coded as in ISO/IEC 7816-4 §7 and 社会保障卡规范 part 5 §6. */
import { type CommandApdu, command } from '../apdu/command.ts';
import { INS } from '../apdu/names.ts';

export { INS };

/** P2 of SELECT: return FCI (00) or nothing (0C); first (00) or next (02) occurrence. */
export const SELECT_P2 = { FCI: 0x00, NO_DATA: 0x0c, NEXT: 0x02 } as const;

export function selectByName(name: Uint8Array, p2: number = SELECT_P2.FCI): CommandApdu {
  return command(0x00, INS.SELECT, 0x04, p2, name, 256);
}

/** P1 00: MF, DF or EF by file identifier. */
export function selectByFid(fid: number, p2: number = SELECT_P2.FCI): CommandApdu {
  return command(0x00, INS.SELECT, 0x00, p2, Uint8Array.of(fid >> 8, fid & 0xff));
}

/** P1 02: EF under the current DF. */
export function selectEf(fid: number): CommandApdu {
  return command(0x00, INS.SELECT, 0x02, 0x00, Uint8Array.of(fid >> 8, fid & 0xff));
}

/** P1 08: path from the MF (without 3F00); P1 09: path from the current DF (ISO/IEC 7816-4 §7.1.1). */
export function selectByPath(path: Uint8Array, from: 'mf' | 'current'): CommandApdu {
  return command(0x00, INS.SELECT, from === 'mf' ? 0x08 : 0x09, SELECT_P2.FCI, path, 256);
}

export function readBinary(offset: number, le: number): CommandApdu {
  if (offset < 0 || offset > 0x7fff) throw new RangeError(`READ BINARY offset ${offset} beyond 7FFF`);
  return command(0x00, INS.READ_BINARY, offset >> 8, offset & 0xff, undefined, le);
}

/** P1 b8 = 1: short EF identifier in b5..b1, offset in P2. */
export function readBinarySfi(sfi: number, offset: number, le: number): CommandApdu {
  return command(0x00, INS.READ_BINARY, 0x80 | sfi, offset, undefined, le);
}

/** READ RECORD modes (P2 b3..b1), 社会保障卡规范 part 5 §6.10 table; 111 is reserved (ISO/IEC 7816-4 §7.3.3). */
export const RECORD_MODE = { FIRST_ID: 0, LAST_ID: 1, NEXT_ID: 2, PREVIOUS_ID: 3, NUMBER: 4, FROM_P1: 5, TO_P1: 6, RESERVED: 7 } as const;

export function readRecord(p1: number, sfi: number, mode: number, le: number): CommandApdu {
  return command(0x00, INS.READ_RECORD, p1, (sfi << 3) | mode, undefined, le);
}

export function getChallenge(le: number): CommandApdu {
  return command(0x00, INS.GET_CHALLENGE, 0x00, 0x00, undefined, le);
}

export function getResponse(le: number): CommandApdu {
  return command(0x00, INS.GET_RESPONSE, 0x00, 0x00, undefined, le);
}

/** VERIFY with no data: asks the try counter (part 5 §6.14, Lc 00 / absent). */
export function verify(ref: number, pinBlock?: Uint8Array): CommandApdu {
  return command(0x00, INS.VERIFY, 0x00, ref, pinBlock);
}
