/**
 * What the fuzzer feeds and what it holds each consumer to (issue 9). A target generates one input
 * from an Rng and checks it: the check throws Finding when an oracle is broken; any exception that
 * escapes and is not one of the target's documented error classes is a finding too.
 *
 *   card-sim:<image>   sequences of random and mutated APDUs (with resets) into every image: never
 *                      throws, no internal error (6F00 from a caught exception), at least SW1 SW2;
 *                      for conformant images also a valid SW1, no more data than Ne, no data with an
 *                      error SW, 6700 for malformed length fields, and the same answers for the same seed
 *   card-sim:defects   the reference image with random catalogue defects: the weak oracles
 *   session            CardSession (T=0 layer) over a channel answering garbage: only NonConformance or
 *                      TransportError, a trace entry for every send, the trace decodes for reports
 *   ber-tlv, simple-tlv, command-apdu, encode-apdu, response-apdu, bytes, profile, plan: the parsers
 *                      and encoders, with their documented error classes and round trips
 *   atr, dol           parseAtr (AtrError only), parseDol (TlvError only; its entries encode back to the input)
 *   terminal-outcome   checkOutcome over mutated outcomes: DriverError only, an accepted one has a result
 *   messages-ndjson    the report rebuild over mutated message streams (lines dropped, doubled, swapped, cut,
 *                      mutated): UsageError only, the report matches its schema, its junit.xml is
 *                      well-formed XML 1.0 and its HTML holds no card text unescaped
 *   report-render      junit.xml and report.html of reports whose card text is hostile (controls, markup,
 *                      lone surrogates, bidi): well-formed XML, no unescaped markup from the card in the HTML
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createCard } from '../../card-sim/index.ts';
import { allDfs, buildTree, fci } from '../../card-sim/index.ts';
import type { CardImage } from '../../card-sim/index.ts';
import { CARD_DEFECTS, type DefectId } from '../../card-sim/index.ts';
import { IMAGES } from '../../card-sim/index.ts';
import { ApduFormatError, type CommandApdu, encodeCommand, parseCommand } from '../apdu/command.ts';
import { commandName } from '../apdu/names.ts';
import { encodeResponse, parseResponse, swHex } from '../apdu/response.ts';
import { describeSw, notRefused, SW } from '../apdu/sw.ts';
import { decodeCn, decodeN } from '../bytes/bcd.ts';
import { HexError, concat, equal, fromHex, toHex } from '../bytes/hex.ts';
import { decodeAn, decodeGbk } from '../bytes/text.ts';
import { parsePlan, PlanError } from '../plan/load.ts';
import { ProfileError, parseProfile } from '../profile/load.ts';
import { decodeTrace } from '../report/decode.ts';
import { AtrError, parseAtr } from '../iso7816/atr.ts';
import { parseDol } from '../tlv/dol.ts';
import { DriverError, checkOutcome } from '../terminal/driver.ts';
import { rebuildFromText } from '../report/rebuild.ts';
import { seal } from '../report/integrity.ts';
import { reportProblems } from '../report/schema.ts';
import { renderHtml, renderJunit } from '../report/write.ts';
import type { Report } from '../report/build.ts';
import type { Plan } from '../plan/plan.ts';
import type { Environment } from '../run/environment.ts';
import { planDigest } from '../plan/load.ts';
import { UsageError } from '../cli/errors.ts';
import { parseXml } from '../report/xml-check.ts';
import { TlvError, type Tlv, buildTlv, describeTlv, findTlv, parseTlv } from '../tlv/ber.ts';
import { buildSimpleTlv, parseSimpleTlv } from '../tlv/simple.ts';
import type { CardChannel } from '../apdu/channel.ts';
import { CardSession, MAX_RESPONSE_BYTES } from '../apdu/session.ts';
import { NonConformance, TransportError } from '../verdict/errors.ts';
import { Rng, mutate, mutateText } from './random.ts';

/** An oracle broken: a bug to fix. */
export class Finding extends Error {
  override name = 'Finding';
}

type ErrorClass = abstract new (...args: never[]) => Error;

export interface FuzzTarget<I = unknown> {
  name: string;
  /** Share of the iterations, relative to the other targets. */
  weight: number;
  /** Exception classes the consumer documents for bad input: not findings. */
  allowed: readonly ErrorClass[];
  generate(rng: Rng): I;
  check(input: I): void | Promise<void>;
  /** The input, printable, for the report of a finding. */
  show(input: I): string;
}

function fail(message: string): never {
  throw new Finding(message);
}

// ---- corpus ---------------------------------------------------------------------------------------

const ROOT = new URL('../../', import.meta.url);

