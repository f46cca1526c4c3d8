/**
 * The root auth machine (docs/ARCHITECTURE.md "The actor system"): loads the session (a logged-in one goes
 * straight to `ready`), runs one flow child at a time (phone, QR, bot, web token, passkey or Firebase PNV login,
 * then the password machine on the DC where the login is pending), records the login, and in
 * `ready` approves other devices' QR codes, resets other sessions and logs out. UI commands are
 * routed to the active child; a command nobody expects is reported with an emitted
 * `command.rejected`. Setup (guards, actions, stubs): `auth/setup.ts`.
 *
 * Its descriptions live in auth/descriptions.ts, out of the runtime bundle (issue 11).
 */
import { assertEvent } from 'xstate';
import { authSetup, tokenImportOf, type AuthContext, type CompletedLogin } from './setup.js';
import type { LazyFlow } from './flow-modules.js';
import { outputOf } from '../flow-kit/index.js';

export { authActorStubs, authSetup } from './setup.js';
export type { AuthActors, AuthContext, AuthInput, AuthInternalEvent, CompletedLogin } from './setup.js';

/**
 * How a login that may meet 2FA ends (phone, QR, passkey): the password step on its DC, or logged
 * in. Their failures stay on their own screens, so their output is never `failed`.
 */
const loginDone = [
  { guard: 'isPasswordNeeded', target: '#auth.password', actions: 'storeLoginDc' },
  { target: '#auth.ready.saving', actions: ['storeLoginDc', 'storeLogin'] },
] as const;

/** How an import login ends (bot, web token): a failure shown on the phone screen, or logged in (never 2FA). */
const importDone = [
  { guard: 'isFlowFailed', target: '#auth.phoneLogin', actions: 'storeFlowError' },
  { target: '#auth.ready.saving', actions: ['storeLoginDc', 'storeLogin'] },
] as const;

/** From any login screen the user may switch method (a running flow is stopped, its RPC aborted). */
const switchFlow = {
  'qr.start': { target: '#auth.qrLogin', reenter: true, actions: ['storeExceptIds', 'clearError'] },
  'phone.start': { target: '#auth.phoneLogin', actions: 'clearError' },
  'passkey.start': { target: '#auth.passkeyLogin', reenter: true, actions: 'clearError' },
  'bot.submit': { target: '#auth.botLogin', actions: 'clearError' },
  'webToken.submit': { target: '#auth.webTokenLogin', actions: 'clearError' },
} as const;

const routeCommands = { '*': { guard: 'isCommand', actions: 'routeToFlow' } } as const;

/**
 * The first state of a login method whose code a browser build loads when it is chosen
 * (auth/flow-modules.ts): busy (the view stays on the phone screen) until the code is there, then
 * `running` invokes the flow. A failed load returns to the phone screen with `FLOW_LOAD_FAILED`;
 * choosing the method again retries. Where the code is linked eagerly it is passed through at once.
 */
const loadingOf = <F extends LazyFlow>(flow: F) =>
  ({
    tags: ['busy'],
    always: { guard: { type: 'isFlowLoaded', params: { flow } }, target: 'running' },
    invoke: {
      id: 'loadFlow',
      src: 'loadFlow',
      input: { flow },
      onDone: 'running',
      onError: { target: '#auth.phoneLogin', actions: 'storeError' },
    },
  }) as const;

/**
 * A token login (bot, web token): busy throughout. The sealed token of the submit is kept in the
 * context while its code loads, and wiped when the root leaves, whatever the outcome.
 */
const tokenLoginOf = <F extends 'botLogin' | 'webTokenLogin'>(flow: F) =>
  ({
    tags: ['busy'],
    initial: 'loading',
    entry: 'storeTokenImport',
    exit: 'dropTokenImport',
    states: {
      loading: loadingOf('tokenLogin'),
      running: {
        invoke: {
          id: flow,
          systemId: flow,
          src: flow,
          input: ({ context }: { context: AuthContext }) => tokenImportOf(context),
          onDone: importDone,
          onError: { target: '#auth.phoneLogin', actions: 'storeError' },
        },
      },
    },
  }) as const;

