/**
 * The file control information a SELECT returns and the directory entries of a payment system
 * environment, parsed once: FCI 6F { 84 DF name, A5 { 88 SFI, 50 label, 87 priority, 9F38 PDOL,
 * BF0C { 61 … } } } (ISO/IEC 7816-4 §5.3.3; JR/T 0025.5 §6.3 tables 2–4; EMV Contactless Book B §3.3;
 * 社会保障卡规范 part 5 table 36 with 9F0C) and the entries 61 { 4F AID, 50 label, 87 priority } of a PSE
 * directory record or of a PPSE's BF0C, and the value of a GET DATA answer. Parsing never judges; the
 * `require…` functions make the card's malformed answer a NonConformance.
 */
import { toHex } from '../bytes/hex.ts';
import { findTlv, parseTlv, type Tlv, TlvError } from '../tlv/ber.ts';
import { NonConformance, detailOf } from '../verdict/errors.ts';
import { type Diagnosis, bytes, dx } from '../verdict/messages.ts';

/** A directory entry 61 { 4F AID, 50 label, 87 application priority indicator } (JR/T 0025.5 §6.1 table 4). */
export interface DirectoryEntry {
  aid?: Uint8Array;
  label?: Uint8Array;
  priority?: Uint8Array;
}

export interface Fci {
  /** The response is exactly one template 6F. */
  single: boolean;
  /** The template 6F (the first, searched depth-first), if any. */
  template?: Tlv;
  /** 84 in 6F. */
  dfName?: Uint8Array;
  /** A5 in 6F: the FCI proprietary template. */
  proprietary?: Tlv;
  /** 88 in A5: the SFI of the directory (a PSE). */
  sfi?: number;
  /** 50 in A5. */
  label?: Uint8Array;
  /** 87 in A5. */
  priority?: Uint8Array;
  /** 9F38 in A5. */
  pdol?: Uint8Array;
  /** BF0C in A5: the FCI issuer discretionary data (a PPSE's directory entries; 9F4D log entry …). */
  discretionary?: Tlv;
  /** 9F0C in A5: the SSSE's issuer discretionary data (part 5 table 36). */
  ssseDiscretionary?: Tlv;
  /** The entries 61 of BF0C. */
  entries: DirectoryEntry[];
}

/** The entries 61 found in `list`, at any depth (a PSE record 70 { 61 … }, a BF0C { 61 … }). */
export function directoryEntries(list: Tlv[]): DirectoryEntry[] {
  return list.flatMap((t) => {
    if (t.tag !== '61') return t.children ? directoryEntries(t.children) : [];
    const e: DirectoryEntry = {};
    for (const [k, tag] of [
      ['aid', '4F'],
      ['label', '50'],
      ['priority', '87'],
    ] as const) {
      const v = t.children?.find((c) => c.tag === tag)?.value;
      if (v) e[k] = v;
    }
    return [e];
  });
}

/** The FCI of parsed objects (parseTlv of a SELECT response). */
export function fciOfTlvs(list: Tlv[]): Fci {
  const template = findTlv(list, '6F');
  const kids = template?.children ?? [];
  const proprietary = findTlv(kids, 'A5');
  const inA5 = (tag: string) => (proprietary?.children ? findTlv(proprietary.children, tag) : undefined);
  const discretionary = inA5('BF0C');
  const fci: Fci = { single: list.length === 1 && list[0]?.tag === '6F', entries: directoryEntries(discretionary?.children ?? []) };
  const set = <K extends keyof Fci>(k: K, v: Fci[K] | undefined) => {
    if (v !== undefined) fci[k] = v;
  };
  set('template', template);
  set('dfName', findTlv(kids, '84')?.value);
  set('proprietary', proprietary);
  set('sfi', inA5('88')?.value[0]);
  set('label', inA5('50')?.value);
  set('priority', inA5('87')?.value);
  set('pdol', inA5('9F38')?.value);
  set('discretionary', discretionary);
  set('ssseDiscretionary', inA5('9F0C'));
  return fci;
}

/** The FCI of a SELECT response; throws TlvError when it is not BER-TLV. */
export function parseFci(data: Uint8Array): Fci {
  return fciOfTlvs(parseTlv(data));
}

/** The FCI as a terminal reads it: a response that is not BER-TLV has none of its objects. */
export function fciOf(data: Uint8Array): Fci {
  try {
    return parseFci(data);
  } catch {
    return { single: false, entries: [] };
  }
}

/** The FCI a SELECT must return: not BER-TLV is the card's fault. */
export function requireFci(data: Uint8Array, what: 'FCI' | 'PSE FCI' = 'FCI'): Fci {
  try {
    return parseFci(data);
  } catch (e) {
    if (e instanceof TlvError) throw new NonConformance(dx(what === 'FCI' ? 'fci.notBerTlv' : 'fci.pseNotBerTlv', { detail: e.diagnosis, data: bytes(data) }));
    throw e;
  }
}

/** The DF name 84 of an FCI that must open with the template 6F (ISO/IEC 7816-4 §5.3.3). */
export function requireFciDfName(data: Uint8Array): Uint8Array {
  const fci = requireFci(data);
  if (fci.template === undefined || parseTlv(data)[0]?.tag !== '6F') throw new NonConformance(dx('fci.not6F', { data: bytes(data) }));
  if (!fci.dfName) throw new NonConformance(dx('fci.noDfName', { data: bytes(data) }));
  return fci.dfName;
}

/**
 * The value of a GET DATA answer for `tag` (JR/T 0025.5 B.3): it must be that one object (`problem`
 * otherwise); `found` is the first `tag` object anywhere in it, as a tolerant terminal reads it.
 */
export function getDataAnswer(data: Uint8Array, tag: string): { value?: Uint8Array; found?: Uint8Array; problem?: Diagnosis } {
  let list: Tlv[];
  try {
    list = parseTlv(data);
  } catch (e) {
    return { problem: dx('tlv.responseNotBerTlv', { detail: detailOf(e) }) };
  }
  const found = findTlv(list, tag)?.value;
  const one = list.length === 1 && list[0]?.tag === tag.toUpperCase() ? list[0].value : undefined;
  return {
    ...(found ? { found } : {}),
    ...(one ? { value: one } : { problem: dx('getData.notOne', { tag, data: toHex(data) }) }),
  };
}
