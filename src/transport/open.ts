/** Open the channel the profile's target names. */
import { IMAGES } from '../../card-sim/images/index.ts';
import { checkDefects } from '../../card-sim/defects/catalogue.ts';
import type { Target } from '../profile/profile.ts';
import { TransportError } from '../verdict/errors.ts';
import type { CardChannel } from './channel.ts';
import { SimChannel } from './sim.ts';

export interface OpenOptions {
  /** Seed of the simulated card's randomness; a scenario passes its own so that runs repeat. */
  seed?: string;
}

export async function openChannel(target: Target, options: OpenOptions = {}): Promise<CardChannel> {
  if (target.kind === 'sim') {
    const image = IMAGES[target.image];
    if (!image) throw new TransportError(`card-sim has no image "${target.image}"`);
    return new SimChannel(image, { seed: options.seed ?? 'sscc', defects: checkDefects(target.defects ?? []), latencyMs: target.latencyMs ?? 0 });
  }
  throw new TransportError(
    'the PC/SC target is not available in this build of sscc yet; run against the simulator (target.kind: sim)',
  );
}
