/**
 * `createTransportRpc`: the engine's `AuthRpc` port over the real transport. One `DcConnection`
 * per DC, opened on the first call to that DC; its key comes from the per-DC key machine (which
 * sequences the handshake over the connection's plain-message path) or from the key store. The
 * first request of every session is wrapped in invokeWithLayer(LAYER, initConnection(...)) (core.telegram.org/api/invoking).
 * With PFS (default) traffic runs on bound temp keys, rotated before expiry (see dc-link/dc-link.ts);
 * `ensureAuthorized` carries the login to other DCs.
 */
import { firstValueFrom, Observable, Subject } from 'rxjs';
import type { InspectionEvent } from 'xstate';
import { authKeyId, pureCrypto, secureRandom, type CryptoProvider, type Random, type RsaPublicKey } from '../../crypto/index.js';
import type { ResultOf, TlMethod, TlObject } from '../../tl/index.js';
import {
  DcConnection,
  type BackoffOptions,
  type Clock,
  type DcAddress,
  type DcAuthKey,
  type Dial,
  type InitConnectionParams,
  type SendRecorder,
} from '../../transport/index.js';
import type { DcKeyActor } from '../dc-key/index.js';
import type { DcKeyStore } from './dc-key-store.js';
import { openDcLink, type DcLink, type DcLinkEnv } from './dc-link.js';
import { DEFAULT_CALL_TIMEOUT_MS, withCallDeadline } from './call-deadline.js';

export type { DcKeyStore } from './dc-key-store.js';
import { AuthEngineError, type AuthRpc } from '../core/index.js';

/** Device information for initConnection; everything but `apiId` has a neutral default. */
export type DeviceInfo = Omit<InitConnectionParams, 'apiId' | 'layer'>;

export interface TransportRpcOptions {
  dcs: readonly DcAddress[];
  dial: Dial;
  clock: Clock;
  rsaKeys: readonly RsaPublicKey[];
  apiId: number;
  device?: Partial<DeviceInfo>;
  random?: Random;
  crypto?: CryptoProvider;
  /** Persists keys; default: kept in memory only. */
  keys?: DcKeyStore;
  inspect?: (event: InspectionEvent) => void;
  backoff?: BackoffOptions;
  /** Keepalive period; 0 disables it (tests on a manual clock). Default 60 s. */
  pingIntervalMs?: number;
  handshakeTimeoutMs?: number;
  /** Deadline of one call, reconnects and re-sends included (default 120 s; 0: none). */
  callTimeoutMs?: number;
  /**
   * Perfect forward secrecy (core.telegram.org/api/pfs): traffic runs on temp keys bound to the permanent key
   * and renewed before they expire. On by default (TTL one day); `false` uses the permanent key.
   */
  pfs?: { tempKeyTtlSeconds?: number } | false;
  /** Requests recorded before they are sent (their answers can be fetched from another process). */
  recorder?: SendRecorder;
}

/** Default temp key lifetime: one day, as Telegram's own clients use (core.telegram.org/api/pfs). */
export const DEFAULT_TEMP_KEY_TTL_SECONDS = 86_400;

/** An `AuthRpc` that owns connections: close it when the engine stops. */
export interface TransportRpc extends AuthRpc {
  /** The key machine of a DC, once its connection exists. */
  keyActor(dcId: number): DcKeyActor | undefined;
  connection(dcId: number): DcConnection | undefined;
  /** The DC's connections (current and draining) with rotation control, once opened. */
  link(dcId: number): DcLink | undefined;
  /**
   * Makes the user's login valid on `dcId` by exporting it from `homeDcId` and importing it there
   * (core.telegram.org/api/datacenter "Authorization transfer"); resolves at once for the home DC or a DC already authorized. Concurrent calls for one
   * DC share a single export.
   */
  ensureAuthorized(dcId: number, homeDcId: number): Promise<void>;
  /**
   * Opens `dcId`'s link now (dial, key exchange, initConnection's first call waits for it), so that
   * the first call of a login does not pay for them: the engine warms its home DC while the user
   * types. Nothing is reported; a failure here is met again, and reported, by the first real call.
   */
  prewarm(dcId: number): void;
  /**
   * DC ids whose permanent key the server no longer knew (it was reset, core.telegram.org/mtproto/mtproto-transports "Transport errors"): a new key was made,
   * and any login on the old one is gone.
   */
  readonly keyLost$: Observable<number>;
  close(): void;
}

