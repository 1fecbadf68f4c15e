/**
 * What the fuzzer feeds and what it holds each consumer to (issues 9, 18). Each target is a fast-check
 * arbitrary and a check: the check throws Finding when an oracle is broken; any other exception that
 * escapes and is not one of the target's documented error classes is a finding too. `oracle` says what
 * the check holds (printed by `npm run fuzz -- --help`, listed in the README).
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { CARD_DEFECTS, type CardImage, type DefectId, IMAGES, allDfs, buildTree, cardMaker, createCard, fci } from '../../card-sim/index.ts';
import { ApduFormatError, type CommandApdu, encodeCommand, parseCommand } from '../apdu/command.ts';
import { commandName } from '../apdu/names.ts';
import { encodeResponse, parseResponse, swHex } from '../apdu/response.ts';
import { describeSw, notRefused, SW, SW1, wrongLe } from '../apdu/sw.ts';
import { decodeCn, decodeN, encodeCn, encodeN } from '../bytes/bcd.ts';
import { HexError, concat, equal, fromHex, toHex } from '../bytes/hex.ts';
import { decodeAn, decodeGbk, encodeAn, encodeGbk } from '../bytes/text.ts';
import { parsePlan, PlanError } from '../plan/load.ts';
import { ProfileError, parseProfile } from '../profile/load.ts';
import { decodeTrace } from '../report/decode.ts';
import { AtrError, parseAtr } from '../iso7816/atr.ts';
import { parseDol, buildDolData, splitDolData } from '../tlv/dol.ts';
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
import type { CardChannel, Protocol } from '../apdu/channel.ts';
import { CardSession, MAX_RESPONSE_BYTES } from '../apdu/session.ts';
import { NonConformance, TransportError } from '../verdict/errors.ts';
import { dx } from '../verdict/messages.ts';
import { HOSTILE_TEXT, type TextEdit, applyTextEdits, textEdit, byte, bytesFrom, hostileString, mutated, mutatedText } from './arbitraries.ts';

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
  arbitrary: fc.Arbitrary<I>;
  /** True when check returns a promise. */
  async?: boolean;
  check(input: I): void | Promise<void>;
  /** The input, printable, for the report of a finding. */
  show(input: I): string;
  /** What the check holds, in a line. */
  oracle: string;
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
    cla,
    ins,
    p1,
    p2,
    data: Uint8Array.from(data ?? []),
    ...(ne === undefined ? {} : { ne }),
  });
  for (const df of allDfs(buildTree(image))) {
    if (df.name)
      out.push(
        c(0, 0xa4, 4, 0, df.name, 256),
        c(0, 0xa4, 4, 0, df.name.subarray(0, 3), 256),
        c(0, 0xa4, 4, 2, df.name.subarray(0, 5), 256),
        c(0, 0xa4, 4, 0x0c, df.name),
      );
    if (df.fid !== undefined) out.push(c(0, 0xa4, 0, 0, [df.fid >> 8, df.fid & 0xff]), c(0, 0xa4, 1, 0, [df.fid >> 8, df.fid & 0xff]));
    for (const ef of df.children) {
      if (ef.kind !== 'EF') continue;
      out.push(c(0, 0xa4, 2, 0, [ef.fid >> 8, ef.fid & 0xff]), c(0, 0xa4, 8, 0, [0x3f, 0x00, ef.fid >> 8, ef.fid & 0xff]));
      if (ef.sfi !== undefined) {
        out.push(
          c(0, 0xb0, 0x80 | ef.sfi, 0, undefined, 16),
          c(0, 0xb2, 1, (ef.sfi << 3) | 4, undefined, 256),
          c(0, 0xb2, 1, (ef.sfi << 3) | 5, undefined, 256),
          c(0, 0xb2, 2, (ef.sfi << 3) | 0, undefined, 256),
        );
      }
    }
  }
  out.push(
    c(0, 0xb0, 0, 0, undefined, 256),
    c(0, 0xb0, 1, 0x20, undefined, 8),
    c(0, 0xb2, 0, 4, undefined, 0x10),
    c(0, 0x84, 0, 0, undefined, 8),
    c(0, 0x84, 0, 0, undefined, 4),
    c(0, 0x84, 0, 0, undefined, 16),
    c(0, 0x20, 0, 0),
    c(0, 0x20, 0, 0, [0x12, 0x34, 0x56]),
    c(0, 0x20, 0, 0, [0x65, 0x43, 0x21]),
    c(0, 0x20, 0, 0, [0x12, 0x34, 0x5f]),
    c(0, 0xc0, 0, 0, undefined, 0x10),
    c(0, 0xc0, 0, 0, undefined, 256),
    c(0, 0xa4, 3, 0),
  );
  return out.map(encodeCommand);
}

/** A command APDU with a random header and lengths (Ne absent, short or extended). */
const wellFormedCommand: fc.Arbitrary<CommandApdu> = fc.record(
  {
    cla: fc.constantFrom(...CLASSES),
    ins: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...INSTRUCTIONS) }, { weight: 1, arbitrary: byte }),
    p1: byte,
    p2: byte,
    data: fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ maxLength: 260 })),
    ne: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 256 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 65536 }) }),
  },
  { requiredKeys: ['cla', 'ins', 'p1', 'p2', 'data'] },
);

function encodeOr5(c: CommandApdu): Uint8Array {
  try {
    return encodeCommand(c);
  } catch {
    return Uint8Array.of(c.cla & 0xff, c.ins & 0xff, c.p1 & 0xff, c.p2 & 0xff, 0);
  }
}

/** Command bytes: random, well-formed, from the corpus, or a corpus command mutated. */
function commandBytes(corpus: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    { weight: 1, arbitrary: wellFormedCommand.map(encodeOr5) },
    { weight: 1, arbitrary: fc.constantFrom(...corpus) },
    { weight: 3, arbitrary: mutated(corpus) },
  );
}

// ---- card-sim -------------------------------------------------------------------------------------

