/** Builders of the social security commands (社会保障卡规范 part 5 §6) and of the PSAM's (part 9 §9). */
import { type CommandApdu, command } from '../apdu/command.ts';
import { encodeCn } from '../bytes/bcd.ts';
import { INS } from '../apdu/names.ts';

/** The SSSE commands' INS (part 5 §6), from the one table src/apdu/names.ts. */
export const SS_INS = {
  EXTERNAL_AUTHENTICATE: INS.EXTERNAL_AUTHENTICATE,
  INTERNAL_AUTHENTICATE: INS.INTERNAL_AUTHENTICATE,
  UPDATE_RECORD: INS.UPDATE_RECORD,
  UPDATE_BINARY: INS.UPDATE_BINARY,
  CHANGE_PIN: INS.CHANGE_PIN,
  PIN_CHANGE_UNBLOCK: INS.CHANGE_REFERENCE_DATA,
  APPLICATION_BLOCK: INS.APPLICATION_BLOCK,
  CARD_BLOCK: INS.CARD_BLOCK,
} as const;

/** PIN in cn, padded with F to whole bytes (part 5 §6.3). */
export function pinCn(pin: string): Uint8Array {
  return encodeCn(pin, Math.ceil(pin.length / 2));
}

/** 00 82 00 kid: authentication data ‖ original [‖ key version] (§6.4). */
export function externalAuthenticate(keyId: number, auth: Uint8Array, original: Uint8Array, version?: number): CommandApdu {
  return command(0x00, SS_INS.EXTERNAL_AUTHENTICATE, 0x00, keyId, Uint8Array.from([...auth, ...original, ...(version === undefined ? [] : [version])]));
}

/** 00 88 00 00: R1 (process key) ‖ R2 (data) [‖ key version], Le 00 (§6.7). */
export function internalAuthenticate(r1: Uint8Array, r2: Uint8Array, version?: number): CommandApdu {
  return command(0x00, SS_INS.INTERNAL_AUTHENTICATE, 0x00, 0x00, Uint8Array.from([...r1, ...r2, ...(version === undefined ? [] : [version])]), 256);
}

/** UPDATE RECORD by record identifier (P2 = SFI << 3 | 000) or number (| 100) (§6.13). */
export function updateRecord(p1: number, sfi: number, byNumber: boolean, record: Uint8Array, cla = 0x00): CommandApdu {
  return command(cla, SS_INS.UPDATE_RECORD, p1, (sfi << 3) | (byNumber ? 4 : 0), record);
}

/** 80 5E 01 00: current PIN ‖ FF ‖ new PIN (§6.3). */
export function changePin(oldPin: string, newPin: string): CommandApdu {
  return command(0x80, SS_INS.CHANGE_PIN, 0x01, 0x00, Uint8Array.from([...pinCn(oldPin), 0xff, ...pinCn(newPin)]));
}

/** A command with secure messaging whose data ends with the MAC (the MAC is appended by the caller). */
export function withMac(cla: number, ins: number, p1: number, p2: number, data: Uint8Array, mac: Uint8Array): CommandApdu {
  return command(cla, ins, p1, p2, Uint8Array.from([...data, ...mac]));
}

/** PSAM: BF EC 00 00 01 <first byte of 卡的识别码> (part 9 §9.3). */
export function psamInitializeEnvironment(firstByte: number): CommandApdu {
  return command(0xbf, 0xec, 0x00, 0x00, Uint8Array.of(firstByte));
}

/** PSAM: BF DE usage kid, factors ‖ process factor (part 9 §9.7). */
export function psamDeliverySessionKey(usage: number, keyId: number, factors: readonly Uint8Array[], processFactor: Uint8Array): CommandApdu {
  return command(0xbf, 0xde, usage, keyId, Uint8Array.from([...factors.flatMap((f) => [...f]), ...processFactor]));
}

/** PSAM: 80 FA P1 00 (part 9 §9.8): P1 00 encrypt, 05 single-block MAC with the IV as first block. */
export function psamCipherData(p1: number, data: Uint8Array): CommandApdu {
  return command(0x80, 0xfa, p1, 0x00, data, 256);
}