/** FCIs, records and file contents of every image, and TLVs shaped like the specs' templates. */
function tlvCorpus(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const image of Object.values(IMAGES)) {
    for (const df of allDfs(buildTree(image))) {
      out.push(fci(df));
      for (const c of df.children) if (c.kind === 'EF') out.push(...c.records, c.data.subarray(0, 64));
    }
  }
  out.push(
    buildTlv('70', [buildTlv('57', fromHex('6228480000000001D2612201')), buildTlv('5F20', fromHex('5445535420434152442F'))]),
    buildTlv('77', [buildTlv('82', fromHex('7C00')), buildTlv('94', fromHex('08010100100102011801020020010100'))]),
    buildTlv('BF0C', [buildTlv('9F4D', fromHex('0B0A')), buildTlv('DF61', fromHex('01'))]),
    buildTlv('61', [buildTlv('4F', fromHex('A0000003330101')), buildTlv('50', fromHex('5043'))]),
    concat(buildTlv('9F36', fromHex('0001')), new Uint8Array(3), buildTlv('9F26', new Uint8Array(8))),
    buildTlv('7F21', [buildTlv('5F37', new Uint8Array(200))]),
    Uint8Array.of(0x9f, 0x81, 0x82, 0x01, 0x00),
  );
  return out;
}

const CLASSES = [0x00, 0x80, 0x84, 0x04, 0x0c, 0x01, 0x02, 0x03, 0xe0, 0x10, 0xff];
const INSTRUCTIONS = [0xa4, 0xb0, 0xb2, 0x84, 0x20, 0xc0, 0x82, 0x88, 0xd6, 0xdc, 0xe2, 0x24, 0x2c, 0xca, 0x50, 0x52, 0x54, 0x5c, 0x60, 0x6f, 0x90, 0x00];

/** Commands a terminal would send to this image: SELECT of every DF and EF, reads, VERIFY, GET CHALLENGE … */
function commandCorpus(image: CardImage): Uint8Array[] {
  const out: CommandApdu[] = [];
  const c = (cla: number, ins: number, p1: number, p2: number, data?: number[] | Uint8Array, ne?: number): CommandApdu => ({
    cla, ins, p1, p2, data: Uint8Array.from(data ?? []), ...(ne === undefined ? {} : { ne }),
  });
  for (const df of allDfs(buildTree(image))) {
    if (df.name) out.push(c(0, 0xa4, 4, 0, df.name, 256), c(0, 0xa4, 4, 0, df.name.subarray(0, 3), 256), c(0, 0xa4, 4, 2, df.name.subarray(0, 5), 256), c(0, 0xa4, 4, 0x0c, df.name));
    if (df.fid !== undefined) out.push(c(0, 0xa4, 0, 0, [df.fid >> 8, df.fid & 0xff]), c(0, 0xa4, 1, 0, [df.fid >> 8, df.fid & 0xff]));
    for (const ef of df.children) {
      if (ef.kind !== 'EF') continue;
      out.push(c(0, 0xa4, 2, 0, [ef.fid >> 8, ef.fid & 0xff]), c(0, 0xa4, 8, 0, [0x3f, 0x00, ef.fid >> 8, ef.fid & 0xff]));
      if (ef.sfi !== undefined) {
        out.push(c(0, 0xb0, 0x80 | ef.sfi, 0, undefined, 16), c(0, 0xb2, 1, (ef.sfi << 3) | 4, undefined, 256), c(0, 0xb2, 1, (ef.sfi << 3) | 5, undefined, 256), c(0, 0xb2, 2, (ef.sfi << 3) | 0, undefined, 256));
      }
    }
  }
  out.push(
    c(0, 0xb0, 0, 0, undefined, 256), c(0, 0xb0, 1, 0x20, undefined, 8), c(0, 0xb2, 0, 4, undefined, 0x10),
    c(0, 0x84, 0, 0, undefined, 8), c(0, 0x84, 0, 0, undefined, 4), c(0, 0x84, 0, 0, undefined, 16),
    c(0, 0x20, 0, 0), c(0, 0x20, 0, 0, [0x12, 0x34, 0x56]), c(0, 0x20, 0, 0, [0x65, 0x43, 0x21]), c(0, 0x20, 0, 0, [0x12, 0x34, 0x5f]),
    c(0, 0xc0, 0, 0, undefined, 0x10), c(0, 0xc0, 0, 0, undefined, 256), c(0, 0xa4, 3, 0),
  );
  return out.map(encodeCommand);
}

function randomCommand(rng: Rng, corpus: readonly Uint8Array[]): Uint8Array {
  switch (rng.int(6)) {
    case 0:
      return rng.bytes(rng.length(300));
    case 1: {
      // A well-formed command with random header and lengths.
      const data = rng.bytes(rng.chance(0.5) ? 0 : rng.length(260));
      const ne = rng.chance(0.4) ? undefined : 1 + rng.int(rng.chance(0.9) ? 256 : 65536);
      try {
        return encodeCommand({ cla: rng.pick(CLASSES), ins: rng.chance(0.8) ? rng.pick(INSTRUCTIONS) : rng.int(256), p1: rng.int(256), p2: rng.int(256), data, ...(ne === undefined ? {} : { ne }) });
      } catch {
        return rng.bytes(5);
      }
    }
    case 2:
      return rng.pick(corpus);
    default:
      return mutate(rng, rng.pick(corpus), corpus);
  }
}

