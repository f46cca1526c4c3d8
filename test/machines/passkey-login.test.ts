/** Passkey login (core.telegram.org/api/passkeys) through the root with the software authenticator; the stub server checks the ES256 signature. */
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, sha256 } from '../../src/crypto/index.js';
import { createSoftwarePasskey, softwarePasskeyAuthenticator, type SoftwarePasskey } from '../../src/adapters/passkey/index.js';
import type { TlMethodOf } from '../../src/tl/index.js';
import { accountPassword, authorization } from './fixtures.js';
import { flowRig } from './flow-rig.js';
import { rpcError } from './harness.js';
import { fixedRandom } from '../helpers/fixed-random.js';

const options = { publicKey: { challenge: 'Y2hhbGxlbmdl', rpId: 'telegram.org', timeout: 300000, userVerification: 'preferred', allowCredentials: [] } };
const init = () => ({ _: 'auth.passkeyLoginOptions', options: { _: 'dataJSON', data: JSON.stringify(options) } });

/** The server half: checks origin, challenge and the signature over authData | SHA-256(clientData), like the simulator. */
function verifier(registered: SoftwarePasskey) {
  return (req: TlMethodOf<'auth.finishPasskeyLogin'>) => {
    const cred = req.credential;
    if (cred._ !== 'inputPasskeyCredentialPublicKey' || cred.response._ !== 'inputPasskeyResponseLogin') return rpcError(400, 'CREDENTIAL_INVALID');
    if (cred.id !== registered.credentialId) return rpcError(400, 'PASSKEY_CREDENTIAL_NOT_FOUND');
    const client = JSON.parse(cred.response.clientData.data) as { challenge: string; origin: string; type: string };
    if (client.type !== 'webauthn.get' || client.challenge !== options.publicKey.challenge) return rpcError(500, 'PASSKEY_AUTH_RESTART');
    const signed = concatBytes(cred.response.authenticatorData, sha256(new TextEncoder().encode(cred.response.clientData.data)));
    const ok = p256.verify(cred.response.signature, signed, registered.publicKey, { format: 'der', prehash: true, lowS: false });
    return ok ? authorization() : rpcError(400, 'CREDENTIAL_INVALID');
  };
}

