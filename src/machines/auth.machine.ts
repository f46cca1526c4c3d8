/**
 * The root auth machine (DESIGN.md "The actor system"): loads the session (a logged-in one goes
 * straight to `ready`), runs one flow child at a time (phone login, then the password machine on
 * the DC where the login is pending), records the login, and logs out. UI commands are routed to
 * the active child; a command nobody expects is reported with an emitted `command.rejected`.
 */
import { assign, emit, enqueueActions, fromPromise, setup } from 'xstate';
import type { TlConstructorOf } from '../tl/index.js';
import { toAuthError, type AuthError } from './auth-error.js';
import type { UserSummary } from './auth-view.js';
import type { CommandRejected, SealedCommand } from './commands.js';
import { errorOf, isCommandEvent, notProvided, outputOf } from './machine-helpers.js';
import { passwordMachine } from './password.machine.js';
import { phoneLoginMachine } from './phone-login.machine.js';
import { userSummaryOf } from './sent-code.js';
import type { PhoneLoginOutput } from './phone-login.setup.js';

export interface AuthInput {
  /** The DC to start a login on when the session has none. */
  defaultDcId: number;
  firebase?: boolean;
  payment?: boolean;
}

export interface AuthContext {
  homeDcId: number;
  /** The DC where a login is pending (where SESSION_PASSWORD_NEEDED was raised). */
  loginDcId?: number | undefined;
  user?: UserSummary | undefined;
  setupPasswordRequired?: { otherwiseReloginDays?: number } | undefined;
  firebase: boolean;
  payment: boolean;
  /** Bumped on every child snapshot so the root re-emits and the view follows the child. */
  revision: number;
  error?: AuthError | undefined;
}

/** Internal facts: the engine closing, a child reporting an ignored command. */
export type AuthInternalEvent = { type: 'engine.close' } | { type: 'flow.commandRejected'; command: string };

/** What `completeLogin` needs: the DC and the authorization (future token already removed). */
export interface CompletedLogin {
  dcId: number;
  authorization: TlConstructorOf<'auth.authorization'>;
}

/** Typed stubs; `createAuthActors` supplies the real ones. */
export const authActorStubs = {
  loadSession: fromPromise<{ homeDcId: number; user?: UserSummary }, void>(notProvided('loadSession')),
  completeLogin: fromPromise<void, CompletedLogin>(notProvided('completeLogin')),
  logOut: fromPromise<void, { dcId: number }>(notProvided('logOut')),
  phoneLogin: phoneLoginMachine,
  password: passwordMachine,
};

export type AuthActors = typeof authActorStubs;

export const authSetup = setup({
  types: {
    context: {} as AuthContext,
    events: {} as SealedCommand | AuthInternalEvent,
    input: {} as AuthInput,
    emitted: {} as CommandRejected,
    tags: {} as 'initializing' | 'busy' | 'ready' | 'loggingOut' | 'closed',
    children: {} as { phoneLogin: 'phoneLogin'; password: 'password' },
  },
  actors: authActorStubs,
  guards: {
    hasUser: ({ event }) => outputOf<{ user?: UserSummary }>(event).user !== undefined,
    isPasswordNeeded: ({ event }) => outputOf<PhoneLoginOutput>(event).kind === 'passwordNeeded',
    isCommand: ({ event }) => isCommandEvent(event),
  },
  actions: {
    storeSession: assign(({ event }) => {
      const s = outputOf<{ homeDcId: number; user?: UserSummary }>(event);
      return { homeDcId: s.homeDcId, ...(s.user ? { user: s.user } : {}) };
    }),
    storeLoginDc: assign(({ event }) => {
      const dcId = outputOf<PhoneLoginOutput>(event).dcId;
      return { loginDcId: dcId, homeDcId: dcId };
    }),
    /** The user summary and the server's 2FA advice, from the flow's authorization. */
    storeLogin: assign(({ event }) => {
      const a = outputOf<CompletedLogin>(event).authorization;
      const days = a.otherwiseReloginDays;
      return {
        user: userSummaryOf(a.user),
        error: undefined,
        setupPasswordRequired: a.setupPasswordRequired ? (days === undefined ? {} : { otherwiseReloginDays: days }) : undefined,
      };
    }),
    forgetUser: assign({ user: undefined, loginDcId: undefined, setupPasswordRequired: undefined }),
    storeError: assign(({ event }) => ({ error: toAuthError(errorOf(event)) })),
    clearError: assign({ error: undefined }),
    bumpRevision: assign(({ context }) => ({ revision: context.revision + 1 })),
    /** Routes a command to the active flow child (whichever of them is running). */
    routeToFlow: enqueueActions(({ enqueue, event, self }) => {
      const children = self.getSnapshot().children as Record<string, unknown>;
      if (children.password) enqueue.sendTo('password', event);
      else if (children.phoneLogin) enqueue.sendTo('phoneLogin', event);
      else enqueue.emit({ type: 'command.rejected', command: event.type });
    }),
    emitRejected: emit(({ event }) => ({ type: 'command.rejected' as const, command: event.type })),
    reportChildRejection: emit(({ event }) => ({
      type: 'command.rejected' as const,
      command: event.type === 'flow.commandRejected' ? event.command : event.type,
    })),
  },
});

