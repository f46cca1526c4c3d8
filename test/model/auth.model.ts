/**
 * Abstract model of the root auth machine: how the engine starts (empty store, a session imported
 * from a session string, a store holding garbage), the login methods as the root sees them (which
 * screen each ends on, switching method from every login screen, 2FA after phone, QR and passkey),
 * a store that refuses the write of a login, what `ready` offers (approve a device, reset the other
 * sessions, a host call, log out), a session the server revoked, commands nobody expects, stopping,
 * and host bugs: a malformed command refused by engine.send, a flow child crashing on an unsealed
 * secret (the root returns to the phone screen with the error), an authenticator answering nothing,
 * and a failing update stream (the QR login polls instead).
 * No invokes or delays: each step is collapsed into the screen the engine must settle on. Context is
 * the error the screen shows, what the server knows of this session, and the engine's host setup.
 */
import { assign, setup } from 'xstate';

/** What the session store holds when the engine starts. */
export type StoredSession = 'empty' | 'imported' | 'corrupt';

/**
 * Host bugs that break the engine's typed contract (as an untyped JS host can), plus a legal
 * failure: a host `AuthRpc` whose `updates$` errors.
 */
export type HostBug =
  /** `engine.send({ type: 'phone.submit' })` without `phone`: engine.send throws AuthCommandError, nothing changes. */
  | 'phoneWithoutNumber'
  /** `engine.actor.send` of bot.submit with a plain string token: the bot machine cannot wipe it. */
  | 'unsealedBotToken'
  /** The same for webToken.submit. */
  | 'unsealedWebToken'
  /** The same for recovery.submit on the recovery screen: the password machine cannot wipe the code. */
  | 'unsealedRecoveryCode'
  /** The host's PasskeyAuthenticator resolves null: the passkey attempt fails with passkey.noAssertion. */
  | 'authenticatorNull'
  /** The host AuthRpc's update stream errors: the QR login goes on, noticing an acceptance by polling. */
  | 'updatesFail';

export type AuthModelEvent =
  /** The engine starts on the given store, on the built-in transport or on a host AuthRpc wrapping it. */
  | { type: 'BOOT'; store: StoredSession; rpc: 'builtIn' | 'host' }
  | { type: 'SUBMIT_PHONE'; account: 'plain' | 'twoFA' }
  | { type: 'SUBMIT_CODE' }
  | { type: 'QR_START' }
  /** A user on this DC accepts the shown QR code. */
  | { type: 'QR_APPROVE'; account: 'plain' | 'twoFA' }
  | { type: 'PHONE_START' }
  /** passkey.start; `account: 'none'`: the host authenticator holds no passkey for Telegram. */
  | { type: 'PASSKEY_START'; account: 'plain' | 'twoFA' | 'none' }
  | { type: 'BOT_SUBMIT'; token: 'valid' | 'invalid' }
  /** `storeFails`: the session store refuses the write of this login (a full or read-only disk). */
  | { type: 'WEB_TOKEN_SUBMIT'; token: 'valid' | 'invalid'; storeFails: boolean }
  | { type: 'SUBMIT_PASSWORD' }
  | { type: 'REQUEST_RECOVERY' }
  | { type: 'PHONE_EDIT' }
  | { type: 'HOST_BUG'; bug: HostBug }
  /** The server ends this session (as a reset from another device does); the engine is not told. */
  | { type: 'REVOKE' }
  /** The host calls engine.invoke(users.getUsers [self]) on the home DC. */
  | { type: 'INVOKE' }
  /** authorizations.reset on a session older than a day. */
  | { type: 'RESET_OTHERS' }
  /** qr.approve: a code another engine shows, a well-formed link the server does not know, or not a login link. */
  | { type: 'APPROVE_DEVICE'; link: 'shown' | 'unknown' | 'garbage' }
  | { type: 'LOGOUT' }
  /** code.resend where nobody expects it: command.rejected (from the root, or reported by the phone flow). */
  | { type: 'UNEXPECTED_COMMAND' }
  | { type: 'STOP' };