// ---- card-sim -------------------------------------------------------------------------------------

type SimStep = { reset: true } | { apdu: Uint8Array };
interface SimInput {
  image: string;
  defects: DefectId[];
  seed: string;
  steps: SimStep[];
  /** Run the sequence twice on fresh cards and compare (determinism). */
  twice: boolean;
}

function cardSimTarget(imageName: string, withDefects: boolean): FuzzTarget<SimInput> {
  const image = IMAGES[imageName] as CardImage;
  const corpus = commandCorpus(image);
  const strict = image.conformant !== false && !withDefects;
  const run = (input: SimInput): string[] => {
    const internal: unknown[] = [];
    const card = createCard(image, { seed: input.seed, defects: input.defects, onInternalError: (e) => internal.push(e) });
    const answers: string[] = [];
    for (const [i, step] of input.steps.entries()) {
      if ('reset' in step) {
        answers.push(`ATR ${toHex(card.reset())}`);
        continue;
      }
      let r: Uint8Array;
      try {
        r = card.transmit(step.apdu);
      } catch (e) {
        fail(`step ${i}: card-sim threw ${String(e)}`);
      }
      const at = `step ${i}: ${toHex(step.apdu, ' ')} → ${toHex(r.subarray(0, 40), ' ')}${r.length > 40 ? ` … (${r.length} bytes)` : ''}`;
      if (internal.length) fail(`${at}: internal error turned into 6F00: ${internal[0] instanceof Error ? (internal[0].stack ?? internal[0].message) : String(internal[0])}`);
      if (r.length < 2) fail(`${at}: answer without a status word`);
      answers.push(toHex(r));
      if (!strict) continue;
      const sw = ((r[r.length - 2] as number) << 8) | (r[r.length - 1] as number);
      const sw1 = sw >> 8;
      const dataLength = r.length - 2;
      if (!((sw1 >= 0x61 && sw1 <= 0x6f) || (sw1 >= 0x90 && sw1 <= 0x9f))) fail(`${at}: SW1 ${sw1.toString(16)} is not 6X/9X (ISO/IEC 7816-3 §10.3.3)`);
      if (dataLength > 0 && !notRefused(sw)) fail(`${at}: response data with the error status ${swHex(sw)}`);
      let cmd: CommandApdu | undefined;
      try {
        cmd = parseCommand(step.apdu);
      } catch (e) {
        if (!(e instanceof ApduFormatError)) throw e;
        if (sw !== SW.WRONG_LENGTH) fail(`${at}: a command with malformed length fields answered ${swHex(sw)}, not 6700`);
      }
      if (cmd && dataLength > (cmd.ne ?? 0)) fail(`${at}: ${dataLength} data bytes for Ne ${cmd.ne ?? 'absent'}`);
    }
    return answers;
  };
  return {
    name: withDefects ? `card-sim:${imageName}+defects` : `card-sim:${imageName}`,
    weight: 8,
    allowed: [],
    generate(rng) {
      const steps: SimStep[] = [];
      const n = 1 + rng.int(16);
      for (let i = 0; i < n; i++) steps.push(rng.chance(0.05) ? { reset: true } : { apdu: randomCommand(rng, corpus) });
      const defects = withDefects ? CARD_DEFECTS.filter(() => rng.chance(0.3)).map((d) => d.id) : [];
      return { image: imageName, defects, seed: `fuzz${rng.int(4)}`, steps, twice: rng.chance(0.125) };
    },
    check(input) {
      const first = run(input);
      if (input.twice) {
        const second = run(input);
        const i = first.findIndex((a, k) => a !== second[k]);
        if (i >= 0) fail(`not deterministic: step ${i} answered ${first[i]} then ${second[i]} for the same seed`);
      }
    },
    show: (input) =>
      `image ${input.image}${input.defects.length ? ` defects ${input.defects.join(',')}` : ''} seed ${input.seed}\n` +
      input.steps.map((s) => ('reset' in s ? '  reset' : `  ${toHex(s.apdu, ' ')}`)).join('\n'),
  };
}

// ---- CardSession over a garbage channel ----------------------------------------------------------

interface SessionInput {
  command: Uint8Array;
  raw: boolean;
  /** The channel's answers in turn; the last repeats. A null answer throws TransportError. */
  answers: Array<Uint8Array | null>;
}

