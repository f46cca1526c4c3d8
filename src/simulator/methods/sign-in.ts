/**
 * Code sign-in and sign-up (core.telegram.org/api/auth "Sign in / sign up", core.telegram.org/api/auth "Email verification"):
 * `auth.signIn#8d52a951 flags:# phone_number phone_code_hash phone_code:flags.0?string
 *    email_verification:flags.1?EmailVerification = auth.Authorization;`
 * `auth.signUp#aac7b717 flags:# no_joined_notifications:flags.0?true phone_number phone_code_hash
 *    first_name last_name = auth.Authorization;`
 */
import type { PhoneLogin } from '../state/records.js';
import { fail } from '../errors.js';
import { authorize, completeLogin } from './authorize.js';
import { obj, str, type Call, type MethodResult, type TlValue } from './context.js';
import { findLogin } from './code-delivery.js';

/** Wrong guesses allowed before the code dies (Telegram's limit is not documented). */
const MAX_ATTEMPTS = 5;

/** The terms of service shown with auth.authorizationSignUpRequired. */
export const termsOfService: TlValue = {
  _: 'help.termsOfService',
  id: { _: 'dataJSON', data: '"tgauth-simulator-tos-1"' },
  text: 'By signing up for this local Telegram simulator you agree that nothing here is real.',
  entities: [],
};

export function signIn(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const login = findLogin(state, str(req, 'phoneNumber'), str(req, 'phoneCodeHash'));
  const verification = obj(req, 'emailVerification');
  const code = verification ? emailCode(verification) : str(req, 'phoneCode');
  if (code === '') throw fail(400, 'PHONE_CODE_EMPTY');
  if (login.paymentPending || login.delivery === 'setUpEmail') throw fail(400, 'PHONE_CODE_INVALID');
  if (verification && login.delivery !== 'email') throw fail(400, 'PHONE_CODE_INVALID');
  checkCode(call, login, code.replace(/-/g, ''));

  const account = state.accounts.findByPhone(login.phone);
  if (!account || account.switches.signUpRequired) {
    login.codeAccepted = true;
    return { _: 'auth.authorizationSignUpRequired', termsOfService };
  }
  state.logins.delete(login.hash);
  return completeLogin(call, account);
}

export function signUp(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const login = findLogin(state, str(req, 'phoneNumber'), str(req, 'phoneCodeHash'));
  if (!login.codeAccepted) throw fail(400, 'PHONE_CODE_INVALID');
  const firstName = str(req, 'firstName').trim();
  const lastName = str(req, 'lastName').trim();
  if (firstName === '' || firstName.length > 64) throw fail(400, 'FIRSTNAME_INVALID');
  if (lastName.length > 64) throw fail(400, 'LASTNAME_INVALID');
  let account = state.accounts.findByPhone(login.phone);
  if (account && !account.switches.signUpRequired) throw fail(400, 'PHONE_NUMBER_OCCUPIED');
  if (account) {
    account = state.accounts.update(account.id, {
      firstName,
      lastName,
      switches: { ...account.switches, signUpRequired: false },
    });
  } else {
    account = state.accounts.create({ phone: login.phone, dcId: login.dcId, firstName, lastName });
  }
  state.logins.delete(login.hash);
  return authorize(call, account);
}

/** The code inside an emailVerification; Google/Apple tokens are accepted as "google:<code>". */
function emailCode(v: TlValue): string {
  if (v._ === 'emailVerificationCode') return str(v, 'code');
  const token = str(v, 'token');
  return token.includes(':') ? token.slice(token.indexOf(':') + 1) : token;
}

/** PHONE_CODE_INVALID on a wrong code; PHONE_CODE_EXPIRED once the attempts are used up. */
function checkCode(call: Call, login: PhoneLogin, code: string): void {
  if (code === login.code) return;
  login.attempts += 1;
  if (login.attempts >= MAX_ATTEMPTS) {
    call.state.logins.delete(login.hash);
    throw fail(400, 'PHONE_CODE_EXPIRED');
  }
  throw fail(400, 'PHONE_CODE_INVALID');
}
