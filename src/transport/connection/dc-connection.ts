/**
 * The RxJS surface of one DC connection (docs/ARCHITECTURE.md "Layers"): `invoke(request)` returns a cold
 * Observable of the result, `updates$` carries server pushes, `state$` the connection state
 * (connecting, handshaking, ready, reconnecting with backoff, closed). I/O goes through the `Dial`
 * port; the protocol is the sans-IO `ClientSession`, which outlives connections so requests in
 * flight when a connection drops are re-sent on the next one and answered exactly once.
 */
import { BehaviorSubject, Observable, Subject, type Subscriber, type Subscription } from 'rxjs';
import { pureCrypto, secureRandom, SecurityError, type CryptoProvider, type Random } from '../../crypto/index.js';
import type { ResultOf, TlMethod, TlObject } from '../../tl/index.js';
import type { Clock } from '../clock.js';
import { DcUnavailableError, SilenceError, TransportError } from '../errors.js';
import { holdForInflate, prefetchInflate } from './inflate-gate.js';
import type { DcAddress, Dial, Duplex } from '../ports.js';
import { ClientSession, type ClientEvent } from '../session/client-session.js';
import { holdForRecord, type SendRecorder } from '../session/hold-for-record.js';
import { initConnectionWrapper, type InitConnectionParams } from '../session/init-connection.js';
import { sessionKey } from '../session/message-crypto.js';
import { tlSessionCodec, type SessionCodec, type TlLike } from '../session/session-codec.js';
import type { SessionMetrics } from '../session/session-metrics.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { readInt } from '../session/wire.js';
import { Liveness } from './liveness.js';
import { HandshakeView } from './handshake-view.js';
import { closesConnection } from './security-close.js';
import { unavailable } from './unavailable.js';

export type DcConnectionState = 'connecting' | 'handshaking' | 'ready' | 'reconnecting' | 'closed';

/** An auth key and the server salt to start with. */
export interface DcAuthKey {
  key: Uint8Array;
  serverSalt: bigint;
  /**
   * server_time minus local time (seconds) from the key exchange that made the key, when it was
   * just made: its session enforces the msg_id time window from the first message. Not stored.
   */
  timeOffset?: number;
}

export interface DcConnectionOptions {
  dc: DcAddress;
  dial: Dial;
  clock: Clock;
  random?: Random;
  crypto?: CryptoProvider;
  codec?: SessionCodec;
  /** A key to use (pre-shared or stored). Without it, `handshake` must create one. */
  authKey?: DcAuthKey;
  /** Runs the key exchange over a fresh connection (state `handshaking`). */
  handshake?: (duplex: Duplex) => Promise<DcAuthKey>;
  /** initConnection parameters: the first request of the session is wrapped (core.telegram.org/api/invoking). */
  init?: InitConnectionParams;
  backoff?: BackoffOptions;
  /** Keepalive period (ping_delay_disconnect); 0 disables it. Default 60 s with a 75 s delay. */
  pingIntervalMs?: number;
  disconnectDelaySeconds?: number;
  /** How long acks alone may wait for a request to ride on. Default 1 s (16 pending send at once). */
  ackDelayMs?: number;
  /**
   * With calls pending and nothing received for this long, the connection is probed with a ping
   * (liveness.ts). Default 10 s; 0 disables the watchdog.
   */
  silenceTimeoutMs?: number;
  /** A probe or keepalive ping left unanswered this long drops the connection. Default 10 s. */
  pongTimeoutMs?: number;
  /**
   * After this many connection attempts in a row fail before the server answered anything (or
   * with a failed key exchange), the calls waiting fail with `DcUnavailableError`; reconnecting goes
   * on with backoff, and the next call tries at once. Default 3.
   */
  failAfterAttempts?: number;
  /** Requests recorded (msg_id, session) before they are sent, so another process can fetch their answers. */
  recorder?: SendRecorder;
}

/** Liveness defaults: a half-open connection is dropped within 20 s of the last byte it carried. */
export const DEFAULT_SILENCE_TIMEOUT_MS = 10_000;
export const DEFAULT_PONG_TIMEOUT_MS = 10_000;
export const DEFAULT_FAIL_AFTER_ATTEMPTS = 3;