const sessionTarget = (): FuzzTarget<SessionInput> => {
  const corpus = commandCorpus(IMAGES.reference as CardImage);
  return {
    name: 'session',
    weight: 4,
    allowed: [NonConformance, TransportError],
    generate(rng) {
      const answers: Array<Uint8Array | null> = [];
      const n = 1 + rng.int(6);
      for (let i = 0; i < n; i++) {
        const r = rng.int(20);
        if (r === 0) answers.push(null);
        else if (r === 1) answers.push(rng.bytes(rng.int(2)));
        else if (r === 2) answers.push(new Uint8Array(MAX_RESPONSE_BYTES + rng.int(3) - 1));
        else {
          const sw1 = rng.pick([0x90, 0x61, 0x6c, 0x62, 0x63, 0x6a, 0x6f, 0x60, 0x00, rng.int(256)]);
          answers.push(concat(rng.bytes(rng.length(300)), Uint8Array.of(sw1, sw1 === SW.NO_ERROR >> 8 ? 0 : rng.int(256))));
        }
      }
      return { command: randomCommand(rng, corpus), raw: rng.chance(0.3), answers };
    },
    async check(input) {
      let turn = 0;
      const channel: CardChannel = {
        atr: Uint8Array.of(0x3b, 0x00),
        protocol: 'T=0',
        description: 'fuzz',
        transmit: async () => {
          const a = input.answers[Math.min(turn++, input.answers.length - 1)];
          if (a === null || a === undefined) throw new TransportError('reader gone');
          return a;
        },
        reset: async () => Uint8Array.of(0x3b, 0x00),
        close: async () => {},
      };
      const session = new CardSession(channel);
      try {
        const r = await session.send(input.command, { raw: input.raw });
        if (r.data.length > MAX_RESPONSE_BYTES) fail(`session returned ${r.data.length} bytes`);
      } finally {
        if (session.trace.entries.length !== 1) fail(`trace holds ${session.trace.entries.length} entries after one send`);
        try {
          decodeTrace(session.trace.entries, false);
        } catch (e) {
          fail(`decodeTrace threw ${String(e)}`);
        }
      }
    },
    show: (i) => `command ${toHex(i.command, ' ')}${i.raw ? ' (raw)' : ''}\nanswers:\n${i.answers.map((a) => (a ? `  ${toHex(a.subarray(0, 64), ' ')}${a.length > 64 ? ` … (${a.length} bytes)` : ''}` : '  TransportError')).join('\n')}`,
  };
};

// ---- parsers --------------------------------------------------------------------------------------

function bytesInput(rng: Rng, corpus: readonly Uint8Array[]): Uint8Array {
  const r = rng.int(4);
  if (r === 0) return rng.bytes(rng.length(600));
  if (r === 1) return rng.pick(corpus);
  return mutate(rng, rng.pick(corpus), corpus);
}

function checkTlvList(list: Tlv[], buffer: Uint8Array, recursive: boolean): void {
  for (const t of list) {
    if (t.offset < 0 || t.offset + t.length > buffer.length) fail(`tag ${t.tag} at ${t.offset}+${t.length} outside the ${buffer.length}-byte buffer`);
    if (!equal(t.value, buffer.subarray(t.offset + t.length - t.value.length, t.offset + t.length))) fail(`value of tag ${t.tag} is not the bytes it covers`);
    if (!/^([0-9A-F]{2}){1,4}$/.test(t.tag)) fail(`tag "${t.tag}" is not 1-4 bytes of hex`);
    if (t.children && !(recursive && t.constructed)) fail(`tag ${t.tag} has children without being a parsed constructed object`);
    if (t.children) checkTlvList(t.children, buffer, recursive);
    // Round trip: the canonical encoding of this object parses back to it.
    const again = parseTlv(buildTlv(t.tag, t.value), { recursive: false, skipPadding: false });
    if (again.length !== 1 || again[0]?.tag !== t.tag || !equal(again[0].value, t.value)) fail(`tag ${t.tag} does not survive buildTlv → parseTlv`);
  }
}

const berTarget = (corpus: Uint8Array[]): FuzzTarget<{ bytes: Uint8Array; skipPadding: boolean; recursive: boolean; maxDepth: number }> => ({
  name: 'ber-tlv',
  weight: 4,
  allowed: [TlvError],
  generate: (rng) => ({ bytes: bytesInput(rng, corpus), skipPadding: rng.chance(0.7), recursive: rng.chance(0.8), maxDepth: rng.chance(0.8) ? 16 : rng.int(4) }),
  check(i) {
    const list = parseTlv(i.bytes, { skipPadding: i.skipPadding, recursive: i.recursive, maxDepth: i.maxDepth });
    checkTlvList(list, i.bytes, i.recursive);
    describeTlv(list);
    findTlv(list, '84');
  },
  show: (i) => `${toHex(i.bytes, ' ')} skipPadding=${i.skipPadding} recursive=${i.recursive} maxDepth=${i.maxDepth}`,
});

