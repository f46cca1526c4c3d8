/**
 * Resend, cancel, report, Firebase (core.telegram.org/api/auth "Resending the code", core.telegram.org/api/auth "Firebase"):
 * `auth.resendCode#cae47523 flags:# phone_number phone_code_hash reason:flags.0?string = auth.SentCode;`
 * `auth.cancelCode#1f040578 phone_number phone_code_hash = Bool;`
 * `auth.reportMissingCode#cb9deff6 phone_number phone_code_hash mnc:string = Bool;`
 * `auth.requestFirebaseSms#8e39261e flags:# phone_number phone_code_hash safety_net_token:flags.0?string
 *    play_integrity_token:flags.2?string ios_push_secret:flags.1?string = Bool;`
 */
import { fail, floodWait } from '../errors.js';
import { str, type Call, type MethodResult, type TlValue } from './context.js';
import { checkPhone, deliverCode, findLogin, sentCode } from './code-delivery.js';

export function resendCode(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const login = findLogin(state, str(req, 'phoneNumber'), str(req, 'phoneCodeHash'));
  const next = login.next.shift();
  if (!next) throw fail(406, 'SEND_CODE_UNAVAILABLE');
  // The timeout spaces out codes already sent. A Firebase SMS is only sent once the device check
  // passed, so while it has not (no token, or requestFirebaseSms answered false) the fallback to
  // next_type is allowed at once, as core.telegram.org/api/auth "Firebase" tells clients to ask for it right away.
  if (state.now() < login.resendAt && login.delivery !== 'firebaseSms') {
    login.next.unshift(next);
    throw floodWait((login.resendAt - state.now()) / 1000);
  }
  login.delivery = next;
  login.resendAt = state.now() + state.settings.resendTimeoutSec * 1000;
  const email = state.accounts.findByPhone(login.phone)?.loginEmail;
  deliverCode(state, login, email);
  return sentCode(state, login, email);
}

export function cancelCode(req: TlValue, call: Call): MethodResult {
  const login = findLogin(call.state, str(req, 'phoneNumber'), str(req, 'phoneCodeHash'));
  call.state.logins.delete(login.hash);
  return true;
}

export function reportMissingCode(req: TlValue, call: Call): MethodResult {
  checkPhone(str(req, 'phoneNumber'));
  findLogin(call.state, str(req, 'phoneNumber'), str(req, 'phoneCodeHash'));
  return true;
}

/**
 * A device-integrity token (any non-empty one, in the simulator) releases the SMS. The resend
 * chain stays what the sent code announced (next_type sms): the client learns nothing else from
 * a Bool, so a resend then sends a plain SMS through Telegram's own gateway.
 */
export function requestFirebaseSms(req: TlValue, call: Call): MethodResult {
  const login = findLogin(call.state, str(req, 'phoneNumber'), str(req, 'phoneCodeHash'));
  const proof = str(req, 'safetyNetToken') || str(req, 'playIntegrityToken') || str(req, 'iosPushSecret');
  if (login.delivery !== 'firebaseSms' || proof === '') return false;
  login.delivery = 'sms';
  deliverCode(call.state, login);
  return true;
}
