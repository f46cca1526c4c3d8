/**
 * Pure readers of `auth.SentCode` (core.telegram.org/method/auth.sendCode, core.telegram.org/api/auth "Sent code types"): which screen a result leads to and
 * what that screen shows. The phone machine routes on these; nothing here does I/O.
 */
import type { TlConstructorOf, TlTypeOf } from '../../tl/index.js';
import type { CodeInfo, NextCodeType, UserSummary } from './auth-view.js';
import type { FirebaseChallenge, PaidLoginOffer } from '../core/index.js';

/** Any `auth.SentCode` answer (sendCode, resendCode, resetLoginEmail, checkPaidAuth, …). */
export type SentCode = TlTypeOf<'auth.SentCode'>;
/** `auth.sentCode`, the ordinary "a code is on its way" answer. */
export type PlainSentCode = TlConstructorOf<'auth.sentCode'>;

/** The screen an `auth.SentCode` leads to. */
export type SentCodeRoute = 'ready' | 'waitPayment' | 'waitEmailAddress' | 'waitEmailCode' | 'firebase' | 'waitCode';

/** Chooses the next screen for a sent-code answer. */
export function routeSentCode(sent: SentCode): SentCodeRoute {
  if (sent._ === 'auth.sentCodeSuccess') return 'ready';
  if (sent._ === 'auth.sentCodePaymentRequired') return 'waitPayment';
  switch (sent.type._) {
    case 'auth.sentCodeTypeSetUpEmailRequired':
      return 'waitEmailAddress';
    case 'auth.sentCodeTypeEmailCode':
      return 'waitEmailCode';
    case 'auth.sentCodeTypeFirebaseSms':
      return 'firebase';
    default:
      return 'waitCode';
  }
}

/** The phone_code_hash to use from now on (a resend may change it: always keep the latest). */
export function phoneCodeHashOf(sent: SentCode): string | undefined {
  return sent._ === 'auth.sentCodeSuccess' ? undefined : sent.phoneCodeHash;
}

/**
 * `auth.sentCodeType*` -> `CodeInfo`. Email and set-up-email types are their own screens and are
 * not `CodeInfo`; for them this returns undefined.
 */
export function codeInfoOf(type: TlTypeOf<'auth.SentCodeType'>): CodeInfo | undefined {
  switch (type._) {
    case 'auth.sentCodeTypeApp':
      return { type: 'app', length: type.length };
    case 'auth.sentCodeTypeSms':
      return { type: 'sms', length: type.length };
    case 'auth.sentCodeTypeSmsWord':
      return type.beginning === undefined ? { type: 'smsWord' } : { type: 'smsWord', beginning: type.beginning };
    case 'auth.sentCodeTypeSmsPhrase':
      return type.beginning === undefined ? { type: 'smsPhrase' } : { type: 'smsPhrase', beginning: type.beginning };
    case 'auth.sentCodeTypeCall':
      return { type: 'call', length: type.length };
    case 'auth.sentCodeTypeFlashCall':
      return { type: 'flashCall', pattern: type.pattern };
    case 'auth.sentCodeTypeMissedCall':
      return { type: 'missedCall', prefix: type.prefix, length: type.length };
    case 'auth.sentCodeTypeFragmentSms':
      return { type: 'fragmentSms', url: type.url, length: type.length };
    case 'auth.sentCodeTypeFirebaseSms':
      return { type: 'firebaseSms', length: type.length };
    default:
      return undefined;
  }
}

/** `auth.CodeType` (next_type) -> its short name. */
export function nextTypeOf(sent: PlainSentCode): NextCodeType | undefined {
  switch (sent.nextType?._) {
    case 'auth.codeTypeSms':
      return 'sms';
    case 'auth.codeTypeCall':
      return 'call';
    case 'auth.codeTypeFlashCall':
      return 'flashCall';
    case 'auth.codeTypeMissedCall':
      return 'missedCall';
    case 'auth.codeTypeFragmentSms':
      return 'fragmentSms';
    default:
      return undefined;
  }
}

/** Seconds to wait before resending: the server's `timeout`, or 0 when it gave none but a next type exists. */
export function resendDelayOf(sent: PlainSentCode): number | undefined {
  if (nextTypeOf(sent) === undefined) return undefined;
  return sent.timeout ?? 0;
}

/** `auth.Authorization` (success) -> the user summary the `ready` view shows. */
export function userSummaryOf(user: TlTypeOf<'User'>): UserSummary {
  if (user._ === 'userEmpty') return { id: String(user.id), premium: false, bot: false };
  return {
    id: String(user.id),
    ...(user.firstName === undefined ? {} : { firstName: user.firstName }),
    ...(user.lastName === undefined ? {} : { lastName: user.lastName }),
    ...(user.username === undefined ? {} : { username: user.username }),
    ...(user.phone === undefined ? {} : { phone: user.phone }),
    premium: user.premium === true,
    bot: user.bot === true,
  };
}

/** The Firebase challenge carried by `auth.sentCodeTypeFirebaseSms` (core.telegram.org/api/auth "Firebase"), for the `FirebaseHost`. */
export function firebaseChallengeOf(sent: SentCode | undefined): FirebaseChallenge {
  if (sent?._ !== 'auth.sentCode' || sent.type._ !== 'auth.sentCodeTypeFirebaseSms') return {};
  const t = sent.type;
  return {
    ...(t.nonce === undefined ? {} : { nonce: t.nonce }),
    ...(t.playIntegrityProjectId === undefined ? {} : { playIntegrityProjectId: t.playIntegrityProjectId }),
    ...(t.playIntegrityNonce === undefined ? {} : { playIntegrityNonce: t.playIntegrityNonce }),
    ...(t.receipt === undefined ? {} : { receipt: t.receipt }),
    ...(t.pushTimeout === undefined ? {} : { pushTimeoutSeconds: t.pushTimeout }),
  };
}

/** The offer of `auth.sentCodePaymentRequired` (core.telegram.org/api/auth "Paid login"), for the `PaymentHost`. */
export function paidLoginOfferOf(sent: SentCode | undefined, phone: string): PaidLoginOffer {
  if (sent?._ !== 'auth.sentCodePaymentRequired') {
    return { phone, phoneCodeHash: '', storeProduct: '', premiumDays: 0, currency: '', amount: 0n };
  }
  return {
    phone,
    phoneCodeHash: sent.phoneCodeHash,
    storeProduct: sent.storeProduct,
    premiumDays: sent.premiumDays,
    currency: sent.currency,
    amount: sent.amount,
  };
}
