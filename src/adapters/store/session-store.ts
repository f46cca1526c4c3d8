/**
 * The session store port as adapters see it. Structurally identical to `SessionStore` in
 * src/machines/ports.ts (the engine's port); declared here until that port is committed so the
 * stores do not depend on work in progress.
 */

/** Where an engine keeps its session: opaque, versioned bytes (the engine owns the format). */
export interface SessionStore {
  /** The last saved bytes, or `undefined` if nothing is stored. */
  load(): Promise<Uint8Array | undefined>;
  /** Replaces the stored bytes; resolves once they are durable. */
  save(bytes: Uint8Array): Promise<void>;
  /** Removes the stored bytes. */
  clear(): Promise<void>;
}

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
