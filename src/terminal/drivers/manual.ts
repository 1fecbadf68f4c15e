/**
 * The manual driver: a lab operator performs each operation on a closed terminal. sscc says what to
 * do (which test card, which operation, amount, PIN to enter) and waits, with a timeout, for the outcome:
 * a result word (success, approved, declined, refused …) or a full outcome as JSON.
 */
import { createInterface } from 'node:readline';
import { type TerminalDriver, type TerminalOutcome, type TerminalRequest, DriverError, checkOutcome } from '../driver.ts';
import { dx } from '../../verdict/messages.ts';

export interface ManualDriverOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  timeoutSeconds?: number;
  /** False when nobody can answer (CI, no TTY): every operation is then INCONCLUSIVE at once. */
  interactive: boolean;
}

const RESULTS = ['success', 'approved', 'declined', 'online', 'refused', 'cancelled', 'error'];

export function instructions(r: TerminalRequest): string {
  const lines = [`Operator: ${r.card ? `insert the test card "${r.card}", then ` : ''}perform ${r.operation} on the terminal.`];
  if (r.amount !== undefined) lines.push(`  amount: ${(r.amount / 100).toFixed(2)} 元`);
  if (r.pin !== undefined) lines.push(`  PIN to enter: ${r.pin}`);
  for (const [k, v] of Object.entries(r.params ?? {})) lines.push(`  ${k}: ${v}`);
  lines.push(`Type the result (${RESULTS.join(' / ')}) or the outcome as JSON, then Enter:`);
  return lines.join('\n') + '\n';
}

export class ManualDriver implements TerminalDriver {
  readonly kind = 'manual';
  private readonly lines: AsyncIterator<string>;

  constructor(private readonly o: ManualDriverOptions) {
    this.lines = createInterface({ input: o.input, terminal: false })[Symbol.asyncIterator]();
  }

  async perform(request: TerminalRequest): Promise<TerminalOutcome> {
    if (!this.o.interactive) throw new DriverError(dx('drv.noOperator'));
    this.o.output.write(instructions(request));
    const seconds = this.o.timeoutSeconds ?? 300;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DriverError(dx('drv.operatorTimeout', { seconds, operation: request.operation }))), seconds * 1000);
    });
    try {
      for (;;) {
        const next = await Promise.race([this.lines.next(), timeout]);
        if (next.done) throw new DriverError(dx('drv.inputEnded'));
        const text = next.value.trim();
        if (!text) continue;
        if (RESULTS.includes(text)) return { result: text as TerminalOutcome['result'] };
        try {
          return checkOutcome(JSON.parse(text), 'the operator');
        } catch (e) {
          this.o.output.write(`${e instanceof DriverError ? e.message : 'not JSON and not a result word'}; try again:\n`);
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }
}