type SimStep = { reset: true } | { apdu: Uint8Array };
interface SimInput {
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
  const ids = CARD_DEFECTS.map((d) => d.id) as DefectId[];
  // A card per input: from a maker of the input's defects (made once per set, createCard's work but the
  // tree and state), or from createCard itself for the second run of `twice`, which so also holds the
  // maker's card to createCard's.
  const makers = new Map<string, ReturnType<typeof cardMaker>>();
  const makerOf = (defects: readonly DefectId[]) => {
    const key = defects.join(',');
    let make = makers.get(key);
    if (!make) {
      if (makers.size >= 256) makers.clear();
      makers.set(key, (make = cardMaker(image, defects)));
    }
    return make;
  };
  const run = (input: SimInput, fresh: boolean): string[] => {
    const internal: unknown[] = [];
    const onInternalError = (e: unknown) => internal.push(e);
    const card = fresh
      ? createCard(image, { seed: input.seed, defects: input.defects, onInternalError })
      : makerOf(input.defects)({ seed: input.seed, onInternalError });
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
      if (internal.length)
        fail(`${at}: internal error turned into 6F00: ${internal[0] instanceof Error ? (internal[0].stack ?? internal[0].message) : String(internal[0])}`);
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
  const step: fc.Arbitrary<SimStep> = fc.oneof(
    { weight: 1, arbitrary: fc.constant({ reset: true as const }) },
    { weight: 19, arbitrary: commandBytes(corpus).map((apdu) => ({ apdu })) },
  );
  const defects: fc.Arbitrary<DefectId[]> = withDefects
    ? fc.oneof(
        fc.constantFrom(...ids).map((id) => [id]),
        fc.subarray(ids),
      )
    : fc.constant([]);
  return {
    name: withDefects ? `card-sim:${imageName}+defects` : `card-sim:${imageName}`,
    weight: 8,
    allowed: [],
    oracle: withDefects
      ? 'random catalogue defects on: never throws, no internal error (6F00 from a caught exception), SW1 SW2 always; same answers for the same seed (one input in eight run again on a card from createCard)'
      : strict
        ? 'never throws, no internal error, SW1 6X/9X, no data with an error SW, no more data than Ne, 6700 for malformed lengths; same answers for the same seed (one input in eight run again on a card from createCard)'
        : 'a non-conformant image: never throws, no internal error, SW1 SW2 always; deterministic',
    arbitrary: fc.record({
      defects,
      seed: fc.constantFrom('fuzz0', 'fuzz1', 'fuzz2', 'fuzz3'),
      steps: fc.array(step, { minLength: 1, maxLength: 16 }),
      twice: fc.oneof({ weight: 7, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
    check(input) {
      const first = run(input, false);
      if (input.twice) {
        const second = run(input, true);
        const i = first.findIndex((a, k) => a !== second[k]);
        if (i >= 0) fail(`not deterministic: step ${i} answered ${first[i]}, then ${second[i]} on a card from createCard, for the same seed`);
      }
    },
    show: (input) =>
      `image ${imageName}${input.defects.length ? ` defects ${input.defects.join(',')}` : ''} seed ${input.seed}\n` +
      input.steps.map((s) => ('reset' in s ? '  reset' : `  ${toHex(s.apdu, ' ')}`)).join('\n'),
  };
}

// ---- CardSession (the T=0 procedure layer over T=0 and T=1 channels) ------------------------------

/** A channel that answers from `answer` and records what it was sent. */
function recordingChannel(
  protocol: Protocol,
  answer: (command: Uint8Array, turn: number) => Uint8Array | null,
): CardChannel & { sent: Uint8Array[]; answers: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  const answers: Uint8Array[] = [];
  return {
    atr: Uint8Array.of(0x3b, 0x00),
    protocol,
    description: 'fuzz',
    sent,
    answers,
    transmit: async (command) => {
      sent.push(command.slice());
      const a = answer(command, sent.length - 1);
      if (a === null) throw new TransportError(dx('io.noResponse', { reader: 'fuzz' }));
      answers.push(a);
      return a;
    },
    reset: async () => Uint8Array.of(0x3b, 0x00),
    close: async () => {},
  };
}

const swOf = (r: Uint8Array) => ((r[r.length - 2] as number) << 8) | (r[r.length - 1] as number);

/** The command with its Le replaced by `le` (0 → 256), as ISO/IEC 7816-3 §12.2.2 says the resend after 6Cxx is. */
function resendOf(command: Uint8Array, le: number): string {
  if (command.length === 5) return toHex(Uint8Array.of(...command.subarray(0, 4), le));
  try {
    return toHex(encodeCommand({ ...parseCommand(command), ne: le === 0 ? 256 : le }));
  } catch {
    return toHex(command);
  }
}

/**
 * What any transcript of one send must show (ISO/IEC 7816-3 §12.2.2, ISO/IEC 7816-4 §5.1, §5.3.4):
 * after 61xx the next command is GET RESPONSE 00 C0 00 00 xx, after 6Cxx the previous command with
 * Le = xx, after any other status word no further command; and when the send returned, no exchange
 * brought data the command did not ask for (no Le, more than Ne, or data with an error status word).
 */
function checkTranscript(sent: readonly Uint8Array[], answers: readonly Uint8Array[], returned: boolean): void {
  for (let i = 1; i < sent.length; i++) {
    const prev = answers[i - 1] as Uint8Array;
    const sw = swOf(prev);
    const got = toHex(sent[i] as Uint8Array);
    if (sw >> 8 === SW1.MORE_DATA) {
      if (got !== `00C00000${toHex(Uint8Array.of(sw & 0xff))}`)
        fail(`after ${swHex(sw)} the session sent ${got}, not GET RESPONSE with Le = ${swHex(sw).slice(2)}`);
    } else if (sw >> 8 === SW1.WRONG_LE) {
      const want = resendOf(sent[i - 1] as Uint8Array, sw & 0xff);
      if (got !== want) fail(`after ${swHex(sw)} the session sent ${got}, not the command again with Le = ${swHex(sw).slice(2)} (${want})`);
    } else fail(`the session sent ${got} after the final status word ${swHex(sw)}`);
  }
  if (!returned) return;
  for (const [i, a] of answers.entries()) {
    const n = a.length - 2;
    if (n <= 0) continue;
    const sw1 = a[a.length - 2] as number;
    let ne: number | undefined;
    try {
      ne = parseCommand(sent[i] as Uint8Array).ne;
    } catch {
      continue; // raw bytes that are not an APDU: nothing to hold the answer against
    }
    if (ne === undefined) fail(`the session accepted ${n} data bytes to ${toHex(sent[i] as Uint8Array)}, which has no Le`);
    if (n > ne) fail(`the session accepted ${n} data bytes to ${toHex(sent[i] as Uint8Array)}, which asked for ${ne}`);
    if (sw1 >= 0x64 && sw1 <= 0x6f) fail(`the session accepted ${n} data bytes with the error status ${swHex(swOf(a))}`);
  }
}

interface HostileSession {
  protocol: Protocol;
  command: Uint8Array;
  raw: boolean;
  /** The channel's answers in turn; the last repeats. A null answer throws TransportError. */
  answers: Array<Uint8Array | null>;
}

const sessionTarget = (): FuzzTarget<HostileSession> => {
  const corpus = commandCorpus(IMAGES.reference as CardImage);
  const answer: fc.Arbitrary<Uint8Array | null> = fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: -1, max: 1 }).map((d) => new Uint8Array(MAX_RESPONSE_BYTES + d)) },
    {
      weight: 17,
      arbitrary: fc
        .tuple(
          fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ maxLength: 300 })),
          fc.oneof(fc.constantFrom(0x90, 0x61, 0x6c, 0x62, 0x63, 0x6a, 0x6f, 0x67, 0x60, 0x00), byte),
          byte,
        )
        .map(([data, sw1, sw2]) => concat(data, Uint8Array.of(sw1, sw1 === SW.NO_ERROR >> 8 ? 0 : sw2))),
    },
  );
  return {
    name: 'session',
    weight: 4,
    async: true,
    allowed: [NonConformance, TransportError],
    oracle:
      'a hostile card over T=0 and T=1: only NonConformance or TransportError; 61xx answered by GET RESPONSE Le=xx, 6Cxx by the command again with Le=xx, nothing after a final SW; no data accepted without Le, beyond Ne or with an error SW; one trace entry that decodes',
    arbitrary: fc.record({
      protocol: fc.constantFrom<Protocol>('T=0', 'T=1'),
      command: commandBytes(corpus),
      raw: fc.boolean(),
      answers: fc.array(answer, { minLength: 1, maxLength: 6 }),
    }),
    async check(input) {
      const channel = recordingChannel(input.protocol, (_c, turn) => input.answers[Math.min(turn, input.answers.length - 1)] as Uint8Array | null);
      const session = new CardSession(channel);
      let returned = false;
      try {
        const r = await session.send(input.command, { raw: input.raw });
        returned = true;
        if (r.data.length > MAX_RESPONSE_BYTES) fail(`session returned ${r.data.length} bytes`);
        const last = channel.answers.at(-1) as Uint8Array;
        if (r.sw !== swOf(last)) fail(`session returned ${swHex(r.sw)}, the card's last status word was ${swHex(swOf(last))}`);
        if (input.raw && channel.sent.length !== 1) fail(`a raw send transmitted ${channel.sent.length} commands`);
        const data = concat(...channel.answers.map((a) => a.subarray(0, a.length - 2)));
        if (!input.raw && !equal(r.data, data)) fail(`session returned ${r.data.length} data bytes, the card sent ${data.length}`);
      } finally {
        const entries = session.trace.entries;
        if (entries.length !== 1) fail(`trace holds ${entries.length} entries after one send`);
        if (entries[0]?.wire.length !== channel.answers.length)
          fail(`trace holds ${entries[0]?.wire.length} wire exchanges, the channel answered ${channel.answers.length}`);
        try {
          decodeTrace(entries, false);
        } catch (e) {
          fail(`decodeTrace threw ${String(e)}`);
        }
        if (!input.raw) checkTranscript(channel.sent, channel.answers, returned);
      }
    },
    show: (i) =>
      `${i.protocol} command ${toHex(i.command, ' ')}${i.raw ? ' (raw)' : ''}\nanswers:\n${i.answers.map((a) => (a ? `  ${toHex(a.subarray(0, 64), ' ')}${a.length > 64 ? ` … (${a.length} bytes)` : ''}` : '  TransportError')).join('\n')}`,
  };
};