/** The root machine. `createAuthEngine` provides its actors. */
export const authMachine = authSetup.createMachine({
  id: 'auth',
  context: ({ input }) => ({
    homeDcId: input.defaultDcId,
    firebase: input.firebase === true,
    payment: input.payment === true,
    exceptIds: [],
    revision: 0,
  }),
  initial: 'initializing',
  on: {
    'engine.close': '.closed',
    'flow.commandRejected': { actions: 'reportChildRejection' },
    '*': { guard: 'isCommand', actions: 'emitRejected' },
  },
  states: {
    initializing: {
      tags: ['initializing', 'busy'],
      invoke: {
        id: 'loadSession',
        src: 'loadSession',
        onDone: [
          { guard: 'hasUser', target: 'ready.idle', actions: 'storeSession' },
          { target: 'phoneLogin', actions: 'storeSession' },
        ],
        onError: { target: 'phoneLogin', actions: 'storeError' },
      },
    },
    phoneLogin: {
      invoke: {
        id: 'phoneLogin',
        systemId: 'phoneLogin',
        src: 'phoneLogin',
        input: ({ context }) => ({ dcId: context.homeDcId, firebase: context.firebase, payment: context.payment }),
        onSnapshot: { actions: 'bumpRevision' },
        onDone: loginDone,
        onError: { target: 'phoneLogin', reenter: true, actions: 'storeError' },
      },
      on: { ...switchFlow, 'firebasePnv.start': { target: '#auth.firebasePnvLogin', actions: 'clearError' }, ...routeCommands },
    },
    qrLogin: {
      initial: 'loading',
      on: switchFlow,
      states: {
        loading: loadingOf('qrLogin'),
        running: {
          invoke: {
            id: 'qrLogin',
            systemId: 'qrLogin',
            src: 'qrLogin',
            input: ({ context }) => ({ dcId: context.homeDcId, exceptIds: context.exceptIds }),
            onSnapshot: { actions: 'bumpRevision' },
            onDone: loginDone,
            onError: { target: '#auth.phoneLogin', actions: 'storeError' },
          },
        },
      },
    },
    passkeyLogin: {
      initial: 'loading',
      on: switchFlow,
      states: {
        loading: loadingOf('passkeyLogin'),
        running: {
          invoke: {
            id: 'passkeyLogin',
            systemId: 'passkeyLogin',
            src: 'passkeyLogin',
            input: ({ context }) => ({ dcId: context.homeDcId }),
            onSnapshot: { actions: 'bumpRevision' },
            onDone: loginDone,
            onError: { target: '#auth.phoneLogin', actions: 'storeError' },
          },
        },
      },
    },
    firebasePnvLogin: {
      invoke: {
        id: 'firebasePnvLogin',
        systemId: 'firebasePnvLogin',
        src: 'firebasePnvLogin',
        input: ({ context }) => ({ dcId: context.homeDcId }),
        onSnapshot: { actions: 'bumpRevision' },
        onDone: loginDone,
        onError: { target: 'phoneLogin', actions: 'storeError' },
      },
      on: {
        ...switchFlow,
        'firebasePnv.start': { target: '#auth.firebasePnvLogin', reenter: true, actions: 'clearError' },
        ...routeCommands,
      },
    },
    botLogin: tokenLoginOf('botLogin'),
    webTokenLogin: tokenLoginOf('webTokenLogin'),
    password: {
      invoke: {
        id: 'password',
        systemId: 'password',
        src: 'password',
        input: ({ context }) => ({ dcId: context.loginDcId ?? context.homeDcId }),
        onSnapshot: { actions: 'bumpRevision' },
        onDone: { target: 'ready.saving', actions: 'storeLogin' },
        onError: { target: 'phoneLogin', actions: 'storeError' },
      },
      on: {
        ...switchFlow,
        'phone.edit': { target: 'phoneLogin' },
        ...routeCommands,
      },
    },
    ready: {
      tags: ['ready'],
      initial: 'idle',
      on: { 'logout.request': 'loggingOut' },
      states: {
        idle: {
          on: {
            'qr.approve': [
              { guard: 'isQrLoginLink', target: 'approving', actions: 'forgetReadyResults' },
              { actions: 'storeQrLinkInvalid' },
            ],
            'authorizations.reset': { target: 'resetting', actions: 'forgetReadyResults' },
          },
        },
        saving: {
          tags: ['busy'],
          invoke: {
            id: 'completeLogin',
            src: 'completeLogin',
            input: ({ event }) => outputOf<CompletedLogin>(event),
            onDone: 'idle',
            onError: { target: 'idle', actions: 'storeError' },
          },
        },
        approving: {
          tags: ['busy'],
          invoke: {
            id: 'acceptLoginToken',
            src: 'acceptLoginToken',
            input: ({ context, event }) => {
              assertEvent(event, 'qr.approve');
              return { dcId: context.homeDcId, link: event.link };
            },
            onDone: { target: 'idle', actions: 'storeApprovedDevice' },
            onError: { target: 'idle', actions: 'storeError' },
          },
        },
        resetting: {
          tags: ['busy'],
          invoke: {
            id: 'resetAuthorizations',
            src: 'resetAuthorizations',
            input: ({ context }) => ({ dcId: context.homeDcId }),
            onDone: { target: 'idle', actions: 'storeOtherSessionsReset' },
            onError: { target: 'idle', actions: 'storeError' },
          },
        },
      },
    },
    loggingOut: {
      tags: ['loggingOut', 'busy'],
      invoke: {
        id: 'logOut',
        src: 'logOut',
        input: ({ context }) => ({ dcId: context.homeDcId }),
        onDone: { target: 'phoneLogin', actions: ['forgetUser', 'clearError'] },
        onError: { target: 'phoneLogin', actions: ['forgetUser', 'storeError'] },
      },
    },
    closed: { type: 'final', tags: ['closed'] },
  },
});
