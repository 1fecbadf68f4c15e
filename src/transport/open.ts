/** Open the channel the profile's target names. */
import { IMAGES } from '../../card-sim/index.ts';
import { cardDefects } from '../run/catalogue.ts';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type SimCard, createCard } from '../../card-sim/index.ts';
import type { NvmFile } from '../../card-sim/index.ts';
import type { Target } from '../profile/profile.ts';
import { TransportError } from '../verdict/errors.ts';
import { dx } from '../verdict/messages.ts';
import type { CardChannel } from '../apdu/channel.ts';
import { PcscChannel } from './pcsc.ts';
import { SimChannel } from './sim.ts';
import { T1Channel } from '../iso7816/t1-channel.ts';
import { t1Port } from '../../card-sim/index.ts';

export interface OpenOptions {
  /** Seed of the simulated card's randomness; a scenario passes its own so that runs repeat. */
  seed?: string;
  /** Where a PC/SC wait for a card is announced (default standard error). */
  notify?: (line: string) => void;
  /**
   * The run this channel belongs to. A simulated card is one card per run (per key), which keeps its
   * persistent state across scenarios and power cycles as a real card does; target.fresh gives a new card
   * per scenario instead.
   */
  runKey?: string;
  /** A spare card (new from the image) for this scenario, whatever the target says: a @destructive one. */
  spare?: boolean;
}

/**
 * The reader of this process: with a list of readers the run has one cucumber worker per reader
 * (CUCUMBER_WORKER_ID 0, 1 …), so that no two scenarios share a reader; the main process takes the first.
 */
export function readerOfWorker(reader: string | number | Array<string | number> | undefined): string | number | undefined {
  if (!Array.isArray(reader)) return reader;
  const worker = Number(process.env.CUCUMBER_WORKER_ID ?? 0);
  return reader[worker % reader.length];
}

/** How many workers a target asks for: one per listed reader. */
export function workersOf(target: Target): number {
  return target.kind === 'pcsc' && Array.isArray(target.reader) ? target.reader.length : 1;
}

/** The persistent simulated cards of this process, by run (one card per run, as one sample in one reader). */
const persistentCards = new Map<string, SimCard>();

/** The card a run's scenarios share, made on first use. */
export function persistentSimCard(target: Extract<Target, { kind: 'sim' }>, runKey: string, seed: string): SimCard {
  const key = JSON.stringify([runKey, target.image, target.defects ?? []]);
  let card = persistentCards.get(key);
  if (!card) {
    const image = simImage(target.image);
    const nvm = target.state && existsSync(target.state) ? readState(target.state) : undefined;
    card = createCard(image, { seed, defects: cardDefects(target.defects ?? []), ...(nvm ? { nvm } : {}) });
    persistentCards.set(key, card);
  }
  return card;
}

function readState(file: string): NvmFile {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as NvmFile;
  } catch (e) {
    throw new TransportError(dx('io.stateFile', { file, text: (e as Error).message }));
  }
}

/** Write a run's simulated card to target.state (through a temporary file, so a kill never leaves half a card). */
export function saveRunState(target: Target, runKey: string): void {
  if (target.kind !== 'sim' || !target.state || target.fresh) return;
  const card = persistentCards.get(JSON.stringify([runKey, target.image, target.defects ?? []]));
  if (!card) return;
  const tmp = `${target.state}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(card.saveNvm()) + '\n');
  renameSync(tmp, target.state);
}

/** Forget the persistent cards of a run (the run is over). */
export function releaseRun(runKey: string): void {
  for (const key of [...persistentCards.keys()]) if (JSON.parse(key)[0] === runKey) persistentCards.delete(key);
}

function simImage(name: string) {
  const image = Object.hasOwn(IMAGES, name) ? IMAGES[name] : undefined;
  if (!image) throw new TransportError(dx('io.noImage', { name }));
  return image;
}

export async function openChannel(target: Target, options: OpenOptions = {}): Promise<CardChannel> {
  if (target.kind === 'sim' && target.tpdu) {
    // A TPDU target: sscc's own T=1 interface device speaks blocks to the card (src/iso7816/t1.ts).
    const shared = options.runKey !== undefined && !target.fresh && !options.spare;
    const card = shared
      ? persistentSimCard(target, options.runKey as string, options.seed ?? 'sscc')
      : createCard(simImage(target.image), { seed: options.seed ?? 'sscc', defects: cardDefects(target.defects ?? []) });
    const channel = new T1Channel(t1Port(card), `card-sim image "${target.image}" block by block (T=1)`);
    await channel.coldReset();
    return channel;
  }
  if (target.kind === 'sim') {
    const image = simImage(target.image);
    const latencyMs = target.latencyMs ?? 0;
    if (options.runKey !== undefined && !target.fresh && !options.spare) {
      const card = persistentSimCard(target, options.runKey, options.seed ?? 'sscc');
      return new SimChannel(card, { latencyMs });
    }
    return new SimChannel(image, { seed: options.seed ?? 'sscc', defects: cardDefects(target.defects ?? []), latencyMs });
  }
  const reader = readerOfWorker(target.reader);
  // sscc's own runs hold the reader exclusively from the first scenario to the end (a reader is never shared).
  return PcscChannel.open({
    keep: true,
    ...(reader !== undefined ? { reader } : {}),
    ...(target.timeoutSeconds !== undefined ? { timeoutSeconds: target.timeoutSeconds } : {}),
    notify: options.notify ?? ((line) => process.stderr.write(line + '\n')),
  });
}
