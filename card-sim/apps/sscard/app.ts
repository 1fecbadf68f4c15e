/**
 * The social security application (SSSE) of card-sim: the commands of 社会保障卡规范 part 5 §6 that
 * the COS core does not have, and the SSSE's view of the inter-industry ones.
 *   00 82 EXTERNAL AUTHENTICATE   against the latest GET CHALLENGE only; 63Cx, 6983 when locked (§6.4)
 *   00 88 INTERNAL AUTHENTICATE   IRK, key version in byte 17 (§6.7)
 *   00/04 DC UPDATE RECORD, 00/04 D6 UPDATE BINARY: plain after EXTERNAL AUTHENTICATE with the file's
 *         update key, or CLA 04 with a MAC under that key's session key (part 4 §8.2; §6.12–6.13)
 *   80 5E CHANGE PIN (§6.3), 84 24 PIN CHANGE/UNBLOCK after PUK authentication, MAC (and the new PIN
 *         enciphered) under STK (§6.8), 84 1E APPLICATION BLOCK (STK, §6.1), 84 16 CARD BLOCK (BK, §6.2)
 * MAC failures answer 6988 (安全报文数据项不正确, the code the command tables list); a missing or used
 * challenge 6984. The `sscard-mf` application on the MF makes CARD BLOCK final for every command (6A81)
 * and answers 9303 to SELECT of a blocked SSSE.
 */
import type { CommandApdu } from '../../../src/apdu/command.ts';
import { decodeGbk } from '../../../src/bytes/text.ts';
import { buildTlv, parseTlv } from '../../../src/tlv/ber.ts';
import { SW } from '../../../src/apdu/sw.ts';
import { decodeCn } from '../../../src/bytes/bcd.ts';
import { equal } from '../../../src/bytes/hex.ts';
import { authData, blockSize, commandMac, decryptData, sessionKey } from '../../../src/sscard/crypto.ts';
import { KEY_ID } from '../../../src/sscard/keys.ts';
import { MASTER_KEY_ID } from '../../../src/personalisation/keys.ts';
import type { CardApplication, CommandSpec } from '../../cos/application.ts';
import { masterKeyAuthenticate } from '../card-manager.ts';
import type { CardContext, Handler, Reply } from '../../cos/context.ts';
import { byIdentifier, readBinary, readRecord } from '../../cos/commands/read.ts';
import { getChallenge, getResponse, verify } from '../../cos/commands/security.ts';
import { select } from '../../cos/commands/select.ts';
import { type DfNode, type EfNode, type PinState, allDfs } from '../../cos/files.ts';
import { type FoundKey, algorithmOf, findKey, setTriesLeft, ssseOf, triesLeft } from './keys.ts';

const CHALLENGES = 'sscard.challenges';
const AUTH = 'sscard.auth';

// ---- state --------------------------------------------------------------------------------------

function cardBlocked(card: CardContext): boolean {
  return (card.mf.state as { cardBlocked?: boolean }).cardBlocked === true;
}

function appBlocked(df: DfNode | undefined, card: CardContext): boolean {
  if (df === undefined) return false;
  if ((df.state as { blocked?: boolean }).blocked === true) return true;
  return !card.rules.ssseBlockSeparate && allDfs(card.mf).some((d) => d.app === 'pboc' && (d.state as { appBlocked?: boolean }).appBlocked === true);
}

/** CARD BLOCK: every later command answers 6A81 (§6.2.1). */
function guardCard(h: Handler): Handler {
  return (cmd, card) => (cardBlocked(card) ? { sw: SW.FUNCTION_NOT_SUPPORTED } : h(cmd, card));
}

/** A blocked SSSE answers 9303 (§6.1.1; the command tables list 9303 for every command). */
function guardApp(h: Handler): Handler {
  return guardCard((cmd, card) => (appBlocked(ssseOf(card.currentDf), card) ? { sw: SW.APPLICATION_PERMANENTLY_LOCKED } : h(cmd, card)));
}

