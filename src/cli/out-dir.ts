/**
 * The folder a run or a rebuild writes into (issue 18): checked before anything runs, and held by one
 * run at a time. Node's recursive mkdir spins for ever on /proc/x, so folders are made one level at a
 * time; a file, a folder that cannot be written or a path under a file is exit 2 with what to fix.
 */
import { accessSync, closeSync, constants, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.ts';

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** Make sure `dir` is a folder sscc can write (created, with its parents, when missing); returns its absolute path. */
export function prepareOutDir(dir: string, flag = '--out'): string {
  const abs = resolve(dir);
  const missing: string[] = [];
  let here = abs;
  for (;;) {
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = statSync(here);
    } catch (e) {
      if (code(e) !== 'ENOENT' && code(e) !== 'ENOTDIR') throw new UsageError(`${flag} ${dir}: ${here} cannot be examined (${code(e)}); choose another folder`);
    }
    if (st) {
      if (!st.isDirectory()) throw new UsageError(`${flag} ${dir}: ${here} is a file, not a folder; give a folder for the results`);
      break;
    }
    missing.unshift(here);
    const up = dirname(here);
    if (up === here) break;
    here = up;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      if (code(e) !== 'EEXIST') throw new UsageError(`${flag} ${dir}: cannot create the folder ${d} (${code(e)}); choose a folder you can write`);
    }
  }
  try {
    accessSync(abs, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw new UsageError(`${flag} ${dir}: the folder cannot be written (${code(e)}); choose a folder you can write`);
  }
  return abs;
}

export const LOCK_FILE = '.sscc-run.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return code(e) === 'EPERM';
  }
}

/**
 * One run per folder: a lock file with the owner's pid, host and start time. A lock whose process is
 * gone (on this host) is stale: reported and taken over. Returns the release function (also run at exit).
 */
export function lockOutDir(dir: string, warn: (s: string) => void = (s) => process.stderr.write(s + '\n')): () => void {
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (e) {
      if (code(e) !== 'EEXIST') throw new UsageError(`--out ${dir}: cannot write into the folder (${code(e)}); choose a folder you can write`);
      let owner: { pid?: unknown; host?: unknown; startedAt?: unknown } = {};
      try {
        owner = JSON.parse(readFileSync(file, 'utf8')) as typeof owner;
      } catch {
        /* half-written or foreign: treated as stale below when its pid cannot be read */
      }
      const pid = typeof owner.pid === 'number' && Number.isInteger(owner.pid) && owner.pid > 0 ? owner.pid : undefined;
      const here = owner.host === undefined || owner.host === hostname();
      if (pid !== undefined && (!here || alive(pid)) && attempt === 0) {
        throw new UsageError(
          `--out ${dir} is in use by another sscc run (pid ${pid}${here ? '' : ` on ${String(owner.host)}`}, started ${String(owner.startedAt ?? '?')}); wait for it to finish or choose another folder (if that run is gone, remove ${file})`,
        );
      }
      if (attempt > 0) throw new UsageError(`--out ${dir}: another sscc run took the folder at the same moment; choose another folder`);
      warn(`sscc: --out ${dir}: a stale lock of ${pid ? `pid ${pid}, which no longer runs,` : 'an unknown process'} was found and replaced`);
      try {
        unlinkSync(file);
      } catch {
        /* gone already */
      }
      continue;
    }
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }) + '\n');
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.removeListener('exit', release);
      try {
        unlinkSync(file);
      } catch {
        /* gone already */
      }
    };
    process.on('exit', release);
    return release;
  }
}
