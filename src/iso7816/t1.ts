/**
 * T=1, the half-duplex block transmission protocol (ISO/IEC 7816-3:2006 §11): the blocks (§11.3), and
 * the interface device's side of the exchange (chaining §11.6.2.3, S-blocks RESYNCH/IFS/ABORT/WTX, and
 * the error handling of §11.6.3). The card's side is card-sim/cos/t1.ts.
 */
import { concat, fromHex, toHex } from '../bytes/hex.ts';
import { NonConformance, TransportError } from '../verdict/errors.ts';
import { type Diagnosis, dx, renderDiagnosis } from '../verdict/messages.ts';
import type { T1Parameters } from './atr.ts';

/** S-block types, PCB b5..b1 (§11.3.2.2). */
export const S_TYPE = { RESYNCH: 0, IFS: 1, ABORT: 2, WTX: 3 } as const;
export type SType = (typeof S_TYPE)[keyof typeof S_TYPE];
const S_NAMES = ['RESYNCH', 'IFS', 'ABORT', 'WTX'];

/** R-block error bits, PCB b4..b1 (§11.3.2.2): 0 error-free, 1 EDC or parity error, 2 other errors. */
export const R_ERROR = { NONE: 0, EDC: 1, OTHER: 2 } as const;

export interface Block {
  nad: number;
  pcb: number;
  inf: Uint8Array;
}

export type BlockKind = 'I' | 'R' | 'S';

export const kindOf = (pcb: number): BlockKind => (pcb & 0x80 ? (pcb & 0x40 ? 'S' : 'R') : 'I');
/** I-block: b7 N(S), b6 M (more data follows). */
export const iBlock = (ns: number, more: boolean, inf: Uint8Array): Block => ({ nad: 0, pcb: ((ns & 1) << 6) | (more ? 0x20 : 0), inf });
/** R-block: b5 N(R), the N(S) of the I-block expected next. */
export const rBlock = (nr: number, error: number = R_ERROR.NONE): Block => ({ nad: 0, pcb: 0x80 | ((nr & 1) << 4) | error, inf: new Uint8Array(0) });
/** S-block: b6 0 request, 1 response. */
export const sBlock = (type: SType, response: boolean, inf: Uint8Array = new Uint8Array(0)): Block => ({
  nad: 0,
  pcb: 0xc0 | (response ? 0x20 : 0) | type,
  inf,
});

export const nsOf = (b: Block) => (b.pcb >> 6) & 1;
export const moreOf = (b: Block) => (b.pcb & 0x20) !== 0;
export const nrOf = (b: Block) => (b.pcb >> 4) & 1;
export const rErrorOf = (b: Block) => b.pcb & 0x0f;
export const sTypeOf = (b: Block) => b.pcb & 0x1f;
export const isResponse = (b: Block) => (b.pcb & 0x20) !== 0;

