/** The reference driver: the bundled terminal logic performs each operation (validates the terminal suite in CI). */
import type { TerminalDriver, TerminalOutcome, TerminalRequest } from '../driver.ts';
import type { CardSlot } from '../slot.ts';
import { performOperation, type TerminalConfig } from '../operations.ts';

export class ReferenceDriver implements TerminalDriver {
  readonly kind = 'reference';

  constructor(private readonly slots: () => { card: CardSlot; psam: CardSlot }, private readonly config: TerminalConfig) {}

  perform(request: TerminalRequest): Promise<TerminalOutcome> {
    const { card, psam } = this.slots();
    return performOperation(request, card, psam, card.channel.atr, this.config);
  }
}