/** The latest challenge, used once (§6.5.1); the defect keeps it. */
function takeChallenge(card: CardContext): Uint8Array | undefined {
  const c = card.challenge;
  if (card.rules.challengeSingleUse) card.challenge = undefined;
  return c;
}

function remembered(card: CardContext): { df: DfNode; keys: number[] } | undefined {
  return card.session[AUTH] as { df: DfNode; keys: number[] } | undefined;
}

/** The defect that keeps EXTERNAL AUTHENTICATE across SELECT puts the keys back before a command. */
function restoreAuth(card: CardContext): void {
  if (card.rules.authStateLostOnSelect) return;
  for (const k of remembered(card)?.keys ?? []) card.authenticatedKeys.add(k);
}

function pinOf(card: CardContext): PinState | undefined {
  return card.findPin(0x00);
}

// ---- inter-industry commands, seen from the SSSE -------------------------------------------------

const ssGetChallenge: Handler = (cmd, card) => {
  const r = getChallenge(cmd, card);
  if (r.sw === SW.NO_ERROR && card.challenge) {
    const list = (card.session[CHALLENGES] as Uint8Array[] | undefined) ?? [];
    card.session[CHALLENGES] = [...list, card.challenge];
  }
  return r;
};

const ssVerify: Handler = (cmd, card) => {
  if (!card.rules.pinCountersSeparate && allDfs(card.mf).some((d) => d.app === 'pboc' && (d.state as { pinTries?: number }).pinTries === 0))
    return { sw: SW.AUTHENTICATION_METHOD_BLOCKED };
  const pin = pinOf(card);
  const before = pin?.triesLeft;
  const r = verify(cmd, card);
  if (pin && before !== undefined) {
    if (!card.rules.ssRightPinResetsTries && r.sw === SW.NO_ERROR && cmd.data.length > 0) pin.triesLeft = before;
    if (!card.rules.verifyQueryFree && cmd.data.length === 0 && pin.triesLeft > 0) pin.triesLeft--;
  }
  return r;
};

/** Reads: EF06/EF07/EF08 behind RK SSSE (part 5 table 14). */
function ssRead(core: Handler): Handler {
  return (cmd, card) => {
    restoreAuth(card);
    const added = !card.rules.rkFilesNeedAuth && !card.authenticatedKeys.has(KEY_ID.RK);
    if (added) card.authenticatedKeys.add(KEY_ID.RK);
    try {
      return core(cmd, card);
    } finally {
      if (added) card.authenticatedKeys.delete(KEY_ID.RK);
    }
  };
}

// ---- security commands -----------------------------------------------------------------------------

const externalAuthenticate: Handler = (cmd, card) => {
  // Key 00 is the SSSE master key: card management (card-sim/apps/card-manager.ts).
  if (cmd.p2 === MASTER_KEY_ID) return masterKeyAuthenticate(cmd, card);
  restoreAuth(card);
  if (cmd.p1 !== 0x00 && card.rules.extAuthChecksP1) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 16 && cmd.data.length !== 17 && (card.rules.extAuthChecksLc || cmd.data.length < 8)) return { sw: SW.WRONG_LENGTH };
  const keyId = !card.rules.extAuthHonoursKeyId && cmd.p2 !== KEY_ID.RK ? KEY_ID.RK : cmd.p2;
  const found = findKey(card.currentDf, keyId, cmd.data.length === 17 ? cmd.data[16] : undefined);
  if (!found || found.image.tryLimit === 0)
    return { sw: !card.rules.extAuthUnknownKeyAnswers6a88 ? SW.SECURITY_STATUS_NOT_SATISFIED : SW.REFERENCED_DATA_NOT_FOUND };
  if (found.image.id === KEY_ID.RK && !card.rules.rkUsableAtIssue) setTriesLeft(found, 0);
  const left = triesLeft(found);
  if (left === 0 && card.rules.lockedKeyRefused) return { sw: SW.AUTHENTICATION_METHOD_BLOCKED };
  const latest = takeChallenge(card) ?? (!card.rules.extAuthNeedsChallenge ? new Uint8Array(8) : undefined);
  if (!latest) return { sw: SW.REFERENCE_DATA_NOT_USABLE };
  const alg = algorithmOf(card.currentDf);
  // Without the length check 8–15 bytes get here: the COS reads past the data field (zeros), never throws.
  const original = new Uint8Array(8);
  original.set(cmd.data.subarray(8, 16));
  const candidates = !card.rules.extAuthOnLastChallenge ? [...((card.session[CHALLENGES] as Uint8Array[] | undefined) ?? []), latest] : [latest];
  // 防拔 (LD/T 6001.2): the key's try is spent in NVM before the comparison (card-sim/cos/nvm.ts).
  setTriesLeft(found, left - 1);
  card.nvm.commit('try');
  setTriesLeft(found, left);
  const ok = candidates.some((c) => equal(authData(alg, sessionKey(alg, found.key, c), original), cmd.data.subarray(0, 8)));
  if (ok) {
    setTriesLeft(found, found.image.tryLimit);
    card.authenticatedKeys.add(found.image.id);
    const prev = remembered(card);
    card.session[AUTH] = { df: card.currentDf, keys: [...(prev?.keys ?? []), found.image.id] };
    return { sw: SW.NO_ERROR };
  }
  const now = !card.rules.extAuthFailureDecrements ? left : Math.max(0, left - 1);
  setTriesLeft(found, now);
  return { sw: 0x63c0 | now };
};

