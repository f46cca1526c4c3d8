/**
 * Passkey login (core.telegram.org/api/passkeys), verifying WebAuthn ES256 assertions:
 * `auth.initPasskeyLogin#518ad0b7 api_id:int api_hash:string = auth.PasskeyLoginOptions;`
 * `auth.finishPasskeyLogin#9857ad07 flags:# credential:InputPasskeyCredential from_dc_id:flags.0?int
 *    from_auth_key_id:flags.0?long = auth.Authorization;`
 * The assertion signs authenticatorData | SHA-256(clientDataJSON) (WebAuthn §7.2, step 20).
 */
import { p256 } from '@noble/curves/nist.js';
import { concatBytes, equalBytes, sha256 } from '../../crypto/index.js';
import { fail, migrate } from '../errors.js';
import { authorize, requirePasswordIfSet } from './authorize.js';
import { bytes, checkApiId, int, long, obj, str, type Call, type MethodResult, type TlValue } from './context.js';

/** The relying party id the simulator plays (Telegram's is telegram.org). */
export const PASSKEY_RP_ID = 'telegram.org';
const CHALLENGE_TTL_MS = 5 * 60_000;

export function base64url(data: Uint8Array): string {
  let s = '';
  for (const b of data) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function initPasskeyLogin(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  checkApiId(call, int(req, 'apiId'), str(req, 'apiHash'));
  const challenge = base64url(state.random.bytes(32));
  state.passkeyChallenges.set(challenge, { dcId: call.ctx.dcId, authKeyId: call.perm.id, expiresAt: state.now() + CHALLENGE_TTL_MS });
  const options = { publicKey: { challenge, rpId: PASSKEY_RP_ID, timeout: CHALLENGE_TTL_MS, userVerification: 'preferred', allowCredentials: [] } };
  return { _: 'auth.passkeyLoginOptions', options: { _: 'dataJSON', data: JSON.stringify(options) } };
}

export function finishPasskeyLogin(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const credential = obj(req, 'credential');
  const response = credential && obj(credential, 'response');
  if (credential?._ !== 'inputPasskeyCredentialPublicKey' || response?._ !== 'inputPasskeyResponseLogin') {
    throw fail(400, 'CREDENTIAL_INVALID');
  }
  const clientJson = str(obj(response, 'clientData') ?? { _: '' }, 'data');
  const client = parseClientData(clientJson);
  const challenge = state.passkeyChallenges.get(client.challenge);
  const fromDc = req.fromDcId === undefined ? call.ctx.dcId : int(req, 'fromDcId');
  const fromKey = req.fromAuthKeyId === undefined ? call.perm.id : BigInt.asUintN(64, long(req, 'fromAuthKeyId'));
  if (!challenge || challenge.dcId !== fromDc || challenge.authKeyId !== fromKey) throw fail(500, 'PASSKEY_AUTH_RESTART');
  if (client.origin !== `https://${PASSKEY_RP_ID}` && !client.origin.endsWith(`.${PASSKEY_RP_ID}`)) {
    throw fail(400, 'PASSKEY_ORIGIN_MISMATCH');
  }
  const handle = /^(\d+):(\d+)$/.exec(str(response, 'userHandle'));
  if (!handle) throw fail(400, 'CREDENTIAL_INVALID');
  const account = state.accounts.get(BigInt(handle[2]!));
  const passkey = account?.passkeys.find((p) => p.id === str(credential, 'id'));
  if (!account || !passkey || account.dcId !== Number(handle[1])) throw fail(400, 'PASSKEY_CREDENTIAL_NOT_FOUND');
  if (account.dcId !== call.ctx.dcId) throw migrate('USER', account.dcId);

  const authData = bytes(response, 'authenticatorData');
  // authenticatorData: rpIdHash(32) | flags(1) | signCount(4); flags bit 0 = user present.
  if (authData.length < 37 || (authData[32]! & 1) === 0) throw fail(400, 'CREDENTIAL_INVALID');
  if (!equalBytes(authData.subarray(0, 32), sha256(new TextEncoder().encode(PASSKEY_RP_ID)))) {
    throw fail(400, 'PASSKEY_ORIGIN_MISMATCH');
  }
  const signed = concatBytes(authData, sha256(new TextEncoder().encode(clientJson)));
  let ok = false;
  try {
    ok = p256.verify(bytes(response, 'signature'), signed, passkey.publicKey, { format: 'der', prehash: true, lowS: false });
  } catch {
    ok = false;
  }
  if (!ok) throw fail(400, 'CREDENTIAL_INVALID');
  state.passkeyChallenges.delete(client.challenge);
  passkey.signCount = new DataView(authData.buffer, authData.byteOffset + 33, 4).getUint32(0);
  requirePasswordIfSet(call, account);
  return authorize(call, account);
}

/** clientDataJSON must be a webauthn.get with a challenge and an origin (else CREDENTIAL_INVALID). */
function parseClientData(json: string): { challenge: string; origin: string } {
  try {
    const data = JSON.parse(json) as Record<string, unknown>;
    if (data.type === 'webauthn.get' && typeof data.challenge === 'string' && typeof data.origin === 'string') {
      return { challenge: data.challenge, origin: data.origin };
    }
  } catch {
    // fall through: malformed JSON is an invalid credential
  }
  throw fail(400, 'CREDENTIAL_INVALID');
}
