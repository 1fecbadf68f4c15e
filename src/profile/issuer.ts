/** The simulated issuer a profile describes (keys.pboc, the ICS's algorithms). */
import type { PbocAlgorithm } from '../crypto/index.ts';
import { iadAlgorithm, PbocIssuer } from '../pboc/issuer.ts';
import type { Profile } from './profile.ts';

/**
 * The algorithm of the simulated issuer for a profile: a dual-algorithm card (ics.pbocAlgorithmSets dual)
 * by the IAD of the cryptogram; otherwise the ICS's, SM4 on a PBOC 3.0 card with SM4, else 3DES.
 */
export function issuerAlgorithm(p: Profile, iad?: Uint8Array): PbocAlgorithm {
  if (p.ics.pbocAlgorithmSets === 'dual' && iad) return iadAlgorithm(iad) ?? '3DES';
  return p.ics.algorithms.includes('SM4') && p.ics.pboc === '3.0' ? 'SM4' : '3DES';
}

/**
 * The simulated issuer of a profile's card: keys.pboc.imk, the algorithm of the ICS (or, for a
 * dual-algorithm card, the one the IAD of the cryptogram names), and the SM4 variant the profile declares.
 */
export function profileIssuer(p: Profile, iad?: Uint8Array): PbocIssuer {
  return profileIssuerOf(p, issuerAlgorithm(p, iad));
}

/** The simulated issuer of a profile's card with one algorithm (a dual-algorithm card has both). */
export function profileIssuerOf(p: Profile, algorithm: PbocAlgorithm): PbocIssuer {
  const k = p.keys?.pboc;
  if (!k) throw new Error('the profile gives no keys.pboc');
  return new PbocIssuer(k.imk, algorithm, { udkInput: k.sm4Variant?.udkInput ?? 'part17', acFold: k.sm4Variant?.acFold ?? 'part17' });
}
