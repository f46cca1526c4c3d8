/**
 * A session store in IndexedDB (browsers). One database per name, one object store `session`,
 * the bytes under a key. Each operation is its own transaction and resolves on `complete`
 * (asking for `strict` durability where the browser supports it), so a save has reached disk
 * when it resolves. IndexedDB transactions are atomic: a reader sees the old or the new bytes.
 */
import { SessionStoreError } from './errors.js';
import { serialQueue, type ClosableSessionStore } from './session-store.js';

/** Options of {@link indexedDbStore}. */
export interface IndexedDbStoreOptions {
  /** Key of this session inside the database (default `'default'`). */
  key?: string;
  /** The IndexedDB factory (default `globalThis.indexedDB`); tests may pass a fake. */
  indexedDB?: IDBFactory;
}

const OBJECT_STORE = 'session';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(name, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(OBJECT_STORE)) req.result.createObjectStore(OBJECT_STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () =>
      reject(new SessionStoreError('locked', `IndexedDB ${name} is blocked by another tab`));
  });
}

/** Runs `op` in one transaction and resolves with its result once the transaction completes. */
function inTransaction<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  op: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(OBJECT_STORE, mode, { durability: 'strict' });
    let result: T;
    request(op(tx.objectStore(OBJECT_STORE))).then((r) => (result = r), reject);
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * A session stored in the IndexedDB database `name`. Fails with `SessionStoreError { reason: 'io' }`
 * where IndexedDB is unavailable (Node, some private modes).
 */
export function indexedDbStore(name: string, options: IndexedDbStoreOptions = {}): ClosableSessionStore {
  const key = options.key ?? 'default';
  const queue = serialQueue();
  let db: Promise<IDBDatabase> | undefined;
  const run = <T>(what: string, op: (db: IDBDatabase) => Promise<T>): Promise<T> =>
    queue(async () => {
      const factory = options.indexedDB ?? globalThis.indexedDB;
      if (factory === undefined) throw new SessionStoreError('io', 'IndexedDB is not available here');
      db ??= openDatabase(factory, name);
      try {
        return await op(await db);
      } catch (error) {
        if (error instanceof SessionStoreError) throw error;
        throw new SessionStoreError('io', `cannot ${what} session in IndexedDB ${name}`, { cause: error });
      }
    });
  return {
    load: () =>
      run('read', async (d) => {
        const value: unknown = await inTransaction(d, 'readonly', (s) => s.get(key));
        if (value === undefined) return undefined;
        if (!(value instanceof Uint8Array))
          throw new SessionStoreError('corrupt', `IndexedDB ${name} holds a non-binary session`);
        return value.slice();
      }),
    save: (bytes) => {
      const copy = bytes.slice();
      return run('write', (d) =>
        inTransaction(d, 'readwrite', (s) => s.put(copy, key)).then(() => undefined),
      );
    },
    clear: () =>
      run('clear', (d) => inTransaction(d, 'readwrite', (s) => s.delete(key)).then(() => undefined)),
    close: () =>
      queue(async () => {
        if (db !== undefined) (await db.catch(() => undefined))?.close();
        db = undefined;
      }),
  };
}