const simpleTarget = (corpus: Uint8Array[]): FuzzTarget<Uint8Array> => ({
  name: 'simple-tlv',
  weight: 2,
  allowed: [TlvError],
  generate: (rng) => bytesInput(rng, corpus),
  check(bytes) {
    const list = parseSimpleTlv(bytes);
    const again = parseSimpleTlv(concat(...list.map((t) => buildSimpleTlv(t.tag, t.value))));
    if (again.length !== list.length || again.some((t, k) => t.tag !== list[k]?.tag || !equal(t.value, list[k].value))) fail('SIMPLE-TLV does not survive build → parse');
  },
  show: (b) => toHex(b, ' '),
});

const commandTarget = (corpus: Uint8Array[]): FuzzTarget<Uint8Array> => ({
  name: 'command-apdu',
  weight: 3,
  allowed: [ApduFormatError],
  generate: (rng) => (rng.chance(0.8) ? randomCommand(rng, corpus) : new Uint8Array(rng.int(70_000))),
  check(bytes) {
    const c = parseCommand(bytes);
    commandName(c);
    const again = encodeCommand(c);
    if (!equal(again, bytes)) fail(`parseCommand → encodeCommand gives ${toHex(again.subarray(0, 40), ' ')}`);
  },
  show: (b) => (b.length > 600 ? `${toHex(b.subarray(0, 16), ' ')} … (${b.length} bytes)` : toHex(b, ' ')),
});

const WEIRD_NUMBERS = [0, 1, -1, 255, 256, 257, 65535, 65536, 65537, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, -0];
const encodeTarget = (): FuzzTarget<CommandApdu> => ({
  name: 'encode-apdu',
  weight: 1,
  allowed: [ApduFormatError],
  generate(rng) {
    const num = () => (rng.chance(0.7) ? rng.int(256) : rng.pick(WEIRD_NUMBERS));
    const dataLength = rng.chance(0.97) ? rng.length(300) : rng.pick([255, 256, 65535, 65536]);
    const ne = rng.chance(0.3) ? undefined : rng.chance(0.7) ? 1 + rng.int(rng.chance(0.8) ? 256 : 65536) : rng.pick(WEIRD_NUMBERS);
    return { cla: num(), ins: num(), p1: num(), p2: num(), data: new Uint8Array(dataLength), ...(ne === undefined ? {} : { ne }), ...(rng.chance(0.1) ? { extended: true } : {}) };
  },
  check(c) {
    const bytes = encodeCommand(c);
    const back = parseCommand(bytes);
    if (back.cla !== c.cla || back.ins !== c.ins || back.p1 !== c.p1 || back.p2 !== c.p2 || back.ne !== c.ne || !equal(back.data, c.data)) {
      fail(`encodeCommand accepted a command that does not parse back: ${JSON.stringify({ ...c, data: c.data.length })} → ${JSON.stringify({ ...back, data: back.data.length })}`);
    }
  },
  show: (c) => JSON.stringify({ ...c, data: `${c.data.length} bytes` }),
});

const responseTarget = (corpus: Uint8Array[]): FuzzTarget<Uint8Array> => ({
  name: 'response-apdu',
  weight: 1,
  allowed: [ApduFormatError],
  generate: (rng) => bytesInput(rng, corpus).subarray(0, 1 + rng.int(300)),
  check(bytes) {
    const r = parseResponse(bytes);
    if (!equal(encodeResponse(r), bytes)) fail('parseResponse → encodeResponse changes the bytes');
    const m = describeSw(r.sw);
    if (!m.en || !m.zh) fail(`describeSw(${swHex(r.sw)}) has no text`);
  },
  show: (b) => toHex(b, ' '),
});

const bytesTarget = (corpus: Uint8Array[]): FuzzTarget<{ bytes: Uint8Array; text: string }> => ({
  name: 'bytes',
  weight: 1,
  allowed: [HexError],
  generate(rng) {
    const bytes = bytesInput(rng, corpus).subarray(0, 64);
    const alphabet = '0123456789abcdefABCDEF :\n\tgxZ-';
    const text = rng.chance(0.5) ? toHex(bytes, rng.pick(['', ' ', ':'])) : Array.from({ length: rng.length(40) }, () => alphabet[rng.int(alphabet.length)]).join('');
    return { bytes, text };
  },
  check(i) {
    decodeGbk(i.bytes);
    decodeAn(i.bytes);
    try {
      decodeCn(i.bytes);
    } catch (e) {
      if (!(e instanceof HexError)) throw e;
    }
    try {
      decodeN(i.bytes);
    } catch (e) {
      if (!(e instanceof HexError)) throw e;
    }
    const parsed = fromHex(i.text);
    if (toHex(parsed) !== i.text.replace(/[\s:]/g, '').toUpperCase()) fail('fromHex → toHex changes the digits');
  },
  show: (i) => `${toHex(i.bytes, ' ')} / ${JSON.stringify(i.text)}`,
});