const defaultDevice: DeviceInfo = {
  deviceModel: 'tgauth',
  systemVersion: 'unknown',
  appVersion: '0.1.0',
  systemLangCode: 'en',
  langCode: 'en',
};

/** A key store that forgets everything when the process ends. */
export function memoryKeyStore(): DcKeyStore {
  const keys = new Map<number, DcAuthKey>();
  return { authKey: (id) => keys.get(id), setAuthKey: (id, k) => void keys.set(id, k), dropAuthKey: (id) => void keys.delete(id) };
}

/** auth_key_id as the signed int64 TL carries (8 wire bytes, little-endian). */
const authKeyIdOf = (id: Uint8Array): bigint => new DataView(id.buffer, id.byteOffset, 8).getBigInt64(0, true);

/** Creates the transport-backed `AuthRpc`. */
export function createTransportRpc(options: TransportRpcOptions): TransportRpc {
  return new Transport(options);
}

/** The transport, as a class so an engine's costs its fields, not a closure per helper (issue 11). */
class Transport implements TransportRpc {
  readonly updates$: Observable<{ dcId: number; update: TlObject }>;
  readonly keyLost$: Observable<number>;
  private readonly updates = new Subject<{ dcId: number; update: TlObject }>();
  private readonly keyLost = new Subject<number>();
  private readonly dcs = new Map<number, DcLink>();
  private readonly authorized = new Set<number>();
  private readonly transfers = new Map<number, Promise<void>>();
  private readonly addresses: readonly DcAddress[];
  private readonly keys: DcKeyStore;
  private readonly crypto: CryptoProvider;
  /** What every link of this transport shares. */
  private readonly env: DcLinkEnv;
  private readonly callTimeoutMs: number;
  private closed = false;

  constructor(options: TransportRpcOptions) {
    this.updates$ = this.updates.asObservable();
    this.keyLost$ = this.keyLost.asObservable();
    this.addresses = options.dcs;
    const keys = (this.keys = options.keys ?? memoryKeyStore());
    const crypto = (this.crypto = options.crypto ?? pureCrypto);
    this.env = new LinkEnv(options, keys, crypto, this.updates, this.keyLost, this.authorized);
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  }

  invoke<M extends TlMethod>(dcId: number, request: M): Observable<ResultOf<M>> {
    // rxjs defer() by hand (its defer also takes promises and iterables, which the browser build need not carry).
    return new Observable<ResultOf<M>>((subscriber) => {
      if (this.closed) return subscriber.error(new AuthEngineError('rpc.closed', 'the transport is closed'));
      return withCallDeadline(this.linkFor(dcId).invoke(request), this.env.clock, this.callTimeoutMs, dcId, request._).subscribe(subscriber);
    });
  }

  ensureAuthorized(dcId: number, homeDcId: number): Promise<void> {
    // The store knows best (it forgets imports on logout); without one, this run's imports count.
    const known = this.keys.isAuthorized ? this.keys.isAuthorized(dcId) : this.authorized.has(dcId);
    if (dcId === homeDcId || known) return Promise.resolve();
    let running = this.transfers.get(dcId);
    if (!running) {
      // Concurrent callers share one export: its bytes can be imported only once.
      running = this.transfer(dcId, homeDcId).finally(() => this.transfers.delete(dcId));
      this.transfers.set(dcId, running);
    }
    return running;
  }

