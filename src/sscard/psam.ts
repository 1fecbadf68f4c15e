/**
 * The terminal's side of the social security PSAM (社会保障卡规范 part 9 §7.4: DELIVERY SESSION KEY then
 * CIPHER DATA): authentication data for EXTERNAL AUTHENTICATE, the check of INTERNAL AUTHENTICATE, MACs
 * and enciphered PINs, for a card identified by its city code and ATR (three-level factors, part 9 §7.3).
 */
import type { CommandApdu } from '../apdu/command.ts';
import type { ResponseApdu } from '../apdu/response.ts';
import { SW } from '../apdu/sw.ts';
import { encodeGbk } from '../bytes/text.ts';
import { type SsAlgorithm, blockSize, encryptionInput, macFromCbc, macInput } from './crypto.ts';
import { psamCipherData, psamDeliverySessionKey, psamInitializeEnvironment, pinCn } from './commands.ts';
import { type CardIdentity, type KeyName, KEY_ID, cardFactors, psamUsage } from './keys.ts';
import { readBinarySfi, selectByName } from '../iso7816/commands.ts';
import { toHex } from '../bytes/hex.ts';
import { swHex } from '../apdu/response.ts';
import { type Diagnosis, dx, renderDiagnosis } from '../verdict/messages.ts';

/** Anything that exchanges APDUs: a CardSession, the World. */
export interface ApduPort {
  send(cmd: CommandApdu | Uint8Array): Promise<ResponseApdu>;
}

export class PsamError extends Error {
  override name = 'PsamError';
  readonly diagnosis?: Diagnosis;
  constructor(m: string | Diagnosis) {
    super(typeof m === 'string' ? m : renderDiagnosis(m, 'en'));
    if (typeof m !== 'string') this.diagnosis = m;
  }
}

/** DES environment "sx1.sh.社会保障" (part 9 §5); SM4 "sx3.sh.社会保障" (public terminal code). */
export const PSAM_ENVIRONMENT: Readonly<Record<SsAlgorithm, string>> = { '3DES': 'sx1.sh.社会保障', SM4: 'sx3.sh.社会保障' };

export class Psam {
  private alg: SsAlgorithm = '3DES';
  constructor(private readonly port: ApduPort) {}

  private async ok(cmd: CommandApdu, what: string | Diagnosis): Promise<Uint8Array> {
    const r = await this.port.send(cmd);
    if (r.sw !== SW.NO_ERROR) throw new PsamError(dx('psam.answered', { what, sw: swHex(r.sw) }));
    return r.data;
  }

  /** Select the environment of the card's algorithm and initialise it with the first byte of 卡的识别码. */
  async open(alg: SsAlgorithm, cardIdFirstByte: number): Promise<void> {
    this.alg = alg;
    await this.ok(selectByName(encodeGbk(PSAM_ENVIRONMENT[alg])), `SELECT ${PSAM_ENVIRONMENT[alg]}`);
    await this.ok(psamInitializeEnvironment(cardIdFirstByte), 'INITIALIZE ENVIRONMENT');
  }

  /** The process key of card key `name` (version) for `card`, from a random (DELIVERY SESSION KEY). */
  async deliver(name: KeyName, card: CardIdentity, random: Uint8Array, version = 1): Promise<void> {
    const m = blockSize(this.alg);
    const pf = new Uint8Array(m);
    pf.set(random.subarray(0, m));
    const kid = ((version - 1) << 4) | KEY_ID[name];
    await this.ok(psamDeliverySessionKey(psamUsage(name), kid, cardFactors(card), pf), `DELIVERY SESSION KEY ${name}`);
  }

  /** Authentication data of an 8-byte original (part 9 §9.4: SM4 encrypts orig ‖ 00×8 and XORs the halves). */
  async authData(original: Uint8Array): Promise<Uint8Array> {
    const m = blockSize(this.alg);
    const input = new Uint8Array(m);
    input.set(original);
    const e = await this.ok(psamCipherData(0x00, input), dx('psam.encrypt'));
    if (e.length !== m) throw new PsamError(dx('psam.cipherLength', { n: e.length, m }));
    return m === 8 ? e : e.subarray(0, 8).map((v, i) => v ^ (e[8 + i] as number));
  }

  /** The 4-byte MAC of a command (header, data) with the delivered key (part 4 §8.2.4). */
  async commandMac(header: readonly number[], data: Uint8Array): Promise<Uint8Array> {
    const m = blockSize(this.alg);
    const last = await this.ok(psamCipherData(0x05, Uint8Array.from([...new Uint8Array(m), ...macInput(this.alg, header, data)])), 'CIPHER DATA (MAC)');
    return macFromCbc(this.alg, last);
  }

  /** A PIN enciphered for 84 24 (LD ‖ PIN, part 4 §8.3). */
  async encryptPin(pin: string): Promise<Uint8Array> {
    return this.ok(psamCipherData(0x00, encryptionInput(this.alg, pinCn(pin))), dx('psam.encryptPin'));
  }

  /** 终端机编号: EF0016 of the PSAM, cn 6 (part 9 §5.3). */
  async terminalNumber(): Promise<string> {
    const d = await this.ok(readBinarySfi(0x16, 0, 6), 'READ BINARY EF0016');
    return toHex(d).replace(/F+$/, '');
  }

  get algorithm(): SsAlgorithm {
    return this.alg;
  }
}
