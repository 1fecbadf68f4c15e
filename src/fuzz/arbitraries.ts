/**
 * fast-check arbitraries for the fuzzer (issue 18): byte and text mutations of a corpus, expressed as
 * lists of edits that fast-check draws and shrinks (a finding is reported with the fewest, smallest
 * edits that still break the oracle), and the edge values of length and tag fields.
 */
import fc from 'fast-check';

/** Byte values at the edges of length and tag fields. */
export const INTERESTING = [0x00, 0x01, 0x1f, 0x20, 0x3f, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0xfe, 0xff];

export const byte = fc.integer({ min: 0, max: 255 });

/** A position; taken modulo the length of what it edits, so that it shrinks towards the start. */
const at = fc.nat({ max: 0xffff });

export type ByteEdit =
  | { k: 'flip'; at: number; bit: number }
  | { k: 'set'; at: number; value: number }
  | { k: 'step'; at: number; up: boolean }
  | { k: 'insert'; at: number; bytes: Uint8Array }
  | { k: 'delete'; at: number; n: number }
  | { k: 'repeat'; at: number; n: number }
  | { k: 'cut'; at: number }
  | { k: 'splice'; at: number; from: number; n: number };

export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ k: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ k: fc.constant('set' as const), at, value: fc.oneof(fc.constantFrom(...INTERESTING), byte) }),
  fc.record({ k: fc.constant('step' as const), at, up: fc.boolean() }),
  fc.record({ k: fc.constant('insert' as const), at, bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ k: fc.constant('delete' as const), at, n: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ k: fc.constant('repeat' as const), at, n: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ k: fc.constant('cut' as const), at }),
  fc.record({ k: fc.constant('splice' as const), at, from: fc.nat(), n: fc.integer({ min: 1, max: 32 }) }),
);

/** Apply edits in turn; `corpus` feeds the splices (pieces of other inputs). */
export function applyByteEdits(input: Uint8Array, edits: readonly ByteEdit[], corpus: readonly Uint8Array[] = []): Uint8Array {
  let b = Array.from(input);
  for (const e of edits) {
    const p = e.at % (b.length + 1);
    const q = b.length ? e.at % b.length : 0;
    switch (e.k) {
      case 'flip':
        if (b.length) b[q] = (b[q] as number) ^ (1 << e.bit);
        break;
      case 'set':
        if (b.length) b[q] = e.value;
        break;
      case 'step':
        if (b.length) b[q] = ((b[q] as number) + (e.up ? 1 : -1)) & 0xff;
        break;
      case 'insert':
        b.splice(p, 0, ...e.bytes);
        break;
      case 'delete':
        b.splice(p, e.n);
        break;
      case 'repeat':
        b.splice(p, 0, ...b.slice(p, p + e.n));
        break;
      case 'cut':
        b = b.slice(0, p);
        break;
      case 'splice':
        if (corpus.length) b.splice(p, 0, ...(corpus[e.from % corpus.length] as Uint8Array).subarray(0, e.n));
        break;
    }
  }
  return Uint8Array.from(b);
}

/** One to four edits of an input from the corpus. */
export function mutated(corpus: readonly Uint8Array[], splices: readonly Uint8Array[] = corpus): fc.Arbitrary<Uint8Array> {
  return fc.tuple(fc.constantFrom(...corpus), fc.array(byteEdit, { minLength: 1, maxLength: 4 })).map(([base, edits]) => applyByteEdits(base, edits, splices));
}

/** Bytes as a parser meets them: random, from the corpus, or a corpus entry mutated. */
export function bytesFrom(corpus: readonly Uint8Array[], maxLength = 600): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength }) },
    { weight: 1, arbitrary: fc.constantFrom(...corpus) },
    { weight: 2, arbitrary: mutated(corpus) },
  );
}

export type TextEdit =
  | { k: 'drop'; line: number }
  | { k: 'double'; line: number }
  | { k: 'swap'; line: number; other: number }
  | { k: 'value'; line: number; token: number }
  | { k: 'insert'; line: number; at: number; token: number }
  | { k: 'key'; line: number; key: number; token: number }
  | { k: 'char'; line: number; at: number; code: number }
  | { k: 'cut'; line: number };

