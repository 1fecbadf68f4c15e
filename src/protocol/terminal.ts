/**
 * The terminal driver protocol (docs/terminal.md): what the harness asks a terminal under test to do and
 * what the terminal reports. The reference terminal and the `command` driver's program both speak it.
 */
/** One operation for the terminal: a reader-terminal API call (iReadCardBas …) or a transaction. */
export interface TerminalRequest {
  /** e.g. "iReadCardBas", "iVerifyPIN", "purchase". */
  operation: string;
  /** Name of the test card image in the card slot. */
  card?: string;
  /** Amount in fen (分) for transactions. */
  amount?: number;
  /** PIN the cardholder enters (a test value). */
  pin?: string;
  /** Further parameters of the operation (pFileAddr, iType …). */
  params?: Record<string, string | number>;
}

export type TerminalResult = 'success' | 'approved' | 'declined' | 'online' | 'refused' | 'cancelled' | 'error';

/** What the terminal reports; JSON Schema in profiles/terminal-outcome.schema.json. */
export interface TerminalOutcome {
  result: TerminalResult;
  code?: number;
  output?: string;
  fields?: Record<string, string>;
  tvr?: string;
  tsi?: string;
  cid?: string;
  message?: string;
}
