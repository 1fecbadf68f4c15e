/**
 * Measurements the bench is made of, over any CardChannel, so that the simulator and PC/SC readers
 * go through the same code. Ratios are measured in interleaved blocks in one run (the machines are
 * noisy): the median of the per-block ratios.
 */
import type { CardChannel } from '../src/apdu/channel.ts';
import { CardSession } from '../src/apdu/session.ts';

export type Transmit = (command: Uint8Array) => Promise<Uint8Array>;

/** Per-APDU time in µs of `n` calls of `send`, the commands in turn. */
export async function timePerApdu(send: (command: Uint8Array) => Promise<unknown>, commands: readonly Uint8Array[], n: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await send(commands[i % commands.length] as Uint8Array);
  return Number(process.hrtime.bigint() - t0) / 1000 / n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export interface Overhead {
  /** Harness per-APDU time / bare per-APDU time. */
  ratio: number;
  harnessUs: number;
  bareUs: number;
  /** Each block's per-APDU µs, harness and bare, in the order run (to look at the spread behind the ratio). */
  blocks?: { harness: number[]; bare: number[] };
}

/**
 * The harness's per-APDU cost (CardSession: T=0 layer, APDU trace, over the channel) against a bare
 * transmit loop on the same card. Commands must not answer 61xx/6Cxx, so that both paths make one
 * wire exchange per command.
 */
export async function overheadRatio(
  harness: CardChannel,
  bare: Transmit,
  commands: readonly Uint8Array[],
  o: { blocks: number; perBlock: number },
): Promise<Overhead> {
  const session = new CardSession(harness);
  const send = (c: Uint8Array) => session.send(c, { raw: true });
  await timePerApdu(send, commands, Math.min(50, o.perBlock)); // warm-up
  await timePerApdu(bare, commands, Math.min(50, o.perBlock));
  const h: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < o.blocks; i++) {
    // Alternate the order so that drift does not favour one side.
    if (i % 2) {
      b.push(await timePerApdu(bare, commands, o.perBlock));
      h.push(await timePerApdu(send, commands, o.perBlock));
    } else {
      h.push(await timePerApdu(send, commands, o.perBlock));
      b.push(await timePerApdu(bare, commands, o.perBlock));
    }
    session.trace.entries.length = 0; // a lab run attaches and drops them per step
  }
  const round = (xs: number[]) => xs.map((x) => Math.round(x * 10) / 10);
  return { ratio: median(h.map((x, i) => x / (b[i] as number))), harnessUs: median(h), bareUs: median(b), blocks: { harness: round(h), bare: round(b) } };
}

export interface Speedup {
  readers: number;
  speedup: number;
  /** APDUs per second on one reader, and on all readers together. */
  single: number;
  all: number;
}

/**
 * N readers driven at once against one driven alone: N · T1 / TN for the same number of APDUs per
 * reader. 1.0 means the readers serialise; N means they overlap perfectly.
 */
export async function parallelSpeedup(open: ReadonlyArray<() => Promise<CardChannel>>, commands: readonly Uint8Array[], perReader: number): Promise<Speedup> {
  const channels = await Promise.all(open.map((f) => f()));
  try {
    const sessions = channels.map((c) => new CardSession(c));
    const loop = (s: CardSession) => timePerApdu((c) => s.send(c, { raw: true }), commands, perReader);
    await loop(sessions[0] as CardSession);
    const t1 = (await loop(sessions[0] as CardSession)) * perReader;
    const t0 = process.hrtime.bigint();
    await Promise.all(sessions.map(loop));
    const tn = Number(process.hrtime.bigint() - t0) / 1000;
    return { readers: channels.length, speedup: (channels.length * t1) / tn, single: (perReader / t1) * 1e6, all: ((channels.length * perReader) / tn) * 1e6 };
  } finally {
    await Promise.all(channels.map((c) => c.close()));
  }
}
