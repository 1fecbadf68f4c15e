/**
 * The financial configuration of the terminal under test from its profile (terminal.pboc and keys.pboc),
 * with the defaults of a UnionPay POS (TACs of spec-notes/pboc.md §1.5; no random selection unless the
 * profile or the scenario asks for it).
 */
import { UNIONPAY_TAC } from '../pboc/decisions.ts';
import type { Profile } from '../profile/profile.ts';
import { TransportError } from '../verdict/errors.ts';
import { dx } from '../verdict/messages.ts';
import type { PbocTerminalSettings } from './operations.ts';

export function pbocSettings(profile: Profile, seed: string): PbocTerminalSettings {
  const t = profile.terminal?.pboc ?? {};
  const keys = profile.keys?.pboc;
  if (!keys) throw new TransportError(dx('term.needsKeys'));
  return {
    aids: t.aids ?? ['A000000333'],
    floorLimit: t.floorLimit ?? 50000,
    randomSelection: { threshold: 0, targetPercent: 0, maxTargetPercent: 0, ...t.randomSelection },
    tac: { ...UNIONPAY_TAC, ...t.tac },
    onlineCapable: t.onlineCapable ?? true,
    cardholderConfirmation: t.cardholderConfirmation ?? false,
    pinPad: t.pinPad ?? true,
    signature: t.signature ?? true,
    ecSupport: t.ecSupport ?? true,
    cda: t.cda ?? true,
    exceptionFile: t.exceptionFile ?? [],
    ...(t.country ? { country: t.country } : {}),
    caKeys: [keys.ca, ...(t.caKeys ?? [])],
    imk: keys.imk,
    ...(keys.sm4Variant ? { sm4Variant: keys.sm4Variant } : {}),
    host: t.host ?? {},
    seed,
  };
}
