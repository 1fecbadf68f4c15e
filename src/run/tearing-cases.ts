/**
 * The state-changing commands the suite sends, as tear cases (src/run/tearing.ts): the SSSE's writes with
 * MAC, its PIN commands, and the debit application's ATC, EC purchase and offline PIN (LD/T 6001.2 防拔).
 */
import type { NvmSnapshot } from '../../card-sim/index.ts';
import { SW, triesLeft } from '../apdu/sw.ts';
import { swHex } from '../apdu/response.ts';
import type { Level2Factor } from '../sscard/keys.ts';
import { toHex } from '../bytes/hex.ts';
import * as iso from '../iso7816/commands.ts';
import { PbocKernel } from '../pboc/kernel.ts';
import { SS_INS } from '../sscard/commands.ts';
import type { ApduPort } from '../sscard/psam.ts';
import { SFI, SsTerminal } from '../sscard/terminal.ts';
import { encodeCommand } from '../apdu/command.ts';
import { PreconditionNotMet } from '../verdict/errors.ts';
import type { PbocIssuer } from '../pboc/issuer.ts';
import { SCRIPT_HEADER } from '../pboc/commands.ts';
import { decodeN, encodeN } from '../bytes/bcd.ts';
import { encodeGbk } from '../bytes/text.ts';
import { SSSE_DF_NAME } from '../sscard/terminal.ts';
import { CardManagement, type ManagementOptions, authenticateKey } from '../personalisation/management.ts';
import { WRITE_KEY_P1, writeKey } from '../personalisation/commands.ts';
import { MASTER_KEY_ID, masterKey } from '../personalisation/keys.ts';
import { MedicalTerminal } from '../medical/terminal.ts';
import type { Send, TearCase } from './tearing.ts';
import { dx } from '../verdict/messages.ts';

/** What the cases need of the run: the card port, the PSAM port, the card's ATR, the profile's PIN and debit AID. */
export interface TearContext {
  send: Send;
  psam: ApduPort;
  atr: Uint8Array;
  pin: string;
  aid: Uint8Array;
  level2Factor?: Level2Factor;
  /** The debit application's issuer (profile keys.pboc), by the cryptogram's IAD: the scripts' MACs. */
  issuer?: (iad: Uint8Array) => PbocIssuer;
  /** The medical host's root keys (profile keys.medicalRoots). */
  medicalRoots?: Readonly<Record<string, string>>;
  /** Card management: the ICS's algorithm and the profile's master keys (keys.masterKeys). */
  management?: ManagementOptions;
}

const port = (send: Send): ApduPort => ({ send: (cmd) => send(cmd instanceof Uint8Array ? cmd : encodeCommand(cmd)) });

/** One terminal for the sweep: the card's identity (for key diversification) is read once. */
const terminals = new WeakMap<TearContext, SsTerminal>();
function ssTerminal(ctx: TearContext, send: Send): SsTerminal {
  if (send !== ctx.send) throw new Error('a tear case sends through its context');
  let t = terminals.get(ctx);
  if (!t) {
    t = new SsTerminal(port(send), ctx.psam, ctx.atr);
    if (ctx.level2Factor) t.level2Factor = ctx.level2Factor;
    terminals.set(ctx, t);
  }
  return t;
}

/** A PIN of the same length that is not the right one. */
export function otherPin(pin: string): string {
  return pin.slice(0, -1) + String((Number(pin[pin.length - 1]) + 1) % 10);
}

/** The SSSE read after a power-up: selected, RK SSSE authenticated where the card has it (3.0 reads need it). */
async function ssseReader(ctx: TearContext, send: Send): Promise<SsTerminal> {
  const t = ssTerminal(ctx, send);
  await t.selectSsse();
  await t.externalAuthenticate('RK').catch(() => undefined);
  return t;
}

const hexOf = (r: { data: Uint8Array; sw: number }) => `${toHex(r.data)}/${swHex(r.sw)}`;

