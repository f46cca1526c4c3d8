/**
 * Advisory lock file for a session path (`<path>.lock`), held by one process at a time.
 *
 * Two processes using the same auth key at once make Telegram answer AUTH_KEY_DUPLICATED and
 * revoke the key, so opening a session that is in use fails fast with a typed error instead.
 * The lock file holds the owner's pid, host and a random token; a lock whose pid is dead on
 * this host is stale (the owner crashed or was killed) and is taken over.
 */
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
  fsyncSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { bytesToHex, secureRandom } from '../../crypto/index.js';
import { SessionStoreError } from './errors.js';

/** A held session lock. */
export interface SessionLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

/** Lock paths held by this process: a second store on the same session is refused too. */
const heldHere = new Set<string>();

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(lockPath, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null) {
      const { pid, host, token } = parsed as Record<string, unknown>;
      if (typeof pid === 'number' && typeof host === 'string' && typeof token === 'string')
        return { pid, host, token };
    }
  } catch {
    // Unreadable or half-written (the writer was killed between create and write): no owner.
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stale: no parseable owner, or an owner on this host whose pid is gone (or is us, reused). */
function isStale(owner: LockOwner | undefined): boolean {
  if (owner === undefined) return true;
  if (owner.host !== hostname()) return false; // cannot see another host's processes
  if (owner.pid === process.pid) return true; // our pid, but not held here: a previous process's
  return !isAlive(owner.pid);
}

/**
 * Creates the lock fully formed: the owner is written to a private file first and then hard-linked
 * into place (link fails atomically if the lock exists), so nobody ever reads a half-written lock
 * and mistakes it for a stale one.
 */
function tryCreate(lockPath: string, owner: LockOwner): boolean {
  const draft = `${lockPath}.new-${owner.token}`;
  try {
    const fd = openSync(draft, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(owner));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(draft, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new SessionStoreError('io', `cannot create lock ${lockPath}`, { cause: error });
  } finally {
    try {
      unlinkSync(draft);
    } catch {
      // never created
    }
  }
}

/**
 * Moves a stale lock out of the way. Renaming (not unlinking) lets us check what we moved: if a
 * racing process replaced the stale lock with a live one in the meantime, we put it back.
 */
function removeStale(lockPath: string, token: string): void {
  const aside = `${lockPath}.stale-${token}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return; // already gone: someone else took it over or released it
  }
  if (!isStale(readOwner(aside))) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // A third process created a lock meanwhile; it holds the session now.
    }
  }
  unlinkSync(aside);
}

/** Takes the lock for `sessionPath`, or throws `SessionStoreError { reason: 'locked', ownerPid }`. */
export function acquireSessionLock(sessionPath: string): SessionLock {
  const lockPath = `${sessionPath}.lock`;
  if (heldHere.has(lockPath)) {
    throw new SessionStoreError('locked', `session ${sessionPath} is already open in this process`, {
      ownerPid: process.pid,
    });
  }
  const me: LockOwner = { pid: process.pid, host: hostname(), token: bytesToHex(secureRandom.bytes(8)) };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(lockPath, me)) {
      heldHere.add(lockPath);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        heldHere.delete(lockPath);
        process.off('exit', release);
        if (readOwner(lockPath)?.token === me.token) unlinkSync(lockPath);
      };
      // A process that exits without closing its store leaves no lock behind, so a later process
      // that happens to get the same pid (containers reuse small pids) is not refused.
      process.once('exit', release);
      return { path: lockPath, release };
    }
    const owner = readOwner(lockPath);
    if (!isStale(owner)) {
      throw new SessionStoreError(
        'locked',
        `session ${sessionPath} is in use by process ${owner?.pid} on ${owner?.host}; using one session from two processes gets its key revoked (AUTH_KEY_DUPLICATED). If that process is not using it, delete ${lockPath}`,
        owner === undefined ? undefined : { ownerPid: owner.pid },
      );
    }
    removeStale(lockPath, me.token);
  }
  throw new SessionStoreError('locked', `session ${sessionPath}: could not take over its lock (contended)`);
}
