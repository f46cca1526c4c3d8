/**
 * A session store in an SQLite database through better-sqlite3 (Node). better-sqlite3 is an
 * optional dependency loaded with a dynamic import on first use, so the package works without
 * it and only this store fails (clearly) when it is missing. One database can hold several
 * sessions under different keys. Writes are transactions with `synchronous = FULL`.
 */
import { closeSync, openSync } from 'node:fs';
import { SessionStoreError } from './errors.js';
import { acquireSessionLock, type SessionLock } from './session-lock.js';
import { serialQueue, type ClosableSessionStore } from './session-store.js';

/** Options of {@link sqliteStore}. */
export interface SqliteStoreOptions {
  /** Row key of this session, so one database can hold several (default `'default'`). */
  key?: string;
  /** Take the advisory lock `<path>.lock#<key>` (default true); see the file store. */
  lock?: boolean;
}

/**
 * The slice of better-sqlite3's API this store uses, declared here so the published types do not
 * require @types/better-sqlite3 of users who never touch SQLite.
 */
interface Database {
  pragma(source: string): unknown;
  exec(source: string): unknown;
  prepare(source: string): { get(...params: unknown[]): unknown; run(...params: unknown[]): unknown };
  close(): unknown;
}
type DatabaseConstructor = new (path: string) => Database;

async function openDatabase(path: string): Promise<Database> {
  let ctor: DatabaseConstructor;
  try {
    // A variable specifier keeps bundlers from resolving the optional package at build time.
    const name = 'better-sqlite3';
    ctor = ((await import(name)) as { default: DatabaseConstructor }).default;
  } catch (cause) {
    throw new SessionStoreError(
      'missing-dependency',
      'sqliteStore needs the optional dependency better-sqlite3 (npm install better-sqlite3@12)',
      { cause },
    );
  }
  // The database holds auth keys. SQLite would create it 0644 (less the umask) and gives its -wal and
  // -shm files the database file's mode, so creating the file 0600 first keeps all three private,
  // as the file store keeps its file. An existing file keeps the mode its owner chose.
  if (path !== '' && path !== ':memory:' && !path.startsWith('file:')) {
    try {
      closeSync(openSync(path, 'wx', 0o600));
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') {
        throw new SessionStoreError('io', `cannot create session database ${path}`, { cause: error });
      }
    }
  }
  const db = new ctor(path);
  // WAL keeps readers off the writer's back; FULL makes a committed save survive power loss.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS tgauth_session (key TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT');
  return db;
}

/**
 * A session stored in the SQLite database at `path` (created if needed), table `tgauth_session`.
 * Throws `SessionStoreError { reason: 'locked' }` right away if the session is open elsewhere;
 * `reason: 'missing-dependency'` on first use if better-sqlite3 is not installed.
 */
export function sqliteStore(path: string, options: SqliteStoreOptions = {}): ClosableSessionStore {
  const key = options.key ?? 'default';
  const lock: SessionLock | undefined =
    options.lock === false ? undefined : acquireSessionLock(key === 'default' ? path : `${path}#${key}`);
  const queue = serialQueue();
  let db: Promise<Database> | undefined;
  let closed = false;
  const run = <T>(what: string, op: (db: Database) => T): Promise<T> =>
    queue(async () => {
      if (closed) throw new SessionStoreError('io', `session database ${path} is closed`);
      db ??= openDatabase(path);
      try {
        return op(await db);
      } catch (error) {
        if (error instanceof SessionStoreError) throw error;
        throw new SessionStoreError('io', `cannot ${what} session in ${path}`, { cause: error });
      }
    });
  return {
    load: () =>
      run('read', (d) => {
        const row = d.prepare('SELECT value FROM tgauth_session WHERE key = ?').get(key) as
          { value: Uint8Array } | undefined;
        return row === undefined ? undefined : new Uint8Array(row.value);
      }),
    save: (bytes) => {
      const copy = bytes.slice();
      return run('write', (d) => {
        d.prepare(
          'INSERT INTO tgauth_session (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        ).run(key, copy);
      });
    },
    clear: () =>
      run('clear', (d) => {
        d.prepare('DELETE FROM tgauth_session WHERE key = ?').run(key);
      }),
    close: () =>
      queue(async () => {
        if (closed) return;
        closed = true;
        try {
          if (db !== undefined) (await db).close();
        } catch {
          // Opening failed; there is nothing to close.
        } finally {
          lock?.release();
        }
      }),
  };
}
