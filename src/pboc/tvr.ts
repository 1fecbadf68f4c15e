/**
 * Terminal verification results 95 (EMV Book 3 Annex C5, JR/T 0025.5 annex) and transaction status
 * information 9B (Annex C6), and the application interchange profile 82 (Annex C1), bit by bit: [byte index, mask].
 */
export type Bit = readonly [byte: number, mask: number];

export const TVR = {
  ODA_NOT_PERFORMED: [0, 0x80],
  SDA_FAILED: [0, 0x40],
  ICC_DATA_MISSING: [0, 0x20],
  CARD_ON_EXCEPTION_FILE: [0, 0x10],
  DDA_FAILED: [0, 0x08],
  CDA_FAILED: [0, 0x04],
  DIFFERENT_APP_VERSIONS: [1, 0x80],
  EXPIRED_APPLICATION: [1, 0x40],
  APPLICATION_NOT_YET_EFFECTIVE: [1, 0x20],
  SERVICE_NOT_ALLOWED: [1, 0x10],
  NEW_CARD: [1, 0x08],
  CVM_NOT_SUCCESSFUL: [2, 0x80],
  UNRECOGNISED_CVM: [2, 0x40],
  PIN_TRY_LIMIT_EXCEEDED: [2, 0x20],
  PIN_PAD_NOT_PRESENT: [2, 0x10],
  PIN_NOT_ENTERED: [2, 0x08],
  ONLINE_PIN_ENTERED: [2, 0x04],
  FLOOR_LIMIT_EXCEEDED: [3, 0x80],
  LOWER_CONSECUTIVE_OFFLINE_LIMIT_EXCEEDED: [3, 0x40],
  UPPER_CONSECUTIVE_OFFLINE_LIMIT_EXCEEDED: [3, 0x20],
  RANDOMLY_SELECTED_ONLINE: [3, 0x10],
  MERCHANT_FORCED_ONLINE: [3, 0x08],
  DEFAULT_TDOL_USED: [4, 0x80],
  ISSUER_AUTHENTICATION_FAILED: [4, 0x40],
  SCRIPT_FAILED_BEFORE_FINAL_GAC: [4, 0x20],
  SCRIPT_FAILED_AFTER_FINAL_GAC: [4, 0x10],
} as const satisfies Record<string, Bit>;

export const TSI = {
  ODA_PERFORMED: [0, 0x80],
  CARDHOLDER_VERIFICATION_PERFORMED: [0, 0x40],
  CARD_RISK_MANAGEMENT_PERFORMED: [0, 0x20],
  ISSUER_AUTHENTICATION_PERFORMED: [0, 0x10],
  TERMINAL_RISK_MANAGEMENT_PERFORMED: [0, 0x08],
  SCRIPT_PROCESSING_PERFORMED: [0, 0x04],
} as const satisfies Record<string, Bit>;

/** Application interchange profile 82, byte 1 (EMV Book 3 Annex C1, JR/T 0025.5 table 36). */
export const AIP = {
  SDA: [0, 0x40],
  DDA: [0, 0x20],
  CARDHOLDER_VERIFICATION: [0, 0x10],
  TERMINAL_RISK_MANAGEMENT: [0, 0x08],
  ISSUER_AUTHENTICATION: [0, 0x04],
  CDA: [0, 0x01],
} as const satisfies Record<string, Bit>;

export type TvrBit = keyof typeof TVR;
export type TsiBit = keyof typeof TSI;

export function setBit(bytes: Uint8Array, [i, m]: Bit): void {
  bytes[i] = (bytes[i] ?? 0) | m;
}

export function clearBit(bytes: Uint8Array, [i, m]: Bit): void {
  bytes[i] = (bytes[i] ?? 0) & ~m;
}

export function hasBit(bytes: Uint8Array, [i, m]: Bit): boolean {
  return ((bytes[i] ?? 0) & m) !== 0;
}

/** The name of a TVR or TSI bit written as scenarios write it ("DDA failed" → DDA_FAILED). */
export function bitByName<T extends Record<string, Bit>>(table: T, words: string): Bit | undefined {
  const key = words
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_');
  return (table as Record<string, Bit>)[key];
}