export interface AuthModelContext {
  /** `AuthView.error.type` the screen must show, or null. */
  error: string | null;
  /** The code just sent is for an account with 2FA. */
  twoFA: boolean;
  /** Logged in as a bot (only log out and stop are driven there). */
  bot: boolean;
  /** The server no longer knows this session as logged in. */
  revoked: boolean;
  /** The engine runs on a host AuthRpc (only its QR screen is driven: the rest is the same engine). */
  hostRpc: boolean;
}

/** The payload cases, listed once (the traversal tries each where the model accepts it). */
export const authEventCases: AuthModelEvent[] = [
  { type: 'BOOT', store: 'empty', rpc: 'builtIn' },
  { type: 'BOOT', store: 'imported', rpc: 'builtIn' },
  { type: 'BOOT', store: 'corrupt', rpc: 'builtIn' },
  { type: 'BOOT', store: 'empty', rpc: 'host' },
  { type: 'SUBMIT_PHONE', account: 'plain' },
  { type: 'SUBMIT_PHONE', account: 'twoFA' },
  { type: 'SUBMIT_CODE' },
  { type: 'QR_START' },
  { type: 'QR_APPROVE', account: 'plain' },
  { type: 'QR_APPROVE', account: 'twoFA' },
  { type: 'PHONE_START' },
  { type: 'PASSKEY_START', account: 'plain' },
  { type: 'PASSKEY_START', account: 'twoFA' },
  { type: 'PASSKEY_START', account: 'none' },
  { type: 'BOT_SUBMIT', token: 'valid' },
  { type: 'BOT_SUBMIT', token: 'invalid' },
  { type: 'WEB_TOKEN_SUBMIT', token: 'valid', storeFails: false },
  { type: 'WEB_TOKEN_SUBMIT', token: 'valid', storeFails: true },
  { type: 'WEB_TOKEN_SUBMIT', token: 'invalid', storeFails: false },
  { type: 'SUBMIT_PASSWORD' },
  { type: 'REQUEST_RECOVERY' },
  { type: 'PHONE_EDIT' },
  ...(['phoneWithoutNumber', 'unsealedBotToken', 'unsealedWebToken', 'unsealedRecoveryCode', 'authenticatorNull', 'updatesFail'] as const).map(
    (bug) => ({ type: 'HOST_BUG' as const, bug }),
  ),
  { type: 'REVOKE' },
  { type: 'INVOKE' },
  { type: 'RESET_OTHERS' },
  { type: 'APPROVE_DEVICE', link: 'shown' },
  { type: 'APPROVE_DEVICE', link: 'unknown' },
  { type: 'APPROVE_DEVICE', link: 'garbage' },
  { type: 'LOGOUT' },
  { type: 'UNEXPECTED_COMMAND' },
  { type: 'STOP' },
];

const show = (error: string | null) => ({ type: 'show' as const, params: { error } });
const bug = (b: HostBug) => ({ type: 'isBug' as const, params: { bug: b } });
const link = (l: 'shown' | 'unknown' | 'garbage') => ({ type: 'cleanLink' as const, params: { link: l } });
/** Every flow child crash lands on the phone screen with the thrown error (toAuthError: INTERNAL). */
const crash = { target: '#authModel.waitPhoneNumber', actions: show('INTERNAL') } as const;
const loggedIn = { target: '#authModel.ready', actions: show(null) } as const;
const toPassword = { target: '#authModel.waitPassword', actions: show(null) } as const;

/** Switching method, as every login screen offers it (the root's `switchFlow`). */
const switches = {
  QR_START: { target: '#authModel.waitQrConfirmation', actions: show(null) },
  PHONE_START: { target: '#authModel.waitPhoneNumber', actions: show(null) },
  PASSKEY_START: [
    { guard: { type: 'account', params: { account: 'twoFA' } }, ...toPassword },
    { guard: { type: 'account', params: { account: 'plain' } }, ...loggedIn },
    { target: '#authModel.waitPasskey', actions: show('passkey.notFound') },
  ],
  BOT_SUBMIT: [
    { guard: 'validToken', target: '#authModel.ready', actions: [show(null), 'markBot'] },
    { target: '#authModel.waitPhoneNumber', actions: show('ACCESS_TOKEN_INVALID') },
  ],
  WEB_TOKEN_SUBMIT: [
    { guard: 'storeFails', target: '#authModel.ready', actions: show('INTERNAL'), description: 'logged in, the store failed' },
    { guard: 'validToken', ...loggedIn },
    { target: '#authModel.waitPhoneNumber', actions: show('WEBAUTH_TOKEN_EXPIRED') },
  ],
} as const;