/** One DC connection: a session over reconnecting transports. */
export class DcConnection {
  private readonly stateSubject = new BehaviorSubject<DcConnectionState>('connecting');
  private readonly updateSubject = new Subject<TlLike>();
  private readonly newSessionSubject = new Subject<void>();
  /** The connection state; replays the current one to new subscribers. */
  readonly state$: Observable<DcConnectionState> = this.stateSubject.asObservable();
  /** Updates pushed by the server (anything that is not an answer or a service message). */
  readonly updates$: Observable<TlObject> = this.updateSubject.asObservable() as Observable<TlObject>;
  /** The server created a new session: updates may have been missed (call updates.getDifference). */
  readonly newSession$: Observable<void> = this.newSessionSubject.asObservable();

  private session: ClientSession | undefined;
  private duplex: Duplex | undefined;
  private frames: Subscription | undefined;
  private handshakeFrames: Subject<Uint8Array> | undefined;
  private readonly waiters = new Map<number, { request: TlLike; subscriber: Subscriber<unknown> }>();
  private readonly early: { request: TlLike; subscriber: Subscriber<unknown>; id?: number }[] = [];
  private attempt = 0;
  /** Attempts in a row that failed before the server said anything (or whose key exchange failed). */
  private failedStarts = 0;
  private readonly liveness: Liveness;
  private flushQueued = false;
  private ackTimer: unknown;
  private pingTimer: unknown;
  private reconnectTimer: unknown;
  private readonly random: Random;
  private readonly crypto: CryptoProvider;

  constructor(private readonly options: DcConnectionOptions) {
    this.random = options.random ?? secureRandom;
    this.crypto = options.crypto ?? pureCrypto;
    this.liveness = new Liveness(
      options.clock,
      options.silenceTimeoutMs ?? DEFAULT_SILENCE_TIMEOUT_MS,
      options.pongTimeoutMs ?? DEFAULT_PONG_TIMEOUT_MS,
      {
        hasPending: () => (this.session?.pendingCount ?? 0) > 0,
        probe: () => {
          this.session?.ping(this.options.disconnectDelaySeconds ?? 75);
          this.flushNow();
        },
        dead: () => this.lost(this.duplex, new SilenceError('no answer from the server: the connection is half-open')),
      },
    );
    if (options.authKey) this.session = this.createSession(options.authKey);
    this.connect();
  }

  get state(): DcConnectionState {
    return this.stateSubject.value;
  }

  /** Session counters (drops by reason, re-sends...). Empty until a key exists. */
  get metrics(): SessionMetrics | undefined {
    return this.session?.metrics;
  }

  /**
   * Sends `request` and emits its result once, then completes; an `rpc_error` arrives as an
   * `RpcError`. Unsubscribing before the answer stops the wait and drops the request on the server.
   */
  invoke<M extends TlMethod>(request: M): Observable<ResultOf<M>> {
    return new Observable<ResultOf<M>>((subscriber) => {
      if (this.state === 'closed') {
        subscriber.error(new TransportError(0, 'the DC connection is closed'));
        return undefined;
      }
      const sub = subscriber as Subscriber<unknown>;
      const req = request as unknown as TlLike;
      // The DC failed its last attempts and its waiting calls were failed: a new call (a user's retry)
      // tries now instead of after the rest of the backoff delay.
      if (this.state === 'reconnecting' && this.failedStarts >= this.failAfter) this.reconnectNow();
      if (!this.session) {
        const entry: { request: TlLike; subscriber: Subscriber<unknown>; id?: number } = { request: req, subscriber: sub };
        this.early.push(entry);
        return () => {
          const at = this.early.indexOf(entry);
          if (at >= 0) this.early.splice(at, 1);
          else if (entry.id !== undefined) this.cancel(entry.id);
        };
      }
      const id = this.session.invoke(req);
      this.waiters.set(id, { request: req, subscriber: sub });
      this.scheduleFlush();
      return () => this.cancel(id);
    });
  }

  /** Closes the connection for good; pending invokes fail with `TransportError`. */
  close(): void {
    if (this.state === 'closed') return;
    this.stateSubject.next('closed');
    for (const t of [this.ackTimer, this.pingTimer, this.reconnectTimer]) this.options.clock.clearTimeout(t);
    this.liveness.stop();
    this.frames?.unsubscribe();
    this.duplex?.close();
    const error = new TransportError(0, 'the DC connection is closed');
    for (const w of this.waiters.values()) w.subscriber.error(error);
    for (const e of this.early.splice(0)) e.subscriber.error(error);
    this.waiters.clear();
    this.updateSubject.complete();
    this.newSessionSubject.complete();
    this.stateSubject.complete();
  }

