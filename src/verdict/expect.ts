/** Assertions for scenarios. Each failure is a NonConformance whose message says expected vs actual. */
import { describeSw } from '../apdu/sw.ts';
import { swHex } from '../apdu/response.ts';
import { equal, toHex } from '../bytes/hex.ts';
import { NonConformance } from './errors.ts';
import { type Bilingual, type Diagnosis, bytes, dx, sw, sws } from './messages.ts';

export function swText(sw: number): string {
  return `${swHex(sw)} (${describeSw(sw).en})`;
}

export function expectSw(actual: number, ...allowed: number[]): void {
  if (!allowed.includes(actual)) {
    throw new NonConformance(dx('sw.expected', { expected: sws(allowed), actual: sw(actual) }));
  }
}

/** SW1 equal to `sw1` with any SW2 (61xx, 6Cxx, 63Cx families). */
export function expectSw1(actual: number, sw1: number, what: string | Bilingual): number {
  if (actual >> 8 !== sw1) throw new NonConformance(dx('sw1.expected', { what, sw1: sw1.toString(16).toUpperCase(), actual: sw(actual) }));
  return actual & 0xff;
}

/** Hex for a message: at most `max` bytes, then how many there were (a hostile card may send 64 KB). */
export function hexPreview(bytes: Uint8Array, max = 64): string {
  if (bytes.length === 0) return '(empty)';
  if (bytes.length <= max) return toHex(bytes, ' ');
  return `${toHex(bytes.subarray(0, max), ' ')} … (${bytes.length} bytes)`;
}

export function expectBytes(actual: Uint8Array, expected: Uint8Array, what: string | Bilingual | Diagnosis): void {
  if (!equal(actual, expected)) {
    throw new NonConformance(dx('bytes.expected', { what, expected: bytes(expected), actual: bytes(actual) }));
  }
}

/** The condition holds, or the card fails with the message (a Diagnosis, or English text not yet in messages.ts). */
export function expectThat(condition: boolean, message: string | Diagnosis): void {
  if (!condition) throw new NonConformance(message);
}

/** A check that returns its problem (or none): the problem is the card's non-conformance. */
export function expectNoProblem(problem: string | Diagnosis | undefined): void {
  if (problem) throw new NonConformance(problem);
}

/** A value an earlier step should have left: its absence is a scenario written wrong (ERROR), not a card fault. */
export function given<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`no ${what} yet: a Given step is missing`);
  return v;
}
