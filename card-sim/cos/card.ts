/**
 * The simulated card: createCard(image, { seed, defects }). transmit() is synchronous, deterministic
 * for a seed, and never throws: every malformed command gets the status word ISO/IEC 7816-4 prescribes.
 *
 * Order of checks (ISO/IEC 7816-4 §5.1.1, §5.6): length fields (6700), class (6E00 / 6881 for logical
 * channels), instruction (6D00), then the command's own parameter, length and security checks.
 * Output stage (ISO/IEC 7816-3 §12.2): over T=0 a command with data that yields data answers 61xx,
 * and a case-2 command with Le other than the length available answers 6Cxx.
 */
import { type CommandApdu, ApduFormatError, parseCommand } from '../../src/apdu/command.ts';
import { encodeResponse } from '../../src/apdu/response.ts';
import { SW } from '../../src/apdu/sw.ts';
import { type ResetKind, answerToReset } from './atr.ts';
import type { CardRules } from './rules.ts';
import type { Protocol } from '../../src/apdu/channel.ts';
import { type DefectId, cardFaults, checkDefects } from '../defects/catalogue.ts';
import { APPLICATIONS, materialiseNvm } from '../apps/index.ts';
import type { CardApplication, CommandSpec } from './application.ts';
import { CardContext, type Reply, SeededRandom } from './context.ts';
import { type DfNode, buildTree } from './files.ts';
import type { CardImage } from './image.ts';
import { readBinary, readRecord } from './commands/read.ts';
import { type NvmFile, type NvmSnapshot, exportNvm, importNvm, nvmSnapshot } from './snapshot.ts';
import { select } from './commands/select.ts';
import { getChallenge, getResponse, verify } from './commands/security.ts';
import { type CommandWrites, NvmLayer, PowerCut } from './nvm.ts';

export interface CardOptions {
  seed?: string;
  defects?: readonly DefectId[];
  /** The persistent state to start from (a card kept between runs, `--state FILE`). */
  nvm?: NvmFile;
  /** Told of every exception the card turned into 6F00: a bug in card-sim (the fuzzer reports them). */
  onInternalError?: (error: unknown) => void;
}

export interface SimCard {
  readonly image: CardImage;
  readonly atr: Uint8Array;
  readonly protocol: Protocol;
  readonly defects: readonly DefectId[];
  transmit(command: Uint8Array): Uint8Array;
  /** Cold (default) or warm reset: volatile state (selection, security status, pending response) is lost; the ATR of that reset. */
  reset(kind?: ResetKind): Uint8Array;
  /** The spec rules as the defects on leave them (the T=1 block layer reads its own, card-sim/cos/t1.ts). */
  readonly rules: CardRules;
  /** The persistent state (files, PINs, application NVM), for before/after comparison. */
  nvm(): NvmSnapshot;
  /** The persistent state as a file, to keep the card between runs. */
  saveNvm(): NvmFile;
  /** Put the persistent state back to `file` (a tearing sweep's start; simulator only). */
  loadNvm(file: NvmFile): void;
  /**
   * Tear: cut power after the k-th NVM write of the next command (LD/T 6001.2 防拔). The card then
   * answers nothing (an empty response) until the next reset, which runs the COS's recovery.
   */
  tearAfter(k: number): void;
  /** The NVM writes of the last command, and whether a tear cut it. */
  lastWrites(): CommandWrites;
}

/** Inter-industry commands with CLA 00 (ISO/IEC 7816-4 table 4), reachable everywhere. */
const INTERINDUSTRY: readonly CommandSpec[] = [
  { ins: 0xa4, classes: [0x00], handler: select },
  { ins: 0xb0, classes: [0x00], handler: readBinary },
  { ins: 0xb2, classes: [0x00], handler: readRecord },
  { ins: 0x84, classes: [0x00], handler: getChallenge },
  { ins: 0x20, classes: [0x00], handler: verify },
  { ins: 0xc0, classes: [0x00], handler: getResponse },
];

/** Commands reachable from the current DF: its applications' (innermost first), then the inter-industry ones. */
function reachable(card: CardContext, apps: Readonly<Record<string, CardApplication>>, interindustry: readonly CommandSpec[]): CommandSpec[] {
  const out: CommandSpec[] = [];
  for (let d: DfNode | undefined = card.currentDf; d; d = d.parent) {
    const app = d.app ? apps[d.app] : undefined;
    if (app) out.push(...app.commands);
  }
  return [...out, ...interindustry];
}

export function createCard(image: CardImage, options: CardOptions = {}): SimCard {
  const prepared = prepare(image, options.defects ?? []);
  return observed(build(image, options, prepared), image, options, prepared.defects);
}

