import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../src/bytes/hex.ts';
import { createCard } from './cos/card.ts';
import { referenceImage } from './images/reference.ts';
import { FrameReader, VirtualCard, frame } from './vpcd.ts';

describe('vpcd framing', () => {
  it('reassembles frames split across chunks and several frames in one chunk', () => {
    const r = new FrameReader();
    const a = frame(Uint8Array.of(0x04));
    const b = frame(fromHex('00A4040000'));
    const all = Buffer.concat([a, b]);
    expect(r.push(all.subarray(0, 1))).toEqual([]);
    expect(r.push(all.subarray(1, 4)).map((p) => toHex(p))).toEqual(['04']);
    expect(r.push(all.subarray(4)).map((p) => toHex(p))).toEqual(['00A4040000']);
    expect(new FrameReader().push(Buffer.concat([a, b, a])).length).toBe(3);
  });
});

describe('VirtualCard against a fake vpcd', () => {
  it('answers get-ATR and APDUs, takes power controls without reply, and reconnects', async () => {
    const received: string[] = [];
    let connections = 0;
    const server = createServer((s) => {
      connections++;
      const frames = new FrameReader();
      s.on('data', (c) => frames.push(c).forEach((p) => received.push(toHex(p))));
      // power on (no reply), get ATR, SELECT MF, in one write; then close to test the reconnect
      s.write(Buffer.concat([frame(Uint8Array.of(0x01)), frame(Uint8Array.of(0x04)), frame(fromHex('00A4000C023F00'))]));
      if (connections === 1) setTimeout(() => s.destroy(), 50);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;
    const card = new VirtualCard(createCard(referenceImage), { port, retryMs: 20 }).start();
    await new Promise((ok) => setTimeout(ok, 300));
    card.stop();
    server.close();
    expect(connections).toBeGreaterThanOrEqual(2);
    expect(received.slice(0, 2)).toEqual([toHex(createCard(referenceImage).atr), '9000']);
    expect(card.apdus).toBeGreaterThanOrEqual(2);
  });
});

describe('VirtualCard pulled during a command APDU', () => {
  it('answers polls, then closes the connection at the next command APDU without answering it, and comes back', async () => {
    const received: string[] = [];
    const closed: number[] = [];
    let connections = 0;
    const server = createServer((s) => {
      const n = ++connections;
      const frames = new FrameReader();
      s.on('data', (c) => frames.push(c).forEach((p) => received.push(`${n}:${toHex(p)}`)));
      s.on('close', () => closed.push(n));
      if (n === 1) {
        s.write(frame(Uint8Array.of(0x04))); // a presence poll: answered even with the pull armed
        setTimeout(() => s.write(frame(fromHex('00A4000C023F00'))), 30); // the command in flight
      }
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;
    const card = new VirtualCard(createCard(referenceImage), { port, retryMs: 20 }).start();
    await new Promise((ok) => setTimeout(ok, 10));
    card.removeAtNextApdu(50);
    await new Promise((ok) => setTimeout(ok, 250));
    card.stop();
    server.close();
    expect(received).toEqual([`1:${toHex(createCard(referenceImage).atr)}`]);
    expect(closed[0]).toBe(1);
    expect(connections).toBe(2);
    expect(card.apdus).toBe(0);
  });
});
