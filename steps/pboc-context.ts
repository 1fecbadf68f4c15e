/**
 * What the PBOC step files share: the profile's test keys (keys.pboc), the debit AID, the CA key the card
 * names and the simulated issuer. The transaction state is the World's `pboc` (src/pboc/under-test.ts).
 */
import { fromHex, toHex } from '../src/bytes/hex.ts';
import type { RsaPublic } from '../src/crypto/index.ts';
import { type CaKey, caKeyByIndex } from '../src/pboc/oda-sm2.ts';
import type { PbocIssuer } from '../src/pboc/issuer.ts';
import { profileIssuer } from '../src/profile/issuer.ts';
import { NonConformance, Unobservable } from '../src/verdict/errors.ts';
import type { CardWorld } from './world.ts';
import { dx } from '../src/verdict/messages.ts';

export function keys(w: CardWorld) {
  const k = w.profile.keys?.pboc;
  if (!k) throw new Unobservable(dx('profile.noPbocKeys'));
  return k;
}

export const aid = (w: CardWorld): Uint8Array => fromHex(keys(w).aid ?? 'A000000333010101');

/** All CA keys of the profile: keys.pboc.ca and, for a dual-algorithm card, keys.pboc.caKeys. */
export const caKeys = (w: CardWorld) => [keys(w).ca, ...(keys(w).caKeys ?? [])] as const;

/**
 * The CA public key of the profile: RSA (modulus, exponent) or SM2 (x ‖ y, JR/T 0025.17); with several
 * (keys.pboc.caKeys, a dual-algorithm card) the one the card's 8F names.
 */
export const ca = (w: CardWorld): CaKey => caKeyByIndex(caKeys(w), w.pboc.kernel.data.get('8F')?.[0]);

/**
 * The CA key of one algorithm. A profile without one cannot judge the scenario; a profile that has one
 * (a dual-algorithm card, keys.pboc.caKeys) while the card's 8F names another chain, or none, is the card's fault.
 */
function caOf(w: CardWorld, algorithm: 'RSA' | 'SM2'): CaKey {
  const c = ca(w);
  if ('sm2' in c === (algorithm === 'SM2')) return c;
  if (!caKeys(w).some((k) => (k.algorithm ?? 'RSA') === algorithm)) {
    throw new Unobservable(algorithm === 'SM2' ? dx('profile.caIsRsa') : dx('profile.caIsSm2'));
  }
  const named = w.pboc.kernel.data.get('8F');
  throw new NonConformance(dx('oda.caIndexChain', { index: named ? toHex(named) : dx('oda.caIndexAbsent'), algorithm }));
}

export function rsaCa(w: CardWorld): RsaPublic {
  return caOf(w, 'RSA') as RsaPublic;
}

export function sm2Ca(w: CardWorld): Uint8Array {
  return (caOf(w, 'SM2') as { sm2: Uint8Array }).sm2;
}

/**
 * The simulated issuer: the algorithm of the ICS, or for a dual-algorithm card the one the IAD of the
 * cryptogram names (JR/T 0025.17 §10.3.1 e–g), since the card chose its set at GPO.
 */
export const issuer = (w: CardWorld, iad?: Uint8Array): PbocIssuer => {
  keys(w);
  return profileIssuer(w.profile, iad);
};

export function profilePin(w: CardWorld): string {
  const pin = w.profile.keys?.pin;
  if (!pin) throw new Unobservable(dx('profile.noPin'));
  return pin;
}

/** 'first' or 'second' GENERATE AC as the scenario writes it. */
export const ordinal = (which: string): 1 | 2 => (which === 'second' ? 2 : 1);

/** A script command of the issuer for the current transaction's first cryptogram (JR/T 0025.5 C.2.4). */
export function issuerScript(w: CardWorld, header: string, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  return w.pboc.script(issuer(w, w.pboc.gac().iad), header, data);
}
