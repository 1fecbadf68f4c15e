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

export async function openChannel(target: Target, options: OpenOptions = {}): Promise<CardChannel> {
  if (target.kind === 'sim') {
    const image = IMAGES[target.image];
    if (!image) throw new TransportError(`card-sim has no image "${target.image}"`);
    return new SimChannel(image, { seed: options.seed ?? 'sscc', defects: checkDefects(target.defects ?? []), latencyMs: target.latencyMs ?? 0 });
  }
  return PcscChannel.open({
    ...(target.reader !== undefined ? { reader: target.reader } : {}),
    ...(target.timeoutSeconds !== undefined ? { timeoutSeconds: target.timeoutSeconds } : {}),
    notify: options.notify ?? ((line) => process.stderr.write(line + '\n')),
  });
}
