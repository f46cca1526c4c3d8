/**
 * Finishing a login (core.telegram.org/api/auth "Sign in / sign up", core.telegram.org/api/auth "Future auth tokens", core.telegram.org/api/srp, core.telegram.org/method/auth.logOut): bind the permanent key to the user,
 * issue a future_auth_token, tell the user's other sessions; or stop at SESSION_PASSWORD_NEEDED.
 */
import { bytesToHex } from '../../crypto/index.js';
import type { Account } from '../state/accounts.js';
import { fail } from '../errors.js';
import type { Call, TlValue } from './context.js';
import { userObject } from './user-object.js';

/** Future auth tokens stay valid for a year (Telegram does not document the period). */
const FUTURE_TOKEN_TTL_MS = 365 * 86_400_000;

/** 401 SESSION_PASSWORD_NEEDED when 2FA is on (remembering who may now call checkPassword). */
export function requirePasswordIfSet(call: Call, account: Account): void {
  if (!account.password) return;
  call.perm.passwordPendingUserId = account.id;
  throw fail(401, 'SESSION_PASSWORD_NEEDED');
}

/** Logs the call's permanent key in as `account` and builds `auth.authorization`. */
export function authorize(call: Call, account: Account): TlValue {
  const { state, perm } = call;
  state.keys.logIn(perm, account.id);
  perm.authorizedAt = state.now();
  perm.passwordPendingUserId = undefined;
  const result: TlValue = { _: 'auth.authorization', user: userObject(account) };
  if (!account.bot) {
    const token = state.random.bytes(32);
    state.futureTokens.set(bytesToHex(token), { userId: account.id, expiresAt: state.now() + FUTURE_TOKEN_TTL_MS });
    result.futureAuthToken = token;
  }
  notifyNewAuthorization(call, account);
  return result;
}

/** Code/password done in one step: SESSION_PASSWORD_NEEDED if 2FA is set, else logged in. */
export function completeLogin(call: Call, account: Account): TlValue {
  requirePasswordIfSet(call, account);
  return authorize(call, account);
}

/** Other logged-in keys of the user get updateNewAuthorization (core.telegram.org/method/auth.logOut). */
function notifyNewAuthorization(call: Call, account: Account): void {
  const { state, perm } = call;
  const date = state.clock.seconds();
  for (const other of state.keys.ofUser(account.id)) {
    if (other.id === perm.id) continue;
    const device = call.key.client?.deviceModel ?? perm.client?.deviceModel ?? 'Unknown device';
    state.pushUpdate(other.id, {
      _: 'updateShort',
      date,
      update: { _: 'updateNewAuthorization', unconfirmed: true, hash: state.randomLong(), date, device, location: 'Local' },
    } as TlValue);
  }
}
