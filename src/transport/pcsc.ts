/**
 * CardChannel over PC/SC: pcsc-lite through the npm package `smartcard` (N-API). The package is an
 * optional dependency: without libpcsclite-dev it is not built, and every PC/SC command says what to
 * install. T=0 procedure bytes are left to CardSession (smartcard's transmit returns them as they are).
 */
import type { CardChannel, Protocol } from '../apdu/channel.ts';
import { CardRemovedError, NonConformance, ReaderBusyError, TransportError } from '../verdict/errors.ts';
import { type Diagnosis, dx } from '../verdict/messages.ts';

type Smartcard = typeof import('smartcard');
type PcscCard = import('smartcard').CardInterface;
type PcscContext = import('smartcard').ContextInterface;
type PcscReader = import('smartcard').ReaderInterface;

export const PCSC_PACKAGES = 'pcscd libpcsclite-dev';
export const VPCD_PACKAGES = 'vsmartcard-vpcd';

let binding: Promise<Smartcard> | undefined;

/** The smartcard binding, or a TransportError naming what to install. */
export function smartcard(): Promise<Smartcard> {
  binding ??= import('smartcard').catch((e: unknown) => {
    binding = undefined;
    throw new TransportError(dx('io.noBinding', { text: (e as Error).message.split('\n')[0] ?? '', packages: PCSC_PACKAGES }));
  });
  return binding;
}

/** The longest response to a short command: 256 data bytes and SW1-SW2. */
export const SHORT_RESPONSE_BYTES = 258;
/** The longest response APDU: 65 536 data bytes and SW1-SW2. */
export const EXTENDED_RESPONSE_BYTES = 65538;

/**
 * The receive buffer for a command (issue 21: a 64 KiB buffer on every APDU cost the harness time):
 * extended only for a command in extended form (ISO/IEC 7816-4 §5.1: B1 = 00 after the header and at
 * least 7 bytes; a 5-byte command is case 2S whatever its Le), otherwise what a short Le can bring.
 */
export function receiveBufferFor(command: Uint8Array): number {
  return command.length >= 7 && command[4] === 0 ? EXTENDED_RESPONSE_BYTES : SHORT_RESPONSE_BYTES;
}

/** A pcsc-lite error as the harness reports it: the service missing gets the command that starts it. */
export function pcscError(e: unknown, what: Diagnosis): TransportError {
  const err = e as Error & { code?: number };
  const text = err?.message ?? String(e);
  if (err?.name === 'CardRemovedError' || /removed|reset/i.test(text)) return new CardRemovedError(dx('io.removed', { what, text }));
  if (err?.name === 'ServiceNotRunningError' || /service not running|not running/i.test(text)) {
    return new TransportError(dx('io.serviceDown', { what, packages: PCSC_PACKAGES }));
  }
  if (err?.name === 'SharingViolationError' || /sharing violation/i.test(text)) return new ReaderBusyError(dx('io.readerBusy', { what }));
  if (err?.name === 'NoReadersError' || /no readers/i.test(text)) return new TransportError(dx('io.noReaders', { what, packages: VPCD_PACKAGES }));
  return new TransportError(dx('io.other', { what, text }));
}

export interface ReaderInfo {
  index: number;
  name: string;
  cardPresent: boolean;
  atr?: string;
}

/** A PC/SC context and the readers it sees (none is an empty list); the caller closes the context. */
async function openContext(): Promise<{ sc: Smartcard; ctx: PcscContext; readers: PcscReader[] }> {
  const sc = await smartcard();
  let ctx: PcscContext;
  try {
    ctx = new sc.Context();
  } catch (e) {
    throw pcscError(e, dx('io.pcsc'));
  }
  try {
    return { sc, ctx, readers: ctx.listReaders() };
  } catch (e) {
    if ((e as Error).name === 'NoReadersError' || /no readers/i.test((e as Error).message)) return { sc, ctx, readers: [] };
    ctx.close();
    throw pcscError(e, dx('io.pcsc'));
  }
}

/** Readers pcscd knows, with card presence and ATR. */
export async function listReaders(): Promise<ReaderInfo[]> {
  const { sc, ctx, readers } = await openContext();
  try {
    return readers.map((r, index) => ({
      index,
      name: r.name,
      cardPresent: (r.state & sc.SCARD_STATE_PRESENT) !== 0,
      ...(r.atr && r.atr.length ? { atr: r.atr.toString('hex').toUpperCase() } : {}),
    }));
  } catch (e) {
    throw pcscError(e, dx('io.pcsc'));
  } finally {
    ctx.close();
  }
}

/** The reader a profile or --reader names: an index, or a name or part of one. */
export function pickReader<T extends { name: string }>(readers: readonly T[], wanted: string | number | undefined): T | undefined {
  if (wanted === undefined || wanted === '') return readers[0];
  if (typeof wanted === 'number' || /^\d+$/.test(wanted)) return readers[Number(wanted)];
  return readers.find((r) => r.name === wanted) ?? readers.find((r) => r.name.includes(wanted));
}

