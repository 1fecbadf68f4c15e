/**
 * The campaign database: PostgreSQL, embedded by default (PGlite, PostgreSQL in WASM, in a folder) or a
 * lab's server (`--db postgres://…`, through `pg`). The same SQL runs on both; the schema is the
 * versioned migrations in ./migrations (NNN_name.sql, applied in order, each once, recorded in
 * schema_migrations).
 */
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Db {
  /** One statement with $1… parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Statements without parameters, run as one script. */
  exec(sql: string): Promise<void>;
  /** A transaction: `fn` runs its statements on one connection. */
  transaction<T>(fn: (tx: Pick<Db, 'query'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** postgres://… for a server; undefined for the embedded database. */
  readonly url?: string;
  readonly where: string;
}

/** The embedded database's folder when neither --db nor SSCC_DB names one. */
export const DEFAULT_DB = 'out/campaigns/db';

export function isServerUrl(where: string): boolean {
  return /^postgres(ql)?:\/\//i.test(where);
}

/** --db, else SSCC_DB, else the embedded default. */
export function dbLocation(opt?: string): string {
  return opt ?? process.env.SSCC_DB ?? DEFAULT_DB;
}

export async function openDb(where: string = dbLocation()): Promise<Db> {
  const db = isServerUrl(where) ? await openServer(where) : await openEmbedded(where);
  await migrate(db);
  return db;
}

async function openServer(url: string): Promise<Db> {
  const pg = (await import('pg')).default;
  // Dates as ISO text, numbers of bigint/numeric as JS numbers: the same shapes PGlite gives.
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined); // a server gone away is seen by the next query
  const db: Db = {
    url,
    where: url.replace(/:[^:@/]*@/, ':***@'),
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Pick<Db, 'query'>) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({ query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[] });
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
  return db;
}

async function openEmbedded(dir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  // 'memory://' for tests; anything else is a folder.
  let path = dir;
  let release: () => void = () => undefined;
  if (!dir.startsWith('memory://')) {
    path = resolve(dir);
    mkdirSync(path, { recursive: true });
    release = lockFolder(path);
  }
  let pg: InstanceType<typeof PGlite>;
  try {
    pg = await PGlite.create(path);
  } catch (e) {
    release();
    throw e;
  }
  return {
    where: dir,
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pg.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    async transaction<T>(fn: (tx: Pick<Db, 'query'>) => Promise<T>) {
      return pg.transaction(async (tx) => fn({ query: async <R>(sql: string, params: unknown[] = []) => (await tx.query<R>(sql, params)).rows }));
    },
    async close() {
      await pg.close();
      release();
    },
  };
}

/**
 * The embedded database is one process's: a second sscc on the same folder is refused (a lab that wants
 * several uses a server). A lock left by a process that is gone is taken over.
 */
function lockFolder(dir: string): () => void {
  // Beside the folder, not in it: PGlite takes a folder with anything in it for a database.
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname() }) + '\n');
      closeSync(fd);
      const release = () => {
        process.removeListener('exit', release);
        rmSync(file, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid: number | undefined;
      try {
        const owner = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number; host?: string };
        if (owner.host === hostname() && Number.isInteger(owner.pid)) pid = owner.pid;
      } catch {
        pid = undefined;
      }
      if (pid !== undefined && alive(pid))
        throw new Error(
          `the embedded database ${dir} is in use by another sscc (pid ${pid}); wait for it, or use a PostgreSQL server (--db postgres://…) for several at once`,
        );
      rmSync(file, { force: true });
    }
  }
  throw new Error(`the embedded database ${dir}: could not take its lock ${file}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function migrations(): Array<{ version: number; name: string; sql: string }> {
  return readdirSync(MIGRATIONS)
    .filter((f) => /^\d{3}_[a-z0-9_-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(resolve(MIGRATIONS, f), 'utf8') }));
}

/** Apply the migrations not yet applied; an advisory lock keeps stations that start together from racing. */
export async function migrate(db: Db): Promise<number[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied: number[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(2200022)');
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    for (const m of migrations()) {
      if (done.has(m.version)) continue;
      // Each statement on its own (the extended protocol takes one at a time).
      for (const stmt of splitSql(m.sql)) await tx.query(stmt);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
  });
  return applied;
}

/** The statements of a migration: split at semicolons that end a line (our migrations have no functions or strings with them). */
export function splitSql(sql: string): string[] {
  return sql
    .split('\n')
    .filter((l) => !/^\s*--/.test(l))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}
