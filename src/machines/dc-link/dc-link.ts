/**
 * One DC as the transport sees it: the key machine plus the `DcConnection`(s) that carry traffic.
 * Without PFS that is one connection on the permanent key. With PFS (core.telegram.org/api/pfs) every
 * connection runs on a bound temp key; before a temp key expires (TTL minus up to an hour, minus
 * jitter) a second connection makes and binds the next key, new calls move to it, and the old
 * connection stays open until every call it carries is answered (so nothing is lost or sent
 * twice). Then it is closed and `auth.dropTempAuthKeys` keeps only the live key on the server.
 */
import { EmptyError, Observable, Subject, throwError, type Subscription } from 'rxjs';
import { afterError } from './after-error.js';
import { createActor, type InspectionEvent } from 'xstate';
import { authKeyId, bytesToHex, type CryptoProvider, type Random, type RsaPublicKey } from '../../crypto/index.js';
import type { ResultOf, TlMethod, TlObject } from '../../tl/index.js';
import {
  DcConnection,
  RpcError,
  type BackoffOptions,
  type Clock,
  type DcAddress,
  type DcAuthKey,
  type Dial,
  type Duplex,
  type HandshakeEnv,
  type InitConnectionParams,
  type SendRecorder,
} from '../../transport/index.js';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS, createDcKeyMachine, type DcKeyActor, type DcKeyDeps, type DcKeyEmitted } from '../dc-key/index.js';
import { AuthEngineError, once, systemDeps } from '../core/index.js';
import { ClockEnv } from './clock-env.js';
import { rotationDelayMs } from './rotation-delay.js';
import type { DcKeyStore } from './dc-key-store.js';

/** What every DC link of one transport shares (one object per transport). */
export interface DcLinkEnv {
  dial: Dial;
  clock: Clock;
  random: Random;
  crypto: CryptoProvider;
  rsaKeys: readonly RsaPublicKey[];
  keys: DcKeyStore;
  init: InitConnectionParams;
  /** Temp key lifetime in seconds, or undefined without PFS. */
  tempKeyTtlSeconds: number | undefined;
  onUpdate(dcId: number, update: TlObject): void;
  /** The server no longer knows this DC's permanent key: the login on it is gone. */
  onKeyLost(dcId: number): void;
  inspect?: ((event: InspectionEvent) => void) | undefined;
  backoff?: BackoffOptions | undefined;
  pingIntervalMs?: number | undefined;
  handshakeTimeoutMs?: number | undefined;
  /** Requests recorded before they are sent (record before send, transport/session/hold-for-record.ts). */
  recorder?: SendRecorder | undefined;
}

/** A DC's connections and key machine. */
export interface DcLink {
  readonly actor: DcKeyActor;
  /** The connection new calls go to. */
  readonly current: DcConnection;
  /** Connections of rotated-out temp keys still waiting for replies. */
  readonly draining: number;
  /**
   * Set when the key actor failed (a defect, or a port it calls synchronously threw, e.g. a key
   * store's save): every call fails with it, and the transport opens a new link for the next one.
   */
  readonly failure: AuthEngineError | undefined;
  invoke<M extends TlMethod>(request: M): Observable<ResultOf<M>>;
  /** Starts a temp key rotation now (PFS only; no-op while one runs). */
  rotate(): void;
  close(): void;
}

const idLong = (id: string): bigint =>
  new DataView(Uint8Array.from(id.match(/../g)!, (h) => parseInt(h, 16)).buffer).getBigUint64(0, true);

/** Each link's key machine deps (the link itself), bound to its key actor's system. */
const keyDeps = systemDeps<DcKeyDeps>('key machine dependencies');

/** The key machine, built once per process (one per link cost ~58 KB of StateNodes, issue 11). */
const keyMachine = once(() => createDcKeyMachine(keyDeps.of));

/** Opens the link of `address` (its first connection dials at once). */
export function openDcLink(address: DcAddress, env: DcLinkEnv): DcLink {
  return new Link(address, env);
}

/**
 * The link, as a class so an engine's links cost their fields, not a closure per helper (issue 11).
 * It is also its key machine's deps (`DcKeyDeps`): the handshake duplex, the stored permanent key.
 */
