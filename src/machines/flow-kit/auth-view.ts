/**
 * `AuthView`: what a login screen needs, as plain data keyed by `status` (TDLib's names:
 * authorizationStateWaitPhoneNumber -> `waitPhoneNumber`, …). No XState types, nothing secret.
 */
import type { AuthError } from './auth-error.js';

/** How the current code was sent (every `auth.SentCodeType`, core.telegram.org/api/auth "Sent code types"), with what the UI must show. */
export type CodeInfo =
  | { readonly type: 'app'; readonly length: number }
  | { readonly type: 'sms'; readonly length: number }
  | { readonly type: 'smsWord'; readonly beginning?: string }
  | { readonly type: 'smsPhrase'; readonly beginning?: string }
  | { readonly type: 'call'; readonly length: number }
  /** The calling number is the code; it matches `pattern`. */
  | { readonly type: 'flashCall'; readonly pattern: string }
  /** The last `length` digits of the calling number, which starts with `prefix`. */
  | { readonly type: 'missedCall'; readonly prefix: string; readonly length: number }
  /** The code is shown on fragment.com at `url`. */
  | { readonly type: 'fragmentSms'; readonly url: string; readonly length: number }
  | { readonly type: 'firebaseSms'; readonly length: number };

/** `next_type` of `auth.sentCode`: how `code.resend` will deliver the next code. */
export type NextCodeType = 'sms' | 'call' | 'flashCall' | 'missedCall' | 'fragmentSms';

/** A short, non-secret summary of the logged-in user. */
export interface UserSummary {
  /** The user id as a decimal string (int64 does not fit a JSON number). */
  readonly id: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly username?: string;
  readonly phone?: string;
  readonly premium: boolean;
  readonly bot: boolean;
}

/** The terms of service the server asked the user to accept before sign-up. */
export interface TermsOfServiceView {
  readonly text: string;
  /** The user must confirm they are at least this old, when set. */
  readonly minAge?: number;
  /** Show as a popup that must be accepted explicitly. */
  readonly popup: boolean;
}

/** A session of this account as `authorization#ad01d61d` describes it (e.g. a device just approved by QR). */
export interface DeviceAuthorization {
  readonly appName: string;
  readonly appVersion: string;
  readonly deviceModel: string;
  readonly platform: string;
  readonly systemVersion: string;
  readonly ip: string;
  readonly country: string;
  readonly region: string;
  /** Unix time (seconds). */
  readonly dateCreated: number;
}

interface Common {
  /** True while a request for this screen is in flight (disable the form, show a spinner). */
  readonly busy: boolean;
  readonly error?: AuthError;
}

/** The UI-facing state of an engine. */
export type AuthView =
  | (Common & { readonly status: 'initializing' })
  | (Common & { readonly status: 'waitPhoneNumber' })
  | (Common & {
      readonly status: 'waitCode';
      readonly phone: string;
      readonly codeInfo: CodeInfo;
      readonly nextType?: NextCodeType;
      /** Seconds until `code.resend` is accepted; 0 = now; absent when there is no next type. */
      readonly resendInSeconds?: number;
    })
  | (Common & {
      readonly status: 'waitEmailAddress';
      readonly phone: string;
      readonly appleSignInAllowed: boolean;
      readonly googleSignInAllowed: boolean;
    })
  | (Common & {
      readonly status: 'waitEmailCode';
      readonly phone: string;
      /** `'login'`: the login e-mail's code; `'setup'`: confirming a newly entered address. */
      readonly purpose: 'login' | 'setup';
      readonly emailPattern: string;
      readonly length: number;
      readonly appleSignInAllowed: boolean;
      readonly googleSignInAllowed: boolean;
      /** `email.reset` is possible after this many seconds (login purpose only). */
      readonly resetAvailableInSeconds?: number;
      /** A reset was requested and completes at this Unix time (seconds). */
      readonly resetPendingDate?: number;
    })
  | (Common & {
      readonly status: 'waitRegistration';
      readonly phone: string;
      readonly termsOfService?: TermsOfServiceView;
      /** True when `registration.submit` must carry `acceptTerms: true`. */
      readonly acceptanceRequired: boolean;
    })
  | (Common & {
      readonly status: 'waitQrConfirmation';
      /** `tg://login?token=…`: draw it as a QR code. Absent while the first token is being fetched. */
      readonly link?: string;
      /** When the link expires (Unix seconds, server time); a fresh one replaces it then. */
      readonly expiresAt?: number;
    })
  | (Common & {
      readonly status: 'waitPasskey';
      /** The relying party the host's authenticator must use (Telegram: `telegram.org`). */
      readonly rpId?: string;
    })
  | (Common & {
      readonly status: 'waitFirebasePnv';
      /** True when this platform cannot verify a number (no Digital Credentials API or provider). */
      readonly unsupported: boolean;
    })
  | (Common & {
      readonly status: 'waitPassword';
      readonly hint?: string;
      readonly recoveryAvailable: boolean;
      /** Set once recovery was requested: where the recovery code went. */
      readonly recoveryEmailPattern?: string;
    })
  | (Common & { readonly status: 'waitPasswordRecovery'; readonly emailPattern: string })
  | (Common & {
      readonly status: 'waitPayment';
      readonly phone: string;
      readonly storeProduct: string;
      readonly currency: string;
      /** Price in the currency's smallest unit, as a decimal string. */
      readonly amount: string;
      readonly supportEmailAddress: string;
      readonly supportEmailSubject: string;
      /**
       * True after a payment was submitted and `auth.checkPaidAuth` is being polled. A pending payment
       * is not an error: `error` stays empty while polling (FORM_EXPIRED, PHONE_CODE_EXPIRED and other
       * failures end the polling and show as errors).
       */
      readonly pending: boolean;
      /**
       * While `pending` and between two checks: seconds until `auth.checkPaidAuth` is asked again (the
       * server's "still pending, retry after X s", core.telegram.org/api/auth "Paid login"), counting down on the engine's clock. Absent
       * while a check is in flight (`busy`) and when nothing is pending.
       */
      readonly nextCheckInSeconds?: number;
    })
  | (Common & {
      readonly status: 'ready';
      readonly user: UserSummary;
      /** The server urges setting a 2FA password; otherwise relogin by SMS only after this many days. */
      readonly setupPasswordRequired?: { readonly otherwiseReloginDays?: number };
      /** The device the latest `qr.approve` logged in. */
      readonly approvedDevice?: DeviceAuthorization;
      /** True after `authorizations.reset` ended every other session. */
      readonly otherSessionsReset?: boolean;
    })
  | (Common & { readonly status: 'loggingOut' })
  | (Common & { readonly status: 'closed' });

/** The `status` values of `AuthView`. */
export type AuthStatus = AuthView['status'];