/** Where the phone flow's own screens offer fewer switches: only a plain passkey and valid tokens. */
const fewerSwitches = {
  QR_START: switches.QR_START,
  PHONE_START: switches.PHONE_START,
  PASSKEY_START: { guard: { type: 'account', params: { account: 'plain' } }, ...loggedIn },
  BOT_SUBMIT: { guard: 'validToken', target: '#authModel.ready', actions: [show(null), 'markBot'] },
  WEB_TOKEN_SUBMIT: { guard: 'validToken', ...loggedIn },
} as const;

export const authModel = setup({
  types: { context: {} as AuthModelContext, events: {} as AuthModelEvent },
  guards: {
    isBoot: ({ event }, params: { store: StoredSession; rpc: 'builtIn' | 'host' }) =>
      event.type === 'BOOT' && event.store === params.store && event.rpc === params.rpc,
    isBug: ({ event }, params: { bug: HostBug }) => event.type === 'HOST_BUG' && event.bug === params.bug,
    account: ({ event }, params: { account: 'plain' | 'twoFA' | 'none' }) =>
      'account' in event && event.account === params.account,
    validToken: ({ event }) => 'token' in event && event.token === 'valid' && !('storeFails' in event && event.storeFails),
    storeFails: ({ event }) => event.type === 'WEB_TOKEN_SUBMIT' && event.token === 'valid' && event.storeFails,
    /** A user session in good standing is shown this kind of link. */
    cleanLink: ({ context, event }, params: { link: 'shown' | 'unknown' | 'garbage' }) =>
      context.error === null && !context.revoked && !context.bot && event.type === 'APPROVE_DEVICE' && event.link === params.link,
    twoFA: ({ context }) => context.twoFA,
    revoked: ({ context }) => context.revoked,
    /** Logged in as a user, no error shown, the session alive. */
    clean: ({ context }) => context.error === null && !context.revoked && !context.bot,
  },
  actions: {
    show: assign((_, params: { error: string | null }) => ({ error: params.error })),
    storeAccount: assign(({ event }) => ({ twoFA: event.type === 'SUBMIT_PHONE' && event.account === 'twoFA' })),
    markBot: assign({ bot: true }),
    revoke: assign({ revoked: true }),
    /** Logged out or stopped: nothing of the last session matters any more. */
    forget: assign({ twoFA: false, bot: false, revoked: false, hostRpc: false }),
    markHostRpc: assign({ hostRpc: true }),
    /** A step the view must survive unchanged (an action, so that `can()` offers it as a self-loop). */
    unchanged: assign({}),
  },
}).createMachine({
  id: 'authModel',
  context: { error: null, twoFA: false, bot: false, revoked: false, hostRpc: false },
  initial: 'boot',
  states: {
    boot: {
      on: {
        BOOT: [
          { guard: { type: 'isBoot', params: { store: 'imported', rpc: 'builtIn' } }, target: 'ready' },
          {
            guard: { type: 'isBoot', params: { store: 'corrupt', rpc: 'builtIn' } },
            target: 'waitPhoneNumber',
            actions: show('session.corrupt'),
          },
          { guard: { type: 'isBoot', params: { store: 'empty', rpc: 'host' } }, target: 'hostPhoneNumber', actions: 'markHostRpc' },
          { guard: { type: 'isBoot', params: { store: 'empty', rpc: 'builtIn' } }, target: 'waitPhoneNumber' },
        ],
      },
    },
    waitPhoneNumber: {
      on: {
        ...switches,
        SUBMIT_PHONE: { target: 'waitCode', actions: [show(null), 'storeAccount'] },
        HOST_BUG: [
          { guard: bug('phoneWithoutNumber'), actions: 'unchanged', description: 'refused by engine.send: AuthCommandError' },
          { guard: bug('unsealedBotToken'), ...crash },
          { guard: bug('unsealedWebToken'), ...crash },
          { guard: bug('authenticatorNull'), target: 'waitPasskey', actions: show('passkey.noAssertion') },
        ],
        UNEXPECTED_COMMAND: { actions: 'unchanged', description: 'routed to the phone flow, which reports it' },
        STOP: { target: 'closed', actions: [show(null), 'forget'] },
      },
    },
    waitCode: {
      on: {
        SUBMIT_CODE: [
          { guard: 'twoFA', target: 'waitPassword', actions: [show(null), 'forget'] },
          { target: 'ready', actions: [show(null), 'forget'] },
        ],
      },
    },
    waitQrConfirmation: {
      on: {
        ...fewerSwitches,
        QR_START: { actions: 'unchanged', description: 'a fresh QR flow (the root re-enters it)' },
        QR_APPROVE: [{ guard: { type: 'account', params: { account: 'twoFA' } }, ...toPassword }, loggedIn],
      },
    },
    waitPasskey: { on: fewerSwitches },
    waitPassword: {
      on: {
        ...fewerSwitches,
        SUBMIT_PASSWORD: loggedIn,
        REQUEST_RECOVERY: 'waitPasswordRecovery',
        PHONE_EDIT: { target: 'waitPhoneNumber', actions: 'forget' },
      },
    },
    waitPasswordRecovery: { on: { HOST_BUG: { guard: bug('unsealedRecoveryCode'), ...crash } } },
    /** The engine on a host AuthRpc: only the QR screen and its failing update stream are driven. */
    hostPhoneNumber: { on: { QR_START: { target: 'hostQrConfirmation', actions: show(null) } } },
    hostQrConfirmation: {
      on: { HOST_BUG: { guard: bug('updatesFail'), target: 'hostQrPolling', description: 'the code stays on screen' } },
    },
    /** The update stream failed: an acceptance is noticed when the engine polls (exports again). */
    hostQrPolling: {
      on: { QR_APPROVE: { guard: { type: 'account', params: { account: 'plain' } }, target: 'ready', actions: [show(null), 'forget'] } },
    },
    ready: {
      on: {
        REVOKE: { guard: 'clean', actions: 'revoke' },
        INVOKE: [
          {
            guard: 'revoked',
            target: 'waitPhoneNumber',
            actions: [show('AUTH_KEY_UNREGISTERED'), 'forget'],
            description: 'the host call meets AUTH_KEY_UNREGISTERED: the engine logs out, and logOut fails the same way',
          },
          { guard: 'clean', actions: 'unchanged' },
        ],
        RESET_OTHERS: [
          { guard: 'revoked', actions: show('AUTH_KEY_UNREGISTERED') },
          { guard: 'clean', actions: 'unchanged' },
        ],
        APPROVE_DEVICE: [
          {
            guard: link('garbage'),
            actions: show('QR_LINK_INVALID'),
            description: 'refused before any request',
          },
          { guard: link('unknown'), actions: show('AUTH_TOKEN_INVALID') },
          { guard: link('shown'), actions: 'unchanged', description: 'the device is logged in; the view shows it' },
        ],
        LOGOUT: [
          {
            guard: 'revoked',
            target: 'waitPhoneNumber',
            actions: [show('AUTH_KEY_UNREGISTERED'), 'forget'],
            description: 'the local session is dropped even though the server refused auth.logOut',
          },
          { target: 'waitPhoneNumber', actions: [show(null), 'forget'] },
        ],
        UNEXPECTED_COMMAND: { guard: 'clean', actions: 'unchanged' },
        STOP: { target: 'closed', actions: [show(null), 'forget'] },
      },
    },
    closed: { type: 'final' },
  },
});
