/**
 * Seeded randomness and byte mutations for the fuzzer. Iteration i of a run with seed S draws from
 * Rng.forIteration(S, i) alone, so any finding replays from (S, i) without running the others.
 */

/** 32-bit FNV-1a of a string: turns a printed seed into a number. */
export function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** sfc32 (Chris Doty-Humphrey's small fast counter): fast, good enough for test inputs, not for keys. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(seed: number, stream = 0) {
    this.a = seed >>> 0;
    this.b = stream >>> 0;
    this.c = 0x9e3779b9;
    for (let i = 0; i < 12; i++) this.u32();
  }

  static forIteration(seed: string, iteration: number): Rng {
    return new Rng(hashSeed(seed), iteration);
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** 0 ≤ n < max. */
  int(max: number): number {
    return max <= 1 ? 0 : this.u32() % max;
  }

  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff;
    return out;
  }

  /** A length that is usually small and sometimes large: most bugs sit at small sizes and at the edges. */
  length(max: number): number {
    const r = this.int(10);
    if (r < 6) return this.int(Math.min(max, 16) + 1);
    if (r < 9) return this.int(Math.min(max, 300) + 1);
    return this.int(max + 1);
  }
}

/** Byte values at the edges of length and tag fields. */
const INTERESTING = [0x00, 0x01, 0x1f, 0x20, 0x3f, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0xfe, 0xff];

/** One to four random edits of `input`: bit flips, edge values, insertions, deletions, duplications, splices. */
export function mutate(rng: Rng, input: Uint8Array, corpus: readonly Uint8Array[] = []): Uint8Array {
  let b = Array.from(input);
  const edits = 1 + rng.int(4);
  for (let e = 0; e < edits; e++) {
    const at = rng.int(b.length + 1);
    switch (rng.int(9)) {
      case 0:
        if (b.length) b[at % b.length] = (b[at % b.length] as number) ^ (1 << rng.int(8));
        break;
      case 1:
        if (b.length) b[at % b.length] = rng.pick(INTERESTING);
        break;
      case 2:
        if (b.length) b[at % b.length] = rng.int(256);
        break;
      case 3:
        b.splice(at, 0, ...rng.bytes(1 + rng.int(8)));
        break;
      case 4:
        b.splice(at, 1 + rng.int(8));
        break;
      case 5: {
        const n = 1 + rng.int(16);
        b.splice(at, 0, ...b.slice(at, at + n));
        break;
      }
      case 6:
        b = b.slice(0, at);
        break;
      case 7:
        if (corpus.length) b.splice(at, 0, ...rng.pick(corpus).subarray(0, 1 + rng.int(32)));
        break;
      default:
        if (b.length) b[at % b.length] = ((b[at % b.length] as number) + (rng.chance(0.5) ? 1 : -1)) & 0xff;
    }
  }
  return Uint8Array.from(b);
}

/** Text edits for YAML and JSON: lines dropped, doubled or swapped, scalars replaced, characters changed. */
export function mutateText(rng: Rng, text: string, tokens: readonly string[]): string {
  let lines = text.split('\n');
  const edits = 1 + rng.int(3);
  for (let e = 0; e < edits; e++) {
    const i = rng.int(lines.length);
    const line = lines[i] ?? '';
    switch (rng.int(7)) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, line);
        break;
      case 2: {
        const j = rng.int(lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', line];
        break;
      }
      case 3: {
        // Replace the value after a key, or a JSON value after a colon.
        const m = /^(\s*[^:]+:\s*)(.*)$/.exec(line);
        lines[i] = m ? `${m[1]}${rng.pick(tokens)}` : rng.pick(tokens);
        break;
      }
      case 4: {
        const at = rng.int(line.length + 1);
        lines[i] = line.slice(0, at) + rng.pick(tokens) + line.slice(at);
        break;
      }
      case 5: {
        const indent = /^\s*/.exec(line)?.[0] ?? '';
        lines.splice(i, 0, `${indent}${rng.pick(['extra', 'vendr', 'kind', 'image', 'schema', 'pin', '"x"'])}: ${rng.pick(tokens)}`);
        break;
      }
      default: {
        const at = rng.int(line.length + 1);
        lines[i] = line.slice(0, at) + String.fromCharCode(rng.int(0x80)) + line.slice(at + 1);
      }
    }
  }
  if (rng.chance(0.1)) lines = lines.slice(0, rng.int(lines.length + 1));
  return lines.join('\n');
}
