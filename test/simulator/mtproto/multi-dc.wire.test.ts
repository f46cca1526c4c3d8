/**
 * Logins that cross DCs or skip the code, over real MTProto on several DCs of one cluster:
 * QR (exportLoginToken, acceptLoginToken, importLoginToken, updateLoginToken push, migration),
 * exportAuthorization/importAuthorization, importBotAuthorization, importWebTokenAuthorization,
 * initPasskeyLogin/finishPasskeyLogin, each with its errors.
 */
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, sha256 } from '../../../src/crypto/index.js';
import { base64url, PASSKEY_RP_ID } from '../../../src/simulator/index.js';
import { API, login, sendCodeReq, wireSim, type Value } from './wire-harness.js';

describe('multi-DC logins through MTProto', () => {
  it('sendCode on the wrong DC migrates; QR exported on DC 2, accepted by a DC 4 user, migrates and imports there', async () => {
    const { sim, connect } = wireSim();
    const wrong = await connect(1);
    expect(await wrong.error(sendCodeReq('9996641234'))).toBe('PHONE_MIGRATE_4');
    const owner = await connect(4);
    const ownerId = await login(owner, '9996641234', '44444');

    const fresh = await connect(2);
    const exp = { _: 'auth.exportLoginToken', ...API, exceptIds: [] };
    expect(await fresh.error({ ...exp, apiId: 0 })).toBe('API_ID_INVALID');
    const t = (await fresh.call(exp)) as Value;
    expect(t).toMatchObject({ _: 'auth.loginToken' });
    expect(await fresh.error({ _: 'auth.acceptLoginToken', token: t['token'] })).toBe(
      'AUTH_KEY_UNREGISTERED',
    );
    expect(await owner.error({ _: 'auth.acceptLoginToken', token: new Uint8Array(32) })).toBe(
      'AUTH_TOKEN_INVALID',
    );
    expect(await owner.call({ _: 'auth.acceptLoginToken', token: t['token'] })).toMatchObject({
      _: 'authorization',
    });
    expect(await owner.error({ _: 'auth.acceptLoginToken', token: t['token'] })).toBe(
      'AUTH_TOKEN_ALREADY_ACCEPTED',
    );
    // The waiting session got updateLoginToken pushed over its connection.
    expect(fresh.updates).toContainEqual(
      expect.objectContaining({ _: 'updateShort', update: { _: 'updateLoginToken' } }),
    );

    const migrate = (await fresh.call(exp)) as Value;
    expect(migrate).toMatchObject({ _: 'auth.loginTokenMigrateTo', dcId: 4 });
    expect(await fresh.error({ _: 'auth.importLoginToken', token: migrate['token'] })).toBe(
      'AUTH_TOKEN_INVALID',
    );
    expect(await owner.error({ _: 'auth.acceptLoginToken', token: migrate['token'] })).toBe(
      'AUTH_TOKEN_INVALIDX',
    );
    const there = await connect(4);
    const imported = (await there.call({ _: 'auth.importLoginToken', token: migrate['token'] })) as Value;
    expect(imported).toMatchObject({
      _: 'auth.loginTokenSuccess',
      authorization: { _: 'auth.authorization', user: { id: ownerId } },
    });
    expect(await there.error({ _: 'auth.importLoginToken', token: migrate['token'] })).toBe(
      'AUTH_TOKEN_INVALID',
    );
    expect(await there.call({ _: 'updates.getState' })).toMatchObject({ _: 'updates.state' });

    const t2 = (await fresh.call({ ...exp, exceptIds: [ownerId] })) as Value;
    expect(await owner.error({ _: 'auth.acceptLoginToken', token: t2['token'] })).toBe(
      'AUTH_TOKEN_EXCEPTION',
    );
    sim.clock.advance(31_000);
    expect(await owner.error({ _: 'auth.acceptLoginToken', token: t2['token'] })).toBe('AUTH_TOKEN_EXPIRED');

    // The control API approves like an app would; a same-DC user finishes with loginTokenSuccess.
    const dc2User = sim.accounts.create({ phone: '9996625555', dcId: 2 });
    const t3 = (await fresh.call(exp)) as Value;
    const pushes = fresh.updates.length;
    sim.approveQr(`tg://login?token=${base64url(t3['token'] as Uint8Array)}`, dc2User.id);
    expect(fresh.updates.length).toBe(pushes + 1);
    expect(await fresh.call(exp)).toMatchObject({
      _: 'auth.loginTokenSuccess',
      authorization: { user: { id: dc2User.id } },
    });
  });

  it('exportAuthorization/importAuthorization carry a login to another DC', async () => {
    const { sim, connect } = wireSim();
    const user = sim.accounts.create({ phone: '9996631111', dcId: 3, webTokens: ['wt-1'] });
    const w = await connect(3);
    expect(await w.error({ _: 'auth.exportAuthorization', dcId: 1 })).toBe('AUTH_KEY_UNREGISTERED');
    const web = { _: 'auth.importWebTokenAuthorization', ...API, webAuthToken: 'wt-1' };
    expect(await (await connect(2)).error(web)).toBe('USER_MIGRATE_3');
    expect(await w.call(web)).toMatchObject({ _: 'auth.authorization', user: { id: user.id } });
    expect(await (await connect(3)).error(web)).toBe('WEBAUTH_TOKEN_EXPIRED');

    expect(await w.error({ _: 'auth.exportAuthorization', dcId: 99 })).toBe('DC_ID_INVALID');
    expect(await w.error({ _: 'auth.exportAuthorization', dcId: 3 })).toBe('DC_ID_INVALID');
    const ex = (await w.call({ _: 'auth.exportAuthorization', dcId: 1 })) as Value;
    const d1 = await connect(1);
    expect(await d1.error({ _: 'auth.importAuthorization', id: 1n, bytes: ex['bytes'] })).toBe(
      'USER_ID_INVALID',
    );
    expect(
      await (await connect(5)).error({ _: 'auth.importAuthorization', id: ex['id'], bytes: ex['bytes'] }),
    ).toBe('AUTH_BYTES_INVALID');
    expect(await d1.call({ _: 'auth.importAuthorization', id: ex['id'], bytes: ex['bytes'] })).toMatchObject({
      user: { id: user.id },
    });
    expect(await d1.error({ _: 'auth.importAuthorization', id: ex['id'], bytes: ex['bytes'] })).toBe(
      'AUTH_BYTES_INVALID',
    );
    expect(await d1.call({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] })).toMatchObject([
      { id: user.id },
    ]);
  });

  it('importBotAuthorization: USER_MIGRATE, ACCESS_TOKEN_INVALID/EXPIRED, success; bots may not use user methods', async () => {
    const { sim, connect } = wireSim();
    const bot = sim.accounts.create({ botToken: '777:secret-token', dcId: 3, id: 777n });
    const imp = { _: 'auth.importBotAuthorization', flags: 0, ...API, botAuthToken: bot.botToken };
    expect(await (await connect(2)).error(imp)).toBe('USER_MIGRATE_3');
    const b = await connect(3);
    expect(await b.error({ ...imp, botAuthToken: 'garbage' })).toBe('ACCESS_TOKEN_INVALID');
    expect(await b.error({ ...imp, botAuthToken: '777:other' })).toBe('ACCESS_TOKEN_EXPIRED');
    expect(await b.call(imp)).toMatchObject({
      _: 'auth.authorization',
      user: { _: 'user', bot: true, id: 777n },
    });
    expect(await b.error(sendCodeReq('9996631234'))).toBe('BOT_METHOD_INVALID');
    expect(await b.error({ _: 'auth.resetAuthorizations' })).toBe('BOT_METHOD_INVALID');
    expect(await b.error({ _: 'auth.acceptLoginToken', token: new Uint8Array(32) })).toBe(
      'BOT_METHOD_INVALID',
    );
  });

  it('passkeys: initPasskeyLogin, then finishPasskeyLogin verifies the ES256 assertion (origin, user handle, signature, DC)', async () => {
    const { sim, connect } = wireSim();
    const priv = p256.utils.randomSecretKey(new Uint8Array(48).fill(7));
    const acc = sim.accounts.create({ phone: '9996621999', dcId: 2 });
    acc.passkeys.push({ id: 'cred-1', publicKey: p256.getPublicKey(priv, false), name: 'key', signCount: 0 });
    const a = await connect(2);
    expect(await a.error({ _: 'auth.initPasskeyLogin', ...API, apiId: 0 })).toBe('API_ID_INVALID');
    expect(await a.error(assertion('x', 'https://telegram.org', `2:${acc.id}`, priv))).toBe(
      'PASSKEY_AUTH_RESTART',
    );
    const opts = (await a.call({ _: 'auth.initPasskeyLogin', ...API })) as Value;
    const challenge = JSON.parse((opts['options'] as Value)['data'] as string).publicKey.challenge as string;
    expect(await a.error(assertion(challenge, 'https://evil.example', `2:${acc.id}`, priv))).toBe(
      'PASSKEY_ORIGIN_MISMATCH',
    );
    expect(await a.error(assertion(challenge, 'https://telegram.org', `2:${acc.id + 2n}`, priv))).toBe(
      'PASSKEY_CREDENTIAL_NOT_FOUND',
    );
    expect(
      await a.error(
        assertion(
          challenge,
          'https://telegram.org',
          `2:${acc.id}`,
          p256.utils.randomSecretKey(new Uint8Array(48).fill(9)),
        ),
      ),
    ).toBe('CREDENTIAL_INVALID');
    expect(await a.call(assertion(challenge, 'https://telegram.org', `2:${acc.id}`, priv))).toMatchObject({
      _: 'auth.authorization',
      user: { id: acc.id },
    });
    expect(await a.error(assertion(challenge, 'https://telegram.org', `2:${acc.id}`, priv))).toBe(
      'PASSKEY_AUTH_RESTART',
    );

    // An account on DC 4 whose passkey is used on DC 2 is sent home.
    const far = sim.accounts.create({ phone: '9996641999', dcId: 4 });
    far.passkeys.push({ id: 'cred-1', publicKey: p256.getPublicKey(priv, false), name: 'key', signCount: 0 });
    const c = await connect(2);
    const o2 = (await c.call({ _: 'auth.initPasskeyLogin', ...API })) as Value;
    const ch2 = JSON.parse((o2['options'] as Value)['data'] as string).publicKey.challenge as string;
    expect(await c.error(assertion(ch2, 'https://telegram.org', `4:${far.id}`, priv))).toBe('USER_MIGRATE_4');
  });
});

/** A WebAuthn assertion for `challenge` signed with `key` (authenticatorData: rpIdHash, UP|UV, counter 1). */
function assertion(challenge: string, origin: string, handle: string, key: Uint8Array): Value {
  const clientData = JSON.stringify({ type: 'webauthn.get', challenge, origin });
  const authData = concatBytes(sha256(new TextEncoder().encode(PASSKEY_RP_ID)), Uint8Array.of(5, 0, 0, 0, 1));
  const sig = p256.sign(concatBytes(authData, sha256(new TextEncoder().encode(clientData))), key, {
    format: 'der',
  });
  const response = {
    _: 'inputPasskeyResponseLogin',
    clientData: { _: 'dataJSON', data: clientData },
    authenticatorData: authData,
    signature: sig,
    userHandle: handle,
  };
  return {
    _: 'auth.finishPasskeyLogin',
    credential: {
      _: 'inputPasskeyCredentialPublicKey',
      id: 'cred-1',
      rawId: base64url(new TextEncoder().encode('cred-1')),
      response,
    },
  };
}
