/** What a command handler sees of the card: file tree, current selection, security state. */
import { SeededRandom } from '../../src/bytes/random.ts';
import type { CommandApdu } from '../../src/apdu/command.ts';
import type { Protocol } from '../../src/apdu/channel.ts';
import type { CardRules } from './rules.ts';
import type { AccessCondition } from './image.ts';
import { NvmLayer } from './nvm.ts';
import { type DfNode, type EfNode, type PinState, allDfs, isAncestorOrSelf } from './files.ts';

export interface Reply {
  data?: Uint8Array;
  sw: number;
  /** The response must be read whole: Ne shorter than the data gives 6Cxx (READ RECORD). */
  exact?: boolean;
  /** Skip the output stage and send data and SW as they are (used by defects that break it). */
  asIs?: boolean;
}

export type Handler = (cmd: CommandApdu, card: CardContext) => Reply;

/** The card's random numbers come from the one seeded generator (src/bytes/random.ts). */
export { SeededRandom };

export class CardContext {
  currentDf: DfNode;
  currentEf: EfNode | undefined;
  currentRecord = 0;
  /** Response bytes waiting for GET RESPONSE. */
  pending: Uint8Array | undefined;
  /** The status word that ends the pending response (a warning such as 6283 survives 61xx). */
  pendingSw = 0x9000;
  /** The last GET CHALLENGE random; valid for one use. */
  challenge: Uint8Array | undefined;
  readonly verifiedPins = new Set<PinState>();
  readonly authenticatedKeys = new Set<number>();
  /** Volatile state of applications (session keys, transaction flow); lost at reset. */
  readonly session: Record<string, unknown> = {};

  constructor(
    readonly mf: DfNode,
    readonly protocol: Protocol,
    readonly random: SeededRandom,
    /** The spec rules as this card keeps them (card-sim/cos/rules.ts). */
    readonly rules: CardRules,
    /** The NVM layer every persistent write goes through (it outlives this context: power cycles keep NVM). */
    readonly nvm: NvmLayer = new NvmLayer(mf),
  ) {
    this.currentDf = mf;
  }

  /** Make `df` current; security state of DFs left behind is lost (ISO/IEC 7816-4 §5.4). */
  selectDf(df: DfNode): void {
    this.currentDf = df;
    this.currentEf = undefined;
    this.currentRecord = 0;
    if (this.rules.pinStateLostOnLeavingDf)
      for (const pin of [...this.verifiedPins]) {
        const owner = this.pinOwner(pin);
        if (!owner || !isAncestorOrSelf(owner, df) || !this.rules.pinStateKeptWithinItsDf) this.verifiedPins.delete(pin);
      }
    this.authenticatedKeys.clear();
  }

  selectEf(ef: EfNode): void {
    if (ef.parent !== this.currentDf) this.selectDf(ef.parent);
    this.currentEf = ef;
    this.currentRecord = 0;
  }

  /** The PIN with `ref` in the current DF or its nearest ancestor holding one. */
  findPin(ref: number): PinState | undefined {
    const withRef = (p: PinState) => p.ref === ref;
    for (let d: DfNode | undefined = this.currentDf; d; d = d.parent) {
      const pin = d.pins.find(withRef);
      if (pin) return pin;
    }
    // The search stops at the environment's root: the firewall (part 4 §5.5).
    if (!this.rules.pinSearchStopsAtFirewall)
      return allDfs(this.mf)
        .flatMap((d) => d.pins)
        .find(withRef);
    return undefined;
  }

  satisfied(ac: AccessCondition): boolean {
    if (ac === 'always') return true;
    if (ac === 'never') return false;
    if ('pin' in ac) {
      const pin = this.findPin(ac.pin);
      return pin !== undefined && this.verifiedPins.has(pin);
    }
    return this.authenticatedKeys.has(ac.key);
  }

  private pinOwner(pin: PinState): DfNode | undefined {
    const walk = (d: DfNode): DfNode | undefined => {
      if (d.pins.includes(pin)) return d;
      for (const c of d.children)
        if (c.kind === 'DF') {
          const hit = walk(c);
          if (hit) return hit;
        }
      return undefined;
    };
    return walk(this.mf);
  }
}