export interface PcscOpenOptions {
  reader?: string | number;
  /** How long to wait for a card in the reader; default 60 s, 10 s in CI. */
  timeoutSeconds?: number;
  /** Told once when the run waits for a card. */
  notify?: (line: string) => void;
  /**
   * true: held for the run (sscc's own runs, through openChannel): released by releaseReaders(), each later open
   * a cold reset on it. Default: a connection of its own, powered down and released at close (another
   * program using this module, such as the example terminal, one process per operation).
   */
  keep?: boolean;
}

/** Readers whose wait for a card already timed out in this run: later scenarios do not wait again. */
const abandoned = new Set<string>();

/**
 * Connections this process holds, by the reader the profile names: opened exclusively (SCARD_SHARE_EXCLUSIVE)
 * at the first scenario and kept until the run releases them, so that no other run or program can send to the
 * card between two scenarios (a reader is never shared). Each scenario starts with a cold reset.
 */
const held = new Map<string, { sc: Smartcard; ctx: PcscContext; card: PcscCard; readerName: string }>();
const heldKey = (reader: string | number | undefined) => String(reader ?? '');

/** Power down and release every reader this process holds (the end of a run). */
export function releaseReaders(): void {
  for (const h of held.values()) {
    try {
      if (h.card.connected) h.card.disconnect(h.sc.SCARD_UNPOWER_CARD);
    } catch {
      // the card may be gone already
    }
    h.ctx.close();
  }
  held.clear();
}

export class PcscChannel implements CardChannel {
  atr: Uint8Array;
  readonly protocol: Protocol;
  readonly description: string;

  private constructor(
    private readonly sc: Smartcard,
    private readonly ctx: PcscContext,
    private readonly card: PcscCard,
    readonly readerName: string,
    /** Held for the run: close() leaves it connected for the next scenario. */
    private readonly kept = false,
  ) {
    this.atr = Uint8Array.from(card.atr ?? []);
    this.protocol = card.protocol === sc.SCARD_PROTOCOL_T0 ? 'T=0' : 'T=1';
    this.description = `PC/SC reader "${readerName}" (${this.protocol})`;
  }

  /** The binding's card of this connection, for the bench's bare transmit loop on the same card (bench/pcsc.ts). */
  get bindingCard(): PcscCard {
    return this.card;
  }

