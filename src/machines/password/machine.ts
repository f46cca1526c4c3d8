/**
 * Two-factor authentication (core.telegram.org/api/srp, core.telegram.org/api/srp "Password recovery"): account.getPassword, the SRP check,
 * refetch after PASSWORD_HASH_INVALID / SRP_ID_INVALID (srp_B is single use), FLOOD_WAIT
 * countdown, and e-mail recovery (requestPasswordRecovery -> code -> checkRecoveryPassword ->
 * recoverPassword, optionally setting a new password). Runs on the DC where the login is pending.
 * Every FLOOD_WAIT_X answer is a countdown on the form (commands refused, nothing re-sent); a flooded
 * refetch shows the check's error again once it is over. A submit without usable SRP parameters
 * (their fetch failed, or was flooded and counted down) fetches them and checks in one go.
 *
 * Its descriptions live in password/descriptions.ts, out of the runtime bundle (issue 11).
 */
import { assertEvent, assign, enqueueActions, fromPromise, setup } from 'xstate';
import type { TlConstructorOf, TlTypeOf } from '../../tl/index.js';
import { engineError, floodWaitSeconds, isRpcError, toAuthError, type AuthError, type CommandRejected, type SealedCommand, errorOf, isCommandEvent, notProvided, outputOf } from '../flow-kit/index.js';
import type { Secret } from '../core/index.js';

type Authorization = TlTypeOf<'auth.Authorization'>;
type AccountPassword = TlTypeOf<'account.Password'>;

export interface PasswordInput {
  dcId: number;
}

export interface PasswordOutput {
  dcId: number;
  authorization: TlConstructorOf<'auth.authorization'>;
}

/** A submitted recovery: handles only (values are private to `Secret`), wiped when the attempt ends. */
export interface RecoveryAttempt {
  code: Secret;
  newPassword?: Secret;
  newHint?: string;
}

export interface PasswordContext {
  dcId: number;
  /** The latest account.password (public SRP parameters, hint, recovery flags). */
  info?: AccountPassword | undefined;
  recoveryEmailPattern?: string | undefined;
  recovery?: RecoveryAttempt | undefined;
  /** The submitted password while it is being checked (a handle; wiped when the attempt ends). */
  attempt?: Secret | undefined;
  authorization?: TlConstructorOf<'auth.authorization'> | undefined;
  floodSeconds: number;
  error?: AuthError | undefined;
  /** What the form shows once a FLOOD_WAIT countdown is over (the check error a flooded refetch followed). */
  errorAfterFlood?: AuthError | undefined;
}

/** Typed stubs; `createPasswordActors` supplies the real ones. */
export const passwordActorStubs = {
  getPassword: fromPromise<AccountPassword, { dcId: number }>(notProvided('getPassword')),
  checkPassword: fromPromise<Authorization, { dcId: number; password: Secret; info: AccountPassword }>(
    notProvided('checkPassword'),
  ),
  requestRecovery: fromPromise<TlTypeOf<'auth.PasswordRecovery'>, { dcId: number }>(notProvided('requestRecovery')),
  checkRecoveryCode: fromPromise<boolean, { dcId: number; code: Secret }>(notProvided('checkRecoveryCode')),
  recoverPassword: fromPromise<Authorization, { dcId: number; attempt: RecoveryAttempt; info: AccountPassword }>(
    notProvided('recoverPassword'),
  ),
};

/** The actor implementations `passwordMachine.provide` takes. */
export type PasswordActors = typeof passwordActorStubs;

/** The only KDF the protocol defines (core.telegram.org/api/srp); anything else means "update the app". */
const SRP_ALGO = 'passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow';

function hasSrpParams(info: AccountPassword | undefined): boolean {
  return info?.currentAlgo?._ === SRP_ALGO && info.srpB !== undefined && info.srpId !== undefined;
}

/**
 * checkPassword / recoverPassword answered auth.authorizationSignUpRequired. Telegram documents it
 * for auth.signIn only (core.telegram.org/api/auth "Sign in / sign up"); the password step cannot sign up (after a QR, passkey, future-token
 * or resumed login it has no phone_code_hash), so the user is told to start over with the number.
 */
const SIGN_UP_REQUIRED = engineError(
  'SIGN_UP_REQUIRED',
  'Telegram has no account for this number any more: start over with the phone number (phone.edit) to sign up',
  false,
);

/** `FLOOD_WAIT_X` countdown, then back to the form; nothing is re-sent automatically. */
const floodWait = {
  always: { guard: 'isFloodOver', target: 'idle', actions: 'showErrorAfterFlood' },
  after: { oneSecond: { target: 'floodWait', reenter: true, actions: 'tickFlood' } },
} as const;

