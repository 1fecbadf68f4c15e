import { terminalRules } from '../faults.ts';
import { describe, expect, it } from 'vitest';
import { billOf, split } from './settlement.ts';

describe('the medical settlement split (总体方案 二(二)3)', () => {
  const bill = { selfPaid: 5000, selfFunded: 2000, pooled: 5000 };
  it('the account pays what the bill allows it, the bank card the rest', () => {
    expect(split(bill, 100000)).toEqual({ account: 3000, bank: 2000 });
  });
  it('an account short of it pays its balance (个人账户不足额)', () => {
    expect(split(bill, 100)).toEqual({ account: 100, bank: 4900 });
    expect(split(bill, 0)).toEqual({ account: 0, bank: 5000 });
  });
  it('no bank part when the account covers everything', () => {
    expect(split({ selfPaid: 3000, selfFunded: 0, pooled: 7000 }, 3000)).toEqual({ account: 3000, bank: 0 });
  });
  it('its defects change exactly the part they name', () => {
    expect(split(bill, 100000, terminalRules(new Set(['tm-settle-account-pays-self-funded'])))).toEqual({ account: 5000, bank: 0 });
    expect(split(bill, 100, terminalRules(new Set(['tm-settle-account-not-capped'])))).toEqual({ account: 3000, bank: 2000 });
    expect(split(bill, 100000, terminalRules(new Set(['tm-settle-bank-charges-whole-bill'])))).toEqual({ account: 3000, bank: 5000 });
  });
  it('refuses a bill that is not one', () => {
    expect(billOf({ operation: 'medicalSettlement', params: { selfPaid: 100, selfFunded: 200 } })).toMatch(/more than/);
    expect(billOf({ operation: 'medicalSettlement', params: { selfPaid: -1 } })).toMatch(/whole/);
    expect(billOf({ operation: 'medicalSettlement', params: { selfPaid: 'x' } })).toMatch(/whole/);
    expect(billOf({ operation: 'medicalSettlement', params: { selfPaid: 500, pooled: 1500 } })).toEqual({ selfPaid: 500, selfFunded: 0, pooled: 1500 });
  });
});
