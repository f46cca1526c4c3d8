/**
 * The `Clock` port. Shape-compatible with XState's `clock` option, so one injected clock drives
 * protocol time (msg_id, salts, key expiry) and every machine timer. Tests use a manual clock.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `fn` after `ms` milliseconds; returns a handle for `clearTimeout`. */
  setTimeout(fn: () => void, ms: number): unknown;
  /** Cancels a pending `setTimeout`. Unknown or already-fired handles are ignored. */
  clearTimeout(handle: unknown): void;
  /**
   * Optional: milliseconds on a clock that never steps (`performance.now()`). With it, the session
   * measures time since its last sync on this clock, so a wall-clock step (NTP, a manual change, a
   * VM resumed) neither moves the server time it keeps nor makes it drop every answer; the step is
   * noticed and the time re-synced from the server's next message.
   */
  monotonic?(): number;
}
