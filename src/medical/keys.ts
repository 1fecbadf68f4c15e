/**
 * The keys of the medical insurance account in offline mode (社会保障卡规范 part 6 table 3: DLK, DPK,
 * DTK; part 5 §7.7: DSK), in DF04, each diversified from a root through the three levels of part 9
 * §7.3 (province, city, card), as the PSAM's INIT SAM FOR PURCHASE does for DPK (part 9 §9.9.1).
 * Ids and roots are this project's (part 9 annex B leaves their rows to the provinces).
 */
import { fromHex } from '../bytes/hex.ts';
import type { SsAlgorithm } from '../sscard/crypto.ts';
import { type CardIdentity, cardKey } from '../sscard/keys.ts';

export type MedicalKeyName = 'DSK' | 'DLK' | 'DPK' | 'DTK';

/** Key ids in DF04: DSK by EXTERNAL AUTHENTICATE P2 (before UPDATE STARTING DAY); the others by their use. */
export const MEDICAL_KEY_ID: Readonly<Record<MedicalKeyName, number>> = { DSK: 0x0d, DLK: 0x21, DPK: 0x22, DTK: 0x23 };

/** 密钥索引号 of INITIALIZE FOR LOAD / PURCHASE (part 5 tables 66, 70) this card supports; = the key version. */
export const MEDICAL_KEY_INDEX = 0x01;

/** The PSAM's usage byte of the purchase key: 3 levels, type 2 医疗消费密钥 (part 9 §6.2–6.3, annex B: 22). */
export const PSAM_DPK_USAGE = (3 << 5) | 0x02;
/** The PSAM's key id of DPK (annex B: '01' is the version of the national DPK; here the id, the version 1). */
export const PSAM_DPK_ID = 0x01;

/** The project's TEST roots of the medical keys (never an issuer's). */
export const MEDICAL_TEST_ROOTS: Readonly<Record<MedicalKeyName, string>> = {
  DSK: 'D5D5D5D5D5D5D5D5E6E6E6E6E6E6E6E6',
  DLK: 'D1D1D1D1D1D1D1D1E2E2E2E2E2E2E2E2',
  DPK: 'D3D3D3D3D3D3D3D3E4E4E4E4E4E4E4E4',
  DTK: 'D7D7D7D7D7D7D7D7E8E8E8E8E8E8E8E8',
};

export function medicalRoot(roots: Readonly<Record<string, string>> | undefined, name: MedicalKeyName): Uint8Array {
  return fromHex(roots?.[name] ?? MEDICAL_TEST_ROOTS[name]);
}

/** A card's medical key: the root through the three levels (part 9 §7.3, §9.9.1). */
export function medicalCardKey(alg: SsAlgorithm, roots: Readonly<Record<string, string>> | undefined, name: MedicalKeyName, id: CardIdentity): Uint8Array {
  return cardKey(alg, medicalRoot(roots, name), id);
}
