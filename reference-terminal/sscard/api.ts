/**
 * The reader-terminal interface functions a social-security terminal offers (LD/T 33; spec-notes
 * sscard.md §5), on top of the reference terminal: iReadCardBas, iVerifyPIN, iChangePIN. They return
 * the outcome a terminal reports (profiles/terminal-outcome.schema.json), after the card validity check
 * of part 7 (expiry; the terminal's blacklist of part 8 §7.2, by 卡识别码 and 卡号).
 * `defects` switches on catalogued defects of the reference terminal (reference-terminal/defects.ts).
 */
import { command } from '../../src/apdu/command.ts';
import { SW } from '../../src/apdu/sw.ts';
import { verify } from '../../src/iso7816/commands.ts';
import { NonConformance } from '../../src/verdict/errors.ts';
import type { TerminalOutcome } from '../../src/protocol/terminal.ts';
import type { CardBasic, SsTerminal } from '../../src/sscard/terminal.ts';
import { terminalRules } from '../faults.ts';

export interface SsTerminalConfig {
  /** 终端机编号 (the PSAM's terminal number), 12 digits. */
  terminalNumber: string;
  /** 终端设备号. */
  deviceNumber: string;
  /** Blacklisted 卡识别码 (hex) or 卡号 (part 8 §7.1). */
  blacklist: readonly string[];
  /** Today as YYYYMMDD (the validity check compares 卡有效期 with it). */
  today: string;
  defects: ReadonlySet<string>;
}

/** LD/T 33 appendix A codes the reference terminal reports. */
export const LDT33_CODE = { OK: 0, INTERNAL_AUTH_FAILED: -21, PIN_WRONG: -51, PIN_LOCKED: -52 } as const;

/** The pOutInfo of iReadCardBas: the fields in LD/T 33 §1.1 order, each followed by "|". */
export function readCardBasOutput(b: CardBasic, deviceNumber: string, defects: ReadonlySet<string>): string {
  const rules = terminalRules(defects);
  const fields = [
    b.regionCode,
    b.socialSecurityNumber,
    b.cardNumber,
    b.cardIdentifier,
    b.name,
    b.historical,
    b.version,
    b.issueDate,
    b.expiryDate,
    b.terminalNumber,
    deviceNumber,
  ];
  if (!rules.readCardBasFieldOrder) [fields[1], fields[2]] = [fields[2] as string, fields[1] as string];
  return fields.map((f) => `${f}|`).join('');
}

/** Part 7 "IC 卡有效性检查": expired, or on the blacklist; undefined when the card may be used. */
export function validityProblem(b: CardBasic, c: SsTerminalConfig): string | undefined {
  const rules = terminalRules(c.defects);
  const expired = !rules.expiryComparison ? b.expiryDate >= c.today : b.expiryDate < c.today;
  if (rules.refuseExpiredCard && expired) return `the card expired on ${b.expiryDate}`;
  if (rules.checkBlacklist) {
    const listed = c.blacklist.map((x) => x.toUpperCase());
    if (listed.includes(b.cardIdentifier.toUpperCase()) || listed.includes(b.cardNumber.toUpperCase()))
      return `the card ${b.cardNumber} (${b.cardIdentifier}) is on the blacklist`;
  }
  return undefined;
}

function fieldsOf(b: CardBasic): Record<string, string> {
  return {
    区划代码: b.regionCode,
    社会保障号码: b.socialSecurityNumber,
    卡号: b.cardNumber,
    卡识别码: b.cardIdentifier,
    姓名: b.name,
    ATR历史字节: b.historical,
    规范版本: b.version,
    发卡日期: b.issueDate,
    卡有效期: b.expiryDate,
  };
}

/** iReadCardBas (LD/T 33 §1): the card's basic data after authenticating it, or a refusal. */
export async function iReadCardBas(t: SsTerminal, c: SsTerminalConfig): Promise<TerminalOutcome> {
  const rules = terminalRules(c.defects);
  let b: CardBasic;
  try {
    b = await t.readCardBas(c.terminalNumber, {
      skipInternalAuthentication: !rules.internalAuthentication,
      ignoreInternalAuthenticationResult: !rules.checkInternalAuthentication,
      skipReadKeyOn30: !rules.rkAuthenticationOn30,
      nameWithoutExtension: !rules.nameWithExtension,
    });
  } catch (e) {
    if (e instanceof NonConformance) {
      const code = /INTERNAL AUTHENTICATE/.test(e.message) ? LDT33_CODE.INTERNAL_AUTH_FAILED : -1;
      return { result: 'error', code, message: e.message };
    }
    throw e;
  }
  const refused = validityProblem(b, c);
  if (refused) return { result: 'refused', message: refused, fields: fieldsOf(b) };
  return { result: 'success', code: LDT33_CODE.OK, output: readCardBasOutput(b, c.deviceNumber, c.defects), fields: fieldsOf(b) };
}

