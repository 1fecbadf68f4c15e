/**
 * The reference PBOC kernel (JR/T 0025.5/.6 = EMV Book 3/4 flow), driving a card through a
 * transaction: application selection via the PSE, GET PROCESSING OPTIONS with the PDOL data, READ
 * RECORD per AFL, offline data authentication (SDA/DDA/CDA with RSA or SM2, oda-flow.ts), processing restrictions, offline
 * plaintext PIN, GENERATE AC with CDA, EXTERNAL AUTHENTICATE, scripts: the commands of a transaction and
 * what the card answered. Each step keeps what it saw, so scenarios judge the card from it; the order of
 * a whole transaction is the flow (flow.ts). The card's malformed answers become NonConformance (FAIL).
 */
import { type CommandApdu, encodeCommand } from '../apdu/command.ts';
import { swHex } from '../apdu/response.ts';
import { SW } from '../apdu/sw.ts';
import type { ResponseApdu } from '../apdu/response.ts';
import { decodeCn } from '../bytes/bcd.ts';
import { concat, fromHex, toHex, toUint } from '../bytes/hex.ts';
import type { RsaPublic } from '../crypto/index.ts';
import { buildTlv, parseTlv, type Tlv } from '../tlv/ber.ts';
import { buildDolData, parseDol } from '../tlv/dol.ts';
import { NonConformance, detailOf } from '../verdict/errors.ts';
import { type Diagnosis, dx } from '../verdict/messages.ts';
import * as iso from '../iso7816/commands.ts';
import { type DirectoryEntry, directoryEntries, fciOfTlvs, getDataAnswer } from '../iso7816/fci.ts';
import * as cmd from './commands.ts';
import { type Bit, setBit, TVR } from './tvr.ts';
import { cdaTransactionData, type CdaData, type Recovered } from './oda.ts';
import * as oda from './oda-flow.ts';
import type { OdaKey } from './oda-flow.ts';
import type { CaKey } from './oda-sm2.ts';

export type Send = (apdu: Uint8Array) => Promise<ResponseApdu>;
export type AcType = 'AAC' | 'TC' | 'ARQC';
export const AC_P1: Record<AcType, number> = { AAC: cmd.GAC_P1.AAC, TC: cmd.GAC_P1.TC, ARQC: cmd.GAC_P1.ARQC };
export const PSE_NAME = '1PAY.SYS.DDF01';
/** Proximity payment system environment (EMV Contactless Book B §3.3; JR/T 0025.12). */
export const PPSE_NAME = '2PAY.SYS.DDF01';

export type { DirectoryEntry };

export interface TerminalData {
  amount: number;
  currency: string;
  country: string;
  /** YYMMDD */
  date: string;
  type: string;
  unpredictable: Uint8Array;
  ecSupport: boolean;
  /** SM algorithm support indicator DF69 (JR/T 0025.17 §10.3.3); default supported. */
  smSupport?: boolean;
}

export const DEFAULT_TERMINAL: TerminalData = {
  amount: 1000,
  currency: '0156',
  country: '0156',
  date: '261122',
  type: '00',
  unpredictable: fromHex('12345678'),
  ecSupport: false,
};

export interface GacResult {
  type: AcType;
  cid: number;
  atc: number;
  ac: Uint8Array;
  iad: Uint8Array;
  /** CDOL data ‖ AIP ‖ ATC ‖ CVR: what the cryptogram covers (JR/T 0025.5 Annex E, CVN 01). */
  acData: Uint8Array;
  cdolData: Uint8Array;
  /** With CDA (JR/T 0025.7 §5.3.6): the signed dynamic application data 9F4B; `ac` is the recovered one once verifyCda succeeds. */
  sdad?: Uint8Array;
  /** The response's data objects (tag, length, value) in order, without 9F4B: the end of the CDA transaction data. */
  responseObjects?: Uint8Array;
  /** 9F26 as the response carried it in clear, if it did. */
  acInClear?: Uint8Array;
  second?: boolean;
  /** The unpredictable number 9F37 sent in this GENERATE AC, which the CDA signature covers. */
  unpredictable?: Uint8Array;
}

/** What a PSE directory gives (JR/T 0025.5 §6.3.3). */
export interface PseDirectory {
  aids: Uint8Array[];
  /** The SFI of the directory, 88 of the PSE FCI. */
  sfi: number;
  entries: DirectoryEntry[];
}

