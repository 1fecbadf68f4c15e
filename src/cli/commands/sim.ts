/** `sscc sim serve`: put a card-sim card into pcscd's virtual reader, for any PC/SC program to use. */
import { consoleLines } from '../../report/escape.ts';
import type { Command } from 'commander';
import { createCard } from '../../../card-sim/cos/card.ts';
import { DEFECTS, checkDefects } from '../../../card-sim/defects/catalogue.ts';
import { IMAGES, imageNames } from '../../../card-sim/images/index.ts';
import { VPCD_PORT, VirtualCard } from '../../../card-sim/vpcd.ts';
import { UsageError } from '../errors.ts';

interface ServeOptions {
  image: string;
  slot: string;
  port?: string;
  host: string;
  defect?: string[];
  seed: string;
  quiet?: boolean;
  fresh?: boolean;
  latency: string;
  pullAt?: string;
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
    .option('--latency <ms>', 'delay every answer to an APDU by this many milliseconds (a slow card)', '0')
    .option('--fresh', 'a new card from the image at every power-up (sscc powers the card down after each scenario), as the in-process simulator gives; a real card keeps its state')
    .addHelpText(
      'after',
      '\nNeeds pcscd with vpcd: apt-get install pcscd vsmartcard-vpcd; start `pcscd -f &`.\n' +
        'The card stays in the reader until you stop this command (Ctrl-C); it reconnects when pcscd restarts.\n' +
        'kill -USR1 <pid> pulls the card out for 1.5 s; kill -USR2 <pid> pulls it during the next command APDU.\n' +
        "Then: opensc-tool -r 'Virtual PCD 00 00' -a   or   echo '00 A4 04 00 00' | scriptor -r 'Virtual PCD 00 00'",
    )
    .action(async (o: ServeOptions) => {
      const image = Object.hasOwn(IMAGES, o.image) ? IMAGES[o.image] : undefined;
      if (!image) throw new UsageError(`--image ${o.image}: unknown; known: ${imageNames().join(', ')}`);
      const slot = Number(o.slot);
      if (slot !== 0 && slot !== 1) throw new UsageError('--slot must be 0 or 1');
      const port = o.port !== undefined ? Number(o.port) : VPCD_PORT + slot;
      if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UsageError(`--port ${o.port}: not a TCP port`);
      let defects: ReturnType<typeof checkDefects>;
      try {
        defects = checkDefects(o.defect ?? []);
      } catch {
        throw new UsageError(`--defect: unknown id; known: ${DEFECTS.map((d) => d.id).join(', ')}`);
      }
      const log = (line: string) => {
        if (!o.quiet) process.stderr.write(`sscc sim: ${consoleLines(line)}\n`);
      };
      const make = () => createCard(image, { seed: o.seed, defects });
      const latencyMs = Number(o.latency);
      if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new UsageError(`--latency ${o.latency}: not a number of milliseconds`);
      const card = new VirtualCard(make(), { host: o.host, port, log, latencyMs, ...(o.pullAt ? { pullAt: Number(o.pullAt) } : {}), ...(o.fresh ? { freshOnReset: make } : {}) }).start();
      // SIGUSR1 pulls the card out of the reader for 1.5 s (tests of card removal mid-run).
      process.on('SIGUSR1', () => {
        log('SIGUSR1: card removed for 1.5 s');
        card.remove(1500);
      });
      // SIGUSR2 pulls it in the middle of the next command APDU, so that a scenario is surely in flight.
      process.on('SIGUSR2', () => {
        log('SIGUSR2: card removed at the next command APDU, for 1.5 s');
        card.removeAtNextApdu(1500);
      });
      log(`serving image "${image.name}"${defects.length ? ` with ${defects.join(', ')}` : ''} to vpcd at ${o.host}:${port}; Ctrl-C to stop`);
      await new Promise<void>((done) => {
        const stop = () => {
          card.stop();
          log(`stopped after ${card.apdus} APDUs`);
          done();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
