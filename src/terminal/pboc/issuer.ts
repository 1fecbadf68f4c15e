/**
 * The simulated issuer host: holds the issuer master keys (from the profile), derives the card's keys
 * from PAN and PSN, verifies ARQC/TC/AAC, answers with ARPC (method 1) and builds issuer script
 * commands with their MAC (JR/T 0025.7 §6–7, JR/T 0025.5 C.2). Test keys only.
 */
import { concat, fromHex, fromUint } from '../../bytes/hex.ts';
import { arpc, deriveUdk, pbocMac, PART17, scriptMac, sessionKey, type PbocAlgorithm, type Sm4Variant } from '../../crypto/index.ts';

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

  private sk(which: keyof IssuerKeys, pan: string, psn: string, atc: number): Uint8Array {
    return sessionKey(this.algorithm, deriveUdk(this.algorithm, fromHex(this.imk[which]), pan, psn, this.variant), atc);
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
}
