/**
 * Durable state of login flows, shared by every worker of a service through one database. The
 * storage decides who owns a flow (a lease with an expiry and a fencing token in the flow's row)
 * and refuses any write that does not carry the current token, so a worker that was paused or cut
 * off past its lease can never overwrite a newer state. Values are stored as given (the caller
 * seals them); nothing here sees a code, a password or an auth key in the clear.
 */
import { ServiceError } from '../errors.js';
import { migrate } from './migrations.js';
import type { SqlDriver } from './sql-driver.js';

/** A flow's row, as the service reads it. */
export interface FlowRecord {
  readonly id: string;
  readonly tokenDigest: string;
  readonly phoneDigest: string | undefined;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly touchedAt: number;
  /** Kept in a worker's memory while it waits (a QR login polling for its scan). */
  readonly live: boolean;
  readonly version: number;
  readonly view: Uint8Array | undefined;
  readonly session: Uint8Array | undefined;
  /** The sealed record of the owner's last call that must not run twice (in-flight-record.ts). */
  readonly inFlight: Uint8Array | undefined;
  readonly leaseOwner: string | undefined;
  readonly leaseExpiresAt: number;
  readonly leaseToken: number;
}

/** States of a queued command: applied at most once, by the lease holder that claimed it. */
export type CommandState = 'queued' | 'applying' | 'done';

export interface CommandRecord {
  readonly flowId: string;
  readonly idemId: string;
  readonly seq: number;
  readonly command: Uint8Array;
  readonly state: CommandState;
  /** JSON of the outcome once done (never a secret). */
  readonly outcome: string | undefined;
}

/** What a new flow starts with. */
export interface NewFlow {
  id: string;
  tokenDigest: string;
  phoneDigest?: string;
  now: number;
  expiresAt: number;
  view: Uint8Array;
}

type Row = Record<string, unknown>;
const num = (v: unknown): number => Number(v ?? 0);
const bytes = (v: unknown): Uint8Array | undefined => (v == null ? undefined : new Uint8Array(v as Uint8Array));

function flowOf(r: Row): FlowRecord {
  return {
    id: String(r['id']),
    tokenDigest: String(r['token_digest']),
    phoneDigest: r['phone_digest'] == null ? undefined : String(r['phone_digest']),
    createdAt: num(r['created_at']),
    expiresAt: num(r['expires_at']),
    touchedAt: num(r['touched_at']),
    live: num(r['live']) === 1,
    version: num(r['version']),
    view: bytes(r['view']),
    session: bytes(r['session']),
    inFlight: bytes(r['in_flight']),
    leaseOwner: r['lease_owner'] == null ? undefined : String(r['lease_owner']),
    leaseExpiresAt: num(r['lease_expires_at']),
    leaseToken: num(r['lease_token']),
  };
}

function commandOf(r: Row): CommandRecord {
  return {
    flowId: String(r['flow_id']),
    idemId: String(r['idem_id']),
    seq: num(r['seq']),
    command: bytes(r['command'])!,
    state: String(r['state']) as CommandState,
    outcome: r['outcome'] == null ? undefined : String(r['outcome']),
  };
}

/** How many views per flow are kept for SSE resumption. */
const KEPT_VIEWS = 50;
const FENCE = 'EXISTS (SELECT 1 FROM tgauth_flows f WHERE f.id = ? AND f.lease_token = ?)';
/** The notification channel owners listen on; the payload is the flow id. */
export const COMMAND_CHANNEL = 'tgauth_commands';

/** The flow storage over one SQL database (SQLite or PostgreSQL). */
export class FlowStorage {
  private constructor(readonly driver: SqlDriver) {}

  /** Opens the storage on `driver`, applying pending migrations first. */
  static async open(driver: SqlDriver): Promise<FlowStorage> {
    await migrate(driver);
    return new FlowStorage(driver);
  }

  async createFlow(flow: NewFlow): Promise<void> {
    await this.driver.run(
      'INSERT INTO tgauth_flows (id, token_digest, phone_digest, created_at, expires_at, touched_at, view) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [flow.id, flow.tokenDigest, flow.phoneDigest ?? null, flow.now, flow.expiresAt, flow.now, flow.view],
    );
  }

  async getFlow(id: string): Promise<FlowRecord | undefined> {
    const [row] = await this.driver.query('SELECT * FROM tgauth_flows WHERE id = ?', [id]);
    return row ? flowOf(row) : undefined;
  }

  /** Remembers the (digest of the) phone a flow logs in, for its FLOOD_WAIT and limits. */
  async setPhoneDigest(id: string, digest: string): Promise<void> {
    await this.driver.run('UPDATE tgauth_flows SET phone_digest = ? WHERE id = ?', [digest, id]);
  }

  /** Deletes a flow with its commands and views (and so its session and keys). */
  async deleteFlow(id: string): Promise<boolean> {
    return (await this.driver.run('DELETE FROM tgauth_flows WHERE id = ?', [id])) > 0;
  }

