/**
 * Setup (types, stub actors, guards, actions) of the root auth machine; its states are in
 * `auth/machine.ts`. Flow children: phone, QR, bot, web token, passkey, then password on the DC
 * where a login is pending; in `ready`: approve a device's QR, reset other sessions, log out.
 */
import { assertEvent, assign, emit, enqueueActions, fromPromise, setup } from 'xstate';
import type { TlConstructorOf } from '../../tl/index.js';
import { engineError, toAuthError, type AuthError, type DeviceAuthorization, type UserSummary, type CommandRejected, type SealedCommand, errorOf, isCommandEvent, lazyLogic, notProvided, outputOf, parseQrLoginLink, secretText, userSummaryOf } from '../flow-kit/index.js';
import type { botLoginMachine, TokenLoginInput, TokenLoginOutput, webTokenLoginMachine } from '../token-login/index.js';
import type { passkeyLoginMachine } from '../passkey-login/index.js';
import { firebasePnvUnavailableMachine } from './firebase-pnv-unavailable.js';
import { passwordMachine } from '../password/index.js';
import { phoneLoginMachine, type PhoneLoginOutput } from '../phone-login/index.js';
import type { qrLoginMachine } from '../qr-login/index.js';
import { Secret } from '../core/index.js';
import { flowModules, type LazyFlow } from './flow-modules.js';

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
  /** `except_ids` for QR login, from the latest `qr.start`. */
  exceptIds: readonly bigint[];
  /** In `ready`: the device approved by the latest `qr.approve`. */
  approvedDevice?: DeviceAuthorization | undefined;
  /** In `ready`: `authorizations.reset` succeeded. */
  otherSessionsReset?: boolean | undefined;
  /**
   * The bot or web token of `bot.submit` / `webToken.submit` (a sealed handle) and its DC, kept while
   * the token-login code loads; wiped when the root leaves that login, whatever the outcome.
   */
  tokenImport?: TokenLoginInput | undefined;
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
  acceptLoginToken: fromPromise<DeviceAuthorization, { dcId: number; link: Secret }>(notProvided('acceptLoginToken')),
  resetAuthorizations: fromPromise<boolean, { dcId: number }>(notProvided('resetAuthorizations')),
  /** Settles once the flow's code is there (at once where it was linked eagerly). */
  loadFlow: fromPromise<void, { flow: LazyFlow }>(notProvided('loadFlow')),
  phoneLogin: phoneLoginMachine,
  // Typed as the machines they become; their code may load later (auth/flow-modules.ts).
  qrLogin: lazyLogic<typeof qrLoginMachine>('qrLogin', () => flowModules.qrLogin.loaded?.qrLoginMachine),
  botLogin: lazyLogic<typeof botLoginMachine>('botLogin', () => flowModules.tokenLogin.loaded?.botLoginMachine),
  webTokenLogin: lazyLogic<typeof webTokenLoginMachine>('webTokenLogin', () => flowModules.tokenLogin.loaded?.webTokenLoginMachine),
  passkeyLogin: lazyLogic<typeof passkeyLoginMachine>('passkeyLogin', () => flowModules.passkeyLogin.loaded?.passkeyLoginMachine),
  /** The real flow is opt-in (`firebasePnvFlow`); without it this shows `unsupported`. */
  firebasePnvLogin: firebasePnvUnavailableMachine,
  password: passwordMachine,
};

export type AuthActors = typeof authActorStubs;

/** The input of a token login: what `storeTokenImport` kept (set on entry, so always there). */
export const tokenImportOf = (context: AuthContext): TokenLoginInput => context.tokenImport!;

