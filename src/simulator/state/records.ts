/** The short-lived records of login flows (docs/ARCHITECTURE.md "The simulator"), each kept in a `TtlMap`. */

/** How a code is delivered; maps to auth.sentCodeType* / auth.codeType* (core.telegram.org/api/auth "Sent code types"). */
export type CodeDelivery =
  | 'app'
  | 'sms'
  | 'call'
  | 'flashCall'
  | 'missedCall'
  | 'fragmentSms'
  | 'email'
  | 'setUpEmail'
  | 'firebaseSms';

/** One phone login started by auth.sendCode, identified by its phone_code_hash. */
export interface PhoneLogin {
  hash: string;
  phone: string;
  dcId: number;
  /** Key (effective, permanent) of the session that asked. */
  authKeyId: bigint;
  code: string;
  delivery: CodeDelivery;
  /** Deliveries still available to auth.resendCode, first is `next_type`. */
  next: CodeDelivery[];
  /** Earliest ms at which resendCode is honoured. */
  resendAt: number;
  expiresAt: number;
  attempts: number;
  /** Paid login: the code is only sent once checkPaidAuth sees the form paid. */
  paymentPending?: boolean | undefined;
  /** resetLoginEmail requested at this ms. */
  emailResetAt?: number | undefined;
  /** Paid login outcome, set through the control API. */
  paymentOutcome?: 'paid' | 'failed' | undefined;
  /** Login e-mail being set up (account.sendVerifyEmailCode), with its code. */
  emailSetup?: { email: string; code: string } | undefined;
  /** The code was checked already (signIn answered sign-up required): signUp may finish. */
  codeAccepted?: boolean | undefined;
}

/** A QR login token (core.telegram.org/api/qr-login). */
export interface QrToken {
  token: Uint8Array;
  dcId: number;
  /** The requester's effective key: updateLoginToken goes there. */
  authKeyId: bigint;
  exceptIds: bigint[];
  expiresAt: number;
  acceptedBy?: bigint | undefined;
  /** A migrate token: valid for importLoginToken on `dcId` only, for this user. */
  migrated?: boolean | undefined;
}

/** An exportAuthorization blob (core.telegram.org/api/datacenter "Authorization transfer"). */
export interface ExportRecord {
  userId: bigint;
  dcId: number;
  expiresAt: number;
}

/** An SRP exchange started by account.getPassword (core.telegram.org/api/srp): one srp_id, one B. */
export interface SrpSession {
  userId: bigint;
  b: bigint;
  B: Uint8Array;
  /** The verifier this B was made for: a changed password answers SRP_PASSWORD_CHANGED. */
  v: Uint8Array;
  expiresAt: number;
}

/** A future_auth_token (core.telegram.org/api/auth "Future auth tokens"). */
export interface FutureToken {
  userId: bigint;
  expiresAt: number;
}

/** A WebAuthn challenge handed out by auth.initPasskeyLogin (core.telegram.org/api/passkeys). */
export interface PasskeyChallenge {
  dcId: number;
  authKeyId: bigint;
  expiresAt: number;
}

/** A Firebase PNV intent handed out by auth.initFirebasePnvLogin, keyed by its nonce. */
export interface FirebasePnvIntentRecord {
  dcId: number;
  authKeyId: bigint;
  expiresAt: number;
}

/** A number verified by auth.finishFirebasePnvLogin that has no account yet, per permanent key id. */
export interface FirebasePnvSignUp {
  phone: string;
  expiresAt: number;
}

/** A password recovery code sent to the recovery e-mail (core.telegram.org/api/srp "Password recovery"). */
export interface RecoveryCode {
  userId: bigint;
  code: string;
  expiresAt: number;
}
