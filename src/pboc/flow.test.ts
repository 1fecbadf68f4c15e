/** The one transaction flow on the reference card: as the card suite's instrument runs it, and with a terminal's rules broken. */
import { describe, expect, it } from 'vitest';
import { PBOC_AID, PBOC_TEST_IMK } from '../../card-sim/images/pse.ts';
import { PBOC_TEST_CA_KEY } from '../../card-sim/images/pboc-keys.ts';
import { referenceImage } from '../../card-sim/images/reference.ts';
import { fromHex, toHex } from '../bytes/hex.ts';
import { rsaPublicOf } from '../crypto/index.ts';
import { simSession } from '../transport/sim.ts';
import { UNIONPAY_TACS } from './decisions.ts';
import { type FlowHooks, type FlowRules, type FlowTerminal, runTransaction, SPEC_FLOW_RULES } from './flow.ts';
import { SimulatedHost } from './host.ts';
import { PbocIssuer } from './issuer.ts';
import { PbocKernel } from './kernel.ts';
import { PbocUnderTest } from './under-test.ts';
import { hasBit, TSI, TVR } from './tvr.ts';

const ca = rsaPublicOf(PBOC_TEST_CA_KEY);
const issuer = new PbocIssuer(PBOC_TEST_IMK);

function session(defects: string[] = []) {
  const s = simSession(referenceImage, { defects: defects as never });
  return (apdu: Uint8Array) => s.send(apdu);
}

const terminal: FlowTerminal = {
  tac: UNIONPAY_TACS,
  onlineCapable: true,
  cvms: { offlinePin: true, onlinePin: false, signature: false },
  cda: true,
  floorLimit: 50000,
  randomSelection: { threshold: 0, targetPercent: 0, maxTargetPercent: 0 },
  random: () => 99,
  exceptionFile: [],
  velocityChecking: true,
  readsPinTryCounter: true,
};

const hooks: FlowHooks = {
  select: async (k) => ((await k.selectApplication(fromHex(PBOC_AID))).sw === 0x9000 ? fromHex(PBOC_AID) : undefined),
  caKey: () => ca,
  authorise: (k, g) => new SimulatedHost({ '3DES': issuer }).authorise(k.pan, k.psn, g),
};

async function run(t: Partial<FlowTerminal> = {}, rules: Partial<FlowRules> = {}, amount = 1000) {
  const k = new PbocKernel(session(), { amount });
  const r = await runTransaction(k, { ...terminal, ...t }, { ...SPEC_FLOW_RULES, ...rules }, hooks, amount, '123456');
  return { k, r };
}

describe('the PBOC transaction flow', () => {
  it("the instrument's transaction: offline approval, every cryptogram checked with the issuer keys", async () => {
    const t = new PbocUnderTest(session());
    const o = await t.transaction(fromHex(PBOC_AID), 1000, { ca: () => ca, issuer, tac: UNIONPAY_TACS, pin: '123456', onlineCapable: true });
    expect(o.problems).toEqual([]);
    expect(o.approved).toBe(true);
    expect(o.second).toBeUndefined();
    const forced = await t.transaction(fromHex(PBOC_AID), 1000, { ca: () => ca, issuer, tac: UNIONPAY_TACS, onlineCapable: true, forceOnline: true });
    expect(forced.problems).toEqual([]);
    expect([forced.first?.type, forced.second?.type, forced.approved]).toEqual(['ARQC', 'TC', true]);
  });

  it('a terminal: ODA, CVM and risk management set their TSI bits; above the floor limit it goes online and the ARC approves', async () => {
    const { k, r } = await run({}, {}, 60000);
    expect(r.cvm).toBe('offline PIN');
    expect(hasBit(k.tsi, TSI.ODA_PERFORMED) && hasBit(k.tsi, TSI.CARDHOLDER_VERIFICATION_PERFORMED)).toBe(true);
    expect(hasBit(k.tvr, TVR.FLOOR_LIMIT_EXCEEDED)).toBe(true);
    expect(r.online && toHex(r.online.arc)).toBe('3030');
    expect([r.first?.type, r.second?.type, r.approved]).toEqual(['ARQC', 'TC', true]);
  });

  it('each rule a terminal breaks changes what the flow does', async () => {
    const noOda = await run({}, { performOda: false });
    expect(hasBit(noOda.k.tvr, TVR.ODA_NOT_PERFORMED)).toBe(true);
    expect(hasBit(noOda.k.tsi, TSI.ODA_PERFORMED)).toBe(false);
    const noFloor = await run({}, { checkFloorLimit: false }, 60000);
    expect(hasBit(noFloor.k.tvr, TVR.FLOOR_LIMIT_EXCEEDED)).toBe(false);
  });

  it('no application selected, or GPO refused, ends the flow before any cryptogram', async () => {
    const k = new PbocKernel(session());
    const r = await runTransaction(k, terminal, SPEC_FLOW_RULES, { ...hooks, select: async () => undefined }, 1000, undefined);
    expect([r.aid, r.first, r.approved]).toEqual([undefined, undefined, false]);
  });
});
