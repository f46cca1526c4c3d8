/**
 * Logout and session management (core.telegram.org/method/auth.logOut, core.telegram.org/api/auth "Future auth tokens"):
 * `auth.logOut#3e72ba19 = auth.LoggedOut;` — answers a future_auth_token accepted later in logout_tokens;
 * `auth.resetAuthorizations#9fab0d1a = Bool;` — ends every other session of the user.
 */
import { bytesToHex } from '../../crypto/index.js';
import { fail } from '../errors.js';
import { requireUser, type Call, type MethodResult, type TlValue } from './context.js';

const FUTURE_TOKEN_TTL_MS = 365 * 86_400_000;
/** core.telegram.org/method/auth.logOut: a session younger than a day may not end the others. */
const FRESH_SESSION_MS = 86_400_000;

export function logOut(_req: TlValue, call: Call): MethodResult {
  const { state, perm } = call;
  const account = requireUser(call);
  perm.userId = undefined;
  perm.authorizedAt = undefined;
  const token = state.random.bytes(32);
  state.futureTokens.set(bytesToHex(token), { userId: account.id, expiresAt: state.now() + FUTURE_TOKEN_TTL_MS });
  return { _: 'auth.loggedOut', futureAuthToken: token };
}

export function resetAuthorizations(_req: TlValue, call: Call): MethodResult {
  const { state, perm } = call;
  const account = requireUser(call);
  if (state.now() - (perm.authorizedAt ?? 0) < FRESH_SESSION_MS) throw fail(406, 'FRESH_RESET_AUTHORISATION_FORBIDDEN');
  for (const other of state.keys.ofUser(account.id)) {
    if (other.id === perm.id) continue;
    other.userId = undefined;
    other.authorizedAt = undefined;
  }
  return true;
}
