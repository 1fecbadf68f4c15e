/**
 * Offline data authentication, one flow for RSA (JR/T 0025.7 §5) and SM2 (JR/T 0025.17 §5): the CA key
 * chooses the scheme (oda.ts RSA_ODA, oda-sm2.ts SM2_ODA_SCHEME); the flow is the same. SDA: issuer key,
 * then the SSAD, the DAC to 9F45. The ICC key: issuer key, then the ICC certificate. DDA: ICC key,
 * INTERNAL AUTHENTICATE with the DDOL data, the SDAD (SM2: the ICC dynamic number to 9F4C). CDA: ICC key, then
 * the signature of the GENERATE AC response. Each check that fails is named in `errors`.
 */
import { swHex } from '../apdu/response.ts';
import { type Diagnosis, dx } from '../verdict/messages.ts';
import type { RsaPublic } from '../crypto/index.ts';
import { type CdaData, type OdaKernel, type OdaScheme, type Recovered, RSA_ODA } from './oda.ts';
import { type CaKey, isSm2Ca, SM2_ODA_SCHEME } from './oda-sm2.ts';

/** The scheme of a CA key and the key as that scheme takes it. */
export function withScheme<R>(ca: CaKey, f: <K>(scheme: OdaScheme<K>, ca: K) => R): R {
  return isSm2Ca(ca) ? f(SM2_ODA_SCHEME, ca.sm2) : f(RSA_ODA, ca);
}

/** A public key of either scheme: RSA modulus and exponent, or an SM2 point x ‖ y. */
export type OdaKey = RsaPublic | Uint8Array;

export function issuerKey(k: OdaKernel, ca: CaKey): { key?: OdaKey; errors: Diagnosis[] } {
  return withScheme(ca, (s, key) => {
    const r = s.issuerKey(key, k);
    return { key: r.value as OdaKey | undefined, errors: r.errors };
  });
}

/** The ICC public key: the issuer key, then the ICC certificate with it (JR/T 0025.7 §5.3.4; JR/T 0025.17 §5.2.3). */
export function iccKey(k: OdaKernel, ca: CaKey): { key?: OdaKey; errors: Diagnosis[] } {
  return withScheme(ca, (s, key) => iccKeyOf(s, key, k) as { key?: OdaKey; errors: Diagnosis[] });
}

function iccKeyOf<K>(s: OdaScheme<K>, ca: K, k: OdaKernel): { key?: K; errors: Diagnosis[] } {
  const ik = s.issuerKey(ca, k);
  if (!ik.value) return { errors: ik.errors };
  const r = s.iccKey(ik.value, k);
  return { key: r.value, errors: [...ik.errors, ...r.errors] };
}

/** SDA (JR/T 0025.7 §5.2; JR/T 0025.17 §5.1): issuer key, then the SSAD; the DAC goes to 9F45. */
export function sda(k: OdaKernel, ca: CaKey): Diagnosis[] {
  return withScheme(ca, (s, key) => {
    const ik = s.issuerKey(key, k);
    const errors = [...ik.errors];
    if (ik.value) {
      const r = s.ssad(ik.value, k);
      errors.push(...r.errors);
      if (r.value) k.data.set('9F45', r.value);
    }
    return errors;
  });
}

/** DDA (EMV Book 2 §6.5; JR/T 0025.17 §5.2.4): ICC key, INTERNAL AUTHENTICATE with the DDOL data, the SDAD (SM2: the dynamic number to 9F4C). */
export function dda(k: OdaKernel, ca: CaKey): Promise<{ errors: Diagnosis[]; dynamicNumber?: Uint8Array }> {
  return withScheme(ca, async (s, key) => {
    const icc = iccKeyOf(s, key, k);
    const errors = [...icc.errors];
    let dynamicNumber: Uint8Array | undefined;
    if (icc.key) {
      const ddol = k.ddolData();
      const ia = await k.internalAuthenticate(ddol);
      if (!ia.sdad) errors.push(dx('oda.internalAuth', { sw: swHex(ia.response.sw) }));
      else {
        const v = s.sdad(icc.key, ia.sdad, ddol);
        errors.push(...v.errors);
        dynamicNumber = v.value;
        // SM2 DDA stores the ICC dynamic number (JR/T 0025.17 §5.2.4.2); RSA DDA keeps it out of 9F4C as before
        // (9F4C comes from CDA): PB-ODA-106 on a dual card that falls back to RSA rests on this.
        if (s.name === 'SM2' && !v.errors.length && v.value) k.data.set('9F4C', v.value);
      }
    }
    return dynamicNumber ? { errors, dynamicNumber } : { errors };
  });
}

/** The SDAD check with the card's ICC key (DDA, EMV Book 2 §6.5.2; JR/T 0025.17 §5.2.4.2); undefined with the errors when the key does not recover. */
export function sdadCheck(k: OdaKernel, ca: CaKey): { check?: (sdad: Uint8Array, ddolData: Uint8Array) => Recovered<Uint8Array>; errors: Diagnosis[] } {
  return withScheme(ca, (s, key) => {
    const icc = iccKeyOf(s, key, k);
    const iccKey = icc.key;
    return iccKey === undefined ? { errors: icc.errors } : { check: (sdad, ddol) => s.sdad(iccKey, sdad, ddol), errors: icc.errors };
  });
}

/** CDA (JR/T 0025.7 §5.3.6.2; JR/T 0025.17 §5.2.5.2): ICC key, then the signature over the unpredictable number and `transactionData`. */
export function cdaSignature(
  k: OdaKernel,
  ca: CaKey,
  sdad: Uint8Array,
  unpredictable: Uint8Array,
  cid: number,
  transactionData: Uint8Array,
): Recovered<CdaData> {
  return withScheme(ca, (s, key) => {
    const icc = iccKeyOf(s, key, k);
    if (!icc.key) return { errors: icc.errors };
    const r = s.cdaSdad(icc.key, sdad, unpredictable, cid, transactionData);
    return r.value ? { value: r.value, errors: [...icc.errors, ...r.errors] } : { errors: [...icc.errors, ...r.errors] };
  });
}
