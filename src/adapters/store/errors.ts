/** Errors of the session stores (adapters/store). */
import { TgauthError } from '../../crypto/index.js';

/**
 * Why a session store operation failed:
 * - `locked`: another live process (or another store in this process) holds the session's lock;
 *   using one auth key from two places at once is how Telegram's AUTH_KEY_DUPLICATED happens.
 * - `wrong-passphrase`: an encrypted session could not be opened with the given passphrase.
 * - `corrupt`: the stored bytes are not a session this store wrote (bad header, failed tag).
 * - `unsupported-version`: the stored format is newer than this code understands.
 * - `missing-dependency`: an optional package the store needs (better-sqlite3) is not installed.
 * - `io`: the platform storage failed (file system, SQLite, IndexedDB).
 */
export type SessionStoreErrorReason =
  'locked' | 'wrong-passphrase' | 'corrupt' | 'unsupported-version' | 'missing-dependency' | 'io';

/** A session store failed; `reason` says why, `ownerPid` is set for `locked` when known. */
export class SessionStoreError extends TgauthError {
  readonly reason: SessionStoreErrorReason;
  readonly ownerPid: number | undefined;
  constructor(
    reason: SessionStoreErrorReason,
    message: string,
    options?: { cause?: unknown; ownerPid?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.ownerPid = options?.ownerPid;
  }
}