/** UPDATE BINARY of EF07 with MAC under UK (社会保障卡规范 part 5 §6.12, part 4 §8.2): `length` bytes at `offset`, each byte complemented. */
export function ssBinaryCase(ctx: TearContext, current: Uint8Array, offset: number, length: number): TearCase {
  const data = current.slice(offset, offset + length).map((b) => b ^ 0xff);
  return {
    name: `UPDATE BINARY EF07 with MAC, ${length} bytes at ${offset}`,
    size: length,
    setup: async (send) => {
      const t = ssTerminal(ctx, send);
      await t.selectSsse();
      if (offset < 0x100) return t.macCommand('UK', 0x04, SS_INS.UPDATE_BINARY, 0x80 | SFI.EF07, offset, data);
      // Beyond P2's reach: EF07 selected (after the identity the MAC's key needs is read), the offset in P1–P2 (part 5 §6.12).
      if (!t.identity) await t.identify();
      await t.send(iso.selectEf(0xef07));
      return t.macCommand('UK', 0x04, SS_INS.UPDATE_BINARY, offset >> 8, offset & 0xff, data);
    },
    command: (send, cmd) => port(send).send(cmd as never),
    observe: async (send) => {
      const t = await ssseReader(ctx, send);
      if (offset < 0x100) return hexOf(await t.send(iso.readBinarySfi(SFI.EF07, offset, length)));
      await t.send(iso.selectEf(0xef07));
      return hexOf(await t.send(iso.readBinary(offset, length)));
    },
  };
}

/** UPDATE RECORD by identifier with MAC under UK (part 5 §6.13): the record's value complemented, its tag and length kept. */
export function ssRecordCase(ctx: TearContext, sfi: number, record: Uint8Array): TearCase {
  const next = Uint8Array.from([record[0] as number, record[1] as number, ...record.subarray(2).map((b) => b ^ 0xff)]);
  return {
    name: `UPDATE RECORD EF${sfi.toString(16).padStart(2, '0').toUpperCase()} record ${toHex(record.subarray(0, 1))} with MAC`,
    size: record.length,
    setup: async (send) => {
      const t = ssTerminal(ctx, send);
      await t.selectSsse();
      return t.macCommand('UK', 0x04, SS_INS.UPDATE_RECORD, record[0] as number, sfi << 3, next);
    },
    command: (send, cmd) => port(send).send(cmd as never),
    observe: async (send) => hexOf(await (await ssseReader(ctx, send)).readItem(sfi, record[0] as number)),
  };
}

/** The records of an SSSE EF (read after RK SSSE), by identifier: what the record cases write. */
export async function ssRecords(ctx: TearContext, send: Send, sfi: number): Promise<Uint8Array[]> {
  const t = await ssseReader(ctx, send);
  const out: Uint8Array[] = [];
  for (let n = 1; n < 64; n++) {
    const r = await t.send(iso.readRecord(n, sfi, iso.RECORD_MODE.NUMBER, 256));
    if (r.sw !== SW.NO_ERROR && r.sw !== SW.WARNING_END_OF_FILE) break;
    if (r.data.length >= 3 && r.data[1] === r.data.length - 2) out.push(r.data);
  }
  return out;
}

export async function ssBinary(ctx: TearContext, send: Send): Promise<Uint8Array> {
  const t = await ssseReader(ctx, send);
  const out: number[] = [];
  await t.send(iso.selectEf(0xef07));
  for (let at = 0; at < 0x300; at += 0x80) {
    const r = await t.send(iso.readBinary(at, 0x80));
    if (r.sw !== SW.NO_ERROR) throw new PreconditionNotMet(dx('tear.readBinary', { at, sw: swHex(r.sw) }));
    out.push(...r.data);
  }
  return Uint8Array.from(out);
}

/** The SSSE PIN try counter as VERIFY without data reports it (part 5 §6.14). */
export async function ssTries(ctx: TearContext, send: Send): Promise<string> {
  const t = ssTerminal(ctx, send);
  await t.selectSsse();
  return swHex((await t.verifyPin()).sw);
}

/** Allow the old state with one try fewer on the PIN items (spent before the comparison, then the card lost power). */
export function trySpent(old: NvmSnapshot): NvmSnapshot[] {
  const out: NvmSnapshot[] = [];
  for (const [item, value] of old) {
    const ss = / PIN \d+$/.test(item) ? /^(.*):(\d+)\/(\d+)$/.exec(value) : null;
    if (ss) out.push(new Map(old).set(item, `${ss[1]}:${Number(ss[2]) - 1}/${ss[3]}`));
    if (/ pboc\.pinTries$/.test(item)) out.push(new Map(old).set(item, String(Number(value) - 1)));
  }
  return out;
}

