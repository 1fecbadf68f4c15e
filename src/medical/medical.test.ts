/**
 * Known answers of the medical transactions' cryptography. The expected values come from an independent
 * implementation on the `cryptography` package (OpenSSL):  python3 src/medical/medical-vectors.py
 * (reference card identity: city 110100, historical bytes 00992611010099261122000001; test roots).
 */
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex.ts';
import type { SsAlgorithm } from '../sscard/crypto.ts';
import { detailRecord, parseDetailRecord, parseInitPurchase } from './commands.ts';
import {
  TRANSACTION_TYPE,
  loadMac1Input,
  loadMac2Input,
  loadSessionKey,
  loadTacInput,
  medicalMac,
  paymentYear,
  purchaseMac1Input,
  purchaseMac2Input,
  purchaseSessionKey,
  purchaseTacInput,
  tac,
  u32,
} from './crypto.ts';
import { MedicalHost } from './host.ts';
import { medicalCardKey } from './keys.ts';

const card = { cityCode: '110100', historical: fromHex('00992611010099261122000001') };
const random = fromHex('11223344');
const terminal = fromHex('110100000001');
const time = fromHex('20261201103000');
const tseq = fromHex('00000007');
const amounts = { account: 1234, selfPaid: 500, pooled: 2000 };

const VECTORS: Record<SsAlgorithm, Record<string, string>> = {
  '3DES': {
    DPK: '11AF6EB3A1AA7694F52CC7882DC894F9',
    SESPK: '9FC4477E891D3AB8',
    MAC1: 'CAA84528',
    MAC2: 'A3555DD9',
    TAC: '474A337D',
    SESLK: '0271A3009CA4D098',
    'LOAD-MAC1': '4989DC91',
    'LOAD-MAC2': 'C248F896',
    'LOAD-TAC': 'F0A55640',
  },
  SM4: {
    DPK: '0074B95B5C1A239CB4E12E368A4B089E',
    SESPK: 'B59107974453783A667ED52832A0D4CA',
    MAC1: '334F48D1',
    MAC2: '1E2FFB2B',
    TAC: '3E3D7C94',
    SESLK: '0B64EBB3A31A854BB8712999A415A82F',
    'LOAD-MAC1': 'A15F15D3',
    'LOAD-MAC2': 'D9C04E0E',
    'LOAD-TAC': '88B2FA7B',
  },
};

describe.each(['3DES', 'SM4'] as const)('medical cryptography, %s', (alg) => {
  const v = VECTORS[alg];
  const dpk = medicalCardKey(alg, {}, 'DPK', card);
  const dlk = medicalCardKey(alg, {}, 'DLK', card);
  const dtk = medicalCardKey(alg, {}, 'DTK', card);

  it('diversifies DPK through three levels (part 9 §7.3, §9.9.1)', () => {
    expect(toHex(dpk)).toBe(v.DPK);
  });

  it('purchase: SESPK, MAC1, MAC2 and TAC (part 7 §12.2–12.6, §15)', () => {
    const sespk = purchaseSessionKey(alg, dpk, random, 5, tseq);
    expect(toHex(sespk)).toBe(v.SESPK);
    expect(toHex(medicalMac(alg, sespk, purchaseMac1Input(amounts, terminal, time)))).toBe(v.MAC1);
    expect(toHex(medicalMac(alg, sespk, purchaseMac2Input(amounts)))).toBe(v.MAC2);
    expect(toHex(tac(alg, dtk, purchaseTacInput(amounts, terminal, tseq, time)))).toBe(v.TAC);
  });

  it('load: SESLK, MAC1, MAC2 and TAC (part 7 §11.2–11.8)', () => {
    const seslk = loadSessionKey(alg, dlk, random, 9);
    expect(toHex(seslk)).toBe(v.SESLK);
    expect(toHex(medicalMac(alg, seslk, loadMac1Input({ balance: 100000, amount: 3000, terminal })))).toBe(v['LOAD-MAC1']);
    expect(toHex(medicalMac(alg, seslk, loadMac2Input(3000, terminal, time)))).toBe(v['LOAD-MAC2']);
    expect(toHex(tac(alg, dtk, loadTacInput(103000, 9, 3000, terminal, time)))).toBe(v['LOAD-TAC']);
  });

  it('the host checks MAC1, gives MAC2 and the TACs from the same keys', () => {
    const host = new MedicalHost(alg, card);
    const req = { balance: 100000, loadSeq: 9, random, mac1: fromHex(v['LOAD-MAC1'] as string), amount: 3000, terminal };
    expect(host.loadMac1Valid(req)).toBe(true);
    expect(toHex(host.loadMac2(req, time) ?? new Uint8Array(0))).toBe(v['LOAD-MAC2']);
    expect(host.loadMac2({ ...req, mac1: fromHex('00000000') }, time)).toBeUndefined();
    expect(toHex(host.loadTac(req, time) ?? new Uint8Array(0))).toBe(v['LOAD-TAC']);
    expect(host.loadTac({ ...req, amount: 0xffffffff }, time)).toBeUndefined();
    expect(toHex(host.purchaseTac(amounts, terminal, tseq, time))).toBe(v.TAC);
  });
});

describe('medical data', () => {
  it('refuses amounts that do not fit 4 bytes', () => {
    expect(() => u32(-1)).toThrow(RangeError);
    expect(() => u32(0x100000000)).toThrow(RangeError);
    expect(toHex(u32(0xffffffff))).toBe('FFFFFFFF');
  });

  it('payment year (part 7 §12.6): n < 10000 accumulates, else the settlement year restarts', () => {
    expect(paymentYear('20261201', 2026, '0101')).toEqual({ accumulate: true, year: 2026 });
    expect(paymentYear('20270101', 2026, '0101')).toEqual({ accumulate: false, year: 2027 });
    expect(paymentYear('20270630', 2026, '0701')).toEqual({ accumulate: true, year: 2026 });
    expect(paymentYear('20270701', 2026, '0701')).toEqual({ accumulate: false, year: 2027 });
    expect(paymentYear('20261201', 2026, '1202')).toEqual({ accumulate: true, year: 2026 });
    expect(paymentYear('20281201', 2026, '1202')).toEqual({ accumulate: false, year: 2027 });
  });

  it('EF08 records round-trip (V2.0 §8.5.3, 28 bytes)', () => {
    const r = detailRecord({ seq: 7, type: TRANSACTION_TYPE.purchase, terminal, time, account: 1, selfPaid: 2, pooled: 3 });
    expect(r.length).toBe(28);
    expect(parseDetailRecord(r)).toEqual({ seq: 7, type: 0x32, terminal: '110100000001', time: '20261201103000', account: 1, selfPaid: 2, pooled: 3 });
    expect(parseDetailRecord(r.subarray(1))).toBeUndefined();
    expect(parseInitPurchase(new Uint8Array(21))).toBeUndefined();
  });
});
