/**
 * Abstract model of the other login methods through the root machine: QR (approved by a user on
 * this DC, on another DC, or with 2FA; the token expiring on the clock), bot and web-token imports
 * (valid, on another DC, invalid), passkey login, and switching method from any login screen. No
 * invokes or delays; `input.passkey` says whether the host has an authenticator with a registered
 * passkey (a separate graph per configuration).
 */
import { assign, setup } from 'xstate';

export type OtherModelEvent =
  | { type: 'QR_START' }
  | { type: 'QR_APPROVE'; by: 'sameDc' | 'otherDc' | 'twoFA' }
  | { type: 'QR_EXPIRE' }
  | { type: 'PHONE_START' }
  | { type: 'BOT_SUBMIT'; token: 'valid' | 'invalid' }
  | { type: 'WEB_TOKEN_SUBMIT'; token: 'valid' | 'invalid' }
  | { type: 'PASSKEY_START' }
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
}

export const otherEventCases: OtherModelEvent[] = [
  { type: 'QR_START' },
  { type: 'QR_APPROVE', by: 'sameDc' },
  { type: 'QR_APPROVE', by: 'otherDc' },
  { type: 'QR_APPROVE', by: 'twoFA' },
  { type: 'QR_EXPIRE' },
  { type: 'PHONE_START' },
  { type: 'BOT_SUBMIT', token: 'valid' },
  { type: 'BOT_SUBMIT', token: 'invalid' },
  { type: 'WEB_TOKEN_SUBMIT', token: 'valid' },
  { type: 'WEB_TOKEN_SUBMIT', token: 'invalid' },
  { type: 'PASSKEY_START' },
  { type: 'SUBMIT_PASSWORD' },
  { type: 'LOGOUT' },
  { type: 'APPROVE_DEVICE' },
  { type: 'UNEXPECTED_COMMAND' },
];

const setError = (error: string | null) => ({ type: 'setError' as const, params: { error } });

/** Method switches every login screen offers (the root's `switchFlow`). */
const switches = {
  PHONE_START: { target: '#other.waitPhoneNumber', actions: setError(null) },
  QR_START: { target: '#other.waitQrConfirmation', actions: setError(null) },
  PASSKEY_START: [
    { guard: 'hasPasskey', target: '#other.ready', actions: setError(null) },
    { target: '#other.waitPasskey', actions: setError('passkey.unavailable') },
  ],
  BOT_SUBMIT: [
    { guard: 'validToken', target: '#other.ready', actions: [setError(null), 'markBot'] },
    { target: '#other.waitPhoneNumber', actions: setError('ACCESS_TOKEN_INVALID') },
  ],
  WEB_TOKEN_SUBMIT: [
    { guard: 'validToken', target: '#other.ready', actions: setError(null) },
    { target: '#other.waitPhoneNumber', actions: setError('WEBAUTH_TOKEN_EXPIRED') },
  ],
} as const;

export const otherModel = setup({
  types: {
    context: {} as OtherModelContext,
    events: {} as OtherModelEvent,
    input: {} as { passkey: boolean },
  },
  guards: {
    hasPasskey: ({ context }) => context.passkey,
    validToken: ({ event }) =>
      (event.type === 'BOT_SUBMIT' || event.type === 'WEB_TOKEN_SUBMIT') && event.token === 'valid',
    isBot: ({ context }) => context.bot,
    approvedBy2FA: ({ event }) => event.type === 'QR_APPROVE' && event.by === 'twoFA',
  },
  actions: {
    setError: assign((_, params: { error: string | null }) => ({ error: params.error })),
    markBot: assign({ bot: true }),
  },
}).createMachine({
  id: 'other',
  context: ({ input }) => ({ passkey: input.passkey, bot: false, error: null }),
  initial: 'waitPhoneNumber',
  states: {
    waitPhoneNumber: { on: { ...switches } },
    waitQrConfirmation: {
      on: {
        ...switches,
        QR_APPROVE: [
          { guard: 'approvedBy2FA', target: 'waitPassword', actions: setError(null) },
          { target: 'ready', actions: setError(null) },
        ],
        QR_EXPIRE: { description: 'a fresh link replaces the expired one' },
        PHONE_START: { target: 'waitPhoneNumber', actions: setError(null) },
      },
    },
    waitPasskey: { on: { ...switches, PHONE_START: { target: 'waitPhoneNumber', actions: setError(null) } } },
    waitPassword: { on: { ...switches, SUBMIT_PASSWORD: { target: 'ready', actions: setError(null) } } },
    ready: {
      on: {
        LOGOUT: { target: 'loggedOut', actions: setError(null) },
        APPROVE_DEVICE: [
          { guard: 'isBot', actions: setError('BOT_METHOD_INVALID') },
          { actions: setError(null) },
        ],
        UNEXPECTED_COMMAND: {},
      },
    },
    loggedOut: {},
  },
});
