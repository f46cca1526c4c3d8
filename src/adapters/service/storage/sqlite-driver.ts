/**
 * SqlDriver over better-sqlite3 (an optional dependency, imported on first use). Several processes
 * may open the same file: WAL lets readers run beside the writer, `BEGIN IMMEDIATE` takes the write
 * lock up front so two processes never deadlock upgrading a read, and `busy_timeout` makes a
 * writer wait for the other process instead of failing. There is no LISTEN on SQLite: owners poll.
 */
import { resolve } from 'node:path';
import { ServiceError } from '../errors.js';
import { serialLock, type SqlDriver } from './sql-driver.js';

interface Statement {
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
  reader: boolean;
}
interface Database {
  pragma(source: string): unknown;
  exec(source: string): unknown;
  prepare(source: string): Statement;
  close(): unknown;
}
type DatabaseConstructor = new (path: string) => Database;

/**
 * One queue per database file in this process: better-sqlite3 waits for another connection's
 * write lock synchronously, so two connections of one process on one file would block the event
 * loop that has to finish the first one's transaction. Other processes are ordered by SQLite.
 */
const fileLocks = new Map<string, ReturnType<typeof serialLock>>();

/** Opens (creating if needed) the SQLite database at `path`. */
export async function openSqliteDriver(path: string): Promise<SqlDriver> {
  let ctor: DatabaseConstructor;
  try {
    const name = 'better-sqlite3'; // a variable specifier keeps bundlers off the optional package
    ctor = ((await import(name)) as { default: DatabaseConstructor }).default;
  } catch (cause) {
    throw new ServiceError('missing-dependency', 'the SQLite backend needs better-sqlite3 (npm install better-sqlite3@12)', { cause });
  }
  const db = new ctor(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  // better-sqlite3 values: numbers, strings, Buffers (bytes), null. Bytes go in as Uint8Array views.
  const bind = (params: readonly unknown[]): unknown[] => params.map((p) => (p === undefined ? null : p));
  const out = (row: Record<string, unknown>): Record<string, unknown> => {
    for (const k of Object.keys(row)) if (row[k] instanceof Uint8Array) row[k] = new Uint8Array(row[k] as Uint8Array);
    return row;
  };
  const wrap = <T>(what: () => T): Promise<T> => {
    try {
      return Promise.resolve(what());
    } catch (cause) {
      return Promise.reject(new ServiceError('storage', `SQLite: ${(cause as Error).message}`, { cause }));
    }
  };
  const direct: Omit<SqlDriver, 'transaction'> = {
    dialect: 'sqlite',
    query: <R>(sql: string, params: readonly unknown[] = []) =>
      wrap(() => {
        const statement = prepare(sql);
        return (statement.reader ? statement.all(...bind(params)) : (statement.run(...bind(params)), [])).map((r) =>
          out(r as Record<string, unknown>),
        ) as R[];
      }),
    run: (sql, params = []) => wrap(() => prepare(sql).run(...bind(params)).changes),
    notify: () => Promise.resolve(),
    listen: () => Promise.resolve(() => Promise.resolve()),
    close: () => wrap(() => void db.close()),
  };
  // One transaction at a time on this file in this process; other processes are kept out by BEGIN IMMEDIATE.
  const file = resolve(path);
  let lock = fileLocks.get(file);
  if (!lock) fileLocks.set(file, (lock = serialLock()));
  const inTx: SqlDriver = { ...direct, transaction: (body) => body(inTx) };
  const driver: SqlDriver = {
    ...direct,
    query: (sql, params) => lock(() => direct.query(sql, params)),
    run: (sql, params) => lock(() => direct.run(sql, params)),
    transaction: (body) =>
      lock(async () => {
        await wrap(() => db.exec('BEGIN IMMEDIATE'));
        try {
          const result = await body(inTx);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      }),
    close: () => lock(() => direct.close()),
  };
  return driver;
}
