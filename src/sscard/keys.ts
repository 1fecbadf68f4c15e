/**
 * The key model of the SSSE (社会保障卡规范 part 4 §7, part 6 table 3, part 10 §6.4; LD/T 33 annex B)
 * and the three-level diversification of per-card keys (part 9 §7.3). docs/sscard.md records which
 * key id is which and where each fact comes from.
 */
import { fromHex } from '../bytes/hex.ts';
import { type SsAlgorithm, diversifyLevels } from './crypto.ts';

/** Key identifiers (P2 of EXTERNAL AUTHENTICATE, part 5 table 14) as this project settles them. */
export const KEY_ID = {
  /** UK SSSE: update EF05–EF08 (traces: 00 82 00 04 … 01 before 00 DC). */
  UK: 0x04,
  /** PUK: authorises PIN CHANGE/UNBLOCK (trace: "密钥标识符为06" before 84 24). */
  PUK: 0x06,
  /** IRK: internal authentication (LD/T 33 annex B: type 07, id 08, versions 1–3). */
  IRK: 0x08,
  /** STK SSSE: secure messaging of 84 24 and APPLICATION BLOCK (annex B: type 08, id 09). */
  STK: 0x09,
  /** RK SSSE: read EF07/EF08, and EF06 on 3.0 (annex B id 0A; SI3 EXTERNAL_AUTHENTICATION(0x0A)). */
  RK: 0x0a,
  /** BK: CARD BLOCK MAC (part 6 table 3 names a block key; the id is this project's choice). */
  BK: 0x0b,
  /** UK1 of an ADF (DF01–DF07): business records, updated with a MAC (this project's choice). */
  UK1: 0x01,
} as const;

export type KeyName = 'UK' | 'PUK' | 'IRK' | 'STK' | 'RK' | 'BK' | 'UK1';

/**
 * The project's TEST root keys (not any issuer's): one 16-byte root per key name, the same for 3DES
 * and SM4. A profile may name other roots (keys.sscardRoots) for real test cards.
 */
export const TEST_ROOT_KEYS: Readonly<Record<KeyName, string>> = {
  UK: '11111111111111112222222222222222',
  PUK: '33333333333333334444444444444444',
  IRK: '0123456789ABCDEFFEDCBA9876543210',
  STK: '55555555555555556666666666666666',
  RK: '77777777777777778888888888888888',
  BK: '9999999999999999AAAAAAAAAAAAAAAA',
  UK1: 'BBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCC',
};

/** Root of key version v (1–3): version 1 is the root; later versions XOR the version into the last byte (test data). */
export function rootKey(roots: Readonly<Record<string, string>>, name: KeyName, version = 1): Uint8Array {
  const hex = roots[name] ?? TEST_ROOT_KEYS[name];
  const k = fromHex(hex);
  if (version > 1) k[k.length - 1] = (k[k.length - 1] as number) ^ version;
  return k;
}

const ascii = (s: string) => Uint8Array.from(Buffer.from(s, 'ascii'));

/** Level 1 (province): ASCII of the first 2 digits of the city code ‖ 30 30 30 30 73 68 (part 9 §7.3.1). */
export function provinceFactor(cityCode: string): Uint8Array {
  return Uint8Array.from([...ascii(cityCode.slice(0, 2)), 0x30, 0x30, 0x30, 0x30, 0x73, 0x68]);
}

/**
 * How the level-2 factor is built; the texts disagree (docs/crypto-conventions.md):
 *   'part9'     ASCII of the 6-digit city code ‖ 73 78 (社会保障卡规范 part 9 §7.3.2), the default;
 *   'reader-33' the same, except for city codes starting 33: ASCII of the first 4 digits ‖ 30 30 73 78
 *               (the Sichuan reader-terminal spec V2.0 (SCR, spec-notes sc_reader.txt) §10.3).
 */
export type Level2Factor = 'part9' | 'reader-33';

/** Level 2 (city) factor of part 9 §7.3.2, or of the reader spec's rule for 33… city codes. */
export function cityFactor(cityCode: string, rule: Level2Factor = 'part9'): Uint8Array {
  if (rule === 'reader-33' && cityCode.startsWith('33')) return Uint8Array.from([...ascii(cityCode.slice(0, 4)), 0x30, 0x30, 0x73, 0x78]);
  return Uint8Array.from([...ascii(cityCode), 0x73, 0x78]);
}

/** Level 3 (card): historical bytes 6 to 13 of the card's ATR (part 9 §7.3.3). */
export function cardFactor(historical: Uint8Array): Uint8Array {
  if (historical.length < 13) throw new RangeError(`the ATR has ${historical.length} historical bytes; level 3 needs bytes 6–13`);
  return historical.slice(5, 13);
}

export interface CardIdentity {
  /** 应用城市代码, 6 digits (the first 3 bytes of 卡的识别码). */
  cityCode: string;
  /** Historical bytes of the ATR. */
  historical: Uint8Array;
  /** The level-2 factor rule the product follows (profile keys.sscardLevel2Factor); default part 9. */
  level2Factor?: Level2Factor;
}

/** The three diversification factors of a card, level 1 first. */
export function cardFactors(id: CardIdentity): Uint8Array[] {
  return [provinceFactor(id.cityCode), cityFactor(id.cityCode, id.level2Factor), cardFactor(id.historical)];
}

/** A card's own key: the root diversified through the three levels. */
export function cardKey(alg: SsAlgorithm, root: Uint8Array, id: CardIdentity): Uint8Array {
  return diversifyLevels(alg, root, cardFactors(id));
}

/** Key types of the PSAM's key records (part 9 §6.3, b5–b1 of the usage byte). */
export const PSAM_KEY_TYPE = { MAC: 0x06, ENC: 0x07, MAC_ENC: 0x08 } as const;

/**
 * Usage byte of a PSAM key record = P1 of DELIVERY SESSION KEY (part 9 §6.1): diversification levels in
 * b8–b6 (3: the PSAM holds the root), key type in b5–b1.
 */
export function psamUsage(name: KeyName, levels = 3): number {
  const type = name === 'STK' || name === 'UK1' ? PSAM_KEY_TYPE.MAC_ENC : name === 'BK' ? PSAM_KEY_TYPE.MAC : PSAM_KEY_TYPE.ENC;
  return (levels << 5) | type;
}
