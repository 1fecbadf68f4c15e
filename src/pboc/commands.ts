/**
 * Builders of the PBOC debit/credit commands (JR/T 0025.5 annex B) and the issuer script headers
 * (annex C.2). SELECT and READ RECORD are the ISO/IEC 7816-4 ones (src/iso7816/commands.ts).
 */
import { type CommandApdu, command } from '../apdu/command.ts';
import { concat, fromHex, toHex } from '../bytes/hex.ts';
import { encodeCn } from '../bytes/bcd.ts';
import { INS } from '../apdu/names.ts';

/** The PBOC commands' INS (annex B), from the one table src/apdu/names.ts. */
export const PBOC_INS = {
  GET_PROCESSING_OPTIONS: INS.GET_PROCESSING_OPTIONS,
  GENERATE_AC: INS.GENERATE_AC,
  GET_DATA: INS.GET_DATA,
  VERIFY: INS.VERIFY,
  INTERNAL_AUTHENTICATE: INS.INTERNAL_AUTHENTICATE,
  EXTERNAL_AUTHENTICATE: INS.EXTERNAL_AUTHENTICATE,
  APPLICATION_BLOCK: INS.APPLICATION_BLOCK,
  APPLICATION_UNBLOCK: INS.APPLICATION_UNBLOCK,
  CARD_BLOCK: INS.CARD_BLOCK,
  PIN_CHANGE_UNBLOCK: INS.CHANGE_REFERENCE_DATA,
  PUT_DATA: INS.PUT_DATA,
} as const;

/** GENERATE AC P1 b8–b7: the cryptogram asked (B.6 table B.7); b5: CDA signature requested (JR/T 0025.7 §5.3.6.1). */
export const GAC_P1 = { AAC: 0x00, TC: 0x40, ARQC: 0x80, CDA: 0x10 } as const;

/** VERIFY P2 80: offline plaintext PIN (B.12). */
export const VERIFY_P2_PLAINTEXT_PIN = 0x80;

const dataOrNone = (d: Uint8Array) => (d.length ? d : undefined);

/** 80 A8 00 00 83 L PDOL data, Le 00 (B.8). */
export function getProcessingOptions(pdolData: Uint8Array): CommandApdu {
  return command(0x80, PBOC_INS.GET_PROCESSING_OPTIONS, 0x00, 0x00, concat(Uint8Array.of(0x83, pdolData.length), pdolData), 256);
}

/** 80 AE P1 00 CDOL data, Le 00 (B.6). */
export function generateAc(p1: number, cdolData: Uint8Array): CommandApdu {
  return command(0x80, PBOC_INS.GENERATE_AC, p1, 0x00, dataOrNone(cdolData), 256);
}

/** 80 CA tag, Le 00 (B.3): a 2-byte tag in P1 P2. */
export function getData(tag: string): CommandApdu {
  const t = fromHex(tag.padStart(4, '0'));
  return command(0x80, PBOC_INS.GET_DATA, t[0] as number, t[1] as number, undefined, 256);
}

/** ISO 9564 format 2 PIN block: 2N ‖ PIN ‖ F…F, 8 bytes (B.12.2). */
export function pinBlockFormat2(pin: string): Uint8Array {
  return concat(fromHex(`2${pin.length.toString(16)}`), encodeCn(pin, 7));
}

/** 00 20 00 80 PIN block (B.12): the block as given, for a format-2 block see pinBlockFormat2. */
export function verifyOfflinePin(block: Uint8Array): CommandApdu {
  return command(0x00, PBOC_INS.VERIFY, 0x00, VERIFY_P2_PLAINTEXT_PIN, block);
}

/** 00 88 00 00 DDOL data, Le 00 (B.9). */
export function internalAuthenticate(ddolData: Uint8Array): CommandApdu {
  return command(0x00, PBOC_INS.INTERNAL_AUTHENTICATE, 0x00, 0x00, dataOrNone(ddolData), 256);
}

/** 00 82 00 00 ARPC ‖ ARC (B.5). */
export function externalAuthenticate(arpc: Uint8Array, arc: Uint8Array): CommandApdu {
  return command(0x00, PBOC_INS.EXTERNAL_AUTHENTICATE, 0x00, 0x00, concat(arpc, arc));
}

/** A script command with secure messaging: CLA 84 (04 for PUT DATA) INS P1 P2 Lc data ‖ MAC (C.2.4), MAC already computed. */
export function scriptCommand(header: string, dataAndMac: Uint8Array): CommandApdu {
  const h = fromHex(header);
  return command(h[0] as number, h[1] as number, h[2] as number, h[3] as number, dataAndMac);
}

/** Script headers CLA INS P1 P2 (B.1, B.2, B.11, B.10, B.13) that the issuer MACs (issuer.script). */
export const SCRIPT_HEADER = {
  APPLICATION_BLOCK: '841E0000',
  APPLICATION_UNBLOCK: '84180000',
  CARD_BLOCK: '84160000',
  PIN_UNBLOCK: '84240000',
  /** PUT DATA of a 2-byte tag (B.13): CLA 04, the tag in P1 P2. */
  putData: (tag: string): string => `04DA${toHex(fromHex(tag.padStart(4, '0')))}`,
} as const;

/** Authorisation response code 8A "00", approved (JR/T 0025.5 annex A): what the issuer answers unless told otherwise. */
export const ARC_APPROVED: Uint8Array = Uint8Array.of(0x30, 0x30);

/** A copy of a cryptogram, MAC or command with one bit of one byte flipped (the last byte unless told): what a wrong one looks like. */
export function withBitFlipped(bytes: Uint8Array, index = bytes.length - 1): Uint8Array {
  const out = bytes.slice();
  out[index] = (out[index] ?? 0) ^ 0x01;
  return out;
}

/** The EC data objects an issuer script may set by PUT DATA (JR/T 0025.13 §7.5): balance limit, single limit, reset threshold, balance. */
export const EC_SCRIPT_OBJECTS = ['9F77', '9F78', '9F6D', '9F79'] as const;
