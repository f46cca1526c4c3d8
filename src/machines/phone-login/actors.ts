/**
 * The real actors of the phone login machine: each builds one TL request (core.telegram.org/method/auth.sendCode)
 * and sends it through the `AuthRpc` port. Secrets are read from their `Secret` handle at the
 * last moment and wiped; future auth tokens go straight to the session, never into the machine.
 */
import { fromPromise } from 'xstate';
import type { TlTypeOf } from '../../tl/index.js';
import { callRpc, keepFutureToken } from '../flow-kit/index.js';
import { AuthEngineError, type CodeSettingsOptions, type FirebaseHost, type PaymentHost, type AuthRpc, resolverOf, type DepsSource } from '../core/index.js';
import type { PhoneLoginActors } from './setup.js';

/** What the phone actors need from the engine. */
export interface PhoneLoginDeps {
  rpc: AuthRpc;
  apiId: number;
  apiHash: string;
  codeSettings?: CodeSettingsOptions;
  /** Stored future auth tokens, sent as `codeSettings.logout_tokens` (core.telegram.org/api/auth "Future auth tokens"). */
  futureAuthTokens(): readonly Uint8Array[];
  /** Keeps a new future auth token in the session (the machine never sees it). */
  rememberFutureToken(token: Uint8Array): void;
  firebase?: FirebaseHost;
  payment?: PaymentHost;
}

type Authorization = TlTypeOf<'auth.Authorization'>;

const keep = <A extends Authorization>(deps: PhoneLoginDeps, auth: A): A => keepFutureToken(auth, deps.rememberFutureToken);
const sentCodeOf = <S extends TlTypeOf<'auth.SentCode'>>(deps: PhoneLoginDeps, sent: S): S =>
  sent._ === 'auth.sentCodeSuccess' ? { ...sent, authorization: keep(deps, sent.authorization) } : sent;

/** `codeSettings#ad253d78` from the host's options plus the stored tokens. */
export function buildCodeSettings(options: CodeSettingsOptions, tokens: readonly Uint8Array[]): TlTypeOf<'CodeSettings'> {
  return {
    _: 'codeSettings',
    ...(options.allowFlashcall ? { allowFlashcall: true } : {}),
    ...(options.currentNumber ? { currentNumber: true } : {}),
    ...(options.allowAppHash ? { allowAppHash: true } : {}),
    ...(options.allowMissedCall ? { allowMissedCall: true } : {}),
    ...(options.allowFirebase ? { allowFirebase: true } : {}),
    ...(options.unknownNumber ? { unknownNumber: true } : {}),
    ...(tokens.length > 0 ? { logoutTokens: [...tokens] } : {}),
    ...(options.token === undefined ? {} : { token: options.token, appSandbox: options.appSandbox === true }),
  };
}

