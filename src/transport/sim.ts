/** CardChannel over the in-process card simulator. */
import { setTimeout as sleep } from 'node:timers/promises';
import { createCard, type SimCard } from '../../card-sim/index.ts';
import type { CardImage } from '../../card-sim/index.ts';
import type { DefectId } from '../../card-sim/index.ts';
import type { CardChannel, Protocol } from '../apdu/channel.ts';
import { CardSession } from '../apdu/session.ts';
import { TransportError } from '../verdict/errors.ts';
import { dx } from '../verdict/messages.ts';

export interface SimChannelOptions {
  seed?: string;
  defects?: readonly DefectId[];
  /** Delay of every exchange in milliseconds, to simulate a slow card (profile target.latencyMs). */
  latencyMs?: number;
}

export class SimChannel implements CardChannel {
  readonly card: SimCard;
  atr: Uint8Array;
  readonly protocol: Protocol;
  readonly description: string;
  private readonly latencyMs: number;

  /** A new card from `image`, or an existing card (one that keeps its state across channels). */
  constructor(source: CardImage | SimCard, options: SimChannelOptions = {}) {
    this.card = 'transmit' in source ? source : createCard(source, options);
    const image = this.card.image;
    this.atr = this.card.atr;
    this.protocol = this.card.protocol;
    this.latencyMs = options.latencyMs ?? 0;
    const defects = this.card.defects.length ? ` with defect ${this.card.defects.join(', ')}` : '';
    this.description = `card-sim image "${image.name}"${defects}`;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const response = this.card.transmit(command);
    // A card whose power was cut (a tear, card-sim/cos/nvm.ts) answers nothing until the next reset.
    if (response.length === 0) throw new TransportError(dx('io.powerCut'));
    return response;
  }

  /** Warm reset (ISO/IEC 7816-3 §6.2.3). */
  async reset(): Promise<Uint8Array> {
    this.atr = this.card.reset('warm');
    return this.atr;
  }

  /** Cold reset: power down and up (ISO/IEC 7816-3 §6.2.2). */
  async coldReset(): Promise<Uint8Array> {
    this.atr = this.card.reset('cold');
    return this.atr;
  }

  async close(): Promise<void> {}
}

/** A fresh simulated card behind the shared T=0 layer (61xx, 6Cxx): `send(apdu)` gives the whole response. */
export function simSession(image: CardImage, options: SimChannelOptions = {}): CardSession {
  const channel = new SimChannel(image, options);
  channel.card.reset();
  return new CardSession(channel);
}