/** What a card observer is told of each card made: its image, options and the defect switches it asks. */
export interface CardMade {
  image: CardImage;
  options: CardOptions;
  /** The Set whose `has(id)` every defect switch of this card asks (card-sim/defects/kinds.ts faultsOf). */
  switches: ReadonlySet<DefectId>;
}

/** Sees every card made and may stand in front of it (the defect proof's recorder, src/run/card-replay.ts). */
export type CardObserver = (card: SimCard, made: CardMade) => SimCard;

let observer: CardObserver | undefined;

/** Watch every card createCard and cardMaker make from now on (undefined: stop). */
export function observeCards(next: CardObserver | undefined): void {
  observer = next;
}

function observed(card: SimCard, image: CardImage, options: CardOptions, switches: ReadonlySet<DefectId>): SimCard {
  return observer ? observer(card, { image, options, switches }) : card;
}

/**
 * Fresh cards of one image with one set of defects, for many cards in a row (the fuzzer: a card per
 * input): the defects' faults, wrapped handlers and personalised image are made once; each card is what
 * createCard makes, with its own tree, NVM, random generator and state.
 */
export function cardMaker(image: CardImage, defects: readonly DefectId[] = []): (options?: Omit<CardOptions, 'defects'>) => SimCard {
  const prepared = prepare(image, defects);
  return (options = {}) => observed(build(image, options, prepared), image, options, prepared.defects);
}

type Prepared = ReturnType<typeof prepare>;

/** What a card derives from its image and defects alone. */
function prepare(image: CardImage, ids: readonly DefectId[]) {
  const defects = new Set(checkDefects(ids));
  // The defects switched on: spec rules overridden, the image as personalised, handlers wrapped (card-sim/defects/kinds.ts).
  const faults = cardFaults(defects);
  const apps = Object.fromEntries(
    Object.entries(APPLICATIONS).map(([name, app]) => {
      const onSelect = faults.onSelect(name, app.onSelect);
      return [
        name,
        { ...app, commands: app.commands.map((c) => ({ ...c, handler: faults.handler(name, c.ins, c.handler) })), ...(onSelect ? { onSelect } : {}) },
      ];
    }),
  );
  const interindustry = INTERINDUSTRY.map((c) => ({ ...c, handler: faults.handler('cos', c.ins, c.handler) }));
  return { defects, faults, apps, interindustry, personalised: faults.personalise(image) };
}

