/**
 * The test plan of the phone-login model: which event cases each account explores. The model
 * (phone.model.ts) says where every case leads for every account; the plan keeps the replay small
 * by exploring each screen's faults and variants on the one account that stands for it — the code
 * screen on `plain`, sign-up on `new`, the password on `twoFA`, recovery on `twoFARecovery`, the
 * e-mail screens on `emailSetup`, paid login on `payment`, Firebase SMS on `firebase` — and only
 * the way through on the others.
 */
import type { AccountKind, PhoneModelEvent, ProofCase } from './phone-events.js';
import type { Plan } from './phone-paths.js';

const phone = (p: 'valid' | 'implausible' | 'flooded' | 'rejected' | 'cancelled' = 'valid'): PhoneModelEvent => ({
  type: 'SUBMIT_PHONE',
  phone: p,
});
const code = (c: 'right' | 'wrong' | 'expired' | 'flooded' | 'cancelled' = 'right'): PhoneModelEvent => ({
  type: 'SUBMIT_CODE',
  code: c,
});
const password = (p: 'right' | 'wrong' | 'flooded' | 'rejected' = 'right'): PhoneModelEvent => ({
  type: 'SUBMIT_PASSWORD',
  password: p,
});
const emailCode = (c: 'right' | 'wrong' | 'flooded' | 'expired' = 'right'): PhoneModelEvent => ({
  type: 'SUBMIT_EMAIL_CODE',
  code: c,
});
const register = (outcome?: 'flooded' | 'rejected' | 'expired' | 'termsRejected'): PhoneModelEvent => ({
  type: 'SUBMIT_REGISTRATION',
  acceptTerms: true,
  ...(outcome ? { outcome } : {}),
});
const WAIT_FLOOD: PhoneModelEvent = { type: 'WAIT_FLOOD' };
const EDIT_PHONE: PhoneModelEvent = { type: 'EDIT_PHONE' };
const RESTART: PhoneModelEvent = { type: 'RESTART' };
const LOGOUT: PhoneModelEvent = { type: 'LOGOUT' };
const PROOFS: ProofCase[] = ['token', 'emptyToken', 'failure', 'lateFailure', 'throws', 'smsRefused'];

