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

/**
 * Who answered an exchange other than the card under test: the PSAM (社会保障卡规范 part 9) the terminal
 * (sscc's own, or the terminal under test) works with. Absent: the card under test.
 */
export type TraceParty = 'PSAM';
export const TRACE_PARTIES: readonly TraceParty[] = ['PSAM'];

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
  /** Another party than the card under test (the PSAM); absent for the card. */
  party?: TraceParty;
}

export const APDU_TRACE_MEDIA_TYPE = 'application/vnd.sscc.apdu-trace+json';

export class ApduTrace {
  readonly entries: TraceEntry[] = [];
  // performance.now(): a double in ms with sub-µs steps, cheaper per APDU than hrtime.bigint()'s BigInt arithmetic.
  private readonly origin = performance.now();
  private marker = 0;

  nowUs(): number {
    return Math.floor((performance.now() - this.origin) * 1000);
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

/**
 * The trace of another party's session (the PSAM beside the card): each exchange goes into the card's
 * trace, marked with the party, in one time order with the card's, so that the step that sent it shows
 * it (steps/hooks.ts). `main` is looked up at each exchange (a scenario may open a new card session);
 * without one the entries stay here.
 */
export class PartyTrace extends ApduTrace {
  constructor(
    private readonly main: () => ApduTrace | undefined,
    readonly party: TraceParty,
    /** The party's name of a command (CLA, INS), when it has its own commands. */
    private readonly nameOf?: (c: { cla: number; ins: number }) => string,
  ) {
    super();
  }
  override nowUs(): number {
    return this.main()?.nowUs() ?? super.nowUs();
  }
  override add(entry: TraceEntry): void {
    const [cla, ins] = entry.command.split(' ').map((b) => parseInt(b, 16));
    const name = this.nameOf && cla !== undefined && ins !== undefined && !Number.isNaN(ins) ? this.nameOf({ cla, ins }) : entry.name;
    const e = { ...entry, name, party: this.party };
    const main = this.main();
    if (main) main.add(e);
    else super.add(e);
  }
}

export function hex(bytes: Uint8Array): string {
  return toHex(bytes, ' ');
}

/**
 * The entries of an APDU-trace attachment as a message stream holds them; a body of the wrong shape
 * (a field missing or of the wrong type, found by the fuzzer) throws TypeError naming the field.
 */
export function parseTraceBody(body: string): TraceEntry[] {
  const v = JSON.parse(body) as unknown;
  if (!Array.isArray(v)) throw new TypeError('an APDU trace is not a list');
  const isObject = (o: unknown): o is Record<string, unknown> => typeof o === 'object' && o !== null && !Array.isArray(o);
  const duration = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  for (const [i, e] of v.entries()) {
    if (!isObject(e)) throw new TypeError(`APDU trace entry ${i} is not an object`);
    for (const k of ['name', 'command', 'response', 'sw'] as const)
      if (typeof e[k] !== 'string') throw new TypeError(`APDU trace entry ${i}: ${k} is not a string`);
    if (!/^([0-9A-F]{4})?$/.test(e.sw as string)) throw new TypeError(`APDU trace entry ${i}: sw "${String(e.sw).slice(0, 8)}" is not four hex digits`);
    if (!duration(e.us)) throw new TypeError(`APDU trace entry ${i}: us is not a duration`);
    if (e.atUs !== undefined && !duration(e.atUs)) throw new TypeError(`APDU trace entry ${i}: atUs is not a time`);
    if (e.error !== undefined && typeof e.error !== 'string') throw new TypeError(`APDU trace entry ${i}: error is not a string`);
    if (e.party !== undefined && !TRACE_PARTIES.includes(e.party as TraceParty))
      throw new TypeError(`APDU trace entry ${i}: party "${String(e.party).slice(0, 8)}" is not one of ${TRACE_PARTIES.join(', ')}`);
    if (!Array.isArray(e.wire)) throw new TypeError(`APDU trace entry ${i}: wire is not a list`);
    for (const w of e.wire)
      if (!isObject(w) || typeof w.command !== 'string' || typeof w.response !== 'string' || !duration(w.us))
        throw new TypeError(`APDU trace entry ${i}: a wire exchange without command, response and us`);
  }
  return v as TraceEntry[];
}
