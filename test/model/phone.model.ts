/**
 * Abstract model of a phone login through the root machine: the phone-code flow, the password
 * machine with recovery, sign-up, e-mail setup, paid login, and what `ready` offers (log out,
 * approve a QR link, reset other sessions). No invokes or delays: each server round trip is
 * collapsed into the screen the engine must settle on. The account the simulator holds is fixed by
 * `input`, so each configuration is its own finite graph; context is that configuration, the
 * error the screen shows, and whether the one allowed resend happened.
 */
import { and, assign, setup } from 'xstate';

/** What the simulator's account looks like for one model run. */
export type AccountKind = 'plain' | 'new' | 'twoFA' | 'twoFARecovery' | 'emailSetup' | 'payment';

export type PhoneModelEvent =
  /** `flooded`: the simulator answers this request FLOOD_WAIT_3 (a fault set just before the step). */
  | { type: 'SUBMIT_PHONE'; phone: 'valid' | 'implausible' | 'flooded' }
  | { type: 'SUBMIT_CODE'; code: 'right' | 'wrong' | 'expired' | 'flooded' }
  | { type: 'RESEND' }
  | { type: 'EDIT_PHONE' }
  | { type: 'SUBMIT_PASSWORD'; password: 'right' | 'wrong' | 'flooded' }
  | { type: 'REQUEST_RECOVERY' }
  | { type: 'SUBMIT_RECOVERY'; code: 'right' | 'wrong' | 'flooded'; newPassword: boolean }
  | { type: 'SUBMIT_REGISTRATION'; acceptTerms: boolean; flooded?: boolean }
  /** The clock runs out a FLOOD_WAIT_X countdown. */
  | { type: 'WAIT_FLOOD' }
  | { type: 'SUBMIT_EMAIL' }
  | { type: 'SUBMIT_EMAIL_CODE'; code: 'right' | 'wrong' }
  | { type: 'PAY' }
  | { type: 'LOGOUT' }
  | { type: 'APPROVE_QR'; link: 'garbage' }
  /** `aged`: a day passes first (a fresh session may not reset the others, FRESH_RESET_AUTHORISATION_FORBIDDEN). */
  | { type: 'RESET_AUTHORIZATIONS'; aged: boolean };

export interface PhoneModelContext {
  account: AccountKind;
  /** `AuthView.error.type` the screen must show, or null. */
  error: string | null;
  resent: boolean;
  /** The setup address is confirmed: the e-mail screen now takes the login code. */
  emailLogin: boolean;
}

/** The payload cases, listed once (the traversal tries each where the model accepts it). */
export const phoneEventCases: PhoneModelEvent[] = [
  { type: 'SUBMIT_PHONE', phone: 'valid' },
  { type: 'SUBMIT_PHONE', phone: 'implausible' },
  { type: 'SUBMIT_PHONE', phone: 'flooded' },
  { type: 'SUBMIT_CODE', code: 'flooded' },
  { type: 'SUBMIT_PASSWORD', password: 'flooded' },
  { type: 'SUBMIT_RECOVERY', code: 'flooded', newPassword: false },
  { type: 'SUBMIT_REGISTRATION', acceptTerms: true, flooded: true },
  { type: 'WAIT_FLOOD' },
  { type: 'SUBMIT_CODE', code: 'right' },
  { type: 'SUBMIT_CODE', code: 'wrong' },
  { type: 'SUBMIT_CODE', code: 'expired' },
  { type: 'RESEND' },
  { type: 'EDIT_PHONE' },
  { type: 'SUBMIT_PASSWORD', password: 'right' },
  { type: 'SUBMIT_PASSWORD', password: 'wrong' },
  { type: 'REQUEST_RECOVERY' },
  { type: 'SUBMIT_RECOVERY', code: 'right', newPassword: true },
  { type: 'SUBMIT_RECOVERY', code: 'right', newPassword: false },
  { type: 'SUBMIT_RECOVERY', code: 'wrong', newPassword: false },
  { type: 'SUBMIT_REGISTRATION', acceptTerms: false },
  { type: 'SUBMIT_REGISTRATION', acceptTerms: true },
  { type: 'SUBMIT_EMAIL' },
  { type: 'SUBMIT_EMAIL_CODE', code: 'right' },
  { type: 'SUBMIT_EMAIL_CODE', code: 'wrong' },
  { type: 'PAY' },
  { type: 'LOGOUT' },
  { type: 'APPROVE_QR', link: 'garbage' },
  { type: 'RESET_AUTHORIZATIONS', aged: false },
  { type: 'RESET_AUTHORIZATIONS', aged: true },
];

