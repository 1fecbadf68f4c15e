/** Facts about a card learnt through commands, for scenarios that must not assume a layout. */
import { SW, SW1, sw1Of } from '../apdu/sw.ts';
import { swHex } from '../apdu/response.ts';
import type { CardSession } from '../apdu/session.ts';
import { NonConformance } from '../verdict/errors.ts';
import { dx } from '../verdict/messages.ts';
import { readBinary } from './commands.ts';

/** Largest offset READ BINARY can address with P1-P2 (b8 of P1 = 0). */
export const MAX_OFFSET = 0x7fff;

/**
 * Size of the current transparent EF: read 256-byte chunks (raw, so no resend hides 6Cxx) until the
 * card says it has fewer (6Cxx, 6282, a short 9000) or none (6B00).
 */
export async function transparentSize(session: CardSession): Promise<number> {
  let offset = 0;
  while (offset <= MAX_OFFSET) {
    const r = await session.send(readBinary(offset, 256), { raw: true });
    if (r.sw === SW.WRONG_P1P2) return offset;
    if (sw1Of(r.sw) === SW1.WRONG_LE) return offset + (r.sw & 0xff || 256);
    if (r.sw !== SW.NO_ERROR && r.sw !== SW.WARNING_END_OF_FILE) {
      throw new NonConformance(dx('probe.sizing', { offset, sw: swHex(r.sw) }));
    }
    if (r.data.length < 256) return offset + r.data.length;
    offset += 256;
  }
  return MAX_OFFSET + 1;
}
