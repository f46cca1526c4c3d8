/**
 * Abstract model of the other login methods through the root machine: QR (approved by a user on
 * this DC or another, with or without 2FA; the link expiring on the clock; an import that expires,
 * fails or keeps being redirected; a refresh that fails and the old code scanned after it), bot and
 * web-token imports (valid, invalid), passkey login (home DC, another DC, 2FA, a redirect, a handle
 * that is not Telegram's, an unregistered key, init failing, no passkey), and switching method from
 * any login screen. No invokes or delays; `input.passkey` says whether the host gave the engine an
 * authenticator (a separate graph per configuration). Context is bounded: `redirects` counts the QR
 * migrations of one QR attempt up to the machine's limit (3), the rest are flags and error names.
 */
import { and, assign, setup } from 'xstate';

/** Who accepts the shown QR code, and what the new device's import then meets. */
export type QrApprover =
  | 'sameDc'
  | 'twoFA'
  | 'otherDc'
  | 'otherDc2FA'
  /** Another DC; the migrate token dies before the import (AUTH_TOKEN_EXPIRED): a fresh code. */
  | 'otherDcExpired'
  /** Another DC; the import fails with an error the flow does not special-case. */
  | 'otherDcFails'
  /** Another DC, and the account moves at every import: the import keeps redirecting. */
  | 'movingUser';

/** What the passkey the host's authenticator offers belongs to (see passkey-steps.ts). */
export type PasskeyKind =
  | 'home'
  | 'otherDc'
  | 'twoFA'
  /** The first finishPasskeyLogin is answered USER_MIGRATE to a wrong DC, which sends it back. */
  | 'redirected'
  | 'badHandle'
  | 'unregistered'
  | 'initFails'
  | 'none';

export type OtherModelEvent =
  | { type: 'QR_START' }
  | { type: 'QR_APPROVE'; by: QrApprover }
  /** The shown link's deadline passes on the clock; the re-export works or fails. */
  | { type: 'QR_EXPIRE'; refresh: 'ok' | 'fails' }
  /** After a failed refresh, a user on this DC scans the code shown before it (still valid on the server). */
  | { type: 'QR_APPROVE_STALE' }
  | { type: 'PHONE_START' }
  | { type: 'BOT_SUBMIT'; token: 'valid' | 'invalid' }
  | { type: 'WEB_TOKEN_SUBMIT'; token: 'valid' | 'invalid' }
  | { type: 'PASSKEY_START'; key: PasskeyKind }
  | { type: 'SUBMIT_PASSWORD' }
  | { type: 'LOGOUT' }
  /** Logged in: approve another device's QR code (a second engine shows it). */
  | { type: 'APPROVE_DEVICE' }
  /** A command no state expects here (root `*`: command.rejected, nothing changes). */
  | { type: 'UNEXPECTED_COMMAND' };

export interface OtherModelContext {
  passkey: boolean;
  /** Logged in as a bot (bots may not approve QR logins: BOT_METHOD_INVALID). */
  bot: boolean;
  error: string | null;
  /** QR migrations so far in this QR attempt (the machine refuses a 4th: QR_LOGIN_UNEXPECTED). */
  redirects: number;
  /** A QR code exported before a failed refresh is still valid on the server. */
  stale: boolean;
  /**
   * Flow starts left (qr, passkey, bot, web token) when the model is bounded for simple paths; null
   * when unbounded (shortest paths). The count makes the graph acyclic in starts, so simple paths end.
   */
  startsLeft: number | null;
}

export interface OtherModelInput {
  passkey: boolean;
  /** Bounds the flow starts of a path (see `startsLeft`). */
  maxStarts?: number;
}

/** The error of an RPC failure the flows do not special-case (the step's fault, see qr-steps.ts). */
export const FAULT_ERROR = 'INTERNAL';
const MAX_QR_REDIRECTS = 3;

const approvers: QrApprover[] = [
  'sameDc',
  'twoFA',
  'otherDc',
  'otherDc2FA',
  'otherDcExpired',
  'otherDcFails',
  'movingUser',
];
const passkeyKinds: PasskeyKind[] = [
  'home',
  'otherDc',
  'twoFA',
  'redirected',
  'badHandle',
  'unregistered',
  'initFails',
  'none',
];

