/**
 * The simulated issuer host: holds the issuer master keys (from the profile), derives the card's keys
 * from PAN and PSN, verifies ARQC/TC/AAC, answers with ARPC (method 1) and builds issuer script
 * commands with their MAC (JR/T 0025.7 §6–7, JR/T 0025.5 C.2). Test keys only.
 */
import { concat, fromHex, fromUint, toHex } from '../bytes/hex.ts';
import { IAD_ALGORITHM } from './host.ts';
import {
  arpc,
  deriveUdk,
  encipherScriptData,
  pbocMac,
  PART17,
  PIN_CHANGE_P2,
  pinChangeData,
  scriptMac,
  sessionKey,
  type PbocAlgorithm,
  type Sm4Variant,
} from '../crypto/index.ts';

export interface IssuerKeys {
  ac: string;
  mac: string;
  enc: string;
}

export class PbocIssuer {
  constructor(
    private readonly imk: IssuerKeys,
    readonly algorithm: PbocAlgorithm = '3DES',
    private readonly variant: Sm4Variant = PART17,
  ) {}

  private udk(which: keyof IssuerKeys, pan: string, psn: string): Uint8Array {
    return deriveUdk(this.algorithm, fromHex(this.imk[which]), pan, psn, this.variant);
  }

  private sk(which: keyof IssuerKeys, pan: string, psn: string, atc: number): Uint8Array {
    return sessionKey(this.algorithm, this.udk(which, pan, psn), atc);
  }

  /** The cryptogram the card should have computed over `acData` (CDOL data ‖ AIP ‖ ATC ‖ CVR). */
  expectedAc(pan: string, psn: string, atc: number, acData: Uint8Array): Uint8Array {
    return pbocMac(this.algorithm, this.sk('ac', pan, psn, atc), acData, this.variant);
  }

  arpc(pan: string, psn: string, atc: number, arqc: Uint8Array, arc: Uint8Array): Uint8Array {
    return arpc(this.algorithm, this.sk('ac', pan, psn, atc), arqc, arc);
  }

  /** A script command CLA INS P1 P2 Lc data MAC (JR/T 0025.5 C.2.4), MAC over header ‖ ATC ‖ AC ‖ data. */
  script(pan: string, psn: string, atc: number, ac: Uint8Array, header: string, data: Uint8Array = new Uint8Array(0)): Uint8Array {
    const h = fromHex(header);
    const withLc = concat(h, Uint8Array.of(data.length + 4));
    const mac = scriptMac(this.algorithm, this.sk('mac', pan, psn, atc), concat(withLc, fromUint(atc, 2), ac, data), this.variant);
    return concat(withLc, data, mac);
  }

  /**
   * PIN CHANGE/UNBLOCK 84 24 00 P2 changing the PIN (JR/T 0025.5 B.10.3, JR/T 0025.17 §11): the PIN data
   * enciphered under the ENC session key (C.3), then the MAC as for every script command. With the current
   * PIN: P2 01; without: P2 02.
   */
  pinChange(pan: string, psn: string, atc: number, ac: Uint8Array, newPin: string, currentPin?: string): Uint8Array {
    const d = pinChangeData(this.udk('enc', pan, psn), newPin, currentPin);
    const p2 = currentPin === undefined ? PIN_CHANGE_P2.WITHOUT_CURRENT_PIN : PIN_CHANGE_P2.WITH_CURRENT_PIN;
    const header = toHex(Uint8Array.of(0x84, 0x24, 0x00, p2));
    return this.script(pan, psn, atc, ac, header, encipherScriptData(this.algorithm, this.sk('enc', pan, psn, atc), d));
  }
}

/** The symmetric algorithm the IAD names in its last byte (JR/T 0025.17 annex A): 01 3DES, 04 SM4. */
export const iadAlgorithm = (iad: Uint8Array): PbocAlgorithm | undefined => IAD_ALGORITHM[iad[iad.length - 1] as number];

/**
 * The issuer that checks a cryptogram: one fixed issuer, or one chosen by the IAD of the cryptogram, as the
 * issuer of a dual-algorithm card does (JR/T 0025.17 §10.3.1 e–g: the IAD carries the algorithm).
 */
export type IssuerChoice = PbocIssuer | ((iad: Uint8Array) => PbocIssuer);
export const issuerOf = (choice: IssuerChoice, iad: Uint8Array): PbocIssuer => (typeof choice === 'function' ? choice(iad) : choice);
