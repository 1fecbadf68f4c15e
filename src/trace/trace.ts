/**
 * The APDU trace: every logical exchange with the wire exchanges it took (GET RESPONSE after 61xx,
 * a resend after 6Cxx), each timed in microseconds.
 */
import { toHex } from '../bytes/hex.ts';

export interface WireExchange {
  command: string;
  response: string;
  /** Duration in microseconds. */
  us: number;
}

export interface TraceEntry {
  /** Logical command and response, hex. */
  command: string;
  response: string;
  name: string;
  sw: string;
  /** Start, in microseconds since the trace began. */
  atUs: number;
  /** Total duration in microseconds. */
  us: number;
  wire: WireExchange[];
  /** Set when the exchange failed at the transport or protocol level. */
  error?: string;
}

export const APDU_TRACE_MEDIA_TYPE = 'application/vnd.sscc.apdu-trace+json';

export class ApduTrace {
  readonly entries: TraceEntry[] = [];
  private readonly origin = process.hrtime.bigint();
  private marker = 0;

  nowUs(): number {
    return Number((process.hrtime.bigint() - this.origin) / 1000n);
  }

  add(entry: TraceEntry): void {
    this.entries.push(entry);
  }

  /** Entries added since the last call: what one step exchanged. */
  takeNew(): TraceEntry[] {
    const out = this.entries.slice(this.marker);
    this.marker = this.entries.length;
    return out;
  }
}

export function hex(bytes: Uint8Array): string {
  return toHex(bytes, ' ');
}