const internalAuthenticate: Handler = (cmd, card) => {
  if ((cmd.p1 !== 0x00 || cmd.p2 !== 0x00) && card.rules.intAuthChecksP1P2) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 16 && cmd.data.length !== 17 && (card.rules.intAuthChecksLc || cmd.data.length < 8)) return { sw: SW.WRONG_LENGTH };
  const version = cmd.data.length === 17 && card.rules.intAuthHonoursKeyVersion ? cmd.data[16] : undefined;
  const irk = !card.rules.irkVersion1Loaded
    ? findKey(card.currentDf, KEY_ID.IRK, version === undefined || version === 1 ? 2 : version)
    : findKey(card.currentDf, KEY_ID.IRK, version);
  if (!irk || (!card.rules.irkVersion1Loaded && version === 1)) return { sw: SW.REFERENCED_DATA_NOT_FOUND };
  const alg = algorithmOf(card.currentDf);
  const fixed = !card.rules.intAuthOverRandom;
  const r1 = new Uint8Array(8);
  const original = new Uint8Array(8);
  if (!fixed) {
    r1.set(cmd.data.subarray(0, 8));
    original.set(cmd.data.subarray(8, 16));
  }
  return { data: authData(alg, sessionKey(alg, irk.key, r1), original), sw: SW.NO_ERROR };
};

/**
 * Secure messaging check of a CLA x4 command: the last 4 data bytes are the MAC under the session key
 * of `key` from the latest challenge (part 4 §8.2). Returns the data without the MAC, or an error SW.
 */
function checkMac(cmd: CommandApdu, card: CardContext, key: FoundKey | undefined): { data: Uint8Array; ks: Uint8Array } | number {
  if (!key) return SW.REFERENCED_DATA_NOT_FOUND;
  if (cmd.data.length < 4) return SW.WRONG_LENGTH;
  const challenge = takeChallenge(card);
  if (!challenge) return SW.REFERENCE_DATA_NOT_USABLE;
  const alg = algorithmOf(card.currentDf);
  const ks = sessionKey(alg, key.key, challenge);
  const data = cmd.data.subarray(0, cmd.data.length - 4);
  const mac = commandMac(alg, ks, [cmd.cla, cmd.ins, cmd.p1, cmd.p2], data);
  if (!equal(mac, cmd.data.subarray(cmd.data.length - 4))) return SW.SM_DATA_OBJECTS_INCORRECT;
  return { data, ks };
}

/** The EF an UPDATE addresses: SFI in P2 b8..b4 (READ RECORD coding), or the current EF. */
function updateTarget(card: CardContext, sfi: number): EfNode | number {
  if (sfi === 0) return card.currentEf ?? SW.COMMAND_NOT_ALLOWED_NO_CURRENT_EF;
  const ef = card.currentDf.children.find((c): c is EfNode => c.kind === 'EF' && c.sfi === sfi);
  if (!ef) return SW.FILE_NOT_FOUND;
  card.selectEf(ef);
  return ef;
}

