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
import type { Send, TearCase } from './tearing.ts';

/** What the cases need of the run: the card port, the PSAM port, the card's ATR, the profile's PIN and debit AID. */
export interface TearContext {
  send: Send;
  psam: ApduPort;
  atr: Uint8Array;
  pin: string;
  aid: Uint8Array;
  level2Factor?: Level2Factor;
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
    if (r.sw !== SW.NO_ERROR) throw new PreconditionNotMet(`READ BINARY of EF07 at ${at} answered ${swHex(r.sw)}`);
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
  };
}

/** CHANGE PIN (part 5 §6.3): the right current PIN, a new one; the PIN is wholly old or wholly new. */
export function ssChangePinCase(ctx: TearContext, next: string): TearCase {
  return {
    name: `CHANGE PIN to ${'*'.repeat(next.length)}`,
    setup: async (send) => ssTerminal(ctx, send).selectSsse(),
    command: (send) => ssTerminal(ctx, send).changePin(ctx.pin, next),
    // Which PIN verifies: the old, or the new (the right PIN gives the try back).
    observe: async (send) => {
      const t = ssTerminal(ctx, send);
      await t.selectSsse();
      const tries = swHex((await t.verifyPin()).sw);
      const old = swHex((await t.verifyPin(ctx.pin)).sw);
      return `${tries} old PIN ${old}`;
    },
    alsoAllowed: trySpent,
  };
}

async function pbocReady(ctx: TearContext, send: Send, ec: boolean, amount = 100): Promise<PbocKernel> {
  const k = new PbocKernel(send);
  k.terminal.ecSupport = ec;
  k.terminal.amount = amount;
  const r = await k.selectApplication(ctx.aid);
  if (r.sw !== SW.NO_ERROR) throw new PreconditionNotMet(`SELECT of the debit application answered ${swHex(r.sw)}`);
  return k;
}

async function pbocObserve(ctx: TearContext, send: Send): Promise<string> {
  const k = await pbocReady(ctx, send, false);
  const out: string[] = [];
  for (const tag of ['9F36', '9F79', '9F17']) out.push(`${tag} ${hexOf(await k.getData(tag))}`);
  // The newest log entry (JR/T 0025.13 §9: SFI 0B, newest first).
  out.push(`log ${hexOf(await k.readRecord(0x0b, 1))}`);
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
      if (g.sw !== SW.NO_ERROR) throw new PreconditionNotMet(`GET PROCESSING OPTIONS answered ${swHex(g.sw)}`);
      await k.readApplicationData();
      return k;
    },
    command: async (_send, k) => (await (k as PbocKernel).generateAc(ec ? 'TC' : 'AAC')).response,
    observe: (send) => pbocObserve(ctx, send),
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
