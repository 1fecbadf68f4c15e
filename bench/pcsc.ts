/**
 * The PC/SC figures of the bench: pcscOverheadRatio (the harness over the PC/SC CardChannel against a
 * bare `smartcard` transmit loop, same card, same run) and parallelSpeedup over N readers. They plug
 * into bench/measure.ts through CardChannel factories: `openChannel({ kind: 'pcsc', reader })` is the
 * harness path. When src/transport/pcsc.ts, the `smartcard` package, pcscd or a card is missing, each
 * figure is null with the reason.
 */
import { existsSync } from 'node:fs';
import type { CardChannel } from '../src/apdu/channel.ts';
import { PcscChannel } from '../src/transport/pcsc.ts';
import { CardSession } from '../src/apdu/session.ts';
import { type Overhead, type Speedup, type Transmit, parallelSpeedup, timePerApdu } from './measure.ts';

/** SELECT of the MF (9000, no data): one wire exchange on any ISO/IEC 7816-4 card, also the virtual ones. */
export const PCSC_COMMANDS = [Uint8Array.of(0x00, 0xa4, 0x00, 0x00, 0x02, 0x3f, 0x00)];

export interface PcscFigures {
  overhead: Overhead | null;
  overheadReason?: string;
  speedup: Speedup | null;
  speedupReason?: string;
}

/** A bare transmit loop with `smartcard` (spec-notes pcsc.md §6: new Context().listReaders(), reader.connect(), card.transmit()). */
async function openBare(readerName: string): Promise<{ transmit: Transmit; close: () => Promise<void> }> {
  const pkg = 'smartcard';
  const sc = (await import(pkg)) as { Context: new () => { listReaders(): Array<{ name: string; connect(): Promise<unknown> }>; close?(): void } };
  const context = new sc.Context();
  const reader = context.listReaders().find((r) => r.name === readerName);
  if (!reader) throw new Error(`smartcard: no reader "${readerName}"`);
  const card = (await reader.connect()) as { transmit(b: Buffer): Promise<Buffer>; disconnect?(): Promise<void> | void };
  return {
    transmit: async (c) => new Uint8Array(await card.transmit(Buffer.from(c))),
    close: async () => {
      await card.disconnect?.();
      context.close?.();
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

/**
 * overheadRatio (bench/measure.ts) for a reader that one connection holds exclusively (sscc connects
 * with SCARD_SHARE_EXCLUSIVE): the harness and the bare loop take the reader in turn, a block each
 * (the order alternating), connecting outside the timed block; the median of the per-block ratios.
 */
async function alternatingOverhead(
  openHarness: () => Promise<CardChannel>,
  bareOpen: () => ReturnType<typeof openBare>,
  o: { blocks: number; perBlock: number },
): Promise<Overhead> {
  const harnessBlock = async (n: number) => {
    const channel = await openHarness();
    try {
      const session = new CardSession(channel);
      return await timePerApdu((c) => session.send(c, { raw: true }), PCSC_COMMANDS, n);
    } finally {
      await channel.close();
    }
  };
  const bareBlock = async (n: number) => {
    const bare = await bareOpen();
    try {
      return await timePerApdu(bare.transmit, PCSC_COMMANDS, n);
    } finally {
      await bare.close();
    }
  };
  await harnessBlock(Math.min(50, o.perBlock)); // warm-up
  await bareBlock(Math.min(50, o.perBlock));
  const h: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < o.blocks; i++) {
    if (i % 2) {
      b.push(await bareBlock(o.perBlock));
      h.push(await harnessBlock(o.perBlock));
    } else {
      h.push(await harnessBlock(o.perBlock));
      b.push(await bareBlock(o.perBlock));
    }
  }
  return { ratio: median(h.map((x, i) => x / (b[i] as number))), harnessUs: median(h), bareUs: median(b) };
}

export async function pcscFigures(readers: readonly string[], o: { blocks: number; perBlock: number; perReader: number }): Promise<PcscFigures> {
  if (!existsSync(new URL('../src/transport/pcsc.ts', import.meta.url))) {
    const reason = 'no PC/SC transport in this build (src/transport/pcsc.ts is not there yet)';
    return { overhead: null, overheadReason: reason, speedup: null, speedupReason: reason };
  }
  // The harness's PC/SC channel, released at close (a run's openChannel holds it to the end of the run).
  const open = (reader: string) => () => PcscChannel.open({ reader, keep: false, notify: () => {} }) as Promise<CardChannel>;
  const out: PcscFigures = { overhead: null, speedup: null };
  const first = readers[0] as string;
  try {
    out.overhead = await alternatingOverhead(open(first), () => openBare(first), o);
  } catch (e) {
    out.overheadReason = `reader "${first}": ${e instanceof Error ? e.message : String(e)} (pcscd running, a card in the reader, npm package smartcard installed?)`;
  }
  if (readers.length < 2) {
    out.speedupReason = 'one reader given; pass --pcsc-reader twice or more';
    return out;
  }
  try {
    out.speedup = await parallelSpeedup(readers.map(open), PCSC_COMMANDS, o.perReader);
  } catch (e) {
    out.speedupReason = `readers ${readers.join(', ')}: ${e instanceof Error ? e.message : String(e)}`;
  }
  return out;
}
