/**
 * The PC/SC figures of the bench: pcscOverheadRatio (the harness over the PC/SC CardChannel against a
 * bare `smartcard` transmit loop, same card, same run) and parallelSpeedup over N readers. They plug
 * into bench/measure.ts through CardChannel factories: `openChannel({ kind: 'pcsc', reader })` is the
 * harness path. When src/transport/pcsc.ts, the `smartcard` package, pcscd or a card is missing, each
 * figure is null with the reason.
 */
import { existsSync } from 'node:fs';
import type { Target } from '../src/profile/profile.ts';
import type { CardChannel } from '../src/apdu/channel.ts';
import { openChannel } from '../src/transport/open.ts';
import { type Overhead, type Speedup, type Transmit, overheadRatio, parallelSpeedup } from './measure.ts';

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

export async function pcscFigures(readers: readonly string[], o: { blocks: number; perBlock: number; perReader: number }): Promise<PcscFigures> {
  if (!existsSync(new URL('../src/transport/pcsc.ts', import.meta.url))) {
    const reason = 'no PC/SC transport in this build (src/transport/pcsc.ts is not there yet)';
    return { overhead: null, overheadReason: reason, speedup: null, speedupReason: reason };
  }
  const open = (reader: string) => () => openChannel({ kind: 'pcsc', reader } as Target) as Promise<CardChannel>;
  const out: PcscFigures = { overhead: null, speedup: null };
  const first = readers[0] as string;
  let harness: CardChannel | undefined;
  let bare: Awaited<ReturnType<typeof openBare>> | undefined;
  try {
    harness = await open(first)();
    bare = await openBare(first);
    out.overhead = await overheadRatio(harness, bare.transmit, PCSC_COMMANDS, o);
  } catch (e) {
    out.overheadReason = `reader "${first}": ${e instanceof Error ? e.message : String(e)} (pcscd running, a card in the reader, npm package smartcard installed?)`;
  } finally {
    await bare?.close().catch(() => {});
    await harness?.close().catch(() => {});
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