/** Access to update: CLA 04 with a good MAC under the file's update key, or CLA 00 with that key authenticated. */
function updateData(cmd: CommandApdu, card: CardContext, ef: EfNode): Uint8Array | number {
  const keyId = typeof ef.update === 'object' && 'key' in ef.update ? ef.update.key : undefined;
  if (cmd.cla === 0x04) {
    if (ef.update === 'never' || keyId === undefined) return SW.SECURITY_STATUS_NOT_SATISFIED;
    if (!card.rules.updateChecksMac) return cmd.data.length >= 4 ? cmd.data.subarray(0, cmd.data.length - 4) : SW.WRONG_LENGTH;
    const r = checkMac(cmd, card, findKey(card.currentDf, keyId));
    return typeof r === 'number' ? r : r.data;
  }
  if (!card.satisfied(ef.update) && card.rules.updateNeedsKey) return SW.SECURITY_STATUS_NOT_SATISFIED;
  if (!card.rules.updatePlainAfterAuth && card.rules.updateNeedsKey) return SW.SECURITY_STATUS_NOT_SATISFIED;
  return cmd.data;
}

const updateRecord: Handler = (cmd, card) => {
  restoreAuth(card);
  const sfi = cmd.p2 >> 3;
  const mode = cmd.p2 & 0x07;
  // Table 44: modes 000–011 by record identifier, 100 by record number; the rest RFU.
  if (sfi === 0x1f || mode > 4 || cmd.p1 === 0xff) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length === 0) return { sw: SW.WRONG_LENGTH };
  const ef = updateTarget(card, sfi);
  if (typeof ef === 'number') return { sw: ef };
  if (ef.structure === 'transparent') return { sw: SW.COMMAND_INCOMPATIBLE_WITH_FILE_STRUCTURE };
  const data = updateData(cmd, card, ef);
  if (typeof data === 'number') return { sw: data };
  // A record is one SIMPLE-TLV object whose tag is its identifier (V2.0 §7); otherwise 6A85, Lc与TLV结构不符
  // (part 5 §6.13.5, the UPDATE RECORD error table).
  if (data.length < 2 || (data[1] as number) + 2 !== data.length) return { sw: SW.LC_INCONSISTENT_WITH_TLV };
  if (mode === 4) {
    const n = cmd.p1 === 0 ? card.currentRecord : cmd.p1;
    if (n < 1 || n > ef.records.length) return { sw: SW.RECORD_NOT_FOUND };
    if (card.rules.updateWrites) ef.records[n - 1] = data.slice();
    card.currentRecord = n;
  } else {
    // The first, last, next or previous record of identifier P1; none is a new record (§6.13.1).
    if (data[0] !== cmd.p1) return { sw: SW.INCORRECT_DATA };
    const at = byIdentifier(cmd.p1, mode, card, ef) ?? -1;
    if (!card.rules.updateWrites) return { sw: SW.NO_ERROR };
    if (at < 0) ef.records.push(data.slice());
    else ef.records[at] = data.slice();
    card.currentRecord = (at < 0 ? ef.records.length - 1 : at) + 1;
  }
  return { sw: SW.NO_ERROR };
};

const updateBinary: Handler = (cmd, card) => {
  restoreAuth(card);
  let ef: EfNode | number;
  let offset: number;
  if (cmd.p1 & 0x80) {
    if (cmd.p1 & 0x60) return { sw: SW.INCORRECT_P1P2 };
    ef = updateTarget(card, cmd.p1 & 0x1f);
    offset = cmd.p2;
  } else {
    ef = card.currentEf ?? SW.COMMAND_NOT_ALLOWED_NO_CURRENT_EF;
    offset = (cmd.p1 << 8) | cmd.p2;
  }
  if (typeof ef === 'number') return { sw: ef };
  if (cmd.data.length === 0) return { sw: SW.WRONG_LENGTH };
  if (ef.structure !== 'transparent') return { sw: SW.COMMAND_INCOMPATIBLE_WITH_FILE_STRUCTURE };
  const data = updateData(cmd, card, ef);
  if (typeof data === 'number') return { sw: data };
  if (offset + data.length > ef.data.length) return { sw: SW.WRONG_P1P2 };
  if (card.rules.updateWrites) ef.data.set(data, offset);
  return { sw: SW.NO_ERROR };
};

