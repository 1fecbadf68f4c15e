/**
 * The hostile card: an application on the MF of the `hostile` image that overrides the
 * inter-industry commands and answers the way a broken COS or a bad link might. It exists to prove
 * that sscc turns any card garbage into FAIL verdicts that say what was wrong (never ERROR), and
 * that card-sim, the T=0 layer and the parsers survive it. Deterministic: the same command in the
 * same state always gets the same garbage.
 *
 *   SELECT by name, full name      FCI whose 6F length claims 32 more bytes than there are (malformed TLV), 9000
 *   SELECT by name, partial / next 61xx, and GET RESPONSE then answers 61xx for ever (endless 61xx)
 *   SELECT by name, not found      70 000 bytes and 9000 (a response longer than any APDU)
 *   SELECT by name, P2 0C          the FCI anyway
 *   SELECT by FID, any error       9000 (wrong SW)
 *   READ BINARY                    2 bytes more than Le (length lies); errors become 6Cxx with Le + 1, for ever
 *   READ RECORD                    the record at once, even for Le 00, as SIMPLE-TLV whose length claims 16 more
 *                                  bytes (length lies); no record → 9000
 *   GET CHALLENGE                  always 8 zero bytes, whatever Le says
 *   VERIFY                         63C0 to the try-counter query; "OK" (4F4B, not a status word) to any PIN
 * The ATR announces 13 historical bytes and carries 5.
 */
import { SW } from '../../src/apdu/sw.ts';
import type { CardApplication } from '../cos/application.ts';
import type { CardContext, Handler, Reply } from '../cos/context.ts';
import { readBinary, readRecord } from '../cos/commands/read.ts';
import { getResponse } from '../cos/commands/security.ts';
import { select } from '../cos/commands/select.ts';

/** Session key of the endless 61xx state. */
const ENDLESS = 'hostile.endless61xx';
/** Longer than the longest extended response (65 536 bytes + SW). */
export const HUGE_RESPONSE_LENGTH = 70_000;
let huge: Uint8Array | undefined;
function hugeData(): Uint8Array {
  huge ??= Uint8Array.from({ length: HUGE_RESPONSE_LENGTH }, (_, i) => i & 0xff);
  return huge;
}

/** Every handler but GET RESPONSE ends the endless 61xx state. */
function fresh(h: Handler): Handler {
  return (cmd, card) => {
    delete card.session[ENDLESS];
    return h(cmd, card);
  };
}

function endless(card: CardContext): Reply {
  card.session[ENDLESS] = true;
  return { sw: 0x6110 };
}

/** A BER-TLV whose first length byte (short form) claims `more` bytes than the value has. */
function lyingTlv(tlv: Uint8Array, more: number): Uint8Array {
  const out = tlv.slice();
  if (out.length >= 2 && (out[1] as number) < 0x80 - more) out[1] = (out[1] as number) + more;
  return out;
}

const hostileSelect: Handler = (cmd, card) => {
  const r = select(cmd, card);
  if (cmd.p1 !== 0x04) return r.sw === SW.NO_ERROR ? r : { sw: SW.NO_ERROR };
  if ((cmd.p2 & 0x03) === 0x02) return endless(card);
  if (r.sw === SW.FILE_NOT_FOUND) return { data: hugeData(), sw: SW.NO_ERROR, asIs: true };
  if (r.sw !== SW.NO_ERROR) return r;
  const name = card.currentDf.name;
  if (name && cmd.data.length < name.length) return endless(card);
  const fci = r.data ?? select({ ...cmd, p2: 0x00 }, card).data ?? new Uint8Array(0);
  return { data: lyingTlv(fci, 0x20), sw: SW.NO_ERROR, asIs: true };
};

const hostileReadBinary: Handler = (cmd, card) => {
  const r = readBinary(cmd, card);
  const le = cmd.ne ?? 0;
  if (r.data && (r.sw === SW.NO_ERROR || r.sw === SW.WARNING_END_OF_FILE)) {
    return { data: Uint8Array.of(...r.data, 0xde, 0xad), sw: SW.NO_ERROR, asIs: true };
  }
  return { sw: 0x6c00 | ((le + 1) & 0xff) };
};

const hostileReadRecord: Handler = (cmd, card) => {
  let r = readRecord(cmd, card);
  // Where the card should say 6Cxx (Le 00, 社会保障卡规范 part 5 §6.10) it hands the record over.
  if (r.sw >> 8 === 0x6c) r = readRecord({ ...cmd, ne: r.sw & 0xff || 256 }, card);
  if (r.data && r.sw === SW.NO_ERROR) {
    const out = r.data.slice();
    if (out.length >= 2 && (out[1] as number) < 0xef) out[1] = (out[1] as number) + 0x10;
    return { data: out, sw: SW.NO_ERROR, asIs: true };
  }
  return { sw: SW.NO_ERROR };
};

const hostileGetChallenge: Handler = () => ({ data: new Uint8Array(8), sw: SW.NO_ERROR, asIs: true });

const hostileVerify: Handler = (cmd) => (cmd.data.length === 0 ? { sw: 0x63c0 } : { sw: 0x4f4b });

const hostileGetResponse: Handler = (cmd, card) => {
  if (card.session[ENDLESS]) return { data: new Uint8Array(16).fill(0xee), sw: 0x6110, asIs: true };
  return getResponse(cmd, card);
};

export const HOSTILE_APP: CardApplication = {
  name: 'hostile',
  commands: [
    { ins: 0xa4, classes: [0x00], handler: fresh(hostileSelect) },
    { ins: 0xb0, classes: [0x00], handler: fresh(hostileReadBinary) },
    { ins: 0xb2, classes: [0x00], handler: fresh(hostileReadRecord) },
    { ins: 0x84, classes: [0x00], handler: fresh(hostileGetChallenge) },
    { ins: 0x20, classes: [0x00], handler: fresh(hostileVerify) },
    { ins: 0xc0, classes: [0x00], handler: hostileGetResponse },
  ],
};
