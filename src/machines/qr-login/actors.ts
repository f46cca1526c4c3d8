/**
 * The real actors of the QR login machine (core.telegram.org/api/qr-login): exportLoginToken / importLoginToken
 * reduced to `QrTokenResult` (the link to show, a sealed migrate token, or the authorization with
 * its future auth token already moved to the session), and the `updateLoginToken` watcher.
 */
import { filter, map } from 'rxjs';
import { fromEventObservable, fromPromise } from 'xstate';
import type { TlObject, TlTypeOf } from '../../tl/index.js';
import { base64urlDecode, base64urlEncode, callRpc, keepFutureToken, qrLoginLink } from '../flow-kit/index.js';
import { AuthEngineError, type AuthRpc, Secret, resolverOf, type DepsSource } from '../core/index.js';
import type { QrLoginActors, QrTokenResult } from './machine.js';

export interface QrLoginDeps {
  rpc: AuthRpc;
  apiId: number;
  apiHash: string;
  /** Client time in ms (the engine's clock), to turn the server's `expires` into a delay. */
  now(): number;
  rememberFutureToken(token: Uint8Array): void;
}

/** Client and server clocks disagree a little; keep the redraw sane whatever they say. */
const MIN_TOKEN_MS = 1_000;
const MAX_TOKEN_MS = 5 * 60_000;

/** True when `update` is, or carries, `updateLoginToken#564fe691` (bare, updateShort, updates[Combined]). */
export function carriesLoginTokenUpdate(update: TlObject): boolean {
  const u = update as { _: string; update?: TlObject; updates?: TlObject[] };
  if (u._ === 'updateLoginToken') return true;
  if (u._ === 'updateShort' && u.update) return u.update._ === 'updateLoginToken';
  if ((u._ === 'updates' || u._ === 'updatesCombined') && u.updates) return u.updates.some((x) => x._ === 'updateLoginToken');
  return false;
}

/** Reduces an `auth.LoginToken` answer; the machine never sees token bytes except inside the link. */
export function reduceLoginToken(
  answer: TlTypeOf<'auth.LoginToken'>,
  now: number,
  remember: (t: Uint8Array) => void,
): QrTokenResult {
  switch (answer._) {
    case 'auth.loginToken': {
      const expiresInMs = Math.min(MAX_TOKEN_MS, Math.max(MIN_TOKEN_MS, answer.expires * 1000 - now));
      return { kind: 'token', link: qrLoginLink(answer.token), expiresAt: answer.expires, expiresInMs };
    }
    case 'auth.loginTokenMigrateTo':
      return { kind: 'migrate', dcId: answer.dcId, token: new Secret(base64urlEncode(answer.token)) };
    case 'auth.loginTokenSuccess': {
      const auth = answer.authorization;
      if (auth._ !== 'auth.authorization') {
        throw new AuthEngineError('qr.signUpRequired', 'QR login answered sign-up required for an existing account');
      }
      return { kind: 'authorized', authorization: keepFutureToken(auth, remember) };
    }
  }
}

/** The actors to `provide` to `qrLoginMachine`. */
export function createQrLoginActors(source: DepsSource<QrLoginDeps>): QrLoginActors {
  const at = resolverOf(source);
  return {
    // auth.exportLoginToken#b7e085fe api_id:int api_hash:string except_ids:Vector<long> = auth.LoginToken;
    exportLoginToken: fromPromise(async ({ input, signal, system }) => {
      const deps = at(system);
      const request = { _: 'auth.exportLoginToken' as const, apiId: deps.apiId, apiHash: deps.apiHash, exceptIds: [...input.exceptIds] };
      return reduceLoginToken(await callRpc(deps.rpc, input.dcId, request, signal), deps.now(), deps.rememberFutureToken);
    }),
    // auth.importLoginToken#95ac5ce4 token:bytes = auth.LoginToken;
    importLoginToken: fromPromise(async ({ input, signal, system }) => {
      const deps = at(system);
      const token = base64urlDecode(input.token.take());
      const answer = await callRpc(deps.rpc, input.dcId, { _: 'auth.importLoginToken', token }, signal);
      return reduceLoginToken(answer, deps.now(), deps.rememberFutureToken);
    }),
    // updateLoginToken#564fe691 = Update; (pushed to the key that exported the token once accepted)
    watchLoginToken: fromEventObservable(({ system }) =>
      at(system).rpc.updates$.pipe(
        filter(({ update }) => carriesLoginTokenUpdate(update)),
        map(() => ({ type: 'loginToken.updated' as const })),
      ),
    ),
  };
}