/** VERIFY of the SSSE PIN (part 5 §6.14): `pin` presented. */
export function ssVerifyCase(ctx: TearContext, pin: string, label: string): TearCase {
  return {
    name: `VERIFY SSSE with ${label}`,
    setup: async (send) => ssTerminal(ctx, send).selectSsse(),
    command: (send) => ssTerminal(ctx, send).verifyPin(pin),
    observe: (send) => ssTries(ctx, send),
    alsoAllowed: trySpent,
    done: (r) => r.sw === SW.NO_ERROR || triesLeft(r.sw) !== undefined,
    // The right PIN spends the try and gives it back: the counter reads as before.
    ...(pin === ctx.pin ? { viewUnchanged: true as const } : {}),
  };
}

/** CHANGE PIN (part 5 §6.3): the right current PIN, a new one; the PIN is wholly old or wholly new. */
export function ssChangePinCase(ctx: TearContext, next: string): TearCase {
  return {
    name: `CHANGE PIN to ${'*'.repeat(next.length)}`,
    setup: async (send) => ssTerminal(ctx, send).selectSsse(),
    command: (send) => ssTerminal(ctx, send).changePin(ctx.pin, next),
    observe: (send) => ssPinObserve(ctx, send),
    alsoAllowed: trySpent,
  };
}

/** Which SSSE PIN verifies, the old or a new one, and the counter before (the right PIN gives the try back). */
async function ssPinObserve(ctx: TearContext, send: Send): Promise<string> {
  const t = ssTerminal(ctx, send);
  await t.selectSsse();
  const tries = swHex((await t.verifyPin()).sw);
  const old = swHex((await t.verifyPin(ctx.pin)).sw);
  return `${tries} old PIN ${old}`;
}

/**
 * PIN UNBLOCK (84 24 00 00) or, with `reload`, PIN RELOAD (84 24 00 01, the new PIN enciphered) after PUK
 * authentication, MAC under STK (part 5 §6.8); a wrong PIN first, so the counter has a try to give back.
 * The counter and the PIN are one unit: never the counter reset with the old PIN kept, nor the new PIN blocked.
 */
export function ssUnblockCase(ctx: TearContext, reload?: string): TearCase {
  return {
    name: reload ? `PIN RELOAD to ${'*'.repeat(reload.length)} after a wrong PIN` : 'PIN UNBLOCK after a wrong PIN',
    setup: async (send) => {
      const t = ssTerminal(ctx, send);
      await t.selectSsse();
      await t.verifyPin(otherPin(ctx.pin));
      const puk = await t.externalAuthenticate('PUK');
      if (puk.sw !== SW.NO_ERROR) throw new PreconditionNotMet(dx('tear.pukAuth', { sw: swHex(puk.sw) }));
      return t.macCommand('STK', 0x84, SS_INS.PIN_CHANGE_UNBLOCK, 0x00, reload ? 0x01 : 0x00, new Uint8Array(0), reload ? { encryptPin: reload } : {});
    },
    command: (send, cmd) => port(send).send(cmd as never),
    observe: (send) => ssPinObserve(ctx, send),
  };
}

/** What a further failed EXTERNAL AUTHENTICATE with RK answers: the key's try counter as the card reports it (part 5 §6.4, 63Cx). */
export async function ssKeyTries(ctx: TearContext, send: Send): Promise<string> {
  const t = ssTerminal(ctx, send);
  await t.selectSsse();
  const random = await t.challenge();
  return swHex((await t.send(await t.externalAuthCommand('RK', random, { corrupt: true }))).sw);
}

/** EXTERNAL AUTHENTICATE with RK (part 5 §6.4), with the right or a wrong cryptogram: a failure costs its try. */
export function ssExtAuthCase(ctx: TearContext, right: boolean): TearCase {
  return {
    name: `EXTERNAL AUTHENTICATE RK with ${right ? 'the right' : 'a wrong'} cryptogram`,
    setup: async (send) => {
      const t = ssTerminal(ctx, send);
      await t.selectSsse();
      const random = await t.challenge();
      return t.externalAuthCommand('RK', random, { corrupt: !right });
    },
    command: (send, cmd) => port(send).send(cmd as never),
    observe: (send) => ssKeyTries(ctx, send),
    done: (r) => r.sw === SW.NO_ERROR || triesLeft(r.sw) !== undefined,
  };
}

