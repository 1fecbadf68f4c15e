/**
 * The command driver: an external program performs each operation on the terminal under test.
 * It is started once per operation as `program args…`, gets the request as JSON on standard input
 * (and SSCC_OPERATION in its environment), and prints the outcome as JSON on standard output.
 *
 * The program is contained (issue 18): it runs in a process group of its own, which is killed whole
 * when the program exits, at the timeout and when sscc exits, so a grandchild holding the pipes cannot
 * keep sscc waiting; its output is capped (OUTPUT_CAP_BYTES: beyond it the operation is INCONCLUSIVE);
 * and it gets a minimal environment (PATH, HOME, locale, TMPDIR) plus what the operation needs, not
 * sscc's own. What it can read on the machine is the lab's to restrict (docs/security.md); the option
 * `isolation` (unshare or bwrap) takes the network and the view of other processes away (isolatedCommand).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type TerminalDriver, type TerminalOutcome, type TerminalRequest, DriverError, checkOutcome } from '../driver.ts';
import { dx } from '../../verdict/messages.ts';

/** Standard output kept from one operation; a terminal prints a line of JSON. */
export const OUTPUT_CAP_BYTES = 16 << 20;
/** The end of standard error kept for the diagnosis. */
const STDERR_KEPT = 64 << 10;
/** The variables passed on from sscc's environment; everything else the program needs comes from the profile. */
export const PASSED_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'SYSTEMROOT'];

export interface CommandDriverOptions {
  /** Program and its arguments. */
  command: string[];
  timeoutSeconds?: number;
  cwd?: string;
  /** Further environment of each run, e.g. where the card slot is served (SSCC_CARD_SOCKET). */
  env?: () => Promise<Record<string, string>> | Record<string, string>;
  /** Run the program in namespaces of its own (isolatedCommand); absent or 'none': as it is. */
  isolation?: Isolation;
}

export type Isolation = 'none' | 'unshare' | 'bwrap';

/** The Debian package that has each isolation tool. */
export const ISOLATION_PACKAGE: Record<Exclude<Isolation, 'none'>, string> = { unshare: 'util-linux', bwrap: 'bubblewrap' };

/**
 * The command line that runs `command` isolated (issue 18), for an unprivileged user:
 * - unshare (util-linux): new user (mapped to the caller), network, PID, IPC and UTS namespaces, /proc of
 *   its own: no network but a loopback that is down, no view of sscc or any other process; the files it
 *   can read are the user's, as without isolation.
 * - bwrap (bubblewrap): the same namespaces, and a file system that is the machine's read-only, with
 *   /tmp and HOME empty (the working folder put back read-only), the card and PSAM sockets (and the pcscd socket when readers are used) bound
 *   in; a new session (no TIOCSTI into sscc's terminal); it dies with sscc.
 * Pathname Unix sockets (the card slot, pcscd) work across network namespaces.
 */
export function isolatedCommand(isolation: Isolation | undefined, command: readonly string[], env: Record<string, string>, cwd?: string): string[] {
  if (!isolation || isolation === 'none') return [...command];
  if (isolation === 'unshare')
    return ['unshare', '--user', '--map-root-user', '--net', '--pid', '--fork', '--mount-proc', '--ipc', '--uts', '--kill-child', '--', ...command];
  const binds: string[] = [];
  for (const k of ['SSCC_CARD_SOCKET', 'SSCC_PSAM_SOCKET']) if (env[k]) binds.push('--bind', env[k] as string, env[k] as string);
  if (env.SSCC_CARD_READER || env.SSCC_PSAM_READER) binds.push('--bind-try', '/run/pcscd', '/run/pcscd');
  const home = env.HOME && env.HOME !== '/' ? env.HOME : undefined;
  // /tmp and HOME are emptied; the program's working folder, when it lies in one of them (a clone in
  // /tmp, a checkout in HOME), is put back read-only.
  const hidden = ['/tmp', ...(home ? [home] : [])];
  const keep = cwd && hidden.some((h) => cwd === h || cwd.startsWith(`${h}/`)) ? ['--ro-bind', cwd, cwd] : [];
  return [
    'bwrap',
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    '--tmpfs',
    '/tmp',
    ...(home ? ['--tmpfs', home] : []),
    ...keep,
    ...binds,
    '--unshare-all',
    '--new-session',
    '--die-with-parent',
    ...(cwd ? ['--chdir', cwd] : []),
    '--',
    ...command,
  ];
}

