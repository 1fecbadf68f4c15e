/** `sscc station`: a worker for one reader on the campaign job queue (src/campaign/station.ts, issue 22). */
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { consoleLines } from '../../report/escape.ts';
import { UsageError } from '../errors.ts';

export function register(p: Command): void {
  p.command('station')
    .description(
      'a station: take the campaign jobs of the samples this reader holds (matched by ATR and serial, or by reader tag) from the job queue of --db and run them',
    )
    .requiredOption('--db <url>', 'postgres://… of the lab database (every station and `sscc campaign run --queue` use the same)')
    .requiredOption('--reader <name|index>', 'the PC/SC reader of this station (see `sscc readers`)')
    .option('--tag <tag>', 'reader tag: take the jobs of samples added with --tag TAG')
    .option('--serial <s>', 'the serial of the card in the reader (samples with a serial are matched by ATR and serial)')
    .option('--name <name>', 'station name (default host:reader)')
    .option('--runs <dir>', 'where the run folders go', 'out/campaigns/runs')
    .option('--timeout <seconds>', 'how long to wait for a card', '10')
    .option('--heartbeat <ms>', 'heartbeat interval', '1000')
    .option('--poll <ms>', 'how often an idle station looks for a job', '500')
    .option('--dead-after <ms>', 'a station silent this long is dead and its job goes to another', '15000')
    .action(
      async (o: {
        db: string;
        reader: string;
        tag?: string;
        serial?: string;
        name?: string;
        runs: string;
        timeout: string;
        heartbeat: string;
        deadAfter: string;
        poll: string;
      }) => {
        const { openDb } = await import('../../campaign/db.ts');
        const { Station, atrHex } = await import('../../campaign/station.ts');
        const { openChannel } = await import('../../transport/open.ts');
        const { releaseReaders } = await import('../../transport/pcsc.ts');
        const reader = /^\d+$/.test(o.reader) ? Number(o.reader) : o.reader;
        const target = { kind: 'pcsc' as const, reader, timeoutSeconds: Number(o.timeout) };
        const num = (v: string, what: string) => {
          const n = Number(v);
          if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${what} ${v}: not a positive number`);
          return n;
        };
        let atr: string;
        try {
          const ch = await openChannel(target);
          atr = atrHex(ch.atr);
          await ch.close();
        } catch (e) {
          throw new UsageError(`--reader ${o.reader}: ${(e as Error).message}`);
        } finally {
          releaseReaders();
        }
        const db = await openDb(o.db);
        const station = new Station({
          db,
          name: o.name ?? `${hostname()}:${o.reader}`,
          target,
          card: { atr, ...(o.serial ? { serial: o.serial } : {}), ...(o.tag ? { tag: o.tag } : {}) },
          runsDir: o.runs,
          heartbeatMs: num(o.heartbeat, 'heartbeat'),
          deadAfterMs: num(o.deadAfter, 'dead-after'),
          pollMs: num(o.poll, 'poll'),
          log: (l) => process.stderr.write(`${consoleLines(l)}\n`),
        });
        await station.start();
        const stop = async () => {
          await station.stop();
          await db.close();
          process.stderr.write(`sscc station: stopped after ${station.jobs} jobs, ${station.cases} cases\n`);
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
        await station.work();
      },
    );
}