/** What SELECT of the SSSE and of the MF answer (a blocked SSSE 9303, a blocked card 6A81; part 5 §6.1–6.2). */
async function ssBlockObserve(send: Send): Promise<string> {
  const ssse = await send(encodeCommand(iso.selectByName(encodeGbk(SSSE_DF_NAME))));
  const mf = await send(encodeCommand(iso.selectByFid(0x3f00)));
  return `SSSE ${swHex(ssse.sw)} MF ${swHex(mf.sw)}`;
}

/** APPLICATION BLOCK (84 1E 00 01, MAC under STK, §6.1) or CARD BLOCK (84 16 00 00, MAC under BK, §6.2). */
export function ssBlockCase(ctx: TearContext, what: 'application' | 'card'): TearCase {
  return {
    name: what === 'application' ? 'APPLICATION BLOCK of the SSSE' : 'CARD BLOCK',
    setup: async (send) => {
      const t = ssTerminal(ctx, send);
      await t.selectSsse();
      return what === 'application'
        ? t.macCommand('STK', 0x84, SS_INS.APPLICATION_BLOCK, 0x00, 0x01, new Uint8Array(0))
        : t.macCommand('BK', 0x84, SS_INS.CARD_BLOCK, 0x00, 0x00, new Uint8Array(0));
    },
    command: (send, cmd) => port(send).send(cmd as never),
    observe: ssBlockObserve,
  };
}

function management(ctx: TearContext, send: Send): CardManagement {
  return new CardManagement((c) => send(encodeCommand(c)), ctx.management ?? {});
}

/** Which master key of the SSSE authenticates (part 4 §5.2): the old, the new, or neither. */
async function ssseMasterKeyObserve(ctx: TearContext, send: Send, keys: Uint8Array[]): Promise<string> {
  const m = management(ctx, send);
  const out: string[] = [];
  for (const k of keys) {
    await m.selectEnvironment('ssse');
    out.push(swHex((await m.authenticate(k)).sw));
  }
  return out.join(' ');
}

/**
 * WRITE KEY (84 D4, part 4 §5.2–5.4): the SSSE master key replaced under itself, or a new key loaded by it.
 * The key is written whole or not at all: after a tear the old key or the new one authenticates.
 */
export function writeKeyCase(ctx: TearContext, what: 'replace master key' | 'load key'): TearCase {
  const old = masterKey('ssse', ctx.management?.keys);
  const neu = Uint8Array.from({ length: 16 }, (_v, i) => (0x31 + i * 11) & 0xff);
  const loaded = 0x21;
  return {
    name: `WRITE KEY: ${what === 'replace master key' ? 'the SSSE master key replaced' : `key ${loaded.toString(16)} loaded`} in the SSSE`,
    size: 16,
    // The torn command is the WRITE KEY itself: its challenge is taken in the setup.
    setup: async (send) => {
      const m = management(ctx, send);
      const r = await m.selectEnvironment('ssse');
      const a = await m.authenticate(old);
      if (r.sw !== SW.NO_ERROR || a.sw !== SW.NO_ERROR) throw new PreconditionNotMet(dx('tear.ssseMasterKey', { select: swHex(r.sw), auth: swHex(a.sw) }));
      const challenge = await m.challenge();
      return what === 'replace master key'
        ? writeKey(m.algorithm, old, challenge, WRITE_KEY_P1.REPLACE, { id: MASTER_KEY_ID, version: 1, tryLimit: 15, key: neu })
        : writeKey(m.algorithm, old, challenge, WRITE_KEY_P1.LOAD, { id: loaded, version: 1, tryLimit: 3, key: neu });
    },
    command: (send, cmd) => port(send).send(cmd as never),
    // Untorn, the new key authenticates (and the replaced master key no longer does).
    made: (view) => {
      const ok = swHex(SW.NO_ERROR);
      const [oldKey, newKey, ...rest] = view.split(' ');
      return what === 'replace master key' ? oldKey !== ok && newKey === ok && rest.length === 0 : view === ok;
    },
    observe: async (send) => {
      if (what === 'replace master key') return ssseMasterKeyObserve(ctx, send, [old, neu]);
      const m = management(ctx, send);
      await m.selectEnvironment('ssse');
      return swHex((await authenticateKey(m, (c) => send(encodeCommand(c)), loaded, neu)).sw);
    },
  };
}