const TEXT_TOKENS = ['', 'null', '~', '[]', '{}', '-1', '0', '1e309', 'true', '"2.0"', '2.0', 'T=0', '[T=0, T=1]', '[3DES, AES]', 'sim', 'pcsc', 'reference', 'hostile', 'nosuch', '!!binary AAAA', '&a x', '*a', '<<: *a', '"\\u0000"', "'", '"', '{', '[', ':', '- ', '#', '|', '>', '\t', 'x'.repeat(300), '12345678901234567890', '"123456"', '0x10', '-.inf', '.nan', '2026-11-22'];

const profileTarget = (): FuzzTarget<string> => {
  const dir = new URL('profiles/', ROOT);
  const texts = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(new URL(f, dir), 'utf8'));
  return {
    name: 'profile',
    weight: 2,
    allowed: [ProfileError],
    generate: (rng) => (rng.chance(0.9) ? mutateText(rng, rng.pick(texts), TEXT_TOKENS) : new TextDecoder().decode(mutate(rng, new TextEncoder().encode(rng.pick(texts))))),
    check(text) {
      parseProfile(text, 'fuzz.yaml');
    },
    show: (t) => t,
  };
};

const planTarget = (): FuzzTarget<string> => {
  let base: string | undefined;
  const texts = (): string[] => {
    // A plan as `sscc list --json` writes it, built once (reading the features costs a few ms).
    if (!base) base = JSON.stringify(samplePlan(), null, 2);
    return [base];
  };
  const tokens = [...TEXT_TOKENS.filter((t) => !t.includes('\n')), '"x",', '{},', '[],', 'null,', '1,', '"sscc-plan/1",', '"features/../x.feature",'];
  return {
    name: 'plan',
    weight: 1,
    allowed: [PlanError],
    generate: (rng) => (rng.chance(0.9) ? mutateText(rng, rng.pick(texts()), tokens) : new TextDecoder().decode(mutate(rng, new TextEncoder().encode(rng.pick(texts()))))),
    check(text) {
      // Half the mutated plans get their digest made right, so that the checks behind it are reached.
      let t = text;
      if (text.length % 2) {
        try {
          const v = JSON.parse(text) as unknown;
          if (v && typeof v === 'object' && !Array.isArray(v)) t = JSON.stringify({ ...v, sha256: planDigest(v) });
        } catch {
          /* not JSON: as it is */
        }
      }
      parsePlan(t, 'fuzz-plan.json', { keys: false });
    },
    show: (t) => t,
  };
};

function samplePlan(): unknown {
  const profile = parseProfile(readFileSync(new URL('profiles/sim-reference.yaml', ROOT), 'utf8')).profile;
  return {
    schema: 'sscc-plan/1',
    createdAt: '2026-01-01T00:00:00.000Z',
    tool: { name: 'sscc', version: '0.1.0' },
    profile: { file: 'profiles/sim-reference.yaml', sha256: '00'.repeat(32), data: profile },
    sha256: '00'.repeat(32),
    features: [{ uri: 'features/iso7816/select.feature', sha256: '00'.repeat(32) }],
    scenarios: [
      { id: 'ISO-SEL-001', name: 'SELECT of the MF', uri: 'features/iso7816/select.feature', line: 5, feature: 'SELECT', area: 'iso7816', tags: ['@TC:ISO-SEL-001'], requirements: ['ISO7816-4 7.1.1'], applicable: true },
      { id: 'ISO-SEL-002', name: 'SELECT by name', uri: 'features/iso7816/select.feature', line: 10, feature: 'SELECT', area: 'iso7816', tags: [], requirements: [], applicable: false, reason: 'x' },
    ],
  };
}

// ---- ATR, DOL, terminal outcome ---------------------------------------------------------------------

const atrTarget = (): FuzzTarget<Uint8Array> => {
  const atrs = Object.values(IMAGES).map((i) => fromHex(i.atr.replace(/\s/g, '')));
  return {
    name: 'atr',
    weight: 1,
    allowed: [AtrError],
    generate: (rng) => (rng.chance(0.3) ? rng.bytes(rng.length(40)) : mutate(rng, rng.pick(atrs), atrs)),
    check(atr) {
      parseAtr(atr);
    },
    show: (a) => toHex(a),
  };
};

