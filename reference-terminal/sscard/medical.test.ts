/** The reference terminal's iDoDebit and iReadDebitRecord against card-sim test cards and the PSAM. */
import { describe, expect, it } from 'vitest';
import { IMAGES } from '../../card-sim/images/index.ts';
import { psamImage } from '../../card-sim/psam/image.ts';
import { CardSession } from '../../src/apdu/session.ts';
import { SimChannel } from '../../src/transport/sim.ts';
import type { TerminalRequest } from '../../src/protocol/terminal.ts';
import type { SsTerminalConfig } from './api.ts';
import { iDoDebit, iReadDebitRecord } from './medical.ts';

const config = (defects: string[] = []): SsTerminalConfig => ({
  terminalNumber: '110100000001',
  deviceNumber: 'T',
  blacklist: [],
  today: '20261201',
  defects: new Set(defects),
});

async function ports(image: string) {
  const card = new SimChannel(IMAGES[image] as never, { seed: 'x' });
  const psam = new SimChannel(psamImage, { seed: 'p' });
  const atr = await card.reset();
  await psam.reset();
  return { card: new CardSession(card), psam: new CardSession(psam), atr };
}

const debit = (account: number, pin = '123456'): TerminalRequest => ({ operation: 'iDoDebit', pin, params: { account } });

describe('iDoDebit / iReadDebitRecord', () => {
  it('pays and reports the fields in the sc_reader §8.1 order', async () => {
    const p = await ports('reference');
    const o = await iDoDebit(p.card, p.psam, p.atr, debit(1234), config());
    expect(o.result).toBe('success');
    expect(o.output?.split('|').slice(0, 7)).toEqual(['01', '01', '0000000000000000', '32', '110100000001', '00000001', '20261201120000']);
    expect(o.fields?.['交易验证码']).toMatch(/^[0-9A-F]{8}$/);
  });

  it("reports the card's refusal as −(SW), and a MAC2 the PSAM refuses as −37634", async () => {
    const low = await ports('tm-med-low-balance');
    expect(await iDoDebit(low.card, low.psam, low.atr, debit(500), config())).toMatchObject({ result: 'error', code: -0x9401 });
    const bad = await ports('tm-med-bad-mac2');
    expect(await iDoDebit(bad.card, bad.psam, bad.atr, debit(100), config())).toMatchObject({ result: 'error', code: -37634 });
    const pin = await ports('reference');
    expect(await iDoDebit(pin.card, pin.psam, pin.atr, debit(100, '000000'), config())).toMatchObject({ result: 'error', code: -51 });
  });

  it('refuses pay information out of its format with −14 before any command to the card (sc_reader §8.1.3 (1))', async () => {
    for (const params of [
      { account: 0x100000000 } as Record<string, string | number>,
      { account: 100, time: '202611221200000' },
      { account: 100, time: '2026112212000' },
    ]) {
      const p = await ports('reference');
      const sent: string[] = [];
      const card = {
        send: (apdu: Uint8Array) => {
          sent.push('x');
          return p.card.send(apdu);
        },
      };
      expect(await iDoDebit(card, p.psam, p.atr, { operation: 'iDoDebit', pin: '123456', params }, config())).toMatchObject({ result: 'error', code: -14 });
      expect(sent).toEqual([]);
    }
  });

  it('lists the purchases of EF08, newest first', async () => {
    const p = await ports('tm-med-records');
    const o = await iReadDebitRecord(p.card, p.psam, p.atr, { operation: 'iReadDebitRecord', pin: '123456' }, config());
    expect(o.output).toBe('1^110100000001^20261120143000^15.00^11.00^|0^110100000001^20261105100000^0.00^2.00^|');
  });
});
