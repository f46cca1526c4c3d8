/**
 * The few things the flow storage needs from a SQL database, so one storage implementation runs on
 * SQLite (better-sqlite3) and PostgreSQL (pg). Statements use `?` placeholders; the PostgreSQL
 * driver numbers them. Integers come back as JavaScript numbers on both.
 */

/** One SQL connection (or pool) in the storage's terms. */
export interface SqlDriver {
  readonly dialect: 'sqlite' | 'postgres';
  /** Rows of a statement (`SELECT`, or a write with `RETURNING`). */
  query<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** A write; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs `body` in one write transaction (serialised with other writers on SQLite). */
  transaction<T>(body: (tx: SqlDriver) => Promise<T>): Promise<T>;
  /** Wakes the listeners of every process on this database (PostgreSQL NOTIFY; a no-op on SQLite, which polls). */
  notify(channel: string, payload: string): Promise<void>;
  /** Calls `listener` for each notification on `channel` (PostgreSQL LISTEN); resolves to a stop function. */
  listen(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A serial queue: each task starts after the previous one settled. */
export function serialLock(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  };
}
