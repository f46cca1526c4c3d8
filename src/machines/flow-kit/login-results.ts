/**
 * What every login flow does with the server's answer, whichever flow asked: keep a future auth
 * token out of machine context, and stop following `*_MIGRATE_X` redirects after a few hops.
 */
import type { TlTypeOf } from '../../tl/index.js';

type Authorization = TlTypeOf<'auth.Authorization'>;

/**
 * Redirect loops are cut after this many `*_MIGRATE_X` errors: a server that keeps sending the
 * client elsewhere is broken (https://core.telegram.org/api/datacenter, "Migration").
 */
export const MAX_MIGRATIONS = 5;

/**
 * Moves `future_auth_token` out of an authorization into the session before the machine sees it
 * (`auth.authorization#2ea2c0d4 … future_auth_token:flags.2?bytes`; https://core.telegram.org/api/auth,
 * "Future auth tokens"), so a token never lands in a snapshot or an inspector.
 */
export function keepFutureToken<A extends Authorization>(auth: A, remember: (t: Uint8Array) => void): A {
  if (auth._ !== 'auth.authorization' || auth.futureAuthToken === undefined) return auth;
  remember(auth.futureAuthToken);
  const { futureAuthToken: _dropped, ...rest } = auth;
  return rest as A;
}
