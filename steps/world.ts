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
import { PartyTrace } from '../src/trace/trace.ts';
import { psamCommandName } from '../src/apdu/names.ts';
import { PbocUnderTest } from '../src/pboc/under-test.ts';
import type { CardManagement, PersonalisationStep } from '../src/personalisation/management.ts';
import type { AccountSnapshot, LoadRun, MedicalTerminal, PurchaseRun } from '../src/medical/terminal.ts';
import type { PurchaseAmounts } from '../src/medical/crypto.ts';
import type { SsTerminal } from '../src/sscard/terminal.ts';
import type { TerminalHarness } from '../src/terminal/harness.ts';
import type { TerminalOutcome } from '../src/protocol/terminal.ts';

/** What the ISO/IEC 7816-4 steps note for a later step (features/iso7816, common steps). */
export interface IsoNotes {
  /** EF content and size read by READ BINARY. */
  content?: Uint8Array;
  size?: number;
  /** Records read, by record number, and how many a scenario read. */
  records: Map<number, Uint8Array>;
  recordsRead?: number;
  challenges: ResponseApdu[];
  /** x of 63Cx (PIN tries left). */
  triesLeft?: number;
  fciName?: Uint8Array;
  /** SW2 of 6Cxx (exact length) and 61xx (bytes available). */
  exactLength?: number;
  availableLength?: number;
}

/** The SSSE session of a scenario (features/sscard): the terminal with its PSAM and what it read and wrote. */
export interface SsNotes {
  terminal?: SsTerminal;
  /** Data items read from the SSSE EFs, by tag. */
  items?: Map<number, Uint8Array>;
  internalAuthentications: Array<Awaited<ReturnType<SsTerminal['internalAuthenticate']>>>;
  original?: Uint8Array;
  written?: Uint8Array;
  writtenRecord?: Uint8Array;
  writtenEf07?: Uint8Array;
  originalEf07?: Uint8Array;
  originalRecord?: Uint8Array;
  cardBasic?: Awaited<ReturnType<SsTerminal['readCardBas']>>;
}

/** The medical insurance account under test (features/medical). */
export interface MedicalNotes {
  terminal?: MedicalTerminal;
  noted?: AccountSnapshot;
  purchase?: { run: PurchaseRun; amounts: PurchaseAmounts };
  previousPurchase?: { run: PurchaseRun; amounts: PurchaseAmounts };
  load?: { run: LoadRun; amount: number };
}

/** The card level (features/dual-app): card management and what it wrote. */
export interface CardLevelNotes {
  management?: CardManagement;
  pseSfi?: number;
  pseRecord?: Uint8Array;
  newMasterKey?: Uint8Array;
  loadedKeys: Map<number, Uint8Array>;
  /** Keys the card master key loaded into the MF in this scenario. */
  mfKeysLoaded?: number;
  personalisation?: PersonalisationStep[];
}

/** The terminal slot (features/terminal): the harness that plays the card, and the terminal's outcome. */
export interface TerminalSlotNotes {
  harness?: TerminalHarness;
  outcome?: TerminalOutcome;
  params?: Record<string, number | string>;
  tvrs?: Uint8Array[];
  /** The unpredictable number 9F37 of each purchase's first GENERATE AC (absent: the CDOL1 names none). */
  unpredictables?: (Uint8Array | undefined)[];
}

export interface WorldParameters {
  profile: Profile;
  /** The run the scenario belongs to: its simulated card is shared by the run's scenarios. */
  runKey?: string;
  /** The areas the run was cut to (--area); all when absent. */
  areas?: string[];
  /** false: attach no APDU traces (a run whose messages only give verdicts: the defect proof, runInMemory). */
  traces?: boolean;
}

export class CardWorld extends World<WorldParameters> {
  channel: CardChannel | undefined;
  session: CardSession | undefined;
  /** Responses in the order received; the last one is what Then steps judge. */
  readonly responses: ResponseApdu[] = [];
  /** What the steps of each area note for a later step, typed (no string-keyed memory). */
  readonly iso: IsoNotes = { records: new Map(), challenges: [] };
  readonly ss: SsNotes = { internalAuthentications: [] };
  readonly med: MedicalNotes = {};
  readonly cardLevel: CardLevelNotes = { loadedKeys: new Map() };
  readonly slot: TerminalSlotNotes = {};
  readonly objects: TestObjects;
  /** The persistent state of a shared simulated card when the scenario began (steps/hooks.ts). */
  nvmBefore: NvmSnapshot | undefined;
  /** That card (a step may swap the channel for another card: the check stays on the shared one). */
  nvmCard: SimCard | undefined;

  private pbocState: PbocUnderTest | undefined;

  constructor(options: IWorldOptions<WorldParameters>) {
    super(options);
    this.objects = testObjects(this.parameters.profile);
  }

  get profile(): Profile {
    return this.parameters.profile;
  }

  /**
   * A session with the scenario's PSAM (the terminal's secure access module): its exchanges go into the
   * card's APDU trace marked party PSAM, so that the report shows them under the step that sent them.
   */
  psamSession(psam: CardChannel): CardSession {
    return new CardSession(psam, new PartyTrace(() => this.session?.trace, 'PSAM', psamCommandName));
  }

  /** The PBOC transaction under test (src/pboc/under-test.ts): kernel, cryptograms, what the steps noted. */
  get pboc(): PbocUnderTest {
    this.pbocState ??= new PbocUnderTest((apdu) => this.send(apdu));
    return this.pbocState;
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
}

setWorldConstructor(CardWorld);
