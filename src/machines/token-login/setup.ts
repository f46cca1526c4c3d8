/**
 * Setup shared by the import-style logins, bot (core.telegram.org/method/auth.importBotAuthorization) and web token (core.telegram.org/method/auth.importWebTokenAuthorization): one RPC
 * with a sealed token, `USER_MIGRATE_X` / `PHONE_MIGRATE_X` followed to DC X (core.telegram.org/api/datacenter, bounded), and
 * the token wiped when the flow ends. The machines differ only in the RPC actor they invoke.
 *
 * Its descriptions live in {bot-login,web-token-login}.descriptions.ts, out of the runtime bundle (issue 11).
 */
import { assign, fromPromise, setup } from 'xstate';
import type { TlConstructorOf } from '../../tl/index.js';
import { migrateDc, toAuthError, type AuthError, errorOf, notProvided, outputOf, MAX_MIGRATIONS } from '../flow-kit/index.js';
import type { Secret } from '../core/index.js';

type Authorization = TlConstructorOf<'auth.authorization'>;

/** Where an import-style login starts, and its sealed token. */
export interface TokenLoginInput {
  dcId: number;
  token: Secret;
}

/** How it ends; `failed` sends the root back to the phone screen with the error. */
export type TokenLoginOutput =
  | { kind: 'authorized'; dcId: number; authorization: Authorization }
  | { kind: 'failed'; dcId: number; error: AuthError };

export interface TokenLoginContext {
  dcId: number;
  token: Secret;
  migrations: number;
  authorization?: Authorization | undefined;
  error?: AuthError | undefined;
}

/** Typed stubs; `createTokenLoginActors` supplies the real ones. */
export const tokenLoginActorStubs = {
  importBotAuthorization: fromPromise<Authorization, TokenLoginInput>(notProvided('importBotAuthorization')),
  importWebTokenAuthorization: fromPromise<Authorization, TokenLoginInput>(notProvided('importWebTokenAuthorization')),
};

export type TokenLoginActors = typeof tokenLoginActorStubs;

export const tokenLoginSetup = setup({
  types: {
    context: {} as TokenLoginContext,
    input: {} as TokenLoginInput,
    output: {} as TokenLoginOutput,
    tags: {} as 'busy',
  },
  actors: tokenLoginActorStubs,
  guards: {
    canFollowMigrate: ({ context, event }) => migrateDc(errorOf(event)) !== undefined && context.migrations < MAX_MIGRATIONS,
  },
  actions: {
    switchDc: assign(({ context, event }) => ({
      dcId: migrateDc(errorOf(event)) ?? context.dcId,
      migrations: context.migrations + 1,
    })),
    storeAuthorization: assign(({ event }) => ({ authorization: outputOf<Authorization>(event) })),
    storeError: assign(({ event }) => ({ error: toAuthError(errorOf(event)) })),
    wipeToken: ({ context }) => context.token.wipe(),
  },
});

/** The states of an import-style login around the one RPC actor `src`. */
export function tokenLoginStates(src: keyof TokenLoginActors) {
  return {
    importing: {
      tags: ['busy' as const],
      invoke: {
        id: src,
        src,
        input: ({ context }: { context: TokenLoginContext }) => ({ dcId: context.dcId, token: context.token }),
        onDone: { target: 'done', actions: 'storeAuthorization' as const },
        onError: [
          { guard: 'canFollowMigrate' as const, target: 'importing', reenter: true, actions: 'switchDc' as const },
          { target: 'done', actions: 'storeError' as const },
        ],
      },
    },
    done: { type: 'final' as const },
  };
}

/** The output both machines end with. */
export const tokenLoginOutput = ({ context }: { context: TokenLoginContext }): TokenLoginOutput =>
  context.authorization
    ? { kind: 'authorized', dcId: context.dcId, authorization: context.authorization }
    : { kind: 'failed', dcId: context.dcId, error: context.error ?? toAuthError(undefined) };
