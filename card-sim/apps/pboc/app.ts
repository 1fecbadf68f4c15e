/**
 * The PBOC debit application of card-sim (JR/T 0025.5 §6–7, annexes B and E), the commands a contact
 * transaction uses:
 *   80 A8 GET PROCESSING OPTIONS  PDOL data in 83; answers 77 { 82 AIP, 94 AFL }; once per transaction
 *   80 CA GET DATA                9F36 ATC, 9F13 last online ATC, 9F17 PIN try counter, 9F79 EC balance
 *   00 20 VERIFY (P2 80)          offline plaintext PIN, ISO 9564 format 2 block; 63Cx, then 6983
 *   80 AE GENERATE AC             CDOL1 data; the card never gives more than the terminal asked (TC → ARQC
 *                                 online), format 1: 80 { CID, ATC, AC, IAD }; the ATC counts up first
 * READ RECORD of the AFL's records is the COS's. Cryptograms: src/pboc/crypto.ts.
 */
import { SW } from '../../../src/apdu/sw.ts';
import { fromHex } from '../../../src/bytes/hex.ts';
import { applicationCryptogram, scriptMac } from '../../../src/pboc/crypto.ts';
import { equal } from '../../../src/bytes/hex.ts';
import { dolLength, parseDol } from '../../../src/pboc/data.ts';
import { type Tlv, buildTlv, parseTlv } from '../../../src/tlv/ber.ts';
import type { DefectId } from '../../defects/catalogue.ts';
import { readRecord as cosReadRecord } from '../../cos/commands/read.ts';
import { select as cosSelect } from '../../cos/commands/select.ts';
import type { CardApplication } from '../../cos/application.ts';
import type { CardContext, Handler } from '../../cos/context.ts';
import { verify as isoVerify } from '../../cos/commands/security.ts';
import { type DfNode, allDfs } from '../../cos/files.ts';

interface PbocData {
  pan: string;
  psn: string;
  pin: string;
  pinTryLimit: number;
  atc: number;
  aip: string;
  afl: string;
  pdol: string;
  cdol1: string;
  udkAc: string;
  udkMac: string;
  ecBalance: string;
}

interface PbocState {
  /** APPLICATION BLOCK by issuer script (JR/T 0025.5 B.1): SELECT answers 6283, GENERATE AC only AAC. */
  blocked?: boolean;
  atc?: number;
  lastOnlineAtc?: number;
  pinTries?: number;
}

const TXN = 'pboc.transaction';

/** The debit ADF: the nearest DF at or above the current one whose application is pboc. */
function adfOf(df: DfNode): DfNode | undefined {
  for (let d: DfNode | undefined = df; d; d = d.parent) if (d.app === 'pboc') return d;
  return undefined;
}

function ctx(card: CardContext): { adf: DfNode; data: PbocData; state: PbocState } | undefined {
  const adf = adfOf(card.currentDf);
  if (!adf) return undefined;
  const data = adf.appData as unknown as PbocData;
  const state = adf.state as PbocState;
  state.atc ??= data.atc;
  state.lastOnlineAtc ??= 0;
  state.pinTries ??= data.pinTryLimit;
  return { adf, data, state };
}

interface Txn {
  gpo?: boolean;
  acs?: number;
  /** The ATC and AC of the first GENERATE AC: the issuer's script MACs are computed over them. */
  atc?: number;
  ac?: Uint8Array;
}

function txn(card: CardContext): Txn {
  card.session[TXN] ??= {};
  return card.session[TXN] as Txn;
}

const gpo: Handler = (cmd, card) => {
  const c = ctx(card);
  if (!c) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  if (cmd.p1 !== 0 || cmd.p2 !== 0) return { sw: SW.INCORRECT_P1P2 };
  const t = txn(card);
  if (t.gpo && !card.has('pboc-second-gpo-accepted')) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  const want = dolLength(parseDol(fromHex(c.data.pdol)));
  const lengthOk = cmd.data[0] === 0x83 && cmd.data[1] === cmd.data.length - 2 && (cmd.data[1] === want || card.has('pboc-gpo-length-unchecked'));
  if (!lengthOk) return { sw: SW.WRONG_LENGTH };
  t.gpo = true;
  t.acs = 0;
  // Defect pboc-afl-names-missing-record: the AFL names SFI 2 record 3, which the card does not have.
  const afl = card.has('pboc-afl-names-missing-record') ? c.data.afl.replace(/10010200$/, '10010300') : c.data.afl;
  const objects = [buildTlv('82', fromHex(c.data.aip)), ...(card.has('pboc-gpo-without-afl') ? [] : [buildTlv('94', fromHex(afl))])];
  return { data: buildTlv('77', objects), sw: SW.NO_ERROR };
};

