/** The bench's measuring functions, checked on simulated readers with a latency (no PC/SC needed). */
import { describe, expect, it } from 'vitest';
import { IMAGES } from '../card-sim/images/index.ts';
import { SimChannel } from '../src/transport/sim.ts';
import { overheadRatio, parallelSpeedup } from './measure.ts';

const SELECT_MF = [Uint8Array.of(0x00, 0xa4, 0x00, 0x00, 0x02, 0x3f, 0x00)];

describe('bench measurements', () => {
  it('readers with latency overlap when driven at once', async () => {
    // A latency well above the card's own CPU time per APDU, so that a loaded machine (CI shares its
    // cores) still shows the overlap: 3 readers at 20 ms give about 2.8 whatever the load.
    const open = () => Promise.resolve(new SimChannel(IMAGES.reference!, { latencyMs: 20 }));
    const s = await parallelSpeedup([open, open, open], SELECT_MF, 10);
    expect(s.readers).toBe(3);
    expect(s.speedup).toBeGreaterThan(1.8);
  });
  it('the harness costs more than a bare transmit of the same channel, by a finite ratio', async () => {
    const ch = new SimChannel(IMAGES.reference!);
    const o = await overheadRatio(ch, (c) => ch.transmit(c), SELECT_MF, { blocks: 4, perBlock: 100 });
    expect(Number.isFinite(o.ratio)).toBe(true);
    expect(o.ratio).toBeGreaterThan(1);
  });
});
