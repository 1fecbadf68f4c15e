/**
 * The reference social security terminal (社会保障卡规范 part 7; LD/T 33 reader functions as in
 * spec-notes §5): select the SSSE, take the algorithm from the FCI, check the card with INTERNAL
 * AUTHENTICATE (IRK), authenticate to the card through the PSAM (EXTERNAL AUTHENTICATE with RK, UK,
 * PUK), read EF05/EF06 (iReadCardBas), verify, change and reload the PIN, write with a MAC.
 * Each step returns the card's response; the scenarios judge it. The flows throw NonConformance when
 * the card's answer makes the next step impossible, naming what was wrong.
 */
import { randomBytes } from 'node:crypto';
import type { CommandApdu } from '../apdu/command.ts';
import type { ResponseApdu } from '../apdu/response.ts';
import { swHex } from '../apdu/response.ts';
import { SW } from '../apdu/sw.ts';
import { decodeCn } from '../bytes/bcd.ts';
import { equal, toHex } from '../bytes/hex.ts';
import { decodeAn, encodeGbk } from '../bytes/text.ts';
import * as iso from '../iso7816/commands.ts';
import { type Fci, parseFci } from '../iso7816/fci.ts';
import { parseAtr } from '../iso7816/atr.ts';
import { type SsAlgorithm, algorithmOfId, blockSize } from './crypto.ts';
import { SS_INS, changePin, externalAuthenticate, internalAuthenticate, pinCn, withMac } from './commands.ts';
import { type CardIdentity, type KeyName, type Level2Factor, KEY_ID } from './keys.ts';
import { type Tlv, TlvError, findTlv, parseTlv } from '../tlv/ber.ts';
import { NonConformance } from '../verdict/errors.ts';
import { type Diagnosis, dx } from '../verdict/messages.ts';
import { type ApduPort, Psam } from './psam.ts';

export const SSSE_DF_NAME = 'sx1.sh.社会保障';
export const SFI = { EF05: 0x05, EF06: 0x06, EF07: 0x07 } as const;

export interface SsseFci {
  dfName: Uint8Array;
  /** 86 inside 9F0C inside A5, when present. */
  algorithmId?: number;
}

/** The SSSE FCI (part 5 table 36): 6F { 84 name, A5 { [88 SFI] [9F0C { 86 algorithm id }] } }. */
export function parseSsseFci(data: Uint8Array): SsseFci {
  let fci: Fci;
  try {
    fci = parseFci(data);
  } catch (e) {
    if (e instanceof TlvError) throw new NonConformance(dx('ssterm.fciNotTlv', { detail: e.diagnosis, data: toHex(data) }));
    throw e;
  }
  if (!fci.template?.children) throw new NonConformance(dx('ssterm.fciNo6F', { data: toHex(data) }));
  if (!fci.dfName) throw new NonConformance(dx('ssterm.fciNo84', { data: toHex(data) }));
  const dd = fci.ssseDiscretionary;
  let algorithmId: number | undefined;
  if (dd) {
    let inner: Tlv[];
    try {
      inner = parseTlv(dd.value);
    } catch {
      throw new NonConformance(dx('ssterm.9F0CNotTlv', { data: toHex(dd.value) }));
    }
    const t86 = findTlv(inner, '86');
    if (!t86 || t86.value.length !== 1) throw new NonConformance(dx('ssterm.9F0CNo86', { data: toHex(dd.value) }));
    algorithmId = t86.value[0];
  }
  return { dfName: fci.dfName, ...(algorithmId === undefined ? {} : { algorithmId }) };
}

/** What iReadCardBas returns (LD/T 33 §1.1, spec-notes §5), fields in order. */
export interface CardBasic {
  regionCode: string;
  socialSecurityNumber: string;
  cardNumber: string;
  cardIdentifier: string;
  name: string;
  historical: string;
  version: string;
  issueDate: string;
  expiryDate: string;
  terminalNumber: string;
}

function cnText(v: Uint8Array, what: string): string {
  try {
    return decodeCn(v);
  } catch {
    throw new NonConformance(dx('ssterm.notCn', { what, hex: toHex(v) }));
  }
}

export class SsTerminal {
  algorithm: SsAlgorithm = '3DES';
  fci: SsseFci | undefined;
  identity: CardIdentity | undefined;
  cardId: Uint8Array | undefined;
  /** The level-2 diversification factor rule of the product (profile keys.sscardLevel2Factor, part 9 §7.3.2 by default). */
  level2Factor: Level2Factor = 'part9';
  readonly psam: Psam;

  constructor(
    private readonly card: ApduPort,
    psamPort: ApduPort,
    private readonly atr: Uint8Array,
    private readonly random: (n: number) => Uint8Array = (n) => new Uint8Array(randomBytes(n)),
  ) {
    this.psam = new Psam(psamPort);
  }

  send(cmd: CommandApdu): Promise<ResponseApdu> {
    return this.card.send(cmd);
  }

