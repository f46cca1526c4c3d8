/**
 * Pending key exchanges on the server side, keyed by the client's nonce (not by connection: one
 * connection may run a permanent and a temporary exchange at once; docs/ARCHITECTURE.md "The simulator"). Bounded in
 * count and age so a flood of req_pq_multi cannot grow memory without limit.
 */
import { bytesToHex } from '../../crypto/index.js';
import type { TmpAesKeyIv } from './handshake-kdf.js';
import type { ResPq, ServerDhParamsOk } from './handshake-types.js';

/** The DH stage of an exchange: set once req_DH_params was accepted. */
export interface PendingDh {
  readonly newNonce: Uint8Array;
  readonly tmp: TmpAesKeyIv;
  /** The server's secret exponent. */
  readonly a: bigint;
  /** The dc field the client sent (undefined for the legacy variants without one). */
  readonly dc: number | undefined;
  /** Seconds, for a temporary key. */
  readonly expiresIn: number | undefined;
  /** The req_DH_params encrypted_data it answers, so an identical re-send gets the identical answer (core.telegram.org/mtproto/auth_key). */
  readonly request: Uint8Array;
  readonly answer: ServerDhParamsOk;
  /** retry_id the next set_client_DH_params must carry: 0, then auth_key_aux_hash after each dh_gen_retry. */
  retryId: bigint;
}

/** One exchange in progress. */
export interface PendingExchange {
  readonly nonce: Uint8Array;
  readonly serverNonce: Uint8Array;
  readonly p: bigint;
  readonly q: bigint;
  readonly resPq: ResPq;
  dh?: PendingDh;
  /** Last activity (ms), for expiry. */
  touchedAt: number;
}

/** Limits of {@link PendingExchanges}. */
export interface PendingLimits {
  /** At most this many exchanges at once; the least recently active is dropped first. */
  readonly maxPending: number;
  /** An exchange idle this long (ms) is forgotten; the client then restarts (core.telegram.org/mtproto/auth_key). */
  readonly ttlMs: number;
}

/** A bounded map nonce -> exchange ordered by last activity. */
export class PendingExchanges {
  // Map iteration order is insertion order; touch() re-inserts, so the front is the least recently active.
  private readonly byNonce = new Map<string, PendingExchange>();

  constructor(
    private readonly limits: PendingLimits,
    private readonly now: () => number,
  ) {}

  /** Number of exchanges held. */
  get size(): number {
    return this.byNonce.size;
  }

  /** The live exchange started with `nonce`, if any. */
  get(nonce: Uint8Array): PendingExchange | undefined {
    this.sweep();
    return this.byNonce.get(bytesToHex(nonce));
  }

  /** Stores (or replaces) an exchange, evicting the least recently active one when full. */
  put(exchange: PendingExchange): void {
    this.sweep();
    const key = bytesToHex(exchange.nonce);
    this.byNonce.delete(key);
    while (this.byNonce.size >= this.limits.maxPending) {
      const oldest = this.byNonce.keys().next();
      if (oldest.done) break;
      this.byNonce.delete(oldest.value);
    }
    exchange.touchedAt = this.now();
    this.byNonce.set(key, exchange);
  }

  /** Marks activity on an exchange (moves it to the back of the eviction order). */
  touch(exchange: PendingExchange): void {
    const key = bytesToHex(exchange.nonce);
    this.byNonce.delete(key);
    exchange.touchedAt = this.now();
    this.byNonce.set(key, exchange);
  }

  /** Forgets an exchange (finished or failed). */
  delete(nonce: Uint8Array): void {
    this.byNonce.delete(bytesToHex(nonce));
  }

  private sweep(): void {
    const limit = this.now() - this.limits.ttlMs;
    for (const [key, ex] of this.byNonce) {
      if (ex.touchedAt > limit) break;
      this.byNonce.delete(key);
    }
  }
}
