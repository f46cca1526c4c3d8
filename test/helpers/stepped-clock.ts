/**
 * A clock over a `ManualClock` whose wall time can step (an NTP step, a manual change, a VM resumed)
 * while its timers and its monotonic time go on undisturbed, as a real host's do.
 */
import type { Clock } from '../../src/transport/index.js';
import type { ManualClock } from './manual-clock.js';

export interface SteppedClock extends Clock {
  /** Moves the wall clock by `ms` (negative: back). */
  step(ms: number): void;
}

/** `monotonic: false` leaves out `Clock.monotonic` (a host clock without one). */
export function steppedClock(base: ManualClock, options: { monotonic?: boolean } = {}): SteppedClock {
  let skew = 0;
  const clock: SteppedClock = {
    now: () => base.now() + skew,
    setTimeout: (fn, ms) => base.setTimeout(fn, ms),
    clearTimeout: (handle) => base.clearTimeout(handle),
    step: (ms) => {
      skew += ms;
    },
  };
  if (options.monotonic !== false) clock.monotonic = () => base.now();
  return clock;
}
