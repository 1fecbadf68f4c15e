import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { derived } from './derived.ts';

const DIR = fileURLToPath(new URL('../../build/cache/', import.meta.url));
const name = `test-${process.pid}`;

describe('derived values (build/cache)', () => {
  afterAll(() => rmSync(join(DIR, name), { recursive: true, force: true }));

  it('derives once per input and version, again for a changed one, and survives a corrupt or missing entry', () => {
    let made = 0;
    const make = (v: string) => () => {
      made++;
      return { v, list: [1, 2] };
    };
    expect(derived(name, '1', ['a'], make('a'))).toEqual({ v: 'a', list: [1, 2] });
    expect(derived(name, '1', ['a'], make('x'))).toEqual({ v: 'a', list: [1, 2] });
    expect(made).toBe(1);
    // Another input, another version, inputs split differently: each its own key.
    expect(derived(name, '1', ['b'], make('b')).v).toBe('b');
    expect(derived(name, '2', ['a'], make('a2')).v).toBe('a2');
    expect(derived(name, '1', ['a', ''], make('a,')).v).toBe('a,');
    expect(made).toBe(4);
    for (const f of readdirSync(join(DIR, name))) writeFileSync(join(DIR, name, f), '{"val');
    expect(derived(name, '1', ['a'], make('fresh')).v).toBe('fresh');
    rmSync(join(DIR, name), { recursive: true, force: true });
    expect(derived(name, '1', ['a'], make('again')).v).toBe('again');
    expect(made).toBe(6);
  });

  it('keeps no error: a failing derivation fails again, and SSCC_CACHE=0 always derives', () => {
    const boom = () => {
      throw new Error('bad feature');
    };
    expect(() => derived(name, '1', ['err'], boom)).toThrow('bad feature');
    expect(() => derived(name, '1', ['err'], boom)).toThrow('bad feature');
    let made = 0;
    process.env.SSCC_CACHE = '0';
    try {
      derived(name, '1', ['c'], () => ++made);
      derived(name, '1', ['c'], () => ++made);
    } finally {
      delete process.env.SSCC_CACHE;
    }
    expect(made).toBe(2);
  });
});
