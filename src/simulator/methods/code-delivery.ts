/**
 * Code delivery (core.telegram.org/api/auth "Sent code types", core.telegram.org/api/auth "Resending the code"): which auth.sentCodeType a login gets, what comes next
 * on resend, the inbox entry the developer reads, and the phone_code_hash lookup every code method shares.
 */
import { normalizePhone } from '../state/accounts.js';
import type { CodeDelivery, PhoneLogin } from '../state/records.js';
import type { SimState } from '../state/sim-state.js';
import { fail } from '../errors.js';
import type { TlValue } from './context.js';

/** Masks an e-mail like Telegram's email_pattern: `a***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}

/** The auth.SentCodeType object for a delivery (core.telegram.org/api/auth "Sent code types"). */
export function sentCodeType(login: PhoneLogin, email?: string): TlValue {
  const length = login.code.length;
  switch (login.delivery) {
    case 'app':
      return { _: 'auth.sentCodeTypeApp', length };
    case 'sms':
      return { _: 'auth.sentCodeTypeSms', length };
    case 'call':
      return { _: 'auth.sentCodeTypeCall', length };
    case 'flashCall':
      return { _: 'auth.sentCodeTypeFlashCall', pattern: `+99966${'*'.repeat(length)}` };
    case 'missedCall':
      return { _: 'auth.sentCodeTypeMissedCall', prefix: '+99966', length };
    case 'fragmentSms':
      return { _: 'auth.sentCodeTypeFragmentSms', url: 'https://fragment.com/login', length };
    case 'email': {
      const t: TlValue = { _: 'auth.sentCodeTypeEmailCode', emailPattern: maskEmail(email ?? ''), length };
      if (login.emailResetAt === undefined) t.resetAvailablePeriod = 0;
      else t.resetPendingDate = Math.floor(login.emailResetAt / 1000);
      return t;
    }
    case 'setUpEmail':
      return { _: 'auth.sentCodeTypeSetUpEmailRequired' };
    case 'firebaseSms':
      return { _: 'auth.sentCodeTypeFirebaseSms', nonce: new Uint8Array(32).fill(7), length };
  }
}

const codeTypes: Partial<Record<CodeDelivery, string>> = {
  sms: 'auth.codeTypeSms',
  call: 'auth.codeTypeCall',
  flashCall: 'auth.codeTypeFlashCall',
  missedCall: 'auth.codeTypeMissedCall',
  fragmentSms: 'auth.codeTypeFragmentSms',
};

/** auth.sentCode with next_type/timeout when a resend is possible. */
export function sentCode(state: SimState, login: PhoneLogin, email?: string): TlValue {
  const out: TlValue = { _: 'auth.sentCode', type: sentCodeType(login, email), phoneCodeHash: login.hash };
  const next = login.next[0] && codeTypes[login.next[0]];
  if (next) {
    out.nextType = { _: next };
    out.timeout = state.settings.resendTimeoutSec;
  }
  return out;
}

/** Files the code where the developer can read it (control API inbox). */
export function deliverCode(state: SimState, login: PhoneLogin, email?: string): void {
  const d = login.delivery;
  if (d === 'setUpEmail' || login.paymentPending) return;
  const channel = d === 'email' ? 'email' : d === 'app' ? 'app' : d === 'fragmentSms' ? 'fragment' : d === 'sms' || d === 'firebaseSms' ? 'sms' : 'call';
  const message = {
    channel,
    to: d === 'email' ? (email ?? '') : login.phone,
    code: login.code,
    text: `Login code: ${login.code}. Do not give this code to anyone.`,
    date: state.clock.seconds(),
    purpose: 'login',
    delivery: d,
    phone: login.phone,
    expiresAt: login.expiresAt,
  } as const;
  state.inbox.deliver(login.phone, message);
  if (d === 'email' && email) state.inbox.deliver(email, message);
}

/** A digits-only phone of plausible length, or PHONE_NUMBER_INVALID. */
export function checkPhone(phone: string): string {
  const digits = normalizePhone(phone);
  if (!/^\d{5,15}$/.test(digits)) throw fail(400, 'PHONE_NUMBER_INVALID');
  return digits;
}

/** The login a phone_code_hash names (PHONE_CODE_HASH_EMPTY / PHONE_NUMBER_INVALID / PHONE_CODE_EXPIRED). */
export function findLogin(state: SimState, phone: string, hash: string): PhoneLogin {
  if (hash === '') throw fail(400, 'PHONE_CODE_HASH_EMPTY');
  const digits = checkPhone(phone);
  const login = state.logins.get(hash);
  if (!login) throw fail(400, 'PHONE_CODE_EXPIRED');
  if (login.phone !== digits) throw fail(400, 'PHONE_NUMBER_INVALID');
  return login;
}