  /**
   * Takes the lease for `owner` when it is free, expired or already `owner`'s; a new owner raises
   * the fencing token. Resolves to the token held, or undefined while another worker holds it.
   */
  async acquireLease(id: string, owner: string, now: number, ttlMs: number): Promise<number | undefined> {
    const [row] = await this.driver.query<Row>(
      `UPDATE tgauth_flows SET
         lease_token = CASE WHEN lease_owner = ? AND lease_expires_at >= ? THEN lease_token ELSE lease_token + 1 END,
         lease_owner = ?, lease_expires_at = ?
       WHERE id = ? AND (lease_owner IS NULL OR lease_expires_at < ? OR lease_owner = ?)
       RETURNING lease_token`,
      [owner, now, owner, now + ttlMs, id, now, owner],
    );
    return row ? num(row['lease_token']) : undefined;
  }

  /** Extends a lease still held under `token`; false when it was taken over. */
  async renewLease(id: string, token: number, now: number, ttlMs: number): Promise<boolean> {
    return (await this.driver.run('UPDATE tgauth_flows SET lease_expires_at = ? WHERE id = ? AND lease_token = ?', [now + ttlMs, id, token])) > 0;
  }

  /** Gives the lease up (the flow was evicted from memory); the token stays, so stale writers stay fenced. */
  async releaseLease(id: string, token: number): Promise<void> {
    await this.driver.run('UPDATE tgauth_flows SET lease_owner = NULL, lease_expires_at = 0 WHERE id = ? AND lease_token = ?', [id, token]);
  }

  /** Writes the sealed session under `token`; throws `fenced` if the lease moved on. */
  async saveSession(id: string, token: number, session: Uint8Array | undefined): Promise<void> {
    const n = await this.driver.run('UPDATE tgauth_flows SET session = ? WHERE id = ? AND lease_token = ?', [session ?? null, id, token]);
    if (n === 0) throw new ServiceError('fenced', 'the flow was taken over by another worker');
  }

  /** Writes (or clears) the sealed in-flight record under `token`; throws `fenced` if the lease moved on. */
  async saveInFlight(id: string, token: number, record: Uint8Array | undefined): Promise<void> {
    const n = await this.driver.run('UPDATE tgauth_flows SET in_flight = ? WHERE id = ? AND lease_token = ?', [record ?? null, id, token]);
    if (n === 0) throw new ServiceError('fenced', 'the flow was taken over by another worker');
  }

  /**
   * Records view `version` (sealed) under `token`: the flow's current view and one more entry of
   * its SSE history. Versions only go up: an older or equal version is refused as fenced.
   */
  async saveView(id: string, token: number, version: number, view: Uint8Array, now: number, live: boolean, expiresAt?: number): Promise<void> {
    await this.driver.transaction(async (tx) => {
      const n = await tx.run(
        `UPDATE tgauth_flows SET version = ?, view = ?, touched_at = ?, live = ?, expires_at = COALESCE(?, expires_at)
         WHERE id = ? AND lease_token = ? AND version < ?`,
        [version, view, now, live ? 1 : 0, expiresAt ?? null, id, token, version],
      );
      if (n === 0) throw new ServiceError('fenced', 'the flow was taken over by another worker');
      await tx.run('INSERT INTO tgauth_views (flow_id, version, view) VALUES (?, ?, ?)', [id, version, view]);
      await tx.run('DELETE FROM tgauth_views WHERE flow_id = ? AND version <= ?', [id, version - KEPT_VIEWS]);
    });
  }

  /** Views after `version`, oldest first (an SSE stream resuming from Last-Event-ID). */
  async viewsAfter(id: string, version: number): Promise<{ version: number; view: Uint8Array }[]> {
    const rows = await this.driver.query('SELECT version, view FROM tgauth_views WHERE flow_id = ? AND version > ? ORDER BY version', [id, version]);
    return rows.map((r) => ({ version: num(r['version']), view: bytes(r['view'])! }));
  }

  /** Queues a command once per idempotency id; a retry gets the first record back (with its outcome, once done). */
  async enqueueCommand(flowId: string, idemId: string, command: Uint8Array, now: number): Promise<CommandRecord> {
    await this.driver.run(
      `INSERT INTO tgauth_commands (flow_id, idem_id, command, state, created_at) VALUES (?, ?, ?, 'queued', ?) ON CONFLICT (flow_id, idem_id) DO NOTHING`,
      [flowId, idemId, command, now],
    );
    return (await this.getCommand(flowId, idemId))!;
  }

  async getCommand(flowId: string, idemId: string): Promise<CommandRecord | undefined> {
    const [row] = await this.driver.query('SELECT * FROM tgauth_commands WHERE flow_id = ? AND idem_id = ?', [flowId, idemId]);
    return row ? commandOf(row) : undefined;
  }