export const PLAN: Record<AccountKind, PhoneModelEvent[]> = {
  plain: [
    phone(),
    phone('implausible'),
    phone('flooded'),
    phone('rejected'),
    phone('cancelled'),
    WAIT_FLOOD,
    code(),
    code('wrong'),
    code('cancelled'),
    code('expired'),
    code('flooded'),
    { type: 'RESEND', outcome: 'sent' },
    { type: 'RESEND', outcome: 'rejected' },
    { type: 'RESEND', outcome: 'unavailable' },
    { type: 'RESEND', outcome: 'expired' },
    { type: 'REPORT_MISSING', outcome: 'sent' },
    { type: 'REPORT_MISSING', outcome: 'rejected' },
    EDIT_PHONE,
    RESTART,
    LOGOUT,
    { type: 'APPROVE_QR', link: 'garbage' },
    { type: 'RESET_AUTHORIZATIONS', aged: false },
    { type: 'RESET_AUTHORIZATIONS', aged: true },
  ],
  new: [
    phone(),
    code(),
    { type: 'SUBMIT_CODE', code: 'right', forged: 'noTerms' },
    register(),
    { type: 'SUBMIT_REGISTRATION', acceptTerms: false },
    register('flooded'),
    register('rejected'),
    register('expired'),
    register('termsRejected'),
    WAIT_FLOOD,
    EDIT_PHONE,
    RESTART,
  ],
  twoFA: [
    phone(),
    code(),
    { type: 'SUBMIT_CODE', code: 'right', passwordFetch: 'rejected' },
    { type: 'SUBMIT_CODE', code: 'right', passwordFetch: 'flooded' },
    password(),
    password('wrong'),
    password('flooded'),
    password('rejected'),
    { type: 'SUBMIT_PASSWORD', password: 'right', refetch: 'rejected' },
    { type: 'SUBMIT_PASSWORD', password: 'right', refetch: 'flooded' },
    { type: 'SUBMIT_PASSWORD', password: 'wrong', refetch: 'rejected' },
    { type: 'SUBMIT_PASSWORD', password: 'wrong', refetch: 'flooded' },
    WAIT_FLOOD,
    EDIT_PHONE,
    { type: 'REMOVE_PASSWORD' },
    { type: 'REQUEST_RECOVERY', outcome: 'sent' },
    RESTART,
    LOGOUT,
  ],
  twoFARecovery: [
    phone(),
    code(),
    password(),
    password('wrong'),
    { type: 'SUBMIT_PASSWORD', password: 'right', forged: 'notAuthorized' },
    { type: 'REQUEST_RECOVERY', outcome: 'sent' },
    { type: 'REQUEST_RECOVERY', outcome: 'rejected' },
    { type: 'REQUEST_RECOVERY', outcome: 'flooded' },
    { type: 'SUBMIT_RECOVERY', code: 'right', newPassword: true },
    { type: 'SUBMIT_RECOVERY', code: 'right', newPassword: false },
    { type: 'SUBMIT_RECOVERY', code: 'wrong', newPassword: false },
    { type: 'SUBMIT_RECOVERY', code: 'flooded', newPassword: false },
    { type: 'SUBMIT_RECOVERY', code: 'right', newPassword: false, recover: 'flooded' },
    { type: 'SUBMIT_RECOVERY', code: 'right', newPassword: false, recover: 'rejected' },
    { type: 'SUBMIT_RECOVERY', code: 'right', newPassword: false, forged: 'codeRefused' },
    { type: 'SUBMIT_RECOVERY', code: 'right', newPassword: false, forged: 'notAuthorized' },
    WAIT_FLOOD,
    RESTART,
  ],
  emailSetup: [
    phone(),
    { type: 'SUBMIT_EMAIL', address: 'valid' },
    { type: 'SUBMIT_EMAIL', address: 'invalid' },
    { type: 'SUBMIT_EMAIL', address: 'flooded' },
    { type: 'SUBMIT_EMAIL', address: 'expired' },
    emailCode(),
    emailCode('wrong'),
    emailCode('flooded'),
    emailCode('expired'),
    { type: 'SUBMIT_EMAIL_CODE', code: 'right', forged: 'notLogin' },
    { type: 'RESET_EMAIL', outcome: 'sent' },
    { type: 'RESET_EMAIL', outcome: 'rejected' },
    code(),
    WAIT_FLOOD,
    EDIT_PHONE,
    RESTART,
  ],
  emailNew: [phone(), emailCode(), register()],
  emailTwoFA: [phone(), emailCode(), password()],
  payment: [
    phone(),
    { type: 'PAY', via: 'form' },
    { type: 'PAY', via: 'host' },
    { type: 'PAY', via: 'hostFails' },
    { type: 'PAY', via: 'declined' },
    { type: 'PAY', via: 'pending' },
    { type: 'PAYMENT_CLEARS' },
    code(),
    EDIT_PHONE,
    RESTART,
  ],
  firebase: [
    ...PROOFS.map((proof): PhoneModelEvent => ({ type: 'SUBMIT_PHONE', phone: 'valid', proof })),
    { type: 'SUBMIT_PHONE', phone: 'valid', proof: 'token', forged: 'smsDeclined' },
    { type: 'SUBMIT_PHONE', phone: 'valid', proof: 'failure', fallback: 'flooded' },
    { type: 'SUBMIT_PHONE', phone: 'valid', proof: 'failure', fallback: 'rejected' },
    WAIT_FLOOD,
    { type: 'RESEND', outcome: 'sent' },
    code(),
  ],
};

/** The part of the plan for `accounts`. */
export const planOf = (...accounts: AccountKind[]): Plan =>
  Object.fromEntries(accounts.map((a) => [a, PLAN[a]]));