export const authSetup = setup({
  types: {
    context: {} as AuthContext,
    events: {} as SealedCommand | AuthInternalEvent,
    input: {} as AuthInput,
    emitted: {} as CommandRejected,
    tags: {} as 'initializing' | 'busy' | 'ready' | 'loggingOut' | 'closed',
    children: {} as {
      phoneLogin: 'phoneLogin';
      qrLogin: 'qrLogin';
      botLogin: 'botLogin';
      webTokenLogin: 'webTokenLogin';
      passkeyLogin: 'passkeyLogin';
      firebasePnvLogin: 'firebasePnvLogin';
      password: 'password';
    },
  },
  actors: authActorStubs,
  guards: {
    hasUser: ({ event }) => outputOf<{ user?: UserSummary }>(event).user !== undefined,
    isPasswordNeeded: ({ event }) => outputOf<PhoneLoginOutput>(event).kind === 'passwordNeeded',
    isFlowFailed: ({ event }) => outputOf<TokenLoginOutput>(event).kind === 'failed',
    /** Checked before anything is sent: a scanned text that is not a QR login link is refused here. */
    isQrLoginLink: ({ event }) => {
      const link = event.type === 'qr.approve' ? secretText(event.link) : undefined;
      return link !== undefined && parseQrLoginLink(link) !== undefined;
    },
    isCommand: ({ event }) => isCommandEvent(event),
    /** The flow's code is there: no loading step (always so where it was linked eagerly). */
    isFlowLoaded: (_, params: { flow: LazyFlow }) => flowModules[params.flow].loaded !== undefined,
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
    storeFlowError: assign(({ event }) => {
      const out = outputOf<TokenLoginOutput>(event);
      return out.kind === 'failed' ? { error: out.error } : {};
    }),
    storeExceptIds: assign(({ event }) => {
      assertEvent(event, 'qr.start');
      return { exceptIds: event.exceptIds ?? [] };
    }),
    /** bot.submit: the home DC; webToken.submit: the DC its token names. */
    storeTokenImport: assign(({ context, event }) => {
      if (event.type === 'bot.submit') return { tokenImport: { dcId: context.homeDcId, token: event.token } };
      if (event.type === 'webToken.submit') return { tokenImport: { dcId: event.dcId, token: event.token } };
      return {};
    }),
    /**
     * The token is dropped with the login that used it (the flow also wipes it when it ends). A host
     * that bypassed sealing sent a plain string: the flow fails on it, and this must not throw too.
     */
    dropTokenImport: assign(({ context }) => {
      const token = context.tokenImport?.token;
      if (token instanceof Secret) token.wipe();
      return { tokenImport: undefined };
    }),
    storeApprovedDevice: assign(({ event }) => ({ approvedDevice: outputOf<DeviceAuthorization>(event), error: undefined })),
    storeOtherSessionsReset: assign({ otherSessionsReset: true, error: undefined }),
    forgetReadyResults: assign({ approvedDevice: undefined, otherSessionsReset: undefined, error: undefined }),
    storeQrLinkInvalid: enqueueActions(({ enqueue, event }) => {
      if (event.type === 'qr.approve' && event.link instanceof Secret) event.link.wipe();
      enqueue.assign({
        error: engineError('QR_LINK_INVALID', 'This is not a Telegram QR login link (tg://login?token=…)'),
        approvedDevice: undefined,
      });
    }),
    forgetUser: assign({
      user: undefined,
      loginDcId: undefined,
      setupPasswordRequired: undefined,
      approvedDevice: undefined,
      otherSessionsReset: undefined,
    }),
    storeError: assign(({ event }) => ({ error: toAuthError(errorOf(event)) })),
    clearError: assign({ error: undefined }),
    bumpRevision: assign(({ context }) => ({ revision: context.revision + 1 })),
    /** Routes a command to the active flow child that takes commands (phone or password). */
    routeToFlow: enqueueActions(({ enqueue, event, self }) => {
      const children = self.getSnapshot().children as Record<string, unknown>;
      if (children.password) enqueue.sendTo('password', event);
      else if (children.phoneLogin) enqueue.sendTo('phoneLogin', event);
      else if (children.firebasePnvLogin) enqueue.sendTo('firebasePnvLogin', event);
      else enqueue.emit({ type: 'command.rejected', command: event.type });
    }),
    emitRejected: emit(({ event }) => ({ type: 'command.rejected' as const, command: event.type })),
    reportChildRejection: emit(({ event }) => ({
      type: 'command.rejected' as const,
      command: event.type === 'flow.commandRejected' ? event.command : event.type,
    })),
  },
});
