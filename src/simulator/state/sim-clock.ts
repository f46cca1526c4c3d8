/**
 * Simulator time: the injected `Clock` plus an offset the control API can advance, so tests can
 * expire codes, QR tokens and temp keys without waiting. Timers keep running on the base clock.
 */
import type { Clock } from '../../transport/index.js';

/** A `Clock` whose `now()` can be moved forward by the control API. */
export class SimClock implements Clock {
  private offset = 0;

  constructor(private readonly base: Clock) {}

  now(): number {
    return this.base.now() + this.offset;
  }

  /** Unix time in whole seconds, as TL `int` dates are. */
  seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Moves simulator time forward (never back): expiries are evaluated against the new time. */
  advance(ms: number): void {
    if (ms > 0) this.offset += ms;
  }

  /** How far simulator time runs ahead of the base clock (ms). */
  get offsetMs(): number {
    return this.offset;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    return this.base.setTimeout(fn, ms);
  }

  clearTimeout(handle: unknown): void {
    this.base.clearTimeout(handle);
  }
}
