/**
 * Classifying failures into the transitions the machines take (core.telegram.org/api/errors) and into the
 * plain `AuthError` the view shows. Protocol outcomes are data here, never exceptions.
 */
import { DcUnavailableError, RpcError, TransportError } from '../../transport/index.js';
import { errorCodeOf, errorSentence, type AuthErrorCode } from './error-messages.js';
import { AuthEngineError } from '../core/index.js';

/**
 * The error shape every view carries: a stable `code` and a sentence for a person (`message`,
 * error-messages.ts), the raw cause (`type`, `detail`), and whether retrying makes sense.
 */
export interface AuthError {
  /** `RpcError.type` (`'PHONE_CODE_INVALID'`, `'FLOOD_WAIT_X'`), `'TRANSPORT_<code>'`, or an engine code. */
  readonly type: string;
  /** Stable across releases (`'code.invalid'`); keyed by docs/ERRORS.md and `createAuthEngine({ messages })`. */
  readonly code: AuthErrorCode;
  /** The sentence to show (English unless the engine was given `messages`). */
  readonly message: string;
  /** The technical text behind it (`400 PHONE_CODE_INVALID (auth.signIn)`), for logs, never secret. */
  readonly detail?: string;
  /** True when the same command may be sent again (after `retryInSeconds`, if present). */
  readonly retryable: boolean;
  /** For `FLOOD_WAIT_X`: seconds left, counting down on the injected clock. */
  readonly retryInSeconds?: number;
  /** For `DC_UNREACHABLE`, `DC_SECURITY_CHECK`, `DC_TIMEOUT`: the DC that could not be used. */
  readonly dcId?: number;
  /** For `DC_SECURITY_CHECK`: the check that failed (e.g. `resPq.fingerprint`, `message.msgIdTime`). */
  readonly check?: string;
  /**
   * Set when `step.retry` is accepted (a DC error, or `FLOW_LOAD_FAILED`): `'again'` runs the failed
   * step again with the same input; `'input'` returns to its input screen, because the step needs a
   * secret the engine does not keep (a password, a recovery code, a token): the user types it again.
   */
  readonly retryStep?: 'again' | 'input';
}

/** The view's type of each reason a DC could not be used. */
const DC_UNAVAILABLE = { unreachable: 'DC_UNREACHABLE', securityCheck: 'DC_SECURITY_CHECK', timeout: 'DC_TIMEOUT' } as const;

/** Errors after which the user should simply try again (usually with different input). */
const RETRYABLE = new Set([
  'PHONE_CODE_INVALID',
  'PHONE_CODE_EMPTY',
  'PHONE_NUMBER_INVALID',
  'PASSWORD_HASH_INVALID',
  'SRP_ID_INVALID',
  'SRP_PASSWORD_CHANGED',
  'CODE_INVALID',
  'CODE_EMPTY',
  'EMAIL_INVALID',
  'FIRSTNAME_INVALID',
  'LASTNAME_INVALID',
  'TERMS_NOT_ACCEPTED',
  'FLOOD_WAIT_X',
  'FORM_EXPIRED',
  'INTERNAL',
]);

/** Seconds to wait when `error` is a `FLOOD_WAIT_X` (or premium/test variant), else undefined. */
export function floodWaitSeconds(error: unknown): number | undefined {
  if (!(error instanceof RpcError) || error.code !== 420) return undefined;
  if (!/^FLOOD(_PREMIUM|_TEST_PHONE)?_WAIT_X$/.test(error.type)) return undefined;
  return error.argument ?? 0;
}

/** The target DC of a `PHONE_MIGRATE_X` / `NETWORK_MIGRATE_X` / `USER_MIGRATE_X` redirect. */
export function migrateDc(error: unknown): number | undefined {
  if (!(error instanceof RpcError) || error.code !== 303) return undefined;
  return /^(PHONE|NETWORK|USER)_MIGRATE_X$/.test(error.type) ? error.argument : undefined;
}

/** True when `error` is the RpcError `type`. */
export function isRpcError(error: unknown, type: string): boolean {
  return error instanceof RpcError && error.type === type;
}

/** An `AuthError` of `type` with its code and English sentence (`detail`: the technical text). */
function described(type: string, detail: string, retryable: boolean, rpcCode?: number, seconds?: number): AuthError {
  const code = errorCodeOf(type, rpcCode);
  const message = errorSentence(code, { type, ...(seconds === undefined ? {} : { seconds }) });
  return { type, code, message, detail, retryable, ...(seconds === undefined ? {} : { retryInSeconds: seconds }) };
}

/** Converts anything thrown by an actor into the view's `AuthError`. */
export function toAuthError(error: unknown): AuthError {
  if (error instanceof RpcError) {
    const flood = floodWaitSeconds(error);
    if (flood !== undefined) return described('FLOOD_WAIT_X', error.message, true, error.code, flood);
    const retryable = RETRYABLE.has(error.type) || error.code >= 500;
    return described(error.type, error.message, retryable, error.code);
  }
  if (error instanceof DcUnavailableError) {
    // Reconnecting goes on underneath; sending the command again tries the DC at once.
    const type = DC_UNAVAILABLE[error.reason];
    return { ...described(type, error.message, true), dcId: error.dcId, ...(error.check ? { check: error.check } : {}) };
  }
  if (error instanceof TransportError) return described(`TRANSPORT_${Math.abs(error.code)}`, error.message, true);
  if (error instanceof AuthEngineError) return described(error.code, error.message, true);
  return described('INTERNAL', error instanceof Error ? error.message : String(error), true);
}

/** An `AuthError` raised by the engine itself (e.g. terms of service not accepted); `message` becomes its detail. */
export function engineError(type: string, message: string, retryable = true): AuthError {
  return described(type, message, retryable);
}