const getData: Handler = (cmd, card) => {
  const c = ctx(card);
  if (!c) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  if (card.has('pboc-get-data-unsupported')) return { sw: SW.FUNCTION_NOT_SUPPORTED };
  const tag = ((cmd.p1 << 8) | cmd.p2).toString(16).toUpperCase();
  const two = (n: number) => Uint8Array.of((n >> 8) & 0xff, n & 0xff);
  const values: Record<string, Uint8Array> = {
    '9F36': two(c.state.atc as number),
    '9F13': two(c.state.lastOnlineAtc as number),
    '9F17': Uint8Array.of(c.state.pinTries as number),
    '9F79': fromHex(c.data.ecBalance),
  };
  const v = values[tag];
  if (!v) return { sw: SW.REFERENCED_DATA_NOT_FOUND };
  return { data: buildTlv(tag, v), sw: SW.NO_ERROR };
};

/** Offline plaintext PIN (P2 80): block 2N PPPP… padded with F, 8 bytes (ISO 9564-1 format 2). */
const verify: Handler = (cmd, card) => {
  const c = ctx(card);
  if (!c || cmd.p2 !== 0x80) return isoVerify(cmd, card);
  if (cmd.p1 !== 0) return { sw: SW.INCORRECT_P1P2 };
  const tries = c.state.pinTries as number;
  if (cmd.data.length === 0) return { sw: tries === 0 ? SW.AUTHENTICATION_METHOD_BLOCKED : 0x63c0 | tries };
  if (cmd.data.length !== 8) return { sw: SW.WRONG_LENGTH };
  // Defect pin-counters-shared: the COS keeps one blocked flag for the SS PIN and the bank PIN.
  const ssBlocked = card.has('pin-counters-shared') && allDfs(card.mf).some((d) => d.pins.some((p) => p.ref === 0x00 && p.triesLeft === 0));
  if (tries === 0 || ssBlocked) return { sw: SW.AUTHENTICATION_METHOD_BLOCKED };
  const block = Buffer.from(cmd.data).toString('hex').toUpperCase();
  const n = parseInt(block[1] as string, 16);
  const pin = block.slice(2, 2 + n);
  if (block[0] !== '2' || n < 4 || n > 12 || !/^[0-9]+$/.test(pin) || !/^F*$/.test(block.slice(2 + n))) return { sw: SW.INCORRECT_DATA };
  // Defect pboc-pin-block-misread: the card compares the block's digits with the padding F kept.
  const presented = card.has('pboc-pin-block-misread') ? block.slice(2, 2 + n + 1) : pin;
  if (presented === c.data.pin) {
    c.state.pinTries = c.data.pinTryLimit;
    return { sw: SW.NO_ERROR };
  }
  if (!card.has('pboc-pin-counter-not-decremented')) c.state.pinTries = tries - 1;
  return { sw: 0x63c0 | (c.state.pinTries as number) };
};

/** CVR (JR/T 0025.5 annex: 4 bytes with its length byte 03): byte 2 b6-5 the first GENERATE AC's result. */
function cvr(cid: number): Uint8Array {
  const first = cid === 0x80 ? 0x20 : cid === 0x40 ? 0x10 : 0x00;
  return Uint8Array.of(0x03, first, 0x00, 0x00);
}