/** LRC: the XOR of the prologue and INF (§11.4.4). */
export function lrc(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

/** NAD PCB LEN INF LRC (§11.3.1). Only the LRC is implemented: an ATR declaring CRC is refused by T1Interface. */
export function encodeBlock(b: Block): Uint8Array {
  const body = Uint8Array.from([b.nad, b.pcb, b.inf.length, ...b.inf]);
  return Uint8Array.from([...body, lrc(body)]);
}

/** The block in `bytes`, or what is wrong with it (LEN against the bytes, LEN FF, the EDC: §11.3.1, §11.6.3.1). */
export function decodeBlock(bytes: Uint8Array): { block: Block } | { error: Diagnosis } {
  if (bytes.length < 4) return { error: dx('t1b.short', { n: bytes.length }) };
  const len = bytes[2] as number;
  if (len === 0xff) return { error: dx('t1b.lenFF') };
  if (bytes.length !== len + 4) return { error: dx('t1b.len', { len, n: bytes.length - 4 }) };
  if (lrc(bytes) !== 0) return { error: dx('t1b.lrc', { lrc: toHex(bytes.subarray(-1)) }) };
  return { block: { nad: bytes[0] as number, pcb: bytes[1] as number, inf: bytes.slice(3, 3 + len) } };
}

/** A block as a diagnosis parameter names it: I(N(S)[,M]) n bytes, R(N(R)) [error e], S(type request|response [INF]). */
export function describeBlock(b: Block): Diagnosis {
  switch (kindOf(b.pcb)) {
    case 'I':
      return dx('t1b.i', { ns: nsOf(b), more: moreOf(b) ? ',M' : '', n: b.inf.length });
    case 'R':
      return dx('t1b.r', { nr: nrOf(b), error: rErrorOf(b) ? dx('t1b.rError', { e: rErrorOf(b) }) : '' });
    default: {
      const t = sTypeOf(b);
      return dx('t1b.s', {
        type: S_NAMES[t] ?? dx('t1b.sType', { t }),
        dir: dx(isResponse(b) ? 't1b.response' : 't1b.request'),
        inf: b.inf.length ? ` ${toHex(b.inf)}` : '',
      });
    }
  }
}

/** Block waiting time in ms (§11.4.3): 11 etu + 2^BWI × 960 × Fd / f, Fd = 372 (the etu before any PPS). */
export function bwtMs(bwi: number, clockHz = 3_571_200): number {
  return ((11 * 372 + 2 ** bwi * 960 * 372) / clockHz) * 1000;
}

/** The card as a TPDU-capable reader reaches it: whole blocks each way, and when the card's block began. */
export interface TpduPort {
  /** Reset (cold: power down and up, §6.2.2; warm: §6.2.3); the ATR. */
  reset(kind: 'cold' | 'warm'): Uint8Array;
  /** One block to the card; the card's block (empty when it is mute) and how long after ours it began, in ms. */
  exchange(block: Uint8Array): { block: Uint8Array; afterMs: number };
}

export interface BlockLogEntry {
  /** IFD: the interface device sent it; ICC: the card did. */
  from: 'IFD' | 'ICC';
  bytes: string;
  /** What the block is, in English (the log as a person reads it). */
  text: string;
  /** The same as a diagnosis parameter, rendered in the report's language. */
  what: Diagnosis;
  /** For a card's block: how long after the interface device's block it began, in ms. */
  afterMs?: number;
  /** The BWT that held for it (× the WTX multiplier the card asked), in ms. */
  bwtMs?: number;
}

/** Tries of one block before the interface device gives up (§11.6.3.2: at most two retransmissions). */
const TRIES = 3;

/**
 * The interface device's T=1 (ISO/IEC 7816-3 §11.6). `transmit` carries one APDU in I-blocks of at most
 * IFSC bytes, answers the card's R-blocks and S-blocks, and gathers its chained answer, checking every card
 * block: EDC, N(S), INF ≤ IFSD, and that it began within BWT (× the multiplier of a WTX the card asked).
 * A card that breaks one of these throws NonConformance; the block log says what crossed.
 */
export class T1Interface {
  /** N(S) of the interface device's next I-block, and of the card's next one (both 0 after the ATR, §11.6.2.1). */
  ns = 0;
  cardNs = 0;
  ifsd = 32;
  readonly ifsc: number;
  readonly bwt: number;
  /** When set, command chains use blocks of this size (at most IFSC), to test the card's chaining. */
  chunk: number | undefined;
  readonly log: BlockLogEntry[] = [];
  private wtx = 1;

  constructor(
    private readonly port: TpduPort,
    params: T1Parameters,
    clockHz?: number,
  ) {
    if (params.edc === 'CRC') throw new NonConformance(dx('t1.crc'));
    this.ifsc = params.ifsc;
    this.bwt = bwtMs(params.bwi, clockHz);
  }

  /** Send bytes as they are (a block with a wrong EDC, say) and read the card's answer. */
  async sendRaw(bytes: Uint8Array, what: Diagnosis): Promise<{ block: Block } | { error: Diagnosis }> {
    this.log.push({ from: 'IFD', bytes: toHex(bytes), text: renderDiagnosis(what, 'en'), what });
    const { block: raw, afterMs } = this.port.exchange(bytes);
    if (raw.length === 0) {
      const mute = dx('t1b.mute');
      this.log.push({ from: 'ICC', bytes: '', text: renderDiagnosis(mute, 'en'), what: mute, afterMs });
      throw new TransportError(dx('io.powerCut'));
    }
    const limit = this.bwt * this.wtx;
    this.wtx = 1;
    const decoded = decodeBlock(raw);
    const answer = 'block' in decoded ? describeBlock(decoded.block) : decoded.error;
    this.log.push({ from: 'ICC', bytes: toHex(raw), text: renderDiagnosis(answer, 'en'), what: answer, afterMs, bwtMs: limit });
    if (afterMs > limit) throw new NonConformance(dx('t1.bwt', { after: afterMs.toFixed(0), limit: limit.toFixed(0) }));
    return decoded;
  }

  private async send(b: Block): Promise<{ block: Block } | { error: Diagnosis }> {
    return this.sendRaw(encodeBlock(b), describeBlock(b));
  }

  /** A card block that must be valid (a broken one is tried again with an R-block asking for it, §11.6.3.2). */
  private async valid(b: Block, expectNr: number): Promise<Block> {
    let r = await this.send(b);
    for (let t = 1; !('block' in r); t++) {
      if (t >= TRIES) throw new NonConformance(dx('t1.noValidAfter', { tries: TRIES, error: r.error }));
      r = await this.send(rBlock(expectNr, R_ERROR.EDC));
    }
    return r.block;
  }

  /** Answer the card's S-block requests (WTX, IFS, ABORT) until it sends something else. */
  private async serveRequests(first: Block, expectNr: number): Promise<Block> {
    let b = first;
    while (kindOf(b.pcb) === 'S' && !isResponse(b)) {
      const t = sTypeOf(b);
      if (t === S_TYPE.WTX) {
        this.wtx = Math.max(1, b.inf[0] ?? 1);
        b = await this.valid(sBlock(S_TYPE.WTX, true, b.inf), expectNr);
      } else if (t === S_TYPE.IFS) {
        b = await this.valid(sBlock(S_TYPE.IFS, true, b.inf), expectNr);
      } else if (t === S_TYPE.ABORT) {
        await this.send(sBlock(S_TYPE.ABORT, true));
        throw new NonConformance(dx('t1.aborted'));
      } else throw new NonConformance(dx('t1.cardRequest', { block: describeBlock(b) }));
    }
    return b;
  }

  /** One APDU: the command in I-blocks, the answer gathered from the card's I-blocks (§11.6.2.3 chaining). */
  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    const size = Math.min(this.chunk ?? this.ifsc, this.ifsc);
    const pieces: Uint8Array[] = [];
    for (let at = 0; at < apdu.length; at += size) pieces.push(apdu.subarray(at, at + size));
    if (!pieces.length) pieces.push(new Uint8Array(0));
    let answer: Block | undefined;
    for (const [i, piece] of pieces.entries()) {
      const more = i < pieces.length - 1;
      const mine = iBlock(this.ns, more, piece);
      for (let t = 0; ; t++) {
        const b = await this.serveRequests(await this.valid(mine, this.cardNs), this.cardNs);
        if (more && kindOf(b.pcb) === 'R' && nrOf(b) !== this.ns) break; // acknowledged: the card asks for the next N(S)
        if (!more && kindOf(b.pcb) === 'I') {
          answer = b;
          break;
        }
        if (kindOf(b.pcb) === 'R' && nrOf(b) === this.ns && t + 1 < TRIES) continue; // the card asks for this block again
        throw new NonConformance(
          dx('t1.answerTo', {
            block: describeBlock(b),
            mine: describeBlock(mine),
            expected: more ? dx('t1.chainAckExpected', { nr: this.ns ^ 1 }) : dx('t1.anIBlock'),
          }),
        );
      }
      this.ns ^= 1;
    }
    const parts: Uint8Array[] = [];
    for (let b = answer as Block; ; ) {
      if (nsOf(b) !== this.cardNs) throw new NonConformance(dx('t1.nsAlternates', { ns: nsOf(b), expected: this.cardNs }));
      if (b.inf.length > this.ifsd) throw new NonConformance(dx('t1.infTooLong', { n: b.inf.length, ifsd: this.ifsd }));
      parts.push(b.inf);
      this.cardNs ^= 1;
      if (!moreOf(b)) break;
      const next = await this.serveRequests(await this.valid(rBlock(this.cardNs), this.cardNs), this.cardNs);
      if (kindOf(next.pcb) !== 'I') throw new NonConformance(dx('t1.chainNext', { block: describeBlock(next), nr: this.cardNs }));
      b = next;
    }
    return concat(...parts);
  }

  /** S(IFS request) with a new IFSD; the card must answer S(IFS response) with the same value (§11.6.2.3). */
  async ifsRequest(size: number): Promise<Block> {
    const b = await this.valid(sBlock(S_TYPE.IFS, false, Uint8Array.of(size)), this.cardNs);
    if (kindOf(b.pcb) !== 'S' || sTypeOf(b) !== S_TYPE.IFS || !isResponse(b) || b.inf[0] !== size || b.inf.length !== 1)
      throw new NonConformance(dx('t1.ifsResponse', { block: describeBlock(b), size: toHex(Uint8Array.of(size)) }));
    this.ifsd = size;
    return b;
  }

  /**
   * S(IFS request) with an INF that codes no IFSD: 00 and FF are reserved, the INF is one byte (§11.4.2).
   * The card must refuse it with an R-block (§11.6.3.2: an invalid block) and keep the IFSD it had.
   */
  async invalidIfsRequest(inf: Uint8Array): Promise<Block> {
    const b = await this.valid(sBlock(S_TYPE.IFS, false, inf), this.cardNs);
    if (kindOf(b.pcb) !== 'R') throw new NonConformance(dx('t1.ifsInvalid', { block: describeBlock(b), inf: toHex(inf) }));
    return b;
  }

  /**
   * Begin a chained command with `piece` (I-block with M = 1, acknowledged by the card's R-block) and
   * abort the chain with S(ABORT request); the card must answer S(ABORT response) (§11.6.2.3).
   */
  async abortAfter(piece: Uint8Array): Promise<Block> {
    const mine = iBlock(this.ns, true, piece);
    const ack = await this.valid(mine, this.cardNs);
    if (kindOf(ack.pcb) !== 'R' || nrOf(ack) === this.ns)
      throw new NonConformance(dx('t1.answerTo', { block: describeBlock(ack), mine: describeBlock(mine), expected: `R(${this.ns ^ 1})` }));
    this.ns ^= 1;
    const b = await this.valid(sBlock(S_TYPE.ABORT, false), this.cardNs);
    if (kindOf(b.pcb) !== 'S' || sTypeOf(b) !== S_TYPE.ABORT || !isResponse(b)) throw new NonConformance(dx('t1.abortResponse', { block: describeBlock(b) }));
    return b;
  }

  /** S(RESYNCH request): the card answers S(RESYNCH response); both N(S) restart at 0 and IFSD at 32 (§11.6.3.2, §11.4.2). */
  async resynch(): Promise<Block> {
    const b = await this.valid(sBlock(S_TYPE.RESYNCH, false), this.cardNs);
    if (kindOf(b.pcb) !== 'S' || sTypeOf(b) !== S_TYPE.RESYNCH || !isResponse(b))
      throw new NonConformance(dx('t1.resynchResponse', { block: describeBlock(b) }));
    this.ns = 0;
    this.cardNs = 0;
    this.ifsd = 32;
    return b;
  }

  /** The card's blocks logged since entry `from`. */
  cardBlocks(from = 0): Block[] {
    return this.log
      .slice(from)
      .filter((e) => e.from === 'ICC')
      .flatMap((e) => {
        const d = decodeBlock(fromHex(e.bytes));
        return 'block' in d ? [d.block] : [];
      });
  }
}