export const otherEventCases: OtherModelEvent[] = [
  { type: 'QR_START' },
  ...approvers.map((by) => ({ type: 'QR_APPROVE' as const, by })),
  { type: 'QR_EXPIRE', refresh: 'ok' },
  { type: 'QR_EXPIRE', refresh: 'fails' },
  { type: 'QR_APPROVE_STALE' },
  { type: 'PHONE_START' },
  { type: 'BOT_SUBMIT', token: 'valid' },
  { type: 'BOT_SUBMIT', token: 'invalid' },
  { type: 'WEB_TOKEN_SUBMIT', token: 'valid' },
  { type: 'WEB_TOKEN_SUBMIT', token: 'invalid' },
  ...passkeyKinds.map((key) => ({ type: 'PASSKEY_START' as const, key })),
  { type: 'SUBMIT_PASSWORD' },
  { type: 'LOGOUT' },
  { type: 'APPROVE_DEVICE' },
  { type: 'UNEXPECTED_COMMAND' },
];

/** The error a passkey attempt with `key` ends with on the passkey screen (undefined: it logs in or asks 2FA). */
const PASSKEY_ERRORS: Partial<Record<PasskeyKind, string>> = {
  badHandle: 'PASSKEY_USER_HANDLE_INVALID',
  unregistered: 'CREDENTIAL_INVALID',
  initFails: FAULT_ERROR,
  none: 'passkey.notFound',
};

const fresh = { error: null, redirects: 0, stale: false };
/**
 * The QR machine's failed state: only a stale code's acceptance (an export that answers success,
 * whatever the count) or a restart leave it, so its redirect count no longer matters.
 */
const failedWith = (error: string) => ({ ...fresh, error });
const set = (change: Partial<OtherModelContext>) => ({ type: 'set' as const, params: change });

/** Method switches every login screen offers (the root's `switchFlow`); starting a flow counts. */
const switches = {
  PHONE_START: { target: '#other.waitPhoneNumber', actions: set(fresh) },
  QR_START: { guard: 'canStart', target: '#other.waitQrConfirmation', actions: [set(fresh), 'countStart'] },
  PASSKEY_START: [
    {
      guard: and(['canStart', 'noAuthenticator']),
      target: '#other.waitPasskey',
      actions: [set({ ...fresh, error: 'passkey.unavailable' }), 'countStart'],
    },
    {
      guard: and(['canStart', 'passkeyAsks2FA']),
      target: '#other.waitPassword',
      actions: [set(fresh), 'countStart'],
    },
    {
      guard: and(['canStart', 'passkeyFails']),
      target: '#other.waitPasskey',
      actions: ['passkeyError', 'countStart'],
    },
    { guard: 'canStart', target: '#other.ready', actions: [set(fresh), 'countStart'] },
  ],
  BOT_SUBMIT: [
    {
      guard: and(['canStart', 'validToken']),
      target: '#other.ready',
      actions: [set({ ...fresh, bot: true }), 'countStart'],
    },
    {
      guard: 'canStart',
      target: '#other.waitPhoneNumber',
      actions: [set({ ...fresh, error: 'ACCESS_TOKEN_INVALID' }), 'countStart'],
    },
  ],
  WEB_TOKEN_SUBMIT: [
    { guard: and(['canStart', 'validToken']), target: '#other.ready', actions: [set(fresh), 'countStart'] },
    {
      guard: 'canStart',
      target: '#other.waitPhoneNumber',
      actions: [set({ ...fresh, error: 'WEBAUTH_TOKEN_EXPIRED' }), 'countStart'],
    },
  ],
} as const;

const approvedBy = (event: OtherModelEvent, ...by: QrApprover[]): boolean =>
  event.type === 'QR_APPROVE' && by.includes(event.by);

