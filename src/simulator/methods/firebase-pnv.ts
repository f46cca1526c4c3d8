/**
 * Firebase Phone Number Verification login (new in layer 229):
 * `auth.initFirebasePnvLogin#777df37a api_id:int api_hash:string = auth.FirebasePnvIntent;`
 * `auth.firebasePnvIntent#df5ac00c nonce:string digital_credential_payload:string = auth.FirebasePnvIntent;`
 * `auth.finishFirebasePnvLogin#2c85094c google_token:string = auth.Authorization;`
 * `auth.firebasePnvSignUp#783f6b56 flags:# no_joined_notifications:flags.0?true first_name:string
 *    last_name:string = auth.Authorization;`
 * The intent's nonce is bound to the asking key; the device's credential provider proves the number and
 * Firebase signs it with the nonce into a Google token (state/firebase-pnv-issuer.ts plays Google). A known
 * number logs in (2FA and DC redirects as for a code login), an unknown one gets
 * auth.authorizationSignUpRequired and may sign up on the same key.
 * Telegram documents no errors for these methods yet: GOOGLE_TOKEN_INVALID, GOOGLE_TOKEN_EXPIRED and the
 * redirects are named in Telegram's style (after the parameter, as EMAIL_TOKEN_INVALID) and UNVERIFIED;
 * API_ID_INVALID, FIRSTNAME_INVALID, LASTNAME_INVALID, PHONE_NUMBER_OCCUPIED are the documented ones of
 * the code-login methods that do the same checks.
 */
import { fail, migrate } from '../errors.js';
import { testNumberDc } from '../state/accounts.js';
import { authorize, completeLogin } from './authorize.js';
import { checkApiId, int, str, type Call, type MethodResult, type TlValue } from './context.js';
import { homeDcOf } from './send-code.js';
import { termsOfService } from './sign-in.js';

/** How long an intent and a verified number awaiting sign-up stay usable. */
const INTENT_TTL_MS = 5 * 60_000;

/**
 * The Digital Credentials API request the device's credential provider answers
 * (https://www.w3.org/TR/digital-credentials/; an OpenID4VP request carrying the nonce). Telegram's
 * payload is opaque to clients, which pass it on unread; this shape is the simulator's own.
 */
export function digitalCredentialPayloadOf(nonce: string): string {
  return JSON.stringify({
    protocol: 'openid4vp-v1-unsigned',
    data: {
      response_type: 'vp_token',
      response_mode: 'dc_api',
      nonce,
      dcql_query: { credentials: [{ id: 'phone', format: 'dc+sd-jwt', claims: [{ path: ['phone_number'] }] }] },
    },
  });
}

export function initFirebasePnvLogin(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  checkApiId(call, int(req, 'apiId'), str(req, 'apiHash'));
  const nonce = state.randomHex(16);
  state.pnvIntents.set(nonce, { dcId: call.ctx.dcId, authKeyId: call.perm.id, expiresAt: state.now() + INTENT_TTL_MS });
  return { _: 'auth.firebasePnvIntent', nonce, digitalCredentialPayload: digitalCredentialPayloadOf(nonce) };
}

export function finishFirebasePnvLogin(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const claims = state.pnvIssuer.verify(str(req, 'googleToken'), state.clock.seconds());
  if (claims === 'expired') throw fail(400, 'GOOGLE_TOKEN_EXPIRED');
  if (claims === 'invalid') throw fail(400, 'GOOGLE_TOKEN_INVALID');
  const issued = state.pnvIntents.peek(claims.nonce) !== undefined;
  const intent = state.pnvIntents.get(claims.nonce);
  if (!intent) throw fail(400, issued ? 'GOOGLE_TOKEN_EXPIRED' : 'GOOGLE_TOKEN_INVALID');
  // The nonce was handed to one key on one DC; a token replayed elsewhere proves nothing there.
  if (intent.authKeyId !== call.perm.id || intent.dcId !== call.ctx.dcId) throw fail(400, 'GOOGLE_TOKEN_INVALID');
  state.pnvIntents.delete(claims.nonce);

  const account = state.accounts.findByPhone(claims.phone);
  const home = homeDcOf(state, claims.phone, account);
  if (home !== call.ctx.dcId) {
    // As auth.sendCode redirects (UNVERIFIED here): the client starts again on the number's DC.
    throw migrate(account || testNumberDc(claims.phone, state.settings.dcCount) ? 'PHONE' : 'NETWORK', home);
  }
  if (account?.switches.banned) throw fail(400, 'PHONE_NUMBER_BANNED');
  if (!account || account.switches.signUpRequired) {
    state.pnvSignUps.set(call.perm.id, { phone: claims.phone, expiresAt: state.now() + INTENT_TTL_MS });
    return { _: 'auth.authorizationSignUpRequired', termsOfService };
  }
  return completeLogin(call, account);
}

export function firebasePnvSignUp(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const verified = state.pnvSignUps.peek(call.perm.id) !== undefined;
  const pending = state.pnvSignUps.get(call.perm.id);
  if (!pending) throw fail(400, verified ? 'GOOGLE_TOKEN_EXPIRED' : 'GOOGLE_TOKEN_INVALID');
  const firstName = str(req, 'firstName').trim();
  const lastName = str(req, 'lastName').trim();
  if (firstName === '' || firstName.length > 64) throw fail(400, 'FIRSTNAME_INVALID');
  if (lastName.length > 64) throw fail(400, 'LASTNAME_INVALID');
  let account = state.accounts.findByPhone(pending.phone);
  if (account && !account.switches.signUpRequired) throw fail(400, 'PHONE_NUMBER_OCCUPIED');
  account = account
    ? state.accounts.update(account.id, { firstName, lastName, switches: { ...account.switches, signUpRequired: false } })
    : state.accounts.create({ phone: pending.phone, dcId: call.ctx.dcId, firstName, lastName });
  state.pnvSignUps.delete(call.perm.id);
  return authorize(call, account);
}