/** A response's BER-TLV objects, none when it is not BER-TLV (a terminal reading tolerantly). */
export function tlvsOrNone(data: Uint8Array): Tlv[] {
  try {
    return parseTlv(data);
  } catch {
    return [];
  }
}

function tlvs(r: ResponseApdu, what: string | Diagnosis): Tlv[] {
  try {
    return parseTlv(r.data);
  } catch (e) {
    throw new NonConformance(dx('tlv.notBerTlv', { what, detail: detailOf(e) }));
  }
}

function primitives(list: Tlv[], into: Map<string, Uint8Array>): void {
  for (const t of list) {
    if (t.children) primitives(t.children, into);
    else into.set(t.tag, t.value);
  }
}

export class PbocKernel {
  /** Data objects read from the card (FCI, GPO, records), by tag. */
  readonly data = new Map<string, Uint8Array>();
  staticData: Uint8Array = new Uint8Array(0);
  aip: Uint8Array = new Uint8Array(0);
  afl: Uint8Array = new Uint8Array(0);
  /** TVR (EMV Book 3 Annex C5), 5 bytes. */
  readonly tvr = new Uint8Array(5);
  /** TSI 9B (EMV Book 3 Annex C6), 2 bytes. */
  readonly tsi = new Uint8Array(2);
  terminal: TerminalData;
  /** The PDOL data sent in GPO and the CDOL1 data of the first GENERATE AC: the CDA transaction data begins with them. */
  pdolSent: Uint8Array = new Uint8Array(0);
  cdol1Sent: Uint8Array = new Uint8Array(0);
  /**
   * What the card answered in this transaction that its CVR reports (JR/T 0025.5 A.1 CVR): each VERIFY's SW,
   * EXTERNAL AUTHENTICATE's, whether an INTERNAL AUTHENTICATE was answered 9000, whether a GENERATE AC asked for CDA
   * and whether one came signed (9F4B).
   */
  readonly seen: { verify: number[]; externalAuth?: number; internalAuth?: boolean; cdaAsked?: boolean; cdaSigned?: boolean } = { verify: [] };

  constructor(
    private readonly send: Send,
    terminal: Partial<TerminalData> = {},
  ) {
    this.terminal = { ...DEFAULT_TERMINAL, ...terminal };
  }

  /** Send a command built by the builders (src/iso7816/commands.ts, ./commands.ts). */
  command(c: CommandApdu): Promise<ResponseApdu> {
    return this.send(encodeCommand(c));
  }

  selectByName(name: Uint8Array): Promise<ResponseApdu> {
    return this.command(iso.selectByName(name));
  }

  readRecord(sfi: number, rec: number): Promise<ResponseApdu> {
    return this.command(iso.readRecord(rec, sfi, iso.RECORD_MODE.NUMBER, 256));
  }

  /** PSE directory entries (JR/T 0025.5 §6.3.3): AIDs from 61 { 4F } of the records of the directory SFI; the card's malformed answers FAIL. */
  async pseDirectory(): Promise<PseDirectory> {
    return (await this.readPseDirectory(true)) as PseDirectory;
  }

  /** The PSE directory as a terminal reads it (EMV Book 1 §12.3.2): none when the PSE is not there, records it cannot parse skipped, the first refusal ending it. */
  pseDirectoryIfAny(): Promise<PseDirectory | undefined> {
    return this.readPseDirectory(false);
  }

  private async readPseDirectory(strict: boolean): Promise<PseDirectory | undefined> {
    const fault = (message: Diagnosis): undefined => {
      if (strict) throw new NonConformance(message);
      return undefined;
    };
    const parse = (r: ResponseApdu, what: string | Diagnosis) => (strict ? tlvs(r, what) : tlvsOrNone(r.data));
    const r = await this.selectByName(new Uint8Array(Buffer.from(PSE_NAME, 'ascii')));
    if (r.sw !== SW.NO_ERROR) return fault(dx('cmd.answered', { command: 'SELECT PSE', sw: swHex(r.sw) }));
    const sfi = fciOfTlvs(parse(r, 'PSE FCI')).sfi;
    if (sfi === undefined) return fault(dx('kernel.pseNoSfi'));
    const aids: Uint8Array[] = [];
    const entries: DirectoryEntry[] = [];
    for (let rec = 1; rec < 32; rec++) {
      const rr = await this.readRecord(sfi, rec);
      if (rr.sw === SW.RECORD_NOT_FOUND) break;
      if (rr.sw !== SW.NO_ERROR) {
        fault(dx('kernel.pseDirectoryRecord', { rec, sw: rr.sw.toString(16) }));
        break;
      }
      const stack = parse(rr, dx('kernel.pseDirRecordWord'));
      const walk = (l: Tlv[]) => l.forEach((t) => (t.tag === '4F' ? aids.push(t.value) : t.children && walk(t.children)));
      walk(stack);
      entries.push(...directoryEntries(stack));
    }
    return { aids, sfi, entries };
  }

