/**
 * The harness's own CPU time per APDU (issue 21 item 5): CardSession.send (raw) over a channel that
 * answers 9000 at once, against calling that channel alone; N SELECTs each, three rounds.
 *   node --import tsx bench/session-cost.ts [N]
 * Never part of npm test.
 */
import type { CardChannel } from '../src/apdu/channel.ts';
import { CardSession } from '../src/apdu/session.ts';

const n = Number(process.argv[2] ?? 50000);
const command = Uint8Array.of(0x00, 0xa4, 0x00, 0x00, 0x02, 0x3f, 0x00);
const ok = Buffer.from([0x90, 0x00]);
const channel: CardChannel = {
  atr: new Uint8Array(0),
  protocol: 'T=1',
  description: 'a channel that answers 9000 at once',
  transmit: async () => new Uint8Array(ok.buffer, ok.byteOffset, ok.byteLength),
  reset: async () => new Uint8Array(0),
  close: async () => {},
};
const session = new CardSession(channel);
const perApdu = async (send: () => Promise<unknown>) => {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await send();
    if (session.trace.entries.length >= 100) session.trace.entries.length = 0; // a run drops them per step
  }
  return ((performance.now() - t0) * 1000) / n;
};
for (let round = 0; round < 3; round++) {
  const harness = await perApdu(() => session.send(command, { raw: true }));
  const bare = await perApdu(() => channel.transmit(command));
  process.stdout.write(`CardSession ${harness.toFixed(2)} µs per APDU, the channel alone ${bare.toFixed(2)} µs\n`);
}
