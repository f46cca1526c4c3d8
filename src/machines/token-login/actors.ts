/**
 * The real actors of the bot and web-token logins (core.telegram.org/method/auth.importBotAuthorization, core.telegram.org/method/auth.importWebTokenAuthorization). The token is read
 * from its `Secret` for each attempt (a `*_MIGRATE_X` retries it on another DC); the machine wipes
 * it when the flow ends. Future auth tokens go to the session, never into the machine.
 */
import { fromPromise } from 'xstate';
import type { TlConstructorOf, TlTypeOf } from '../../tl/index.js';
import { callRpc, keepFutureToken } from '../flow-kit/index.js';
import { AuthEngineError, type AuthRpc, resolverOf, type DepsSource } from '../core/index.js';
import type { TokenLoginActors } from './setup.js';

export interface TokenLoginDeps {
  rpc: AuthRpc;
  apiId: number;
  apiHash: string;
  rememberFutureToken(token: Uint8Array): void;
}

/** An existing account or bot: sign-up required here means the server answered nonsense. */
function authorized(auth: TlTypeOf<'auth.Authorization'>, remember: (t: Uint8Array) => void): TlConstructorOf<'auth.authorization'> {
  if (auth._ !== 'auth.authorization') throw new AuthEngineError('login.signUpRequired', 'token login answered sign-up required');
  return keepFutureToken(auth, remember);
}

/** The actors to `provide` to `botLoginMachine` and `webTokenLoginMachine`. */
export function createTokenLoginActors(source: DepsSource<TokenLoginDeps>): TokenLoginActors {
  const at = resolverOf(source);
  return {
    // auth.importBotAuthorization#67a3ff2c flags:int api_id:int api_hash:string bot_auth_token:string = auth.Authorization;
    importBotAuthorization: fromPromise(async ({ input, signal, system }) => {
      const { rpc, apiId, apiHash, rememberFutureToken } = at(system);
      const request = { _: 'auth.importBotAuthorization' as const, flags: 0, apiId, apiHash, botAuthToken: input.token.reveal() };
      return authorized(await callRpc(rpc, input.dcId, request, signal), rememberFutureToken);
    }),
    // auth.importWebTokenAuthorization#2db873a9 api_id:int api_hash:string web_auth_token:string = auth.Authorization;
    importWebTokenAuthorization: fromPromise(async ({ input, signal, system }) => {
      const { rpc, apiId, apiHash, rememberFutureToken } = at(system);
      const request = { _: 'auth.importWebTokenAuthorization' as const, apiId, apiHash, webAuthToken: input.token.reveal() };
      return authorized(await callRpc(rpc, input.dcId, request, signal), rememberFutureToken);
    }),
  };
}