class Link implements DcLink, DcKeyDeps {
  readonly actor: DcKeyActor;
  /** The connection new calls go to (set in the constructor; its state$ replays at once and reads it). */
  current = undefined as unknown as DcConnection;
  /** DcKeyDeps: the handshake's randomness, crypto and clock. */
  readonly env: HandshakeEnv;
  private readonly dcId: number;
  private readonly pfs: boolean;
  private duplex: Duplex | undefined;
  /**
   * Connections waiting for a key, each with its latest handshake. Two can wait at once (a rotation
   * starts while the current connection re-keys after -404): the machine runs one exchange, on the
   * newest duplex, and its key (or failure) answers them all. With one slot, the first waiter was
   * forgotten and its connection stayed in `handshaking` for good, with every call parked on it.
   */
  private readonly pending = new Map<object, { resolve(key: DcAuthKey): void; reject(error: unknown): void }>();
  /** The waiter whose connection the running exchange uses (the last to ask), while any waits. */
  private keying: object | undefined;
  private next: DcConnection | undefined;
  private rotateTimer: unknown;
  /** Clock time from which the bound temp key is due for replacement. */
  private rotateAt: number | undefined;
  private lastTempId: string | undefined;
  /** The bound temp key new calls run on (what a draining connection that lost its session reuses). */
  private liveKey: DcAuthKey | undefined;
  private closed = false;
  failure: AuthEngineError | undefined;
  private readonly inflight = new Map<DcConnection, number>();
  private readonly drainingSet = new Set<DcConnection>();
  private readonly subs: Subscription[] = [];
  private readonly swapped = new Subject<void>();
  /** Exchanges in a row that failed because the server stayed silent (see `handshakeTimeoutMs`). */
  private silences = 0;

  constructor(
    private readonly address: DcAddress,
    private readonly linkEnv: DcLinkEnv,
  ) {
    const { dcId } = address;
    this.dcId = dcId;
    this.pfs = linkEnv.tempKeyTtlSeconds !== undefined;
    this.env = new ClockEnv(linkEnv.random, linkEnv.crypto, linkEnv.clock);
    const stored = linkEnv.keys.authKey(dcId);
    const actor = createActor(keyMachine(), {
      input: {
        dcId,
        ...(address.test ? { test: true } : {}),
        ...(address.media ? { media: true } : {}),
        ...(stored ? { storedKeyId: bytesToHex(authKeyId(stored.key, linkEnv.crypto)) } : {}),
        ...(this.pfs ? { pfs: { expiresIn: linkEnv.tempKeyTtlSeconds! } } : {}),
      },
      clock: linkEnv.clock,
      ...(linkEnv.inspect ? { inspect: linkEnv.inspect } : {}),
    });
    this.actor = actor;
    keyDeps.bind(actor.system, this);
    // XState catches what an emitted event's listener throws and rethrows it on a timer (an
    // uncaught exception in the host); a throwing port here (the key store's save) fails the link.
    const on = <T extends DcKeyEmitted['type']>(type: T, listener: (e: Extract<DcKeyEmitted, { type: T }>) => void) =>
      actor.on(type, (e) => {
        try {
          listener(e as Extract<DcKeyEmitted, { type: T }>);
        } catch (cause) {
          this.onKeyActorFailed(cause);
        }
      });
    on('key.created', (e) => {
      this.silences = 0;
      const key = e.key.open();
      // The clock offset serves this run's first session only; a stored one would be stale later.
      linkEnv.keys.setAuthKey(dcId, { key: key.key, serverSalt: key.serverSalt });
      // With PFS the permanent key never carries traffic: the connection waits for the bound temp key.
      if (!this.pfs) this.settle(key);
    });
    on('tempKey.bound', (e) => {
      this.silences = 0;
      this.onTempKeyBound(e.authKeyId, e.key.open());
    });
    on('key.failed', (e) => {
      if (e.error instanceof AuthEngineError && e.error.code === 'dc.silent') this.silences++;
      for (const p of this.pending.values()) p.reject(e.error);
      this.pending.clear();
      this.keying = undefined;
    });
    on('key.dropped', () => {
      linkEnv.keys.dropAuthKey(dcId);
      linkEnv.onKeyLost(dcId);
    });
    // Without an observer XState also rethrows an error of the actor itself (a defect in an action)
    // on a timer, and the calls waiting for a key would hang.
    actor.subscribe({ error: (cause) => this.onKeyActorFailed(cause) });
    actor.start();
    this.current = this.connect(this.pfs ? undefined : stored);
  }