/**
 * A conformant card behind the session: its response data in pieces of at most 256 bytes, sent
 * directly, after a 6Cxx (wrong Le, ISO/IEC 7816-3 §12.2.2) or through 61xx and GET RESPONSE.
 */
interface ConformantSession {
  protocol: Protocol;
  command: CommandApdu;
  mode: 'direct' | '6C' | '61';
  pieces: Uint8Array[];
  /** The status word that ends the response: 9000 or a warning that may carry data. */
  final: number;
  /** 61xx only: whether the first answer carries the first piece (T=1 cards may). */
  dataFirst: boolean;
}

const conformantSessionTarget = (): FuzzTarget<ConformantSession> => ({
  name: 'session-conformant',
  weight: 3,
  async: true,
  allowed: [],
  oracle:
    'a conformant card over T=0 and T=1 that answers directly, with 6Cxx or with 61xx chains: the session follows each as ISO/IEC 7816-3 §12.2.2 says, never throws, returns all the data and the final SW',
  arbitrary: fc
    .record({
      protocol: fc.constantFrom<Protocol>('T=0', 'T=1'),
      command: wellFormedCommand.filter((c) => c.ins !== 0xc0 && c.data.length <= 255 && (c.ne ?? 0) <= 256),
      mode: fc.constantFrom<ConformantSession['mode']>('direct', '6C', '61'),
      pieces: fc.array(fc.uint8Array({ minLength: 1, maxLength: 256 }), { minLength: 1, maxLength: 8 }),
      final: fc.constantFrom<number>(SW.NO_ERROR, SW.WARNING_SELECTED_FILE_INVALIDATED, (SW1.WARNING_CHANGED << 8) | 0xc1),
      dataFirst: fc.boolean(),
    })
    .map((s) => {
      const ne = s.command.ne;
      // What the card can send is bounded by what the command allows: no Le, no data.
      if (ne === undefined) return { ...s, mode: 'direct' as const, pieces: [] };
      if (s.mode === 'direct') return { ...s, pieces: [(s.pieces[0] as Uint8Array).subarray(0, ne)] };
      if (s.mode === '6C') return { ...s, pieces: [s.pieces[0] as Uint8Array] };
      return { ...s, dataFirst: s.dataFirst && s.protocol === 'T=1' && (s.pieces[0] as Uint8Array).length <= ne && s.pieces.length > 1 };
    }),
  async check(s) {
    const ne = s.command.ne;
    const bytes = encodeCommand(s.command);
    const sw = (v: number) => Uint8Array.of(v >> 8, v & 0xff);
    const lenByte = (n: number) => n & 0xff;
    let next = s.mode === '61' ? (s.dataFirst ? 1 : 0) : 0;
    const channel = recordingChannel(s.protocol, (cmd, turn) => {
      const hex = toHex(cmd);
      if (turn === 0) {
        if (hex !== toHex(bytes)) return sw(SW.NO_PRECISE_DIAGNOSIS);
        if (s.mode === 'direct') return concat(...s.pieces, sw(s.final));
        const first = s.pieces[0] as Uint8Array;
        if (s.mode === '6C') return first.length === ne ? concat(first, sw(s.final)) : sw(wrongLe(lenByte(first.length)));
        return s.dataFirst
          ? concat(first, sw((SW1.MORE_DATA << 8) | lenByte((s.pieces[1] as Uint8Array).length)))
          : sw((SW1.MORE_DATA << 8) | lenByte(first.length));
      }
      if (s.mode === '6C') {
        const first = s.pieces[0] as Uint8Array;
        return hex === resendOf(bytes, lenByte(first.length)) ? concat(first, sw(s.final)) : sw(SW.WRONG_LENGTH);
      }
      const piece = s.pieces[next];
      if (s.mode !== '61' || !piece || hex !== `00C00000${toHex(Uint8Array.of(lenByte(piece.length)))}`) return sw(SW.INS_NOT_SUPPORTED);
      next++;
      const after = s.pieces[next];
      return concat(piece, sw(after ? (SW1.MORE_DATA << 8) | lenByte(after.length) : s.final));
    });
    const session = new CardSession(channel);
    let r: Awaited<ReturnType<typeof session.send>>;
    try {
      r = await session.send(bytes);
    } catch (e) {
      fail(
        `the session refused a conformant card: ${String(e)}\nsent ${channel.sent.map((c) => toHex(c)).join(' | ')}\nanswers ${channel.answers.map((a) => toHex(a)).join(' | ')}`,
      );
    }
    const want = concat(...s.pieces);
    if (r.sw !== s.final || !equal(r.data, want))
      fail(
        `session returned ${toHex(r.data)} ${swHex(r.sw)}, the card's response is ${toHex(want)} ${swHex(s.final)}\nsent ${channel.sent.map((c) => toHex(c)).join(' | ')}`,
      );
    checkTranscript(channel.sent, channel.answers, true);
  },
  show: (s) =>
    `${s.protocol} ${s.mode} command ${toHex(encodeCommand(s.command), ' ')} pieces ${s.pieces.map((p) => p.length).join('+')} final ${swHex(s.final)}${s.dataFirst ? ' data with the first 61xx' : ''}`,
});

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