export const passwordSetup = setup({
  types: {
    context: {} as PasswordContext,
    events: {} as SealedCommand,
    input: {} as PasswordInput,
    output: {} as PasswordOutput,
    emitted: {} as CommandRejected,
    tags: {} as 'waitPassword' | 'waitPasswordRecovery' | 'busy',
  },
  actors: passwordActorStubs,
  guards: {
    hasRecovery: ({ context }) => context.info?._ === 'account.password' && context.info.hasRecovery === true,
    hasSrpParams: ({ context }) => hasSrpParams(context.info),
    /** The fetched account.password carries parameters this client can use. */
    isUsableAnswer: ({ event }) => hasSrpParams(outputOf<AccountPassword>(event)),
    /** srp_B is single use: after any check answer but success the parameters must be fetched again. */
    needsRefetch: ({ event }) =>
      ['PASSWORD_HASH_INVALID', 'SRP_ID_INVALID', 'SRP_PASSWORD_CHANGED'].some((t) => isRpcError(errorOf(event), t)),
    isFloodWait: ({ event }) => floodWaitSeconds(errorOf(event)) !== undefined,
    isFloodOver: ({ context }) => context.floodSeconds <= 0,
    isTrue: ({ event }) => outputOf<boolean>(event) === true,
    isAuthorized: ({ event }) => outputOf<Authorization>(event)._ === 'auth.authorization',
    isCommand: ({ event }) => isCommandEvent(event),
  },
  delays: { oneSecond: 1000 },
  actions: {
    storeInfo: assign(({ event }) => ({ info: outputOf<AccountPassword>(event) })),
    storeRecoveryPattern: assign(({ event }) => ({
      recoveryEmailPattern: outputOf<TlTypeOf<'auth.PasswordRecovery'>>(event).emailPattern,
    })),
    storeAttempt: assign(({ event }) => {
      assertEvent(event, 'password.submit');
      return { attempt: event.password };
    }),
    /** Wipes the submitted password as soon as its check is over, whatever its outcome. */
    dropAttempt: assign(({ context }) => {
      context.attempt?.wipe();
      return { attempt: undefined };
    }),
    storeRecoveryAttempt: assign(({ event }) => {
      assertEvent(event, 'recovery.submit');
      const { code, newPassword, newHint } = event;
      return {
        recovery: { code, ...(newPassword ? { newPassword } : {}), ...(newHint === undefined ? {} : { newHint }) },
      };
    }),
    /** Wipes the recovery secrets as soon as the attempt is over, whatever its outcome. */
    dropRecoveryAttempt: assign(({ context }) => {
      context.recovery?.code.wipe();
      context.recovery?.newPassword?.wipe();
      return { recovery: undefined };
    }),
    storeAuthorization: assign(({ event }) => {
      const auth = outputOf<Authorization>(event);
      return auth._ === 'auth.authorization' ? { authorization: auth } : {};
    }),
    /** The used srp_B / srp_id are dropped (hint and recovery flags stay): the next submit fetches new ones. */
    forgetSrpChallenge: assign(({ context }) =>
      context.info?._ === 'account.password' ? { info: { ...context.info, srpB: undefined, srpId: undefined } } : {},
    ),
    storeUnsupported: assign({
      error: engineError('PASSWORD_ALGO_UNSUPPORTED', 'Unknown password algorithm: update the app', false),
    }),
    storeError: assign(({ event }) => ({ error: toAuthError(errorOf(event)) })),
    storeSignUpRequired: assign({ error: SIGN_UP_REQUIRED }),
    storeCodeInvalid: assign({ error: engineError('CODE_INVALID', 'The recovery code is not valid') }),
    clearError: assign({ error: undefined }),
    storeFloodWait: assign(({ event }) => ({
      floodSeconds: floodWaitSeconds(errorOf(event)) ?? 0,
      error: toAuthError(errorOf(event)),
    })),
    /** The error on screen is shown again once the countdown that replaces it is over. */
    deferError: assign(({ context }) => ({ errorAfterFlood: context.error })),
    /** The countdown is over: the form shows what was deferred past it, if anything. */
    showErrorAfterFlood: assign(({ context }) => ({ error: context.errorAfterFlood, errorAfterFlood: undefined })),
    tickFlood: assign(({ context }) => {
      const floodSeconds = Math.max(0, context.floodSeconds - 1);
      return { floodSeconds, error: context.error && { ...context.error, retryInSeconds: floodSeconds } };
    }),
    /** Ignored command: tell external listeners, and the root when running as its child. */
    emitRejected: enqueueActions(({ enqueue, event, self }) => {
      enqueue.emit({ type: 'command.rejected', command: event.type });
      if (self._parent) enqueue.sendParent({ type: 'flow.commandRejected', command: event.type });
    }),
  },
});

