/** The World of a scenario: one CardChannel, one session (T=0 layer + APDU trace), the last response. */
import { World, type IWorldOptions, setWorldConstructor } from '@cucumber/cucumber';
import type { CommandApdu } from '../src/apdu/command.ts';
import type { ResponseApdu } from '../src/apdu/response.ts';
import { fromHex } from '../src/bytes/hex.ts';
import type { Profile, TestObjects } from '../src/profile/profile.ts';
import { testObjects } from '../src/profile/profile.ts';
import type { CardChannel } from '../src/apdu/channel.ts';
import type { NvmSnapshot } from '../card-sim/index.ts';
import type { SimCard } from '../card-sim/index.ts';
import { CardSession, type SendOptions } from '../src/apdu/session.ts';

export interface WorldParameters {
  profile: Profile;
  /** The run the scenario belongs to: its simulated card is shared by the run's scenarios. */
  runKey?: string;
  /** The areas the run was cut to (--area); all when absent. */
  areas?: string[];
}

export class CardWorld extends World<WorldParameters> {
  channel: CardChannel | undefined;
  session: CardSession | undefined;
  /** Responses in the order received; the last one is what Then steps judge. */
  readonly responses: ResponseApdu[] = [];
  /** Values a step remembers for a later one (a record, a random, a size). */
  readonly memory = new Map<string, unknown>();
  readonly objects: TestObjects;
  /** The persistent state of a shared simulated card when the scenario began (steps/hooks.ts). */
  nvmBefore: NvmSnapshot | undefined;
  /** That card (a step may swap the channel for another card: the check stays on the shared one). */
  nvmCard: SimCard | undefined;

  constructor(options: IWorldOptions<WorldParameters>) {
    super(options);
    this.objects = testObjects(this.parameters.profile);
  }

  get profile(): Profile {
    return this.parameters.profile;
  }

  get card(): CardSession {
    if (!this.session) throw new Error('no card session: the Before hook did not open the channel');
    return this.session;
  }

  async send(cmd: CommandApdu | Uint8Array | string, options: SendOptions = {}): Promise<ResponseApdu> {
    const r = await this.card.send(typeof cmd === 'string' ? fromHex(cmd) : cmd, options);
    this.responses.push(r);
    return r;
  }

  get last(): ResponseApdu {
    const r = this.responses[this.responses.length - 1];
    if (!r) throw new Error('no response yet: a Then step came before any command');
    return r;
  }

  remember<T>(key: string, value: T): T {
    this.memory.set(key, value);
    return value;
  }

  recall<T>(key: string): T {
    if (!this.memory.has(key)) throw new Error(`nothing remembered as "${key}": a Given step is missing`);
    return this.memory.get(key) as T;
  }
}

setWorldConstructor(CardWorld);
