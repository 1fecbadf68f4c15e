import { describe, expect, it } from 'vitest';
import { fromHex } from '../bytes/hex.ts';
import { parseDol } from '../tlv/dol.ts';
import { type Diagnosis, renderDiagnosis } from '../verdict/messages.ts';

const en = (d: Diagnosis | undefined) => (d ? renderDiagnosis(d, 'en') : undefined);
import {
  aipOdaProblems,
  cdaFailedProblem,
  cvmListProblem,
  CVR,
  cvrHas,
  cvrProblem,
  expectedCvr,
  datesProblem,
  iadProblem,
  isYymmdd,
  logEntryProblem,
  luhnValid,
  numericValue,
  panProblem,
  sm2SsadProblem,
  splitLogRecord,
} from './checks.ts';
import { generateAc, getData, getProcessingOptions, pinBlockFormat2, SCRIPT_HEADER, verifyOfflinePin } from './commands.ts';
import { type CommandApdu, encodeCommand } from '../apdu/command.ts';
import { toHex } from '../bytes/hex.ts';
const commandToHex = (c: CommandApdu) => toHex(encodeCommand(c));
import { UNIONPAY_TACS } from './decisions.ts';

describe('PBOC data checks', () => {
  it('Luhn: ISO/IEC 7812-1 examples', () => {
    expect(luhnValid('79927398713')).toBe(true); // the classic example
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('6222021234567890120')).toBe(false);
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('12a4')).toBe(false);
  });
  it('PAN: 12 to 19 digits', () => {
    expect(panProblem('4111111111111111')).toBeUndefined();
    expect(en(panProblem('42'))).toMatch(/Luhn/); // Luhn-valid but 2 digits
    expect(en(panProblem('41111111111111110000'))).toMatch(/length/);
  });
  it('YYMMDD and date order', () => {
    expect(isYymmdd('261231')).toBe(true);
    expect(isYymmdd('261301')).toBe(false);
    expect(isYymmdd('260100')).toBe(false);
    expect(datesProblem(fromHex('200101'), fromHex('301231'))).toBeUndefined();
    expect(datesProblem(fromHex('301231'), fromHex('200101'))).toBeDefined();
    expect(datesProblem(fromHex('201301'), fromHex('301231'))).toBeDefined();
  });
  it('CVM list length', () => {
    expect(cvmListProblem(fromHex('00000000000000004103'))).toBeUndefined();
    expect(cvmListProblem(fromHex('0000000000000000'))).toBeDefined();
    expect(cvmListProblem(fromHex('000000000000000041'))).toBeDefined();
  });
  it('log entry 9F4D', () => {
    expect(logEntryProblem(fromHex('0B0A'))).toBeUndefined();
    expect(logEntryProblem(fromHex('0A0A'))).toBeDefined();
    expect(logEntryProblem(fromHex('1F0A'))).toBeDefined();
    expect(logEntryProblem(fromHex('0B00'))).toBeDefined();
    expect(en(logEntryProblem(undefined))).toBe('9F4D is absent');
    expect(renderDiagnosis(logEntryProblem(undefined) as Diagnosis, 'zh-CN')).toBe('没有日志入口 9F4D');
  });
  it('AIP against the ICS', () => {
    expect(aipOdaProblems(fromHex('7C00'), ['SDA', 'DDA'])).toEqual([]);
    expect(aipOdaProblems(fromHex('7D00'), ['SDA', 'DDA'])).toHaveLength(1);
    expect(en(aipOdaProblems(fromHex('0000'), ['CDA'])[0])).toMatch(/CDA bit clear/);
  });
  it('IAD and CVR', () => {
    const iad = fromHex('07010103A4A00201');
    expect(iadProblem(iad, '3DES')).toBeUndefined();
    expect(iadProblem(iad, 'SM4')).toBeDefined();
    expect(cvrHas(iad, CVR.OFFLINE_PIN_PERFORMED)).toBe(true);
    expect(cvrHas(fromHex('07010103A0A00201'), CVR.OFFLINE_PIN_PERFORMED)).toBe(false);
  });
  it('TVR CDA failed and the SM2 SSAD layout', () => {
    expect(cdaFailedProblem(fromHex('0000000000'))).toBeUndefined();
    expect(cdaFailedProblem(fromHex('0400000000'))).toBeDefined();
    expect(sm2SsadProblem(Uint8Array.of(0x13, ...new Uint8Array(66)))).toBeUndefined();
    expect(sm2SsadProblem(Uint8Array.of(0x03, ...new Uint8Array(66)))).toBeDefined();
  });
  it('log record split by 9F4F', () => {
    const fmt = parseDol(fromHex('9A039F21039F02069F3602'));
    const r = splitLogRecord(fmt, fromHex('261122' + '101010' + '000000001234' + '0085'));
    expect(r.values?.['9F02']).toEqual(fromHex('000000001234'));
    expect(r.values?.['9F36']).toEqual(fromHex('0085'));
    expect(en(splitLogRecord(fmt, fromHex('2611')).problem)).toMatch(/9F4F says 14/);
  });
  it('numeric data objects', () => {
    expect(numericValue('9F36', fromHex('0101'))).toBe(257);
    expect(numericValue('9F79', fromHex('000000010000'))).toBe(10000);
    expect(numericValue('9F79', fromHex('00000001000A'))).toBeUndefined();
  });
});

