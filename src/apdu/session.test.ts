import { describe, expect, it } from 'vitest';
import { IMAGES } from '../../card-sim/images/index.ts';
import { fromHex } from '../bytes/hex.ts';
import { NonConformance } from '../verdict/errors.ts';
import { CardSession, MAX_GET_RESPONSE, responseProblem } from './session.ts';
import { type Diagnosis, renderDiagnosis } from '../verdict/messages.ts';

const en = (d: Diagnosis | undefined) => (d ? renderDiagnosis(d, 'en') : undefined);
import { SimChannel } from '../transport/sim.ts';

describe('responseProblem: malformed whatever the command', () => {
  const readBinary8 = fromHex('00B0000008');
  it('accepts a well-formed response', () => {
    expect(responseProblem(readBinary8, fromHex('0102030405060708 9000'))).toBeUndefined();
    expect(responseProblem(readBinary8, fromHex('6A82'))).toBeUndefined();
    expect(responseProblem(fromHex('FF'), fromHex('0102 9000'))).toBeUndefined();
  });
  it('no status word', () => expect(en(responseProblem(readBinary8, fromHex('90')))).toMatch(/has no status word/));
  it('SW1 not 6X or 9X (ISO/IEC 7816-3 §10.3.3)', () => {
    expect(en(responseProblem(readBinary8, fromHex('4F4B')))).toMatch(/4F4B is not a status word/);
    expect(en(responseProblem(readBinary8, fromHex('6000')))).toMatch(/6000 is not a status word/);
  });
  it('more data than Le asked', () => expect(en(responseProblem(readBinary8, fromHex('010203040506070809 9000')))).toMatch(/9 data bytes, more than the 8/));
  it('data with an error status word (ISO/IEC 7816-4 §5.6)', () => {
    expect(en(responseProblem(readBinary8, fromHex('DEADBEEF 6A82')))).toMatch(/4 data bytes \(DE AD BE EF\) with the error status word 6A82/);
    expect(responseProblem(readBinary8, fromHex('0102 6282'))).toBeUndefined(); // a warning may carry data
  });
  it('data on a command without Le (ISO/IEC 7816-3 §12.1)', () => {
    const selectEf = fromHex('00A4020002EF05');
    expect(en(responseProblem(selectEf, fromHex('DEADBEEF 9000')))).toMatch(/to a command without Le/);
    expect(responseProblem(selectEf, fromHex('9000'))).toBeUndefined();
    expect(en(responseProblem(fromHex('00A4000002 3F00'), new Uint8Array(65_538).fill(0x90)))).toMatch(/without Le|error status/);
  });
  it('longer than any response APDU', () => expect(en(responseProblem(readBinary8, new Uint8Array(70_002)))).toMatch(/longer than any response APDU/));
});

describe('CardSession against the hostile card', () => {
  const session = () => new CardSession(new SimChannel(IMAGES.hostile!));
  it('an endless 61xx is a NonConformance after MAX_GET_RESPONSE rounds', async () => {
    const s = session();
    const e = await s.send(fromHex('00A4040005 7378312E73 00')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NonConformance);
    expect(String(e)).toMatch(/still answers 61xx after 64 GET RESPONSE/);
    expect(s.trace.entries[0]?.wire.length).toBe(MAX_GET_RESPONSE + 1);
    expect(s.trace.entries[0]?.error).toMatch(/^NonConformance/);
  });
  it('a huge response is a NonConformance', async () => {
    const e = await session()
      .send(fromHex('00A4040008 A000000000999999 00'))
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NonConformance);
    expect(String(e)).toMatch(/70002 bytes is longer than any response APDU/);
  });
  it('an endless 6Cxx is a NonConformance', async () => {
    const e = await session()
      .send(fromHex('00B0000008'))
      .catch((x: unknown) => x);
    expect(String(e)).toMatch(/6Cxx again/);
  });
});

describe('SimChannel latency', () => {
  it('delays every exchange by target.latencyMs', async () => {
    const ch = new SimChannel(IMAGES.reference!, { latencyMs: 30 });
    const t0 = performance.now();
    await ch.transmit(fromHex('00A4000002 3F00'));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
  });
});
