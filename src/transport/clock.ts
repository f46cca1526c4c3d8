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
}