  /** The oldest queued command of a flow. */
  async nextCommand(flowId: string): Promise<CommandRecord | undefined> {
    const [row] = await this.driver.query(`SELECT * FROM tgauth_commands WHERE flow_id = ? AND state = 'queued' ORDER BY seq LIMIT 1`, [flowId]);
    return row ? commandOf(row) : undefined;
  }

  /** queued -> applying under `token`. False: another worker claimed it, or the lease moved on. */
  async claimCommand(flowId: string, seq: number, token: number): Promise<boolean> {
    return (await this.driver.run(`UPDATE tgauth_commands SET state = 'applying' WHERE seq = ? AND state = 'queued' AND ${FENCE}`, [seq, flowId, token])) > 0;
  }

  /** Records a command's outcome (JSON, no secret); its sealed body is wiped, it is not needed any more. */
  async finishCommand(flowId: string, seq: number, token: number, outcome: string): Promise<boolean> {
    return (
      (await this.driver.run(`UPDATE tgauth_commands SET state = 'done', outcome = ?, command = ? WHERE seq = ? AND state <> 'done' AND ${FENCE}`, [
        outcome,
        new Uint8Array(0),
        seq,
        flowId,
        token,
      ])) > 0
    );
  }

  /**
   * Commands a dead owner had claimed but not finished: they may or may not have reached Telegram,
   * so they are never applied again (at most once); the new owner finishes them as `uncertain`.
   */
  async claimedCommands(flowId: string): Promise<CommandRecord[]> {
    const rows = await this.driver.query(`SELECT * FROM tgauth_commands WHERE flow_id = ? AND state = 'applying' ORDER BY seq`, [flowId]);
    return rows.map(commandOf);
  }

  /** Flows kept live (QR) whose owner's lease ran out: a takeover candidate list. */
  async orphanedLiveFlows(now: number, limit = 20): Promise<string[]> {
    const rows = await this.driver.query('SELECT id FROM tgauth_flows WHERE live = 1 AND lease_expires_at < ? AND expires_at > ? LIMIT ?', [now, now, limit]);
    return rows.map((r) => String(r['id']));
  }

  /** Flows with queued commands and no live owner (their command's worker died before applying it). */
  async orphanedQueues(now: number, limit = 20): Promise<string[]> {
    const rows = await this.driver.query(
      `SELECT DISTINCT c.flow_id AS id FROM tgauth_commands c JOIN tgauth_flows f ON f.id = c.flow_id
       WHERE c.state = 'queued' AND f.lease_expires_at < ? LIMIT ?`,
      [now, limit],
    );
    return rows.map((r) => String(r['id']));
  }

  /**
   * Deletes flows past their expiry (with their sessions, commands and views); returns how many.
   * Limit counters go too once their window began `limitWindowMs` ago (the longest window the
   * service counts in: codes per phone per hour) and no FLOOD_WAIT is pending on them, so the
   * table holds only the phones and addresses seen lately.
   */
  async collectExpired(now: number, limitWindowMs = 3_600_000): Promise<number> {
    await this.driver.run('DELETE FROM tgauth_limits WHERE window_start <= ? AND flood_until <= ?', [now - limitWindowMs, now]);
    return this.driver.run('DELETE FROM tgauth_flows WHERE expires_at < ?', [now]);
  }

  /** Counts one hit on `key` in a fixed window of `windowMs`; resolves to the count in the current window. */
  async hit(key: string, now: number, windowMs: number): Promise<number> {
    const [row] = await this.driver.query<Row>(
      `INSERT INTO tgauth_limits (key, window_start, count) VALUES (?, ?, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN tgauth_limits.window_start <= ? THEN 1 ELSE tgauth_limits.count + 1 END,
         window_start = CASE WHEN tgauth_limits.window_start <= ? THEN ? ELSE tgauth_limits.window_start END
       RETURNING count`,
      [key, now, now - windowMs, now - windowMs, now],
    );
    return num(row?.['count']);
  }

  /** Shares a FLOOD_WAIT deadline for `key` (a phone) with every worker. */
  async setFloodUntil(key: string, until: number): Promise<void> {
    await this.driver.run(
      `INSERT INTO tgauth_limits (key, window_start, count, flood_until) VALUES (?, 0, 0, ?)
       ON CONFLICT (key) DO UPDATE SET flood_until = CASE WHEN tgauth_limits.flood_until > ? THEN tgauth_limits.flood_until ELSE ? END`,
      [key, until, until, until],
    );
  }

  async floodUntil(key: string): Promise<number> {
    const [row] = await this.driver.query('SELECT flood_until FROM tgauth_limits WHERE key = ?', [key]);
    return num(row?.['flood_until']);
  }

  /** Wakes the owner of `flowId` in whichever process holds it (PostgreSQL only; SQLite owners poll). */
  notifyCommand(flowId: string): Promise<void> {
    return this.driver.notify(COMMAND_CHANNEL, flowId);
  }

  onCommand(listener: (flowId: string) => void): Promise<() => Promise<void>> {
    return this.driver.listen(COMMAND_CHANNEL, listener);
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
