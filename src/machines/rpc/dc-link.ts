/**
 * One DC as the transport sees it: the key machine plus the `DcConnection`(s) that carry traffic.
 * Without PFS that is one connection on the permanent key. With PFS (PROTOCOL.md §E) every
 * connection runs on a bound temp key; before a temp key expires (TTL minus up to an hour, minus
 * jitter) a second connection makes and binds the next key, new calls move to it, and the old
 * connection stays open until every call it carries is answered (so nothing is lost or sent
 * twice). Then it is closed and `auth.dropTempAuthKeys` keeps only the live key on the server.
 */
import {
  catchError,
  finalize,
  first,
  Observable,
  Subject,
  switchMap,
  throwError,
  type Subscription,
} from 'rxjs';
import { createActor, type InspectionEvent } from 'xstate';
import { authKeyId, type CryptoProvider, type Random, type RsaPublicKey } from '../../crypto/index.js';
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
  type InitConnectionParams,
} from '../../transport/index.js';
import { createDcKeyMachine, type DcKeyActor, type DcKeyDeps } from '../dc-key.machine.js';
import { once, systemDeps } from '../system-deps.js';
import { rotationDelayMs } from './rotation-delay.js';
import type { DcKeyStore } from './dc-key-store.js';

/** What every DC link of one transport shares. */
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
  onUpdate(update: TlObject): void;
  /** The server no longer knows this DC's permanent key: the login on it is gone. */
  onKeyLost(): void;
  inspect?: ((event: InspectionEvent) => void) | undefined;
  backoff?: BackoffOptions | undefined;
  pingIntervalMs?: number | undefined;
  handshakeTimeoutMs?: number | undefined;
}