  private createSession(auth: DcAuthKey): ClientSession {
    return new ClientSession({
      key: sessionKey(auth.key, this.crypto),
      serverSalt: auth.serverSalt,
      clock: this.options.clock,
      random: this.random,
      crypto: this.crypto,
      codec: this.options.codec ?? tlSessionCodec,
      ...(auth.timeOffset !== undefined ? { timeOffset: auth.timeOffset } : {}),
      ...(this.options.init ? { wrapFirst: initConnectionWrapper(this.options.init) } : {}),
    });
  }

  private connect(): void {
    if (this.state === 'closed') return;
    let duplex: Duplex;
    try {
      duplex = this.options.dial(this.options.dc);
    } catch {
      return this.lost(undefined);
    }
    this.duplex = duplex;
    this.liveness.reset();
    prefetchInflate();
    this.frames = duplex.frames$.subscribe({
      next: (payload) => this.onFrame(payload),
      error: (error: unknown) => this.lost(duplex, error),
      complete: () => this.lost(duplex),
    });
    // A dial that failed at once was already lost (and its reconnect scheduled) while subscribing.
    if (this.duplex !== duplex) return;
    if (this.session) return this.ready();
    if (!this.options.handshake) return this.fail(new TransportError(-404, 'no auth key and no handshake'));
    this.stateSubject.next('handshaking');
    const frames = new Subject<Uint8Array>();
    this.handshakeFrames = frames;
    const view: Duplex = new HandshakeView(frames.asObservable(), duplex);
    this.options.handshake(view).then(
      (auth) => {
        if (this.duplex !== duplex || this.state === 'closed') return;
        this.handshakeFrames = undefined;
        this.session = this.createSession(auth);
        this.ready();
      },
      (error: unknown) => {
        if (this.duplex === duplex) this.lost(duplex, error);
      },
    );
  }

  private ready(held = false): void {
    const duplex = this.duplex;
    if (!held && holdForInflate(this.options.clock, () => this.duplex === duplex && this.state !== 'closed' && this.state !== 'ready' && this.ready(true))) return;
    const session = this.session!;
    for (const e of this.early.splice(0)) {
      e.id = session.invoke(e.request);
      this.waiters.set(e.id, e);
    }
    this.stateSubject.next('ready');
    this.schedulePing();
    this.flushNow();
  }

  private onFrame(payload: Uint8Array): void {
    if (this.handshakeFrames) {
      this.liveness.inbound++;
      return this.handshakeFrames.next(payload);
    }
    // A bare 4-byte negative int is a transport error (core.telegram.org/mtproto/mtproto-transports "Transport errors"); framing codecs raise it as an error of
    // frames$, payload-level duplexes (in-memory pairs) deliver it as a frame.
    if (payload.length === 4 && readInt(payload, 0) < 0) return this.lost(this.duplex, new TransportError(readInt(payload, 0)));
    const session = this.session;
    if (!session) return;
    const { received, dropped } = session.metrics;
    const events = session.receive(payload);
    if (session.metrics.received > received) {
      this.attempt = 0;
      // Only a message that passed every check proves the path works: a server whose every packet
      // is dropped is as dead as a silent one.
      this.liveness.inbound++;
    } else if (session.metrics.dropped > dropped && closesConnection(session.lastDrop)) {
      // A packet failed a security check: drop it and the connection, reconnect, re-send
      // (https://core.telegram.org/mtproto/security_guidelines). Backoff is not reset by it.
      return this.lost(this.duplex, new SecurityError(`message.${session.lastDrop!}`));
    }
    for (const e of events) this.dispatch(e);
    if (session.hasOutgoing() || session.pendingAckCount >= 16) this.scheduleFlush();
    else if (session.pendingAckCount > 0 && this.ackTimer === undefined) {
      this.ackTimer = this.options.clock.setTimeout(() => {
        this.ackTimer = undefined;
        this.flushNow();
      }, this.options.ackDelayMs ?? 1000);
    }
  }

