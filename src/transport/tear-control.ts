/**
 * The tear control of a card behind PC/SC (profile target.tear): `sscc sim serve --tear-port N` answers
 * one JSON request a line on its own TCP port (arm, lastWrites, save, restore, snapshot), beside the
 * APDUs that go through pcscd; a power-up is the reader's own cold reset.
 */
import { type Server, createConnection, createServer, type Socket } from 'node:net';
import type { NvmFile, NvmSnapshot } from '../../card-sim/index.ts';
import type { CardChannel } from '../apdu/channel.ts';
import type { TearDriver } from '../profile/profile.ts';
import type { TearControl } from '../run/tearing.ts';
import { TransportError, Unobservable } from '../verdict/errors.ts';
import { dx } from '../verdict/messages.ts';

export type TearRequest = { op: 'arm'; k: number } | { op: 'lastWrites' } | { op: 'save' } | { op: 'restore'; state: NvmFile } | { op: 'snapshot' };

export type TearReply = { ok: true; value?: unknown } | { ok: false; error: string };

/** A JSON-lines client: one request, one reply, in order. */
class LineClient {
  private buffer = '';
  private readonly waiting: Array<(line: string) => void> = [];
  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    // Idle, the connection does not keep the run's process alive (it is held only while a reply is awaited).
    socket.unref();
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.waiting.shift()?.(line);
        if (!this.waiting.length) this.socket.unref();
      }
    });
  }

  static connect(host: string, port: number): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const s = createConnection({ host, port }, () => resolve(new LineClient(s)));
      s.once('error', (e) => reject(new TransportError(dx('io.tearControl', { host, port, text: e.message }))));
    });
  }

  request(r: TearRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.waiting.push((line) => {
        let reply: TearReply;
        try {
          reply = JSON.parse(line) as TearReply;
        } catch {
          reject(new TransportError(dx('io.tearNotReply', { line: line.slice(0, 80) })));
          return;
        }
        if (reply.ok) resolve(reply.value);
        else reject(new TransportError(dx('io.tearError', { text: String(reply.error) })));
      });
      this.socket.ref();
      this.socket.write(JSON.stringify(r) + '\n');
    });
  }

  close(): void {
    this.socket.end();
  }
}

const clients = new Map<string, Promise<LineClient>>();

export async function remoteTearControl(driver: TearDriver, channel: CardChannel): Promise<TearControl> {
  if (driver.kind === 'command') {
    // A power-cut reader sweeps by time after the command's last byte, and puts the card back by the spec's
    // own means between cuts: not yet here, so the sweep is not judged.
    throw new Unobservable(dx('tear.byTime', { field: 'target.tear', kind: 'kind: command', sim: 'card-sim, in process or sim serve' }));
  }
  const at = `${driver.host ?? '127.0.0.1'}:${driver.port}`;
  let c = clients.get(at);
  if (!c) {
    c = LineClient.connect(driver.host ?? '127.0.0.1', driver.port);
    clients.set(at, c);
    c.catch(() => clients.delete(at));
  }
  const client = await c;
  // After a cut the card is out of the reader for a while (card-sim/vpcd.ts TEAR_REINSERT_MS): the power-up
  // waits for pcscd to see it go and come back, or its first reset meets the card that is going.
  let cut = false;
  return {
    arm: async (k) => void (await client.request({ op: 'arm', k })),
    lastWrites: async () => {
      const w = (await client.request({ op: 'lastWrites' })) as { writes: number; torn: boolean };
      cut ||= w.torn;
      return w;
    },
    save: async () => (await client.request({ op: 'save' })) as NvmFile,
    restore: async (state) => void (await client.request({ op: 'restore', state })),
    snapshot: async () => new Map(Object.entries((await client.request({ op: 'snapshot' })) as Record<string, string>)) as NvmSnapshot,
    powerUp: async () => {
      if (cut) await new Promise((r) => setTimeout(r, AWAY_MS));
      cut = false;
      await powerUpAfterCut(channel);
    },
  };
}

/** How long a card cut off stays away from the reader as pcscd sees it: sim serve's 0.6 s out, and a 0.4 s poll. */
const AWAY_MS = 1000;

/** How long a power-up waits for the card to be back in the reader after a cut (sim serve pulls it for 0.6 s). */
const BACK_WITHIN_MS = 10_000;

/**
 * GET RESPONSE with nothing pending (ISO/IEC 7816-4 §7.6.1): any card answers it with a status word and
 * nothing changes; after a power-up it shows that the reader reaches the card that came back.
 */
const REACH_PROBE = Uint8Array.of(0x00, 0xc0, 0x00, 0x00, 0x00);

/**
 * Cold reset; a card the cut took out of the reader (vpcd: pulled, card-sim/vpcd.ts) is waited for. A reset
 * can land before pcscd has seen the card go (a loaded machine polls late): the card then goes and comes
 * back after it, and the next exchange meets a reader that is powering it up ("Protocol mismatch").
 * So the power-up ends when an exchange gets through; a card that answers no exchange within the wait is
 * left to the sweep, which judges it ("does not answer").
 */
async function powerUpAfterCut(channel: CardChannel): Promise<void> {
  const until = Date.now() + BACK_WITHIN_MS;
  for (;;) {
    let reset = false;
    try {
      await channel.reset();
      reset = true;
      await channel.transmit(REACH_PROBE);
      return;
    } catch (e) {
      if (!(e instanceof TransportError)) throw e;
      if (Date.now() > until) {
        if (reset) return;
        throw e;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

/** The server side, for `sim serve`: one request of the JSON-lines protocol against a card. */
export function answerTearRequest(
  card: { tearAfter(k: number): void; lastWrites(): unknown; saveNvm(): NvmFile; loadNvm(f: NvmFile): void; nvm(): NvmSnapshot },
  line: string,
): string {
  let reply: TearReply;
  try {
    const r = JSON.parse(line) as TearRequest;
    if (r.op === 'arm') {
      card.tearAfter(r.k);
      reply = { ok: true };
    } else if (r.op === 'lastWrites') reply = { ok: true, value: card.lastWrites() };
    else if (r.op === 'save') reply = { ok: true, value: card.saveNvm() };
    else if (r.op === 'restore') {
      card.loadNvm(r.state);
      reply = { ok: true };
    } else if (r.op === 'snapshot') reply = { ok: true, value: Object.fromEntries(card.nvm()) };
    else reply = { ok: false, error: `unknown op ${(r as { op?: unknown }).op}` };
  } catch (e) {
    reply = { ok: false, error: (e as Error).message };
  }
  return JSON.stringify(reply) + '\n';
}

type Tearable = Parameters<typeof answerTearRequest>[0];

/** `sim serve --tear-port N`: the control channel on its own TCP port (loopback unless `host` says otherwise). */
export function serveTearControl(card: () => Tearable, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        socket.write(answerTearRequest(card(), line));
      }
    });
    socket.on('error', () => socket.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