/** CHANGE PIN 80 5E 01 00: old PIN ‖ FF ‖ new PIN, cn, in clear (§6.3). */
const changePin: Handler = (cmd, card) => {
  if ((cmd.p1 !== 0x01 || cmd.p2 !== 0x00) && card.rules.changePinChecksP1) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length < 3 || cmd.data.length > 0x11) return { sw: SW.WRONG_LENGTH };
  const pin = pinOf(card);
  if (!pin) return { sw: SW.REFERENCED_DATA_NOT_FOUND };
  let sep = cmd.data.indexOf(0xff);
  if (sep < 0 && !card.rules.changePinNeedsSeparator) sep = Math.floor(cmd.data.length / 2);
  if (sep < 0) return { sw: SW.INCORRECT_DATA };
  let oldPin: string;
  let newPin: string;
  try {
    oldPin = decodeCn(cmd.data.subarray(0, sep));
    newPin = decodeCn(cmd.data.subarray(cmd.data[sep] === 0xff ? sep + 1 : sep));
  } catch {
    return { sw: SW.INCORRECT_DATA };
  }
  if ((newPin.length < 4 && card.rules.changePinChecksLength) || newPin.length > 12) return { sw: SW.INCORRECT_DATA };
  if (pin.triesLeft === 0) return { sw: SW.AUTHENTICATION_METHOD_BLOCKED };
  // 防拔 (LD/T 6001.2): the try is spent in NVM before the current PIN is compared (card-sim/cos/nvm.ts).
  pin.triesLeft--;
  card.nvm.commit('try');
  pin.triesLeft++;
  if (oldPin !== pin.value && card.rules.changePinChecksOld) {
    pin.triesLeft--;
    card.verifiedPins.delete(pin);
    return { sw: 0x63c0 | pin.triesLeft };
  }
  if (card.rules.changePinStores) pin.value = newPin;
  pin.triesLeft = pin.tryLimit;
  return { sw: SW.NO_ERROR };
};

/** PIN CHANGE/UNBLOCK 84 24 00 P2 (§6.8): after EXTERNAL AUTHENTICATE with PUK; MAC (and PIN) under STK. */
const pinChangeUnblock: Handler = (cmd, card) => {
  restoreAuth(card);
  const p2ok = cmd.p2 === 0x00 || cmd.p2 === 0x01 || (!card.rules.pinUnblockChecksP2 && cmd.p2 !== 0x01);
  if (cmd.p1 !== 0x00 || !p2ok) return { sw: SW.INCORRECT_P1P2 };
  const alg = algorithmOf(card.currentDf);
  const lc = cmd.p2 !== 0x01 ? [4] : [4 + blockSize(alg), 4 + 2 * blockSize(alg)];
  if (!lc.includes(cmd.data.length)) return { sw: SW.WRONG_LENGTH };
  const pin = pinOf(card);
  if (!pin) return { sw: SW.REFERENCED_DATA_NOT_FOUND };
  if (!card.authenticatedKeys.has(KEY_ID.PUK) && card.rules.pinReloadNeedsPuk) return { sw: SW.SECURITY_STATUS_NOT_SATISFIED };
  const checked = checkMac(cmd, card, findKey(card.currentDf, KEY_ID.STK));
  const r =
    typeof checked === 'number' && checked === SW.SM_DATA_OBJECTS_INCORRECT && !card.rules.pinUnblockChecksMac
      ? { data: cmd.data.subarray(0, cmd.data.length - 4), ks: new Uint8Array(0) }
      : checked;
  if (typeof r === 'number') return { sw: r };
  if (cmd.p2 === 0x01) {
    const plain = decryptData(alg, r.ks, r.data);
    let digits: string;
    try {
      digits = plain ? decodeCn(plain) : '';
    } catch {
      return { sw: SW.INCORRECT_DATA };
    }
    if ((digits.length < 4 && card.rules.pinReloadChecksLength) || digits.length > 12) return { sw: SW.INCORRECT_DATA };
    if (card.rules.pinReloadStores) pin.value = digits;
  }
  if (card.rules.pinUnblockResetsTries) pin.triesLeft = pin.tryLimit;
  return { sw: SW.NO_ERROR };
};