const generateAc: Handler = (cmd, card) => {
  const c = ctx(card);
  if (!c) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  const t = txn(card);
  if ((!t.gpo && !card.has('pboc-generate-ac-without-gpo')) || (t.acs ?? 0) >= 2) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  if (cmd.p2 !== 0 || (cmd.p1 & 0x3f & ~0x10) !== 0) return { sw: SW.INCORRECT_P1P2 };
  const want = dolLength(parseDol(fromHex(c.data.cdol1)));
  if (cmd.data.length !== want) return { sw: SW.WRONG_LENGTH };
  t.acs = (t.acs ?? 0) + 1;
  if (!card.has('pboc-atc-not-incremented')) c.state.atc = ((c.state.atc as number) + 1) & 0xffff;
  const atc = c.state.atc as number;
  // Card action analysis: never more than asked; a TC request goes online (ARQC); a blocked PIN declines.
  const asked = cmd.p1 & 0xc0;
  let cid = asked === 0x00 ? 0x00 : 0x80;
  // Defect ssse-block-blocks-debit: one block flag for the card; the SSSE's APPLICATION BLOCK counts here.
  const ssseBlocked = card.has('ssse-block-blocks-debit') && allDfs(card.mf).some((d) => d.app === 'sscard' && (d.state as { blocked?: boolean }).blocked === true);
  const blocked = c.state.blocked === true || card.session['pboc.blocked'] === true || ssseBlocked;
  if ((c.state.pinTries as number) === 0 || (blocked && !card.has('pboc-blocked-app-still-goes-online'))) cid = 0x00;
  if (asked === 0x00 && card.has('pboc-tc-when-aac-requested')) cid = 0x40;
  const iad = Uint8Array.from([0x07, 0x01, 0x01, ...cvr(cid)]);
  const acData = Uint8Array.from([...cmd.data, ...fromHex(c.data.aip), (atc >> 8) & 0xff, atc & 0xff, ...(card.has('pboc-ac-without-cvr') ? [] : cvr(cid))]);
  const ac = applicationCryptogram(fromHex(c.data.udkAc), atc, acData);
  if (t.acs === 1) {
    t.atc = atc;
    t.ac = ac;
  }
  return { data: buildTlv('80', Uint8Array.from([cid, (atc >> 8) & 0xff, atc & 0xff, ...ac, ...iad])), sw: SW.NO_ERROR };
};

/** Personalisation defects of the records: a mandatory object left out, or wrong values (JR/T 0025.5 annex A). */
const RECORD_DEFECTS: ReadonlyArray<{ defect: DefectId; apply(objects: Tlv[]): Tlv[] }> = [
  ...(['5A', '5F24', '8C', '8D', '57', '5F34'] as const).map((tag) => ({ defect: `pboc-record-without-${tag}` as DefectId, apply: (o: Tlv[]) => o.filter((x) => x.tag !== tag) })),
  { defect: 'pboc-pan-luhn-bad', apply: (o: Tlv[]) => o.map((x) => (x.tag === '5A' ? { ...x, value: Uint8Array.from([...x.value.subarray(0, -1), ((x.value[x.value.length - 1] as number) ^ 0x01)]) } : x)) },
  { defect: 'pboc-expiry-before-effective', apply: (o: Tlv[]) => o.map((x) => (x.tag === '5F24' ? { ...x, value: fromHex('250101') } : x)) },
];

/** READ RECORD in the debit ADF: the COS's, then the record defects rewrite the 70 template. */
const readRecord: Handler = (cmd, card) => {
  const active = RECORD_DEFECTS.filter((d) => card.has(d.defect));
  if (!active.length) return cosReadRecord(cmd, card);
  // The record as stored (asked with its exact length), rewritten, then answered with the Le rule of
  // part 5 §6.10 for the new length: Le 00 or another length gives 6Cxx.
  const probe = cosReadRecord({ ...cmd, ne: 256 }, card);
  if (probe.sw >> 8 !== 0x6c) return probe;
  const r = cosReadRecord({ ...cmd, ne: probe.sw & 0xff || 256 }, card);
  if (!r.data || r.sw !== SW.NO_ERROR) return r;
  let tpl: Tlv[];
  try {
    tpl = parseTlv(r.data);
  } catch {
    return r;
  }
  const t70 = tpl[0];
  if (t70?.tag !== '70' || !t70.children) return r;
  const objects = active.reduce((o, d) => d.apply(o), t70.children);
  const data = buildTlv('70', objects.map((x) => buildTlv(x.tag, x.value)));
  if (cmd.ne !== data.length) return { sw: 0x6c00 | (data.length & 0xff) };
  return { data, sw: SW.NO_ERROR, exact: true };
};