  /**
   * SELECT PPSE (EMV Contactless Book B §3.3): the FCI 6F { 84 DF name, A5 { BF0C { 61 … } } } carries
   * the directory entries itself; there is no directory EF to read.
   */
  async ppse(): Promise<{ response: ResponseApdu; dfName?: Uint8Array; hasBf0c: boolean; entries: DirectoryEntry[] }> {
    const response = await this.selectByName(new Uint8Array(Buffer.from(PPSE_NAME, 'ascii')));
    if (response.sw !== SW.NO_ERROR) return { response, hasBf0c: false, entries: [] };
    const fci = fciOfTlvs(tlvs(response, 'PPSE FCI'));
    if (!fci.single) return { response, hasBf0c: false, entries: [] };
    return { response, ...(fci.dfName ? { dfName: fci.dfName } : {}), hasBf0c: fci.discretionary !== undefined, entries: fci.entries };
  }

  async selectApplication(aid: Uint8Array): Promise<ResponseApdu> {
    const r = await this.selectByName(aid);
    if ((r.sw === SW.NO_ERROR || r.sw === SW.WARNING_SELECTED_FILE_INVALIDATED) && r.data.length) primitives(tlvs(r, dx('kernel.applicationFci')), this.data);
    return r;
  }

  pdolData(): Uint8Array {
    const pdol = this.data.get('9F38');
    if (!pdol) return new Uint8Array(0);
    return buildDolData(parseDol(pdol), this.terminalValues());
  }

  terminalValues(extra: Record<string, Uint8Array> = {}): Record<string, Uint8Array> {
    const t = this.terminal;
    return {
      '9F02': fromHex(String(t.amount).padStart(12, '0')),
      '9F03': new Uint8Array(6),
      '9F1A': fromHex(t.country),
      '5F2A': fromHex(t.currency),
      '95': this.tvr,
      '9A': fromHex(t.date),
      '9C': fromHex(t.type),
      '9F37': t.unpredictable,
      '9F7A': Uint8Array.of(t.ecSupport ? 1 : 0),
      DF69: Uint8Array.of(t.smSupport === false ? 0 : 1), // SM algorithm support indicator (JR/T 0025.17 §10.3.3)
      ...extra,
    };
  }

  /** GET PROCESSING OPTIONS (JR/T 0025.5 B.8): 83 ‖ PDOL data; format 1 (80) or 2 (77). */
  async gpo(data: Uint8Array = this.pdolData()): Promise<ResponseApdu> {
    const r = await this.command(cmd.getProcessingOptions(data));
    this.pdolSent = data.slice();
    if (r.sw !== SW.NO_ERROR) return r;
    const l = tlvs(r, 'GPO');
    const top = l[0];
    if (top?.tag === '80' && top.value.length >= 2) {
      this.aip = top.value.slice(0, 2);
      this.afl = top.value.slice(2);
    } else if (top?.tag === '77') {
      const m = new Map<string, Uint8Array>();
      primitives(l, m);
      this.aip = m.get('82') ?? new Uint8Array(0);
      this.afl = m.get('94') ?? new Uint8Array(0);
    } else throw new NonConformance(dx('kernel.gpoTemplate', { tag: top?.tag ?? dx('noneWord') }));
    if (this.aip.length !== 2) throw new NonConformance(dx('kernel.gpoNoAip'));
    if (this.afl.length === 0 || this.afl.length % 4) throw new NonConformance(dx('kernel.gpoAfl', { length: this.afl.length }));
    return r;
  }

  aflEntries(): Array<{ sfi: number; first: number; last: number; oda: number }> {
    const out = [];
    for (let i = 0; i + 4 <= this.afl.length; i += 4) {
      const [b1, first, last, oda] = this.afl.subarray(i, i + 4) as unknown as number[];
      out.push({ sfi: (b1 as number) >> 3, first: first as number, last: last as number, oda: oda as number });
    }
    return out;
  }

