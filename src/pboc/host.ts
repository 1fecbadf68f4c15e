/**
 * The simulated acquirer/issuer host a financial terminal goes online to (JR/T 0025.6 §9; EMV Book 3
 * §10.9): it checks the ARQC with the issuer master keys, answers the authorisation response code 8A
 * and ARPC, and the issuer scripts configured for a card (templates 71, before the second GENERATE AC,
 * and 72, after it; JR/T 0025.5 C.2), with 3DES or SM4 as the card's IAD names. Test keys only.
 */
import { fromHex, toHex } from '../bytes/hex.ts';
import type { PbocAlgorithm } from '../crypto/index.ts';
import type { PbocIssuer } from './issuer.ts';
import type { GacResult } from './kernel.ts';

/** One issuer script command the host sends for a card (JR/T 0025.5 annex C.2). */
export interface HostScript {
  /** 71: before the final GENERATE AC; 72: after it. */
  template: '71' | '72';
  command: 'PUT DATA' | 'APPLICATION BLOCK' | 'APPLICATION UNBLOCK' | 'CARD BLOCK' | 'PIN UNBLOCK';
  /** PUT DATA: the tag (2 bytes hex) and value. */
  tag?: string;
  value?: string;
}

/** What the host does for one card (by PAN). */
export interface HostRule {
  decline?: boolean;
  /** Answer an ARPC that does not verify (to test the terminal's handling of a failed issuer authentication). */
  badArpc?: boolean;
  scripts?: HostScript[];
}

export interface HostAnswer {
  /** Authorisation response code 8A (2 bytes an): 00 approved, 05 do not honour. */
  arc: Uint8Array;
  arpc?: Uint8Array;
  /** Script commands, each a whole APDU with its MAC. */
  scripts71: Uint8Array[];
  scripts72: Uint8Array[];
  /** The ARQC did not verify. */
  arqcFailed: boolean;
}

const HEADERS: Record<HostScript['command'], string> = {
  'PUT DATA': '04DA',
  'APPLICATION BLOCK': '841E0000',
  'APPLICATION UNBLOCK': '84180000',
  'CARD BLOCK': '84160000',
  'PIN UNBLOCK': '84240000',
};

/** Symmetric algorithm identifier, the last byte of the IAD (JR/T 0025.17 annex A): 01 3DES, 04 SM4. */
export const IAD_ALGORITHM: Readonly<Record<number, PbocAlgorithm>> = { 0x01: '3DES', 0x04: 'SM4' };

export class SimulatedHost {
  /** `issuers` by algorithm: the card's IAD says which one it used, as the host knows it by the card's BIN. */
  constructor(
    private readonly issuers: Partial<Record<PbocAlgorithm, PbocIssuer>>,
    private readonly rules: Readonly<Record<string, HostRule>> = {},
  ) {}

  authorise(pan: string, psn: string, arqc: GacResult): HostAnswer {
    const rule = this.rules[pan] ?? {};
    const algorithm = IAD_ALGORITHM[arqc.iad[arqc.iad.length - 1] as number] ?? '3DES';
    const issuer = this.issuers[algorithm];
    if (!issuer) return { arc: fromHex('3035'), scripts71: [], scripts72: [], arqcFailed: true };
    const expected = issuer.expectedAc(pan, psn, arqc.atc, arqc.acData);
    const arqcFailed = toHex(expected) !== toHex(arqc.ac);
    const arc = fromHex(arqcFailed || rule.decline ? '3035' : '3030');
    let arpc = issuer.arpc(pan, psn, arqc.atc, arqc.ac, arc);
    if (rule.badArpc) arpc = arpc.map((b) => b ^ 0xff);
    const build = (s: HostScript) => {
      const header = s.command === 'PUT DATA' ? HEADERS[s.command] + (s.tag ?? '') : HEADERS[s.command];
      return issuer.script(pan, psn, arqc.atc, arqc.ac, header, fromHex(s.value ?? ''));
    };
    const scripts = rule.scripts ?? [];
    return {
      arc,
      arpc,
      arqcFailed,
      scripts71: scripts.filter((s) => s.template === '71').map(build),
      scripts72: scripts.filter((s) => s.template === '72').map(build),
    };
  }
}
