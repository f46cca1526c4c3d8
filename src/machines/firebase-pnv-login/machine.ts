/**
 * Firebase Phone Number Verification login (layer 229) as a statechart: auth.initFirebasePnvLogin on
 * the home DC gives a nonce and a Digital Credentials request; the host's `FirebasePnvProvider`
 * (the device's phone-number credential, exchanged with Firebase) answers with a Google token bound
 * to that nonce; auth.finishFirebasePnvLogin logs in, asks for 2FA, or asks for sign-up, which
 * auth.firebasePnvSignUp completes after the user accepted the terms explicitly
 * (help.acceptTermsOfService then). A redirect starts over on the named DC: the nonce belongs to the
 * key that asked for it. Ends `authorized` or `passwordNeeded`, as the passkey flow does.
 *
 * Opt-in (`firebasePnvFlow`, firebase-pnv-login/actors.ts): the engine's root runs a stand-in showing
 * `unsupported` unless the host gives the flow, so a bundle that never offers it does not carry it.
 * Its descriptions live in firebase-pnv-login/descriptions.ts, out of the runtime bundle (issue 11).
 */
import { assertEvent, assign, fromPromise, setup } from 'xstate';
import type { TlConstructorOf } from '../../tl/index.js';
import {
  engineError,
  errorOf,
  isRpcError,
  MAX_MIGRATIONS,
  migrateDc,
  notProvided,
  outputOf,
  toAuthError,
  type AuthError,
  type SealedCommand,
} from '../flow-kit/index.js';
import { AuthEngineError, secret, type Secret } from '../core/index.js';

type Authorization = TlConstructorOf<'auth.authorization'>;
type TermsOfService = TlConstructorOf<'help.termsOfService'>;

/** `auth.firebasePnvIntent#df5ac00c nonce:string digital_credential_payload:string`. */
export interface FirebasePnvIntent {
  readonly nonce: string;
  /** The Digital Credentials API request (JSON) to hand to the credential provider as is. */
  readonly digitalCredentialPayload: string;
}

/** What the provider proves: Firebase's Google token for the intent's nonce, and the number if it says. */
export interface FirebasePnvVerification {
  readonly googleToken: string;
  readonly phone?: string;
}

/**
 * Host adapter for Firebase PNV: asks the device for its verified phone number credential with the
 * intent and returns the token Firebase issued for it. Rejects with `AuthEngineError` code
 * `firebasePnv.unsupported` where the platform cannot (the flow then shows `unsupported`).
 */
export interface FirebasePnvProvider {
  verifyPhoneNumber(intent: FirebasePnvIntent, signal: AbortSignal): Promise<FirebasePnvVerification>;
}

export interface FirebasePnvLoginInput {
  /** The DC that runs initFirebasePnvLogin (the home DC). */
  dcId: number;
}

export type FirebasePnvLoginOutput =
  | { kind: 'authorized'; dcId: number; authorization: Authorization }
  | { kind: 'passwordNeeded'; dcId: number };

export interface FirebasePnvLoginContext {
  dcId: number;
  migrations: number;
  intent?: FirebasePnvIntent | undefined;
  /** The Google token: sealed, used once by finishFirebasePnvLogin, wiped on exit. */
  token?: Secret | undefined;
  /** The verified number when the provider named it (shown on the sign-up screen). */
  phone: string;
  termsOfService?: TermsOfService | undefined;
  unsupported: boolean;
  authorization?: Authorization | undefined;
  error?: AuthError | undefined;
}

/** Inputs of the actors that run on a DC. */
export interface FinishFirebasePnvInput {
  dcId: number;
  token: Secret;
}
export interface FirebasePnvSignUpInput {
  dcId: number;
  firstName: string;
  lastName: string;
}

/** auth.authorization, or the sign-up request auth.authorizationSignUpRequired carries. */
export type FirebasePnvFinish = Authorization | TlConstructorOf<'auth.authorizationSignUpRequired'>;