  /**
   * What is wrong with the AFL (EMV Book 3 §10.2, JR/T 0025.5 §7.3): empty; an entry with SFI 0 or above
   * 30, first record 0, last before first, more ODA records than it names; or byte 1 with any of its three
   * low bits set (the SFI is in the five high bits, the rest 0). A kernel terminates on the first four only.
   */
  aflProblems(): Diagnosis[] {
    const out: Diagnosis[] = [];
    if (this.afl.length === 0 || this.afl.length % 4) out.push(dx('afl.length', { length: this.afl.length }));
    this.aflEntries().forEach((e, i) => {
      const b1 = this.afl[i * 4] as number;
      if (e.sfi < 1 || e.sfi > 30 || e.first === 0 || e.last < e.first || e.oda > e.last - e.first + 1)
        out.push(dx('afl.entry', { i: i + 1, sfi: e.sfi, first: e.first, last: e.last, oda: e.oda }));
      if (b1 & 0x07) out.push(dx('afl.lowBits', { i: i + 1, b1: toHex(Uint8Array.of(b1)) }));
    });
    return out;
  }

  /** READ RECORD for every record the AFL names; builds the static data to authenticate (EMV Book 3 §10.3). */
  async readApplicationData(): Promise<void> {
    const parts: Uint8Array[] = [];
    for (const e of this.aflEntries()) {
      if (e.sfi < 1 || e.sfi > 30 || e.first === 0 || e.last < e.first || e.oda > e.last - e.first + 1) {
        throw new NonConformance(dx('kernel.aflEntry', { sfi: e.sfi, first: e.first, last: e.last, oda: e.oda }));
      }
      for (let rec = e.first; rec <= e.last; rec++) {
        const r = await this.readRecord(e.sfi, rec);
        if (r.sw !== SW.NO_ERROR) throw new NonConformance(dx('kernel.aflRecord', { sfi: e.sfi, rec, sw: swHex(r.sw) }));
        const l = tlvs(r, `record ${rec} of SFI ${e.sfi}`);
        if (l.length !== 1 || l[0]?.tag !== '70') throw new NonConformance(dx('kernel.recordNot70', { rec, sfi: e.sfi }));
        primitives(l, this.data);
        if (rec - e.first < e.oda) parts.push(e.sfi <= 10 ? (l[0] as Tlv).value : r.data);
      }
    }
    const tagList = this.data.get('9F4A');
    if (tagList && toHex(tagList) === '82') parts.push(this.aip);
    this.staticData = concat(...parts);
  }

  get pan(): string {
    const v = this.data.get('5A');
    if (!v) throw new NonConformance(dx('kernel.noPan'));
    try {
      return decodeCn(v);
    } catch {
      throw new NonConformance(dx('kernel.panNotCn', { pan: toHex(v) }));
    }
  }

  get psn(): string {
    const v = this.data.get('5F34');
    return v ? toHex(v) : '00';
  }

  today(): string {
    return this.terminal.date.slice(0, 4);
  }

  need(tag: string): Uint8Array {
    const v = this.data.get(tag);
    if (!v) throw new NonConformance(dx('kernel.missing', { tag }));
    return v;
  }

  /** The issuer public key from its certificate with the CA key: RSA (JR/T 0025.7 §5.2.2) or SM2 (JR/T 0025.17 §5.1.2); oda-flow.ts. */
  issuerKey(ca: RsaPublic): { key?: RsaPublic; errors: Diagnosis[] };
  issuerKey(ca: CaKey): { key?: OdaKey; errors: Diagnosis[] };
  issuerKey(ca: CaKey): { key?: OdaKey; errors: Diagnosis[] } {
    return oda.issuerKey(this, ca);
  }

  /** SDA (oda-flow.ts): issuer key then SSAD; errors set TVR B1 b7 (SDA failed). */
  sda(ca: CaKey): Diagnosis[] {
    return this.odaFailed(TVR.SDA_FAILED, oda.sda(this, ca));
  }

  /** The ICC public key: RSA (JR/T 0025.7 §5.3.4) or SM2 (JR/T 0025.17 §5.2.3); oda-flow.ts. */
  iccKey(ca: RsaPublic): { key?: RsaPublic; errors: Diagnosis[] };
  iccKey(ca: CaKey): { key?: OdaKey; errors: Diagnosis[] };
  iccKey(ca: CaKey): { key?: OdaKey; errors: Diagnosis[] } {
    return oda.iccKey(this, ca);
  }