// ---- parsers --------------------------------------------------------------------------------------

const berTarget = (corpus: Uint8Array[]): FuzzTarget<{ bytes: Uint8Array; skipPadding: boolean; recursive: boolean; maxDepth: number }> => ({
  name: 'ber-tlv',
  weight: 4,
  allowed: [TlvError],
  oracle:
    'parseTlv: TlvError only; every object inside the buffer, its value the bytes it covers, tags 1-4 bytes, children only when constructed; buildTlv → parseTlv gives each object back; describeTlv and findTlv cope',
  arbitrary: fc.record({
    bytes: bytesFrom(corpus),
    skipPadding: fc.boolean(),
    recursive: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    maxDepth: fc.oneof({ weight: 4, arbitrary: fc.constant(16) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) }),
  }),
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
  oracle: 'parseSimpleTlv: TlvError only; build → parse gives the same objects',
  arbitrary: bytesFrom(corpus),
  check(bytes) {
    const list = parseSimpleTlv(bytes);
    const again = parseSimpleTlv(concat(...list.map((t) => buildSimpleTlv(t.tag, t.value))));
    if (again.length !== list.length || again.some((t, k) => t.tag !== list[k]?.tag || !equal(t.value, list[k].value)))
      fail('SIMPLE-TLV does not survive build → parse');
  },
  show: (b) => toHex(b, ' '),
});

const commandTarget = (corpus: Uint8Array[]): FuzzTarget<Uint8Array> => ({
  name: 'command-apdu',
  weight: 3,
  allowed: [ApduFormatError],
  oracle: 'parseCommand: ApduFormatError only; parse → encode gives the same bytes; commandName copes',
  arbitrary: fc.oneof(
    { weight: 4, arbitrary: commandBytes(corpus) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 70_000 }).map((n) => new Uint8Array(n)) },
  ),
  check(bytes) {
    const c = parseCommand(bytes);
    commandName(c);
    const again = encodeCommand(c);
    if (!equal(again, bytes)) fail(`parseCommand → encodeCommand gives ${toHex(again.subarray(0, 40), ' ')}`);
  },
  show: (b) => (b.length > 600 ? `${toHex(b.subarray(0, 16), ' ')} … (${b.length} bytes)` : toHex(b, ' ')),
});

