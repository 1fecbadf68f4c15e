/**
 * The terminal side of a PBOC contact transaction, as far as the scenarios need it (JR/T 0025.6 flow):
 * application selection through the PSE, GET PROCESSING OPTIONS with the PDOL, reading the AFL's
 * records, GET DATA, offline plaintext PIN, GENERATE AC; and the issuer's check of the cryptogram.
 * Each call returns the card's answer; the scenarios judge it. A structure the next step needs and the
 * card did not give throws NonConformance, naming it.
 */
import type { CommandApdu } from '../apdu/command.ts';
import { command } from '../apdu/command.ts';
import type { ResponseApdu } from '../apdu/response.ts';
import { SW } from '../apdu/sw.ts';
import { fromHex, toHex } from '../bytes/hex.ts';
import * as iso from '../iso7816/commands.ts';
import { type Tlv, TlvError, findTlv, parseTlv } from '../tlv/ber.ts';
import { NonConformance } from '../verdict/errors.ts';
import { applicationCryptogram, deriveUdk, scriptMac } from './crypto.ts';
import { type DolEntry, buildDolData, parseDol } from './data.ts';

export interface Port {
  send(cmd: CommandApdu | Uint8Array): Promise<ResponseApdu>;
}

export const PSE_NAME_BYTES = Uint8Array.from(Buffer.from('1PAY.SYS.DDF01', 'ascii'));

export function tlvOf(data: Uint8Array, what: string): Tlv[] {
  try {
    return parseTlv(data);
  } catch (e) {
    if (e instanceof TlvError) throw new NonConformance(`${what} is not BER-TLV (${e.message}): ${toHex(data)}`);
    throw e;
  }
}

/** Every primitive object inside, by tag (the first occurrence wins). */
export function flatten(list: Tlv[], into = new Map<string, Uint8Array>()): Map<string, Uint8Array> {
  for (const t of list) {
    if (t.children) flatten(t.children, into);
    else if (!into.has(t.tag)) into.set(t.tag, t.value);
  }
  return into;
}

export interface AflEntry {
  sfi: number;
  first: number;
  last: number;
  oda: number;
}

export function parseAfl(afl: Uint8Array): AflEntry[] {
  if (afl.length === 0 || afl.length % 4 !== 0) throw new NonConformance(`AFL of ${afl.length} bytes is not a list of 4-byte entries: ${toHex(afl)}`);
  const out: AflEntry[] = [];
  for (let at = 0; at < afl.length; at += 4) {
    const e = { sfi: (afl[at] as number) >> 3, first: afl[at + 1] as number, last: afl[at + 2] as number, oda: afl[at + 3] as number };
    if (e.sfi < 1 || e.sfi > 30 || e.first === 0 || e.last < e.first || e.oda > e.last - e.first + 1) throw new NonConformance(`AFL entry ${toHex(afl.subarray(at, at + 4))} is not valid (JR/T 0025.5: SFI 1–30, first ≥ 1, last ≥ first)`);
    out.push(e);
  }
  return out;
}

export class PbocTerminal {
  pdol: DolEntry[] = [];
  cardData = new Map<string, Uint8Array>();
  afl: AflEntry[] = [];
  aip: Uint8Array | undefined;

  constructor(private readonly card: Port, readonly terminalData: Record<string, string>) {}

  send(cmd: CommandApdu): Promise<ResponseApdu> {
    return this.card.send(cmd);
  }

  async selectPse(): Promise<ResponseApdu> {
    return this.send(iso.selectByName(PSE_NAME_BYTES));
  }

  /** The AIDs the PSE directory lists (record 1 of the directory EF named in the FCI). */
  async directoryAids(): Promise<string[]> {
    const fci = flatten(tlvOf((await this.must(this.selectPse(), 'SELECT PSE')).data, 'PSE FCI'));
    const sfi = fci.get('88')?.[0];
    if (sfi === undefined) throw new NonConformance('the PSE FCI names no directory SFI (88)');
    const aids: string[] = [];
    for (let n = 1; n < 16; n++) {
      const r = await this.send(iso.readRecord(n, sfi, iso.RECORD_MODE.NUMBER, 256));
      if (r.sw !== SW.NO_ERROR) break;
      for (const t of tlvOf(r.data, `PSE directory record ${n}`)) for (const e of t.children ?? []) if (e.tag === '61') {
        const aid = findTlv(e.children ?? [], '4F');
        if (aid) aids.push(toHex(aid.value));
      }
    }
    return aids;
  }