/** iVerifyPIN: -51 with the tries left in the message, -52 when locked (LD/T 33 appendix A). */
export async function iVerifyPIN(t: SsTerminal, pin: string, defects: ReadonlySet<string> = new Set()): Promise<TerminalOutcome> {
  const rules = terminalRules(defects);
  await t.selectSsse();
  const r = !rules.verifyPinBcd ? await t.send(verify(0x00, Uint8Array.from(Buffer.from(pin, 'ascii')))) : await t.verifyPin(pin);
  if (r.sw === SW.NO_ERROR) return { result: 'success', code: LDT33_CODE.OK };
  if (r.sw === SW.AUTHENTICATION_METHOD_BLOCKED || r.sw === 0x63c0)
    return { result: 'error', code: !rules.lockedPinReportedLocked ? LDT33_CODE.PIN_WRONG : LDT33_CODE.PIN_LOCKED, message: 'PIN locked' };
  if (r.sw >> 4 === 0x63c)
    return {
      result: 'error',
      code: !rules.wrongPinReportedWrong ? LDT33_CODE.PIN_LOCKED : LDT33_CODE.PIN_WRONG,
      message: `PIN wrong, ${r.sw & 0x0f} tries left`,
    };
  return { result: 'error', code: -(r.sw & 0xffff), message: `VERIFY answered ${r.sw.toString(16).toUpperCase()}` };
}

/** iChangePIN (old and new PIN as the vendor OCX variants take them). */
export async function iChangePIN(t: SsTerminal, oldPin: string, newPin: string, defects: ReadonlySet<string> = new Set()): Promise<TerminalOutcome> {
  const rules = terminalRules(defects);
  await t.selectSsse();
  const r = !rules.changePinOldFirst ? await t.changePin(newPin, oldPin) : await t.changePin(oldPin, newPin);
  if (r.sw === SW.NO_ERROR || !rules.changePinReportsRefusal) return { result: 'success', code: LDT33_CODE.OK };
  if (r.sw >> 4 === 0x63c)
    return {
      result: 'error',
      code: (r.sw & 0x0f) === 0 && rules.changePinLastTryReportedLocked ? LDT33_CODE.PIN_LOCKED : LDT33_CODE.PIN_WRONG,
      message: `CHANGE PIN answered ${r.sw.toString(16).toUpperCase()}`,
    };
  return { result: 'error', code: -(r.sw & 0xffff), message: `CHANGE PIN answered ${r.sw.toString(16).toUpperCase()}` };
}

/** iReloadPIN (LD/T 33): PUK authentication through the PSAM, then PIN RELOAD with the new PIN enciphered (part 5 §6.8). */
export async function iReloadPIN(t: SsTerminal, newPin: string, defects: ReadonlySet<string> = new Set()): Promise<TerminalOutcome> {
  const rules = terminalRules(defects);
  await t.selectSsse();
  const r = await t.reloadPin(newPin, { skipPuk: !rules.reloadWithPuk });
  if (r.sw === SW.NO_ERROR) return { result: 'success', code: LDT33_CODE.OK };
  return { result: 'error', code: -(r.sw & 0xffff), message: `PIN RELOAD answered ${r.sw.toString(16).toUpperCase()}` };
}

/** iUnblockPIN (LD/T 33): PUK authentication, then PIN UNBLOCK with a MAC under STK (part 5 §6.8). */
export async function iUnblockPIN(t: SsTerminal, defects: ReadonlySet<string> = new Set()): Promise<TerminalOutcome> {
  const rules = terminalRules(defects);
  await t.selectSsse();
  const r = await t.unblockPin({ corrupt: !rules.unblockMacValid });
  if (r.sw === SW.NO_ERROR || !rules.unblockReportsRefusal) return { result: 'success', code: LDT33_CODE.OK };
  return { result: 'error', code: -(r.sw & 0xffff), message: `PIN UNBLOCK answered ${r.sw.toString(16).toUpperCase()}` };
}

/** iWriteCard (LD/T 33): one data item of EF05 written by UPDATE RECORD with a MAC under UK SSSE (part 4 §8.2). */
export async function iWriteCard(t: SsTerminal, item: number, value: Uint8Array, defects: ReadonlySet<string> = new Set()): Promise<TerminalOutcome> {
  const rules = terminalRules(defects);
  await t.selectSsse();
  const record = Uint8Array.from([item, value.length, ...value]);
  const r = !rules.writeWithMac ? await t.send(command(0x00, 0xdc, item, 0x05 << 3, record)) : await t.writeRecordWithMac('UK', 0x05, record);
  if (r.sw === SW.NO_ERROR || !rules.writeReportsCardAnswer) return { result: 'success', code: LDT33_CODE.OK };
  return { result: 'error', code: -(r.sw & 0xffff), message: `UPDATE RECORD answered ${r.sw.toString(16).toUpperCase()}` };
}