/** The error the screen shows after a transition (a parameterized action, so the model stays typed). */
const setError = (error: string | null) => ({ type: 'setError' as const, params: { error } });
const acct = (...kinds: AccountKind[]) => ({ type: 'account' as const, params: kinds });

export const phoneModel = setup({
  types: {
    context: {} as PhoneModelContext,
    events: {} as PhoneModelEvent,
    input: {} as { account: AccountKind },
  },
  guards: {
    valid: ({ event }) => event.type === 'SUBMIT_PHONE' && event.phone === 'valid',
    flooded: ({ event }) =>
      (event.type === 'SUBMIT_PHONE' && event.phone === 'flooded') ||
      ((event.type === 'SUBMIT_CODE' || event.type === 'SUBMIT_RECOVERY') && event.code === 'flooded') ||
      (event.type === 'SUBMIT_PASSWORD' && event.password === 'flooded') ||
      (event.type === 'SUBMIT_REGISTRATION' && event.flooded === true),
    account: ({ context }, kinds: AccountKind[]) => kinds.includes(context.account),
    code: ({ event }, code: string) =>
      (event.type === 'SUBMIT_CODE' ||
        event.type === 'SUBMIT_EMAIL_CODE' ||
        event.type === 'SUBMIT_RECOVERY') &&
      event.code === code,
    password: ({ event }, password: string) =>
      event.type === 'SUBMIT_PASSWORD' && event.password === password,
    accepts: ({ event }) => event.type === 'SUBMIT_REGISTRATION' && event.acceptTerms,
    notResent: ({ context }) => !context.resent,
    emailLogin: ({ context }) => context.emailLogin,
    aged: ({ event }) => event.type === 'RESET_AUTHORIZATIONS' && event.aged,
  },
  actions: {
    markResent: assign({ resent: true }),
    markEmailLogin: assign({ emailLogin: true }),
    setError: assign((_, params: { error: string | null }) => ({ error: params.error })),
  },
}).createMachine({
  id: 'phoneModel',
  context: ({ input }) => ({ account: input.account, error: null, resent: false, emailLogin: false }),
  initial: 'waitPhoneNumber',
  states: {
    waitPhoneNumber: {
      on: {
        SUBMIT_PHONE: [
          { guard: 'flooded', target: 'waitPhoneNumberFlood', actions: setError('FLOOD_WAIT_X') },
          { guard: and(['valid', acct('payment')]), target: 'waitPayment', actions: setError(null) },
          { guard: and(['valid', 'emailLogin']), target: 'waitEmailCode', actions: setError(null) },
          { guard: and(['valid', acct('emailSetup')]), target: 'waitEmailAddress', actions: setError(null) },
          { guard: 'valid', target: 'waitCode', actions: setError(null) },
          // implausible numbers are refused before any request: nothing changes
        ],
      },
    },
    waitCode: {
      on: {
        SUBMIT_CODE: [
          { guard: 'flooded', target: 'waitCodeFlood', actions: setError('FLOOD_WAIT_X') },
          { guard: { type: 'code', params: 'wrong' }, actions: setError('PHONE_CODE_INVALID') },
          {
            guard: { type: 'code', params: 'expired' },
            target: 'waitPhoneNumber',
            actions: setError('PHONE_CODE_EXPIRED'),
          },
          { guard: acct('new'), target: 'waitRegistration', actions: setError(null) },
          { guard: acct('twoFA', 'twoFARecovery'), target: 'waitPassword', actions: setError(null) },
          { target: 'ready', actions: setError(null) },
        ],
        RESEND: { guard: 'notResent', actions: 'markResent' },
        EDIT_PHONE: 'waitPhoneNumber',
      },
    },
    waitPassword: {
      on: {
        SUBMIT_PASSWORD: [
          { guard: 'flooded', target: 'waitPasswordFlood', actions: setError('FLOOD_WAIT_X') },
          { guard: { type: 'password', params: 'right' }, target: 'ready', actions: setError(null) },
          { actions: setError('PASSWORD_HASH_INVALID') },
        ],
        REQUEST_RECOVERY: {
          guard: acct('twoFARecovery'),
          target: 'waitPasswordRecovery',
          actions: setError(null),
        },
        EDIT_PHONE: { target: 'waitPhoneNumber', actions: setError(null) },
      },
    },
    waitPasswordRecovery: {
      on: {
        SUBMIT_RECOVERY: [
          { guard: 'flooded', target: 'waitPasswordRecoveryFlood', actions: setError('FLOOD_WAIT_X') },
          { guard: { type: 'code', params: 'right' }, target: 'ready', actions: setError(null) },
          { actions: setError('CODE_INVALID') },
        ],
      },
    },
    waitRegistration: {
      on: {
        SUBMIT_REGISTRATION: [
          { guard: 'flooded', target: 'waitRegistrationFlood', actions: setError('FLOOD_WAIT_X') },
          { guard: 'accepts', target: 'ready', actions: setError(null) },
          { actions: setError('TERMS_NOT_ACCEPTED') },
        ],
        EDIT_PHONE: 'waitPhoneNumber',
      },
    },
    waitEmailAddress: {
      on: {
        SUBMIT_EMAIL: { target: 'waitEmailCode', actions: setError(null) },
        EDIT_PHONE: 'waitPhoneNumber',
      },
    },
    waitEmailCode: {
      on: {
        SUBMIT_EMAIL_CODE: [
          {
            guard: and([{ type: 'code', params: 'right' }, 'emailLogin']),
            target: 'ready',
            actions: setError(null),
          },
          {
            guard: { type: 'code', params: 'right' },
            target: 'waitEmailCode',
            reenter: true,
            actions: [setError(null), 'markEmailLogin'],
            description: 'address confirmed: the server sends the login code to it',
          },
          // signIn with the e-mailed login code answers like a phone code (the simulator's PHONE_CODE_INVALID)
          { guard: 'emailLogin', actions: setError('PHONE_CODE_INVALID') },
          { actions: setError('CODE_INVALID') },
        ],
        EDIT_PHONE: 'waitPhoneNumber',
      },
    },
    waitPayment: {
      on: { PAY: { target: 'waitCode', actions: setError(null) }, EDIT_PHONE: 'waitPhoneNumber' },
    },
    // A countdown screen: the form is closed until the clock runs the wait out.
    waitPhoneNumberFlood: { on: { WAIT_FLOOD: { target: 'waitPhoneNumber', actions: setError(null) } } },
    waitCodeFlood: { on: { WAIT_FLOOD: { target: 'waitCode', actions: setError(null) } } },
    waitPasswordFlood: { on: { WAIT_FLOOD: { target: 'waitPassword', actions: setError(null) } } },
    waitPasswordRecoveryFlood: {
      on: { WAIT_FLOOD: { target: 'waitPasswordRecovery', actions: setError(null) } },
    },
    waitRegistrationFlood: { on: { WAIT_FLOOD: { target: 'waitRegistration', actions: setError(null) } } },
    loggedOut: { description: 'the phone screen again; a second login is a new path (the account changed)' },
    ready: {
      on: {
        LOGOUT: { target: 'loggedOut', actions: setError(null) },
        APPROVE_QR: { actions: setError('QR_LINK_INVALID') },
        RESET_AUTHORIZATIONS: [
          { guard: 'aged', actions: setError(null) },
          { actions: setError('FRESH_RESET_AUTHORISATION_FORBIDDEN') },
        ],
      },
    },
  },
});