  async selectAid(aid: string): Promise<ResponseApdu> {
    const r = await this.send(iso.selectByName(fromHex(aid)));
    // 6283: a blocked application still gives its FCI (JR/T 0025.5 annex B.1).
    if ((r.sw === SW.NO_ERROR || r.sw === SW.WARNING_SELECTED_FILE_INVALIDATED) && r.data.length) {
      const pdol = flatten(tlvOf(r.data, 'application FCI')).get('9F38');
      this.pdol = pdol ? parseDol(pdol) : [];
    }
    return r;
  }

  gpoCommand(): CommandApdu {
    const data = buildDolData(this.pdol, this.terminalData);
    return command(0x80, 0xa8, 0x00, 0x00, Uint8Array.from([0x83, data.length, ...data]), 256);
  }

  async gpo(): Promise<ResponseApdu> {
    const r = await this.send(this.gpoCommand());
    if (r.sw === SW.NO_ERROR) {
      const tlv = tlvOf(r.data, 'GPO response');
      if (tlv[0]?.tag === '80') {
        this.aip = tlv[0].value.subarray(0, 2);
        this.afl = parseAfl(tlv[0].value.subarray(2));
      } else {
        const m = flatten(tlv);
        const aip = m.get('82');
        const afl = m.get('94');
        if (!aip || !afl) throw new NonConformance(`GPO response lacks ${aip ? '' : 'AIP (82) '}${afl ? '' : 'AFL (94)'}: ${toHex(r.data)}`);
        this.aip = aip;
        this.afl = parseAfl(afl);
      }
    }
    return r;
  }

  /** READ RECORD of every record the AFL names; each must be a 70 template. */
  async readAflRecords(): Promise<Array<{ sfi: number; record: number; response: ResponseApdu }>> {
    const out: Array<{ sfi: number; record: number; response: ResponseApdu }> = [];
    for (const e of this.afl) for (let n = e.first; n <= e.last; n++) {
      const response = await this.send(iso.readRecord(n, e.sfi, iso.RECORD_MODE.NUMBER, 256));
      out.push({ sfi: e.sfi, record: n, response });
      if (response.sw === SW.NO_ERROR) {
        const tlv = tlvOf(response.data, `record ${n} of SFI ${e.sfi}`);
        if (tlv.length !== 1 || tlv[0]?.tag !== '70') throw new NonConformance(`record ${n} of SFI ${e.sfi} is not one 70 template: ${toHex(response.data)}`);
        flatten(tlv, this.cardData);
      }
    }
    return out;
  }

  /** Selection, GPO and the records: the card's data ready for the rest of the transaction. */
  async prepare(aid = 'A000000333010101'): Promise<void> {
    await this.must(this.selectAid(aid), `SELECT ${aid}`);
    await this.must(this.gpo(), 'GET PROCESSING OPTIONS');
    await this.readAflRecords();
  }

  getData(tag: string): Promise<ResponseApdu> {
    const t = fromHex(tag);
    return this.send(command(0x80, 0xca, t[0] as number, t[1] as number, undefined, 256));
  }

  /** The value of a GET DATA answer (tag, length, value), checked. */
  static dataValue(r: ResponseApdu, tag: string): Uint8Array {
    if (r.sw !== SW.NO_ERROR) throw new NonConformance(`GET DATA ${tag} answered ${r.sw.toString(16).toUpperCase()}`);
    const t = tlvOf(r.data, `GET DATA ${tag}`)[0];
    if (!t || t.tag !== tag) throw new NonConformance(`GET DATA ${tag} answered ${toHex(r.data)}`);
    return t.value;
  }

