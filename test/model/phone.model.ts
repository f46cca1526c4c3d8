/**
 * Abstract model of a phone login through the root machine: the phone-code flow (Firebase SMS,
 * paid login, login e-mail setup / code / reset, sign-up), the password machine with recovery,
 * what `ready` offers (log out and log in again with the future token, approve a QR link, reset
 * other sessions), and a durable engine restarting on its store. No invokes or delays: each
 * server round trip is collapsed into the screen the engine must settle on. The account the
 * simulator holds is fixed by `input`, so each configuration is its own finite graph; context is
 * that configuration plus what the screen shows (error, code type, e-mail purpose) and the little
 * server state that decides the next answer. Events and their payload cases: phone-events.ts.
 */
import { and, not } from 'xstate';
import { rejected } from './phone-events.js';
import {
  acct,
  email,
  FLOODED,
  flood,
  go,
  is,
  leaving,
  phoneModelSetup,
  set,
  stay,
  unchanged,
} from './phone-model-setup.js';

export type { PhoneModelContext } from './phone-model-setup.js';

export const phoneModel = phoneModelSetup.createMachine({
  id: 'phoneModel',
  context: ({ input }) => ({
    account: input.account,
    error: null,
    code: null,
    email:
      input.account === 'emailSetup'
        ? 'setup'
        : input.account === 'emailNew' || input.account === 'emailTwoFA'
          ? 'login'
          : 'none',
    terms: true,
    resendGone: false,
    afterFlood: null,
  }),
  initial: 'waitPhoneNumber',
  states: {
    waitPhoneNumber: {
      on: {
        SUBMIT_PHONE: [
          { guard: is({ phone: 'flooded' }), ...go('waitPhoneNumberFlood', FLOODED) },
          { guard: is({ phone: 'rejected' }), ...stay(rejected('auth.sendCode')) },
          { guard: and([is({ phone: 'valid' }), acct('payment')]), ...go('waitPayment', null) },
          { guard: and([is({ phone: 'valid' }), email('login')]), ...go('waitEmailCode', null) },
          { guard: and([is({ phone: 'valid' }), email('setup')]), ...go('waitEmailAddress', null) },
          // Firebase SMS (account firebaseRequired, engine with a FirebaseHost): what the host proves.
          { guard: is({ phone: 'valid', proof: 'token' }), ...go('waitCode', null, { code: 'firebaseSms' }) },
          // No token (a failure, an empty one, a throw) or the server declines it: next_type at once via
          // auth.resendCode (with the reason), which the server allows before the resend timeout.
          ...(['lateFailure', 'emptyToken', 'failure', 'throws'] as const).map((proof) => ({
            guard: is({ phone: 'valid', proof }),
            ...go('waitCode', null, { code: 'sms' }),
          })),
          {
            guard: is({ phone: 'valid', proof: 'token', forged: 'smsDeclined' }),
            ...go('waitCode', null, { code: 'sms' }),
          },
          // That fallback answered FLOOD_WAIT_3 (shown with its countdown) or an error: the Firebase screen stays.
          {
            guard: is({ phone: 'valid', proof: 'failure', fallback: 'flooded' }),
            ...go('waitCodeFlood', FLOODED, { code: 'firebaseSms' }),
          },
          {
            guard: is({ phone: 'valid', proof: 'failure', fallback: 'rejected' }),
            ...go('waitCode', rejected('auth.resendCode'), { code: 'firebaseSms' }),
          },
          {
            guard: is({ phone: 'valid', proof: 'smsRefused' }),
            ...go('waitCode', rejected('auth.requestFirebaseSms'), { code: 'firebaseSms' }),
          },
          { guard: is({ phone: 'valid' }), ...go('waitCode', null, { code: 'sms' }) },
          { guard: is({ phone: 'implausible' }), ...stay('INPUT_INVALID'), description: 'refused by engine.send before any request; the view says why' },
          { guard: is({ phone: 'cancelled' }), ...stay(null), description: 'step.cancel while sendCode stalls: the phone screen again, no error' },
        ],
      },
    },
    waitCode: {
      on: {
        SUBMIT_CODE: [
          { guard: is({ code: 'flooded' }), ...go('waitCodeFlood', FLOODED) },
          { guard: is({ code: 'wrong' }), ...stay('PHONE_CODE_INVALID') },
          // step.cancel while signIn stalls: the code screen again, no error, the code still good
          { guard: is({ code: 'cancelled' }), ...stay(null) },
          { guard: is({ code: 'expired' }), ...go('waitPhoneNumber', 'PHONE_CODE_EXPIRED') },
          {
            guard: and([acct('twoFA', 'twoFARecovery'), is({ code: 'right', passwordFetch: 'rejected' })]),
            ...go('waitPasswordNoSrp', rejected('account.getPassword')),
          },
          // that fetch answered FLOOD_WAIT_3: the password screen counts down, with no SRP parameters yet
          {
            guard: and([acct('twoFA', 'twoFARecovery'), is({ code: 'right', passwordFetch: 'flooded' })]),
            ...go('waitPasswordNoSrpFlood', FLOODED),
          },
          {
            guard: and([acct('new'), is({ code: 'right', forged: 'noTerms' })]),
            ...go('waitRegistration', null, { terms: false }),
          },
          { guard: and([acct('new'), is({ code: 'right' })]), ...go('waitRegistration', null) },
          {
            guard: and([acct('twoFA', 'twoFARecovery'), is({ code: 'right' })]),
            ...go('waitPassword', null),
          },
          { guard: is({ code: 'right' }), ...go('ready', null) },
        ],
        RESEND: [
          { guard: and(['canResend', is({ outcome: 'sent' })]), actions: 'resent' },
          { guard: and(['canResend', is({ outcome: 'rejected' })]), ...stay(rejected('auth.resendCode')) },
          {
            guard: and(['canResend', is({ outcome: 'unavailable' })]),
            ...stay('SEND_CODE_UNAVAILABLE', { resendGone: true }),
          },
          {
            guard: and(['canResend', is({ outcome: 'expired' })]),
            ...go('waitPhoneNumber', 'PHONE_CODE_EXPIRED'),
          },
        ],
        REPORT_MISSING: [
          { guard: is({ outcome: 'rejected' }), ...stay(rejected('auth.reportMissingCode')) },
          { guard: is({ outcome: 'sent' }), ...unchanged('reported: nothing on the screen changes') },
        ],
        // auth.cancelCode; the error shown stays until the next request
        EDIT_PHONE: { target: 'waitPhoneNumber', actions: set(leaving('waitPhoneNumber')) },
        // resumed where it was: the same code type (the replay checks the resend countdown too)
        RESTART: stay(null, { resendGone: false }),
      },
    },
    waitPassword: {
      on: {
        SUBMIT_PASSWORD: [
          { guard: is({ password: 'flooded' }), ...go('waitPasswordFlood', FLOODED) },
          { guard: is({ password: 'rejected' }), ...stay(rejected('auth.checkPassword')) },
          // not a login (Telegram documents sign-up for signIn only): start over with the number
          { guard: is({ password: 'right', forged: 'notAuthorized' }), ...stay('SIGN_UP_REQUIRED') },
          { guard: is({ password: 'right' }), ...go('ready', null) },
          { guard: is({ password: 'wrong' }), ...stay('PASSWORD_HASH_INVALID') },
          // the new SRP parameters cannot be fetched: the check's error stays, the next submit fetches first
          {
            guard: is({ password: 'wrong', refetch: 'rejected' }),
            ...go('waitPasswordNoSrp', 'PASSWORD_HASH_INVALID'),
          },
          // that fetch answered FLOOD_WAIT_3: the countdown, then the check's error and still no parameters
          {
            guard: is({ password: 'wrong', refetch: 'flooded' }),
            ...go('waitPasswordNoSrpFlood', FLOODED, { afterFlood: 'PASSWORD_HASH_INVALID' }),
          },
        ],
        REQUEST_RECOVERY: [
          {
            guard: and([acct('twoFARecovery'), is({ outcome: 'flooded' })]),
            ...go('waitPasswordFlood', FLOODED),
          },
          {
            guard: and([acct('twoFARecovery'), is({ outcome: 'rejected' })]),
            ...stay(rejected('auth.requestPasswordRecovery')),
          },
          {
            guard: and([acct('twoFARecovery'), is({ outcome: 'sent' })]),
            ...go('waitPasswordRecovery', null),
          },
          { guard: is({ outcome: 'sent' }), ...unchanged('no recovery e-mail: the command is refused') },
        ],
        EDIT_PHONE: go('waitPhoneNumber', null),
        RESTART: stay(null),
        REMOVE_PASSWORD: { target: 'waitPasswordGone' },
      },
    },
    // account.getPassword failed (or was flooded and counted down): a submit fetches the SRP
    // parameters and checks the password in one go.
    waitPasswordNoSrp: {
      on: {
        SUBMIT_PASSWORD: [
          { guard: is({ password: 'right', refetch: 'rejected' }), ...stay(rejected('account.getPassword')) },
          { guard: is({ password: 'right', refetch: 'flooded' }), ...go('waitPasswordFlood', FLOODED) },
          { guard: is({ password: 'right' }), ...go('ready', null) },
        ],
        EDIT_PHONE: go('waitPhoneNumber', null),
        // the screen keeps its error
        REMOVE_PASSWORD: { target: 'waitPasswordNoSrpGone' },
      },
    },
    // The password was removed while the screen had no SRP parameters: the submit's fetch finds none.
    waitPasswordNoSrpGone: {
      on: {
        SUBMIT_PASSWORD: {
          guard: is({ password: 'right' }),
          ...go('waitPasswordGone', 'PASSWORD_ALGO_UNSUPPORTED'),
        },
      },
    },
    // The server has no password any more: every answer lacks SRP parameters.
    waitPasswordGone: {
      on: {
        SUBMIT_PASSWORD: { guard: is({ password: 'right' }), ...stay('PASSWORD_ALGO_UNSUPPORTED') },
        RESTART: stay('PASSWORD_ALGO_UNSUPPORTED'),
      },
    },
    waitPasswordRecovery: {
      on: {
        SUBMIT_RECOVERY: [
          { guard: is({ code: 'flooded' }), ...go('waitPasswordRecoveryFlood', FLOODED) },
          { guard: is({ recover: 'flooded' }), ...go('waitPasswordRecoveryFlood', FLOODED) },
          { guard: is({ recover: 'rejected' }), ...stay(rejected('auth.recoverPassword')) },
          { guard: is({ code: 'right', forged: 'codeRefused' }), ...stay('CODE_INVALID') },
          { guard: is({ code: 'right', forged: 'notAuthorized' }), ...stay('SIGN_UP_REQUIRED') },
          { guard: is({ code: 'right' }), ...go('ready', null) },
          { guard: is({ code: 'wrong' }), ...stay('CODE_INVALID') },
        ],
        REQUEST_RECOVERY: [
          {
            guard: is({ outcome: 'rejected' }),
            ...go('waitPassword', rejected('auth.requestPasswordRecovery')),
          },
          // counted down on the password screen, where the request's other errors go too
          { guard: is({ outcome: 'flooded' }), ...go('waitPasswordFlood', FLOODED) },
          { guard: is({ outcome: 'sent' }), ...stay(null) },
        ],
        // the pending login is the password step; recovery starts over from there
        RESTART: go('waitPassword', null),
      },
    },
    waitRegistration: {
      on: {
        SUBMIT_REGISTRATION: [
          // terms shown but not accepted: refused before any request
          {
            guard: and(['terms', ({ event }) => event.type === 'SUBMIT_REGISTRATION' && !event.acceptTerms]),
            ...stay('TERMS_NOT_ACCEPTED'),
          },
          {
            guard: ({ event }) => event.type === 'SUBMIT_REGISTRATION' && event.outcome === 'flooded',
            ...go('waitRegistrationFlood', FLOODED),
          },
          {
            guard: ({ event }) => event.type === 'SUBMIT_REGISTRATION' && event.outcome === 'expired',
            ...go('waitPhoneNumber', 'PHONE_CODE_EXPIRED'),
          },
          {
            guard: ({ event }) => event.type === 'SUBMIT_REGISTRATION' && event.outcome === 'rejected',
            ...stay('FIRSTNAME_INVALID'),
          },
          // help.acceptTermsOfService failing does not undo the sign-up
          {
            guard: and([
              'terms',
              ({ event }) => event.type === 'SUBMIT_REGISTRATION' && event.outcome === 'termsRejected',
            ]),
            ...go('ready', null),
          },
          {
            guard: ({ event }) => event.type === 'SUBMIT_REGISTRATION' && event.outcome === undefined,
            ...go('ready', null),
          },
        ],
        EDIT_PHONE: { target: 'waitPhoneNumber', actions: set(leaving('waitPhoneNumber')) },
        // resumed on the form with the same terms (the server keeps the code accepted under its hash)
        RESTART: stay(null),
      },
    },
    waitEmailAddress: {
      on: {
        SUBMIT_EMAIL: [
          { guard: is({ address: 'flooded' }), ...go('waitEmailAddressFlood', FLOODED) },
          { guard: is({ address: 'invalid' }), ...stay('EMAIL_INVALID') },
          { guard: is({ address: 'expired' }), ...go('waitPhoneNumber', 'PHONE_HASH_EXPIRED') },
          { guard: is({ address: 'valid' }), ...go('waitEmailCode', null) },
        ],
        EDIT_PHONE: { target: 'waitPhoneNumber', actions: set(leaving('waitPhoneNumber')) },
        RESTART: stay(null),
      },
    },
    waitEmailCode: {
      on: {
        SUBMIT_EMAIL_CODE: [
          { guard: is({ code: 'flooded' }), ...go('waitEmailCodeFlood', FLOODED) },
          {
            guard: and([is({ code: 'expired' }), email('setup')]),
            ...go('waitPhoneNumber', 'PHONE_HASH_EXPIRED'),
          },
          { guard: is({ code: 'expired' }), ...go('waitPhoneNumber', 'PHONE_CODE_EXPIRED') },
          // verified, but answered without a login code: auth.sendCode again, which now sends it to the address
          {
            guard: and([is({ code: 'right', forged: 'notLogin' }), email('setup')]),
            ...stay(null, { email: 'login' }),
          },
          // address confirmed: the server sends the login code to it
          { guard: and([is({ code: 'right' }), email('setup')]), ...stay(null, { email: 'login' }) },
          { guard: and([is({ code: 'right' }), acct('emailNew')]), ...go('waitRegistration', null) },
          { guard: and([is({ code: 'right' }), acct('emailTwoFA')]), ...go('waitPassword', null) },
          { guard: is({ code: 'right' }), ...go('ready', null) },
          // signIn with the e-mailed login code answers like a phone code (the simulator's PHONE_CODE_INVALID)
          { guard: and([is({ code: 'wrong' }), email('login')]), ...stay('PHONE_CODE_INVALID') },
          { guard: is({ code: 'wrong' }), ...stay('CODE_INVALID') },
        ],
        // only the login code screen offers a reset
        RESET_EMAIL: [
          {
            guard: and([email('login'), is({ outcome: 'rejected' })]),
            ...stay(rejected('auth.resetLoginEmail')),
          },
          // reset at once (reset_available_period 0): the code goes by SMS, the address is gone
          {
            guard: and([email('login'), is({ outcome: 'sent' })]),
            ...go('waitCode', null, { code: 'sms', email: 'none' }),
          },
        ],
        EDIT_PHONE: { target: 'waitPhoneNumber', actions: set(leaving('waitPhoneNumber')) },
        // resumed on the same step: the setup code (masked address, length) or the login code
        RESTART: stay(null),
      },
    },
    waitPayment: {
      on: {
        PAY: [
          { guard: is({ via: 'hostFails' }), ...stay('INTERNAL') },
          { guard: is({ via: 'declined' }), ...go('waitPaymentGone', 'FORM_EXPIRED') },
          {
            guard: ({ event }) => event.type === 'PAY' && (event.via === 'form' || event.via === 'host'),
            ...go('waitCode', null, { code: 'sms' }),
          },
          // paid, but the store has not confirmed it yet: auth.checkPaidAuth answers FLOOD_WAIT_5, which
          // means "ask again in 5 s" (core.telegram.org/api/auth "Paid login"): a countdown to the next check, not an error
          { guard: is({ via: 'pending' }), ...go('waitPaymentPending', null) },
        ],
        EDIT_PHONE: { target: 'waitPhoneNumber', actions: set(leaving('waitPhoneNumber')) },
        // resumed on the same offer (its phone_code_hash is the server's)
        RESTART: stay(null),
      },
    },
    // Polling auth.checkPaidAuth; a restart resumes the polling with the form id, never a second payment.
    waitPaymentPending: {
      on: {
        PAYMENT_CLEARS: go('waitCode', null, { code: 'sms' }),
        RESTART: stay(null),
      },
    },
    // The declined payment ended the login on the server.
    waitPaymentGone: {
      on: {
        PAY: { guard: is({ via: 'form' }), ...go('waitPhoneNumber', 'PHONE_CODE_EXPIRED') },
        EDIT_PHONE: { target: 'waitPhoneNumber', description: 'auth.cancelCode fails (best effort)' },
      },
    },
    // A countdown screen: the form is closed until the clock runs the wait out.
    waitPhoneNumberFlood: flood('waitPhoneNumber'),
    waitCodeFlood: flood('waitCode'),
    waitPasswordFlood: flood('waitPassword'),
    waitPasswordNoSrpFlood: flood('waitPasswordNoSrp'),
    waitPasswordRecoveryFlood: flood('waitPasswordRecovery'),
    waitRegistrationFlood: flood('waitRegistration'),
    waitEmailAddressFlood: flood('waitEmailAddress'),
    waitEmailCodeFlood: flood('waitEmailCode'),
    loggedOut: {
      description: 'the phone screen again, with a future auth token in the session',
      on: {
        // auth.sendCode with the token: 2FA still asks for the password, else logged in at once
        SUBMIT_PHONE: [
          {
            guard: and([is({ phone: 'valid' }), acct('twoFA', 'twoFARecovery', 'emailTwoFA')]),
            ...go('waitPassword', null),
          },
          { guard: and([is({ phone: 'valid' }), not(acct('firebase'))]), ...go('ready', null) },
        ],
      },
    },
    ready: {
      on: {
        LOGOUT: go('loggedOut', null),
        APPROVE_QR: stay('QR_LINK_INVALID'),
        RESET_AUTHORIZATIONS: [{ guard: 'aged', ...stay(null) }, stay('FRESH_RESET_AUTHORISATION_FORBIDDEN')],
      },
    },
  },
});
