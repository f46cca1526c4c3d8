/**
 * QR login (core.telegram.org/api/qr-login):
 * `auth.exportLoginToken#b7e085fe api_id api_hash except_ids:Vector<long> = auth.LoginToken;`
 * `auth.importLoginToken#95ac5ce4 token:bytes = auth.LoginToken;`
 * `auth.acceptLoginToken#e894ad4d token:bytes = Authorization;`
 * Model: a token is bound to (DC, requester key, expiry, except_ids); accepting binds a user and
 * pushes updateLoginToken to the requester; the next export answers Success, or MigrateTo with a
 * token only importLoginToken on the user's DC accepts.
 */
import { bytesToHex } from '../../crypto/index.js';
import type { Account } from '../state/accounts.js';
import type { QrToken } from '../state/records.js';
import { fail } from '../errors.js';
import { authorize, requirePasswordIfSet } from './authorize.js';
import { bytes, checkApiId, int, requireUser, str, type Call, type MethodResult, type TlValue } from './context.js';

export function exportLoginToken(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  checkApiId(call, int(req, 'apiId'), str(req, 'apiHash'));
  const exceptIds = Array.isArray(req.exceptIds) ? (req.exceptIds as bigint[]) : [];
  // An accepted token of this key answers the repeated export (step 5 of core.telegram.org/api/qr-login).
  for (const t of state.qrTokens.values()) {
    if (t.authKeyId === call.perm.id && t.acceptedBy !== undefined && !t.migrated && t.dcId === call.ctx.dcId) {
      return finish(call, t);
    }
  }
  const token: QrToken = {
    token: state.random.bytes(32),
    dcId: call.ctx.dcId,
    authKeyId: call.perm.id,
    exceptIds,
    expiresAt: state.now() + state.settings.qrTtlMs,
  };
  state.qrTokens.set(bytesToHex(token.token), token);
  return { _: 'auth.loginToken', expires: Math.floor(token.expiresAt / 1000), token: token.token };
}

export function importLoginToken(req: TlValue, call: Call): MethodResult {
  const t = lookup(call, bytes(req, 'token'));
  if (!t.migrated || t.dcId !== call.ctx.dcId) throw fail(400, 'AUTH_TOKEN_INVALID');
  if (t.acceptedBy === undefined) throw fail(400, 'AUTH_TOKEN_INVALIDX');
  return finish(call, t);
}

export function acceptLoginToken(req: TlValue, call: Call): MethodResult {
  const account = requireUser(call);
  const t = lookup(call, bytes(req, 'token'));
  if (t.migrated) throw fail(400, 'AUTH_TOKEN_INVALIDX');
  if (t.acceptedBy !== undefined) throw fail(400, 'AUTH_TOKEN_ALREADY_ACCEPTED');
  if (t.exceptIds.some((id) => BigInt.asUintN(64, id) === BigInt.asUintN(64, account.id))) {
    throw fail(400, 'AUTH_TOKEN_EXCEPTION');
  }
  acceptToken(call.state, t, account);
  const date = call.state.clock.seconds();
  return {
    _: 'authorization',
    hash: call.state.randomLong(),
    deviceModel: 'Unknown',
    platform: 'Unknown',
    systemVersion: '',
    apiId: 0,
    appName: 'QR login',
    appVersion: '',
    dateCreated: date,
    dateActive: date,
    ip: '127.0.0.1',
    country: 'Local',
    region: '',
  };
}

/** Binds the token to `account` and tells the waiting session (also used by the control API). */
export function acceptToken(state: Call['state'], t: QrToken, account: Account): void {
  t.acceptedBy = account.id;
  state.pushUpdate(t.authKeyId, { _: 'updateShort', update: { _: 'updateLoginToken' }, date: state.clock.seconds() } as TlValue);
}

/** AUTH_TOKEN_INVALID for unknown tokens, AUTH_TOKEN_EXPIRED for stale ones. */
function lookup(call: Call, token: Uint8Array): QrToken {
  const t = token.length === 0 ? undefined : call.state.qrTokens.peek(bytesToHex(token));
  if (!t) throw fail(400, 'AUTH_TOKEN_INVALID');
  // Expired tokens are kept until the sweep so the answer can say EXPIRED rather than INVALID.
  if (t.expiresAt <= call.state.now()) throw fail(400, 'AUTH_TOKEN_EXPIRED');
  return t;
}

/** Success on the user's DC; elsewhere a one-use migrate token for that DC. */
function finish(call: Call, t: QrToken): MethodResult {
  const { state } = call;
  const account = state.accounts.get(t.acceptedBy!)!;
  if (account.dcId !== call.ctx.dcId) {
    const next: QrToken = { ...t, token: state.random.bytes(32), dcId: account.dcId, migrated: true };
    state.qrTokens.delete(bytesToHex(t.token));
    state.qrTokens.set(bytesToHex(next.token), next);
    return { _: 'auth.loginTokenMigrateTo', dcId: account.dcId, token: next.token };
  }
  state.qrTokens.delete(bytesToHex(t.token));
  requirePasswordIfSet(call, account);
  return { _: 'auth.loginTokenSuccess', authorization: authorize(call, account) };
}
