/**
 * The vpcd wire protocol (vsmartcard vpcd): each message either way is a 2-byte big-endian length and a
 * payload; a one-byte payload from the reader is a control: 00 power off, 01 power on, 02 reset (no reply
 * to these three), 04 get ATR (reply: the ATR). Any longer payload is a command APDU, answered by the
 * response APDU. The card is a TCP client of vpcd on port 35963 + slot.
 */
export const VPCD_PORT = 35963;

export const VPCD_CONTROL = { POWER_OFF: 0x00, POWER_ON: 0x01, RESET: 0x02, GET_ATR: 0x04 } as const;

/** Reassembles length-prefixed frames from a byte stream that may split or join them. */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);

  /** Feed bytes; returns every complete payload. */
  push(chunk: Uint8Array): Uint8Array[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    const out: Uint8Array[] = [];
    while (this.buffer.length >= 2) {
      const n = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + n) break;
      out.push(Uint8Array.from(this.buffer.subarray(2, 2 + n)));
      this.buffer = this.buffer.subarray(2 + n);
    }
    return out;
  }
}

export function frame(payload: Uint8Array): Buffer {
  const out = Buffer.alloc(2 + payload.length);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
}
