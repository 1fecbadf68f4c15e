/**
 * The one interface in front of every transport (simulator in process, PC/SC reader).
 * `transmit` carries one command APDU and returns the response APDU exactly as the card gave it;
 * T=0 procedure bytes (61xx, 6Cxx) are handled above it, in CardSession.
 */
export type Protocol = 'T=0' | 'T=1';

export interface CardChannel {
  /** Answer to reset of the current session. */
  readonly atr: Uint8Array;
  readonly protocol: Protocol;
  /** A short description for reports, e.g. "card-sim reference" or a reader name. */
  readonly description: string;
  transmit(command: Uint8Array): Promise<Uint8Array>;
  /** Warm reset; resolves to the new ATR. */
  reset(): Promise<Uint8Array>;
  /** Cold reset (power down and up, ISO/IEC 7816-3 §6.2.2), where the transport can; resolves to the new ATR. */
  coldReset?(): Promise<Uint8Array>;
  close(): Promise<void>;
}
