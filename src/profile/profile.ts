/** The profile: what is under test, its ICS, keys, test objects and the target (docs/design.md flow step 1). */
import { encodeGbk } from '../bytes/text.ts';

export type ProductKind = 'chip' | 'cos' | 'card' | 'terminal';

export interface EfRef {
  /** DF name or AID holding the EF: text (GBK) or hex. */
  df: string;
  fid: string;
  sfi?: number;
}

export interface Ics {
  /** 社会保障卡规范 version; absent for a card that claims none (a bare ISO/IEC 7816-4 card). */
  sscardVersion?: '1.0' | '2.0' | '3.0';
  protocols: Array<'T=0' | 'T=1'>;
  algorithms: Array<'3DES' | 'SM4' | 'RSA' | 'SM2'>;
  oda?: Array<'SDA' | 'DDA' | 'CDA'>;
  electronicCash?: boolean;
  contactless?: boolean;
  logicalChannels?: boolean;
  pboc?: 'none' | '2.0' | '3.0';
  /**
   * Algorithm sets of the debit application (JR/T 0025.17 §10.2): one (default), or both RSA/SHA-1/3DES
   * and SM2/SM3/SM4, chosen at GET PROCESSING OPTIONS by DF69 (§10.3.3 b).
   */
  pbocAlgorithmSets?: 'single' | 'dual';
  /** Card-management commands the harness may use (docs/dual-app.md). */
  cardManagement?: 'none' | 'card-sim';
  /** Medical insurance processing of DF04 (社会保障卡规范 part 6 §6.6; docs/medical.md). */
  medical?: 'none' | 'online' | 'offline';
}

export type Target =
  | { kind: 'sim'; image: string; defects?: string[]; latencyMs?: number; fresh?: boolean; state?: string }
  | { kind: 'pcsc'; reader?: string | number | Array<string | number>; timeoutSeconds?: number; tear?: TearDriver };

/**
 * How a run cuts the card's power mid-command (features/tearing): `sim serve`'s control channel (cut after
 * the k-th NVM write), or a lab's power-cut reader driven by a command given the delay after the command.
 */
export type TearDriver = { kind: 'sim-serve'; host?: string; port: number } | { kind: 'command'; command: string[] };

export interface Profile {
  schema: 'sscc-profile/1';
  product: {
    kind: ProductKind;
    vendor: string;
    model: string;
    cosVersion?: string;
    serial?: string;
    expectedAtr?: string;
    notes?: string;
  };
  ics: Ics;
  /** The terminal under test, when product.kind is terminal. */
  terminal?: {
    type: 'social-security' | 'financial' | 'integrated';
    driver: { kind: 'reference' | 'command' | 'manual'; command?: string[]; timeoutSeconds?: number };
    terminalNumber?: string;
    deviceNumber?: string;
    blacklist?: string[];
    today?: string;
    /** Serve the test card and PSAM in these vpcd virtual readers, for a terminal that reaches them through PC/SC. */
    readers?: { card: string; psam: string; cardPort?: number; psamPort?: number };
    /** The financial side of a financial or integrated terminal (src/terminal/settings.ts gives the defaults). */
    pboc?: {
      aids?: string[];
      floorLimit?: number;
      randomSelection?: { threshold?: number; targetPercent?: number; maxTargetPercent?: number };
      tac?: { denial?: string; online?: string; default?: string };
      onlineCapable?: boolean;
      cardholderConfirmation?: boolean;
      pinPad?: boolean;
      signature?: boolean;
      ecSupport?: boolean;
      cda?: boolean;
      exceptionFile?: string[];
      /** More CA public keys the terminal holds (an SM2 one for PBOC 3.0 cards). */
      caKeys?: PbocCaKey[];
      host?: Record<string, import('../pboc/host.ts').HostRule>;
    };
  };
  keys?: {
    testKeys?: boolean;
    pin?: string;
    /** Root keys of the SSSE keys by name (UK, PUK, IRK, STK, RK, BK, UK1), hex; default the test roots. */
    sscardRoots?: Record<string, string>;
    /** Root keys of the medical keys of DF04 (DSK, DLK, DPK, DTK), hex; default the test roots (src/medical/keys.ts). */
    medicalRoots?: Record<string, string>;
    /** Level-2 diversification factor: part 9 §7.3.2 (default) or the reader spec's rule for 33… city codes (docs/crypto-conventions.md). */
    sscardLevel2Factor?: 'part9' | 'reader-33';
    /** Keys of the debit application: AID, issuer master keys, CA key, SM4 choices (card-sim/images/pse.ts). */
    pboc?: PbocKeys;
    /** Master keys of the card, SSSE, PSE and the transport key, hex; default the test values. */
    masterKeys?: Partial<Record<'transport' | 'card' | 'ssse' | 'pse', string>>;
  };
  testObjects?: Partial<TestObjects>;
  run?: { allowDestructive?: boolean; seed?: string; preflight?: boolean };
  target: Target;
}

/** The CA public key of ODA: RSA (JR/T 0025.7 §5) or SM2 x ‖ y (JR/T 0025.17 §5). */
export type { PbocCaKey } from '../pboc/oda-sm2.ts';
import type { PbocCaKey } from '../pboc/oda-sm2.ts';

/** PBOC test keys (JR/T 0025.7): issuer master keys for the simulated issuer, CA public key for ODA. */
export interface PbocKeys {
  aid?: string;
  imk: { ac: string; mac: string; enc: string };
  ca: PbocCaKey;
  /** More CA keys (a dual-algorithm card has an RSA and an SM2 chain): the one with the card's 8F index is used. */
  caKeys?: PbocCaKey[];
  sm4Variant?: { udkInput?: 'part17' | 'part5'; acFold?: 'part17' | 'part7' };
}

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
