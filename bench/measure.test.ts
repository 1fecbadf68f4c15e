/** The bench's measuring functions, checked on simulated readers with a latency (no PC/SC needed). */
import { describe, expect, it } from 'vitest';
import { IMAGES } from '../card-sim/images/index.ts';
import { SimChannel } from '../src/transport/sim.ts';
import { overheadRatio, parallelSpeedup } from './measure.ts';

const SELECT_MF = [Uint8Array.of(0x00, 0xa4, 0x00, 0x00, 0x02, 0x3f, 0x00)];

describe('bench measurements', () => {
  it('readers with latency overlap when driven at once', async () => {
    // A latency well above the card's own CPU time per APDU, so that a loaded machine (CI shares its
    // cores) still shows the overlap: 3 readers at 50 ms give about 2.9 (20 ms gave 1.67 at a load of 14).
    const open = () => Promise.resolve(new SimChannel(IMAGES.reference!, { latencyMs: 50 }));
    const s = await parallelSpeedup([open, open, open], SELECT_MF, 10);
    expect(s.readers).toBe(3);
    expect(s.speedup).toBeGreaterThan(1.8);
  });
  it('the overhead ratio finds a harness path slower than the bare one (4 ms against 1 ms of card latency)', async () => {
    // The harness itself costs about 10 µs per APDU now, under the noise of an in-process card on a
    // loaded machine: latencies set the two paths apart by a known factor instead.
    const slow = new SimChannel(IMAGES.reference!, { latencyMs: 4 });
    const fast = new SimChannel(IMAGES.reference!, { latencyMs: 1 });
    const o = await overheadRatio(slow, (c) => fast.transmit(c), SELECT_MF, { blocks: 3, perBlock: 20 });
    expect(o.harnessUs).toBeGreaterThan(o.bareUs);
    expect(o.ratio).toBeGreaterThan(1.5);
    expect(o.ratio).toBeLessThan(6);
  });
});
