/**
 * The events of the phone-login model (phone.model.ts) and their payload cases. A payload names
 * what the simulator does with the step's request: answers it normally, answers `FLOOD_WAIT_3`
 * (`flooded`), answers an error the flow does not special-case (`rejected`), finds the login code
 * expired because the clock ran past its lifetime first (`expired`), swallows it until the user
 * cancels the step (`cancelled`), or — `forged` — answers with
 * another constructor of the method's TL result type than the simulator itself produces (the
 * replay swaps the answer in the engine's RPC port). Which cases each account explores is the
 * test plan's business (phone-plan.ts); the model says what each one leads to.
 */

/** What the simulator's account looks like (and which hosts the engine has) for one model run. */
export type AccountKind =
  | 'plain'
  | 'new'
  | 'twoFA'
  | 'twoFARecovery'
  | 'emailSetup'
  | 'emailNew'
  | 'emailTwoFA'
  | 'payment'
  | 'firebase';

/** The `FirebaseHost`'s answer (firebase account): a token, an empty token, a failure (now or after the push timeout), or a throw; `smsRefused`: a token, but auth.requestFirebaseSms is rejected. */
export type ProofCase = 'token' | 'emptyToken' | 'failure' | 'lateFailure' | 'throws' | 'smsRefused';

/** `AuthView.codeInfo.type` of the code screen. */
export type CodeType = 'sms' | 'call' | 'firebaseSms';

export type PhoneModelEvent =
  | {
      type: 'SUBMIT_PHONE';
      /** `cancelled`: the simulator swallows auth.sendCode and the user sends `step.cancel` (issue 21). */
      phone: 'valid' | 'implausible' | 'flooded' | 'rejected' | 'cancelled';
      proof?: ProofCase;
      /** Firebase: the token is sent, but auth.requestFirebaseSms answers boolFalse. */
      forged?: 'smsDeclined';
      /** Firebase without a token: the auth.resendCode fallback answers FLOOD_WAIT_3 or an error. */
      fallback?: 'flooded' | 'rejected';
    }
  | {
      type: 'SUBMIT_CODE';
      /** `cancelled`: the simulator swallows auth.signIn and the user sends `step.cancel` (issue 21). */
      code: 'right' | 'wrong' | 'expired' | 'flooded' | 'cancelled';
      /** 2FA account: account.getPassword (right after signIn) is rejected or answers FLOOD_WAIT_3. */
      passwordFetch?: 'rejected' | 'flooded';
      /** New number: signIn answers authorizationSignUpRequired without terms of service. */
      forged?: 'noTerms';
    }
  | { type: 'RESEND'; outcome: 'sent' | 'rejected' | 'unavailable' | 'expired' }
  | { type: 'REPORT_MISSING'; outcome: 'sent' | 'rejected' }
  | { type: 'EDIT_PHONE' }
  | {
      type: 'SUBMIT_PASSWORD';
      password: 'right' | 'wrong' | 'flooded' | 'rejected';
      /** No SRP parameters yet: the fetch this submit makes first is rejected or answers FLOOD_WAIT_3. */
      refetch?: 'rejected' | 'flooded';
      /** checkPassword answers authorizationSignUpRequired (not a login). */
      forged?: 'notAuthorized';
    }
  /** auth.requestPasswordRecovery is answered, rejected, or answers FLOOD_WAIT_3. */
  | { type: 'REQUEST_RECOVERY'; outcome: 'sent' | 'rejected' | 'flooded' }
  | {
      type: 'SUBMIT_RECOVERY';
      code: 'right' | 'wrong' | 'flooded';
      newPassword: boolean;
      /** auth.recoverPassword (after the code was accepted) answers FLOOD_WAIT_3 or an error. */
      recover?: 'flooded' | 'rejected';
      /** checkRecoveryPassword answers false / recoverPassword answers authorizationSignUpRequired. */
      forged?: 'codeRefused' | 'notAuthorized';
    }
  | {
      type: 'SUBMIT_REGISTRATION';
      acceptTerms: boolean;
      /** `rejected`: an empty first name (FIRSTNAME_INVALID); `termsRejected`: help.acceptTermsOfService fails after the sign-up. */
      outcome?: 'flooded' | 'rejected' | 'expired' | 'termsRejected';
    }
  /** The clock runs out a FLOOD_WAIT_X countdown. */
  | { type: 'WAIT_FLOOD' }
  | { type: 'SUBMIT_EMAIL'; address: 'valid' | 'invalid' | 'flooded' | 'expired' }
  | {
      type: 'SUBMIT_EMAIL_CODE';
      code: 'right' | 'wrong' | 'flooded' | 'expired';
      /** Setting up the address: account.verifyEmail answers emailVerified (no login code sent). */
      forged?: 'notLogin';
    }
  | { type: 'RESET_EMAIL'; outcome: 'sent' | 'rejected' }
  /**
   * `form`: the UI's form id; `host`/`hostFails`: the PaymentHost buys (or throws); `declined`: the
   * store payment fails; `pending`: a form id whose payment the store has not confirmed yet.
   */
  | { type: 'PAY'; via: 'form' | 'host' | 'hostFails' | 'declined' | 'pending' }
  /** The store confirms a pending payment. */
  | { type: 'PAYMENT_CLEARS' }
  | { type: 'LOGOUT' }
  | { type: 'APPROVE_QR'; link: 'garbage' }
  /** `aged`: a day passes first (a fresh session may not reset the others, FRESH_RESET_AUTHORISATION_FORBIDDEN). */
  | { type: 'RESET_AUTHORIZATIONS'; aged: boolean }
  /** The app stops with `keepPendingLogin` and a new engine starts on the same store (durable engine). */
  | { type: 'RESTART' }
  /** The 2FA password is removed from another device while the password screen is shown. */
  | { type: 'REMOVE_PASSWORD' };

