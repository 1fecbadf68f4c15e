/**
 * The card-management commands of the COS: how a personalisation bureau creates the application
 * environments and loads their keys (社会保障卡规范 part 10 §5.2, part 4 §7.3). The specs give the
 * order and the rules, not the coding; this coding is card-sim's, in the form most Chinese COSes use:
 *   00 82 00 00  EXTERNAL AUTHENTICATE with the master key of the current DF (part 5 §6.4 coding)
 *   80 E0 00 00  CREATE FILE: FCP 62 { 82 01 38 (DF), 83 FID, 84 DF name } under the current DF,
 *                after EXTERNAL AUTHENTICATE with its master key
 *   84 D4 P1 kid WRITE KEY: P1 00 load, 01 replace; data = key block enciphered under the session key
 *                of the authorising key ‖ MAC (part 4 §7.3: keys travel enciphered, with a MAC)
 * The key block is kid ‖ version ‖ try limit ‖ key.
 */
import { INS } from '../apdu/names.ts';
import { type CommandApdu, command } from '../apdu/command.ts';
import { buildTlv } from '../tlv/ber.ts';
import { type SsAlgorithm, authData, commandMac, encryptData, sessionKey } from '../sscard/crypto.ts';

/** The card-management commands' INS, from the one table src/apdu/names.ts. */
export const CARD_MANAGEMENT_INS = { EXTERNAL_AUTHENTICATE: INS.EXTERNAL_AUTHENTICATE, CREATE_FILE: INS.CREATE_FILE, WRITE_KEY: INS.WRITE_KEY } as const;

export const WRITE_KEY_P1 = { LOAD: 0x00, REPLACE: 0x01 } as const;

/** FCP of a DF to create (ISO/IEC 7816-4 §5.3.3 table 12): descriptor 38, [FID,] DF name. */
export function dfFcp(name: Uint8Array, fid?: number): Uint8Array {
  const fidTlv = fid === undefined ? [] : [buildTlv('83', Uint8Array.of(fid >> 8, fid & 0xff))];
  return buildTlv('62', [buildTlv('82', Uint8Array.of(0x38)), ...fidTlv, buildTlv('84', name)]);
}

export function createDf(name: Uint8Array, fid?: number): CommandApdu {
  return command(0x80, CARD_MANAGEMENT_INS.CREATE_FILE, 0x00, 0x00, dfFcp(name, fid));
}

/** EXTERNAL AUTHENTICATE data for a master key and the card's challenge: auth ‖ original. */
export function masterKeyAuthentication(alg: SsAlgorithm, key: Uint8Array, challenge: Uint8Array, original: Uint8Array): CommandApdu {
  const auth = authData(alg, sessionKey(alg, key, challenge), original);
  return command(0x00, CARD_MANAGEMENT_INS.EXTERNAL_AUTHENTICATE, 0x00, 0x00, Uint8Array.from([...auth, ...original]));
}

export interface KeyToWrite {
  id: number;
  version: number;
  tryLimit: number;
  key: Uint8Array;
}

export function keyBlock(k: KeyToWrite): Uint8Array {
  return Uint8Array.from([k.id, k.version, k.tryLimit, ...k.key]);
}

/** 84 D4: the key block enciphered and MACed under the session key of `authority` from `challenge`; P2 the key id (a test may name another). */
export function writeKey(alg: SsAlgorithm, authority: Uint8Array, challenge: Uint8Array, p1: number, k: KeyToWrite, p2 = k.id): CommandApdu {
  const ks = sessionKey(alg, authority, challenge);
  const cipher = encryptData(alg, ks, keyBlock(k));
  const header = [0x84, CARD_MANAGEMENT_INS.WRITE_KEY, p1, p2];
  return command(0x84, CARD_MANAGEMENT_INS.WRITE_KEY, p1, p2, Uint8Array.from([...cipher, ...commandMac(alg, ks, header, cipher)]));
}