/** APPLICATION BLOCK 84 1E 00 01, MAC under STK (§6.1). */
const applicationBlock: Handler = (cmd, card) => {
  if (cmd.p1 !== 0x00 || (cmd.p2 !== 0x01 && card.rules.ssAppBlockChecksP2)) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 4) return { sw: SW.WRONG_LENGTH };
  const r = checkMac(cmd, card, findKey(card.currentDf, KEY_ID.STK));
  if (typeof r === 'number' && !(r === SW.SM_DATA_OBJECTS_INCORRECT && !card.rules.ssAppBlockChecksMac)) return { sw: r };
  if (!card.rules.ssAppBlockHonoured) return { sw: SW.NO_ERROR };
  const ssse = ssseOf(card.currentDf);
  if (ssse && card.rules.ssAppBlockPersistent) (ssse.state as { blocked?: boolean }).blocked = true;
  if (ssse && !card.rules.ssAppBlockPersistent) card.session['sscard.blocked'] = true;
  return { sw: SW.NO_ERROR };
};

/** CARD BLOCK 84 16 00 00, MAC under BK (§6.2). */
const cardBlock: Handler = (cmd, card) => {
  if (cmd.p1 !== 0x00 || cmd.p2 !== 0x00) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 4) return { sw: SW.WRONG_LENGTH };
  if (card.rules.ssCardBlockChecksMac) {
    const r = checkMac(cmd, card, findKey(card.currentDf, KEY_ID.BK));
    if (typeof r === 'number') return { sw: r };
  }
  (card.mf.state as { cardBlocked?: boolean }).cardBlocked = true;
  return { sw: SW.NO_ERROR };
};

/** FCI of the SSSE without its algorithm identifier (defect). */
function ssSelect(cmd: CommandApdu, card: CardContext): Reply {
  const before = { df: card.currentDf, ef: card.currentEf };
  const r = select(cmd, card);
  const ssse = ssseOf(card.currentDf);
  const blocked = appBlocked(ssse, card) || (ssse !== undefined && card.session['sscard.blocked'] === true);
  if (r.sw === SW.NO_ERROR && blocked && card.currentEf === undefined) {
    if (before.df !== card.currentDf) {
      card.selectDf(before.df);
      if (before.ef) card.selectEf(before.ef);
    }
    return { sw: SW.APPLICATION_PERMANENTLY_LOCKED };
  }
  if (r.data && ssse === card.currentDf && !card.rules.ssFciNameGbk) {
    // The DF name of the FCI personalised in UTF-8, though the GBK name selects it.
    const [tpl] = parseTlv(r.data);
    const rest = (tpl?.children ?? []).filter((t) => t.tag !== '84').map((t) => buildTlv(t.tag, t.value));
    return { ...r, data: buildTlv('6F', [buildTlv('84', Uint8Array.from(Buffer.from(decodeGbk(ssse.name ?? new Uint8Array(0)), 'utf8'))), ...rest]) };
  }
  if (r.data && ssse && card.currentDf.parent === ssse && !card.rules.ssAdfFciAid) {
    // The FCI of an ADF names an AID one off in its last byte.
    const i = findSubarray(r.data, Uint8Array.of(0x84));
    const n = i >= 0 ? (r.data[i + 1] as number) : 0;
    if (n > 0) {
      const out = r.data.slice();
      out[i + 1 + n] = (out[i + 1 + n] as number) ^ 0x01;
      return { ...r, data: out };
    }
  }
  if (r.data && ssse === card.currentDf && !card.rules.ssFciAlgorithmOfCard) {
    // A 1.0 card (DES) whose FCI names algorithm 03, SM4 (part 3 §6.4: a 1.0 FCI names none, or 01).
    const [tpl] = parseTlv(r.data);
    const kids = tpl?.children ?? [];
    const a5 = kids.find((t) => t.tag === 'A5');
    const alg = buildTlv('9F0C', buildTlv('86', Uint8Array.of(0x03)));
    const inner = [...(a5?.children ?? []).filter((t) => t.tag !== '9F0C').map((t) => buildTlv(t.tag, t.value)), alg];
    return { ...r, data: buildTlv('6F', [...kids.filter((t) => t.tag !== 'A5').map((t) => buildTlv(t.tag, t.value)), buildTlv('A5', inner)]) };
  }
  if (r.data && ssse === card.currentDf && !card.rules.ssFciCarriesAlgorithm) {
    const i = findSubarray(r.data, Uint8Array.of(0x9f, 0x0c));
    if (i > 0) return { ...r, data: stripFci(r.data, i) };
  }
  return r;
}