export const otherModel = setup({
  types: {
    context: {} as OtherModelContext,
    events: {} as OtherModelEvent,
    input: {} as OtherModelInput,
  },
  guards: {
    canStart: ({ context }) => context.startsLeft !== 0,
    noAuthenticator: ({ context }) => !context.passkey,
    passkeyAsks2FA: ({ event }) => event.type === 'PASSKEY_START' && event.key === 'twoFA',
    passkeyFails: ({ event }) => event.type === 'PASSKEY_START' && PASSKEY_ERRORS[event.key] !== undefined,
    validToken: ({ event }) =>
      (event.type === 'BOT_SUBMIT' || event.type === 'WEB_TOKEN_SUBMIT') && event.token === 'valid',
    isBot: ({ context }) => context.bot,
    /** A link is on screen (not the failed state, which shows an error instead); QR guards below check it too. */
    showsLink: ({ context }) => context.error === null,
    hasStaleCode: ({ context }) => context.stale,
    /** The export answers a 4th migrate-to: over the machine's limit. */
    redirectsExhausted: ({ context, event }) =>
      context.error === null &&
      approvedBy(event, 'otherDc', 'otherDc2FA', 'otherDcExpired', 'otherDcFails') &&
      context.redirects >= MAX_QR_REDIRECTS,
    approvedBy2FA: ({ context, event }) => context.error === null && approvedBy(event, 'twoFA', 'otherDc2FA'),
    importExpired: ({ context, event }) => context.error === null && approvedBy(event, 'otherDcExpired'),
    importFails: ({ context, event }) => context.error === null && approvedBy(event, 'otherDcFails'),
    keepsRedirecting: ({ context, event }) => context.error === null && approvedBy(event, 'movingUser'),
    refreshFails: ({ context, event }) =>
      context.error === null && event.type === 'QR_EXPIRE' && event.refresh === 'fails',
  },
  actions: {
    set: assign((_, params: Partial<OtherModelContext>) => params),
    passkeyError: assign(({ event }) => ({
      ...fresh,
      error: event.type === 'PASSKEY_START' ? (PASSKEY_ERRORS[event.key] ?? null) : null,
    })),
    countRedirect: assign(({ context }) => ({ redirects: context.redirects + 1 })),
    countStart: assign(({ context }) => ({
      startsLeft: context.startsLeft === null ? null : context.startsLeft - 1,
    })),
    /** Nothing the model tracks changes (the engine still acts: a refused command, a redrawn link). */
    unchanged: () => {},
  },
}).createMachine({
  id: 'other',
  context: ({ input }) => ({
    passkey: input.passkey,
    bot: false,
    ...fresh,
    startsLeft: input.maxStarts ?? null,
  }),
  initial: 'waitPhoneNumber',
  states: {
    waitPhoneNumber: { on: { ...switches } },
    waitQrConfirmation: {
      on: {
        ...switches,
        QR_APPROVE: [
          {
            guard: 'redirectsExhausted',
            target: 'waitQrConfirmation',
            // Refused at the export (its 4th redirect): the count stays, telling it from the import loop below.
            actions: set({ ...failedWith('QR_LOGIN_UNEXPECTED'), redirects: MAX_QR_REDIRECTS }),
          },
          {
            guard: 'keepsRedirecting',
            target: 'waitQrConfirmation',
            actions: set(failedWith('QR_LOGIN_UNEXPECTED')),
          },
          { guard: 'importFails', target: 'waitQrConfirmation', actions: set(failedWith(FAULT_ERROR)) },
          { guard: 'importExpired', target: 'waitQrConfirmation', actions: 'countRedirect' },
          { guard: 'approvedBy2FA', target: 'waitPassword', actions: set(fresh) },
          { guard: 'showsLink', target: 'ready', actions: set(fresh) },
        ],
        QR_EXPIRE: [
          { guard: 'refreshFails', actions: set({ ...failedWith(FAULT_ERROR), stale: true }) },
          { guard: 'showsLink', actions: 'unchanged', description: 'a fresh link replaces the expired one' },
        ],
        QR_APPROVE_STALE: { guard: 'hasStaleCode', target: 'ready', actions: set(fresh) },
      },
    },
    waitPasskey: { on: { ...switches } },
    waitPassword: { on: { ...switches, SUBMIT_PASSWORD: { target: 'ready', actions: set(fresh) } } },
    ready: {
      on: {
        LOGOUT: { target: 'loggedOut', actions: set(fresh) },
        APPROVE_DEVICE: [
          { guard: 'isBot', actions: set({ error: 'BOT_METHOD_INVALID' }) },
          { actions: set({ error: null }) },
        ],
        UNEXPECTED_COMMAND: { actions: 'unchanged' },
      },
    },
    loggedOut: {},
  },
});