const WEIRD_NUMBERS = [0, 1, -1, 255, 256, 257, 65535, 65536, 65537, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, -0];
const field = fc.oneof({ weight: 7, arbitrary: byte }, { weight: 3, arbitrary: fc.constantFrom(...WEIRD_NUMBERS) });
const encodeTarget = (): FuzzTarget<CommandApdu> => ({
  name: 'encode-apdu',
  weight: 1,
  allowed: [ApduFormatError],
  oracle: 'encodeCommand: ApduFormatError only (bad fields, lengths); what it encodes parses back to the same command',
  arbitrary: fc.record(
    {
      cla: field,
      ins: field,
      p1: field,
      p2: field,
      data: fc
        .oneof({ weight: 30, arbitrary: fc.integer({ min: 0, max: 300 }) }, { weight: 1, arbitrary: fc.constantFrom(255, 256, 65535, 65536) })
        .map((n) => new Uint8Array(n)),
      ne: fc.oneof(
        { weight: 5, arbitrary: fc.integer({ min: 1, max: 256 }) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 65536 }) },
        { weight: 3, arbitrary: fc.constantFrom(...WEIRD_NUMBERS) },
      ),
      extended: fc.constant(true),
    },
    { requiredKeys: ['cla', 'ins', 'p1', 'p2', 'data'] },
  ),
  check(c) {
    const bytes = encodeCommand(c);
    const back = parseCommand(bytes);
    if (back.cla !== c.cla || back.ins !== c.ins || back.p1 !== c.p1 || back.p2 !== c.p2 || back.ne !== c.ne || !equal(back.data, c.data)) {
      fail(
        `encodeCommand accepted a command that does not parse back: ${JSON.stringify({ ...c, data: c.data.length })} → ${JSON.stringify({ ...back, data: back.data.length })}`,
      );
    }
  },
  show: (c) => JSON.stringify({ ...c, data: `${c.data.length} bytes` }),
});

const responseTarget = (corpus: Uint8Array[]): FuzzTarget<Uint8Array> => ({
  name: 'response-apdu',
  weight: 1,
  allowed: [ApduFormatError],
  oracle: 'parseResponse: ApduFormatError only; parse → encode gives the same bytes; describeSw has English and Chinese text for every SW',
  arbitrary: bytesFrom(corpus, 300),
  check(bytes) {
    const r = parseResponse(bytes);
    if (!equal(encodeResponse(r), bytes)) fail('parseResponse → encodeResponse changes the bytes');
    const m = describeSw(r.sw);
    if (!m.en || !m.zh) fail(`describeSw(${swHex(r.sw)}) has no text`);
  },
  show: (b) => toHex(b, ' '),
});

const hexTarget = (): FuzzTarget<{ bytes: Uint8Array; separator: string; text: string }> => ({
  name: 'hex',
  weight: 1,
  allowed: [HexError],
  oracle: 'toHex → fromHex gives the bytes back (any separator); fromHex of any text: HexError only, and what it accepts prints back as its digits',
  arbitrary: fc.record({
    bytes: fc.uint8Array({ maxLength: 64 }),
    separator: fc.constantFrom('', ' ', ':'),
    text: fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF :\n\tgxZ-'), maxLength: 40 }),
  }),
  check(i) {
    if (!equal(fromHex(toHex(i.bytes, i.separator)), i.bytes)) fail('toHex → fromHex changes the bytes');
    const parsed = fromHex(i.text);
    if (toHex(parsed) !== i.text.replace(/[\s:]/g, '').toUpperCase()) fail('fromHex → toHex changes the digits');
  },
  show: (i) => `${toHex(i.bytes, i.separator)} / ${JSON.stringify(i.text)}`,
});

const bcdTarget = (): FuzzTarget<{ digits: string; length: number; bytes: Uint8Array }> => ({
  name: 'bcd',
  weight: 1,
  allowed: [HexError],
  oracle:
    'cn and n (JR/T 0025, 社会保障卡规范 §7): encode → decode gives the digits back (cn up to its F pad, n left-padded with 0); decodeCn/decodeN of any bytes: HexError only, and what they accept encodes back to the bytes',
  arbitrary: fc.record({
    digits: fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 20 }),
    length: fc.integer({ min: 0, max: 12 }),
    bytes: fc.uint8Array({ maxLength: 12 }),
  }),
  check(i) {
    if (i.digits.length <= i.length * 2) {
      const cn = decodeCn(encodeCn(i.digits, i.length));
      if (cn !== i.digits) fail(`cn "${i.digits}" in ${i.length} bytes decodes as "${cn}"`);
      if (i.digits.length) {
        const n = decodeN(encodeN(i.digits, i.length));
        if (n !== i.digits.padStart(i.length * 2, '0')) fail(`n "${i.digits}" in ${i.length} bytes decodes as "${n}"`);
      }
    }
    let cn: string | undefined;
    try {
      cn = decodeCn(i.bytes);
    } catch (e) {
      if (!(e instanceof HexError)) throw e;
    }
    if (cn !== undefined && !equal(encodeCn(cn, i.bytes.length), i.bytes)) fail(`decodeCn gives "${cn}", which encodes to other bytes`);
    let n: string | undefined;
    try {
      n = decodeN(i.bytes);
    } catch (e) {
      if (!(e instanceof HexError)) throw e;
    }
    if (n && !equal(encodeN(n, i.bytes.length), i.bytes)) fail(`decodeN gives "${n}", which encodes to other bytes`);
  },
  show: (i) => `digits "${i.digits}" length ${i.length} bytes ${toHex(i.bytes)}`,
});

/** Characters GBK holds: ASCII and the CJK Unified Ideographs U+4E00–U+9FA5 (GBK covers them all), and ·（）. */
const gbkChar = fc
  .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x4e00, max: 0x9fa5 }), fc.constantFrom(0xb7, 0xff08, 0xff09, 0x3000))
  .map((c) => String.fromCharCode(c));

