/**
 * Serve a card-sim card to pcscd's virtual reader (vsmartcard vpcd, docs/design.md "The real PC/SC path
 * without hardware"). The card is a TCP client of vpcd (port 35963 + slot). Each message either way is a
 * 2-byte big-endian length and a payload; a one-byte payload from the reader is a control: 00 power off,
 * 01 power on, 02 reset (no reply to these three), 04 get ATR (reply: the ATR). Any longer payload is a
 * command APDU, answered by the response APDU. pcscd polls with 04 about every 0.4 s.
 */
import { type Socket, connect } from 'node:net';
import type { SimCard } from './cos/card.ts';
import { FrameReader, VPCD_CONTROL, VPCD_PORT, frame } from '../src/protocol/vpcd.ts';

export { FrameReader, VPCD_CONTROL, VPCD_PORT, frame } from '../src/protocol/vpcd.ts';

/** What the card answers to one vpcd payload; undefined for controls that take no reply. */
export function answer(card: SimCard, payload: Uint8Array, state: { powered: boolean }, renew?: () => SimCard): Uint8Array | undefined {
  if (payload.length === 1) {
    switch (payload[0]) {
      case VPCD_CONTROL.POWER_OFF:
        state.powered = false;
        return undefined;
      case VPCD_CONTROL.POWER_ON:
        (renew?.() ?? card).reset();
        state.powered = true;
        return undefined;
      case VPCD_CONTROL.RESET:
        card.reset('warm');
        state.powered = true;
        return undefined;
      case VPCD_CONTROL.GET_ATR:
        return card.atr;
      default:
        return undefined;
    }
  }
  return card.transmit(payload);
}

/** After a power cut, how long the card stays out of the virtual reader (long enough for pcscd's 0.4 s poll to see it gone). */
export const TEAR_REINSERT_MS = 600;

export interface ServeOptions {
  host?: string;
  port?: number;
  /** Reconnect after this many ms when vpcd is not there or drops the connection (pcscd restarted). */
  retryMs?: number;
  log?: (line: string) => void;
  /**
   * A new card from the image at every power-on (a warm reset keeps the state), as the in-process
   * simulator gives every scenario: the PC/SC channel powers the card down when a scenario ends. For
   * running the simulator suite through PC/SC; a real card keeps its state.
   */
  freshOnReset?: () => SimCard;
  /** Delay of every APDU's answer in milliseconds (a slow card). */
  latencyMs?: number;
  /** Pull the card out (for 1.5 s) instead of answering the APDU with this number: a removal mid-command. */
  pullAt?: number;
}

/** A card in the virtual reader: connects, answers, reconnects; `remove()` closes the socket (card pulled). */
export class VirtualCard {
  private socket: Socket | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly state = { powered: false };
  /** Set by removeAtNextApdu: the reinsertion delay, once the next command APDU arrives. */
  private pullAtApdu: number | undefined;
  apdus = 0;
  connected = false;

  constructor(
    public card: SimCard,
    private readonly o: ServeOptions = {},
  ) {}

  get port(): number {
    return this.o.port ?? VPCD_PORT;
  }

  start(): this {
    this.stopped = false;
    this.open();
    return this;
  }

  private log(line: string): void {
    this.o.log?.(line);
  }

  private open(): void {
    const host = this.o.host ?? '127.0.0.1';
    const socket = connect({ host, port: this.port });
    this.socket = socket;
    socket.setNoDelay(true);
    const frames = new FrameReader();
    socket.on('connect', () => {
      this.connected = true;
      this.log(`connected to vpcd at ${host}:${this.port}: card "${this.card.image.name}" inserted`);
    });
    socket.on('data', (chunk) => {
      for (const payload of frames.push(chunk)) {
        if (payload.length > 1 && this.pullAtApdu !== undefined) {
          // Pulled while the command is on its way: no answer, the exchange in flight breaks.
          const reinsertMs = this.pullAtApdu;
          this.pullAtApdu = undefined;
          this.log('card pulled during a command APDU');
          this.remove(reinsertMs);
          return;
        }
        if (payload.length > 1) this.apdus++;
        if (payload.length > 1 && this.apdus === this.o.pullAt) {
          this.log(`APDU ${this.apdus}: card pulled out for 1.5 s instead of answering`);
          this.remove(1500);
          return;
        }
        const fresh = this.o.freshOnReset;
        const reply = answer(this.card, payload, this.state, fresh ? () => (this.card = fresh()) : undefined);
        if (!reply) continue;
        if (payload.length > 1 && reply.length === 0) {
          // The card lost power mid-command (a tear, features/tearing): no answer; the reader sees it gone,
          // then a card inserted again (pcscd polls every 0.4 s), which the run powers up (a cold reset).
          this.log(`APDU ${this.apdus}: power cut mid-command, card back in ${TEAR_REINSERT_MS} ms`);
          this.remove(TEAR_REINSERT_MS);
          return;
        }
        const delay = payload.length > 1 ? (this.o.latencyMs ?? 0) : 0;
        if (delay > 0) setTimeout(() => socket.writable && socket.write(frame(reply)), delay);
        else socket.write(frame(reply));
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ECONNREFUSED') this.log(`vpcd connection: ${e.message}`);
    });
    socket.on('close', () => {
      if (this.connected) this.log(`disconnected from vpcd at ${host}:${this.port}`);
      this.connected = false;
      if (this.socket === socket) this.socket = undefined;
      if (!this.stopped) this.timer = setTimeout(() => this.open(), this.o.retryMs ?? 500);
    });
  }

  /** Pull the card: close the connection now, and come back after `reinsertMs` (never when undefined). */
  remove(reinsertMs?: number): void {
    this.stopped = reinsertMs === undefined;
    this.socket?.destroy();
    if (reinsertMs !== undefined) {
      clearTimeout(this.timer);
      this.stopped = true;
      this.timer = setTimeout(() => {
        this.stopped = false;
        this.open();
      }, reinsertMs);
    }
  }

  /**
   * Pull the card when the next command APDU arrives (not a presence poll or reset), so that the
   * exchange of a running scenario breaks; back after `reinsertMs`.
   */
  removeAtNextApdu(reinsertMs: number): void {
    this.pullAtApdu = reinsertMs;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.destroy();
  }
}
