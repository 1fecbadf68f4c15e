import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../apdu/command.ts';
import { EXTENDED_RESPONSE_BYTES, SHORT_RESPONSE_BYTES, receiveBufferFor } from './pcsc.ts';

describe('receiveBufferFor: the PC/SC receive buffer sized to the command (ISO/IEC 7816-4 §5.1)', () => {
  const c = (data: number, ne?: number) => encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, data: new Uint8Array(data), ...(ne === undefined ? {} : { ne }) });
  it('short commands get 256 data bytes and SW1-SW2, whatever their case', () => {
    for (const bytes of [Uint8Array.of(0, 0xa4, 0, 0), c(0, 256), c(0, 1), c(2), c(2, 256), c(255, 256), Uint8Array.of(0, 0xa4, 0, 0, 0)])
      expect(receiveBufferFor(bytes)).toBe(SHORT_RESPONSE_BYTES);
  });
  it('extended commands get the longest response APDU', () => {
    for (const bytes of [c(0, 257), c(0, 65536), c(256), c(300, 256), c(2, 1000)]) expect(receiveBufferFor(bytes)).toBe(EXTENDED_RESPONSE_BYTES);
  });
});