  prewarm(dcId: number): void {
    if (this.closed || this.dcs.has(dcId) || !this.addresses.some((d) => d.dcId === dcId)) return;
    this.linkFor(dcId);
  }

  keyActor(dcId: number): DcKeyActor | undefined {
    return this.dcs.get(dcId)?.actor;
  }

  connection(dcId: number): DcConnection | undefined {
    return this.dcs.get(dcId)?.current;
  }

  /** The id of the permanent key used on `dcId` (finishPasskeyLogin's from_auth_key_id), if one exists. */
  async permAuthKeyId(dcId: number): Promise<bigint | undefined> {
    const stored = this.keys.authKey(dcId);
    return stored ? authKeyIdOf(authKeyId(stored.key, this.crypto)) : undefined;
  }

  link(dcId: number): DcLink | undefined {
    return this.dcs.get(dcId);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const link of this.dcs.values()) link.close();
    this.updates.complete();
    this.keyLost.complete();
  }

  private linkFor(dcId: number): DcLink {
    let link = this.dcs.get(dcId);
    if (link && !link.failure) return link;
    // A link whose key actor failed fails every call: the next call gets a fresh one (a store that
    // failed to save once may work now; the failed link's calls already got its error).
    link?.close();
    const address = this.addresses.find((d) => d.dcId === dcId);
    if (!address) throw new AuthEngineError('dc.unknown', `no address for DC ${dcId}`);
    link = openDcLink(address, this.env);
    this.dcs.set(dcId, link);
    return link;
  }

  /** auth.exportAuthorization on the home DC, auth.importAuthorization on the target (core.telegram.org/api/datacenter "Authorization transfer"). */
  private async transfer(dcId: number, homeDcId: number): Promise<void> {
    const exported = await firstValueFrom(this.invoke(homeDcId, { _: 'auth.exportAuthorization', dcId }));
    await firstValueFrom(this.invoke(dcId, { _: 'auth.importAuthorization', id: exported.id, bytes: exported.bytes }));
    this.authorized.add(dcId);
    this.keys.setAuthorized?.(dcId, true);
  }
}

/** What every link of one transport shares, with the callbacks that feed the transport's streams. */
class LinkEnv implements DcLinkEnv {
  readonly dial: Dial;
  readonly clock: Clock;
  readonly random: Random;
  readonly rsaKeys: readonly RsaPublicKey[];
  readonly init: InitConnectionParams;
  readonly tempKeyTtlSeconds: number | undefined;
  readonly inspect: ((event: InspectionEvent) => void) | undefined;
  readonly backoff: BackoffOptions | undefined;
  readonly pingIntervalMs: number | undefined;
  readonly handshakeTimeoutMs: number | undefined;
  readonly recorder: SendRecorder | undefined;

  constructor(
    options: TransportRpcOptions,
    readonly keys: DcKeyStore,
    readonly crypto: CryptoProvider,
    private readonly updates: Subject<{ dcId: number; update: TlObject }>,
    private readonly keyLost: Subject<number>,
    private readonly authorized: Set<number>,
  ) {
    const pfs = options.pfs ?? {};
    this.dial = options.dial;
    this.clock = options.clock;
    this.random = options.random ?? secureRandom;
    this.rsaKeys = options.rsaKeys;
    this.init = { apiId: options.apiId, ...defaultDevice, ...options.device };
    this.tempKeyTtlSeconds = pfs === false ? undefined : (pfs.tempKeyTtlSeconds ?? DEFAULT_TEMP_KEY_TTL_SECONDS);
    this.inspect = options.inspect;
    this.backoff = options.backoff;
    this.pingIntervalMs = options.pingIntervalMs;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs;
    this.recorder = options.recorder;
  }

  onUpdate(dcId: number, update: TlObject): void {
    this.updates.next({ dcId, update });
  }

  onKeyLost(dcId: number): void {
    this.authorized.delete(dcId);
    this.keys.setAuthorized?.(dcId, false);
    this.keyLost.next(dcId);
  }
}
