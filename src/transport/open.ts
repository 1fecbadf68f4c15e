/** Open the channel the profile's target names. */
import { IMAGES } from '../../card-sim/images/index.ts';
import { checkDefects } from '../../card-sim/defects/catalogue.ts';
import type { Target } from '../profile/profile.ts';
import { TransportError } from '../verdict/errors.ts';
import type { CardChannel } from './channel.ts';
import { PcscChannel } from './pcsc.ts';
import { SimChannel } from './sim.ts';

export interface OpenOptions {
  /** Seed of the simulated card's randomness; a scenario passes its own so that runs repeat. */
  seed?: string;
  /** Where a PC/SC wait for a card is announced (default standard error). */
  notify?: (line: string) => void;
}

/**
 * The reader of this process: with a list of readers the run has one cucumber worker per reader
 * (CUCUMBER_WORKER_ID 0, 1 …), so that no two scenarios share a reader; the main process takes the first.
 */
export function readerOfWorker(reader: string | number | Array<string | number> | undefined): string | number | undefined {
  if (!Array.isArray(reader)) return reader;
  const worker = Number(process.env.CUCUMBER_WORKER_ID ?? 0);
  return reader[worker % reader.length];
}

/** How many workers a target asks for: one per listed reader. */
export function workersOf(target: Target): number {
  return target.kind === 'pcsc' && Array.isArray(target.reader) ? target.reader.length : 1;
}

export async function openChannel(target: Target, options: OpenOptions = {}): Promise<CardChannel> {
  if (target.kind === 'sim') {
    const image = IMAGES[target.image];
    if (!image) throw new TransportError(`card-sim has no image "${target.image}"`);
    return new SimChannel(image, { seed: options.seed ?? 'sscc', defects: checkDefects(target.defects ?? []), latencyMs: target.latencyMs ?? 0 });
  }
  const reader = readerOfWorker(target.reader);
  return PcscChannel.open({
    ...(reader !== undefined ? { reader } : {}),
    ...(target.timeoutSeconds !== undefined ? { timeoutSeconds: target.timeoutSeconds } : {}),
    notify: options.notify ?? ((line) => process.stderr.write(line + '\n')),
  });
}
