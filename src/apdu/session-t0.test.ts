import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex.ts';
import type { CardChannel } from './channel.ts';
import { CardSession, MAX_GET_RESPONSE } from './session.ts';

/** A channel that answers from a script: command hex → response hex, in order. */
function scripted(script: Array<[string, string]>): CardChannel & { sent: string[] } {
  const sent: string[] = [];
  let i = 0;
  return {
    atr: fromHex('3B00'),
    protocol: 'T=0',
    description: 'script',
    sent,
    async transmit(cmd) {
      sent.push(toHex(cmd));
      const step = script[i++];
      if (!step) throw new Error(`unexpected command ${toHex(cmd)}`);
      expect(toHex(cmd)).toBe(step[0].replace(/\s/g, ''));
      return fromHex(step[1]);
    },
    async reset() {
      return fromHex('3B00');
    },
    async close() {},
  };
}

describe('CardSession: the shared T=0 layer (ISO/IEC 7816-3 §12.2.2)', () => {
  it('61xx: GET RESPONSE with Le = xx, data joined', async () => {
    const ch = scripted([
      ['00A404000F7378312E73682EC9E7BBE1B1A3D5CF00', '6104'],
      ['00C0000004', '6F0284006102'],
      ['00C0000002', '01029000'],
    ]);
    const r = await new CardSession(ch).send(fromHex('00A404000F7378312E73682EC9E7BBE1B1A3D5CF00'));
    expect(toHex(r.data)).toBe('6F0284000102');
    expect(r.sw).toBe(0x9000);
  });

  it('6Cxx: the same command again with Le = xx', async () => {
    const ch = scripted([
      ['00B2012C00', '6C03'],
      ['00B2012C03', '0101339000'],
    ]);
    const s = new CardSession(ch);
    const r = await s.send(fromHex('00B2012C00'));
    expect(toHex(r.data)).toBe('010133');
    const entry = s.trace.entries[0]!;
    expect(entry.wire).toHaveLength(2);
    expect(entry.sw).toBe('9000');
    expect(entry.name).toBe('READ RECORD');
    expect(entry.us).toBeGreaterThanOrEqual(0);
  });

  it('raw: sends once and returns 61xx as it came', async () => {
    const ch = scripted([['00A4040000', '6110']]);
    const r = await new CardSession(ch).send(fromHex('00A4040000'), { raw: true });
    expect(r.sw).toBe(0x6110);
    expect(ch.sent).toHaveLength(1);
  });

  it('a card stuck in 61xx is a NonConformance, not a hang', async () => {
    const script: Array<[string, string]> = [['0084000008', '6101']];
    for (let i = 0; i <= MAX_GET_RESPONSE; i++) script.push(['00C0000001', '006101']);
    const s = new CardSession(scripted(script));
    await expect(s.send(fromHex('0084000008'))).rejects.toMatchObject({ name: 'NonConformance', message: expect.stringMatching(/still answers 61xx/) });
    expect(s.trace.entries[0]?.error).toMatch(/NonConformance/);
  });

  it('a response without a status word is a NonConformance', async () => {
    const s = new CardSession(scripted([['00A40000023F00', '90']]));
    await expect(s.send(fromHex('00A40000023F00'))).rejects.toMatchObject({ name: 'NonConformance' });
  });

  it('6Cxx twice is a NonConformance', async () => {
    const s = new CardSession(
      scripted([
        ['00B2012C00', '6C03'],
        ['00B2012C03', '6C04'],
      ]),
    );
    await expect(s.send(fromHex('00B2012C00'))).rejects.toThrow(/6Cxx again/);
  });
});

describe('responseProblem: an error status word never comes with data (ISO/IEC 7816-4 §5.6)', () => {
  it('also after bytes that are not an APDU (found by the fuzzer: 00 6C 00 to an empty command was accepted and its data dropped)', async () => {
    const s = new CardSession(scripted([['', '006C00']]));
    await expect(s.send(new Uint8Array(0))).rejects.toThrow(/error status word 6C00/);
  });
});
