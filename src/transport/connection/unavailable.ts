/** Why a DC could not be used, read from the last failed attempt (for `DcUnavailableError`). */
import { SecurityError } from '../../crypto/index.js';
import { DcUnavailableError, SilenceError } from '../errors.js';

/** The first error of `kind` in `error`'s cause chain. */
function find<T>(error: unknown, kind: abstract new (...args: never[]) => T): T | undefined {
  for (let e = error, depth = 0; e !== undefined && depth < 8; depth++) {
    if (e instanceof kind) return e;
    e = e instanceof Error ? e.cause : undefined;
  }
  return undefined;
}

/**
 * Classifies the last attempt's failure: a failed security check (its name kept), silence past a
 * deadline, or nothing answered at all (`heard`: the server sent at least one frame).
 */
export function unavailable(dcId: number, error: unknown, heard: boolean): DcUnavailableError {
  const security = find(error, SecurityError);
  if (security) {
    return new DcUnavailableError(dcId, 'securityCheck', security.check, `DC ${dcId} failed the security check ${security.check}`, {
      cause: error,
    });
  }
  if (find(error, SilenceError) || heard) {
    return new DcUnavailableError(dcId, 'timeout', undefined, `DC ${dcId} stopped answering`, { cause: error });
  }
  const why = error instanceof Error ? `: ${error.message}` : '';
  return new DcUnavailableError(dcId, 'unreachable', undefined, `DC ${dcId} is unreachable${why}`, { cause: error });
}