/** Typed stubs; `createFirebasePnvLoginActors` supplies the real ones. */
function actorStubs() {
  return {
    initFirebasePnvLogin: fromPromise<FirebasePnvIntent, { dcId: number }>(
      notProvided('initFirebasePnvLogin'),
    ),
    verifyPhoneNumber: fromPromise<FirebasePnvVerification, FirebasePnvIntent>(
      notProvided('verifyPhoneNumber'),
    ),
    finishFirebasePnvLogin: fromPromise<FirebasePnvFinish, FinishFirebasePnvInput>(
      notProvided('finishFirebasePnvLogin'),
    ),
    firebasePnvSignUp: fromPromise<Authorization, FirebasePnvSignUpInput>(notProvided('firebasePnvSignUp')),
    acceptTerms: fromPromise<boolean, { dcId: number; id: TermsOfService['id'] }>(notProvided('acceptTerms')),
  };
}

export const firebasePnvLoginActorStubs = /* @__PURE__ */ actorStubs();

export type FirebasePnvLoginActors = typeof firebasePnvLoginActorStubs;

/**
 * Built in a function called once at module load and marked pure, so a bundle whose engine never
 * uses the flow (it is opt-in) drops it whole.
 */
function createFirebasePnvLoginMachine() {
  const setupPnv = setup({
    types: {
      context: {} as FirebasePnvLoginContext,
      input: {} as FirebasePnvLoginInput,
      output: {} as FirebasePnvLoginOutput,
      events: {} as SealedCommand,
      tags: {} as 'waitFirebasePnv' | 'waitRegistration' | 'busy',
    },
    actors: firebasePnvLoginActorStubs,
    guards: {
      isSignUpRequired: ({ event }) =>
        outputOf<FirebasePnvFinish>(event)._ === 'auth.authorizationSignUpRequired',
      isPasswordNeeded: ({ event }) => isRpcError(errorOf(event), 'SESSION_PASSWORD_NEEDED'),
      isUnsupported: ({ event }) => {
        const e = errorOf(event);
        return e instanceof AuthEngineError && e.code === 'firebasePnv.unsupported';
      },
      canFollowMigrate: ({ context, event }) =>
        migrateDc(errorOf(event)) !== undefined && context.migrations < MAX_MIGRATIONS,
      termsAccepted: ({ context, event }) =>
        event.type === 'registration.submit' &&
        (context.termsOfService === undefined || event.acceptTerms === true),
      hasTermsToAccept: ({ context }) => context.termsOfService !== undefined,
    },
    actions: {
      storeIntent: assign(({ event }) => ({ intent: outputOf<FirebasePnvIntent>(event), error: undefined })),
      storeVerification: assign(({ event }) => {
        const v = outputOf<FirebasePnvVerification | null | undefined>(event);
        // A provider answering no token (a host bug) fails finishFirebasePnvLogin with GOOGLE_TOKEN_INVALID.
        return {
          token: secret(typeof v?.googleToken === 'string' ? v.googleToken : ''),
          phone: v?.phone ?? '',
        };
      }),
      storeSignUp: assign(({ event }) => {
        const answer = outputOf<TlConstructorOf<'auth.authorizationSignUpRequired'>>(event);
        return { termsOfService: answer.termsOfService, error: undefined };
      }),
      switchDc: assign(({ context, event }) => ({
        dcId: migrateDc(errorOf(event)) ?? context.dcId,
        migrations: context.migrations + 1,
      })),
      storeAuthorization: assign(({ event }) => ({ authorization: outputOf<Authorization>(event) })),
      forgetToken: assign(({ context }) => (context.token?.wipe(), { token: undefined })),
      storeError: assign(({ event }) => ({ error: toAuthError(errorOf(event)) })),
      storeUnsupported: assign(({ event }) => ({ unsupported: true, error: toAuthError(errorOf(event)) })),
      storeTermsNotAccepted: assign({
        error: engineError(
          'TERMS_NOT_ACCEPTED',
          'The terms of service must be accepted explicitly (acceptTerms: true)',
        ),
      }),
    },
  });

  return setupPnv.createMachine({
    id: 'firebasePnvLogin',
    context: ({ input }) => ({ dcId: input.dcId, migrations: 0, phone: '', unsupported: false }),
    initial: 'initializing',
    exit: 'forgetToken',
    states: {
      initializing: {
        tags: ['waitFirebasePnv', 'busy'],
        invoke: {
          id: 'initFirebasePnvLogin',
          src: 'initFirebasePnvLogin',
          input: ({ context }) => ({ dcId: context.dcId }),
          onDone: { target: 'verifying', actions: 'storeIntent' },
          onError: { target: 'failed', actions: 'storeError' },
        },
      },
      verifying: {
        tags: ['waitFirebasePnv'],
        invoke: {
          id: 'verifyPhoneNumber',
          src: 'verifyPhoneNumber',
          input: ({ context }) => context.intent!,
          onDone: { target: 'finishing', actions: 'storeVerification' },
          onError: [
            { guard: 'isUnsupported', target: 'unsupported', actions: 'storeUnsupported' },
            { target: 'failed', actions: 'storeError' },
          ],
        },
      },
      finishing: {
        tags: ['waitFirebasePnv', 'busy'],
        invoke: {
          id: 'finishFirebasePnvLogin',
          src: 'finishFirebasePnvLogin',
          input: ({ context }) => ({ dcId: context.dcId, token: context.token! }),
          onDone: [
            { guard: 'isSignUpRequired', target: 'registering', actions: 'storeSignUp' },
            { target: 'authorized', actions: 'storeAuthorization' },
          ],
          onError: [
            { guard: 'isPasswordNeeded', target: 'passwordNeeded' },
            { guard: 'canFollowMigrate', target: 'initializing', actions: ['forgetToken', 'switchDc'] },
            { target: 'failed', actions: 'storeError' },
          ],
        },
      },
      registering: {
        tags: ['waitRegistration'],
        on: {
          'registration.submit': [
            { guard: 'termsAccepted', target: 'signingUp' },
            { actions: 'storeTermsNotAccepted' },
          ],
        },
      },
      signingUp: {
        tags: ['waitRegistration', 'busy'],
        invoke: {
          id: 'firebasePnvSignUp',
          src: 'firebasePnvSignUp',
          input: ({ context, event }) => {
            assertEvent(event, 'registration.submit');
            return {
              dcId: context.dcId,
              firstName: event.firstName.trim(),
              lastName: (event.lastName ?? '').trim(),
            };
          },
          onDone: [
            { guard: 'hasTermsToAccept', target: 'acceptingTerms', actions: 'storeAuthorization' },
            { target: 'authorized', actions: 'storeAuthorization' },
          ],
          onError: { target: 'registering', actions: 'storeError' },
        },
      },
      acceptingTerms: {
        tags: ['waitRegistration', 'busy'],
        invoke: {
          id: 'acceptTerms',
          src: 'acceptTerms',
          input: ({ context }) => ({ dcId: context.dcId, id: context.termsOfService!.id }),
          // Logged in either way: a failed acknowledgement is asked again by help.getTermsOfServiceUpdate.
          onDone: 'authorized',
          onError: 'authorized',
        },
      },
      unsupported: { tags: ['waitFirebasePnv'] },
      failed: { tags: ['waitFirebasePnv'], entry: 'forgetToken' },
      authorized: { type: 'final' },
      passwordNeeded: { type: 'final' },
    },
    output: ({ context }) =>
      context.authorization
        ? { kind: 'authorized', dcId: context.dcId, authorization: context.authorization }
        : { kind: 'passwordNeeded', dcId: context.dcId },
  });
}

/** The Firebase PNV login machine. Provide its actors with `createFirebasePnvLoginActors(deps)`. */
export const firebasePnvLoginMachine = /* @__PURE__ */ createFirebasePnvLoginMachine();
