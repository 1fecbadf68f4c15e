/** Command names by INS, ISO/IEC 7816-4 §5.1.3 table 4, 社会保障卡规范 part 5 and JR/T 0025.5. */
import type { CommandApdu } from './command.ts';

/**
 * The one table of instruction codes: the inter-industry ones (ISO/IEC 7816-4 table 4), those of
 * 社会保障卡规范 part 5 §6 and of JR/T 0025.5 annex B. The command builders (src/iso7816, src/sscard,
 * src/pboc, src/personalisation) take their INS from here; the medical commands (CLA B0) have their own.
 */
export const INS = {
  INVALIDATE: 0x04,
  ERASE_BINARY: 0x0e,
  CARD_BLOCK: 0x16,
  APPLICATION_UNBLOCK: 0x18,
  APPLICATION_BLOCK: 0x1e,
  VERIFY: 0x20,
  /** CHANGE REFERENCE DATA; PIN CHANGE/UNBLOCK of 社会保障卡规范 and JR/T 0025.5 B.10. */
  CHANGE_REFERENCE_DATA: 0x24,
  RESET_RETRY_COUNTER: 0x2c,
  REHABILITATE: 0x44,
  CHANGE_PIN: 0x5e,
  MANAGE_CHANNEL: 0x70,
  EXTERNAL_AUTHENTICATE: 0x82,
  GET_CHALLENGE: 0x84,
  INTERNAL_AUTHENTICATE: 0x88,
  SELECT: 0xa4,
  GET_PROCESSING_OPTIONS: 0xa8,
  GENERATE_AC: 0xae,
  READ_BINARY: 0xb0,
  READ_RECORD: 0xb2,
  GET_RESPONSE: 0xc0,
  GET_DATA: 0xca,
  WRITE_KEY: 0xd4,
  UPDATE_BINARY: 0xd6,
  PUT_DATA: 0xda,
  UPDATE_RECORD: 0xdc,
  CREATE_FILE: 0xe0,
  APPEND_RECORD: 0xe2,
} as const;

const BY_INS: Record<number, string> = Object.fromEntries(Object.entries(INS).map(([name, ins]) => [ins, name.replace(/_/g, ' ')]));

export function commandName(c: Pick<CommandApdu, 'cla' | 'ins'>): string {
  return BY_INS[c.ins] ?? `INS ${c.ins.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** The PSAM's own commands (社会保障卡规范 part 9 §9.3, 9.7–9.10); its SELECT, GET CHALLENGE … are the card's. */
export const PSAM_INS = {
  INITIALIZE_ENVIRONMENT: 0xec,
  DELIVERY_SESSION_KEY: 0xde,
  CIPHER_DATA: 0xfa,
  INIT_SAM_FOR_PURCHASE: 0x70,
  CREDIT_SAM_FOR_PURCHASE: 0x72,
} as const;

const PSAM_BY_INS: Record<number, string> = Object.fromEntries(Object.entries(PSAM_INS).map(([name, ins]) => [ins, name.replace(/_/g, ' ')]));

/** A command to the PSAM by its name in part 9, else by commandName. */
export function psamCommandName(c: Pick<CommandApdu, 'cla' | 'ins'>): string {
  return PSAM_BY_INS[c.ins] ?? commandName(c);
}