const gbkTarget = (): FuzzTarget<{ text: string; pad: number; bytes: Uint8Array }> => ({
  name: 'gbk',
  weight: 1,
  allowed: [],
  oracle: 'an/GBK (社会保障卡规范 §7): encodeGbk → decodeGbk and encodeAn → decodeAn give the text back; decodeGbk and decodeAn of any bytes never throw',
  arbitrary: fc.record({ text: fc.string({ unit: gbkChar, maxLength: 20 }), pad: fc.integer({ min: 0, max: 8 }), bytes: fc.uint8Array({ maxLength: 64 }) }),
  check(i) {
    const g = decodeGbk(encodeGbk(i.text));
    if (g !== i.text) fail(`GBK round trip of ${JSON.stringify(i.text)} gives ${JSON.stringify(g)}`);
    const trimmed = i.text.replace(/ +$/, '');
    const raw = encodeGbk(trimmed).length;
    const an = decodeAn(encodeAn(trimmed, raw + i.pad));
    if (an !== trimmed) fail(`an round trip of ${JSON.stringify(trimmed)} gives ${JSON.stringify(an)}`);
    decodeGbk(i.bytes);
    decodeAn(i.bytes);
  },
  show: (i) => `${JSON.stringify(i.text)} pad ${i.pad} / ${toHex(i.bytes)}`,
});

const TEXT_TOKENS = [
  '',
  'null',
  '~',
  '[]',
  '{}',
  '-1',
  '0',
  '1e309',
  'true',
  '"2.0"',
  '2.0',
  'T=0',
  '[T=0, T=1]',
  '[3DES, AES]',
  'sim',
  'pcsc',
  'reference',
  'hostile',
  'nosuch',
  'constructor',
  '__proto__',
  '!!binary AAAA',
  '&a x',
  '*a',
  '<<: *a',
  '"\\u0000"',
  "'",
  '"',
  '{',
  '[',
  ':',
  '- ',
  '#',
  '|',
  '>',
  '\t',
  'x'.repeat(300),
  '12345678901234567890',
  '"123456"',
  '0x10',
  '-.inf',
  '.nan',
  '2026-11-22',
];

const profileTarget = (): FuzzTarget<string> => {
  const dir = new URL('profiles/', ROOT);
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(new URL(f, dir), 'utf8'));
  return {
    name: 'profile',
    weight: 2,
    allowed: [ProfileError],
    oracle: 'parseProfile over every profile in profiles/ mutated (lines, values, keys such as __proto__, bytes): ProfileError only',
    arbitrary: mutatedText(texts, TEXT_TOKENS),
    check(text) {
      parseProfile(text, 'fuzz.yaml');
    },
    show: (t) => t,
  };
};

const planTarget = (): FuzzTarget<{ text: string; fixDigest: boolean }> => {
  const base = JSON.stringify(samplePlan(), null, 2);
  const tokens = [...TEXT_TOKENS.filter((t) => !t.includes('\n')), '"x",', '{},', '[],', 'null,', '1,', '"sscc-plan/1",', '"features/../x.feature",'];
  return {
    name: 'plan',
    weight: 1,
    allowed: [PlanError],
    oracle: 'parsePlan over a plan mutated, half of them with the digest made right so that the checks behind it are reached: PlanError only',
    arbitrary: fc.record({ text: mutatedText([base], tokens), fixDigest: fc.boolean() }),
    check({ text, fixDigest }) {
      let t = text;
      if (fixDigest) {
        try {
          const v = JSON.parse(text) as unknown;
          if (v && typeof v === 'object' && !Array.isArray(v)) t = JSON.stringify({ ...v, sha256: planDigest(v) });
        } catch {
          /* not JSON: as it is */
        }
      }
      parsePlan(t, 'fuzz-plan.json', { keys: false });
    },
    show: (i) => `${i.fixDigest ? '(digest made right) ' : ''}${i.text}`,
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
      {
        id: 'ISO-SEL-001',
        name: 'SELECT of the MF',
        uri: 'features/iso7816/select.feature',
        line: 5,
        feature: 'SELECT',
        area: 'iso7816',
        tags: ['@TC:ISO-SEL-001'],
        requirements: ['ISO7816-4 7.1.1'],
        applicable: true,
      },
      {
        id: 'ISO-SEL-002',
        name: 'SELECT by name',
        uri: 'features/iso7816/select.feature',
        line: 10,
        feature: 'SELECT',
        area: 'iso7816',
        tags: [],
        requirements: [],
        applicable: false,
        reason: 'x',
      },
    ],
  };
}

// ---- ATR, DOL, terminal outcome ---------------------------------------------------------------------

/** The ATR's bytes again from what parseAtr read: TS, T0, the interface bytes in order, historical bytes, TCK. */
function atrBytes(a: ReturnType<typeof parseAtr>): Uint8Array {
  const has = (n: string, i: number) => a.interfaceBytes[`${n}${i}`] !== undefined;
  const mask = (i: number) => (has('TA', i) ? 1 : 0) | (has('TB', i) ? 2 : 0) | (has('TC', i) ? 4 : 0) | (has('TD', i) ? 8 : 0);
  const out = [a.ts, (mask(1) << 4) | a.historical.length];
  for (let i = 1; ; i++) {
    for (const n of ['TA', 'TB', 'TC', 'TD']) if (has(n, i)) out.push(a.interfaceBytes[`${n}${i}`] as number);
    const td = a.interfaceBytes[`TD${i}`];
    if (td === undefined) break;
    if (td >> 4 !== mask(i + 1)) fail(`TD${i} ${td.toString(16)} announces other interface bytes than were read`);
  }
  out.push(...a.historical);
  if (a.tck !== undefined) out.push(a.tck);
  return Uint8Array.from(out);
}