  private dispatch(e: ClientEvent): void {
    if (e.type === 'update') return this.updateSubject.next(e.update);
    if (e.type === 'newSession') return this.newSessionSubject.next();
    const w = this.waiters.get(e.id)?.subscriber;
    if (!w) return;
    this.waiters.delete(e.id);
    if (e.type === 'result') {
      w.next(e.value);
      w.complete();
    } else w.error(e.error);
  }

  private cancel(id: number): void {
    if (!this.waiters.delete(id)) return;
    this.session?.cancel(id);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    // One microtask: invokes made in the same tick share a container.
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flushNow();
    });
  }

  private flushNow(): void {
    if (this.state !== 'ready' || !this.session || !this.duplex) return;
    const { recorder, dc, clock } = this.options;
    if (recorder) holdForRecord(this.session, recorder, dc, clock, () => this.scheduleFlush());
    const duplex = this.duplex;
    try {
      // Stops once the connection is lost: a send can deliver the answer (and a drop) synchronously.
      while (this.duplex === duplex) {
        const p = this.session.flush();
        if (!p) break;
        duplex.send(p);
      }
    } catch (error) {
      return this.lost(duplex, error);
    }
    this.liveness.arm();
  }

  private schedulePing(): void {
    const every = this.options.pingIntervalMs ?? 60_000;
    if (every <= 0) return;
    this.options.clock.clearTimeout(this.pingTimer);
    this.pingTimer = this.options.clock.setTimeout(() => {
      if (this.state !== 'ready') return;
      this.session?.ping(this.options.disconnectDelaySeconds ?? 75);
      this.liveness.expectPong();
      this.flushNow();
      this.schedulePing();
    }, every);
  }

  /** The transport dropped (or failed): keep the session, reconnect after a backoff delay. */
  private lost(duplex: Duplex | undefined, error?: unknown): void {
    if (this.state === 'closed' || (duplex && duplex !== this.duplex)) return;
    const heard = this.liveness.inbound > 0;
    const keying = this.handshakeFrames !== undefined;
    this.liveness.stop();
    this.frames?.unsubscribe();
    this.duplex?.close();
    this.duplex = undefined;
    this.handshakeFrames = undefined;
    this.options.clock.clearTimeout(this.pingTimer);
    if (error instanceof TransportError && error.code === -404) {
      // Without a way to make a new key, retrying with the one the server rejected is pointless.
      if (!this.options.handshake) return this.fail(error);
      // The server forgot our key, so it never ran these requests: make a new key (and with it a new
      // session) on the next connection and send them again there.
      this.session = undefined;
      this.early.unshift(...this.waiters.values());
      this.waiters.clear();
    }
    this.session?.connectionLost();
    // Nothing came back, or the key exchange failed: one more failed start. Enough of them in a row
    // and the waiting calls learn why (the next call tries again at once; backoff goes on meanwhile).
    this.failedStarts = !heard || keying ? this.failedStarts + 1 : 0;
    if (this.failedStarts >= this.failAfter) this.failWaiting(unavailable(this.options.dc.dcId, error, heard));
    this.stateSubject.next('reconnecting');
    const delay = backoffDelay(this.attempt++, this.options.backoff);
    this.reconnectTimer = this.options.clock.setTimeout(() => this.connect(), delay);
  }

  private get failAfter(): number {
    return this.options.failAfterAttempts ?? DEFAULT_FAIL_AFTER_ATTEMPTS;
  }

  private reconnectNow(): void {
    this.options.clock.clearTimeout(this.reconnectTimer);
    // After the subscriber is registered: connect() may hand the session over synchronously.
    queueMicrotask(() => {
      if (this.state === 'reconnecting' && this.duplex === undefined) this.connect();
    });
  }

  /** Fails every waiting call (they were not answered; the user decides whether to retry). */
  private failWaiting(error: DcUnavailableError): void {
    const early = this.early.splice(0);
    const waiters = [...this.waiters.entries()];
    this.waiters.clear();
    for (const [id] of waiters) this.session?.cancel(id);
    for (const e of early) e.subscriber.error(error);
    for (const [, w] of waiters) w.subscriber.error(error);
  }

  private fail(error: TransportError): void {
    for (const e of this.early.splice(0)) e.subscriber.error(error);
    for (const w of this.waiters.values()) w.subscriber.error(error);
    this.waiters.clear();
    this.close();
  }
}