  /** INTERNAL AUTHENTICATE with the DDOL data (EMV Book 2 §6.5.1). */
  async internalAuthenticate(ddolData: Uint8Array): Promise<{ response: ResponseApdu; sdad?: Uint8Array }> {
    const response = await this.command(cmd.internalAuthenticate(ddolData));
    if (response.sw !== SW.NO_ERROR) return { response };
    this.seen.internalAuth = true;
    const t = tlvs(response, 'INTERNAL AUTHENTICATE')[0];
    const sdad = t?.tag === '80' ? t.value : t?.tag === '77' ? t.children?.find((c) => c.tag === '9F4B')?.value : undefined;
    if (!sdad) throw new NonConformance(dx('kernel.noSdad', { template: '77{9F4B}' }));
    return { response, sdad };
  }

  ddolData(): Uint8Array {
    const ddol = this.data.get('9F49') ?? fromHex('9F3704');
    return buildDolData(parseDol(ddol), this.terminalValues());
  }

  /** DDA (oda-flow.ts): ICC key, INTERNAL AUTHENTICATE, SDAD; errors set TVR B1 b4 (DDA failed). */
  async dda(ca: CaKey): Promise<{ errors: Diagnosis[]; dynamicNumber?: Uint8Array }> {
    const r = await oda.dda(this, ca);
    this.odaFailed(TVR.DDA_FAILED, r.errors);
    return r;
  }

  /** Errors of an ODA method set its TVR byte 1 bit (b7 SDA failed, b4 DDA failed). */
  private odaFailed(bit: Bit, errors: Diagnosis[]): Diagnosis[] {
    if (errors.length) setBit(this.tvr, bit);
    return errors;
  }

  /** Processing restrictions (EMV Book 3 §10.4): expiry and effective dates → TVR B2 b7, b6. */
  processingRestrictions(): void {
    const d = this.terminal.date;
    const exp = this.data.get('5F24');
    const eff = this.data.get('5F25');
    if (exp && toHex(exp) < d) setBit(this.tvr, TVR.EXPIRED_APPLICATION);
    if (eff && toHex(eff) > d) setBit(this.tvr, TVR.APPLICATION_NOT_YET_EFFECTIVE);
  }

  /** VERIFY offline plaintext PIN: ISO 9564 format 2 block 2N PIN F…F (JR/T 0025.5 B.12). */
  async verifyPin(pin: string): Promise<ResponseApdu> {
    const r = await this.command(cmd.verifyOfflinePin(cmd.pinBlockFormat2(pin)));
    this.seen.verify.push(r.sw);
    return r;
  }

  async getData(tag: string): Promise<ResponseApdu> {
    return this.command(cmd.getData(tag));
  }

  /** GET DATA value of `tag` as a terminal reads it: none when refused or when the answer holds no such object. */
  async getDataOrNone(tag: string): Promise<Uint8Array | undefined> {
    const r = await this.getData(tag);
    return r.sw === SW.NO_ERROR ? getDataAnswer(r.data, tag).found : undefined;
  }

  /** GET DATA value of a 2-byte tag, checking the answer is that one TLV. */
  async getDataValue(tag: string): Promise<Uint8Array> {
    const r = await this.getData(tag);
    if (r.sw !== SW.NO_ERROR) throw new NonConformance(dx('cmd.answered', { command: `GET DATA ${tag}`, sw: swHex(r.sw) }));
    const a = getDataAnswer(r.data, tag);
    if (!a.value)
      throw new NonConformance(a.problem?.id === 'tlv.responseNotBerTlv' ? dx('getData.problem', { tag, problem: a.problem }) : (a.problem as Diagnosis));
    return a.value;
  }