const atrTarget = (): FuzzTarget<Uint8Array> => {
  const atrs = Object.values(IMAGES).map((i) => fromHex(i.atr.replace(/\s/g, '')));
  return {
    name: 'atr',
    weight: 1,
    allowed: [AtrError],
    oracle:
      'parseAtr (ISO/IEC 7816-3 §8.2): AtrError only; what it reads (TS, T0, interface bytes, historical bytes, TCK) rebuilds the same bytes; tckValid is the XOR check',
    arbitrary: fc.oneof({ weight: 3, arbitrary: fc.uint8Array({ maxLength: 40 }) }, { weight: 7, arbitrary: mutated(atrs) }),
    check(atr) {
      const a = parseAtr(atr);
      if (!equal(atrBytes(a), atr))
        fail(`parseAtr read ${JSON.stringify(a.interfaceBytes)} historical ${toHex(a.historical)}, which rebuild to ${toHex(atrBytes(a))}`);
      if (a.tck !== undefined && a.tckValid !== (atr.subarray(1).reduce((x, b) => x ^ b, 0) === 0)) fail('tckValid disagrees with the XOR of T0 … TCK');
    },
    show: (a) => toHex(a),
  };
};

const dolTarget = (corpus: readonly Uint8Array[]): FuzzTarget<{ dol: Uint8Array; seed: number }> => {
  const dols = [
    fromHex('9F02069F03069F1A0295055F2A029A039C019F3704'),
    fromHex('9F66049F02069F37045F2A02'),
    fromHex('8A025F2A02'),
    fromHex('9F81820102'),
    fromHex('9F7A019F02065F2A02DF6901'),
  ];
  return {
    name: 'dol',
    weight: 1,
    allowed: [TlvError],
    oracle:
      'parseDol (JR/T 0025.5 §5.4): TlvError only; its entries encode back to the input; data built from it has the listed lengths and splits back into the same values',
    arbitrary: fc.record({
      dol: fc.oneof({ weight: 3, arbitrary: fc.uint8Array({ maxLength: 40 }) }, { weight: 7, arbitrary: mutated(dols, [...dols, ...corpus.slice(0, 20)]) }),
      seed: fc.nat(),
    }),
    check({ dol, seed }) {
      const entries = parseDol(dol);
      const back = concat(...entries.map((e) => concat(fromHex(e.tag), Uint8Array.of(e.length))));
      if (!equal(back, dol)) fail(`DOL entries do not encode back to the input: ${toHex(back)}`);
      if (new Set(entries.map((e) => e.tag)).size !== entries.length) return; // a tag listed twice: one value per tag
      const values: Record<string, Uint8Array> = {};
      for (const [k, e] of entries.entries()) values[e.tag] = Uint8Array.from({ length: e.length }, (_, j) => (seed + 31 * k + j) & 0xff);
      const data = buildDolData(entries, values);
      const split = splitDolData(entries, data);
      for (const e of entries)
        if (!equal(split[e.tag] as Uint8Array, values[e.tag] as Uint8Array)) fail(`DOL data for ${e.tag} does not split back into its value`);
    },
    show: (d) => toHex(d.dol),
  };
};

const OUTCOMES = [
  { result: 'success', code: 0, output: '110100|D2143569X|' },
  { result: 'approved', tvr: '0000000000', tsi: 'E800', cid: '40' },
  { result: 'declined', reason: 'x' },
  { result: 'error', code: -1 },
];
const JSON_TOKENS = [
  'null',
  '1',
  '-1',
  '1e309',
  '"x"',
  '[]',
  '{}',
  'true',
  '"\\u0000"',
  '"\\ud800"',
  '"success"',
  '{"result":"success"}',
  '[1,[2,[3]]]',
  '"__proto__"',
  '"constructor"',
  '"' + 'a'.repeat(200) + '"',
];
const RESULTS = ['success', 'approved', 'declined', 'online', 'refused', 'cancelled', 'error'];

const outcomeTarget = (): FuzzTarget<string> => ({
  name: 'terminal-outcome',
  weight: 1,
  allowed: [DriverError],
  oracle:
    "checkOutcome (the command driver's parser) over mutated outcomes and arbitrary JSON: DriverError only; an accepted outcome has one of the documented results",
  arbitrary: fc.oneof(
    {
      weight: 3,
      arbitrary: mutatedText(
        OUTCOMES.map((o) => JSON.stringify(o).replace(/,/g, ',\n')),
        JSON_TOKENS,
      ).map((t) => t.replace(/\n/g, '')),
    },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
    {
      weight: 1,
      arbitrary: fc
        .record({ result: fc.oneof(fc.constantFrom(...RESULTS), fc.string()) }, { requiredKeys: [] })
        .chain((o) =>
          fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }).map((extra) => JSON.stringify({ ...extra, ...o })),
        ),
    },
  ),
  check(text) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return; // the driver says "not JSON" before it checks: nothing to check here
    }
    const o = checkOutcome(value, 'fuzz');
    if (typeof o.result !== 'string' || !RESULTS.includes(o.result)) fail(`an accepted outcome with result ${JSON.stringify(o.result)}`);
  },
  show: (t) => t,
});

// ---- message stream, report rendering -----------------------------------------------------------

const CARD_MARKUP = /<script>alert\(1\)<\/script>|<img src=x onerror/;

