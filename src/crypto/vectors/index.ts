/**
 * The known-answer vectors of known-answers.json: values computed outside sscc (OpenSSL's command line,
 * cross-checked with Botan) by scripts/vectors/make-vectors.py, each with its clause and the commands that
 * produced it. Tests read them here; nothing in sscc writes them.
 */
import { readFileSync } from 'node:fs';
import { fromHex } from '../../bytes/hex.ts';

export interface KnownAnswer {
  id: string;
  what: string;
  clause: string;
  /** Which side's tests use it: card-sim, issuer, PSAM, terminal, crypto. */
  usedBy: string[];
  inputs: Record<string, string | null>;
  expected: Record<string, string>;
  provenance: { tools: string; steps: string; commands: string[] };
}

interface Fixture {
  tools: string;
  vectors: KnownAnswer[];
}

let fixture: Fixture | undefined;

export function knownAnswers(): readonly KnownAnswer[] {
  fixture ??= JSON.parse(readFileSync(new URL('./known-answers.json', import.meta.url), 'utf8')) as Fixture;
  return fixture.vectors;
}

/** One vector by id; throws when the fixture has no such vector (a test must not pass on nothing). */
export function knownAnswer(id: string): KnownAnswer {
  const v = knownAnswers().find((x) => x.id === id);
  if (!v) throw new Error(`no known-answer vector "${id}" in src/crypto/vectors/known-answers.json`);
  return v;
}

/** An input or expected value as bytes; throws when absent. */
export function bytesOf(v: KnownAnswer, field: string): Uint8Array {
  const hex = v.inputs[field] ?? v.expected[field];
  if (typeof hex !== 'string') throw new Error(`vector ${v.id} has no field ${field}`);
  return fromHex(hex);
}

/** A string input or expected value; throws when absent. */
export function valueOf(v: KnownAnswer, field: string): string {
  const s = v.inputs[field] ?? v.expected[field];
  if (typeof s !== 'string') throw new Error(`vector ${v.id} has no field ${field}`);
  return s;
}
