/** `sscc serve`: the automation API over HTTP (src/api/server.ts, issue 22). */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../errors.ts';

export function register(p: Command): void {
  p.command('serve')
    .description('the automation API for card robots and test managers: campaigns, samples, runs, progress (SSE), reports; OpenAPI at /openapi.json')
    .option('--db <url|folder>', 'postgres://… of a lab server, or the folder of the embedded database (default SSCC_DB or out/campaigns/db)')
    .option('--host <host>', 'address to listen on (default localhost only)', '127.0.0.1')
    .option('--port <n>', 'TCP port (0: any free one)', '7421')
    .option('--token-file <file>', "file holding the lab's API token (else SSCC_API_TOKEN); the API has no open access")
    .option('--runs <dir>', 'where the run folders go', 'out/campaigns/runs')
    .action(async (o: { db?: string; host: string; port: string; tokenFile?: string; runs: string }) => {
      let token = process.env.SSCC_API_TOKEN ?? '';
      if (o.tokenFile) {
        try {
          token = readFileSync(o.tokenFile, 'utf8').trim();
        } catch (e) {
          throw new UsageError(`--token-file ${o.tokenFile}: ${(e as Error).message}`);
        }
      }
      if (token.length < 16)
        throw new UsageError('sscc serve needs a token of at least 16 characters: --token-file FILE or SSCC_API_TOKEN (there is no open access)');
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${o.port}: not a TCP port`);
      const { openDb, dbLocation } = await import('../../campaign/db.ts');
      const { buildServer } = await import('../../api/server.ts');
      const db = await openDb(dbLocation(o.db));
      const app = await buildServer({ db, token, runsDir: o.runs });
      const address = await app.listen({ host: o.host, port });
      process.stderr.write(`sscc serve: listening on ${address} (OpenAPI at ${address}/openapi.json; database ${db.where})\n`);
      const stop = async () => {
        await app.close();
        await db.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
