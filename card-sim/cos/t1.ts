/**
 * The card's T=1 block layer (ISO/IEC 7816-3:2006 §11) in front of the COS: it reassembles chained
 * I-blocks into the command APDU, chains the response in I-blocks of at most IFSD bytes, answers the
 * interface device's S-blocks (RESYNCH, IFS, ABORT, WTX response), refuses a block with a wrong EDC with
 * an R-block, retransmits its last block when an R-block asks, and asks for a waiting time extension
 * when the command takes longer than BWT. Each rule it keeps is a spec rule (card.rules.t1…).
 *
 * Time is modelled, not measured: CHIP_TIME_MS is how long this chip takes for a command, and a block's
 * `afterMs` is when it begins after the interface device's block.
 */
import { concat, fromHex } from '../../src/bytes/hex.ts';
import { parseAtr, t1Parameters } from '../../src/iso7816/atr.ts';
import {
  type Block,
  R_ERROR,
  S_TYPE,
  type TpduPort,
  bwtMs,
  decodeBlock,
  encodeBlock,
  iBlock,
  isResponse,
  kindOf,
  lrc,
  moreOf,
  nrOf,
  nsOf,
  rBlock,
  sBlock,
  sTypeOf,
} from '../../src/iso7816/t1.ts';
import type { SimCard } from './card.ts';

/** This chip's execution time (a model): an INTERNAL AUTHENTICATE or GENERATE AC (a cipher or a signature) 300 ms, anything else 2 ms. */
export function chipTimeMs(apdu: Uint8Array): number {
  const ins = apdu[1];
  return ins === 0x88 || ins === 0xae ? 300 : 2;
}

/** How soon the card answers a block it need not work on (a few characters), in ms. */
const QUICK_MS = 1;

export function t1Port(card: SimCard): TpduPort {
  const rules = card.rules;
  let ifsc = 32;
  let bwt = bwtMs(4);
  let ifsd = 32;
  /** N(S) of the card's next I-block, and of the interface device's next one (§11.6.2.1: both 0 after the ATR). */
  let ns = 0;
  let expected = 0;
  let received: Uint8Array[] = [];
  /** The response still to send, and the last block sent (for a retransmission, §11.6.3.2). */
  let pending: Uint8Array | undefined;
  let last: Uint8Array = new Uint8Array(0);
  /** A block held back behind S(WTX request), and its time. */
  let held: { block: Uint8Array; afterMs: number } | undefined;

  const out = (b: Block, afterMs = QUICK_MS) => {
    const bytes = encodeBlock(b);
    if (kindOf(b.pcb) === 'R' && !rules.t1RBlockEdcRight) bytes[bytes.length - 1] = lrc(bytes.subarray(0, -1)) ^ 0xff;
    last = bytes;
    return { block: bytes, afterMs };
  };

  /** The next I-block of the pending response. */
  const nextPiece = (afterMs = QUICK_MS) => {
    const data = pending ?? new Uint8Array(0);
    const size = rules.t1HonoursIfsd ? ifsd : 32;
    const piece = data.subarray(0, size);
    const more = data.length > size;
    pending = more ? data.slice(size) : undefined;
    const b = iBlock(ns, more, piece);
    // N(S) alternates from one I-block to the next (§11.6.2.2).
    if (rules.t1TogglesNs || !more) ns ^= 1;
    return out(b, afterMs);
  };

  /** Run the whole command and send the first block of its answer (behind a WTX request when it takes longer than BWT). */
  const run = (apdu: Uint8Array) => {
    pending = card.transmit(apdu);
    // A card whose power was cut (a tear) answers nothing until the next reset.
    if (pending.length === 0) return { block: new Uint8Array(0), afterMs: 0 };
    const time = chipTimeMs(apdu);
    if (time > bwt && rules.t1RequestsWtx) {
      // S(WTX request) within BWT; the answer within the multiplied BWT after the WTX response (§11.4.3).
      held = { block: nextPiece().block, afterMs: time - QUICK_MS };
      return out(sBlock(S_TYPE.WTX, false, Uint8Array.of(Math.ceil(time / bwt))));
    }
    return nextPiece(time);
  };

  function onBlock(bytes: Uint8Array): { block: Uint8Array; afterMs: number } {
    const d = decodeBlock(bytes);
    let b: Block;
    if ('block' in d) b = d.block;
    else if (!rules.t1ChecksEdc && bytes.length >= 4 && bytes.length === (bytes[2] as number) + 4)
      b = { nad: bytes[0] as number, pcb: bytes[1] as number, inf: bytes.slice(3, -1) };
    // A block received with an error: R-block asking for the expected block again (§11.6.3.2).
    else return out(rBlock(expected, R_ERROR.EDC));
    switch (kindOf(b.pcb)) {
      case 'I': {
        // An unexpected N(S), or more than IFSC bytes: other error (§11.6.3.2, §11.4.2).
        if (nsOf(b) !== expected || b.inf.length > ifsc) return out(rBlock(expected, R_ERROR.OTHER));
        expected ^= 1;
        if (moreOf(b) && rules.t1AcceptsChaining) {
          received.push(b.inf);
          return out(rBlock(expected));
        }
        const apdu = rules.t1AcceptsChaining ? concat(...received, b.inf) : b.inf;
        received = [];
        return run(apdu);
      }
      case 'R': {
        // An acknowledgement of a chained answer asks for the next N(S); otherwise the last block again.
        if (pending && nrOf(b) === ns && (b.pcb & 0x0f) === 0) return nextPiece();
        return { block: last, afterMs: QUICK_MS };
      }
      default: {
        const t = sTypeOf(b);
        if (isResponse(b)) {
          if (t === S_TYPE.WTX && held) {
            const h = held;
            held = undefined;
            last = h.block;
            return h;
          }
          return out(rBlock(expected, R_ERROR.OTHER));
        }
        if (t === S_TYPE.RESYNCH) {
          if (rules.t1ResynchResetsSequence) {
            ns = 0;
            expected = 0;
            ifsd = 32;
          }
          received = [];
          pending = undefined;
          return out(sBlock(S_TYPE.RESYNCH, true));
        }
        if (t === S_TYPE.IFS && b.inf.length === 1 && (b.inf[0] as number) >= 1 && (b.inf[0] as number) <= 0xfe) {
          ifsd = b.inf[0] as number;
          return out(sBlock(S_TYPE.IFS, true, b.inf));
        }
        if (t === S_TYPE.ABORT) {
          // The chain under way is dropped (§11.6.2.3).
          if (rules.t1AbortDropsChain) received = [];
          pending = undefined;
          return out(sBlock(S_TYPE.ABORT, true));
        }
        return out(rBlock(expected, R_ERROR.OTHER));
      }
    }
  }

  return {
    reset(kind) {
      const atr = card.reset(kind);
      // The COS's own T=1 parameters are those its image declares (whatever a defect does to the ATR it sends).
      const p = t1Parameters(parseAtr(fromHex(card.image.atr)));
      ifsc = p.ifsc;
      bwt = bwtMs(p.bwi);
      ifsd = 32;
      ns = 0;
      expected = 0;
      received = [];
      pending = undefined;
      held = undefined;
      last = new Uint8Array(0);
      return atr;
    },
    exchange: onBlock,
  };
}
