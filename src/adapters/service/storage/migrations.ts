/**
 * Versioned schema of the flow storage, applied at start by every worker (idempotent; concurrent
 * starts are serialised: a PostgreSQL advisory lock, SQLite's write lock). A version is never
 * edited once released: changes are new entries. `{int}` / `{blob}` become the dialect's types.
 *
 * - tgauth_flows: one row per flow. The lease lives in the row: `lease_owner`, `lease_expires_at`
 *   and `lease_token`, the fencing token, raised by one on every change of owner; every write of
 *   a flow's state is conditioned on it. `session` and `view` are sealed (see sealer.ts); the
 *   capability token and the phone are stored only as keyed digests.
 * - tgauth_commands: the queue, keyed by the client's idempotency id; `command` is sealed.
 * - tgauth_views: recent views per version, for SSE resumption (`Last-Event-ID`); sealed.
 * - tgauth_limits: fixed-window counters and FLOOD_WAIT deadlines shared by all workers.
 * - version 2, tgauth_flows.in_flight: where the owner sent its last call that must not run twice
 *   (sealed; see in-flight-record.ts), so a takeover can ask the server for its answer.
 */
import type { SqlDriver } from './sql-driver.js';

const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE tgauth_flows (
      id TEXT PRIMARY KEY,
      token_digest TEXT NOT NULL,
      phone_digest TEXT,
      created_at {int} NOT NULL,
      expires_at {int} NOT NULL,
      touched_at {int} NOT NULL,
      live {int} NOT NULL DEFAULT 0,
      version {int} NOT NULL DEFAULT 0,
      view {blob},
      session {blob},
      lease_owner TEXT,
      lease_expires_at {int} NOT NULL DEFAULT 0,
      lease_token {int} NOT NULL DEFAULT 0
    )`,
    `CREATE INDEX tgauth_flows_expiry ON tgauth_flows (expires_at)`,
    `CREATE TABLE tgauth_commands (
      flow_id TEXT NOT NULL REFERENCES tgauth_flows (id) ON DELETE CASCADE,
      idem_id TEXT NOT NULL,
      seq {serial},
      command {blob} NOT NULL,
      state TEXT NOT NULL,
      outcome TEXT,
      created_at {int} NOT NULL,
      UNIQUE (flow_id, idem_id)
    )`,
    `CREATE INDEX tgauth_commands_queue ON tgauth_commands (flow_id, state, seq)`,
    `CREATE TABLE tgauth_views (
      flow_id TEXT NOT NULL REFERENCES tgauth_flows (id) ON DELETE CASCADE,
      version {int} NOT NULL,
      view {blob} NOT NULL,
      PRIMARY KEY (flow_id, version)
    )`,
    `CREATE TABLE tgauth_limits (
      key TEXT PRIMARY KEY,
      window_start {int} NOT NULL,
      count {int} NOT NULL,
      flood_until {int} NOT NULL DEFAULT 0
    )`,
  ],
  [`ALTER TABLE tgauth_flows ADD COLUMN in_flight {blob}`],
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

function inDialect(sql: string, dialect: SqlDriver['dialect']): string {
  const types =
    dialect === 'postgres'
      ? { int: 'BIGINT', blob: 'BYTEA', serial: 'BIGSERIAL PRIMARY KEY' }
      : { int: 'INTEGER', blob: 'BLOB', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' };
  return sql.replace(/\{(int|blob|serial)\}/g, (_, t: keyof typeof types) => types[t]);
}

/** Brings the database to {@link SCHEMA_VERSION}; returns the versions it applied. */
export async function migrate(driver: SqlDriver): Promise<number[]> {
  return driver.transaction(async (tx) => {
    // Two workers starting at once: the second waits here, then sees the first one's versions.
    if (tx.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(7240331)');
    await tx.run(`CREATE TABLE IF NOT EXISTS tgauth_schema (version ${tx.dialect === 'postgres' ? 'BIGINT' : 'INTEGER'} PRIMARY KEY, applied_at ${tx.dialect === 'postgres' ? 'BIGINT' : 'INTEGER'} NOT NULL)`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM tgauth_schema');
    const have = new Set(rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const [i, statements] of MIGRATIONS.entries()) {
      const version = i + 1;
      if (have.has(version)) continue;
      for (const sql of statements) await tx.run(inDialect(sql, tx.dialect));
      await tx.run('INSERT INTO tgauth_schema (version, applied_at) VALUES (?, ?)', [version, Date.now()]);
      applied.push(version);
    }
    return applied;
  });
}
