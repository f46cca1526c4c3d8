/** An in-memory session store: for tests, demos and short-lived processes. */
import { serialQueue, type SessionStore } from './session-store.js';

/**
 * A session store that keeps the bytes in memory. It copies on save and on load so callers can
 * neither change what is stored nor see later saves through an old result.
 */
export function memoryStore(initial?: Uint8Array): SessionStore {
  let value = initial === undefined ? undefined : initial.slice();
  const queue = serialQueue();
  return {
    load: () => queue(async () => value?.slice()),
    save: (bytes) => {
      // Copy now, not when the queued write runs: the caller may reuse its buffer.
      const copy = bytes.slice();
      return queue(async () => {
        value = copy;
      });
    },
    clear: () =>
      queue(async () => {
        value = undefined;
      }),
  };
}
