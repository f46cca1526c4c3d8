/**
 * Liveness of one connection: while calls are pending, a connection from which nothing arrives for
 * `silenceMs` is probed with a ping, and one that stays silent for `pongMs` more is declared dead,
 * so its calls go out again on a new connection. A half-open path (a NAT that lost its mapping, a
 * hung peer, a middlebox that ACKs) accepts our bytes and never answers: without this deadline
 * every call on it waits for good. The hot path only bumps `inbound` per frame received; the
 * timer is armed once per silence period, never per message.
 */
import type { Clock } from '../clock.js';

/** What the watchdog asks of its connection. */
export interface LivenessHost {
  /** True while calls (or a ping) await an answer. */
  hasPending(): boolean;
  /** Sends a ping now. */
  probe(): void;
  /** Nothing arrived for the whole deadline: drop the connection. */
  dead(): void;
}

export class Liveness {
  /** Frames received on the current connection (the one number the hot path touches). */
  inbound = 0;
  private timer: unknown;
  private mark = 0;
  private probing = false;

  constructor(
    private readonly clock: Clock,
    private readonly silenceMs: number,
    private readonly pongMs: number,
    private readonly host: LivenessHost,
  ) {}

  /** Starts watching if calls are pending and nobody watches yet (after each flush). */
  arm(): void {
    if (this.timer !== undefined || this.silenceMs <= 0 || !this.host.hasPending()) return;
    this.mark = this.inbound;
    this.probing = false;
    this.timer = this.clock.setTimeout(() => this.check(), this.silenceMs);
  }

  /** A ping was sent on its own (keepalive): its answer is due within `pongMs`. */
  expectPong(): void {
    if (this.pongMs <= 0) return;
    this.stop();
    this.mark = this.inbound;
    this.probing = true;
    this.timer = this.clock.setTimeout(() => this.check(), this.pongMs);
  }

  /** The connection is gone or closed: forget the deadline (`inbound` starts again from 0). */
  stop(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.probing = false;
  }

  /** New connection. */
  reset(): void {
    this.stop();
    this.inbound = 0;
  }

  private check(): void {
    this.timer = undefined;
    if (this.inbound !== this.mark) {
      // The server spoke since the mark: alive. Watch the next period if calls still wait.
      this.probing = false;
      this.arm();
      return;
    }
    if (!this.probing) {
      if (!this.host.hasPending()) return;
      this.probing = true;
      this.timer = this.clock.setTimeout(() => this.check(), this.pongMs);
      this.host.probe();
      return;
    }
    this.host.dead();
  }
}
