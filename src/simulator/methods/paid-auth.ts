/**
 * Paid login (core.telegram.org/api/auth "Paid login"):
 * `auth.checkPaidAuth#56e59f9c phone_number:string phone_code_hash:string form_id:long = auth.SentCode;`
 * The payment itself happens out of band; the control API marks it paid or failed.
 */
import { fail, floodWait } from '../errors.js';
import { long, str, type Call, type MethodResult, type TlValue } from './context.js';
import { deliverCode, findLogin, sentCode } from './code-delivery.js';

/** How long a client should wait between polls while the payment is pending. */
const POLL_SECONDS = 5;

export function checkPaidAuth(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const login = findLogin(state, str(req, 'phoneNumber'), str(req, 'phoneCodeHash'));
  if (!login.paymentPending) throw fail(400, 'PHONE_NUMBER_INVALID');
  if (long(req, 'formId') === 0n || login.paymentOutcome === 'failed') {
    state.logins.delete(login.hash);
    throw fail(400, 'FORM_EXPIRED');
  }
  if (login.paymentOutcome !== 'paid') throw floodWait(POLL_SECONDS);
  login.paymentPending = false;
  login.delivery = 'sms';
  login.next = ['call'];
  deliverCode(state, login);
  return sentCode(state, login);
}