export type EventType = PhoneModelEvent['type'];

/** The step's request is answered FLOOD_WAIT_3. */
export function isFloodStep(e: PhoneModelEvent): boolean {
  switch (e.type) {
    case 'SUBMIT_PHONE':
      return e.phone === 'flooded' || e.fallback === 'flooded';
    case 'SUBMIT_CODE':
      return e.code === 'flooded' || e.passwordFetch === 'flooded';
    case 'SUBMIT_EMAIL_CODE':
      return e.code === 'flooded';
    case 'SUBMIT_PASSWORD':
      return e.password === 'flooded' || e.refetch === 'flooded';
    case 'SUBMIT_RECOVERY':
      return e.code === 'flooded' || e.recover === 'flooded';
    case 'SUBMIT_REGISTRATION':
      return e.outcome === 'flooded';
    case 'SUBMIT_EMAIL':
      return e.address === 'flooded';
    case 'REQUEST_RECOVERY':
      return e.outcome === 'flooded';
    default:
      return false;
  }
}

/** The step needs the engine's RPC port to swap an answer. */
export const isForgedStep = (e: PhoneModelEvent): boolean => 'forged' in e && e.forged !== undefined;

/**
 * The next code type a resend delivers: the simulator's chain for an account without other
 * sessions is sms -> call, and a Firebase SMS announces next_type sms, which a resend then sends
 * whether the Firebase SMS went out or not.
 */
export const nextCodeType = (code: CodeType | null): CodeType | undefined =>
  code === 'sms' ? 'call' : code === 'firebaseSms' ? 'sms' : undefined;

/**
 * How each method is `rejected` (a fault set just before the step): an error the flow does not
 * special-case — one the method documents where there is one, else the server failing (500).
 */
export const REJECTION = {
  'auth.sendCode': [400, 'PHONE_NUMBER_BANNED'],
  'auth.resendCode': [400, 'PHONE_NUMBER_INVALID'],
  'auth.reportMissingCode': [400, 'PHONE_NUMBER_INVALID'],
  'auth.requestFirebaseSms': [400, 'PHONE_NUMBER_INVALID'],
  'auth.resetLoginEmail': [400, 'TASK_ALREADY_EXISTS'],
  'auth.requestPasswordRecovery': [400, 'PASSWORD_RECOVERY_NA'],
  'auth.recoverPassword': [400, 'PASSWORD_RECOVERY_EXPIRED'],
  'account.getPassword': [500, 'INTERNAL_SERVER_ERROR'],
  'auth.checkPassword': [500, 'INTERNAL_SERVER_ERROR'],
  'help.acceptTermsOfService': [500, 'INTERNAL_SERVER_ERROR'],
} as const satisfies Record<string, readonly [number, string]>;

export type RejectedMethod = keyof typeof REJECTION;

/** The error type the view shows for a rejected `method`. */
export const rejected = (method: RejectedMethod): string => REJECTION[method][1];