/** The actors to `provide` to `phoneLoginMachine`. */
export function createPhoneLoginActors(source: DepsSource<PhoneLoginDeps>): PhoneLoginActors {
  const at = resolverOf(source);
  return {
    // auth.sendCode#a677244f phone_number:string api_id:int api_hash:string settings:CodeSettings = auth.SentCode;
    sendCode: fromPromise(async ({ input, signal, system }) => {
      const deps = at(system);
      const settings = buildCodeSettings(
        { ...deps.codeSettings, ...(deps.firebase ? {} : { allowFirebase: false }) },
        deps.futureAuthTokens(),
      );
      const request = { _: 'auth.sendCode' as const, phoneNumber: input.phone, apiId: deps.apiId, apiHash: deps.apiHash, settings };
      return sentCodeOf(deps, await callRpc(deps.rpc, input.dcId, request, signal));
    }),
    // auth.resendCode#cae47523 flags:# phone_number phone_code_hash reason:flags.0?string = auth.SentCode;
    resendCode: fromPromise(async ({ input, signal, system }) => {
      const deps = at(system);
      const request = {
        _: 'auth.resendCode' as const,
        phoneNumber: input.phone,
        phoneCodeHash: input.phoneCodeHash,
        ...(input.reason === undefined ? {} : { reason: input.reason }),
      };
      return sentCodeOf(deps, await callRpc(deps.rpc, input.dcId, request, signal));
    }),
    // auth.cancelCode#1f040578 phone_number:string phone_code_hash:string = Bool;
    cancelCode: fromPromise(({ input, signal, system }) =>
      callRpc(at(system).rpc, input.dcId, { _: 'auth.cancelCode', phoneNumber: input.phone, phoneCodeHash: input.phoneCodeHash }, signal),
    ),
    // auth.reportMissingCode#cb9deff6 phone_number:string phone_code_hash:string mnc:string = Bool;
    reportMissingCode: fromPromise(({ input, signal, system }) =>
      callRpc(
        at(system).rpc,
        input.dcId,
        { _: 'auth.reportMissingCode', phoneNumber: input.phone, phoneCodeHash: input.phoneCodeHash, mnc: input.mnc },
        signal,
      ),
    ),
    // auth.signIn#8d52a951 flags:# phone_number phone_code_hash phone_code:flags.0?string
    //   email_verification:flags.1?EmailVerification = auth.Authorization;
    signIn: fromPromise(async ({ input, signal, system }) => {
      const deps = at(system);
      const code = input.code.take();
      const proof =
        input.via === 'phone'
          ? { phoneCode: code }
          : { emailVerification: { _: 'emailVerificationCode' as const, code } };
      return keep(
        deps,
        await callRpc(
          deps.rpc,
          input.dcId,
          { _: 'auth.signIn', phoneNumber: input.phone, phoneCodeHash: input.phoneCodeHash, ...proof },
          signal,
        ),
      );
    }),
    // auth.signUp#aac7b717 flags:# no_joined_notifications:flags.0?true phone_number phone_code_hash first_name last_name
    signUp: fromPromise(async ({ input, signal, system }) => {
      const deps = at(system);
      const request = {
        _: 'auth.signUp' as const,
        phoneNumber: input.phone,
        phoneCodeHash: input.phoneCodeHash,
        firstName: input.firstName,
        lastName: input.lastName,
      };
      return keep(deps, await callRpc(deps.rpc, input.dcId, request, signal));
    }),
    // help.acceptTermsOfService#ee72f79a id:DataJSON = Bool;
    acceptTerms: fromPromise(({ input, signal, system }) =>
      callRpc(at(system).rpc, input.dcId, { _: 'help.acceptTermsOfService', id: input.id }, signal),
    ),
    // account.sendVerifyEmailCode#98e037bb purpose:EmailVerifyPurpose email:string = account.SentEmailCode;
    sendEmailCode: fromPromise(({ input, signal, system }) =>
      callRpc(
        at(system).rpc,
        input.dcId,
        {
          _: 'account.sendVerifyEmailCode',
          purpose: { _: 'emailVerifyPurposeLoginSetup', phoneNumber: input.phone, phoneCodeHash: input.phoneCodeHash },
          email: input.email,
        },
        signal,
      ),
    ),
    // account.verifyEmail#32da4cf purpose:EmailVerifyPurpose verification:EmailVerification = account.EmailVerified;
    verifyEmail: fromPromise(async ({ input, signal, system }) => {
      const deps = at(system);
      const verified = await callRpc(
        deps.rpc,
        input.dcId,
        {
          _: 'account.verifyEmail',
          purpose: { _: 'emailVerifyPurposeLoginSetup', phoneNumber: input.phone, phoneCodeHash: input.phoneCodeHash },
          verification: { _: 'emailVerificationCode', code: input.code.take() },
        },
        signal,
      );
      return verified._ === 'account.emailVerifiedLogin' ? { ...verified, sentCode: sentCodeOf(deps, verified.sentCode) } : verified;
    }),
    // auth.resetLoginEmail#7e960193 phone_number:string phone_code_hash:string = auth.SentCode;
    resetLoginEmail: fromPromise(async ({ input, signal, system }) => {
      const deps = at(system);
      const request = { _: 'auth.resetLoginEmail' as const, phoneNumber: input.phone, phoneCodeHash: input.phoneCodeHash };
      return sentCodeOf(deps, await callRpc(deps.rpc, input.dcId, request, signal));
    }),
    obtainFirebaseProof: fromPromise(({ input, signal, system }) => {
      const { firebase } = at(system);
      if (!firebase) return Promise.reject(new AuthEngineError('firebase.unavailable', 'no FirebaseHost'));
      return firebase.obtainProof(input, signal);
    }),
    // auth.requestFirebaseSms#8e39261e flags:# phone_number phone_code_hash safety_net_token:flags.0?string
    //   play_integrity_token:flags.2?string ios_push_secret:flags.1?string = Bool;
    requestFirebaseSms: fromPromise(({ input, signal, system }) =>
      callRpc(
        at(system).rpc,
        input.dcId,
        {
          _: 'auth.requestFirebaseSms',
          phoneNumber: input.phone,
          phoneCodeHash: input.phoneCodeHash,
          ...('safetyNetToken' in input.proof ? { safetyNetToken: input.proof.safetyNetToken } : {}),
          ...('playIntegrityToken' in input.proof ? { playIntegrityToken: input.proof.playIntegrityToken } : {}),
          ...('iosPushSecret' in input.proof ? { iosPushSecret: input.proof.iosPushSecret } : {}),
        },
        signal,
      ),
    ),
    purchaseLogin: fromPromise(({ input, signal, system }) => {
      const { payment } = at(system);
      if (!payment) return Promise.reject(new AuthEngineError('payment.unavailable', 'no PaymentHost'));
      return payment.purchaseLogin(input, signal);
    }),
    // auth.checkPaidAuth#56e59f9c phone_number:string phone_code_hash:string form_id:long = auth.SentCode;
    checkPaidAuth: fromPromise(async ({ input, signal, system }) => {
      const deps = at(system);
      const request = { _: 'auth.checkPaidAuth' as const, phoneNumber: input.phone, phoneCodeHash: input.phoneCodeHash, formId: input.formId };
      return sentCodeOf(deps, await callRpc(deps.rpc, input.dcId, request, signal));
    }),
  };
}