/** The PSE directory as the defect pboc-pse-directory-wrong-aid writes it: another AID. */
const readPseRecord: Handler = (cmd, card) => {
  const r = cosReadRecord(cmd, card);
  if (!card.has('pboc-pse-directory-wrong-aid') || !r.data || r.sw !== SW.NO_ERROR) return r;
  const hex = Buffer.from(r.data).toString('hex').toUpperCase().replace('A000000333010101', 'A000000333010102');
  return { ...r, data: fromHex(hex) };
};

/** SELECT: the FCI of the debit ADF without its label (defect pboc-fci-no-label). */
const select: Handler = (cmd, card) => {
  const r = cosSelect(cmd, card);
  if (!card.has('pboc-fci-no-label') || !r.data || card.currentDf.app !== 'pboc') return r;
  const tpl = parseTlv(r.data)[0];
  const rebuild = (list: Tlv[]): Uint8Array[] => list.filter((x) => x.tag !== '50').map((x) => buildTlv(x.tag, x.children ? rebuild(x.children) : x.value));
  return tpl?.children ? { ...r, data: buildTlv('6F', rebuild(tpl.children)) } : r;
};

/** On the PSE DDF: its directory as the defects write it, and SELECT of the ADF below it. */
export const PBOC_PSE_APP: CardApplication = {
  name: 'pboc-pse',
  commands: [
    { ins: 0xb2, classes: [0x00], handler: readPseRecord },
    { ins: 0xa4, classes: [0x00], handler: select },
  ],
};

/** APPLICATION BLOCK 84 1E and APPLICATION UNBLOCK 84 18 by issuer script, MAC over ATC ‖ AC (annex B.1, B.2, C.2.4). */
function scriptBlock(block: boolean): Handler {
  return (cmd, card) => {
    const c = ctx(card);
    if (!c) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
    if (cmd.p1 !== 0 || cmd.p2 !== 0) return { sw: SW.INCORRECT_P1P2 };
    if (cmd.data.length !== 4) return { sw: SW.WRONG_LENGTH };
    const t = txn(card);
    const early = t.atc === undefined || !t.ac;
    if (early && !card.has('pboc-script-before-online-accepted')) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
    const mac = early ? cmd.data : scriptMac(fromHex(c.data.udkMac), t.atc as number, t.ac as Uint8Array, [cmd.cla, cmd.ins, cmd.p1, cmd.p2]);
    if (!equal(mac, cmd.data) && !card.has('pboc-script-mac-not-checked')) return { sw: SW.SM_DATA_OBJECTS_INCORRECT };
    if ((block && card.has('pboc-app-block-ignored')) || (!block && card.has('pboc-app-unblock-ignored'))) return { sw: SW.NO_ERROR };
    // Defect pboc-app-block-not-persistent: the block lives in RAM and a reset forgets it.
    if (card.has('pboc-app-block-not-persistent')) card.session['pboc.blocked'] = block;
    else c.state.blocked = block;
    return { sw: SW.NO_ERROR };
  };
}

export const PBOC_APP: CardApplication = {
  name: 'pboc',
  commands: [
    { ins: 0xa8, classes: [0x80], handler: gpo },
    { ins: 0xca, classes: [0x80], handler: getData },
    { ins: 0x20, classes: [0x00], handler: verify },
    { ins: 0xae, classes: [0x80], handler: generateAc },
    { ins: 0xb2, classes: [0x00], handler: readRecord },
    { ins: 0x1e, classes: [0x84], handler: scriptBlock(true) },
    { ins: 0x18, classes: [0x84], handler: scriptBlock(false) },
  ],
  // SELECT of a blocked debit application, from wherever: its FCI with 6283 (annex B.1).
  onSelect: (card, reply) => {
    const blocked = (card.currentDf.state as PbocState).blocked === true || card.session['pboc.blocked'] === true;
    return blocked && !card.has('pboc-blocked-select-answers-9000') ? { ...reply, sw: SW.WARNING_SELECTED_FILE_INVALIDATED } : reply;
  },
};