/** A DC's connections and key machine. */
export interface DcLink {
  readonly actor: DcKeyActor;
  /** The connection new calls go to. */
  readonly current: DcConnection;
  /** Connections of rotated-out temp keys still waiting for replies. */
  readonly draining: number;
  invoke<M extends TlMethod>(request: M): Observable<ResultOf<M>>;
  /** Starts a temp key rotation now (PFS only; no-op while one runs). */
  rotate(): void;
  close(): void;
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const idLong = (id: string): bigint =>
  new DataView(Uint8Array.from(id.match(/../g)!, (h) => parseInt(h, 16)).buffer).getBigUint64(0, true);

/** Each link's key machine deps, bound to its key actor's system. */
const keyDeps = systemDeps<DcKeyDeps>('key machine dependencies');

/** The key machine, built once per process (one per link cost ~58 KB of StateNodes, issue 11). */
const keyMachine = once(() => createDcKeyMachine(keyDeps.of));

/** Opens the link of `address` (its first connection dials at once). */
export function openDcLink(address: DcAddress, env: DcLinkEnv): DcLink {
  const { dcId } = address;
  const pfs = env.tempKeyTtlSeconds !== undefined;
  let duplex: Duplex | undefined;
  /**
   * Connections waiting for a key, each with its latest handshake. Two can wait at once (a rotation
   * starts while the current connection re-keys after -404): the machine runs one exchange, on the
   * newest duplex, and its key (or failure) answers them all. With one slot, the first waiter was
   * forgotten and its connection stayed in `handshaking` for good, with every call parked on it.
   */
  const pending = new Map<object, { resolve(key: DcAuthKey): void; reject(error: unknown): void }>();
  /** The waiter whose connection the running exchange uses (the last to ask), while any waits. */
  let keying: object | undefined;
  let next: DcConnection | undefined;
  let rotateTimer: unknown;
  /** Clock time from which the bound temp key is due for replacement. */
  let rotateAt: number | undefined;
  let lastTempId: string | undefined;
  let closed = false;
  const inflight = new Map<DcConnection, number>();
  const draining = new Set<DcConnection>();
  const subs: Subscription[] = [];
  const swapped = new Subject<void>();

  const stored = env.keys.authKey(dcId);
  const actor = createActor(keyMachine(), {
    input: {
      dcId,
      ...(address.test ? { test: true } : {}),
      ...(address.media ? { media: true } : {}),
      ...(stored ? { storedKeyId: hex(authKeyId(stored.key, env.crypto)) } : {}),
      ...(pfs ? { pfs: { expiresIn: env.tempKeyTtlSeconds! } } : {}),
    },
    clock: env.clock,
    ...(env.inspect ? { inspect: env.inspect } : {}),
  });
  keyDeps.bind(actor.system, {
    env: { random: env.random, crypto: env.crypto, now: () => env.clock.now() },
    rsaKeys: env.rsaKeys,
    clock: env.clock,
    currentDuplex: () => duplex,
    permKey: () => env.keys.authKey(dcId),
    ...(env.handshakeTimeoutMs !== undefined ? { handshakeTimeoutMs: env.handshakeTimeoutMs } : {}),
  });
  const settle = (key: DcAuthKey): void => {
    for (const p of pending.values()) p.resolve(key);
    pending.clear();
    keying = undefined;
  };
  actor.on('key.created', (e) => {
    const key = e.key.open();
    env.keys.setAuthKey(dcId, key);
    // With PFS the permanent key never carries traffic: the connection waits for the bound temp key.
    if (!pfs) settle(key);
  });
  actor.on('tempKey.bound', (e) => {
    const previous = lastTempId;
    lastTempId = e.authKeyId;
    env.clock.clearTimeout(rotateTimer);
    const delay = rotationDelayMs(env.tempKeyTtlSeconds!, env.random);
    rotateAt = env.clock.now() + delay;
    // Started once the current turn is over: when the clock jumps past the due time in one step (a
    // manual clock advanced by a day, a host that slept), the timer fires in the middle of the jump,
    // and a rotation begun there would arm its handshake timeout at a time the jump also passes,
    // failing before the server could answer. A microtask later the clock reads the real now.
    rotateTimer = env.clock.setTimeout(() => queueMicrotask(() => link.rotate()), delay);
    if (next) {
      // Rotation: new calls go to the new key from now on; the old connection drains.
      const old = link.current;
      link.current = next;
      next = undefined;
      draining.add(old);
      settle(e.key.open());
      retireIfIdle(old);
      swapped.next();
    } else {
      settle(e.key.open());
      if (previous !== undefined && draining.size === 0) dropStaleTempKeys();
    }
  });
  actor.on('key.failed', (e) => {
    for (const p of pending.values()) p.reject(e.error);
    pending.clear();
    keying = undefined;
  });
  actor.on('key.dropped', () => {
    env.keys.dropAuthKey(dcId);
    env.onKeyLost();
  });
  actor.start();

  /** Keeps only the live temp key bound on the server (best effort: a logged-out key is refused). */
  function dropStaleTempKeys(): void {
    if (!lastTempId || closed) return;
    link.current
      .invoke({ _: 'auth.dropTempAuthKeys', exceptAuthKeys: [idLong(lastTempId)] })
      .subscribe({ error: () => undefined });
  }

  function retireIfIdle(connection: DcConnection): void {
    if (!draining.has(connection) || (inflight.get(connection) ?? 0) > 0) return;
    draining.delete(connection);
    inflight.delete(connection);
    connection.close();
    if (draining.size === 0) dropStaleTempKeys();
  }

  function connect(withKey: DcAuthKey | undefined): DcConnection {
    const waiter = {}; // keys this connection's handshake in `pending` (the first one runs inside the constructor)
    const connection: DcConnection = new DcConnection({
      dc: address,
      dial: env.dial,
      clock: env.clock,
      random: env.random,
      crypto: env.crypto,
      init: env.init,
      ...(withKey ? { authKey: withKey } : {}),
      // The connection asks for a key on a fresh transport; the key machine runs the exchange on it.
      handshake: (view) =>
        new Promise<DcAuthKey>((resolve, reject) => {
          duplex = view;
          keying = waiter;
          pending.set(waiter, { resolve, reject });
          actor.send({ type: 'transport.handshaking' });
        }),
      ...(env.backoff ? { backoff: env.backoff } : {}),
      ...(env.pingIntervalMs !== undefined ? { pingIntervalMs: env.pingIntervalMs } : {}),
    });
    subs.push(
      connection.state$.subscribe((state) => {
        // Only the connection that carries new calls speaks for the DC; the first one replays its
        // state before it is `link.current` (a stored key without PFS is `ready` at once: dropped,
        // the machine stayed `disconnected` and later took a -404 for a fresh start, key loss unreported).
        if (connection !== link.current && link.current !== undefined) return;
        if (state === 'ready') actor.send({ type: 'transport.ready' });
        // Its drop abandons a running exchange only if the exchange runs on it: abandoned, the exchange
        // of a rotation's connection was never resumed, and the calls parked there waited for good.
        else if (state === 'reconnecting' && (keying === undefined || keying === waiter))
          actor.send({ type: 'transport.reconnecting' });
        else if (state === 'closed' && closed && actor.getSnapshot().status === 'active')
          actor.send({ type: 'transport.closed' });
      }),
      connection.updates$.subscribe((u) => env.onUpdate(u)),
    );
    return connection;
  }

  /** One call on `connection`, counted so a draining connection knows when it is done. */
  function invokeOn<M extends TlMethod>(connection: DcConnection, request: M): Observable<ResultOf<M>> {
    return new Observable<ResultOf<M>>((subscriber) => {
      inflight.set(connection, (inflight.get(connection) ?? 0) + 1);
      return connection
        .invoke(request)
        .pipe(
          finalize(() => {
            inflight.set(connection, (inflight.get(connection) ?? 1) - 1);
            retireIfIdle(connection);
          }),
        )
        .subscribe(subscriber);
    });
  }

  const link = {
    actor,
    // Set just below: the connection's state$ replays at once and reads `link.current`.
    current: undefined as unknown as DcConnection,
    get draining() {
      return draining.size;
    },
    invoke<M extends TlMethod>(request: M): Observable<ResultOf<M>> {
      // During a rotation new calls wait on the next connection: sent on the old key after the new
      // bind they would be refused (the bind unbinds the old key, §E.1).
      // A key past its replacement time (the clock jumped, the rotation has not started yet) is
      // expired or about to be: start the rotation now so this call waits for the next key.
      if (pfs && !next && rotateAt !== undefined && env.clock.now() >= rotateAt) link.rotate();
      const connection = next ?? link.current;
      return invokeOn(connection, request).pipe(
        catchError((error: unknown) => {
          // Sent on the old key in the instant the new one was bound (which unbinds the old, §E.1):
          // the server refused it without running it, so it is safe to send once more on the new key.
          const refused = error instanceof RpcError && error.type === 'AUTH_KEY_PERM_EMPTY';
          if (!refused || !pfs) return throwError(() => error);
          if (connection !== link.current && connection !== next)
            return invokeOn(next ?? link.current, request);
          // Our current key lost its binding (another bind replaced it): bind a new key, then send it there.
          const retry = swapped.pipe(
            first(),
            switchMap(() => invokeOn(link.current, request)),
          );
          link.rotate();
          return retry;
        }),
      );
    },
    rotate() {
      if (!pfs || closed || next) return;
      actor.send({ type: 'tempKey.rotate' });
      next = connect(undefined);
    },
    close() {
      if (closed) return;
      closed = true;
      env.clock.clearTimeout(rotateTimer);
      for (const c of [link.current, next, ...draining]) c?.close();
      for (const s of subs) s.unsubscribe();
      swapped.complete();
      if (actor.getSnapshot().status === 'active') actor.send({ type: 'transport.closed' });
      actor.stop();
    },
  };
  link.current = connect(pfs ? undefined : stored);
  return link;
}
