/**
 * The card side of a terminal test (docs/design.md "Key interfaces"): sscc plays the card. A slot holds a
 * card-sim test card and records every command the terminal sends it, with the card's answer, in
 * order: the card-side trace the verdicts read. For an external terminal program the slot is also
 * reachable through a local socket (2-byte big-endian length ‖ APDU, answered the same way; an empty
 * frame asks the ATR), the same framing as the vpcd virtual reader.
 */
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { SimCard } from '../../card-sim/index.ts';
import { FrameReader, frame } from '../protocol/vpcd.ts';
import { SimChannel } from '../transport/sim.ts';
import { TransportError } from '../verdict/errors.ts';
import { dx } from '../verdict/messages.ts';
import type { CommandApdu } from '../apdu/command.ts';
import type { ResponseApdu } from '../apdu/response.ts';
import { fromHex, toHex } from '../bytes/hex.ts';
import { parseCommand } from '../apdu/command.ts';
import { commandName, psamCommandName } from '../apdu/names.ts';
import { type TraceEntry, type TraceParty, hex } from '../trace/trace.ts';
import type { CardChannel } from '../apdu/channel.ts';
import { CardSession } from '../apdu/session.ts';

export interface CardSideEntry {
  /** Command APDU as the card received it, hex. */
  command: string;
  /** Response APDU as the card answered, hex. */
  response: string;
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Order across every slot of the process (card and PSAM), so that the two traces interleave. */
  seq: number;
  /** Microseconds the card took to answer, when the slot timed it (not on the vpcd path). */
  us?: number;
}

/**
 * Card-side exchanges as APDU-trace entries (src/trace/trace.ts), each named and with its status word:
 * the report shows them under the step that made the terminal send them (issue 20 item 4).
 */
export function cardSideTraceEntries(log: readonly CardSideEntry[], nameOf: typeof commandName = commandName): TraceEntry[] {
  return log.map((e) => {
    const command = fromHex(e.command);
    const response = fromHex(e.response);
    let name = 'unparsable command';
    try {
      name = nameOf(parseCommand(command));
    } catch {
      /* the terminal sent bytes that are not an APDU: shown as they are */
    }
    const us = e.us ?? 0;
    return {
      command: hex(command),
      response: hex(response),
      name,
      sw: response.length >= 2 ? toHex(response.subarray(response.length - 2)) : '',
      atUs: 0,
      us,
      wire: [{ command: hex(command), response: hex(response), us }],
    };
  });
}

/**
 * The card's and the PSAM's exchanges of one step as one trace, in the order the terminal sent them
 * (their sequence numbers), the PSAM's marked party PSAM.
 */
export function sideBySideTraceEntries(card: readonly CardSideEntry[], psam: readonly CardSideEntry[]): TraceEntry[] {
  const tagged: Array<{ e: CardSideEntry; party?: TraceParty }> = [...card.map((e) => ({ e })), ...psam.map((e) => ({ e, party: 'PSAM' as const }))];
  tagged.sort((a, b) => a.e.seq - b.e.seq);
  return tagged.map(({ e, party }) => {
    const [entry] = cardSideTraceEntries([e], party ? psamCommandName : commandName) as [TraceEntry];
    return party ? { ...entry, party } : entry;
  });
}

let sequence = 0;

/** A CardChannel that records what crosses it. */
export class RecordingChannel implements CardChannel {
  readonly log: CardSideEntry[] = [];
  constructor(private readonly inner: CardChannel) {}
  get atr(): Uint8Array {
    return this.inner.atr;
  }
  get protocol() {
    return this.inner.protocol;
  }
  get description(): string {
    return this.inner.description;
  }
  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const start = process.hrtime.bigint();
    const response = await this.inner.transmit(command);
    this.record(command, response, Number((process.hrtime.bigint() - start) / 1000n));
    return response;
  }

  /** Log an exchange that reached the card another way (the vpcd virtual reader). */
  record(command: Uint8Array, response: Uint8Array, us?: number): void {
    this.log.push({
      ...(us !== undefined ? { us } : {}),
      command: toHex(command),
      response: toHex(response),
      cla: command[0] ?? 0,
      ins: command[1] ?? 0,
      p1: command[2] ?? 0,
      p2: command[3] ?? 0,
      seq: ++sequence,
    });
  }

  /** The simulated card behind the channel, when it is one. */
  get simCard(): SimCard | undefined {
    return this.inner instanceof SimChannel ? this.inner.card : undefined;
  }
  reset(): Promise<Uint8Array> {
    return this.inner.reset();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

export class CardSlot {
  readonly channel: RecordingChannel;
  readonly session: CardSession;

  constructor(
    readonly name: string,
    card: CardChannel,
  ) {
    this.channel = new RecordingChannel(card);
    this.session = new CardSession(this.channel);
  }

  send(cmd: CommandApdu | Uint8Array): Promise<ResponseApdu> {
    return this.session.send(cmd);
  }

  get trace(): readonly CardSideEntry[] {
    return this.channel.log;
  }

  /**
   * The slot's card as a vpcd virtual reader serves it (docs/design.md "The real PC/SC path"): every APDU
   * the reader brings is recorded in the trace as on the other paths.
   */
  vpcdCard(): SimCard {
    const sim = this.channel.simCard;
    if (!sim) throw new TransportError(dx('term.noSimToServe', { slot: this.name }));
    const channel = this.channel;
    return {
      image: sim.image,
      get atr() {
        return sim.atr;
      },
      protocol: sim.protocol,
      defects: sim.defects,
      rules: sim.rules,
      transmit: (command) => {
        const response = sim.transmit(command);
        channel.record(command, response);
        return response;
      },
      reset: (kind) => sim.reset(kind),
      nvm: () => sim.nvm(),
      saveNvm: () => sim.saveNvm(),
      loadNvm: (file) => sim.loadNvm(file),
      tearAfter: (k) => sim.tearAfter(k),
      lastWrites: () => sim.lastWrites(),
    };
  }

  /** Serve the slot on a local socket for an external terminal program; resolves to its path. */
  async serve(): Promise<{ path: string; close(): Promise<void> }> {
    const path = join(tmpdir(), `sscc-${this.name}-${process.pid}-${Math.random().toString(36).slice(2)}.sock`);
    const server: Server = createServer((socket) => {
      const frames = new FrameReader();
      let chain = Promise.resolve();
      socket.on('data', (chunk) => {
        for (const payload of frames.push(chunk)) {
          chain = chain.then(async () => {
            const reply = payload.length === 0 ? this.channel.atr : await this.channel.transmit(payload).catch(() => new Uint8Array(0));
            if (socket.writable) socket.write(frame(reply));
          });
        }
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((ok, fail) => server.once('error', fail).listen(path, ok));
    return {
      path,
      close: () =>
        new Promise<void>((ok) => {
          server.close(() => ok());
          rmSync(path, { force: true });
        }),
    };
  }
}
