/** `sscc sim serve`: put a card-sim card into pcscd's virtual reader, for any PC/SC program to use. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { consoleLines } from '../../report/escape.ts';
import type { Command } from 'commander';
import type { NvmFile } from '../../../card-sim/index.ts';
import { createCard } from '../../../card-sim/index.ts';
import { DEFECTS, cardDefects } from '../../run/catalogue.ts';
import { IMAGES, imageNames } from '../../../card-sim/index.ts';
import { VirtualCard } from '../../../card-sim/index.ts';
import { serveTearControl } from '../../transport/tear-control.ts';
import { VPCD_PORT } from '../../protocol/vpcd.ts';
import { UsageError } from '../errors.ts';
import { didYouMean } from '../../profile/load.ts';

interface ServeOptions {
  image: string;
  slot: string;
  port?: string;
  host: string;
  defect?: string[];
  seed: string;
  quiet?: boolean;
  fresh?: boolean;
  tearPort?: string;
  latency: string;
  pullAt?: string;
  pullFor: string;
  state?: string;
}

export function register(p: Command): void {
  const sim = p.command('sim').description('the card simulator on its own');
  sim
    .command('serve')
    .description('serve a card-sim image to the vsmartcard virtual reader of pcscd (slot 0: "Virtual PCD 00 00", slot 1: "Virtual PCD 00 01")')
    .requiredOption('--image <name>', `card image: ${imageNames().join(', ')}`)
    .option('--slot <n>', 'virtual reader slot: 0 (port 35963) or 1 (port 35964)', '0')
    .option('--port <port>', 'vpcd port, overrides --slot')
    .option('--host <host>', 'host where pcscd with vpcd runs', '127.0.0.1')
    .option('--defect <id...>', 'switch on card-sim defects; see `sscc defects list`')
    .option('--seed <text>', "seed of the card's randomness", 'sscc')
    .option('--quiet', 'log nothing but errors')
    .option('--pull-at <n>', 'pull the card out for 1.5 s instead of answering the n-th APDU (tests of removal mid-command)')
    .option('--pull-for <seconds>', 'how long SIGUSR1 and SIGUSR2 keep the card out of the reader', '1.5')
    .option('--latency <ms>', 'delay every answer to an APDU by this many milliseconds (a slow card)', '0')
    .option('--state <file>', 'keep the card in this file between serves: read at the start if it exists, written when stopped (Ctrl-C, SIGTERM)')
    .option(
      '--tear-port <port>',
      'answer tear requests (cut power after the k-th NVM write of the next command, save, restore) on this TCP port, for features/tearing through PC/SC (profile target.tear kind sim-serve)',
    )
    .option(
      '--fresh',
      'a new card from the image at every power-up; by default the card keeps its state across scenarios and power cycles, as a real card does',
    )
    .addHelpText(
      'after',
      '\nNeeds pcscd with vpcd: apt-get install pcscd vsmartcard-vpcd; start `pcscd -f &`.\n' +
        'The card stays in the reader until you stop this command (Ctrl-C); it reconnects when pcscd restarts.\n' +
        'kill -USR1 <pid> pulls the card out (for --pull-for seconds); kill -USR2 <pid> pulls it during the next command APDU.\n' +
        "Then: opensc-tool -r 'Virtual PCD 00 00' -a   or   echo '00 A4 04 00 00' | scriptor -r 'Virtual PCD 00 00'",
    )
    .action(async (o: ServeOptions) => {
      const image = Object.hasOwn(IMAGES, o.image) ? IMAGES[o.image] : undefined;
      if (!image) throw new UsageError(`--image ${o.image}: unknown${didYouMean(o.image, imageNames())}; known: ${imageNames().join(', ')}`);
      const slot = Number(o.slot);
      if (slot !== 0 && slot !== 1) throw new UsageError('--slot must be 0 or 1');
      const port = o.port !== undefined ? Number(o.port) : VPCD_PORT + slot;
      if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UsageError(`--port ${o.port}: not a TCP port`);
      let defects: ReturnType<typeof cardDefects>;
      try {
        defects = cardDefects(o.defect ?? []);
      } catch {
        throw new UsageError(`--defect: unknown id; known: ${DEFECTS.map((d) => d.id).join(', ')}`);
      }
      const log = (line: string) => {
        if (!o.quiet) process.stderr.write(`sscc sim: ${consoleLines(line)}\n`);
      };
      let nvm: NvmFile | undefined;
      if (o.state && existsSync(o.state)) {
        try {
          nvm = JSON.parse(readFileSync(o.state, 'utf8')) as NvmFile;
        } catch (e) {
          throw new UsageError(`--state ${o.state}: not a card state file (${(e as Error).message})`);
        }
      }
      const make = () => createCard(image, { seed: o.seed, defects, ...(nvm ? { nvm } : {}) });
      const latencyMs = Number(o.latency);
      if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new UsageError(`--latency ${o.latency}: not a number of milliseconds`);
      const card = new VirtualCard(make(), {
        host: o.host,
        port,
        log,
        latencyMs,
        ...(o.pullAt ? { pullAt: Number(o.pullAt) } : {}),
        ...(o.fresh ? { freshOnReset: make } : {}),
      }).start();
      // Closed when the card stops: a listening server would keep the process alive after SIGTERM.
      let tearServer: { close(): unknown } | undefined;
      if (o.tearPort !== undefined) {
        const tearPort = Number(o.tearPort);
        if (!Number.isInteger(tearPort) || tearPort < 1 || tearPort > 65535) throw new UsageError(`--tear-port ${o.tearPort}: not a TCP port`);
        tearServer = await serveTearControl(() => card.card, tearPort);
        log(`tear control on 127.0.0.1:${tearPort}`);
      }
      const pullSeconds = Number(o.pullFor);
      if (!Number.isFinite(pullSeconds) || pullSeconds <= 0) throw new UsageError(`--pull-for ${o.pullFor}: not a number of seconds`);
      // SIGUSR1 pulls the card out of the reader for --pull-for seconds (tests of card removal mid-run).
      process.on('SIGUSR1', () => {
        log(`SIGUSR1: card removed for ${pullSeconds} s`);
        card.remove(pullSeconds * 1000);
      });
      // SIGUSR2 pulls it in the middle of the next command APDU, so that a scenario is surely in flight.
      process.on('SIGUSR2', () => {
        log(`SIGUSR2: card removed at the next command APDU, for ${pullSeconds} s`);
        card.removeAtNextApdu(pullSeconds * 1000);
      });
      log(`serving image "${image.name}"${defects.length ? ` with ${defects.join(', ')}` : ''} to vpcd at ${o.host}:${port}; Ctrl-C to stop`);
      await new Promise<void>((done) => {
        const stop = () => {
          card.stop();
          tearServer?.close();
          if (o.state && !o.fresh) {
            writeFileSync(`${o.state}.tmp`, JSON.stringify(card.card.saveNvm()) + '\n');
            renameSync(`${o.state}.tmp`, o.state);
            log(`card state written to ${o.state}`);
          }
          log(`stopped after ${card.apdus} APDUs`);
          done();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
