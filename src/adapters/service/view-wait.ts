/**
 * Waiting on an engine's views, bounded: the one way the service waits for a flow to settle, so no
 * request or takeover can wait forever on an engine that never gets there.
 */
import type { AuthEngine, AuthView } from '../../machines/index.js';

/**
 * Resolves with the first view of `engine` that passes `test`, or undefined once `timeoutMs` passed
 * or the view stream errored or ended first.
 */
export function viewWhere(engine: AuthEngine, test: (v: AuthView) => boolean, timeoutMs: number): Promise<AuthView | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (view: AuthView | undefined): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // Unsubscribed a turn later: `finish` may run inside `subscribe`, before it returned.
      queueMicrotask(() => subscription.unsubscribe());
      resolve(view);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const subscription = engine.state$.subscribe({
      next: (v) => test(v) && finish(v),
      error: () => finish(undefined),
      complete: () => finish(undefined),
    });
  });
}

/** A view the flow rests on: loaded and not mid-request. */
export const isSettled = (v: AuthView): boolean => v.status !== 'initializing' && !v.busy;
