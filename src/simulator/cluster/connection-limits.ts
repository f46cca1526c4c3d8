/**
 * What one simulator lets a connection cost. Without limits, 40 slow clients each holding a partial
 * 8 MiB frame cost 306 MiB, and 1,000 sockets that never spoke were kept for good (issue 21):
 *
 * - `idleTimeoutMs` (300 s): a connection that sends nothing for this long is closed. Clients ping
 *   every 60 s (ping_delay_disconnect), so a live one is never idle that long.
 * - `handshakeTimeoutMs` (120 s): from accept to its first encrypted message, i.e. the key exchanges
 *   done (a client that connects and stalls mid-exchange is closed).
 * - `maxFrameBytes` (1 MiB): the largest frame accepted, so also the most one connection holds as a
 *   partial frame. Login RPCs are a few KiB.
 * - `maxBufferedBytes` (64 MiB): the partial frames of all connections together; a connection whose
 *   chunk would go past it is closed.
 *
 * Times run on the simulator's clock (a manual clock in tests).
 */
import type { ByteStream, Clock } from '../../transport/index.js';
import { Observable } from 'rxjs';

export interface ConnectionLimits {
  idleTimeoutMs: number;
  handshakeTimeoutMs: number;
  maxFrameBytes: number;
  maxBufferedBytes: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  idleTimeoutMs: 300_000,
  handshakeTimeoutMs: 120_000,
  maxFrameBytes: 1024 * 1024,
  maxBufferedBytes: 64 * 1024 * 1024,
};

/** What a guarded connection reports back. */
export interface ConnectionGuard {
  /** The connection sent its first encrypted message: the handshake deadline no longer applies. */
  keyed(): void;
}

/** The limits of one simulator, and the bytes its connections hold right now. */
export class ConnectionGuards {
  /** Partial-frame bytes held by all guarded connections. */
  buffered = 0;
  /** Connections closed by a limit, by reason (for the control API and tests). */
  readonly closed = { idle: 0, handshake: 0, buffered: 0 };

  constructor(
    private readonly clock: Clock,
    readonly limits: ConnectionLimits,
  ) {}

  /**
   * Wraps `stream` (decoded by `codec`); `close` ends the connection. Returns the stream to frame and
   * the guard to tell about the first encrypted message.
   */
  guard(stream: ByteStream, codec: { readonly buffered?: number }): { stream: ByteStream; guard: ConnectionGuard } {
    const g = new Guard(this, this.clock, stream, codec);
    return { stream: { data$: g.data$, write: (c) => stream.write(c), close: () => g.end() }, guard: g };
  }
}

class Guard implements ConnectionGuard {
  readonly data$: Observable<Uint8Array>;
  private lastActivity: number;
  private readonly handshakeBy: number;
  private keyedYet = false;
  private held = 0;
  private timer: unknown;
  private done = false;

  constructor(
    private readonly guards: ConnectionGuards,
    private readonly clock: Clock,
    private readonly stream: ByteStream,
    private readonly codec: { readonly buffered?: number },
  ) {
    this.lastActivity = clock.now();
    this.handshakeBy = this.lastActivity + guards.limits.handshakeTimeoutMs;
    this.arm();
    this.data$ = new Observable<Uint8Array>((subscriber) => {
      const sub = stream.data$.subscribe({
        next: (chunk) => {
          // One timestamp per chunk; the timer is re-armed only when it fires.
          this.lastActivity = this.clock.now();
          const limit = this.guards.limits.maxBufferedBytes;
          if (this.guards.buffered + chunk.length > limit) {
            this.guards.closed.buffered++;
            return this.end();
          }
          subscriber.next(chunk);
          this.account();
        },
        error: (e: unknown) => {
          this.release();
          subscriber.error(e);
        },
        complete: () => {
          this.release();
          subscriber.complete();
        },
      });
      return () => sub.unsubscribe();
    });
  }

  keyed(): void {
    this.keyedYet = true;
  }

  end(): void {
    this.release();
    this.stream.close();
  }

  /** Counts what the codec holds after a chunk. */
  private account(): void {
    if (this.done) return;
    const now = this.codec.buffered ?? 0;
    this.guards.buffered += now - this.held;
    this.held = now;
  }

  private release(): void {
    if (this.done) return;
    this.done = true;
    this.clock.clearTimeout(this.timer);
    this.guards.buffered -= this.held;
    this.held = 0;
  }

  private arm(): void {
    const { idleTimeoutMs } = this.guards.limits;
    const at = Math.min(this.lastActivity + idleTimeoutMs, this.keyedYet ? Infinity : this.handshakeBy);
    this.timer = this.clock.setTimeout(() => this.check(), Math.max(0, at - this.clock.now()));
  }

  private check(): void {
    if (this.done) return;
    const now = this.clock.now();
    if (!this.keyedYet && now >= this.handshakeBy) {
      this.guards.closed.handshake++;
      return this.end();
    }
    if (now >= this.lastActivity + this.guards.limits.idleTimeoutMs) {
      this.guards.closed.idle++;
      return this.end();
    }
    this.arm();
  }
}