function build(image: CardImage, options: CardOptions, { defects, faults, apps, interindustry, personalised }: Prepared): SimCard {
  const rules = faults.rules;
  const seed = options.seed ?? 'sscc';
  let atr = answerToReset(image, rules, 'cold');
  // Non-volatile: survives reset. The tree is built from the image as personalised.
  const mf = buildTree(personalised);
  const random = new SeededRandom(`${seed}:${image.name}`);
  const nvm = new NvmLayer(mf, () => faults.nvmPolicy());
  let card = new CardContext(mf, image.protocol, random, rules, nvm);
  materialiseNvm(card);
  if (options.nvm) {
    importNvm(mf, image.name, options.nvm);
    if (options.nvm.random !== undefined) random.seek(options.nvm.random);
  }
  nvm.powerUp();

  function dispatch(cmd: CommandApdu): Reply {
    // CLA (ISO/IEC 7816-4 §5.1.1): 0x inter-industry, 8x proprietary (JR/T 0025, 社会保障卡规范);
    // b2..b1 logical channel, b4..b3 secure messaging.
    const lenient = !rules.checkClass;
    // A proprietary class an application declares (the PSAM's BF, 社会保障卡规范 part 9 §9.3) passes.
    const declared = reachable(card, apps, interindustry).some((c) => c.classes.includes(cmd.cla));
    if (!lenient && (cmd.cla & 0x70) !== 0 && !declared) return { sw: SW.CLA_NOT_SUPPORTED };
    const candidates = reachable(card, apps, interindustry).filter((c) => c.ins === cmd.ins);
    if (!candidates.length) return { sw: !rules.unknownInsAnswers6d00 ? SW.CLA_NOT_SUPPORTED : SW.INS_NOT_SUPPORTED };
    const spec = lenient ? candidates[0] : candidates.find((c) => c.classes.includes(cmd.cla));
    if (!spec) {
      if (cmd.cla & 0x03) return { sw: SW.LOGICAL_CHANNEL_NOT_SUPPORTED };
      if (candidates.some((c) => c.classes.includes(cmd.cla & ~0x0c))) return { sw: SW.SECURE_MESSAGING_NOT_SUPPORTED };
      return { sw: SW.CLA_NOT_SUPPORTED };
    }
    const reply = spec.handler(cmd, card);
    if (cmd.ins === 0xa4 && reply.sw === SW.NO_ERROR && card.currentEf === undefined) {
      const app = card.currentDf.app ? apps[card.currentDf.app] : undefined;
      if (app?.onSelect) return app.onSelect(card, reply);
    }
    return reply;
  }

  function transmit(bytes: Uint8Array): Uint8Array {
    let cmd: CommandApdu;
    try {
      cmd = parseCommand(bytes);
    } catch (e) {
      if (e instanceof ApduFormatError) {
        card.pending = undefined;
        if (rules.checkLcAgainstData || bytes.length < 6) return sw(SW.WRONG_LENGTH);
        cmd = {
          cla: bytes[0] as number,
          ins: bytes[1] as number,
          p1: bytes[2] as number,
          p2: bytes[3] as number,
          data: bytes.slice(5),
          ne: undefined,
          extended: false,
        };
      } else throw e;
    }
    // Extended length is not offered by this COS (no ATR indication): ISO/IEC 7816-4 §5.1.
    if (cmd.extended) {
      card.pending = undefined;
      return sw(SW.WRONG_LENGTH);
    }
    let reply: Reply;
    nvm.begin();
    try {
      reply = dispatch(cmd);
    } catch (e) {
      if (e instanceof PowerCut) throw e;
      options.onInternalError?.(e);
      reply = { sw: SW.NO_PRECISE_DIAGNOSIS };
    }
    // Every persistent change of the command is written through the NVM layer before the answer goes.
    nvm.end();
    // Response data waits only for an immediately following GET RESPONSE.
    if ((cmd.ins !== 0xc0 || cmd.cla !== 0x00) && rules.pendingDroppedByOtherCommand) card.pending = undefined;
    return output(cmd, reply);
  }

  function output(cmd: CommandApdu, reply: Reply): Uint8Array {
    const data = reply.data ?? new Uint8Array(0);
    const ok = reply.sw === SW.NO_ERROR || reply.sw >> 8 === 0x61 || reply.sw >> 8 === 0x62;
    if (!ok || data.length === 0) return sw(reply.sw);
    if (reply.asIs) return encodeResponse({ data, sw: reply.sw });
    const xx = data.length & 0xff; // 256 is coded 00
    if (image.protocol === 'T=0') {
      if (cmd.data.length > 0 || cmd.ne === undefined) {
        if (!rules.t0ResponseDataBy61xx) return encodeResponse({ data, sw: reply.sw });
        card.pending = data;
        card.pendingSw = reply.sw >> 8 === 0x62 ? reply.sw : SW.NO_ERROR;
        return sw(0x6100 | xx);
      }
      if (cmd.ne !== data.length) return sw(0x6c00 | xx);
      return encodeResponse({ data, sw: reply.sw });
    }
    // A command without Le asks for no data (ISO/IEC 7816-4 §5.1; case 1 or 3, ISO/IEC 7816-3 §12.1).
    if (cmd.ne === undefined) return rules.noDataWithoutLe ? sw(reply.sw) : encodeResponse({ data, sw: reply.sw });
    if (cmd.ne >= data.length) return encodeResponse({ data, sw: reply.sw });
    if (reply.exact) return sw(0x6c00 | xx);
    card.pending = data.slice(cmd.ne);
    card.pendingSw = reply.sw >> 8 === 0x62 ? reply.sw : SW.NO_ERROR;
    return encodeResponse({ data: data.slice(0, cmd.ne), sw: 0x6100 | (Math.min(data.length - cmd.ne, 256) & 0xff) });
  }

  return {
    image,
    get atr() {
      return atr;
    },
    rules,
    protocol: image.protocol,
    defects: [...defects],
    transmit(bytes: Uint8Array): Uint8Array {
      // A card that lost power answers nothing until it is powered up again.
      if (nvm.off) return new Uint8Array(0);
      try {
        return transmit(bytes);
      } catch (e) {
        if (e instanceof PowerCut) {
          nvm.cut();
          return new Uint8Array(0);
        }
        options.onInternalError?.(e);
        return sw(SW.NO_PRECISE_DIAGNOSIS);
      }
    },
    reset(kind: ResetKind = 'cold'): Uint8Array {
      nvm.powerUp();
      card = new CardContext(mf, image.protocol, random, rules, nvm);
      atr = answerToReset(image, rules, kind);
      return atr.slice();
    },
    nvm: () => nvmSnapshot(mf),
    saveNvm: () => ({ ...exportNvm(mf, image.name), random: random.position }),
    loadNvm(file: NvmFile) {
      importNvm(mf, image.name, file);
      if (file.random !== undefined) random.seek(file.random);
      nvm.restart();
    },
    tearAfter: (k: number) => nvm.tearAfter(k),
    lastWrites: () => nvm.last,
  };
}

function sw(value: number): Uint8Array {
  return Uint8Array.of(value >> 8, value & 0xff);
}