  private must(r: ResponseApdu, what: string | Diagnosis): ResponseApdu {
    if (r.sw !== SW.NO_ERROR) throw new NonConformance(dx('cmd.answered', { command: what, sw: swHex(r.sw) }));
    return r;
  }

  /** Step 1.2–1.3 (part 7 §5.2–5.3): SELECT SSSE, algorithm from the FCI, default DES without one. */
  async selectSsse(): Promise<ResponseApdu> {
    const r = this.must(await this.send(iso.selectByName(encodeGbk(SSSE_DF_NAME))), 'SELECT SSSE');
    this.fci = parseSsseFci(r.data);
    const id = this.fci.algorithmId;
    if (id !== undefined) {
      const alg = algorithmOfId(id);
      if (!alg) throw new NonConformance(dx('ssterm.algorithm', { id: toHex(Uint8Array.of(id)) }));
      this.algorithm = alg;
    } else this.algorithm = '3DES';
    return r;
  }

  /** READ RECORD of the record with identifier `tag` in the EF with `sfi` (P2 mode 000). */
  readItem(sfi: number, tag: number): Promise<ResponseApdu> {
    return this.send(iso.readRecord(tag, sfi, iso.RECORD_MODE.FIRST_ID, 256));
  }

  /** The value of record `tag`, checking it is a SIMPLE-TLV object with that tag. */
  async item(sfi: number, tag: number): Promise<Uint8Array> {
    const r = this.must(await this.readItem(sfi, tag), dx('ssterm.readItem', { tag: toHex(Uint8Array.of(tag)) }));
    const d = r.data;
    if (d.length < 2 || d[0] !== tag || (d[1] as number) + 2 !== d.length)
      throw new NonConformance(dx('ssterm.recordNotItem', { tag: toHex(Uint8Array.of(tag)), data: toHex(d) }));
    return d.subarray(2);
  }

  /** Read 卡的识别码 and open the PSAM environment of the card's algorithm (part 7 §5.3; part 9 §7.3). */
  async identify(): Promise<CardIdentity> {
    if (!this.fci) await this.selectSsse();
    const id = await this.item(SFI.EF05, 0x01);
    if (id.length !== 16) throw new NonConformance(dx('item.cardIdLength', { n: id.length }));
    this.cardId = id;
    const historical = parseAtr(this.atr).historical;
    this.identity = { cityCode: toHex(id.subarray(0, 3)), historical, level2Factor: this.level2Factor };
    await this.psam.open(this.algorithm, id[0] as number);
    return this.identity;
  }

  private async ready(): Promise<CardIdentity> {
    return this.identity ?? this.identify();
  }

  /** Part 7 §5.4: INTERNAL AUTHENTICATE with two terminal randoms; the PSAM computes what IRK must give. */
  async internalAuthenticate(version?: number): Promise<{ response: ResponseApdu; expected: Uint8Array; valid: boolean }> {
    const id = await this.ready();
    const r1 = this.random(8);
    const r2 = this.random(8);
    const response = await this.send(internalAuthenticate(r1, r2, version));
    await this.psam.deliver('IRK', id, r1, version ?? 1);
    const expected = await this.psam.authData(r2);
    return { response, expected, valid: response.sw === SW.NO_ERROR && equal(response.data, expected) };
  }

  /** GET CHALLENGE of 8 bytes (the process factor of external authentication and MACs). */
  async challenge(): Promise<Uint8Array> {
    const r = this.must(await this.send(iso.getChallenge(8)), 'GET CHALLENGE');
    if (r.data.length !== 8) throw new NonConformance(dx('ssterm.challenge', { n: r.data.length }));
    return r.data;
  }

  /** The EXTERNAL AUTHENTICATE command for key `name` on a card random, computed by the PSAM (part 7 §6.2–6.5). */
  async externalAuthCommand(name: KeyName, random: Uint8Array, options: { version?: number; corrupt?: boolean } = {}): Promise<CommandApdu> {
    const id = await this.ready();
    const original = this.random(8);
    await this.psam.deliver(name, id, random, options.version ?? 1);
    const auth = await this.psam.authData(original);
    if (options.corrupt) auth[0] = (auth[0] as number) ^ 0x01;
    return externalAuthenticate(KEY_ID[name], auth, original, options.version);
  }

  /** GET CHALLENGE then EXTERNAL AUTHENTICATE with key `name`. */
  async externalAuthenticate(name: KeyName, options: { version?: number; corrupt?: boolean } = {}): Promise<ResponseApdu> {
    await this.ready();
    const random = await this.challenge();
    return this.send(await this.externalAuthCommand(name, random, options));
  }

  /** A command with secure messaging: GET CHALLENGE, MAC under the session key of `name`, CLA with SM. */
  async macCommand(
    name: KeyName,
    cla: number,
    ins: number,
    p1: number,
    p2: number,
    data: Uint8Array,
    options: { corrupt?: boolean; encryptPin?: string } = {},
  ): Promise<CommandApdu> {
    const id = await this.ready();
    const random = await this.challenge();
    await this.psam.deliver(name, id, random);
    const body = options.encryptPin !== undefined ? await this.psam.encryptPin(options.encryptPin) : data;
    const mac = await this.psam.commandMac([cla, ins, p1, p2], body);
    if (options.corrupt) mac[0] = (mac[0] as number) ^ 0x01;
    return withMac(cla, ins, p1, p2, body, mac);
  }

