/**
 * Setup (types, stub actors, guards, actions, delays) of the phone-code login flow; the states are
 * in `phone-login/machine.ts`. The phone-code login flow (core.telegram.org/method/auth.sendCode): sendCode with DC redirects, every
 * SentCodeType, resend with the server's countdown, cancel, missing-code report, Firebase SMS,
 * login e-mail setup / code / reset, paid login, future-token success, signIn and signUp with
 * explicit terms acceptance. Ends with `authorized` or `passwordNeeded` (the root then runs the
 * password machine on the same DC). It only sequences: RPCs are actors from `phone-login/actors.ts`.
 */
import { assign, enqueueActions, fromPromise, setup, stateIn } from 'xstate';
import type { TlConstructorOf, TlTypeOf } from '../../tl/index.js';
import { engineError, floodWaitSeconds, isRpcError, migrateDc, toAuthError, type AuthError, type CommandRejected, type SealedCommand, errorOf, isCommandEvent, notProvided, outputOf, MAX_MIGRATIONS, phoneCodeHashOf, resendDelayOf, routeSentCode, type SentCode, type SentCodeRoute } from '../flow-kit/index.js';
import type { FirebaseChallenge, FirebaseProof, PaidLoginOffer, Secret } from '../core/index.js';

/** What the phone flow ends with. `futureAuthToken` never appears: the actors store it in the session. */
export type PhoneLoginOutput =
  | { kind: 'authorized'; dcId: number; authorization: TlConstructorOf<'auth.authorization'> }
  | { kind: 'passwordNeeded'; dcId: number; phone: string };

export interface PhoneLoginInput {
  /** The home DC to start on (it changes on PHONE_MIGRATE_X / NETWORK_MIGRATE_X). */
  dcId: number;
  /** A `FirebaseHost` is available (official apps only). */
  firebase?: boolean;
  /** A `PaymentHost` can buy a paid login without a form id from the UI. */
  payment?: boolean;
  /**
   * Durable engine: continue a login a previous run left waiting, without sending anything again —
   * on the screen of `sent` (its `timeout` already cut to what is left), or straight to the
   * password step. Filled by the engine from the session's pending-login record.
   */
  resume?: PhoneLoginResume | { phone: string; passwordNeeded: true };
}

/**
 * A login resumed on the screens of one sent code: the one `sent` routes to, or the step the user
 * had reached with it — the e-mail code of a login e-mail being set up, the registration form
 * (after signIn answered sign-up required), or a paid login whose payment is pending (checked again).
 */
export interface PhoneLoginResume {
  phone: string;
  sent: SentCode;
  emailSetup?: { emailPattern: string; length: number };
  signUp?: { termsOfService?: TlConstructorOf<'help.termsOfService'> };
  paymentFormId?: bigint;
}

/** Where `starting` sends a resumed login. */
export type ResumeTarget = 'code' | 'emailCode' | 'registration' | 'paymentCheck' | 'password';

export interface PhoneLoginContext {
  dcId: number;
  /** Redirects followed for this number (bounded, core.telegram.org/api/datacenter). */
  migrations: number;
  phone: string;
  /** The latest sent-code answer; its phone_code_hash is the one to use. */
  sent?: SentCode | undefined;
  phoneCodeHash?: string | undefined;
  resendInSeconds?: number | undefined;
  /** Seconds left of a FLOOD_WAIT_X countdown, or until auth.checkPaidAuth is asked again (paid login). */
  floodSeconds: number;
  emailSetup?: { emailPattern: string; length: number } | undefined;
  termsOfService?: TlConstructorOf<'help.termsOfService'> | undefined;
  authorization?: TlConstructorOf<'auth.authorization'> | undefined;
  firebaseProof?: FirebaseProof | undefined;
  formId?: bigint | undefined;
  firebase: boolean;
  payment: boolean;
  error?: AuthError | undefined;
  /** Set from `input.resume` (read once, by the initial `starting` state). */
  resuming?: ResumeTarget | undefined;
}

/** Tags name the view status of a state; `busy` marks a request in flight. */
export type PhoneLoginTag =
  | 'waitPhoneNumber'
  | 'waitCode'
  | 'waitEmailAddress'
  | 'waitEmailCode'
  | 'waitRegistration'
  | 'waitPayment'
  | 'busy'
  | 'pending';

export interface CodeTarget {
  dcId: number;
  phone: string;
  phoneCodeHash: string;
}

type Authorization = TlTypeOf<'auth.Authorization'>;

/** Why a Firebase proof is unusable (`failure`, or an empty token), or undefined for a token to send. */
export function proofFailureOf(proof: FirebaseProof): string | undefined {
  if ('failure' in proof) return proof.failure;
  const [kind, token] = Object.entries(proof)[0] ?? ['proof', ''];
  return token === '' ? `empty ${kind}` : undefined;
}

/** The (dc, phone, hash) triple every code method takes. */
export const codeTarget = (c: PhoneLoginContext): CodeTarget => ({ dcId: c.dcId, phone: c.phone, phoneCodeHash: c.phoneCodeHash ?? '' });

