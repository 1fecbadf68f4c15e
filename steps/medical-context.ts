/** The medical account steps' shared context: the terminal with its PSAM, the last purchase and load (features/medical). */
import { buildPsamImage, PSAM_TERMINAL_NUMBER } from '../card-sim/index.ts';
import { SW } from '../src/apdu/sw.ts';
import { swHex } from '../src/apdu/response.ts';
import { fromHex } from '../src/bytes/hex.ts';
import type { PurchaseAmounts } from '../src/medical/crypto.ts';
import { type AccountSnapshot, type LoadRun, MedicalTerminal, type PurchaseRun } from '../src/medical/terminal.ts';
import { SimChannel } from '../src/transport/sim.ts';
import { NonConformance } from '../src/verdict/errors.ts';
import { given } from '../src/verdict/expect.ts';
import { type Diagnosis, dx } from '../src/verdict/messages.ts';
import type { CardWorld } from './world.ts';

/** 31 December: a purchase on the last day of a month and year is a valid 交易时间. */
export const DEFAULT_TIME = '20261231103000';

export async function terminal(world: CardWorld): Promise<MedicalTerminal> {
  const have = world.med.terminal;
  if (have) return have;
  const keys = world.profile.keys;
  const psam = new SimChannel(buildPsamImage(keys?.sscardRoots ?? {}, PSAM_TERMINAL_NUMBER, keys?.medicalRoots ?? {}), { seed: 'psam' });
  await psam.reset();
  const atr = world.profile.product.expectedAtr ? fromHex(world.profile.product.expectedAtr) : world.card.channel.atr;
  world.med.terminal = new MedicalTerminal(world, world.psamSession(psam), atr, keys?.medicalRoots ?? {});
  return world.med.terminal;
}

export const noted = (w: CardWorld) => given(w.med.noted, 'account noted');
export const lastPurchase = (w: CardWorld) => given(w.med.purchase, 'purchase');
export const lastLoad = (w: CardWorld) => given(w.med.load, 'load');
export const account = (n: number): PurchaseAmounts => ({ account: n, selfPaid: 0, pooled: 0 });

export async function now(w: CardWorld): Promise<AccountSnapshot> {
  return (await terminal(w)).snapshot();
}

export function mustOk(sw: number | undefined, what: string | Diagnosis): void {
  if (sw !== SW.NO_ERROR) throw new NonConformance(dx('med.mustOk', { what, answered: sw === undefined ? dx('med.notSent') : swHex(sw) }));
}

export async function buy(w: CardWorld, a: PurchaseAmounts, o: { time?: string; corruptMac1?: boolean } = {}): Promise<PurchaseRun> {
  const run = await (await terminal(w)).purchase(a, { time: o.time ?? DEFAULT_TIME, ...(o.corruptMac1 ? { corruptMac1: true } : {}) });
  w.med.purchase = { run, amounts: a };
  return run;
}

export async function load(w: CardWorld, amount: number, o: { corruptMac2?: boolean } = {}): Promise<LoadRun> {
  const run = await (await terminal(w)).load(amount, o);
  w.med.load = { run, amount };
  return run;
}
