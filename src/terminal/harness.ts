/**
 * One terminal test: the test card in the card slot, the test PSAM in the second slot, and the driver
 * the profile declares (reference, command, manual). sscc plays the card; the slots record what the
 * terminal sent.
 */
import { cardDefects } from '../run/catalogue.ts';
import { IMAGES } from '../../card-sim/index.ts';
import { buildPsamImage } from '../../card-sim/index.ts';
import type { Profile } from '../profile/profile.ts';

type TerminalReaders = NonNullable<NonNullable<Profile['terminal']>['readers']>;
import { SimChannel } from '../transport/sim.ts';
import { TransportError } from '../verdict/errors.ts';
import { dx } from '../verdict/messages.ts';
import type { TerminalDriver, TerminalOutcome, TerminalRequest } from './driver.ts';
import { CommandDriver } from './drivers/command.ts';
import { ManualDriver } from './drivers/manual.ts';
import { ReferenceDriver } from './drivers/reference.ts';
import { CardSlot } from './slot.ts';
import type { SimCard } from '../../card-sim/index.ts';
import { VirtualCard } from '../../card-sim/index.ts';
import { VPCD_PORT } from '../protocol/vpcd.ts';
import type { TerminalPorts } from './drivers/reference.ts';

import type { TerminalConfig } from './operations.ts';
import { pbocSettings } from './settings.ts';

/**
 * The virtual readers this process serves, by vpcd port. A new test card replaces the one in the reader
 * without pulling it, so that pcscd need not notice an insertion (about a second each); the terminal
 * powers the card up at its next connect and reads the new ATR.
 */
const virtualReaders = new Map<number, VirtualCard>();

function serveInReader(port: number, card: SimCard): void {
  const served = virtualReaders.get(port);
  if (served) served.card = card;
  else virtualReaders.set(port, new VirtualCard(card, { port, retryMs: 200 }).start());
}

/** Take the cards out of the virtual readers (end of the run). */
export function closeVirtualReaders(): void {
  for (const v of virtualReaders.values()) v.stop();
  virtualReaders.clear();
}

export class TerminalHarness {
  card: CardSlot | undefined;
  readonly psam: CardSlot;
  readonly config: TerminalConfig;
  private sequence = 0;
  readonly driver: TerminalDriver;
  private readonly defects: string[];

  constructor(
    private readonly profile: Profile,
    private readonly seed: string,
  ) {
    const t = profile.terminal;
    if (!t) throw new TransportError(dx('term.noTerminal'));
    this.defects = profile.target.kind === 'sim' ? [...(profile.target.defects ?? [])] : [];
    this.config = {
      terminalNumber: t.terminalNumber ?? '000000000000',
      deviceNumber: t.deviceNumber ?? '',
      blacklist: t.blacklist ?? [],
      today: t.today ?? new Date().toISOString().slice(0, 10).replace(/-/g, ''),
      defects: new Set(this.defects),
      type: t.type,
      ...(t.type !== 'social-security' ? { pboc: pbocSettings(profile, seed) } : {}),
    };
    this.psam = new CardSlot('psam', new SimChannel(buildPsamImage(profile.keys?.sscardRoots ?? {}), { seed: `${seed}:psam` }));
    this.driver = this.makeDriver();
  }

  private makeDriver(): TerminalDriver {
    const d = (this.profile.terminal as NonNullable<Profile['terminal']>).driver;
    const timeout = d.timeoutSeconds !== undefined ? { timeoutSeconds: d.timeoutSeconds } : {};
    if (d.kind === 'reference') {
      // The virtual readers are served by this process's event loop, which a PC/SC client in the same
      // process blocks while it connects: the terminal must be another process.
      if (this.readers) throw new TransportError(dx('term.readersNeedCommand'));
      return new ReferenceDriver(() => this.ports(), this.config);
    }
    if (d.kind === 'command') {
      return new CommandDriver({
        command: d.command ?? [],
        ...timeout,
        ...(d.isolation ? { isolation: d.isolation } : {}),
        env: async () => {
          const config = { SSCC_TERMINAL_CONFIG: JSON.stringify({ ...this.config, defects: [...this.config.defects] }) };
          const readers = this.readers;
          if (readers) return { SSCC_CARD_READER: readers.card, SSCC_PSAM_READER: readers.psam, ...config };
          const [card, psam] = await Promise.all([this.requireCard().serve(), this.psam.serve()]);
          this.served.push(card, psam);
          return { SSCC_CARD_SOCKET: card.path, SSCC_PSAM_SOCKET: psam.path, ...config };
        },
      });
    }
    return new ManualDriver({
      input: process.stdin,
      output: process.stderr,
      interactive: process.stdin.isTTY === true && process.env.CI !== 'true',
      ...timeout,
    });
  }

  private served: Array<{ close(): Promise<void> }> = [];

  get readers(): TerminalReaders | undefined {
    return this.profile.terminal?.readers;
  }

  /** The slots as the reference terminal reaches them, in this process. */
  private async ports(): Promise<TerminalPorts> {
    const card = this.requireCard();
    return { card, psam: this.psam, atr: card.channel.atr, close: async () => {} };
  }

  /** Put a test card (a card-sim image) into the card slot, with the run's card defects. */
  async insert(image: string): Promise<CardSlot> {
    const img = IMAGES[image];
    if (!img) throw new TransportError(dx('term.noTestCard', { image }));
    const channel = new SimChannel(img, { seed: `${this.seed}:${image}`, defects: cardDefects(this.defects) });
    await channel.reset();
    this.card = new CardSlot('card', channel);
    const readers = this.readers;
    if (readers) {
      serveInReader(readers.cardPort ?? VPCD_PORT, this.card.vpcdCard());
      serveInReader(readers.psamPort ?? VPCD_PORT + 1, this.psam.vpcdCard());
    }
    return this.card;
  }

  requireCard(): CardSlot {
    if (!this.card) throw new TransportError(dx('term.emptySlot'));
    return this.card;
  }

  async perform(request: TerminalRequest): Promise<TerminalOutcome> {
    try {
      // Each transaction gets its own number, so that random selection draws anew and runs repeat.
      const card = request.card ?? this.card?.channel.description;
      return await this.driver.perform({ ...request, ...(card ? { card } : {}), params: { sequence: ++this.sequence, ...request.params } });
    } finally {
      await Promise.all(this.served.splice(0).map((s) => s.close()));
    }
  }
}