/** Process groups of programs still running, killed when sscc exits (Ctrl-C included). */
const live = new Set<number>();
let exitHook = false;
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* the group is gone */
  }
  live.delete(pid);
}

export function minimalEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of PASSED_ENV) if (process.env[k] !== undefined) env[k] = process.env[k] as string;
  return { ...env, ...extra };
}

export class CommandDriver implements TerminalDriver {
  readonly kind = 'command';

  constructor(private readonly o: CommandDriverOptions) {
    if (!o.command.length || !o.command[0]) throw new DriverError(dx('drv.noProgram'));
  }

  async perform(request: TerminalRequest): Promise<TerminalOutcome> {
    const extra = (await this.o.env?.()) ?? {};
    return this.run(request, extra);
  }

  private run(request: TerminalRequest, extra: Record<string, string>): Promise<TerminalOutcome> {
    const env = minimalEnv({ ...extra, SSCC_OPERATION: request.operation });
    const program = this.o.command[0] as string;
    const [exe, ...args] = isolatedCommand(this.o.isolation, this.o.command, env, this.o.cwd ?? process.cwd()) as [string, ...string[]];
    const timeoutMs = (this.o.timeoutSeconds ?? 60) * 1000;
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => [...live].forEach(killGroup));
    }
    return new Promise((resolve, reject) => {
      let child: ChildProcess & { stdout: NodeJS.ReadableStream; stderr: NodeJS.ReadableStream; stdin: NodeJS.WritableStream };
      try {
        child = spawn(exe, args, {
          cwd: this.o.cwd,
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
          detached: true, // its own process group: killed whole
        }) as typeof child;
      } catch (e) {
        reject(new DriverError(dx('drv.cannotStart', { program, tool: '', text: (e as Error).message })));
        return;
      }
      if (child.pid !== undefined) live.add(child.pid);
      const chunks: Buffer[] = [];
      let outBytes = 0;
      let err = '';
      let exitCode: number | null = null;
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        killGroup(child.pid);
        f();
      };
      const timer = setTimeout(() => {
        finish(() => reject(new DriverError(dx('drv.timeout', { program, operation: request.operation, seconds: timeoutMs / 1000 }))));
      }, timeoutMs);
      child.stdout.on('data', (d: Buffer) => {
        outBytes += d.length;
        if (outBytes > OUTPUT_CAP_BYTES) {
          finish(() => reject(new DriverError(dx('drv.outputCap', { program, mib: OUTPUT_CAP_BYTES >> 20, operation: request.operation }))));
          return;
        }
        chunks.push(d);
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        err = (err + d).slice(-STDERR_KEPT);
      });
      child.on('error', (e) => {
        const tool =
          this.o.isolation && this.o.isolation !== 'none' && exe !== program
            ? ` (isolation ${this.o.isolation}: is ${exe} installed? Debian package ${ISOLATION_PACKAGE[this.o.isolation]})`
            : '';
        finish(() => reject(new DriverError(dx('drv.cannotStart', { program, tool, text: e.message }))));
      });
      const judge = () =>
        finish(() => {
          const text = Buffer.concat(chunks).toString('utf8').trim();
          if (!text) {
            reject(
              new DriverError(
                dx('drv.exited', {
                  program,
                  code: String(exitCode),
                  stderr: err ? dx('drv.stderr', { text: err.trim().split('\n').slice(-3).join(' | ') }) : '',
                }),
              ),
            );
            return;
          }
          let value: unknown;
          try {
            value = JSON.parse(text.split('\n').at(-1) as string);
          } catch {
            reject(new DriverError(dx('drv.notJson', { program, text: text.slice(0, 200) })));
            return;
          }
          try {
            resolve(checkOutcome(value, `terminal program "${program}"`));
          } catch (e) {
            reject(e);
          }
        });
      // The outcome is judged when the program has exited and its output is read; a grandchild that
      // still holds the pipes is not waited for (its group is killed, which closes them).
      child.on('exit', (code) => {
        exitCode = code;
        setTimeout(() => {
          if (!settled) {
            killGroup(child.pid);
            setTimeout(judge, 50);
          }
        }, 200);
      });
      child.on('close', () => judge());
      child.stdin.on('error', () => {});
      child.stdin.end(JSON.stringify(request) + '\n');
    });
  }
}
