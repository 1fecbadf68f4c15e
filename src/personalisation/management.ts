/**
 * The issuer's side of card management: authenticate a master key, create an environment, load or
 * replace keys (社会保障卡规范 part 10 §5.2; part 4 §5.2–5.4). Used by the personalisation flow and by
 * the dual-application scenarios; the card's answers are returned, not judged.
 */
import type { CommandApdu } from '../apdu/command.ts';
import type { ResponseApdu } from '../apdu/response.ts';
import { SW } from '../apdu/sw.ts';
import { encodeGbk } from '../bytes/text.ts';
import * as iso from '../iso7816/commands.ts';
import type { SsAlgorithm } from '../sscard/crypto.ts';
import { NonConformance } from '../verdict/errors.ts';
import { dx } from '../verdict/messages.ts';
import { swHex } from '../apdu/response.ts';
import { WRITE_KEY_P1, createDf, masterKeyAuthentication, writeKey } from './commands.ts';
import { MASTER_KEY_ID, type MasterKeyName, masterKey } from './keys.ts';

/** DF names of the two environments (part 4 figure 1): SSSE in GBK, PSE in ASCII. */
export const ENVIRONMENT_NAMES = { ssse: encodeGbk('sx1.sh.社会保障'), pse: Uint8Array.from(Buffer.from('1PAY.SYS.DDF01', 'ascii')) } as const;

export type Environment = keyof typeof ENVIRONMENT_NAMES;

export type Send = (cmd: CommandApdu) => Promise<ResponseApdu>;

export interface ManagementOptions {
  algorithm?: SsAlgorithm;
  /** Master keys other than the project's test values (profile keys.masterKeys). */
  keys?: Partial<Record<MasterKeyName, string>>;
}

/** The try limit of a key this terminal writes unless told otherwise (WRITE KEY's key record). */
export const WRITTEN_KEY_TRY_LIMIT = 15;

export class CardManagement {
  readonly algorithm: SsAlgorithm;
  private counter = 0;

  constructor(
    private readonly send: Send,
    private readonly o: ManagementOptions = {},
  ) {
    this.algorithm = o.algorithm ?? '3DES';
  }

  key(name: MasterKeyName): Uint8Array {
    return masterKey(name, this.o.keys);
  }

  /** A fresh test key value distinct from every master key (for replacement scenarios). */
  newKey(): Uint8Array {
    this.counter++;
    return Uint8Array.from({ length: 16 }, (_, i) => (0x20 + i * 7 + this.counter * 13) & 0xff);
  }

  /** The terminal's 8-byte original for EXTERNAL AUTHENTICATE (fixed test values: the card's challenge makes it fresh). */
  private original(): Uint8Array {
    this.counter++;
    return Uint8Array.from({ length: 8 }, (_, i) => (0xa0 + i + this.counter) & 0xff);
  }

  async challenge(): Promise<Uint8Array> {
    const r = await this.send(iso.getChallenge(8));
    if (r.sw !== SW.NO_ERROR || r.data.length !== 8) throw new NonConformance(dx('perso.challenge', { sw: swHex(r.sw), n: r.data.length }));
    return r.data;
  }

  async selectMf(): Promise<ResponseApdu> {
    return this.send(iso.selectByFid(0x3f00));
  }

  async selectEnvironment(env: Environment): Promise<ResponseApdu> {
    return this.send(iso.selectByName(ENVIRONMENT_NAMES[env]));
  }

  /** GET CHALLENGE, then EXTERNAL AUTHENTICATE with `key` as the current DF's master key. */
  async authenticate(key: Uint8Array): Promise<ResponseApdu> {
    const challenge = await this.challenge();
    return this.send(masterKeyAuthentication(this.algorithm, key, challenge, this.original()));
  }

  /** GET CHALLENGE, then WRITE KEY of key `id` in the current DF under `authority`. */
  async writeKey(
    authority: Uint8Array,
    p1: number,
    id: number,
    value: Uint8Array,
    o: { version?: number; tryLimit?: number; blockId?: number } = {},
  ): Promise<ResponseApdu> {
    const challenge = await this.challenge();
    const k = { id: o.blockId ?? id, version: o.version ?? 1, tryLimit: o.tryLimit ?? WRITTEN_KEY_TRY_LIMIT, key: value };
    return this.send(writeKey(this.algorithm, authority, challenge, p1, k, id));
  }

  /** Replace the current DF's master key. */
  replaceMasterKey(authority: Uint8Array, value: Uint8Array): Promise<ResponseApdu> {
    return this.writeKey(authority, WRITE_KEY_P1.REPLACE, MASTER_KEY_ID, value);
  }

  /** Load the master key of the current (new) environment. */
  loadMasterKey(authority: Uint8Array, value: Uint8Array): Promise<ResponseApdu> {
    return this.writeKey(authority, WRITE_KEY_P1.LOAD, MASTER_KEY_ID, value);
  }

  createDf(name: Uint8Array, fid?: number): Promise<ResponseApdu> {
    return this.send(createDf(name, fid));
  }
}

export interface PersonalisationStep {
  step: string;
  response: ResponseApdu;
}

/**
 * Pre-personalisation of a blank card in the order of part 10 §5.2 and the 总体方案 (人社 first, then
 * the bank): authenticate the transport key, replace it with the card master key, create the SSSE and
 * load its master key, create the PSE and load its master key. Every answer is returned; the flow goes
 * on after a refusal so that the caller sees all of them.
 */
export async function personalise(m: CardManagement): Promise<PersonalisationStep[]> {
  const out: PersonalisationStep[] = [];
  const run = async (step: string, f: () => Promise<ResponseApdu>) => out.push({ step, response: await f() });
  await run('SELECT MF', () => m.selectMf());
  await run('EXTERNAL AUTHENTICATE with the transport key', () => m.authenticate(m.key('transport')));
  await run('WRITE KEY: the card master key replaces the transport key', () => m.replaceMasterKey(m.key('transport'), m.key('card')));
  for (const env of ['ssse', 'pse'] as const) {
    await run('SELECT MF', () => m.selectMf());
    await run('EXTERNAL AUTHENTICATE with the card master key', () => m.authenticate(m.key('card')));
    await run(`CREATE FILE: the ${env.toUpperCase()} DDF`, () => m.createDf(ENVIRONMENT_NAMES[env]));
    await run(`SELECT the ${env.toUpperCase()}`, () => m.selectEnvironment(env));
    await run(`WRITE KEY: the ${env.toUpperCase()} master key, under the card master key`, () => m.loadMasterKey(m.key('card'), m.key(env)));
  }
  return out;
}

/** GET CHALLENGE, then EXTERNAL AUTHENTICATE with key `id` of value `key` (part 5 §6.4 coding). */
export async function authenticateKey(m: CardManagement, send: Send, id: number, key: Uint8Array): Promise<ResponseApdu> {
  const challenge = await m.challenge();
  const cmd = masterKeyAuthentication(m.algorithm, key, challenge, Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
  return send({ ...cmd, p2: id });
}
