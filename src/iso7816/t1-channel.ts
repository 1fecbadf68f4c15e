/**
 * A CardChannel over a TPDU-capable reader: the interface device's T=1 (t1.ts) in sscc itself, so that
 * the blocks the card sends are seen and judged (PC/SC hands an application APDUs only; the reader
 * speaks the blocks). After each reset it asks IFSD 254, as CCID readers do (§11.4.2).
 */
import type { CardChannel, Protocol } from '../apdu/channel.ts';
import { NonConformance } from '../verdict/errors.ts';
import { dx } from '../verdict/messages.ts';
import { AtrError, type T1Parameters, offeredProtocols, parseAtr, t1Parameters } from './atr.ts';
import { T1Interface, type TpduPort } from './t1.ts';

/** The IFSD a reader announces after the ATR (the largest, §11.4.2). */
export const READER_IFSD = 254;

/** The T=1 parameters of an ATR that gives none (§11.4). */
const DEFAULT_T1: T1Parameters = { ifsc: 32, bwi: 4, cwi: 13, edc: 'LRC', fi: 372, di: 1 };

export class T1Channel implements CardChannel {
  readonly protocol: Protocol = 'T=1';
  atr: Uint8Array = new Uint8Array(0);
  /** The interface device of the current session (a new one after each reset). */
  t1!: T1Interface;

  constructor(
    private readonly port: TpduPort,
    readonly description: string,
  ) {}

  private async session(atr: Uint8Array): Promise<Uint8Array> {
    this.atr = atr;
    // A malformed ATR is judged by the ATR scenarios; the blocks then go with the defaults of §11.4.
    let params = DEFAULT_T1;
    try {
      const a = parseAtr(atr);
      if (!offeredProtocols(a).includes(1)) throw new NonConformance(dx('t1.noT1'));
      params = t1Parameters(a);
    } catch (e) {
      if (!(e instanceof AtrError)) throw e;
    }
    this.t1 = new T1Interface(this.port, params);
    await this.t1.ifsRequest(READER_IFSD);
    return atr;
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    return this.t1.transmit(command);
  }

  reset(): Promise<Uint8Array> {
    return this.session(this.port.reset('warm'));
  }

  coldReset(): Promise<Uint8Array> {
    return this.session(this.port.reset('cold'));
  }

  async close(): Promise<void> {}
}