  /**
   * GENERATE AC (JR/T 0025.5 B.6) with the CDOL1 (first) or CDOL2 (second) data; `cda` sets P1 b5, CDA
   * signature requested (JR/T 0025.7 §5.3.6.1). A CDA response (9F4B, JR/T 0025.7 table 18) has no AC
   * in clear: verifyCda recovers it.
   */
  async generateAc(
    type: AcType,
    second = false,
    extra: Record<string, Uint8Array> = {},
    opts: { cda?: boolean } = {},
  ): Promise<{ response: ResponseApdu; result?: GacResult }> {
    const cdol = this.need(second ? '8D' : '8C');
    const values = this.terminalValues(extra);
    const cdolData = buildDolData(parseDol(cdol), values);
    if (!second) this.cdol1Sent = cdolData.slice();
    if (opts.cda) this.seen.cdaAsked = true;
    const response = await this.command(cmd.generateAc(AC_P1[type] | (opts.cda ? cmd.GAC_P1.CDA : 0x00), cdolData));
    if (response.sw !== SW.NO_ERROR) return { response };
    const l = tlvs(response, 'GENERATE AC');
    let cid: Uint8Array | undefined;
    let atc: Uint8Array | undefined;
    let ac: Uint8Array | undefined;
    let iad: Uint8Array | undefined;
    let sdad: Uint8Array | undefined;
    let responseObjects: Uint8Array | undefined;
    if (l[0]?.tag === '80') {
      const v = l[0].value;
      [cid, atc, ac, iad] = [v.subarray(0, 1), v.subarray(1, 3), v.subarray(3, 11), v.subarray(11)];
    } else if (l[0]?.tag === '77') {
      const m = new Map<string, Uint8Array>();
      primitives(l, m);
      [cid, atc, ac, iad, sdad] = [m.get('9F27'), m.get('9F36'), m.get('9F26'), m.get('9F10'), m.get('9F4B')];
      if (sdad) responseObjects = concat(...(l[0].children ?? []).filter((t) => t.tag !== '9F4B').map((t) => buildTlv(t.tag, t.value)));
    }
    const acInClear = ac;
    if (sdad && !ac) ac = new Uint8Array(0); // inside the signature (verifyCda)
    if (cid?.length !== 1 || atc?.length !== 2 || (ac?.length !== 8 && !sdad) || !ac || !iad)
      throw new NonConformance(dx('kernel.gacLacks', { data: toHex(response.data) }));
    const kind = (cid[0] as number) & 0xc0;
    const typeOf: AcType | undefined = kind === 0x00 ? 'AAC' : kind === 0x40 ? 'TC' : kind === 0x80 ? 'ARQC' : undefined;
    if (!typeOf) throw new NonConformance(dx('kernel.cid', { cid: toHex(cid) }));
    if (iad.length < 7 || iad[0] !== 0x07) throw new NonConformance(dx('kernel.iad', { iad: toHex(iad) }));
    const acData = concat(cdolData, this.aip, atc, iad.subarray(3, 7));
    const result: GacResult = { type: typeOf, cid: cid[0] as number, atc: toUint(atc), ac, iad, acData, cdolData };
    if (sdad) {
      this.seen.cdaSigned = true;
      Object.assign(result, { sdad, responseObjects, acInClear, second, unpredictable: values['9F37'] });
    }
    return { response, result };
  }

  /**
   * Verify the CDA signature of a GENERATE AC response (JR/T 0025.7 §5.3.6.2; SM2 JR/T 0025.17 §5.2.5.2)
   * over PDOL data ‖ CDOL1 data [‖ CDOL2 data] ‖ the response objects. On success the ICC dynamic number
   * goes to 9F4C and the recovered TC or ARQC to 9F26 and `g.ac`; errors set TVR B1 b3, CDA failed.
   */
  verifyCda(ca: CaKey, g: GacResult): Recovered<CdaData> {
    const errors: Diagnosis[] = [];
    let r: Recovered<CdaData> | undefined;
    if (!g.sdad) errors.push(dx('oda.noSdad', { type: g.type }));
    else {
      const data = cdaTransactionData(this.pdolSent, this.cdol1Sent, g.second ? g.cdolData : undefined, g.responseObjects ?? new Uint8Array(0));
      r = oda.cdaSignature(this, ca, g.sdad, g.unpredictable ?? new Uint8Array(0), g.cid, data);
      errors.push(...r.errors);
    }
    if (errors.length) setBit(this.tvr, TVR.CDA_FAILED);
    else if (r?.value) {
      g.ac = r.value.ac;
      this.data.set('9F4C', r.value.dynamicNumber);
      this.data.set('9F26', r.value.ac);
    }
    return { value: r?.value, errors };
  }

  async externalAuthenticate(arpc: Uint8Array, arc: Uint8Array): Promise<ResponseApdu> {
    const r = await this.command(cmd.externalAuthenticate(arpc, arc));
    this.seen.externalAuth ??= r.sw;
    return r;
  }

  /** Send a built script command as it is (case 3). */
  script(apdu: Uint8Array): Promise<ResponseApdu> {
    return this.send(apdu);
  }
}