  /** VERIFY 00 20 00 80 with a format 2 plaintext PIN block. */
  verifyPin(pin: string): Promise<ResponseApdu> {
    const block = `2${pin.length.toString(16)}${pin}`.padEnd(16, 'F');
    return this.send(command(0x00, 0x20, 0x00, 0x80, fromHex(block)));
  }

  cdol1(): DolEntry[] {
    const cdol = this.cardData.get('8C');
    if (!cdol) throw new NonConformance('the card gave no CDOL1 (8C) in its records');
    return parseDol(cdol);
  }

  cdol1Data(): Uint8Array {
    return buildDolData(this.cdol1(), this.terminalData);
  }

  /** GENERATE AC; type 'AAC' | 'TC' | 'ARQC' (P1 b8-7 00, 01, 10). */
  generateAc(type: 'AAC' | 'TC' | 'ARQC', data = this.cdol1Data()): Promise<ResponseApdu> {
    const p1 = { AAC: 0x00, TC: 0x40, ARQC: 0x80 }[type];
    return this.send(command(0x80, 0xae, p1, 0x00, data, 256));
  }

  /**
   * An issuer script command after an online GENERATE AC: APPLICATION BLOCK (1E) or UNBLOCK (18),
   * 84 INS 00 00 04 MAC, the MAC computed by the issuer with its MAC master key (annex C.2.4).
   */
  issuerScript(ins: 0x1e | 0x18, imkMac: Uint8Array, pan: string, psn: string, online: GenerateAcResponse, o: { corrupt?: boolean } = {}): Promise<ResponseApdu> {
    const mac = scriptMac(deriveUdk(imkMac, pan, psn), online.atc, online.ac, [0x84, ins, 0x00, 0x00]);
    if (o.corrupt) mac[0] = (mac[0] as number) ^ 0x01;
    return this.send(command(0x84, ins, 0x00, 0x00, mac));
  }

  async must(p: Promise<ResponseApdu>, what: string): Promise<ResponseApdu> {
    const r = await p;
    if (r.sw !== SW.NO_ERROR) throw new NonConformance(`${what} answered ${r.sw.toString(16).toUpperCase().padStart(4, '0')}`);
    return r;
  }
}

export interface GenerateAcResponse {
  cid: number;
  atc: number;
  ac: Uint8Array;
  iad: Uint8Array;
}

/** Format 1 (80: CID ‖ ATC ‖ AC ‖ IAD) or format 2 (77 with 9F27, 9F36, 9F26, 9F10). */
export function parseGenerateAc(data: Uint8Array): GenerateAcResponse {
  const tlv = tlvOf(data, 'GENERATE AC response');
  const first = tlv[0];
  if (first?.tag === '80') {
    const v = first.value;
    if (v.length < 11) throw new NonConformance(`GENERATE AC format 1 of ${v.length} bytes: CID, ATC and AC need 11`);
    return { cid: v[0] as number, atc: ((v[1] as number) << 8) | (v[2] as number), ac: v.subarray(3, 11), iad: v.subarray(11) };
  }
  const m = flatten(tlv);
  const [cid, atc, ac, iad] = ['9F27', '9F36', '9F26', '9F10'].map((t) => m.get(t));
  if (!cid || !atc || !ac) throw new NonConformance(`GENERATE AC response lacks CID, ATC or AC: ${toHex(data)}`);
  return { cid: cid[0] as number, atc: ((atc[0] as number) << 8) | (atc[1] as number), ac, iad: iad ?? new Uint8Array(0) };
}

/**
 * The issuer's check of a cryptogram (JR/T 0025.5 annex E, CVN 01): recompute it over the CDOL1 data,
 * the AIP, the ATC and the CVR from the IAD, with the card key derived from the issuer master key.
 */
export function issuerExpectedAc(imk: Uint8Array, pan: string, psn: string, cdol1Data: Uint8Array, aip: Uint8Array, r: GenerateAcResponse): Uint8Array {
  const cvr = r.iad.subarray(3, 7);
  const data = Uint8Array.from([...cdol1Data, ...aip, (r.atc >> 8) & 0xff, r.atc & 0xff, ...cvr]);
  return applicationCryptogram(deriveUdk(imk, pan, psn), r.atc, data);
}