/** CREATE FILE (80 E0, part 4 §5.2) of a DF under the MF after the card master key: the DF is there whole, or not at all. */
export function createFileCase(ctx: TearContext): TearCase {
  const name = Uint8Array.from(Buffer.from('SSCC.TEAR.DF', 'ascii'));
  return {
    name: 'CREATE FILE of a DF under the MF',
    setup: async (send) => {
      const m = management(ctx, send);
      await m.selectMf();
      const a = await m.authenticate(m.key('card'));
      if (a.sw !== SW.NO_ERROR) throw new PreconditionNotMet(dx('tear.cardMasterKey', { sw: swHex(a.sw) }));
      return m;
    },
    command: (_send, m) => (m as CardManagement).createDf(name, 0xdf3e),
    // SELECT of the new DF by name: 9000 once it exists, 6A82 before.
    observe: async (send) => swHex((await send(encodeCommand(iso.selectByName(name)))).sw),
  };
}

async function pbocReady(ctx: TearContext, send: Send, ec: boolean, amount = 100, blocked = false): Promise<PbocKernel> {
  const k = new PbocKernel(send);
  k.terminal.ecSupport = ec;
  k.terminal.amount = amount;
  const r = await k.selectApplication(ctx.aid);
  // A blocked application answers its FCI with 6283 (JR/T 0025.5 B.1.1): its unblock script still reaches it.
  if (r.sw !== SW.NO_ERROR && !(blocked && r.sw === SW.WARNING_SELECTED_FILE_INVALIDATED))
    throw new PreconditionNotMet(dx('tear.debitSelect', { sw: swHex(r.sw) }));
  return k;
}

async function pbocObserve(ctx: TearContext, send: Send): Promise<string> {
  const k = await pbocReady(ctx, send, false);
  const out: string[] = [];
  for (const tag of ['9F36', '9F79', '9F17']) out.push(`${tag} ${hexOf(await k.getData(tag))}`);
  // The newest log entry (JR/T 0025.13 §9: SFI 0B, newest first).
  out.push(`SFI 0B ${hexOf(await k.readRecord(0x0b, 1))}`);
  return out.join(' ');
}

/** GET PROCESSING OPTIONS moves the ATC (JR/T 0025.5 §7.3, 9F36). */
export function gpoCase(ctx: TearContext): TearCase {
  return {
    name: 'GET PROCESSING OPTIONS (ATC)',
    setup: (send) => pbocReady(ctx, send, false),
    command: (_send, k) => (k as PbocKernel).gpo(),
    observe: (send) => pbocObserve(ctx, send),
  };
}

/**
 * The first GENERATE AC after a completed GPO: an AAC (no purchase) or, with `ec`, an offline EC purchase
 * approved with a TC (JR/T 0025.13 §7.4.5: 9F79 debited and the log written together).
 */
export function gacCase(ctx: TearContext, ec: boolean): TearCase {
  return {
    name: ec ? 'GENERATE AC TC, offline EC purchase of 1.00' : 'GENERATE AC AAC after GPO (ATC)',
    setup: async (send) => {
      const k = await pbocReady(ctx, send, ec);
      const g = await k.gpo();
      if (g.sw !== SW.NO_ERROR) throw new PreconditionNotMet(dx('tear.gpo', { sw: swHex(g.sw) }));
      await k.readApplicationData();
      return k;
    },
    command: async (_send, k) => (await (k as PbocKernel).generateAc(ec ? 'TC' : 'AAC')).response,
    observe: (send) => pbocObserve(ctx, send),
    // An AAC moves nothing the terminal reads (the case is that the ATC of the GPO stays).
    ...(ec ? {} : { viewUnchanged: true as const }),
  };
}

/** VERIFY of the offline plaintext PIN (JR/T 0025.5 B.12). */
export function pbocVerifyCase(ctx: TearContext, pin: string, label: string): TearCase {
  return {
    name: `VERIFY offline PIN with ${label}`,
    setup: (send) => pbocReady(ctx, send, false),
    command: (send) => send(encodeCommand(iso.verify(0x80, pinBlock2(pin)))),
    observe: (send) => pbocTries(ctx, send),
    alsoAllowed: trySpent,
    done: (r) => r.sw === SW.NO_ERROR || triesLeft(r.sw) !== undefined,
  };
}

