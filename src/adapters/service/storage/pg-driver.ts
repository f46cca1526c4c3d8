/**
 * SqlDriver over node-postgres (`pg`, an optional dependency imported on first use): a pool for
 * statements and transactions, and one dedicated client for LISTEN, so a worker is woken when a
 * command for a flow it owns is queued by another worker.
 */
import type { Pool, PoolClient } from 'pg';
import { ServiceError } from '../errors.js';
import type { SqlDriver } from './sql-driver.js';

/** `?` placeholders -> `$1, $2, …` (the storage's statements hold no `?` inside literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** BIGINT (int8) and NUMERIC arrive as strings from pg: the storage's integers all fit in a double. */
function normalise(row: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(row)) {
    const v = row[k];
    if (typeof v === 'string' && /^-?\d+$/.test(v) && (k.endsWith('_at') || ['version', 'seq', 'lease_token', 'count', 'live', 'deleted', 'n'].includes(k)))
      row[k] = Number(v);
    else if (v instanceof Uint8Array) row[k] = new Uint8Array(v);
  }
  return row;
}

function fail(cause: unknown): never {
  throw new ServiceError('storage', `PostgreSQL: ${(cause as Error).message}`, { cause });
}

/** Connects to the PostgreSQL database at `url` (postgres://user@host:port/db). */
export async function openPgDriver(url: string, options: { max?: number } = {}): Promise<SqlDriver> {
  let pg: typeof import('pg');
  try {
    const name = 'pg';
    const mod = (await import(name)) as { default?: typeof import('pg') } & typeof import('pg');
    pg = mod.default ?? mod;
  } catch (cause) {
    throw new ServiceError('missing-dependency', 'the PostgreSQL backend needs pg (npm install pg@8)', { cause });
  }
  const pool: Pool = new pg.Pool({ connectionString: url, max: options.max ?? 8 });
  pool.on('error', () => undefined); // an idle client's error (server restart) must not crash the worker
  let listener: PoolClient | undefined;
  const listeners = new Map<string, Set<(payload: string) => void>>();
  const over = (client: Pool | PoolClient): Omit<SqlDriver, 'transaction' | 'listen' | 'close'> => ({
    dialect: 'postgres',
    query: async <R>(sql: string, params: readonly unknown[] = []) => {
      const result = await client.query(numbered(sql), params as unknown[]).catch(fail);
      return result.rows.map((r) => normalise(r as Record<string, unknown>)) as R[];
    },
    run: async (sql, params = []) => (await client.query(numbered(sql), params as unknown[]).catch(fail)).rowCount ?? 0,
    notify: async (channel, payload) => {
      await client.query('SELECT pg_notify($1, $2)', [channel, payload]).catch(fail);
    },
  });
  const driver: SqlDriver = {
    ...over(pool),
    transaction: async (body) => {
      const client = await pool.connect().catch(fail);
      const tx: SqlDriver = { ...over(client), transaction: (b) => b(tx), listen: driver.listen, close: () => Promise.resolve() };
      try {
        await client.query('BEGIN');
        const result = await body(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    listen: async (channel, fn) => {
      if (!listener) {
        listener = await pool.connect().catch(fail);
        listener.on('notification', (m) => listeners.get(m.channel)?.forEach((l) => l(m.payload ?? '')));
      }
      let set = listeners.get(channel);
      if (!set) {
        listeners.set(channel, (set = new Set()));
        // channel names are ours (fixed identifiers), never user input
        await listener.query(`LISTEN ${channel}`).catch(fail);
      }
      set.add(fn);
      return async () => {
        set.delete(fn);
      };
    },
    close: async () => {
      listener?.release();
      listener = undefined;
      await pool.end();
    },
  };
  return driver;
}