describe('PBOC command builders', () => {
  it('encode as JR/T 0025.5 annex B', () => {
    expect(commandToHex(getProcessingOptions(fromHex('1122')))).toBe('80A8000004830211220' + '0');
    expect(commandToHex(generateAc(0x80, new Uint8Array(29)))).toBe('80AE80001D' + '00'.repeat(29) + '00');
    expect(commandToHex(getData('9F36'))).toBe('80CA9F3600');
    expect(commandToHex(verifyOfflinePin(pinBlockFormat2('1234')))).toBe('00200080' + '08' + '241234FFFFFFFFFF');
    expect(SCRIPT_HEADER.putData('9F79')).toBe('04DA9F79');
  });
  it('UnionPay TACs', () => {
    expect(UNIONPAY_TACS.online).toEqual(fromHex('D84004F800'));
  });
});

describe('CVR against what the transaction did (JR/T 0025.5 A.1)', () => {
  const iad = (cvr: string) => fromHex(`070101${cvr}01`);
  it('byte 2 whole: cryptogram types, issuer authentication, offline PIN', () => {
    expect([...expectedCvr({ first: 'ARQC', verify: [] }).value]).toEqual([0x03, 0xa0, 0, 0]);
    expect(expectedCvr({ first: 'TC', verify: [0x9000] }).value[1]).toBe(0x94);
    expect(expectedCvr({ first: 'ARQC', second: 'AAC', verify: [], externalAuth: 0x6300 }).value[1]).toBe(0x28);
    expect(expectedCvr({ first: 'ARQC', second: 'TC', verify: [0x63c2, 0x9000], externalAuth: 0x9000 }).value[1]).toBe(0x64);
    // A malformed VERIFY is no PIN verification; a VERIFY past the limit is, and failed, and shows the PIN locked.
    expect(expectedCvr({ first: 'AAC', verify: [0x6a80] }).value[1]).toBe(0x80);
    const blocked = expectedCvr({ first: 'ARQC', verify: [0x6984] });
    expect([blocked.value[1], blocked.value[2], blocked.mask[2]]).toEqual([0xa6, 0x40, 0x40]);
  });
  it('judges only the fixed bits', () => {
    expect(cvrProblem(iad('03A0F0FF'), { first: 'ARQC', verify: [] })).toBeUndefined();
    expect(en(cvrProblem(iad('03A20000'), { first: 'ARQC', verify: [] }))).toContain('10100000');
    expect(cvrProblem(iad('03A00000'), { first: 'ARQC', verify: [], lastOnlineIssuerAuthFailed: true })).toBeDefined();
    expect(cvrProblem(iad('03A00800'), { first: 'ARQC', verify: [], lastOnlineIssuerAuthFailed: true })).toBeUndefined();
  });
  it('sets byte 2 b1 unable to go online after ARC Y3/Z3 (§16.7.2)', () => {
    expect(expectedCvr({ first: 'ARQC', second: 'TC', verify: [], unableOnline: true }).value[1]).toBe(0x61);
    expect(expectedCvr({ first: 'ARQC', second: 'TC', verify: [] }).value[1]).toBe(0x60);
  });
  it('fixes byte 4 b2 DDA performed only when the facts say (A.1, §9.4.4.1, §14.5.4)', () => {
    expect(cvrProblem(iad('03A000FD'), { first: 'ARQC', verify: [], ddaPerformed: false })).toBeUndefined();
    expect(cvrProblem(iad('03A00002'), { first: 'ARQC', verify: [], ddaPerformed: false })).toBeDefined();
    expect(cvrProblem(iad('03A00000'), { first: 'ARQC', verify: [], ddaPerformed: true })).toBeDefined();
    expect(cvrProblem(iad('03A00002'), { first: 'ARQC', verify: [], ddaPerformed: true })).toBeUndefined();
  });
});