/** Typed stubs of every actor the flow invokes; `createPhoneLoginActors` supplies the real ones. */
export const phoneLoginActorStubs = {
  sendCode: fromPromise<SentCode, { dcId: number; phone: string }>(notProvided('sendCode')),
  resendCode: fromPromise<SentCode, CodeTarget & { reason?: string }>(notProvided('resendCode')),
  cancelCode: fromPromise<boolean, CodeTarget>(notProvided('cancelCode')),
  reportMissingCode: fromPromise<boolean, CodeTarget & { mnc: string }>(notProvided('reportMissingCode')),
  signIn: fromPromise<Authorization, CodeTarget & { code: Secret; via: 'phone' | 'email' }>(notProvided('signIn')),
  signUp: fromPromise<Authorization, CodeTarget & { firstName: string; lastName: string }>(notProvided('signUp')),
  acceptTerms: fromPromise<boolean, { dcId: number; id: TlTypeOf<'DataJSON'> }>(notProvided('acceptTerms')),
  sendEmailCode: fromPromise<TlTypeOf<'account.SentEmailCode'>, CodeTarget & { email: string }>(notProvided('sendEmailCode')),
  verifyEmail: fromPromise<TlTypeOf<'account.EmailVerified'>, CodeTarget & { code: Secret }>(notProvided('verifyEmail')),
  resetLoginEmail: fromPromise<SentCode, CodeTarget>(notProvided('resetLoginEmail')),
  obtainFirebaseProof: fromPromise<FirebaseProof, FirebaseChallenge>(notProvided('obtainFirebaseProof')),
  requestFirebaseSms: fromPromise<boolean, CodeTarget & { proof: FirebaseProof }>(notProvided('requestFirebaseSms')),
  purchaseLogin: fromPromise<{ formId: bigint }, PaidLoginOffer>(notProvided('purchaseLogin')),
  checkPaidAuth: fromPromise<SentCode, CodeTarget & { formId: bigint }>(notProvided('checkPaidAuth')),
  
};

/** The actor implementations `phoneLoginMachine.provide` takes. */
export type PhoneLoginActors = typeof phoneLoginActorStubs;