function sampleEnvironment(): Environment {
  return {
    tool: { name: 'sscc', version: '0.1.0' },
    node: 'v20',
    platform: 'fuzz',
    host: 'fuzz',
    target: { kind: 'sim', description: 'card-sim image "reference"' },
    startedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** A message stream of the two scenarios of samplePlan: one passes, one fails with card text in its error. */
function sampleStream(): string {
  const ts = (s: number) => ({ seconds: 1767225600 + s, nanos: 0 });
  const d = { seconds: 0, nanos: 1000000 };
  const trace = JSON.stringify([
    { name: 'SELECT', command: '00 A4 00 00 02 3F 00', response: '6F 03 84 01 41 90 00', sw: swHex(SW.NO_ERROR), us: 10, wire: [] },
  ]);
  const env: object[] = [
    {
      meta: {
        protocolVersion: '32',
        implementation: { name: 'cucumber-js', version: '12' },
        runtime: { name: 'node' },
        os: { name: 'linux' },
        cpu: { name: 'x64' },
      },
    },
    { hook: { id: 'h1', name: 'check applicability, open the card channel', sourceReference: {} } },
    {
      pickle: {
        id: 'p1',
        uri: 'features/iso7816/select.feature',
        name: 'SELECT of the MF',
        location: { line: 5 },
        language: 'en',
        astNodeIds: [],
        tags: [{ name: '@TC:ISO-SEL-001', astNodeId: 'a' }],
        steps: [{ id: 's1', text: 'the terminal selects the MF', type: 'Action', astNodeIds: [] }],
      },
    },
    {
      pickle: {
        id: 'p2',
        uri: 'features/iso7816/select.feature',
        name: 'SELECT by name',
        location: { line: 10 },
        language: 'en',
        astNodeIds: [],
        tags: [],
        steps: [{ id: 's2', text: 'the card answers', type: 'Outcome', astNodeIds: [] }],
      },
    },
    { testRunStarted: { timestamp: ts(0) } },
    {
      testCase: {
        id: 'c1',
        pickleId: 'p1',
        testSteps: [
          { id: 't0', hookId: 'h1' },
          { id: 't1', pickleStepId: 's1' },
        ],
      },
    },
    { testCase: { id: 'c2', pickleId: 'p2', testSteps: [{ id: 't2', pickleStepId: 's2' }] } },
    { testCaseStarted: { id: 'r1', testCaseId: 'c1', timestamp: ts(1), attempt: 0 } },
    { testStepFinished: { testCaseStartedId: 'r1', testStepId: 't0', testStepResult: { status: 'PASSED', duration: d }, timestamp: ts(1) } },
    { attachment: { testCaseStartedId: 'r1', testStepId: 't1', mediaType: 'application/vnd.sscc.apdu-trace+json', body: trace, contentEncoding: 'IDENTITY' } },
    { testStepFinished: { testCaseStartedId: 'r1', testStepId: 't1', testStepResult: { status: 'PASSED', duration: d }, timestamp: ts(1) } },
    { testCaseFinished: { testCaseStartedId: 'r1', timestamp: ts(2), willBeRetried: false } },
    { testCaseStarted: { id: 'r2', testCaseId: 'c2', timestamp: ts(2), attempt: 0 } },
    {
      testStepFinished: {
        testCaseStartedId: 'r2',
        testStepId: 't2',
        testStepResult: {
          status: 'FAILED',
          duration: d,
          message: 'card said <b>x</b>',
          exception: { type: 'NonConformance', message: '卡号 "\x1b[2J" <script>alert(1)</script>' },
        },
        timestamp: ts(2),
      },
    },
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

type StreamEdit = { k: 'lines'; edits: TextEdit[] } | { k: 'field'; line: number; edits: TextEdit[] };

/** A message stream edited: whole lines (dropped, doubled, swapped, cut) and fields inside a line. */
function streamArbitrary(base: string): fc.Arbitrary<{ text: string; newline: boolean }> {
  const tokens = [...JSON_TOKENS, ...HOSTILE_TEXT.map((t) => JSON.stringify(t))];
  const textEdits = fc.array(textEdit(), { minLength: 1, maxLength: 3 });
  const edit: fc.Arbitrary<StreamEdit> = fc.oneof(fc.record({ k: fc.constant('lines' as const), edits: textEdits }), {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('field' as const), line: fc.nat({ max: 64 }), edits: textEdits }),
  });
  return fc
    .record({
      edits: fc.array(edit, { minLength: 1, maxLength: 3 }),
      newline: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    })
    .map(({ edits: list, newline }) => {
      let lines = base.trimEnd().split('\n');
      for (const e of list) {
        if (e.k === 'lines') lines = applyTextEdits(lines.join('\n'), e.edits, tokens).split('\n');
        else {
          const i = e.line % Math.max(lines.length, 1);
          lines[i] = applyTextEdits((lines[i] ?? '').split(',').join('\n'), e.edits, tokens)
            .split('\n')
            .join(',');
        }
      }
      return { text: lines.join('\n') + (newline ? '\n' : ''), newline };
    });
}

const ndjsonTarget = (): FuzzTarget<{ text: string }> => {
  const plan = samplePlan() as Plan;
  return {
    name: 'messages-ndjson',
    weight: 1,
    allowed: [UsageError],
    oracle:
      'the report rebuild over a message stream with lines dropped, doubled, swapped, cut and fields replaced (hostile text included): UsageError only; the report matches its schema, junit.xml is well-formed XML 1.0 (saxes), report.html holds no card markup unescaped',
    arbitrary: streamArbitrary(sampleStream()),
    check({ text }) {
      checkRendered(rebuildFromText(plan, sampleEnvironment(), text).report);
    },
    show: (t) => t.text,
  };
};

const renderTarget = (): FuzzTarget<string[]> => {
  let base: Report | undefined;
  return {
    name: 'report-render',
    weight: 1,
    allowed: [],
    oracle:
      'junit.xml and report.html of a report whose card text (titles, reasons, steps, product) is hostile: the report matches its schema, well-formed XML 1.0, no card markup unescaped in the HTML',
    arbitrary: fc.array(hostileString, { minLength: 3, maxLength: 3 }),
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

/** Every target: card-sim once per image and once with defects, the session, every parser and renderer. */
export function allTargets(): FuzzTarget[] {
  const corpus = tlvCorpus();
  const cmds = commandCorpus(IMAGES.reference as CardImage);
  return [
    ...Object.keys(IMAGES).map((name) => cardSimTarget(name, false)),
    cardSimTarget('reference', true),
    sessionTarget(),
    conformantSessionTarget(),
    berTarget(corpus),
    simpleTarget(corpus),
    commandTarget(cmds),
    encodeTarget(),
    responseTarget(corpus),
    hexTarget(),
    bcdTarget(),
    gbkTarget(),
    profileTarget(),
    planTarget(),
    atrTarget(),
    dolTarget(corpus),
    outcomeTarget(),
    ndjsonTarget(),
    renderTarget(),
  ] as FuzzTarget[];
}
