/**
 * Login e-mail (core.telegram.org/api/auth "Email verification"): setting it up during login, and resetting it.
 * `auth.resetLoginEmail#7e960193 phone_number:string phone_code_hash:string = auth.SentCode;`
 * `account.sendVerifyEmailCode#98e037bb purpose:EmailVerifyPurpose email:string = account.SentEmailCode;`
 * `account.verifyEmail#32da4cf purpose:EmailVerifyPurpose verification:EmailVerification = account.EmailVerified;`
 */
import type { PhoneLogin } from '../state/records.js';
import { fail, unregistered } from '../errors.js';
import { obj, requireUser, str, type Call, type MethodResult, type TlValue } from './context.js';
import { deliverCode, findLogin, maskEmail, sentCode } from './code-delivery.js';

export function resetLoginEmail(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const login = findLogin(state, str(req, 'phoneNumber'), str(req, 'phoneCodeHash'));
  if (login.emailResetAt !== undefined) throw fail(400, 'TASK_ALREADY_EXISTS');
  if (login.delivery !== 'email') throw fail(400, 'PHONE_NUMBER_INVALID');
  // reset_available_period is 0 here, so the reset happens at once and the code goes by SMS.
  login.emailResetAt = state.now();
  const account = state.accounts.findByPhone(login.phone);
  if (account) state.accounts.update(account.id, { loginEmail: undefined });
  login.delivery = 'sms';
  login.next = ['call'];
  deliverCode(state, login);
  return sentCode(state, login);
}

export function sendVerifyEmailCode(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const email = str(req, 'email').trim();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw fail(400, 'EMAIL_INVALID');
  const code = state.randomCode(6);
  const target = setupTarget(call, obj(req, 'purpose'));
  if (target) target.emailSetup = { email, code };
  else state.emailChanges.set(call.perm.id, { email, code });
  const message = {
    channel: 'email',
    to: email,
    code,
    text: `Your login e-mail code: ${code}`,
    date: state.clock.seconds(),
    purpose: 'email',
    phone: target?.phone,
    expiresAt: target?.expiresAt,
  } as const;
  state.inbox.deliver(email, message);
  if (target) state.inbox.deliver(target.phone, message);
  return { _: 'account.sentEmailCode', emailPattern: maskEmail(email), length: code.length };
}

export function verifyEmail(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const target = setupTarget(call, obj(req, 'purpose'));
  const pending = target ? target.emailSetup : state.emailChanges.get(call.perm.id);
  if (!pending) throw fail(400, 'EMAIL_VERIFY_EXPIRED');
  const verification = obj(req, 'verification');
  const code = verification?._ === 'emailVerificationCode' ? str(verification, 'code') : str(verification ?? { _: '' }, 'token');
  if (code !== pending.code) throw fail(400, 'CODE_INVALID');
  if (!target) {
    state.emailChanges.delete(call.perm.id);
    state.accounts.update(requireUser(call).id, { loginEmail: pending.email });
    return { _: 'account.emailVerified', email: pending.email };
  }
  const account = state.accounts.findByPhone(target.phone);
  if (account) {
    state.accounts.update(account.id, {
      loginEmail: pending.email,
      switches: { ...account.switches, emailSetupRequired: false },
    });
  }
  target.emailSetup = undefined;
  target.delivery = 'email';
  target.next = [];
  deliverCode(state, target, pending.email);
  return { _: 'account.emailVerifiedLogin', email: pending.email, sentCode: sentCode(state, target, pending.email) };
}

/** The login being set up for emailVerifyPurposeLoginSetup; undefined for a logged-in change. */
function setupTarget(call: Call, purpose: TlValue | undefined): PhoneLogin | undefined {
  if (purpose?._ === 'emailVerifyPurposeLoginSetup') {
    const login = call.state.logins.get(str(purpose, 'phoneCodeHash'));
    if (!login || login.phone !== str(purpose, 'phoneNumber').replace(/\D/g, '')) throw fail(400, 'PHONE_HASH_EXPIRED');
    return login;
  }
  if (purpose?._ !== 'emailVerifyPurposeLoginChange') throw fail(400, 'EMAIL_INVALID');
  if (call.perm.userId === undefined) throw unregistered();
  if (!requireUser(call).loginEmail) throw fail(400, 'EMAIL_NOT_SETUP');
  return undefined;
}
