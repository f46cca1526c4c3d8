/**
 * The phone-code login flow (core.telegram.org/method/auth.sendCode) as a statechart: sendCode with DC redirects,
 * every SentCodeType, resend with the server's countdown, cancel, missing-code report, Firebase
 * SMS, login e-mail setup / code / reset, paid login, future-token success, signIn, signUp with
 * explicit terms acceptance. Ends `authorized` or `passwordNeeded` (the root then runs the password
 * machine on the DC where the login is pending). Guards, actions and stub actors: `phone-login/setup.ts`;
 * Firebase SMS: `phone-login/firebase-states.ts`; paid login: `phone-login/payment-state.ts`; where a
 * resumed login starts: `phone-login/resume-states.ts`.
 *
 * Its descriptions live in phone-login/descriptions.ts, out of the runtime bundle (issue 11).
 */
import { assertEvent } from 'xstate';
import { codeTarget, phoneLoginSetup } from './setup.js';
import { firebaseStates } from './firebase-states.js';
import { resumedContext } from './resume-states.js';
import { waitPaymentState } from './payment-state.js';

/** `FLOOD_WAIT_X` countdown, then back to the form (`idle`); nothing is re-sent automatically. */
const floodWait = {
  always: { guard: 'isFloodOver', target: 'idle', actions: 'clearError' },
  after: { oneSecond: { target: 'floodWait', reenter: true, actions: 'tickFlood' } },
} as const;

/** Answers of signIn (code or e-mail), shared by the code and e-mail screens. */
const signInOutcome = {
  onDone: [
    { guard: 'isSignUpRequired', target: '#phoneLogin.waitRegistration', actions: 'storeTerms' },
    { target: '#phoneLogin.authorized', actions: 'storeAuthorization' },
  ],
  onError: [
    { guard: 'isPasswordNeeded', target: '#phoneLogin.passwordNeeded' },
    { guard: 'isFloodWait', target: 'floodWait', actions: 'storeFloodWait' },
    { guard: 'isCodeDead', target: '#phoneLogin.waitPhoneNumber', actions: ['forgetCode', 'storeError'] },
    { target: 'idle', actions: 'storeError' },
  ],
} as const;