export async function pbocTries(ctx: TearContext, send: Send): Promise<string> {
  const k = await pbocReady(ctx, send, false);
  return hexOf(await k.getData('9F17'));
}

/** The plaintext PIN block, format 2 (EMV Book 3 §6.5.12): 2N PIN F…F. */
function pinBlock2(pin: string): Uint8Array {
  const hex = `2${pin.length.toString(16)}${pin}`.padEnd(16, 'F');
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** The debit application in an online transaction: GPO, the records, then the ARQC a script's MAC is over (JR/T 0025.5 C.2.4). */
async function pbocOnline(ctx: TearContext, send: Send, ec: boolean, before?: () => Promise<unknown>, blocked = false) {
  const k = await pbocReady(ctx, send, ec, 100, blocked);
  const g = await k.gpo();
  if (g.sw !== SW.NO_ERROR) throw new PreconditionNotMet(dx('tear.gpo', { sw: swHex(g.sw) }));
  await k.readApplicationData();
  await before?.();
  const first = await k.generateAc('ARQC');
  // A blocked application declines (AAC): its unblock script is MACed over that cryptogram (C.2.4).
  if (!first.result || (first.result.type !== 'ARQC' && !(blocked && first.result.type === 'AAC')))
    throw new PreconditionNotMet(dx('tear.firstGac', { sw: swHex(first.response.sw), type: first.result?.type ?? '' }));
  if (!ctx.issuer) throw new PreconditionNotMet(dx('tear.noPbocKeys'));
  return { k, g: first.result, issuer: ctx.issuer(first.result.iad) };
}

/** The debit application's state by GET DATA and the newest log entry, and what SELECT answers (a blocked application 6283, a blocked card 6A81). */
async function pbocStateObserve(ctx: TearContext, send: Send): Promise<string> {
  const k = new PbocKernel(send);
  const r = await k.selectApplication(ctx.aid);
  const out = [`SELECT ${swHex(r.sw)}`];
  for (const tag of ['9F36', '9F79', '9F77', '9F17']) out.push(`${tag} ${hexOf(await k.getData(tag))}`);
  out.push(`SFI 0B ${hexOf(await k.readRecord(0x0b, 1))}`);
  return out.join(' ');
}

/** Which offline PIN verifies after a PIN script: the counter, then the old PIN (JR/T 0025.5 B.12). */
async function pbocPinObserve(ctx: TearContext, send: Send): Promise<string> {
  const k = await pbocReady(ctx, send, false);
  const tries = hexOf(await k.getData('9F17'));
  const old = swHex((await send(encodeCommand(iso.verify(0x80, pinBlock2(ctx.pin))))).sw);
  return `${tries} old PIN ${old}`;
}

export type PbocScript = 'EC load' | 'APPLICATION BLOCK' | 'APPLICATION UNBLOCK' | 'CARD BLOCK' | 'PIN UNBLOCK' | 'PIN CHANGE' | 'PUT DATA 9F77';

/**
 * An issuer script command of an online transaction, MACed by the issuer over the ARQC (JR/T 0025.5 C.2):
 * the EC load (圈存, PUT DATA 9F79 of the new balance, JR/T 0025.13 §7.5), PUT DATA of the balance limit,
 * APPLICATION BLOCK/UNBLOCK, CARD BLOCK, PIN UNBLOCK after a wrong PIN and PIN CHANGE (B.10).
 */
export function pbocScriptCase(ctx: TearContext, script: PbocScript): TearCase {
  const pinScript = script === 'PIN UNBLOCK' || script === 'PIN CHANGE';
  return {
    name: `issuer script ${script}${script === 'EC load' ? ' (PUT DATA 9F79, balance + 1.00)' : ''}`,
    setup: async (send) => {
      // A blocked application first, for its unblock; a wrong PIN first, for the unblock to reset the counter.
      const before = async () => (pinScript ? send(encodeCommand(iso.verify(0x80, pinBlock2(otherPin(ctx.pin))))) : undefined);
      if (script === 'APPLICATION UNBLOCK') {
        const b = await pbocOnline(ctx, send, false);
        const r = await send(b.issuer.script(b.k.pan, b.k.psn, b.g.atc, b.g.ac, SCRIPT_HEADER.APPLICATION_BLOCK));
        if (r.sw !== SW.NO_ERROR) throw new PreconditionNotMet(dx('tear.applicationBlock', { sw: swHex(r.sw) }));
      }
      const { k, g, issuer } = await pbocOnline(ctx, send, script === 'EC load', before, script === 'APPLICATION UNBLOCK');
      const at = (h: string, data?: Uint8Array) => issuer.script(k.pan, k.psn, g.atc, g.ac, h, data);
      switch (script) {
        case 'EC load': {
          const v = await k.getDataValue('9F79');
          return at(SCRIPT_HEADER.putData('9F79'), encodeN(Number(decodeN(v)) + 100, 6));
        }
        case 'PUT DATA 9F77': {
          const v = await k.getDataValue('9F77');
          return at(SCRIPT_HEADER.putData('9F77'), encodeN(Number(decodeN(v)) + 100, 6));
        }
        case 'APPLICATION BLOCK':
          return at(SCRIPT_HEADER.APPLICATION_BLOCK);
        case 'APPLICATION UNBLOCK':
          return at(SCRIPT_HEADER.APPLICATION_UNBLOCK);
        case 'CARD BLOCK':
          return at(SCRIPT_HEADER.CARD_BLOCK);
        case 'PIN UNBLOCK':
          return at(SCRIPT_HEADER.PIN_UNBLOCK);
        case 'PIN CHANGE':
          return issuer.pinChange(k.pan, k.psn, g.atc, g.ac, '4321', ctx.pin);
      }
    },
    command: (send, apdu) => send(apdu as Uint8Array),
    observe: (send) => (pinScript ? pbocPinObserve(ctx, send) : pbocStateObserve(ctx, send)),
  };
}

/** The medical account as the terminal reads it (part 7 §14: balances, sequence numbers, the newest EF08 record). */
async function medicalObserve(ctx: TearContext, send: Send): Promise<string> {
  const t = medicalTerminal(ctx, send);
  await t.selectDf04();
  await t.verifyPin(ctx.pin);
  return JSON.stringify(await t.snapshot());
}

const medicalTerminals = new WeakMap<TearContext, MedicalTerminal>();
function medicalTerminal(ctx: TearContext, send: Send): MedicalTerminal {
  if (send !== ctx.send) throw new Error('a tear case sends through its context');
  let t = medicalTerminals.get(ctx);
  if (!t) {
    t = new MedicalTerminal(port(send), ctx.psam, ctx.atr, ctx.medicalRoots ?? {});
    if (ctx.level2Factor) t.ss.level2Factor = ctx.level2Factor;
    medicalTerminals.set(ctx, t);
  }
  return t;
}

/**
 * The offline medical account (社会保障卡规范 part 7 §11–12): CREDIT FOR LOAD or DEBIT FOR PURCHASE, torn.
 * The balance, the totals, the sequence number, the EF08 detail record and the proof move together (§11.8, §12.6).
 */
export function medicalCase(ctx: TearContext, what: 'load' | 'purchase'): TearCase {
  const amounts = { account: 100, selfPaid: 50, pooled: 25 };
  return {
    name: what === 'load' ? 'CREDIT FOR LOAD of 1.00 (medical account)' : 'DEBIT FOR PURCHASE of 1.00 (medical account)',
    setup: async (send) => {
      const t = medicalTerminal(ctx, send);
      await t.selectDf04();
      const v = await t.verifyPin(ctx.pin);
      if (v.sw !== SW.NO_ERROR) throw new PreconditionNotMet(dx('tear.ssseVerify', { sw: swHex(v.sw) }));
      if (what === 'load') {
        const run = await t.prepareLoad(100);
        if (!run.creditCommand) throw new PreconditionNotMet(dx('tear.initLoad', { sw: swHex(run.init.sw) }));
        return run.creditCommand;
      }
      const run = await t.preparePurchase(amounts);
      if (!run.debitCommand) throw new PreconditionNotMet(dx('tear.initPurchase', { sw: swHex(run.init.sw) }));
      return run.debitCommand;
    },
    command: (send, cmd) => port(send).send(cmd as never),
    observe: (send) => medicalObserve(ctx, send),
  };
}