function findSubarray(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i + b.length <= a.length; i++) if (b.every((v, j) => a[i + j] === v)) return i;
  return -1;
}

/** Remove the 9F0C object at `at` and fix the lengths of A5 and 6F (short form only). */
function stripFci(fci: Uint8Array, at: number): Uint8Array {
  const n = 3 + (fci[at + 2] as number);
  const out = Uint8Array.from([...fci.subarray(0, at), ...fci.subarray(at + n)]);
  out[1] = (out[1] as number) - n;
  const a5 = findSubarray(out, Uint8Array.of(0xa5));
  if (a5 > 0) out[a5 + 1] = (out[a5 + 1] as number) - n;
  return out;
}

const SSSE_COMMANDS: CommandSpec[] = [
  { ins: 0x82, classes: [0x00], handler: guardApp(externalAuthenticate) },
  { ins: 0x88, classes: [0x00], handler: guardApp(internalAuthenticate) },
  { ins: 0xdc, classes: [0x00, 0x04], handler: guardApp(updateRecord) },
  { ins: 0xd6, classes: [0x00, 0x04], handler: guardApp(updateBinary) },
  { ins: 0x5e, classes: [0x80], handler: guardApp(changePin) },
  { ins: 0x24, classes: [0x84], handler: guardApp(pinChangeUnblock) },
  { ins: 0x1e, classes: [0x84], handler: guardApp(applicationBlock) },
  { ins: 0x16, classes: [0x84], handler: guardCard(cardBlock) },
  { ins: 0x84, classes: [0x00], handler: guardApp(ssGetChallenge) },
  { ins: 0x20, classes: [0x00], handler: guardApp(ssVerify) },
  { ins: 0xb0, classes: [0x00], handler: guardApp(ssRead(readBinary)) },
  { ins: 0xb2, classes: [0x00], handler: guardApp(ssRead(readRecord)) },
];

export const SSCARD_APP: CardApplication = { name: 'sscard', commands: SSSE_COMMANDS };

/** On the MF: CARD BLOCK reaches every command, and SELECT of a blocked SSSE answers 9303. */
export const SSCARD_MF_APP: CardApplication = {
  name: 'sscard-mf',
  commands: [
    { ins: 0xa4, classes: [0x00], handler: (cmd, card) => (!card.rules.ssCardBlockStopsSelect ? ssSelect(cmd, card) : guardCard(ssSelect)(cmd, card)) },
    { ins: 0xb0, classes: [0x00], handler: guardCard(readBinary) },
    { ins: 0xb2, classes: [0x00], handler: guardCard(readRecord) },
    { ins: 0x84, classes: [0x00], handler: guardCard(getChallenge) },
    { ins: 0x20, classes: [0x00], handler: guardCard(verify) },
    { ins: 0xc0, classes: [0x00], handler: (cmd, card) => (!card.rules.ssCardBlockStopsSelect ? getResponse(cmd, card) : guardCard(getResponse)(cmd, card)) },
  ],
};
