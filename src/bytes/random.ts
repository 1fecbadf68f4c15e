/**
 * The one seeded random generator of sscc: SHA-256 over `seed:counter`, one 32-byte block per counter
 * value, so that the same seed gives the same sequence on every run and machine. For simulation and
 * sampling only (card-sim's challenges and dynamic numbers, the reference terminal's random selection),
 * never a key source. fast-check keeps its own generator in src/fuzz.
 */
import { createHash } from 'node:crypto';

export class SeededRandom {
  private counter = 0;
  constructor(private readonly seed: string) {}

  /** Where the generator is: a saved card state keeps it, so that a card put back runs again the same (the tearing sweeps). */
  get position(): number {
    return this.counter;
  }
  seek(position: number): void {
    if (Number.isInteger(position) && position >= 0) this.counter = position;
  }

  /** The next `n` bytes, each started 32-byte block one counter value. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let at = 0; at < n; at += 32) {
      const block = createHash('sha256')
        .update(`${this.seed}:${this.counter++}`)
        .digest();
      out.set(block.subarray(0, Math.min(32, n - at)), at);
    }
    return out;
  }

  /** 0 ≤ x < 1, from the next block's first four bytes. */
  fraction(): number {
    return Buffer.from(this.bytes(4)).readUInt32BE(0) / 2 ** 32;
  }
}

/** A seeded source of percentages, 0 ≤ n < 100 (EMV Book 3 §10.6.2 random transaction selection). */
export function seededPercent(seed: string): () => number {
  const random = new SeededRandom(seed);
  return () => random.fraction() * 100;
}
