/**
 * BER-TLV as used by ISO/IEC 7816-4 §5.2 and EMV Book 3 Annex B (JR/T 0025.5 Annex B):
 * tags of one or more bytes (first byte b5..b1 = 11111 means more bytes follow while b8 = 1),
 * lengths in short form (00..7F) or long form 81 xx / 82 xxxx / 83 xxxxxx; b6 of the first tag byte
 * marks a constructed object whose value is itself BER-TLV.
 */
import { toHex } from '../bytes/hex.ts';
import { type Diagnosis, dx, renderDiagnosis } from '../verdict/messages.ts';

/** Data that is not the TLV it should be: what is wrong, where (a FAIL when it is the card's). */
export class TlvError extends Error {
  override name = 'TlvError';
  readonly diagnosis: Diagnosis;
  constructor(
    problem: Diagnosis,
    readonly offset: number,
  ) {
    const d = dx('tlv.atOffset', { problem, offset });
    super(renderDiagnosis(d, 'en'));
    this.diagnosis = d;
  }
}

export interface Tlv {
  /** Tag in upper-case hex, e.g. "6F", "9F38". */
  tag: string;
  constructed: boolean;
  value: Uint8Array;
  /** Parsed value of a constructed object. */
  children?: Tlv[];
  /** Offset of the tag in the parsed buffer, and total encoded length. */
  offset: number;
  length: number;
}

export interface ParseOptions {
  /** Skip 00 (and FF) bytes between objects, as EMV Book 3 Annex B allows. Default true. */
  skipPadding?: boolean;
  /** Parse constructed values recursively. Default true. */
  recursive?: boolean;
  /** Nesting limit against hostile input. Default 16. */
  maxDepth?: number;
}

export function parseTlv(bytes: Uint8Array, options: ParseOptions = {}): Tlv[] {
  return parseAt(bytes, 0, bytes.length, options, 0);
}

function parseAt(bytes: Uint8Array, start: number, end: number, o: ParseOptions, depth: number): Tlv[] {
  if (depth > (o.maxDepth ?? 16)) throw new TlvError(dx('tlv.tooDeep'), start);
  const out: Tlv[] = [];
  let at = start;
  while (at < end) {
    const first = bytes[at] as number;
    if ((o.skipPadding ?? true) && (first === 0x00 || first === 0xff)) {
      at++;
      continue;
    }
    const objectStart = at;
    // Tag
    let tagEnd = at + 1;
    if ((first & 0x1f) === 0x1f) {
      do {
        if (tagEnd >= end) throw new TlvError(dx('tlv.tagTruncated'), objectStart);
        tagEnd++;
      } while (((bytes[tagEnd - 1] as number) & 0x80) !== 0);
      if (tagEnd - at > 4) throw new TlvError(dx('tlv.tagTooLong'), objectStart);
    }
    const tag = toHex(bytes.subarray(at, tagEnd));
    at = tagEnd;
    // Length
    if (at >= end) throw new TlvError(dx('tlv.lengthMissing', { tag }), objectStart);
    let len = bytes[at++] as number;
    if (len === 0x80) throw new TlvError(dx('tlv.indefinite', { tag }), objectStart);
    if (len > 0x80) {
      const n = len - 0x80;
      if (n > 3) throw new TlvError(dx('tlv.lengthBytes', { tag, n }), objectStart);
      if (at + n > end) throw new TlvError(dx('tlv.lengthTruncated', { tag }), objectStart);
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + (bytes[at++] as number);
    }
    if (at + len > end) {
      throw new TlvError(dx('tlv.valueShort', { tag, len, left: end - at }), objectStart);
    }
    const constructed = (first & 0x20) !== 0;
    const tlv: Tlv = {
      tag,
      constructed,
      value: bytes.slice(at, at + len),
      offset: objectStart,
      length: at + len - objectStart,
    };
    if (constructed && (o.recursive ?? true)) tlv.children = parseAt(bytes, at, at + len, o, depth + 1);
    out.push(tlv);
    at += len;
  }
  return out;
}

export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  if (length <= 0xff) return Uint8Array.of(0x81, length);
  if (length <= 0xffff) return Uint8Array.of(0x82, length >> 8, length & 0xff);
  if (length <= 0xffffff) return Uint8Array.of(0x83, length >> 16, (length >> 8) & 0xff, length & 0xff);
  throw new RangeError(`TLV length ${length} too large`);
}

/** Encode one object. `value` may be bytes or a list of already-encoded children. */
export function buildTlv(tag: string, value: Uint8Array | Uint8Array[]): Uint8Array {
  const tagBytes = Uint8Array.from(Buffer.from(tag, 'hex'));
  if (tagBytes.length === 0 || tagBytes.length * 2 !== tag.length) throw new RangeError(`bad tag "${tag}"`);
  const body = Array.isArray(value) ? Buffer.concat(value) : value;
  const len = encodeLength(body.length);
  const out = new Uint8Array(tagBytes.length + len.length + body.length);
  out.set(tagBytes);
  out.set(len, tagBytes.length);
  out.set(body, tagBytes.length + len.length);
  return out;
}

/** Depth-first search for the first object with `tag`. */
export function findTlv(list: Tlv[], tag: string): Tlv | undefined {
  const want = tag.toUpperCase();
  for (const t of list) {
    if (t.tag === want) return t;
    if (t.children) {
      const hit = findTlv(t.children, want);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** An indented listing, one object per line, for traces and reports. */
export function describeTlv(list: Tlv[], indent = ''): string[] {
  const lines: string[] = [];
  for (const t of list) {
    if (t.children) {
      lines.push(`${indent}${t.tag} (${t.value.length})`);
      lines.push(...describeTlv(t.children, indent + '  '));
    } else {
      lines.push(`${indent}${t.tag} (${t.value.length}) ${toHex(t.value)}`);
    }
  }
  return lines;
}