/** The phone login machine. Provide its actors with `createPhoneLoginActors(deps)`. */
export const phoneLoginMachine = phoneLoginSetup.createMachine({
  id: 'phoneLogin',
  context: ({ input }) => ({
    dcId: input.dcId,
    migrations: 0,
    phone: input.resume?.phone ?? '',
    floodSeconds: 0,
    firebase: input.firebase === true,
    payment: input.payment === true,
    ...resumedContext(input.resume),
  }),
  initial: 'starting',
  on: { '*': { guard: 'isCommand', actions: 'emitRejected' } },
  states: {
    starting: {
      always: [
        { guard: { type: 'isResuming', params: { to: 'password' } }, target: 'passwordNeeded' },
        { guard: { type: 'isResuming', params: { to: 'code' } }, target: 'routing' },
        { guard: { type: 'isResuming', params: { to: 'emailCode' } }, target: 'waitEmailCode' },
        { guard: { type: 'isResuming', params: { to: 'registration' } }, target: 'waitRegistration' },
        {
          guard: { type: 'isResuming', params: { to: 'paymentCheck' } },
          target: 'waitPayment.checking',
        },
        { target: 'waitPhoneNumber' },
      ],
    },
    waitPhoneNumber: {
      tags: ['waitPhoneNumber'],
      initial: 'idle',
      states: {
        idle: { on: { 'phone.submit': { guard: 'isPhonePlausible', target: '#phoneLogin.sendingCode', actions: 'storePhone' } } },
        floodWait,
      },
    },
    sendingCode: {
      tags: ['waitPhoneNumber', 'busy'],
      entry: 'clearError',
      invoke: {
        id: 'sendCode',
        src: 'sendCode',
        input: ({ context }) => ({ dcId: context.dcId, phone: context.phone }),
        onDone: { target: 'routing', actions: 'storeSentCode' },
        onError: [
          { guard: 'canFollowMigrate', target: 'sendingCode', reenter: true, actions: 'switchDc' },
          { guard: 'isPasswordNeeded', target: 'passwordNeeded' },
          { guard: 'isFloodWait', target: 'waitPhoneNumber.floodWait', actions: 'storeFloodWait' },
          { target: 'waitPhoneNumber', actions: 'storeError' },
        ],
      },
    },
    routing: {
      entry: 'applySentCode',
      always: [
        { guard: { type: 'routeIs', params: { route: 'ready' } }, target: 'authorized', actions: 'storeSuccessAuthorization' },
        { guard: { type: 'routeIs', params: { route: 'waitPayment' } }, target: 'waitPayment' },
        { guard: { type: 'routeIs', params: { route: 'waitEmailAddress' } }, target: 'waitEmailAddress' },
        { guard: { type: 'routeIs', params: { route: 'waitEmailCode' } }, target: 'waitEmailCode' },
        { guard: 'needsFirebaseProof', target: 'verifyingDevice' },
        { target: 'waitCode' },
      ],
    },
    waitCode: {
      tags: ['waitCode'],
      type: 'parallel',
      on: { 'phone.edit': { target: 'cancellingCode' } },
      states: {
        form: {
          initial: 'idle',
          states: {
            idle: { on: { 'code.submit': 'signingIn', 'code.reportMissing': 'reportingMissing' } },
            signingIn: {
              tags: ['busy'],
              entry: 'clearError',
              invoke: {
                id: 'signIn',
                src: 'signIn',
                input: ({ context, event }) => {
                  assertEvent(event, 'code.submit');
                  return { ...codeTarget(context), code: event.code, via: 'phone' as const };
                },
                ...signInOutcome,
              },
            },
            reportingMissing: {
              tags: ['busy'],
              invoke: {
                id: 'reportMissingCode',
                src: 'reportMissingCode',
                input: ({ context, event }) => {
                  assertEvent(event, 'code.reportMissing');
                  return { ...codeTarget(context), mnc: event.mnc };
                },
                onDone: 'idle',
                onError: { target: 'idle', actions: 'storeError' },
              },
            },
            floodWait,
          },
        },
        resend: {
          initial: 'checking',
          states: {
            checking: {
              always: [
                { guard: 'hasNoNextType', target: 'unavailable' },
                { guard: 'isResendDue', target: 'available' },
                { target: 'countingDown' },
              ],
            },
            countingDown: { after: { oneSecond: { target: 'checking', actions: 'tickResend' } } },
            available: {
              on: {
                'code.resend': { guard: 'isInFormIdle', target: 'resending' },
              },
            },
            resending: {
              tags: ['busy'],
              invoke: {
                id: 'resendCode',
                src: 'resendCode',
                input: ({ context }) => codeTarget(context),
                onDone: { target: '#phoneLogin.routing', actions: 'storeSentCode' },
                onError: [
                  { guard: 'isCodeDead', target: '#phoneLogin.waitPhoneNumber', actions: ['forgetCode', 'storeError'] },
                  { guard: 'isSendCodeUnavailable', target: 'unavailable', actions: 'storeError' },
                  { target: 'available', actions: 'storeError' },
                ],
              },
            },
            unavailable: {},
          },
        },
      },
    },
    ...firebaseStates,
    waitEmailAddress: {
      tags: ['waitEmailAddress'],
      initial: 'idle',
      on: { 'phone.edit': 'cancellingCode' },
      states: {
        idle: { on: { 'email.submit': 'sendingEmailCode' } },
        sendingEmailCode: {
          tags: ['busy'],
          entry: 'clearError',
          invoke: {
            id: 'sendEmailCode',
            src: 'sendEmailCode',
            input: ({ context, event }) => {
              assertEvent(event, 'email.submit');
              return { ...codeTarget(context), email: event.email.trim() };
            },
            onDone: { target: '#phoneLogin.waitEmailCode', actions: 'storeEmailSetup' },
            onError: [
              { guard: 'isFloodWait', target: 'floodWait', actions: 'storeFloodWait' },
              { guard: 'isCodeDead', target: '#phoneLogin.waitPhoneNumber', actions: ['forgetCode', 'storeError'] },
              { target: 'idle', actions: 'storeError' },
            ],
          },
        },
        floodWait,
      },
    },
    waitEmailCode: {
      tags: ['waitEmailCode'],
      initial: 'idle',
      on: { 'phone.edit': 'cancellingCode' },
      states: {
        idle: {
          on: {
            'emailCode.submit': [{ guard: 'isLoginEmail', target: 'signingIn' }, { target: 'verifying' }],
            'email.reset': { guard: 'isLoginEmail', target: 'resetting' },
          },
        },
        signingIn: {
          tags: ['busy'],
          entry: 'clearError',
          invoke: {
            id: 'signIn',
            src: 'signIn',
            input: ({ context, event }) => {
              assertEvent(event, 'emailCode.submit');
              return { ...codeTarget(context), code: event.code, via: 'email' as const };
            },
            ...signInOutcome,
          },
        },
        verifying: {
          tags: ['busy'],
          entry: 'clearError',
          invoke: {
            id: 'verifyEmail',
            src: 'verifyEmail',
            input: ({ context, event }) => {
              assertEvent(event, 'emailCode.submit');
              return { ...codeTarget(context), code: event.code };
            },
            onDone: [
              { guard: 'isEmailVerifiedLogin', target: '#phoneLogin.routing', actions: 'storeVerifiedSentCode' },
              { target: '#phoneLogin.sendingCode', actions: 'forgetCode' },
            ],
            onError: [
              { guard: 'isFloodWait', target: 'floodWait', actions: 'storeFloodWait' },
              { guard: 'isCodeDead', target: '#phoneLogin.waitPhoneNumber', actions: ['forgetCode', 'storeError'] },
              { target: 'idle', actions: 'storeError' },
            ],
          },
        },
        resetting: {
          tags: ['busy'],
          entry: 'clearError',
          invoke: {
            id: 'resetLoginEmail',
            src: 'resetLoginEmail',
            input: ({ context }) => codeTarget(context),
            onDone: { target: '#phoneLogin.routing', actions: 'storeSentCode' },
            onError: { target: 'idle', actions: 'storeError' },
          },
        },
        floodWait,
      },
    },
    waitRegistration: {
      tags: ['waitRegistration'],
      initial: 'idle',
      on: { 'phone.edit': 'cancellingCode' },
      states: {
        idle: {
          on: {
            'registration.submit': [
              { guard: 'termsAcceptedIfRequired', target: 'signingUp' },
              { actions: 'storeTermsNotAccepted' },
            ],
          },
        },
        signingUp: {
          tags: ['busy'],
          entry: 'clearError',
          invoke: {
            id: 'signUp',
            src: 'signUp',
            input: ({ context, event }) => {
              assertEvent(event, 'registration.submit');
              return { ...codeTarget(context), firstName: event.firstName.trim(), lastName: (event.lastName ?? '').trim() };
            },
            onDone: [
              { guard: 'hasTermsToAccept', target: 'acceptingTerms', actions: 'storeAuthorization' },
              { target: '#phoneLogin.authorized', actions: 'storeAuthorization' },
            ],
            onError: [
              { guard: 'isFloodWait', target: 'floodWait', actions: 'storeFloodWait' },
              { guard: 'isCodeDead', target: '#phoneLogin.waitPhoneNumber', actions: ['forgetCode', 'storeError'] },
              { target: 'idle', actions: 'storeError' },
            ],
          },
        },
        acceptingTerms: {
          tags: ['busy'],
          invoke: {
            id: 'acceptTerms',
            src: 'acceptTerms',
            input: ({ context }) => ({ dcId: context.dcId, id: context.termsOfService!.id }),
            onDone: '#phoneLogin.authorized',
            onError: { target: '#phoneLogin.authorized' },
          },
        },
        floodWait,
      },
    },
    waitPayment: waitPaymentState,
    cancellingCode: {
      tags: ['waitPhoneNumber', 'busy'],
      invoke: {
        id: 'cancelCode',
        src: 'cancelCode',
        input: ({ context }) => codeTarget(context),
        onDone: { target: 'waitPhoneNumber', actions: 'forgetCode' },
        onError: { target: 'waitPhoneNumber', actions: 'forgetCode' },
      },
    },
    authorized: { type: 'final' },
    passwordNeeded: { type: 'final' },
  },
  output: ({ context }) =>
    context.authorization
      ? { kind: 'authorized', dcId: context.dcId, authorization: context.authorization }
      : { kind: 'passwordNeeded', dcId: context.dcId, phone: context.phone },
});
