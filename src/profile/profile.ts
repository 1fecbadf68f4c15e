/** The profile: what is under test, its ICS, keys, test objects and the target (docs/design.md flow step 1). */
import { encodeGbk } from '../bytes/text.ts';

import type { EfRef as GeneratedEfRef, ProfileData } from './profile.generated.ts';

/*
 * One source of truth (issue 16 item 5): the types below are profiles/profile.schema.json's, generated
 * into profile.generated.ts by scripts/gen-profile-types.mjs (schema.test.ts fails when they drift).
 * Only what the schema cannot say is narrowed here: the CA key's two shapes (plausibility() checks them).
 */
export type Profile = Omit<ProfileData, 'keys' | 'terminal'> & {
  keys?: Omit<NonNullable<ProfileData['keys']>, 'pboc'> & { pboc?: PbocKeys };
  terminal?: Omit<NonNullable<ProfileData['terminal']>, 'pboc'> & { pboc?: TerminalPboc };
};
export type ProductKind = Profile['product']['kind'];
export type EfRef = GeneratedEfRef;
export type Ics = Profile['ics'];
export type Target = Profile['target'];
export type Lab = NonNullable<Profile['lab']>;
export type Order = NonNullable<Profile['order']>;
export type Sample = NonNullable<Profile['samples']>[number];

type GeneratedPbocKeys = NonNullable<NonNullable<ProfileData['keys']>['pboc']>;
type GeneratedTerminalPboc = NonNullable<NonNullable<ProfileData['terminal']>['pboc']>;
type TerminalPboc = Omit<GeneratedTerminalPboc, 'caKeys'> & { caKeys?: PbocCaKey[] };

/** The CA public key of ODA: RSA (JR/T 0025.7 §5) or SM2 x ‖ y (JR/T 0025.17 §5). */
export type { PbocCaKey } from '../pboc/oda-sm2.ts';
import type { PbocCaKey } from '../pboc/oda-sm2.ts';

/** PBOC test keys (JR/T 0025.7): issuer master keys for the simulated issuer, CA public key for ODA. */
export type PbocKeys = Omit<GeneratedPbocKeys, 'ca' | 'caKeys'> & { ca: PbocCaKey; caKeys?: PbocCaKey[] };

export interface TestObjects {
  ssse: string;
  /** DF name of the PSE (JR/T 0025.5: 1PAY.SYS.DDF01). */
  pse: string;
  transparentEf: EfRef;
  recordEf: EfRef;
  pinProtectedEf: EfRef;
  keyProtectedEf: EfRef;
}

/** Where a 2.0/3.0 social security card keeps them (社会保障卡 V2.0 tables 3–4). */
export const DEFAULT_TEST_OBJECTS: TestObjects = {
  ssse: 'sx1.sh.社会保障',
  pse: '1PAY.SYS.DDF01',
  transparentEf: { df: 'D15600000500', fid: 'EF16', sfi: 0x16 }, // DF01 预留信息文件1, read free
  recordEf: { df: 'sx1.sh.社会保障', fid: 'EF05', sfi: 0x05 }, // SSSE 发卡机构数据, read free
  pinProtectedEf: { df: 'D15600000500', fid: 'EF05', sfi: 0x05 }, // DF01 户籍信息, read PIN or RK1
  keyProtectedEf: { df: 'sx1.sh.社会保障', fid: 'EF07', sfi: 0x07 }, // SSSE 指纹, read RK SSSE
};

export function testObjects(profile: Profile): TestObjects {
  return { ...DEFAULT_TEST_OBJECTS, ...profile.testObjects };
}

/** A DF reference from the profile: hex digits are an AID, anything else a name in GBK. */
export function dfNameBytes(ref: string): Uint8Array {
  const compact = ref.replace(/\s/g, '');
  if (/^([0-9A-Fa-f]{2}){1,16}$/.test(compact)) return Uint8Array.from(Buffer.from(compact, 'hex'));
  return encodeGbk(ref);
}

/**
 * How a run cuts the card's power mid-command (features/tearing): `sim serve`'s control channel (cut after
 * the k-th NVM write), or a lab's power-cut reader driven by a command given the delay after the command.
 */
export type TearDriver = NonNullable<Extract<Target, { kind: 'pcsc' }>['tear']>;
