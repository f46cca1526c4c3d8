/** The real clock: `Date.now()`, `performance.now()` and the platform timers (Node and browsers). */
import type { Clock } from '../../transport/index.js';

/** Wall-clock time and real timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  // Never steps with NTP or a changed system time (it may pause while the host sleeps: the server's
  // bad_msg_notification 16/17 re-syncs that case).
  monotonic: () => globalThis.performance.now(),
};
