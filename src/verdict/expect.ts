/** Assertions for scenarios. Each failure is a NonConformance whose message says expected vs actual. */
import { describeSw } from '../apdu/sw.ts';
import { swHex } from '../apdu/response.ts';
import { equal, toHex } from '../bytes/hex.ts';
import { NonConformance } from './errors.ts';

export function swText(sw: number): string {
  return `${swHex(sw)} (${describeSw(sw).en})`;
}

export function expectSw(actual: number, ...allowed: number[]): void {
  if (!allowed.includes(actual)) {
    throw new NonConformance(`expected status word ${allowed.map(swText).join(' or ')}, card answered ${swText(actual)}`);
  }
}

/** SW1 equal to `sw1` with any SW2 (61xx, 6Cxx, 63Cx families). */
export function expectSw1(actual: number, sw1: number, what: string): number {
  if (actual >> 8 !== sw1) throw new NonConformance(`expected ${what} (${sw1.toString(16).toUpperCase()}xx), card answered ${swText(actual)}`);
  return actual & 0xff;
}

/** Hex for a message: at most `max` bytes, then how many there were (a hostile card may send 64 KB). */
export function hexPreview(bytes: Uint8Array, max = 64): string {
  if (bytes.length === 0) return '(empty)';
  if (bytes.length <= max) return toHex(bytes, ' ');
  return `${toHex(bytes.subarray(0, max), ' ')} … (${bytes.length} bytes)`;
}

export function expectBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  if (!equal(actual, expected)) {
    throw new NonConformance(`${what}: expected ${hexPreview(expected)}, card gave ${hexPreview(actual)}`);
  }
}

export function expectThat(condition: boolean, message: string): void {
  if (!condition) throw new NonConformance(message);
}

/** A check that returns its problem text (or none): the problem is the card's non-conformance. */
export function expectNoProblem(problem: string | undefined): void {
  if (problem) throw new NonConformance(problem);
}

/** A value an earlier step should have left: its absence is a scenario written wrong (ERROR), not a card fault. */
export function given<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`no ${what} yet: a Given step is missing`);
  return v;
}