/** The password machine. Provide its actors with `createPasswordActors(deps)`. */
export const passwordMachine = passwordSetup.createMachine({
  id: 'password',
  context: ({ input }) => ({ dcId: input.dcId, floodSeconds: 0 }),
  initial: 'fetching',
  on: { '*': { guard: 'isCommand', actions: 'emitRejected' } },
  states: {
    fetching: {
      tags: ['waitPassword', 'busy'],
      invoke: {
        id: 'getPassword',
        src: 'getPassword',
        input: ({ context }) => ({ dcId: context.dcId }),
        onDone: [
          { guard: 'isUsableAnswer', target: 'waitPassword', actions: 'storeInfo' },
          { target: 'waitPassword', actions: ['storeInfo', 'storeUnsupported'] },
        ],
        onError: [
          { guard: 'isFloodWait', target: 'waitPassword.floodWait', actions: 'storeFloodWait' },
          { target: 'waitPassword', actions: 'storeError' },
        ],
      },
    },
    waitPassword: {
      tags: ['waitPassword'],
      initial: 'idle',
      states: {
        idle: {
          on: {
            'password.submit': [
              { guard: 'hasSrpParams', target: 'checking', actions: 'storeAttempt' },
              { target: 'preparing', actions: 'storeAttempt' },
            ],
            'recovery.request': { guard: 'hasRecovery', target: '#password.requestingRecovery' },
          },
        },
        preparing: {
          tags: ['busy'],
          entry: 'clearError',
          invoke: {
            id: 'getPassword',
            src: 'getPassword',
            input: ({ context }) => ({ dcId: context.dcId }),
            onDone: [
              { guard: 'isUsableAnswer', target: 'checking', actions: 'storeInfo' },
              { target: 'idle', actions: ['storeInfo', 'storeUnsupported', 'dropAttempt'] },
            ],
            onError: [
              { guard: 'isFloodWait', target: 'floodWait', actions: ['storeFloodWait', 'dropAttempt'] },
              { target: 'idle', actions: ['storeError', 'dropAttempt'] },
            ],
          },
        },
        checking: {
          tags: ['busy'],
          entry: 'clearError',
          exit: 'dropAttempt',
          invoke: {
            id: 'checkPassword',
            src: 'checkPassword',
            input: ({ context }) => ({ dcId: context.dcId, password: context.attempt!, info: context.info! }),
            onDone: [
              { guard: 'isAuthorized', target: '#password.authorized', actions: 'storeAuthorization' },
              { target: 'idle', actions: 'storeSignUpRequired' },
            ],
            onError: [
              { guard: 'isFloodWait', target: 'floodWait', actions: 'storeFloodWait' },
              { guard: 'needsRefetch', target: 'refetching', actions: 'storeError' },
              { target: 'idle', actions: 'storeError' },
            ],
          },
        },
        refetching: {
          tags: ['busy'],
          invoke: {
            id: 'getPassword',
            src: 'getPassword',
            input: ({ context }) => ({ dcId: context.dcId }),
            onDone: [
              { guard: 'isUsableAnswer', target: 'idle', actions: 'storeInfo' },
              { target: 'idle', actions: ['storeInfo', 'storeUnsupported'] },
            ],
            onError: [
              {
                guard: 'isFloodWait',
                target: 'floodWait',
                actions: ['forgetSrpChallenge', 'deferError', 'storeFloodWait'],
              },
              { target: 'idle', actions: 'forgetSrpChallenge' },
            ],
          },
        },
        floodWait,
      },
    },
    requestingRecovery: {
      tags: ['waitPassword', 'busy'],
      entry: 'clearError',
      invoke: {
        id: 'requestRecovery',
        src: 'requestRecovery',
        input: ({ context }) => ({ dcId: context.dcId }),
        onDone: { target: 'waitPasswordRecovery', actions: 'storeRecoveryPattern' },
        onError: [
          { guard: 'isFloodWait', target: 'waitPassword.floodWait', actions: 'storeFloodWait' },
          { target: 'waitPassword', actions: 'storeError' },
        ],
      },
    },
    waitPasswordRecovery: {
      tags: ['waitPasswordRecovery'],
      initial: 'idle',
      exit: 'dropRecoveryAttempt',
      states: {
        idle: {
          entry: 'dropRecoveryAttempt',
          on: {
            'recovery.submit': { target: 'checkingCode', actions: 'storeRecoveryAttempt' },
            'recovery.request': { target: '#password.requestingRecovery' },
          },
        },
        checkingCode: {
          tags: ['busy'],
          entry: 'clearError',
          invoke: {
            id: 'checkRecoveryCode',
            src: 'checkRecoveryCode',
            input: ({ context }) => ({ dcId: context.dcId, code: context.recovery!.code }),
            onDone: [{ guard: 'isTrue', target: 'recovering' }, { target: 'idle', actions: 'storeCodeInvalid' }],
            onError: [
              { guard: 'isFloodWait', target: 'floodWait', actions: ['storeFloodWait', 'dropRecoveryAttempt'] },
              { target: 'idle', actions: 'storeError' },
            ],
          },
        },
        recovering: {
          tags: ['busy'],
          invoke: {
            id: 'recoverPassword',
            src: 'recoverPassword',
            input: ({ context }) => ({ dcId: context.dcId, attempt: context.recovery!, info: context.info! }),
            onDone: [
              { guard: 'isAuthorized', target: '#password.authorized', actions: 'storeAuthorization' },
              { target: 'idle', actions: 'storeSignUpRequired' },
            ],
            onError: [
              { guard: 'isFloodWait', target: 'floodWait', actions: ['storeFloodWait', 'dropRecoveryAttempt'] },
              { target: 'idle', actions: 'storeError' },
            ],
          },
        },
        floodWait,
      },
    },
    authorized: { type: 'final' },
  },
  output: ({ context }) => ({ dcId: context.dcId, authorization: context.authorization! }),
});