/** The machine's setup: typed stubs for every actor, provided by `createPhoneLoginActors`. */
export const phoneLoginSetup = setup({
  types: {
    context: {} as PhoneLoginContext,
    events: {} as SealedCommand,
    input: {} as PhoneLoginInput,
    output: {} as PhoneLoginOutput,
    emitted: {} as CommandRejected,
    tags: {} as PhoneLoginTag,
  },
  actors: phoneLoginActorStubs,
  guards: {
    isPhonePlausible: ({ event }) =>
      event.type === 'phone.submit' && typeof event.phone === 'string' && /\d{5,}/.test(event.phone.replace(/\D/g, '')),
    routeIs: ({ context }, params: { route: SentCodeRoute }) =>
      context.sent !== undefined && routeSentCode(context.sent) === params.route,
    /** Firebase SMS with a `FirebaseHost` to answer it; without one the code screen offers next_type. */
    needsFirebaseProof: ({ context }) =>
      context.firebase && context.sent !== undefined && routeSentCode(context.sent) === 'firebase',
    hasPaymentHost: ({ context }) => context.payment,
    canFollowMigrate: ({ context, event }) => migrateDc(errorOf(event)) !== undefined && context.migrations < MAX_MIGRATIONS,
    isPasswordNeeded: ({ event }) => isRpcError(errorOf(event), 'SESSION_PASSWORD_NEEDED'),
    isFloodWait: ({ event }) => floodWaitSeconds(errorOf(event)) !== undefined,
    /** The code or its hash is dead: the login must restart from sendCode. */
    isCodeDead: ({ event }) =>
      ['PHONE_CODE_EXPIRED', 'PHONE_CODE_HASH_EMPTY', 'AUTH_RESTART', 'PHONE_HASH_EXPIRED'].some((t) =>
        isRpcError(errorOf(event), t),
      ),
    isSendCodeUnavailable: ({ event }) => isRpcError(errorOf(event), 'SEND_CODE_UNAVAILABLE'),
    isSignUpRequired: ({ event }) => outputOf<Authorization>(event)._ === 'auth.authorizationSignUpRequired',
    hasTermsToAccept: ({ context }) => context.termsOfService !== undefined,
    termsAcceptedIfRequired: ({ context, event }) =>
      event.type === 'registration.submit' && (context.termsOfService === undefined || event.acceptTerms === true),
    isLoginEmail: ({ context }) => context.emailSetup === undefined,
    isEmailVerifiedLogin: ({ event }) =>
      outputOf<TlTypeOf<'account.EmailVerified'>>(event)._ === 'account.emailVerifiedLogin',
    hasFormId: ({ event }) => event.type === 'payment.submit' && event.formId !== undefined,
    /** The host obtained no usable proof: a failure, or an empty token. */
    isProofFailure: ({ event }) => proofFailureOf(outputOf<FirebaseProof>(event)) !== undefined,
    isTrue: ({ event }) => outputOf<boolean>(event) === true,
    hasNoNextType: ({ context }) => context.resendInSeconds === undefined,
    isResendDue: ({ context }) => context.resendInSeconds === 0,
    isResuming: ({ context }, params: { to: ResumeTarget }) => context.resuming === params.to,
    isFloodOver: ({ context }) => context.floodSeconds <= 0,
    isCommand: ({ event }) => isCommandEvent(event),
    isInFormIdle: stateIn({ waitCode: { form: 'idle' } }),
  },
  delays: {
    /** Countdowns (resend, flood wait, paid-login polling) tick once a second on the injected clock. */
    oneSecond: 1000,
  },
  actions: {
    storePhone: assign(({ event }) =>
      event.type === 'phone.submit' ? { phone: event.phone.trim(), migrations: 0, error: undefined } : {},
    ),
    switchDc: assign(({ context, event }) => ({
      dcId: migrateDc(errorOf(event)) ?? context.dcId,
      migrations: context.migrations + 1,
    })),
    storeSentCode: assign(({ event }) => ({ sent: outputOf<SentCode>(event) })),
    storeVerifiedSentCode: assign(({ event }) => {
      const verified = outputOf<TlTypeOf<'account.EmailVerified'>>(event);
      return verified._ === 'account.emailVerifiedLogin' ? { sent: verified.sentCode, emailSetup: undefined } : {};
    }),
    /** Called on entering a code screen: the latest hash, and the resend countdown from the server's timeout. */
    applySentCode: assign(({ context }) => {
      const sent = context.sent;
      if (sent === undefined) return {};
      const hash = phoneCodeHashOf(sent);
      const resendInSeconds = sent._ === 'auth.sentCode' ? resendDelayOf(sent) : undefined;
      return { ...(hash === undefined ? {} : { phoneCodeHash: hash }), resendInSeconds };
    }),
    storeSuccessAuthorization: assign(({ context }) =>
      context.sent?._ === 'auth.sentCodeSuccess' && context.sent.authorization._ === 'auth.authorization'
        ? { authorization: context.sent.authorization }
        : {},
    ),
    storeAuthorization: assign(({ event }) => {
      const auth = outputOf<Authorization>(event);
      return auth._ === 'auth.authorization' ? { authorization: auth } : {};
    }),
    storeTerms: assign(({ event }) => {
      const auth = outputOf<Authorization>(event);
      return auth._ === 'auth.authorizationSignUpRequired' ? { termsOfService: auth.termsOfService } : {};
    }),
    storeEmailSetup: assign(({ event }) => {
      const sent = outputOf<TlTypeOf<'account.SentEmailCode'>>(event);
      return { emailSetup: { emailPattern: sent.emailPattern, length: sent.length } };
    }),
    /** The host's proof; an empty token is kept as the failure it is. */
    storeProof: assign(({ event }) => {
      const proof = outputOf<FirebaseProof>(event);
      const failure = proofFailureOf(proof);
      return { firebaseProof: failure === undefined ? proof : { failure } };
    }),
    /** The host threw: no proof, and its message is the failure reason reported to the server. */
    storeProofError: assign(({ event }) => {
      const error = errorOf(event);
      return { firebaseProof: { failure: error instanceof Error ? error.message : String(error) } };
    }),
    forgetProof: assign({ firebaseProof: undefined }),
    storeFormId: assign(({ event }) => {
      if (event.type === 'payment.submit') return event.formId === undefined ? {} : { formId: event.formId };
      return { formId: outputOf<{ formId: bigint }>(event).formId };
    }),
    forgetCode: assign({
      sent: undefined,
      phoneCodeHash: undefined,
      resendInSeconds: undefined,
      emailSetup: undefined,
      termsOfService: undefined,
      formId: undefined,
    }),
    tickResend: assign(({ context }) => ({ resendInSeconds: Math.max(0, (context.resendInSeconds ?? 0) - 1) })),
    storeError: assign(({ event }) => ({ error: toAuthError(errorOf(event)) })),
    storeTermsNotAccepted: assign({
      error: engineError('TERMS_NOT_ACCEPTED', 'The terms of service must be accepted explicitly (acceptTerms: true)'),
    }),
    clearError: assign({ error: undefined }),
    storeFloodWait: assign(({ event }) => {
      const seconds = floodWaitSeconds(errorOf(event)) ?? 0;
      return { floodSeconds: seconds, error: toAuthError(errorOf(event)) };
    }),
    /** auth.checkPaidAuth's FLOOD_WAIT_X: "still pending, ask again in X s" (core.telegram.org/api/auth "Paid login"), a countdown and no error. */
    storePaymentPending: assign(({ event }) => ({
      floodSeconds: floodWaitSeconds(errorOf(event)) ?? 0,
      error: undefined,
    })),
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
