/** Errors of the login service (adapters/service). */
import { TgauthError } from '../../crypto/index.js';

/**
 * Why a service operation failed:
 * - `config`: the service was started without what it needs (no sealing key outside dev mode, bad URL).
 * - `missing-dependency`: an optional package (better-sqlite3, pg) is not installed.
 * - `fenced`: this worker's lease on a flow was taken over; it must stop touching the flow and its key.
 * - `storage`: the database failed.
 * - `corrupt`: a sealed value failed authentication (wrong key, damaged or swapped row).
 */
export type ServiceErrorReason = 'config' | 'missing-dependency' | 'fenced' | 'storage' | 'corrupt';

/** A login-service failure with a stable `reason`; messages never carry a secret. */
export class ServiceError extends TgauthError {
  readonly reason: ServiceErrorReason;
  constructor(reason: ServiceErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
  }
}
