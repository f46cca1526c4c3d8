/**
 * A session store in one file (Node). Writes are atomic and durable: the bytes go to a temp file
 * in the same directory, which is fsynced, renamed over the session file, and the directory is
 * fsynced so the rename itself survives a crash. A reader therefore sees the old or the new
 * session, never a mix. An advisory lock (`<path>.lock`) keeps a second process off the session.
 */
import { open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { bytesToHex, secureRandom } from '../../crypto/index.js';
import { SessionStoreError } from './errors.js';
import { acquireSessionLock, type SessionLock } from './session-lock.js';
import { serialQueue, type ClosableSessionStore } from './session-store.js';

/** Options of {@link fileStore}. */
export interface FileStoreOptions {
  /** Take the advisory lock (default true). Turn off only for read-only tools. */
  lock?: boolean;
}

const code = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** fsync a directory so a rename or unlink in it is durable. Windows cannot open directories. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${bytesToHex(secureRandom.bytes(6))}`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(dirname(path));
}

/** Temp files left by a writer that was killed mid-save; safe to delete once we hold the lock. */
async function removeLeftovers(path: string): Promise<void> {
  const prefix = `${basename(path)}.tmp-`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(prefix))
      .map((n) => unlink(join(dirname(path), n)).catch(() => undefined)),
  );
}

const io = (what: string, path: string, cause: unknown): SessionStoreError =>
  cause instanceof SessionStoreError
    ? cause
    : new SessionStoreError('io', `cannot ${what} session file ${path}`, { cause });

/**
 * A session stored in the file at `path`. Throws `SessionStoreError { reason: 'locked' }` right
 * away if another live process (or another store in this process) has the same session open.
 * Call `close()` to release the lock.
 */
export function fileStore(path: string, options: FileStoreOptions = {}): ClosableSessionStore {
  const lock: SessionLock | undefined = options.lock === false ? undefined : acquireSessionLock(path);
  const queue = serialQueue();
  let closed = false;
  const cleaned = lock === undefined ? Promise.resolve() : removeLeftovers(path);
  const run = <T>(what: string, op: () => Promise<T>): Promise<T> =>
    queue(async () => {
      if (closed) throw new SessionStoreError('io', `session file ${path} is closed`);
      await cleaned;
      try {
        return await op();
      } catch (error) {
        throw io(what, path, error);
      }
    });
  return {
    load: () =>
      run('read', async () => {
        try {
          return new Uint8Array(await readFile(path));
        } catch (error) {
          if (code(error) === 'ENOENT') return undefined;
          throw error;
        }
      }),
    save: (bytes) => {
      const copy = bytes.slice();
      return run('write', () => writeAtomic(path, copy));
    },
    clear: () =>
      run('clear', async () => {
        try {
          await unlink(path);
        } catch (error) {
          if (code(error) === 'ENOENT') return;
          throw error;
        }
        await syncDir(dirname(path));
      }),
    close: () =>
      queue(async () => {
        closed = true;
        lock?.release();
      }),
  };
}