  // DcKeyDeps
  get rsaKeys(): readonly RsaPublicKey[] {
    return this.linkEnv.rsaKeys;
  }
  get clock(): Clock {
    return this.linkEnv.clock;
  }
  /**
   * How long the server may leave a request of the next exchange unanswered: the configured timeout,
   * doubled for each exchange in a row it let run out (up to 8x). A fixed timeout below a busy
   * server's queueing delay failed every exchange, each after costing the server its RSA and DH work,
   * so none could ever finish (congestion collapse); this backs off like TCP's retransmission timer.
   */
  get handshakeTimeoutMs(): number {
    return (this.linkEnv.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS) * 2 ** Math.min(this.silences, 3);
  }
  currentDuplex(): Duplex | undefined {
    return this.duplex;
  }
  permKey(): DcAuthKey | undefined {
    return this.linkEnv.keys.authKey(this.dcId);
  }

  get draining(): number {
    return this.drainingSet.size;
  }

  invoke<M extends TlMethod>(request: M): Observable<ResultOf<M>> {
    if (this.failure) return throwError(() => this.failure);
    // During a rotation new calls wait on the next connection: sent on the old key after the new
    // bind they would be refused (the bind unbinds the old key, core.telegram.org/api/pfs).
    // A key past its replacement time (the clock jumped, the rotation has not started yet) is
    // expired or about to be: start the rotation now so this call waits for the next key.
    if (this.pfs && !this.next && this.rotateAt !== undefined && this.linkEnv.clock.now() >= this.rotateAt) this.rotate();
    const connection = this.next ?? this.current;
    // catchError, first and switchMap by hand (after-error.ts says why).
    return afterError(this.invokeOn(connection, request), (error: unknown) => {
      // In flight when the key actor failed: its connection was closed for that reason.
      if (this.failure) return throwError(() => this.failure);
      // Sent on the old key in the instant the new one was bound (which unbinds the old, core.telegram.org/api/pfs):
      // the server refused it without running it, so it is safe to send once more on the new key.
      const refused = error instanceof RpcError && error.type === 'AUTH_KEY_PERM_EMPTY';
      if (!refused || !this.pfs) return throwError(() => error);
      if (connection !== this.current && connection !== this.next) return this.invokeOn(this.next ?? this.current, request);
      // Our current key lost its binding (another bind replaced it): bind a new key, then send it there.
      const retry = new Observable<ResultOf<M>>((subscriber) => {
        let call: Subscription | undefined;
        const wait = this.swapped.subscribe({
          next: () => {
            if (call) return;
            wait?.unsubscribe();
            call = this.invokeOn(this.current, request).subscribe(subscriber);
          },
          // Closed before the new key was bound: as rxjs first() on an empty sequence.
          complete: () => call ?? subscriber.error(new EmptyError()),
          error: (e: unknown) => subscriber.error(e),
        });
        return () => {
          wait.unsubscribe();
          call?.unsubscribe();
        };
      });
      this.rotate();
      return retry;
    });
  }

  rotate(): void {
    if (!this.pfs || this.closed || this.failure || this.next) return;
    this.actor.send({ type: 'tempKey.rotate' });
    this.next = this.connect(undefined);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.linkEnv.clock.clearTimeout(this.rotateTimer);
    for (const c of [this.current, this.next, ...this.drainingSet]) c?.close();
    for (const s of this.subs) s.unsubscribe();
    this.swapped.complete();
    if (this.actor.getSnapshot().status === 'active') this.actor.send({ type: 'transport.closed' });
    this.actor.stop();
  }

  private onKeyActorFailed(cause: unknown): void {
    if (this.closed || this.failure) return;
    const failure = new AuthEngineError('dc.keyFailed', `keeping the auth key of DC ${this.dcId} failed`, { cause });
    this.failure = failure;
    this.linkEnv.clock.clearTimeout(this.rotateTimer);
    for (const p of this.pending.values()) p.reject(failure);
    this.pending.clear();
    this.keying = undefined;
    // Nothing can key these connections any more: close them, so the calls on them fail now.
    for (const c of [this.current, this.next, ...this.drainingSet]) c?.close();
  }

  private settle(key: DcAuthKey): void {
    for (const p of this.pending.values()) p.resolve(key);
    this.pending.clear();
    this.keying = undefined;
  }

  private onTempKeyBound(authKeyIdHex: string, key: DcAuthKey): void {
    const env = this.linkEnv;
    const previous = this.lastTempId;
    this.lastTempId = authKeyIdHex;
    this.liveKey = key;
    env.clock.clearTimeout(this.rotateTimer);
    const delay = rotationDelayMs(env.tempKeyTtlSeconds!, env.random);
    this.rotateAt = env.clock.now() + delay;
    // Started once the current turn is over: when the clock jumps past the due time in one step (a
    // manual clock advanced by a day, a host that slept), the timer fires in the middle of the jump,
    // and a rotation begun there would arm its handshake timeout at a time the jump also passes,
    // failing before the server could answer. A microtask later the clock reads the real now.
    this.rotateTimer = env.clock.setTimeout(() => queueMicrotask(() => this.rotate()), delay);
    if (this.next) {
      // Rotation: new calls go to the new key from now on; the old connection drains.
      const old = this.current;
      this.current = this.next;
      this.next = undefined;
      this.drainingSet.add(old);
      this.settle(key);
      this.retireIfIdle(old);
      this.swapped.next();
    } else {
      this.settle(key);
      if (previous !== undefined && this.drainingSet.size === 0) this.dropStaleTempKeys();
    }
  }