describe('passkey login', () => {
  it('signs the challenge and finishes on the init DC when the handle names it', async () => {
    const passkey = createSoftwarePasskey({ userHandle: '2:777001', random: fixedRandom('pk-1') });
    const r = await flowRig(
      { 'auth.initPasskeyLogin': init, 'auth.finishPasskeyLogin': verifier(passkey) as never },
      { passkey: softwarePasskeyAuthenticator([passkey]) },
    );
    await r.send({ type: 'passkey.start' });
    expect(r.rpc.callsOf('auth.initPasskeyLogin')).toEqual([{ dcId: 2, request: { _: 'auth.initPasskeyLogin', apiId: 12345, apiHash: 'hash' } }]);
    const finish = r.rpc.callsOf('auth.finishPasskeyLogin');
    expect(finish.map((c) => c.dcId)).toEqual([2]);
    expect(finish[0]?.request).not.toHaveProperty('fromDcId');
    expect(finish[0]?.request).toMatchObject({
      credential: { id: passkey.credentialId, rawId: passkey.credentialId, response: { userHandle: '2:777001' } },
    });
    expect(r.view()).toMatchObject({ status: 'ready', user: { id: '777001' } });
  });

  it('user on another DC: finishes there with from_dc_id and from_auth_key_id of the init DC', async () => {
    const passkey = createSoftwarePasskey({ userHandle: '4:777001', random: fixedRandom('pk-2') });
    const r = await flowRig(
      { 'auth.initPasskeyLogin': init, 'auth.finishPasskeyLogin': verifier(passkey) as never },
      { passkey: softwarePasskeyAuthenticator([passkey]), permAuthKeyId: (dc) => (dc === 2 ? 0x1234n : undefined) },
    );
    await r.send({ type: 'passkey.start' });
    const [finish] = r.rpc.callsOf('auth.finishPasskeyLogin');
    expect(finish?.dcId).toBe(4);
    expect(finish?.request).toMatchObject({ fromDcId: 2, fromAuthKeyId: 0x1234n });
    expect(r.session.current.homeDcId).toBe(4);
  });

  it('another DC without a known init key fails clearly instead of guessing', async () => {
    const passkey = createSoftwarePasskey({ userHandle: '4:777001', random: fixedRandom('pk-3') });
    const r = await flowRig({ 'auth.initPasskeyLogin': init }, { passkey: softwarePasskeyAuthenticator([passkey]) });
    await r.send({ type: 'passkey.start' });
    expect(r.rpc.callsOf('auth.finishPasskeyLogin')).toHaveLength(0);
    expect(r.view()).toMatchObject({ status: 'waitPasskey', busy: false, error: { type: 'passkey.fromKeyUnknown' } });
  });

  it('a wrong credential (another key under the registered id) is refused; passkey.start tries again', async () => {
    const registered = createSoftwarePasskey({ userHandle: '2:777001', random: fixedRandom('pk-4') });
    const impostor = { ...createSoftwarePasskey({ userHandle: '2:777001', random: fixedRandom('pk-5') }), credentialId: registered.credentialId };
    const r = await flowRig(
      { 'auth.initPasskeyLogin': init, 'auth.finishPasskeyLogin': verifier(registered) as never },
      { passkey: softwarePasskeyAuthenticator([impostor]) },
    );
    await r.send({ type: 'passkey.start' });
    expect(r.view()).toMatchInlineSnapshot(`
      {
        "busy": false,
        "error": {
          "code": "passkey.failed",
          "detail": "400 CREDENTIAL_INVALID",
          "message": "The passkey could not be used: try again or log in another way.",
          "retryable": false,
          "type": "CREDENTIAL_INVALID",
        },
        "rpId": "telegram.org",
        "status": "waitPasskey",
      }
    `);
    await r.send({ type: 'passkey.start' });
    expect(r.rpc.callsOf('auth.initPasskeyLogin')).toHaveLength(2);
  });

  it('an unknown credential id gives PASSKEY_CREDENTIAL_NOT_FOUND', async () => {
    const registered = createSoftwarePasskey({ userHandle: '2:777001', random: fixedRandom('pk-6') });
    const other = createSoftwarePasskey({ userHandle: '2:777001', random: fixedRandom('pk-7') });
    const r = await flowRig(
      { 'auth.initPasskeyLogin': init, 'auth.finishPasskeyLogin': verifier(registered) as never },
      { passkey: softwarePasskeyAuthenticator([other]) },
    );
    await r.send({ type: 'passkey.start' });
    expect(r.view()).toMatchObject({ status: 'waitPasskey', error: { type: 'PASSKEY_CREDENTIAL_NOT_FOUND' } });
  });

  it('2FA still applies: SESSION_PASSWORD_NEEDED runs the password machine on the user DC', async () => {
    const passkey = createSoftwarePasskey({ userHandle: '3:777001', random: fixedRandom('pk-8') });
    const r = await flowRig(
      {
        'auth.initPasskeyLogin': init,
        'auth.finishPasskeyLogin': () => rpcError(401, 'SESSION_PASSWORD_NEEDED'),
        'account.getPassword': () => accountPassword(1n),
      },
      { passkey: softwarePasskeyAuthenticator([passkey]), permAuthKeyId: () => 7n },
    );
    await r.send({ type: 'passkey.start' });
    expect(r.view()).toMatchObject({ status: 'waitPassword' });
    expect(r.rpc.callsOf('account.getPassword')[0]?.dcId).toBe(3);
  });

  it('a passkey whose user handle is not "dc:user" is refused before finishing', async () => {
    const passkey = createSoftwarePasskey({ userHandle: 'alice', random: fixedRandom('pk-9') });
    const r = await flowRig({ 'auth.initPasskeyLogin': init }, { passkey: softwarePasskeyAuthenticator([passkey]) });
    await r.send({ type: 'passkey.start' });
    expect(r.view()).toMatchObject({ status: 'waitPasskey', error: { type: 'PASSKEY_USER_HANDLE_INVALID' } });
    expect(r.rpc.callsOf('auth.finishPasskeyLogin')).toHaveLength(0);
  });

  it('without a PasskeyAuthenticator the error says so, and phone.start goes back', async () => {
    const r = await flowRig({ 'auth.initPasskeyLogin': init });
    await r.send({ type: 'passkey.start' });
    expect(r.view()).toMatchObject({ status: 'waitPasskey', error: { type: 'passkey.unavailable' } });
    await r.send({ type: 'phone.start' });
    expect(r.view()).toEqual({ status: 'waitPhoneNumber', busy: false });
  });
});