/** The root machine. `createAuthEngine` provides its actors. */
export const authMachine = authSetup.createMachine({
  id: 'auth',
  context: ({ input }) => ({
    homeDcId: input.defaultDcId,
    firebase: input.firebase === true,
    payment: input.payment === true,
    revision: 0,
  }),
  initial: 'initializing',
  on: {
    'engine.close': '.closed',
    'flow.commandRejected': { actions: 'reportChildRejection' },
    '*': { guard: 'isCommand', actions: 'emitRejected', description: 'a command this state does not expect' },
  },
  states: {
    initializing: {
      tags: ['initializing', 'busy'],
      invoke: {
        id: 'loadSession',
        src: 'loadSession',
        onDone: [
          { guard: 'hasUser', target: 'ready.idle', actions: 'storeSession', description: 'stored authorized session' },
          { target: 'phoneLogin', actions: 'storeSession' },
        ],
        onError: { target: 'phoneLogin', actions: 'storeError', description: 'unreadable session: start a fresh login' },
      },
    },
    phoneLogin: {
      invoke: {
        id: 'phoneLogin',
        systemId: 'phoneLogin',
        src: 'phoneLogin',
        input: ({ context }) => ({ dcId: context.homeDcId, firebase: context.firebase, payment: context.payment }),
        onSnapshot: { actions: 'bumpRevision' },
        onDone: [
          { guard: 'isPasswordNeeded', target: 'password', actions: 'storeLoginDc' },
          { target: 'ready.saving', actions: ['storeLoginDc', 'storeLogin'] },
        ],
        onError: { target: 'phoneLogin', reenter: true, actions: 'storeError' },
      },
      on: { '*': { guard: 'isCommand', actions: 'routeToFlow' } },
    },
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
        'phone.edit': { target: 'phoneLogin', description: 'give up on this account: start over with a number' },
        '*': { guard: 'isCommand', actions: 'routeToFlow' },
      },
    },
    ready: {
      tags: ['ready'],
      initial: 'idle',
      on: { 'logout.request': 'loggingOut' },
      states: {
        idle: {},
        saving: {
          tags: ['busy'],
          description: 'persist the login (home DC, user) before anything else may happen',
          invoke: {
            id: 'completeLogin',
            src: 'completeLogin',
            input: ({ event }) => outputOf<CompletedLogin>(event),
            onDone: 'idle',
            onError: { target: 'idle', actions: 'storeError', description: 'logged in, but the store failed' },
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
        onError: {
          target: 'phoneLogin',
          actions: ['forgetUser', 'storeError'],
          description: 'the local session is dropped even if the server did not answer',
        },
      },
    },
    closed: { type: 'final', tags: ['closed'] },
  },
});
