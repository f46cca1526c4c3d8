/**
 * Passkey login (core.telegram.org/api/passkeys) as a statechart: initPasskeyLogin on the home DC, the WebAuthn
 * request options to the host's `PasskeyAuthenticator`, then finishPasskeyLogin on the user's
 * native DC read from the assertion's user handle (`"<dcId>:<userId>"`), naming the DC and key
 * that ran init when that differs. Ends `authorized` or `passwordNeeded` (2FA still applies).
 *
 * Its descriptions live in passkey-login/descriptions.ts, out of the runtime bundle (issue 11).
 */
import { assign, fromPromise, setup } from 'xstate';
import type { TlConstructorOf } from '../../tl/index.js';
import { engineError, isRpcError, migrateDc, toAuthError, type AuthError, errorOf, notProvided, outputOf, MAX_MIGRATIONS } from '../flow-kit/index.js';
import type { PasskeyAssertion, PasskeyRequestOptions } from '../core/index.js';

type Authorization = TlConstructorOf<'auth.authorization'>;

/** `user_handle` is `"%d:%lld"`: the user's DC and id (core.telegram.org/api/passkeys step 4); undefined when it is not. */
export function parseUserHandle(handle: string): { dcId: number; userId: bigint } | undefined {
  const m = /^(\d{1,9}):(\d{1,20})$/.exec(handle);
  if (!m) return undefined;
  const dcId = Number(m[1]);
  return dcId > 0 ? { dcId, userId: BigInt(m[2]!) } : undefined;
}

export interface PasskeyLoginInput {
  /** The DC that runs initPasskeyLogin (the home DC). */
  dcId: number;
}

export type PasskeyLoginOutput =
  | { kind: 'authorized'; dcId: number; authorization: Authorization }
  | { kind: 'passwordNeeded'; dcId: number };

export interface PasskeyLoginContext {
  initDcId: number;
  /** Where finishPasskeyLogin goes: the user's DC from the handle (or a redirect's). */
  dcId: number;
  options?: PasskeyRequestOptions | undefined;
  /** Bound to one server challenge, so useless once the attempt ends; dropped on exit anyway. */
  assertion?: PasskeyAssertion | undefined;
  migrations: number;
  authorization?: Authorization | undefined;
  error?: AuthError | undefined;
}

/** What `finishPasskeyLogin` needs. */
export interface FinishPasskeyInput {
  dcId: number;
  initDcId: number;
  assertion: PasskeyAssertion;
}

export const passkeyLoginActorStubs = {
  initPasskeyLogin: fromPromise<PasskeyRequestOptions, { dcId: number }>(notProvided('initPasskeyLogin')),
  getAssertion: fromPromise<PasskeyAssertion, PasskeyRequestOptions>(notProvided('getAssertion')),
  finishPasskeyLogin: fromPromise<Authorization, FinishPasskeyInput>(notProvided('finishPasskeyLogin')),
};

export type PasskeyLoginActors = typeof passkeyLoginActorStubs;

export const passkeyLoginSetup = setup({
  types: {
    context: {} as PasskeyLoginContext,
    input: {} as PasskeyLoginInput,
    output: {} as PasskeyLoginOutput,
    tags: {} as 'waitPasskey' | 'busy',
  },
  actors: passkeyLoginActorStubs,
  guards: {
    /** False too for an authenticator answer that is no assertion at all (a host bug): never throws. */
    hasUserHandle: ({ event }) => {
      const handle: unknown = outputOf<PasskeyAssertion | null | undefined>(event)?.userHandle;
      return typeof handle === 'string' && parseUserHandle(handle) !== undefined;
    },
    isPasswordNeeded: ({ event }) => isRpcError(errorOf(event), 'SESSION_PASSWORD_NEEDED'),
    canFollowMigrate: ({ context, event }) => migrateDc(errorOf(event)) !== undefined && context.migrations < MAX_MIGRATIONS,
  },
  actions: {
    storeOptions: assign(({ event }) => ({ options: outputOf<PasskeyRequestOptions>(event), error: undefined })),
    storeAssertion: assign(({ context, event }) => {
      const assertion = outputOf<PasskeyAssertion>(event);
      return { assertion, dcId: parseUserHandle(assertion.userHandle)?.dcId ?? context.dcId };
    }),
    switchDc: assign(({ context, event }) => ({
      dcId: migrateDc(errorOf(event)) ?? context.dcId,
      migrations: context.migrations + 1,
    })),
    storeAuthorization: assign(({ event }) => ({ authorization: outputOf<Authorization>(event) })),
    forgetAssertion: assign({ assertion: undefined }),
    storeError: assign(({ event }) => ({ error: toAuthError(errorOf(event)) })),
    storeHandleInvalid: assign({
      error: engineError('PASSKEY_USER_HANDLE_INVALID', 'This passkey is not a Telegram login passkey (bad user handle)'),
    }),
  },
});

/** The passkey login machine. Provide its actors with `createPasskeyLoginActors(deps)`. */
export const passkeyLoginMachine = passkeyLoginSetup.createMachine({
  id: 'passkeyLogin',
  context: ({ input }) => ({ initDcId: input.dcId, dcId: input.dcId, migrations: 0 }),
  initial: 'initializing',
  exit: 'forgetAssertion',
  states: {
    initializing: {
      tags: ['waitPasskey', 'busy'],
      invoke: {
        id: 'initPasskeyLogin',
        src: 'initPasskeyLogin',
        input: ({ context }) => ({ dcId: context.initDcId }),
        onDone: { target: 'asserting', actions: 'storeOptions' },
        onError: { target: 'failed', actions: 'storeError' },
      },
    },
    asserting: {
      tags: ['waitPasskey'],
      invoke: {
        id: 'getAssertion',
        src: 'getAssertion',
        input: ({ context }) => context.options!,
        onDone: [
          { guard: 'hasUserHandle', target: 'finishing', actions: 'storeAssertion' },
          { target: 'failed', actions: 'storeHandleInvalid' },
        ],
        onError: { target: 'failed', actions: 'storeError' },
      },
    },
    finishing: {
      tags: ['waitPasskey', 'busy'],
      invoke: {
        id: 'finishPasskeyLogin',
        src: 'finishPasskeyLogin',
        input: ({ context }) => ({ dcId: context.dcId, initDcId: context.initDcId, assertion: context.assertion! }),
        onDone: { target: 'authorized', actions: 'storeAuthorization' },
        onError: [
          { guard: 'isPasswordNeeded', target: 'passwordNeeded' },
          { guard: 'canFollowMigrate', target: 'finishing', reenter: true, actions: 'switchDc' },
          { target: 'failed', actions: 'storeError' },
        ],
      },
    },
    failed: { tags: ['waitPasskey'], entry: 'forgetAssertion' },
    authorized: { type: 'final' },
    passwordNeeded: { type: 'final' },
  },
  output: ({ context }) =>
    context.authorization
      ? { kind: 'authorized', dcId: context.dcId, authorization: context.authorization }
      : { kind: 'passwordNeeded', dcId: context.dcId },
});