  static async open(o: PcscOpenOptions = {}): Promise<PcscChannel> {
    const key = heldKey(o.reader);
    const h = o.keep === true ? held.get(key) : undefined;
    if (h) {
      try {
        // A cold reset (power down and up, ISO/IEC 7816-3 §6.2.2) on the connection the run holds.
        await h.card.reconnect(h.sc.SCARD_SHARE_EXCLUSIVE, h.sc.SCARD_PROTOCOL_T0 | h.sc.SCARD_PROTOCOL_T1, h.sc.SCARD_UNPOWER_CARD);
        return new PcscChannel(h.sc, h.ctx, h.card, h.readerName, true);
      } catch {
        // The card left (or the reader did): open again below, waiting for the card as the profile says.
        held.delete(key);
        try {
          h.ctx.close();
        } catch {
          // already closed
        }
      }
    }
    const { sc, ctx, readers } = await openContext();
    try {
      const reader = pickReader(readers, o.reader);
      if (!reader) {
        throw new TransportError(
          dx('io.noReaderMatches', {
            reader: o.reader ?? dx('io.firstReader'),
            readers: readers.length ? readers.map((r, i) => `${i} "${r.name}"`).join(', ') : dx('noneWord'),
          }),
        );
      }
      await waitForCard(sc, ctx, reader, o);
      const card = await connectSettled(sc, ctx, reader, o);
      if (o.keep !== true) return new PcscChannel(sc, ctx, card, reader.name);
      held.set(key, { sc, ctx, card, readerName: reader.name });
      return new PcscChannel(sc, ctx, card, reader.name, true);
    } catch (e) {
      ctx.close();
      throw e;
    }
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    let response: Uint8Array;
    const maxRecvLength = receiveBufferFor(command);
    try {
      // The binding copies the command in and the response out (a Buffer of its own): a plain Uint8Array
      // view of it, whose slice() copies, is the response; no copy either way here.
      const bytes = Buffer.from(command.buffer, command.byteOffset, command.byteLength);
      // A short response fits the binding's own default buffer (258 bytes): no options for it to read.
      const buf = await (maxRecvLength === SHORT_RESPONSE_BYTES ? this.card.transmit(bytes) : this.card.transmit(bytes, { maxRecvLength }));
      response = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (e) {
      if (maxRecvLength === SHORT_RESPONSE_BYTES && /insufficient buffer/i.test((e as Error)?.message ?? '')) {
        throw new NonConformance(dx('pcsc.longShortResponse', { reader: this.readerName }));
      }
      throw pcscError(e, dx('io.transmitOn', { reader: this.readerName }));
    }
    // Nothing at all, not even a status word: the reader lost the card (a card's own bad answer has bytes).
    if (response.length === 0) throw new CardRemovedError(dx('io.noResponse', { reader: this.readerName }));
    return response;
  }

  async reset(): Promise<Uint8Array> {
    try {
      await this.card.reconnect(this.sc.SCARD_SHARE_EXCLUSIVE, this.sc.SCARD_PROTOCOL_T0 | this.sc.SCARD_PROTOCOL_T1, this.sc.SCARD_RESET_CARD);
      this.atr = Uint8Array.from(this.card.getStatus().atr);
    } catch (e) {
      throw pcscError(e, dx('io.resetIn', { reader: this.readerName }));
    }
    return this.atr;
  }

  /** Cold reset: the reader powers the card down and up (ISO/IEC 7816-3 §6.2.2). */
  async coldReset(): Promise<Uint8Array> {
    try {
      await this.card.reconnect(this.sc.SCARD_SHARE_EXCLUSIVE, this.sc.SCARD_PROTOCOL_T0 | this.sc.SCARD_PROTOCOL_T1, this.sc.SCARD_UNPOWER_CARD);
      this.atr = Uint8Array.from(this.card.getStatus().atr);
    } catch (e) {
      throw pcscError(e, dx('io.coldResetIn', { reader: this.readerName }));
    }
    return this.atr;
  }

  async close(): Promise<void> {
    if (this.kept) return; // the run holds the reader; the next scenario starts with a cold reset
    try {
      // Power the card down: the next scenario starts from a cold reset (ISO/IEC 7816-3 §6.2.2).
      if (this.card.connected) this.card.disconnect(this.sc.SCARD_UNPOWER_CARD);
    } catch {
      // the card may be gone already
    }
    this.ctx.close();
  }
}

/**
 * Connect to the card in `reader`. pcscd notices a pulled card only at its next presence poll (about
 * 0.4 s with vpcd, spec-notes pcsc.md §4); until then, and while a card comes back, connect answers
 * "Card is unpowered"/"unresponsive"/"removed". Without this wait every scenario that starts in that
 * window would be INCONCLUSIVE, not just the one in flight: wait for the reader's state to change and
 * connect again, within the card wait's timeout.
 */
async function connectSettled(sc: Smartcard, ctx: PcscContext, reader: PcscReader, o: PcscOpenOptions): Promise<PcscCard> {
  const until = Date.now() + (o.timeoutSeconds ?? (process.env.CI ? 10 : 60)) * 1000;
  let state = reader.state;
  for (;;) {
    try {
      return await reader.connect(sc.SCARD_SHARE_EXCLUSIVE, sc.SCARD_PROTOCOL_T0 | sc.SCARD_PROTOCOL_T1);
    } catch (e) {
      const text = (e as Error)?.message ?? String(e);
      if (!/unpowered|unresponsive|removed|no smart ?card/i.test(text) || Date.now() >= until) throw pcscError(e, dx('io.connectTo', { reader: reader.name }));
    }
    let changed: Awaited<ReturnType<PcscContext['waitForChange']>>;
    try {
      changed = await ctx.waitForChange(
        [{ name: reader.name, state, changed: false, atr: null }] as Parameters<PcscContext['waitForChange']>[0],
        Math.max(1, Math.min(1000, until - Date.now())),
      );
    } catch (e) {
      throw pcscError(e, dx('io.waitingIn', { reader: reader.name }));
    }
    const now = changed?.find((x) => x.name === reader.name);
    if (now) state = now.state;
  }
}

async function waitForCard(sc: Smartcard, ctx: PcscContext, reader: PcscReader, o: PcscOpenOptions): Promise<void> {
  const present = (state: number) => (state & sc.SCARD_STATE_PRESENT) !== 0 && (state & sc.SCARD_STATE_MUTE) === 0;
  if (present(reader.state)) {
    abandoned.delete(reader.name);
    return;
  }
  if (abandoned.has(reader.name)) throw new CardRemovedError(dx('io.noCardAbandoned', { reader: reader.name }));
  const seconds = o.timeoutSeconds ?? (process.env.CI ? 10 : 60);
  o.notify?.(`sscc: waiting up to ${seconds} s for a card in "${reader.name}"`);
  const until = Date.now() + seconds * 1000;
  let states = [{ name: reader.name, state: reader.state, changed: false, atr: null }] as Parameters<PcscContext['waitForChange']>[0];
  while (Date.now() < until) {
    let changed: Awaited<ReturnType<PcscContext['waitForChange']>>;
    try {
      changed = await ctx.waitForChange(states, Math.min(1000, until - Date.now()));
    } catch (e) {
      throw pcscError(e, dx('io.waitingIn', { reader: reader.name }));
    }
    const now = changed?.find((s) => s.name === reader.name);
    if (now && present(now.state)) return;
    if (now) states = [{ ...now, changed: false }];
  }
  abandoned.add(reader.name);
  throw new CardRemovedError(dx('io.noCardAfter', { reader: reader.name, seconds }));
}