  /** UPDATE RECORD by identifier with a MAC (CLA 04) under the file's update key (part 4 §8.2). */
  async writeRecordWithMac(name: KeyName, sfi: number, record: Uint8Array, options: { corrupt?: boolean } = {}): Promise<ResponseApdu> {
    return this.send(await this.macCommand(name, 0x04, SS_INS.UPDATE_RECORD, record[0] as number, sfi << 3, record, options));
  }

  verifyPin(pin?: string): Promise<ResponseApdu> {
    return this.send(iso.verify(0x00, pin === undefined ? undefined : pinCn(pin)));
  }

  changePin(oldPin: string, newPin: string): Promise<ResponseApdu> {
    return this.send(changePin(oldPin, newPin));
  }

  /** PIN UNBLOCK (84 24 00 00): PUK authentication, then the MAC under STK (part 5 §6.8). */
  async unblockPin(options: { corrupt?: boolean; skipPuk?: boolean } = {}): Promise<ResponseApdu> {
    if (!options.skipPuk) this.must(await this.externalAuthenticate('PUK'), dx('ssterm.externalWith', { key: 'PUK' }));
    return this.send(await this.macCommand('STK', 0x84, SS_INS.PIN_CHANGE_UNBLOCK, 0x00, 0x00, new Uint8Array(0), options));
  }

  /** PIN RELOAD (84 24 00 01): PUK authentication, the new PIN enciphered and MACed under STK. */
  async reloadPin(newPin: string, options: { corrupt?: boolean; skipPuk?: boolean } = {}): Promise<ResponseApdu> {
    if (!options.skipPuk) this.must(await this.externalAuthenticate('PUK'), dx('ssterm.externalWith', { key: 'PUK' }));
    return this.send(await this.macCommand('STK', 0x84, SS_INS.PIN_CHANGE_UNBLOCK, 0x00, 0x01, new Uint8Array(0), { ...options, encryptPin: newPin }));
  }

  async applicationBlock(options: { corrupt?: boolean } = {}): Promise<ResponseApdu> {
    return this.send(await this.macCommand('STK', 0x84, SS_INS.APPLICATION_BLOCK, 0x00, 0x01, new Uint8Array(0), options));
  }

  async cardBlock(options: { corrupt?: boolean } = {}): Promise<ResponseApdu> {
    return this.send(await this.macCommand('BK', 0x84, SS_INS.CARD_BLOCK, 0x00, 0x00, new Uint8Array(0), options));
  }

  /**
   * iReadCardBas (LD/T 33 §1.1): select SSSE, algorithm, IRK internal authentication, on 3.0 external
   * authentication with RK SSSE, then EF05 01 03 05 06 07 and EF06 08 09 (+4E).
   */
  async readCardBas(
    terminalNumber: string,
    o: { skipInternalAuthentication?: boolean; ignoreInternalAuthenticationResult?: boolean; skipReadKeyOn30?: boolean; nameWithoutExtension?: boolean } = {},
  ): Promise<CardBasic> {
    await this.selectSsse();
    await this.identify();
    const version = decodeAn(await this.item(SFI.EF05, 0x03));
    if (!o.skipInternalAuthentication) {
      const ia = await this.internalAuthenticate();
      if (!ia.valid && !o.ignoreInternalAuthenticationResult)
        throw new NonConformance(dx('ssterm.internalAuth', { data: toHex(ia.response.data), sw: swHex(ia.response.sw), expected: toHex(ia.expected) }));
    }
    const v3 = version.startsWith('3.');
    if (v3 && !o.skipReadKeyOn30) this.must(await this.externalAuthenticate('RK'), dx('ssterm.externalWith', { key: 'RK SSSE' }));
    const cardId = this.cardId as Uint8Array;
    const withExtension = !(version.startsWith('1.') || version === '' || o.nameWithoutExtension);
    const name = decodeAn(await this.item(SFI.EF06, 0x09)) + (withExtension ? decodeAn(await this.item(SFI.EF06, 0x4e)) : '');
    return {
      regionCode: toHex(cardId.subarray(0, 3)),
      socialSecurityNumber: decodeAn(await this.item(SFI.EF06, 0x08)),
      cardNumber: decodeAn(await this.item(SFI.EF05, 0x07)).slice(0, 9),
      cardIdentifier: toHex(cardId),
      name,
      historical: toHex(parseAtr(this.atr).historical),
      version,
      issueDate: cnText(await this.item(SFI.EF05, 0x05), '发卡日期'),
      expiryDate: cnText(await this.item(SFI.EF05, 0x06), '卡有效期'),
      terminalNumber,
    };
  }

  /** Random bytes of the terminal (test data for records). */
  psamRandom(n: number): Uint8Array {
    return this.random(n);
  }

  get blockSize(): number {
    return blockSize(this.algorithm);
  }
}
