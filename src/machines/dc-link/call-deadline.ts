/**
 * The deadline of one RPC: past it the call fails (and is dropped on the server) instead of waiting
 * for good. Reconnects and re-sends happen under it; it is the last guard of "every call finishes
 * or fails" (issue 21), so its default is well above what the liveness of a connection needs to
 * find a dead one (20 s) and try again a few times.
 */
import { Observable } from 'rxjs';
import { DcUnavailableError, type Clock } from '../../transport/index.js';

/** Default per-call deadline: 120 s. */
export const DEFAULT_CALL_TIMEOUT_MS = 120_000;

/** `source` failing with a `DcUnavailableError` ('timeout') if it has not completed within `ms` (0: no deadline). */
export function withCallDeadline<T>(source: Observable<T>, clock: Clock, ms: number, dcId: number, method: string): Observable<T> {
  if (ms <= 0) return source;
  return new Observable<T>((subscriber) => {
    const timer = clock.setTimeout(() => {
      subscriber.error(new DcUnavailableError(dcId, 'timeout', undefined, `DC ${dcId} did not answer ${method} within ${ms / 1000} s`));
    }, ms);
    const subscription = source.subscribe(subscriber);
    return () => {
      clock.clearTimeout(timer);
      subscription.unsubscribe();
    };
  });
}