const dolTarget = (corpus: readonly Uint8Array[]): FuzzTarget<Uint8Array> => {
  const dols = [fromHex('9F02069F03069F1A0295055F2A029A039C019F3704'), fromHex('9F66049F02069F37045F2A02'), fromHex('8A025F2A02'), fromHex('9F81820102')];
  return {
    name: 'dol',
    weight: 1,
    allowed: [TlvError],
    generate: (rng) => (rng.chance(0.3) ? rng.bytes(rng.length(40)) : mutate(rng, rng.pick(dols), [...dols, ...corpus.slice(0, 20)])),
    check(dol) {
      const entries = parseDol(dol);
      const back = concat(...entries.map((e) => concat(fromHex(e.tag), Uint8Array.of(e.length))));
      if (!equal(back, dol)) fail(`DOL entries do not encode back to the input: ${toHex(back)}`);
    },
    show: (d) => toHex(d),
  };
};

const OUTCOMES = [
  { result: 'success', code: 0, output: '110100|D2143569X|' },
  { result: 'approved', tvr: '0000000000', tsi: 'E800', cid: '40' },
  { result: 'declined', reason: 'x' },
  { result: 'error', code: -1 },
];
const JSON_TOKENS = ['null', '1', '-1', '1e309', '"x"', '[]', '{}', 'true', '"\\u0000"', '"\\ud800"', '"success"', '{"result":"success"}', '[1,[2,[3]]]', '"' + 'a'.repeat(200) + '"'];

const outcomeTarget = (): FuzzTarget<string> => ({
  name: 'terminal-outcome',
  weight: 1,
  allowed: [DriverError],
  generate: (rng) => mutateText(rng, JSON.stringify(rng.pick(OUTCOMES)), JSON_TOKENS),
  check(text) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return; // the driver says "not JSON" before it checks: nothing to check here
    }
    const o = checkOutcome(value, 'fuzz');
    if (typeof o.result !== 'string') fail('an accepted outcome without a result');
  },
  show: (t) => t,
});

// ---- message stream, report rendering -----------------------------------------------------------

const HOSTILE_TEXT = ['\x1b[2J', '\x1b]0;t\x07', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', ']]>', '&amp;', '\u202e', '\ud800', '\u0000', '\ufffe', '\r\n', '{{report}}'];
const CARD_MARKUP = /<script>alert\(1\)<\/script>|<img src=x onerror/;

function sampleEnvironment(): Environment {
  return { tool: { name: 'sscc', version: '0.1.0' }, node: 'v20', platform: 'fuzz', host: 'fuzz', target: { kind: 'sim', description: 'card-sim image "reference"' }, startedAt: '2026-01-01T00:00:00.000Z' };
}

/** A message stream of the two scenarios of samplePlan: one passes, one fails with card text in its error. */
function sampleStream(): string {
  const ts = (s: number) => ({ seconds: 1767225600 + s, nanos: 0 });
  const d = { seconds: 0, nanos: 1000000 };
  const trace = JSON.stringify([{ name: 'SELECT', command: '00 A4 00 00 02 3F 00', response: '6F 03 84 01 41 90 00', sw: swHex(SW.NO_ERROR), us: 10, wire: [] }]);
  const env: object[] = [
    { meta: { protocolVersion: '32', implementation: { name: 'cucumber-js', version: '12' }, runtime: { name: 'node' }, os: { name: 'linux' }, cpu: { name: 'x64' } } },
    { hook: { id: 'h1', name: 'check applicability, open the card channel', sourceReference: {} } },
    { pickle: { id: 'p1', uri: 'features/iso7816/select.feature', name: 'SELECT of the MF', location: { line: 5 }, language: 'en', astNodeIds: [], tags: [{ name: '@TC:ISO-SEL-001', astNodeId: 'a' }], steps: [{ id: 's1', text: 'the terminal selects the MF', type: 'Action', astNodeIds: [] }] } },
    { pickle: { id: 'p2', uri: 'features/iso7816/select.feature', name: 'SELECT by name', location: { line: 10 }, language: 'en', astNodeIds: [], tags: [], steps: [{ id: 's2', text: 'the card answers', type: 'Outcome', astNodeIds: [] }] } },
    { testRunStarted: { timestamp: ts(0) } },
    { testCase: { id: 'c1', pickleId: 'p1', testSteps: [{ id: 't0', hookId: 'h1' }, { id: 't1', pickleStepId: 's1' }] } },
    { testCase: { id: 'c2', pickleId: 'p2', testSteps: [{ id: 't2', pickleStepId: 's2' }] } },
    { testCaseStarted: { id: 'r1', testCaseId: 'c1', timestamp: ts(1), attempt: 0 } },
    { testStepFinished: { testCaseStartedId: 'r1', testStepId: 't0', testStepResult: { status: 'PASSED', duration: d }, timestamp: ts(1) } },
    { attachment: { testCaseStartedId: 'r1', testStepId: 't1', mediaType: 'application/vnd.sscc.apdu-trace+json', body: trace, contentEncoding: 'IDENTITY' } },
    { testStepFinished: { testCaseStartedId: 'r1', testStepId: 't1', testStepResult: { status: 'PASSED', duration: d }, timestamp: ts(1) } },
    { testCaseFinished: { testCaseStartedId: 'r1', timestamp: ts(2), willBeRetried: false } },
    { testCaseStarted: { id: 'r2', testCaseId: 'c2', timestamp: ts(2), attempt: 0 } },
    { testStepFinished: { testCaseStartedId: 'r2', testStepId: 't2', testStepResult: { status: 'FAILED', duration: d, message: 'card said <b>x</b>', exception: { type: 'NonConformance', message: '卡号 "\x1b[2J" <script>alert(1)</script>' } }, timestamp: ts(2) } },
    { testCaseFinished: { testCaseStartedId: 'r2', timestamp: ts(3), willBeRetried: false } },
    { testRunFinished: { success: false, timestamp: ts(3) } },
  ];
  return env.map((e) => JSON.stringify(e)).join('\n') + '\n';
}

