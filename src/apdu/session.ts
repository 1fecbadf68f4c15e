/**
 * CardSession: the shared T=0 layer (ISO/IEC 7816-3 §12.2.2, JR/T 0025.4 / EMV Book 1 §9.3.1) over
 * any CardChannel, and the APDU trace. 61xx → GET RESPONSE with Le = xx (repeated while the card
 * says more); 6Cxx → the same command again with Le = xx.
 */
import { concat } from '../bytes/hex.ts';
import { type CommandApdu, commandLayout, encodeCommand, parseCommand } from './command.ts';
import { commandName } from './names.ts';
import { SW1, sw1Of } from './sw.ts';
import { getResponse } from '../iso7816/commands.ts';
import { type ResponseApdu, parseResponse, swHex } from './response.ts';
import { ApduTrace, type WireExchange, hex } from '../trace/trace.ts';
import type { CardChannel } from './channel.ts';
import { NonConformance } from '../verdict/errors.ts';
import { type Diagnosis, bytes as bytesParam, dx } from '../verdict/messages.ts';

/** More GET RESPONSE rounds than this is a card stuck in 61xx. */
export const MAX_GET_RESPONSE = 64;
/** More response bytes than this in one exchange is a card that does not stop. */
export const MAX_RESPONSE_BYTES = 65538;

export interface SendOptions {
  /** Send exactly these bytes once, no 61xx/6Cxx handling (for scenarios on the procedure itself). */
  raw?: boolean;
}

export class CardSession {
  readonly trace: ApduTrace;

  constructor(
    readonly channel: CardChannel,
    trace?: ApduTrace,
  ) {
    this.trace = trace ?? new ApduTrace();
  }

  async send(cmd: CommandApdu | Uint8Array, options: SendOptions = {}): Promise<ResponseApdu> {
    const bytes = cmd instanceof Uint8Array ? cmd : encodeCommand(cmd);
    const atUs = this.trace.nowUs();
    const wire: WireExchange[] = [];
    const command = hex(bytes);
    let name = 'unparsable command';
    try {
      commandLayout(bytes);
      name = commandName({ cla: bytes[0] as number, ins: bytes[1] as number });
    } catch {
      /* raw bytes that are not an APDU are still sent: the card must answer them */
    }
    const record = (response: string, sw: string, error?: string) =>
      this.trace.add({ command, response, name, sw, atUs, us: this.trace.nowUs() - atUs, wire, ...(error ? { error } : {}) });
    try {
      const response = options.raw ? await this.exchange(bytes, wire, command) : await this.procedure(bytes, wire, command);
      // One wire exchange: the logical response is its response, already in hex.
      const responseHex =
        wire.length === 1 ? (wire[0] as WireExchange).response : hex(concat(response.data, Uint8Array.of(response.sw >> 8, response.sw & 0xff)));
      record(responseHex, swHex(response.sw));
      return response;
    } catch (e) {
      record('', '', e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      throw e;
    }
  }

  /** One wire exchange; `commandHex` is hex(bytes) when the caller has it already. */
  private async exchange(bytes: Uint8Array, wire: WireExchange[], commandHex?: string): Promise<ResponseApdu> {
    const t0 = performance.now();
    const raw = await this.channel.transmit(bytes);
    wire.push({ command: commandHex ?? hex(bytes), response: hex(raw), us: Math.floor((performance.now() - t0) * 1000) });
    const problem = responseProblem(bytes, raw);
    if (problem) throw new NonConformance(problem);
    return parseResponse(raw);
  }

  private async procedure(bytes: Uint8Array, wire: WireExchange[], commandHex: string): Promise<ResponseApdu> {
    let r = await this.exchange(bytes, wire, commandHex);
    if (sw1Of(r.sw) === SW1.WRONG_LE) {
      // Resend with the exact length: P3 (short Le) replaced by SW2.
      const resend = bytes.length === 5 ? Uint8Array.of(...bytes.subarray(0, 4), r.sw & 0xff) : withLe(bytes, r.sw & 0xff);
      r = await this.exchange(resend, wire);
      if (sw1Of(r.sw) === SW1.WRONG_LE) throw new NonConformance(dx('apdu.6CxxAgain', { le: r.sw & 0xff }));
    }
    const parts: Uint8Array[] = [r.data];
    let total = r.data.length;
    let rounds = 0;
    while (sw1Of(r.sw) === SW1.MORE_DATA) {
      if (++rounds > MAX_GET_RESPONSE) throw new NonConformance(dx('apdu.61xxEndless', { n: MAX_GET_RESPONSE }));
      const le = r.sw & 0xff;
      r = await this.exchange(encodeCommand(getResponse(le || 256)), wire);
      if (sw1Of(r.sw) === SW1.WRONG_LE) r = await this.exchange(encodeCommand(getResponse(r.sw & 0xff || 256)), wire);
      parts.push(r.data);
      total += r.data.length;
      if (total > MAX_RESPONSE_BYTES) throw new NonConformance(dx('apdu.tooLong', { n: MAX_RESPONSE_BYTES }));
    }
    return { data: parts.length === 1 ? r.data : concat(...parts), sw: r.sw };
  }
}

/**
 * What makes a response malformed whatever the command asked, or undefined: no status word; a status
 * word whose SW1 is not 6X (other than 60) or 9X (ISO/IEC 7816-3 §10.3.3, ISO/IEC 7816-4 §5.6); more
 * data than the longest response APDU; more data than Ne, the most the command asked for
 * (ISO/IEC 7816-4 §5.1).
 */
export function responseProblem(command: Uint8Array, raw: Uint8Array): Diagnosis | undefined {
  if (raw.length < 2) return dx('apdu.noSw', { n: raw.length });
  if (raw.length > MAX_RESPONSE_BYTES) return dx('apdu.longerThanAny', { n: raw.length });
  const sw1 = raw[raw.length - 2] as number;
  const valid = (sw1 >= 0x61 && sw1 <= 0x6f) || (sw1 >= 0x90 && sw1 <= 0x9f);
  if (!valid) return dx('apdu.notSw', { sw: swHex((sw1 << 8) | (raw[raw.length - 1] as number)) });
  const n = raw.length - 2;
  if (n === 0) return undefined;
  const sw = swHex((sw1 << 8) | (raw[raw.length - 1] as number));
  const data = bytesParam(raw.subarray(0, n), 32);
  // An error status word ends the command without response data (ISO/IEC 7816-4 §5.6: 64xx–6Fxx are
  // execution and checking errors; only the warnings 62xx/63xx may come with data), whatever the command
  // was (the fuzzer found data with 6Cxx to bytes that are not an APDU accepted, then dropped).
  if (sw1 >= 0x64 && sw1 <= 0x6f) return dx('apdu.dataWithError', { n, data, sw });
  let ne: number | undefined;
  try {
    ne = commandLayout(command).ne;
  } catch {
    return undefined; // raw bytes that are not an APDU: nothing to hold the length against
  }
  if (ne === undefined) return dx('apdu.dataWithoutLe', { n, data, sw });
  if (n > ne) return dx('apdu.moreThanLe', { n, ne });
  return undefined;
}

/** The same command with its short Le set to `le` (added when the command had none). */
function withLe(bytes: Uint8Array, le: number): Uint8Array {
  try {
    const c = parseCommand(bytes);
    return encodeCommand({ ...c, ne: le === 0 ? 256 : le });
  } catch {
    return bytes;
  }
}
