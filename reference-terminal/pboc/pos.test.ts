/** The reference financial terminal on the financial test cards, through the card-side trace checks. */
import { describe, expect, it } from 'vitest';
import { IMAGES } from '../../card-sim/images/index.ts';
import { PBOC_TEST_IMK } from '../../card-sim/images/pse.ts';
import { PBOC_TEST_CA_KEY } from '../../card-sim/images/pboc-keys.ts';
import { FIN_PANS } from '../../card-sim/images/terminal/pboc.ts';
import { fromHex, toHex } from '../../src/bytes/hex.ts';
import { rsaPublicOf } from '../../src/crypto/index.ts';
import { SimChannel } from '../../src/transport/sim.ts';
import { CardSlot } from '../../src/terminal/slot.ts';
import { SimulatedHost, type HostRule } from '../../src/pboc/host.ts';
import { PbocIssuer } from '../../src/pboc/issuer.ts';
import { FinancialTerminal, seededPercent, type FinancialTerminalConfig } from './pos.ts';
import { askedFor, exchanges, gacValue, generateAcs, selectedAid } from '../../src/terminal/pboc-trace.ts';
import { TSI, TVR, bitByName, hasBit } from '../../src/pboc/tvr.ts';

function config(over: Partial<FinancialTerminalConfig> = {}, host: Record<string, HostRule> = {}): FinancialTerminalConfig {
  return {
    aids: ['A000000333'],
    floorLimit: 50000,
    randomSelection: { threshold: 0, targetPercent: 0, maxTargetPercent: 0 },
    tac: { denial: fromHex('0010000000'), online: fromHex('D84004F800'), default: fromHex('D84000A800') },
    onlineCapable: true,
    cardholderConfirmation: false,
    pinPad: true,
    signature: true,
    ecSupport: false,
    cda: true,
    exceptionFile: [],
    date: '261122',
    caKeys: [{ index: 1, key: rsaPublicOf(PBOC_TEST_CA_KEY) }],
    host: new SimulatedHost({ '3DES': new PbocIssuer(PBOC_TEST_IMK) }, host),
    random: () => 99,
    defects: new Set(),
    ...over,
  };
}

async function pay(image: string, amount: number, over: Partial<FinancialTerminalConfig> = {}, host: Record<string, HostRule> = {}) {
  const slot = new CardSlot('card', new SimChannel(IMAGES[image]!));
  await slot.channel.reset();
  const t = new FinancialTerminal((apdu) => slot.send(apdu), config(over, host), amount);
  const outcome = await t.purchase(amount, '123456');
  return { outcome, x: exchanges(slot.trace) };
}

describe('reference financial terminal', () => {
  it('approves a small purchase offline after DDA and offline PIN; the TVR it reports is the one the card saw', async () => {
    const { outcome, x } = await pay('reference', 1000);
    expect(outcome.result).toBe('approved');
    expect(outcome.tvr).toBe('0000000000');
    expect(hasBit(fromHex(outcome.tsi!), TSI.ODA_PERFORMED)).toBe(true);
    expect(toHex(gacValue(x, 0, '95')!)).toBe(outcome.tvr);
    expect(selectedAid(x)).toBe('A000000333010101');
    expect(askedFor(generateAcs(x)[0]!)).toBe('TC');
  });

  it('goes online over the floor limit, authenticates the issuer and approves with a TC', async () => {
    const { outcome, x } = await pay('reference', 60000);
    expect(hasBit(fromHex(outcome.tvr!), TVR.FLOOR_LIMIT_EXCEEDED)).toBe(true);
    expect(generateAcs(x).map(askedFor)).toEqual(['ARQC', 'TC']);
    expect(outcome.result).toBe('approved');
    expect(hasBit(fromHex(outcome.tsi!), TSI.ISSUER_AUTHENTICATION_PERFORMED)).toBe(true);
  });

  it('marks a bad issuer certificate as DDA failed', async () => {
    const { outcome } = await pay('fin-bad-issuer-cert', 1000);
    expect(hasBit(fromHex(outcome.tvr!), TVR.DDA_FAILED)).toBe(true);
  });

  it('selects by priority, and leaves out applications needing confirmation or blocked', async () => {
    expect(selectedAid((await pay('fin-two-apps', 1000)).x)).toBe('A000000333010102');
    expect(selectedAid((await pay('fin-confirmation', 1000)).x)).toBe('A000000333010102');
    expect(selectedAid((await pay('fin-blocked-debit', 1000)).x)).toBe('A000000333010102');
    expect(selectedAid((await pay('fin-no-pse', 1000)).x)).toBe('A000000333010101');
  });

  it('reports a failed ARPC and a declined authorisation', async () => {
    const bad = await pay('fin-bad-arpc', 60000, {}, { [FIN_PANS.badArpc]: { badArpc: true } });
    expect(hasBit(fromHex(bad.outcome.tvr!), TVR.ISSUER_AUTHENTICATION_FAILED)).toBe(true);
    const declined = await pay('fin-decline', 60000, {}, { [FIN_PANS.decline]: { decline: true } });
    expect(declined.outcome.result).toBe('declined');
    expect(askedFor(generateAcs(declined.x)[1]!)).toBe('AAC');
  });

  it('applies a catalogued defect: tm-fin-ignores-floor-limit', async () => {
    const { outcome } = await pay('reference', 60000, { defects: new Set(['tm-fin-ignores-floor-limit']) });
    expect(hasBit(fromHex(outcome.tvr!), TVR.FLOOR_LIMIT_EXCEEDED)).toBe(false);
  });
});

describe('TVR bits and the seeded random source', () => {
  it('finds bits by the names scenarios use', () => {
    expect(bitByName(TVR, 'DDA failed')).toEqual([0, 0x08]);
    expect(bitByName(TVR, 'lower consecutive offline limit exceeded')).toEqual([3, 0x40]);
    expect(bitByName(TSI, 'script processing performed')).toEqual([0, 0x04]);
    expect(bitByName(TVR, 'no such bit')).toBeUndefined();
  });
  it('repeats for a seed and spreads over 0..100', () => {
    const a = seededPercent('s');
    const b = seededPercent('s');
    const draws = Array.from({ length: 200 }, () => a());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(100);
    expect(draws.filter((d) => d < 50).length).toBeGreaterThan(70);
    expect(draws.filter((d) => d < 50).length).toBeLessThan(130);
  });
});
