import { describe, expect, it } from 'vitest';
import { fromHex } from '../bytes/hex.ts';
import { domesticOnlyProblems, usageControlFailures } from './usage-control.ts';

// Table 19 of JR/T 0025.5 §10.3.2, bit by bit: AB = 1010 1011 (domestic cash, goods, services; ATM; other terminals).
const domesticOnly = fromHex('AB00');
const china = fromHex('0156');
const pos = { atm: false, service: 'goods' as const };

describe('application usage control (JR/T 0025.5 §10.3.2)', () => {
  it('allows domestic goods at a POS in the issuer country', () => {
    expect(usageControlFailures(domesticOnly, china, { ...pos, terminalCountry: '0156' })).toEqual([]);
  });
  it('refuses international goods to a domestic-only card', () => {
    expect(usageControlFailures(domesticOnly, china, { ...pos, terminalCountry: '0344' })).toHaveLength(1);
  });
  it('allows international goods when the AUC says so (FF00)', () => {
    expect(usageControlFailures(fromHex('FF00'), china, { ...pos, terminalCountry: '0344' })).toEqual([]);
  });
  it('checks the ATM bit (step 2)', () => {
    expect(usageControlFailures(fromHex('AA00'), china, { ...pos, terminalCountry: '0156' })).toHaveLength(1);
    expect(usageControlFailures(fromHex('AA00'), china, { atm: true, service: 'cash', terminalCountry: '0156' })).toEqual([]);
  });
  it('does not apply without the AUC or the issuer country code', () => {
    expect(usageControlFailures(undefined, china, { ...pos, terminalCountry: '0344' })).toEqual([]);
    expect(usageControlFailures(domesticOnly, undefined, { ...pos, terminalCountry: '0344' })).toEqual([]);
  });
  it('judges the domestic-only card', () => {
    expect(domesticOnlyProblems(domesticOnly)).toEqual([]);
    expect(domesticOnlyProblems(fromHex('FF00'))).toHaveLength(3);
    expect(domesticOnlyProblems(fromHex('AB40'))).toHaveLength(1);
    expect(domesticOnlyProblems(fromHex('2100'))).toHaveLength(3);
    expect(domesticOnlyProblems(undefined)).toHaveLength(1);
  });
});