  /** Keeps only the live temp key bound on the server (best effort: a logged-out key is refused). */
  private dropStaleTempKeys(): void {
    if (!this.lastTempId || this.closed) return;
    this.current
      .invoke({ _: 'auth.dropTempAuthKeys', exceptAuthKeys: [idLong(this.lastTempId)] })
      .subscribe({ error: () => undefined });
  }

  private retireIfIdle(connection: DcConnection): void {
    if (!this.drainingSet.has(connection) || (this.inflight.get(connection) ?? 0) > 0) return;
    this.drainingSet.delete(connection);
    this.inflight.delete(connection);
    connection.close();
    if (this.drainingSet.size === 0) this.dropStaleTempKeys();
  }

  private connect(withKey: DcAuthKey | undefined): DcConnection {
    const env = this.linkEnv;
    // Keys this connection's handshake in `pending`; knows the connection once built (the first
    // handshake runs inside the constructor).
    const waiter: { connection?: DcConnection } = {};
    const connection: DcConnection = new DcConnection({
      dc: this.address,
      dial: env.dial,
      clock: env.clock,
      random: env.random,
      crypto: env.crypto,
      init: env.init,
      ...(withKey ? { authKey: withKey } : {}),
      ...(env.recorder ? { recorder: env.recorder } : {}),
      // The connection asks for a key on a fresh transport; the key machine runs the exchange on it.
      handshake: (view) =>
        new Promise<DcAuthKey>((resolve, reject) => {
          // A draining connection that lost its session (-404 on the old key) sends its calls again
          // on the live key. Keyed anew it bound a temp key of its own, which unbound the key the
          // current connection runs on: updates went to a connection about to close, and the next
          // authorized call was refused (AUTH_KEY_PERM_EMPTY) until another rotation.
          const self = waiter.connection;
          if (self && this.drainingSet.has(self) && this.liveKey) return resolve(this.liveKey);
          this.duplex = view;
          this.keying = waiter;
          this.pending.set(waiter, { resolve, reject });
          this.actor.send({ type: 'transport.handshaking' });
        }),
      ...(env.backoff ? { backoff: env.backoff } : {}),
      ...(env.pingIntervalMs !== undefined ? { pingIntervalMs: env.pingIntervalMs } : {}),
    });
    waiter.connection = connection;
    this.subs.push(
      connection.state$.subscribe((state) => {
        // Only the connection that carries new calls speaks for the DC; the first one replays its
        // state before it is `current` (a stored key without PFS is `ready` at once: dropped,
        // the machine stayed `disconnected` and later took a -404 for a fresh start, key loss unreported).
        if (connection !== this.current && this.current !== undefined) return;
        const actor = this.actor;
        if (state === 'ready') actor.send({ type: 'transport.ready' });
        // Its drop abandons a running exchange only if the exchange runs on it: abandoned, the exchange
        // of a rotation's connection was never resumed, and the calls parked there waited for good.
        else if (state === 'reconnecting' && (this.keying === undefined || this.keying === waiter))
          actor.send({ type: 'transport.reconnecting' });
        else if (state === 'closed' && this.closed && actor.getSnapshot().status === 'active')
          actor.send({ type: 'transport.closed' });
      }),
      connection.updates$.subscribe((u) => env.onUpdate(this.dcId, u)),
    );
    return connection;
  }

  /** One call on `connection`, counted so a draining connection knows when it is done. */
  private invokeOn<M extends TlMethod>(connection: DcConnection, request: M): Observable<ResultOf<M>> {
    return new Observable<ResultOf<M>>((subscriber) => {
      this.inflight.set(connection, (this.inflight.get(connection) ?? 0) + 1);
      const call = connection.invoke(request).subscribe(subscriber);
      // As rxjs finalize(): once the call is answered, fails or is abandoned.
      return () => {
        call.unsubscribe();
        this.inflight.set(connection, (this.inflight.get(connection) ?? 1) - 1);
        this.retireIfIdle(connection);
      };
    });
  }
}