/** What every rendering of a report must hold: schema, well-formed junit.xml, no card markup in the HTML. */
function checkRendered(report: Report): void {
  const sealed = seal(report);
  const problems = reportProblems(sealed);
  if (problems.length) fail(`the report does not match its schema: ${problems.join('; ')}`);
  try {
    parseXml(renderJunit(sealed));
  } catch (e) {
    fail(`junit.xml is not well-formed XML: ${(e as Error).message}`);
  }
  const html = renderHtml(sealed, 'en');
  if (CARD_MARKUP.test(html)) fail('report.html holds card markup unescaped');
}

const ndjsonTarget = (): FuzzTarget<string> => {
  let plan: Plan | undefined;
  let lines: string[] | undefined;
  const setup = () => {
    plan ??= samplePlan() as Plan;
    lines ??= sampleStream().trimEnd().split('\n');
    return { plan, lines };
  };
  return {
    name: 'messages-ndjson',
    weight: 1,
    allowed: [UsageError],
    generate(rng) {
      const { lines: base } = setup();
      const out = [...base];
      for (let k = 1 + rng.int(3); k > 0; k--) {
        const i = rng.int(out.length);
        switch (rng.int(6)) {
          case 0:
            out.splice(i, 1);
            break;
          case 1:
            out.splice(i, 0, out[i] as string);
            break;
          case 2: {
            const j = rng.int(out.length);
            [out[i], out[j]] = [out[j] as string, out[i] as string];
            break;
          }
          case 3:
            out[i] = (out[i] as string).slice(0, rng.int((out[i] as string).length));
            break;
          default:
            out[i] = mutateText(rng, out[i] as string, [...JSON_TOKENS, ...HOSTILE_TEXT.map((t) => JSON.stringify(t))]);
        }
      }
      return out.join('\n') + (rng.chance(0.8) ? '\n' : '');
    },
    check(text) {
      const { plan: p } = setup();
      checkRendered(rebuildFromText(p, sampleEnvironment(), text).report);
    },
    show: (t) => t,
  };
};

const renderTarget = (): FuzzTarget<string[]> => {
  let base: Report | undefined;
  return {
    name: 'report-render',
    weight: 1,
    allowed: [],
    generate(rng) {
      const pick = () => (rng.chance(0.5) ? rng.pick(HOSTILE_TEXT) : '') + String.fromCharCode(...Array.from({ length: rng.int(8) }, () => rng.int(0x10000))) + (rng.chance(0.5) ? rng.pick(HOSTILE_TEXT) : '');
      return [pick(), pick(), pick()];
    },
    check([title, reason, step]) {
      base ??= rebuildFromText(samplePlan() as Plan, sampleEnvironment(), sampleStream()).report;
      const r = structuredClone(base);
      for (const c of r.cases) {
        c.title = title as string;
        c.reason = reason as string;
        c.failedStep = step as string;
        c.verdict = 'FAIL';
      }
      r.product = { ...r.product, model: title as string };
      checkRendered(r);
    },
    show: (parts) => JSON.stringify(parts),
  };
};

/** Every target: card-sim once per image and once with defects, the session, every parser. */
export function allTargets(): FuzzTarget[] {
  const corpus = tlvCorpus();
  const cmds = commandCorpus(IMAGES.reference as CardImage);
  return [
    ...Object.keys(IMAGES).map((name) => cardSimTarget(name, false)),
    cardSimTarget('reference', true),
    sessionTarget(),
    berTarget(corpus),
    simpleTarget(corpus),
    commandTarget(cmds),
    encodeTarget(),
    responseTarget(corpus),
    bytesTarget(corpus),
    profileTarget(),
    planTarget(),
    atrTarget(),
    dolTarget(corpus),
    outcomeTarget(),
    ndjsonTarget(),
    renderTarget(),
  ] as FuzzTarget[];
}