const EXTRA_KEYS = ['extra', 'vendr', 'kind', 'image', 'schema', 'pin', '"x"', '__proto__', 'constructor'];

export function textEdit(): fc.Arbitrary<TextEdit> {
  const line = fc.nat({ max: 4096 });
  const token = fc.nat({ max: 1024 });
  return fc.oneof(
    fc.record({ k: fc.constant('drop' as const), line }),
    fc.record({ k: fc.constant('double' as const), line }),
    fc.record({ k: fc.constant('swap' as const), line, other: line }),
    { weight: 2, arbitrary: fc.record({ k: fc.constant('value' as const), line, token }) },
    fc.record({ k: fc.constant('insert' as const), line, at, token }),
    fc.record({ k: fc.constant('key' as const), line, key: fc.nat({ max: 64 }), token }),
    fc.record({ k: fc.constant('char' as const), line, at, code: fc.integer({ min: 0, max: 0x7f }) }),
    { weight: 1, arbitrary: fc.record({ k: fc.constant('cut' as const), line }) },
  );
}

/** Line edits for YAML and JSON: lines dropped, doubled or swapped, values replaced, characters changed. */
export function applyTextEdits(text: string, edits: readonly TextEdit[], tokens: readonly string[]): string {
  let lines = text.split('\n');
  const tok = (n: number) => tokens[n % tokens.length] as string;
  for (const e of edits) {
    const i = e.line % Math.max(lines.length, 1);
    const l = lines[i] ?? '';
    switch (e.k) {
      case 'drop':
        lines.splice(i, 1);
        break;
      case 'double':
        lines.splice(i, 0, l);
        break;
      case 'swap': {
        const j = e.other % Math.max(lines.length, 1);
        [lines[i], lines[j]] = [lines[j] ?? '', l];
        break;
      }
      case 'value': {
        const m = /^(\s*[^:]+:\s*)(.*)$/.exec(l);
        lines[i] = m ? `${m[1]}${tok(e.token)}` : tok(e.token);
        break;
      }
      case 'insert': {
        const p = e.at % (l.length + 1);
        lines[i] = l.slice(0, p) + tok(e.token) + l.slice(p);
        break;
      }
      case 'key': {
        const indent = /^\s*/.exec(l)?.[0] ?? '';
        lines.splice(i, 0, `${indent}${EXTRA_KEYS[e.key % EXTRA_KEYS.length]}: ${tok(e.token)}`);
        break;
      }
      case 'char': {
        const p = e.at % (l.length + 1);
        lines[i] = l.slice(0, p) + String.fromCharCode(e.code) + l.slice(p + 1);
        break;
      }
      case 'cut':
        lines = lines.slice(0, i);
        break;
    }
  }
  return lines.join('\n');
}

/** One to three line edits of a text from `texts`, or (one in ten) its UTF-8 bytes mutated. */
export function mutatedText(texts: readonly string[], tokens: readonly string[]): fc.Arbitrary<string> {
  const utf8 = texts.map((t) => new TextEncoder().encode(t));
  return fc.oneof(
    {
      weight: 9,
      arbitrary: fc
        .tuple(fc.constantFrom(...texts), fc.array(textEdit(), { minLength: 1, maxLength: 3 }))
        .map(([t, edits]) => applyTextEdits(t, edits, tokens)),
    },
    { weight: 1, arbitrary: mutated(utf8).map((b) => new TextDecoder().decode(b)) },
  );
}

/** Hostile text: terminal controls, markup, XML-forbidden characters, lone surrogates, bidi overrides. */
export const HOSTILE_TEXT = [
  '\x1b[2J',
  '\x1b]0;t\x07',
  '\x1b]52;c;ZWNobw==\x07',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  ']]>',
  '&amp;',
  '\u202e',
  '\ud800',
  '\udfff',
  '\u0000',
  '\ufffe',
  '\uffff',
  '\r\n',
  '{{report}}',
  '\x85',
  '\u2028',
];

/** A string of hostile pieces and arbitrary UTF-16 code units. */
export const hostileString: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 })), {
    maxLength: 4,
  })
  .map((parts) => parts.join(''));

/** A 32-bit fast-check seed from a printed one. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h | 0;
}
