/**
 * The PC/SC figures of the bench (issue 21 item 5), over readers pcscd already serves:
 * - overhead: the harness (CardSession over PcscChannel) against a bare `smartcard` transmit loop
 *   (spec-notes pcsc.md §6: card.transmit(Buffer)) on the SAME connection to the same card, in the same
 *   process: alternating blocks, the median of the per-block ratios (bench/measure.ts overheadRatio).
 *   One connection for both, so that no connect, power-up or pcscd presence poll falls between two blocks.
 * - speedup: N readers driven at once through the harness against one alone (bench/measure.ts).
 * - open: a scenario's start on a held reader (PcscChannel.open with keep: a cold reset), median ms.
 * When the `smartcard` package, pcscd or a card is missing, each figure is null with the reason.
 */
import type { CardChannel } from '../src/apdu/channel.ts';
import { PcscChannel, releaseReaders } from '../src/transport/pcsc.ts';
import { type Overhead, type Speedup, overheadRatio, parallelSpeedup } from './measure.ts';

/** SELECT of the MF (9000, no data): one wire exchange on any ISO/IEC 7816-4 card, also the virtual ones. */
export const PCSC_COMMANDS = [Uint8Array.of(0x00, 0xa4, 0x00, 0x00, 0x02, 0x3f, 0x00)];

export interface PcscFigures {
  overhead: Overhead | null;
  overheadReason?: string;
  speedup: Speedup | null;
  speedupReason?: string;
  /** A scenario's start on the reader the run holds (a cold reset), median of `opens`, in ms. */
  openMs?: number;
}

/** What bench/pcsc-stack.ts prints (scripts/bench-pcsc.sh), each figure or the reason it is missing. */
export type Missing = { reason: string };
export interface PcscStack {
  reason?: string;
  at0ms?: (Overhead & { openMs?: number }) | Missing;
  at2ms?: Overhead | Missing;
  at10ms?: Overhead | Missing;
  readers2ms?: Speedup | Missing;
  suiteReaders2ms?: { readers: number; oneSeconds: number; twoSeconds: number; speedup: number; ok: boolean };
  card10ms?: {
    spanSeconds: number;
    wireSeconds: number;
    apdus: number;
    scenarios: number;
    wallSeconds: number;
    cpuSeconds: number;
    notCardShareOfScenarios: number;
    notCardShareOfProcess: number;
    ok: boolean;
  };
  stateful?: { runs: number; keptSeconds: number; freshSeconds: number; keptCpuSeconds: number; freshCpuSeconds: number; ratio: number; ok: boolean };
  loadAverage1m?: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const why = (e: unknown) => `${e instanceof Error ? e.message : String(e)} (pcscd running, a card in the reader, npm package smartcard installed?)`;

/** The overhead ratio on one reader: harness and bare loop on the one connection the harness opened. */
export async function pcscOverhead(reader: string, o: { blocks: number; perBlock: number }): Promise<Overhead> {
  const channel = await PcscChannel.open({ reader, keep: false, notify: () => {} });
  try {
    const card = channel.bindingCard;
    const bare = async (c: Uint8Array) => new Uint8Array(await card.transmit(Buffer.from(c)));
    return await overheadRatio(channel, bare, PCSC_COMMANDS, o);
  } finally {
    await channel.close();
  }
}

/** Median ms of a scenario's start on a held reader: PcscChannel.open({ keep: true }) (a cold reset) and close. */
export async function pcscOpenMs(reader: string, opens: number): Promise<number> {
  const ms: number[] = [];
  try {
    for (let i = 0; i <= opens; i++) {
      const t0 = performance.now();
      const c = await PcscChannel.open({ reader, keep: true, notify: () => {} });
      await c.close();
      if (i > 0) ms.push(performance.now() - t0); // the first one connects
    }
  } finally {
    releaseReaders();
  }
  return median(ms);
}

export async function pcscFigures(
  readers: readonly string[],
  o: { blocks: number; perBlock: number; perReader: number; opens?: number },
): Promise<PcscFigures> {
  const open = (reader: string) => () => PcscChannel.open({ reader, keep: false, notify: () => {} }) as Promise<CardChannel>;
  const out: PcscFigures = { overhead: null, speedup: null };
  const first = readers[0] as string;
  try {
    out.overhead = await pcscOverhead(first, o);
    if (o.opens) out.openMs = await pcscOpenMs(first, o.opens);
  } catch (e) {
    out.overheadReason = `reader "${first}": ${why(e)}`;
  }
  if (readers.length < 2) {
    out.speedupReason = 'one reader given; pass --pcsc-reader twice or more';
    return out;
  }
  try {
    out.speedup = await parallelSpeedup(readers.map(open), PCSC_COMMANDS, o.perReader);
  } catch (e) {
    out.speedupReason = `readers ${readers.join(', ')}: ${why(e)}`;
  }
  return out;
}
