/** `sscc readers`: the PC/SC readers pcscd knows, whether a card is in each, its ATR and protocol. */
import { consoleText } from '../../report/escape.ts';
import type { Command } from 'commander';
import { parseAtr } from '../../iso7816/atr.ts';
import { fromHex } from '../../bytes/hex.ts';
import { listReaders } from '../../transport/pcsc.ts';
import { TransportError } from '../../verdict/errors.ts';
import { UsageError } from '../errors.ts';

/** Protocols an ATR offers (ISO/IEC 7816-3 §8.2.3: T=0 unless TD bytes say otherwise). */
function protocolsOf(atr: string): string {
  try {
    const p = parseAtr(fromHex(atr)).protocols;
    return p.length ? p.map((x) => `T=${x}`).join(',') : 'T=0';
  } catch {
    return '?';
  }
}

export function register(p: Command): void {
  p.command('readers')
    .description('list the PC/SC readers: index, name, card present, ATR and the protocols it offers')
    .option('--json', 'print the list as JSON')
    .addHelpText(
      'after',
      '\nNeeds pcscd (apt-get install pcscd libpcsclite-dev; start it with `pcscd -f &`).\nVirtual readers without hardware: apt-get install vsmartcard-vpcd, then `sscc sim serve --image reference`.',
    )
    .action(async (opts: { json?: boolean }) => {
      let readers: Awaited<ReturnType<typeof listReaders>>;
      try {
        readers = await listReaders();
      } catch (e) {
        if (e instanceof TransportError) throw new UsageError(e.message);
        throw e;
      }
      const rows = readers.map((r) => ({ ...r, ...(r.atr ? { protocols: protocolsOf(r.atr) } : {}) }));
      if (opts.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      if (!rows.length) {
        process.stdout.write('no PC/SC reader (pcscd runs but sees none)\n');
        return;
      }
      for (const r of rows) {
        process.stdout.write(consoleText(`${r.index}  ${r.name}  ${r.cardPresent ? `card: ${r.atr ?? '?'} (${r.protocols ?? '?'})` : 'no card'}`) + '\n');
      }
    });
}
