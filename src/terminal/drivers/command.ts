/**
 * The command driver: an external program performs each operation on the terminal under test.
 * It is started once per operation as `program args…`, gets the request as JSON on standard input
 * (and SSCC_OPERATION in its environment), and prints the outcome as JSON on standard output.
 */
import { spawn } from 'node:child_process';
import { type TerminalDriver, type TerminalOutcome, type TerminalRequest, DriverError, checkOutcome } from '../driver.ts';

export interface CommandDriverOptions {
  /** Program and its arguments. */
  command: string[];
  timeoutSeconds?: number;
  cwd?: string;
  /** Further environment of each run, e.g. where the card slot is served (SSCC_CARD_SOCKET). */
  env?: () => Promise<Record<string, string>> | Record<string, string>;
}

export class CommandDriver implements TerminalDriver {
  readonly kind = 'command';

  constructor(private readonly o: CommandDriverOptions) {
    if (!o.command.length || !o.command[0]) throw new DriverError('the command driver needs a program to run');
  }

  async perform(request: TerminalRequest): Promise<TerminalOutcome> {
    const extra = (await this.o.env?.()) ?? {};
    return this.run(request, extra);
  }

  private run(request: TerminalRequest, extra: Record<string, string>): Promise<TerminalOutcome> {
    const [program, ...args] = this.o.command as [string, ...string[]];
    const timeoutMs = (this.o.timeoutSeconds ?? 60) * 1000;
    return new Promise((resolve, reject) => {
      const child = spawn(program, args, {
        cwd: this.o.cwd,
        env: { ...process.env, ...extra, SSCC_OPERATION: request.operation },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        f();
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(() => reject(new DriverError(`terminal program "${program}" gave no outcome for ${request.operation} within ${timeoutMs / 1000} s`)));
      }, timeoutMs);
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.on('error', (e) => finish(() => reject(new DriverError(`cannot start terminal program "${program}": ${e.message}`))));
      child.on('close', (code) => {
        finish(() => {
          const text = out.trim();
          if (!text) {
            reject(new DriverError(`terminal program "${program}" exited with code ${code} and printed no outcome${err ? `: ${err.trim().split('\n').slice(-3).join(' | ')}` : ''}`));
            return;
          }
          let value: unknown;
          try {
            value = JSON.parse(text.split('\n').at(-1) as string);
          } catch {
            reject(new DriverError(`terminal program "${program}" printed something that is not JSON on its last line: ${text.slice(0, 200)}`));
            return;
          }
          try {
            resolve(checkOutcome(value, `terminal program "${program}"`));
          } catch (e) {
            reject(e);
          }
        });
      });
      child.stdin.on('error', () => {});
      child.stdin.end(JSON.stringify(request) + '\n');
    });
  }
}
