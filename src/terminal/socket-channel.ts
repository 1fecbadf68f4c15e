/**
 * The terminal program's side of a card slot served on a local socket (src/terminal/slot.ts): a
 * CardChannel an external terminal under test, or the example program, uses to reach the test card.
 */
import { connect, type Socket } from 'node:net';
import { FrameReader, frame } from '../protocol/vpcd.ts';
import { TransportError } from '../verdict/errors.ts';
import { dx } from '../verdict/messages.ts';
import type { CardChannel, Protocol } from '../apdu/channel.ts';

export class SocketChannel implements CardChannel {
  atr: Uint8Array = new Uint8Array(0);
  readonly protocol: Protocol = 'T=0';
  readonly description: string;
  private readonly frames = new FrameReader();
  private waiting: Array<(payload: Uint8Array) => void> = [];

  private constructor(
    private readonly socket: Socket,
    path: string,
  ) {
    this.description = `card slot ${path}`;
    socket.on('data', (chunk) => {
      for (const p of this.frames.push(chunk)) this.waiting.shift()?.(p);
    });
  }

  static async open(path: string): Promise<SocketChannel> {
    const socket = connect(path);
    await new Promise<void>((ok, fail) =>
      socket.once('connect', ok).once('error', (e) => fail(new TransportError(dx('term.socket', { path, text: e.message })))),
    );
    const ch = new SocketChannel(socket, path);
    ch.atr = await ch.exchange(new Uint8Array(0));
    return ch;
  }

  private exchange(payload: Uint8Array): Promise<Uint8Array> {
    return new Promise((ok) => {
      this.waiting.push(ok);
      this.socket.write(frame(payload));
    });
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    return this.exchange(command);
  }

  async reset(): Promise<Uint8Array> {
    return this.atr;
  }

  async close(): Promise<void> {
    this.socket.end();
  }
}
