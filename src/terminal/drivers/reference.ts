/** The reference driver: the bundled terminal logic performs each operation (validates the terminal suite in CI). */
import type { TerminalDriver, TerminalOutcome, TerminalRequest } from '../driver.ts';
import { performOperation, type TerminalConfig } from '../operations.ts';
import type { ApduPort } from '../../sscard/psam.ts';

/** Where the terminal's card and PSAM are: the slots themselves, or PC/SC readers; closed after each operation. */
export interface TerminalPorts {
  card: ApduPort;
  psam: ApduPort;
  atr: Uint8Array;
  close(): Promise<void>;
}

export class ReferenceDriver implements TerminalDriver {
  readonly kind = 'reference';

  constructor(
    private readonly ports: () => Promise<TerminalPorts>,
    private readonly config: TerminalConfig,
  ) {}

  async perform(request: TerminalRequest): Promise<TerminalOutcome> {
    const p = await this.ports();
    try {
      return await performOperation(request, p.card, p.psam, p.atr, this.config);
    } finally {
      await p.close();
    }
  }
}
