/**
 * The session store port as adapters see it: the engine's `SessionStore` (src/machines/core/ports.ts),
 * re-exported so store users need only this module.
 */
import type { SessionStore } from '../../machines/index.js';

export type { SessionStore };

/** A store that holds a resource (a lock, a database handle) until closed. */
export interface ClosableSessionStore extends SessionStore {
  /** Releases the lock and handles; the store must not be used afterwards. */
  close(): Promise<void>;
}

/**
 * Runs operations one after another, in call order, so that the last `save` called is the one
 * that stays even when callers do not await each other.
 */
export function serialQueue(): <T>(op: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(op: () => Promise<T>): Promise<T> => {
    const run = tail.then(op, op);
    tail = run.catch(() => undefined);
    return run;
  };
}
