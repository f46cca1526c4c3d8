import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { computeSrpCheck, concatBytes, sha256 } from '../../src/crypto/index.js';
import { base64url, makePasswordRecord, PASSKEY_RP_ID, type TlValue } from '../../src/simulator/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { api, harness, loginTestNumber, sendCodeReq } from './sim-harness.js';

describe('simulator 2FA, QR, bot, web token, passkey, DC transfer (handlers)', () => {
  it('asks for the password, checks SRP once per srp_id, recovers by e-mail', async () => {
    const h = harness();
    const a = h.connect(2);
    const acc = h.state.accounts.create({ phone: '9996621111', dcId: 2 });
    h.state.accounts.update(acc.id, { password: await makePasswordRecord('hunter2', fixedRandom('pw'), { hint: 'cat', recoveryEmail: 'r@example.com' }) });
    const sent = (await a.call(sendCodeReq(acc.phone))) as TlValue;
    expect(await a.error({ _: 'auth.signIn', phoneNumber: acc.phone, phoneCodeHash: sent.phoneCodeHash, phoneCode: '22222' })).toBe('SESSION_PASSWORD_NEEDED');
    const check = async (password: string) => {
      const pw = (await a.call({ _: 'account.getPassword' })) as TlValue;
      const algo = pw.currentAlgo as TlValue;
      const r = await computeSrpCheck({ password, salt1: algo.salt1, salt2: algo.salt2, g: algo.g, p: algo.p, srpB: pw.srpB, srpId: pw.srpId } as never, fixedRandom('a'));
      return { _: 'auth.checkPassword', password: { _: 'inputCheckPasswordSRP', srpId: r.srpId, A: r.A, M1: r.M1 } };
    };
    const wrong = await check('nope');
    expect(await a.error(wrong)).toBe('PASSWORD_HASH_INVALID');
    expect(await a.error(wrong)).toBe('SRP_ID_INVALID');
    const stale = await check('hunter2');
    h.state.accounts.update(acc.id, { password: await makePasswordRecord('other', fixedRandom('pw2'), { recoveryEmail: 'r@example.com' }) });
    expect(await a.error(stale)).toBe('SRP_PASSWORD_CHANGED');
    h.state.accounts.update(acc.id, { password: await makePasswordRecord('hunter2', fixedRandom('pw'), { recoveryEmail: 'r@example.com' }) });
    expect(await a.call(await check('hunter2'))).toMatchObject({ _: 'auth.authorization' });

    // Recovery on a second device.
    const b = h.connect(2);
    const s2 = (await b.call(sendCodeReq(acc.phone))) as TlValue;
    await b.error({ _: 'auth.signIn', phoneNumber: acc.phone, phoneCodeHash: s2.phoneCodeHash, phoneCode: '22222' });
    expect(await b.error({ _: 'auth.checkRecoveryPassword', code: '1' })).toBe('PASSWORD_RECOVERY_EXPIRED');
    expect(await b.call({ _: 'auth.requestPasswordRecovery' })).toMatchObject({ emailPattern: 'r***@example.com' });
    const code = h.state.inbox.lastCode('r@example.com')!;
    expect(await b.error({ _: 'auth.recoverPassword', code: '' })).toBe('CODE_EMPTY');
    expect(await b.call({ _: 'auth.checkRecoveryPassword', code })).toBe(true);
    expect(await b.call({ _: 'auth.recoverPassword', code })).toMatchObject({ _: 'auth.authorization' });
    expect(h.state.accounts.get(acc.id)?.password).toBeUndefined();
    expect(await b.error({ _: 'auth.requestPasswordRecovery' })).toBe('PASSWORD_EMPTY');
  });

  it('QR: exported on DC 2, accepted by a DC 4 user, migrates and imports there', async () => {
    const h = harness();
    const owner = h.connect(4);
    const ownerId = await loginTestNumber(owner, '9996641234', '44444');
    const pushed: bigint[] = [];
    h.state.pushUpdate = (keyId) => pushed.push(keyId);
    const fresh = h.connect(2);
    const exp = { _: 'auth.exportLoginToken', ...api, exceptIds: [] };
    const t = (await fresh.call(exp)) as TlValue;
    expect(t._).toBe('auth.loginToken');
    expect(await fresh.error({ _: 'auth.acceptLoginToken', token: t.token })).toBe('AUTH_KEY_UNREGISTERED');
    expect(await owner.error({ _: 'auth.acceptLoginToken', token: new Uint8Array(32) })).toBe('AUTH_TOKEN_INVALID');
    expect(await owner.call({ _: 'auth.acceptLoginToken', token: t.token })).toMatchObject({ _: 'authorization' });
    expect(await owner.error({ _: 'auth.acceptLoginToken', token: t.token })).toBe('AUTH_TOKEN_ALREADY_ACCEPTED');
    expect(pushed).toEqual([fresh.keyId]);
    const migrate = (await fresh.call(exp)) as TlValue;
    expect(migrate).toMatchObject({ _: 'auth.loginTokenMigrateTo', dcId: 4 });
    const there = h.connect(4);
    expect(await there.call({ _: 'auth.importLoginToken', token: migrate.token })).toMatchObject({ _: 'auth.loginTokenSuccess', authorization: { user: { id: ownerId } } });
    expect(await there.error({ _: 'auth.importLoginToken', token: migrate.token })).toBe('AUTH_TOKEN_INVALID');

    const t2 = (await fresh.call({ ...exp, exceptIds: [ownerId] })) as TlValue;
    expect(await owner.error({ _: 'auth.acceptLoginToken', token: t2.token })).toBe('AUTH_TOKEN_EXCEPTION');
    h.clock.advance(31_000);
    expect(await owner.error({ _: 'auth.acceptLoginToken', token: t2.token })).toBe('AUTH_TOKEN_EXPIRED');
  });

  it('bots migrate to their DC; web tokens are single-use; export/import moves a login', async () => {
    const h = harness();
    const bot = h.state.accounts.create({ botToken: '777:secret-token', dcId: 3, id: 777n });
    const imp = { _: 'auth.importBotAuthorization', flags: 0, ...api, botAuthToken: bot.botToken };
    expect(await h.connect(2).error(imp)).toBe('USER_MIGRATE_3');
    const b = h.connect(3);
    expect(await b.call(imp)).toMatchObject({ user: { bot: true, id: 777n } });
    expect(await b.error({ ...imp, botAuthToken: 'garbage' })).toBe('ACCESS_TOKEN_INVALID');
    expect(await b.error({ ...imp, botAuthToken: '777:other' })).toBe('ACCESS_TOKEN_EXPIRED');
    expect(await b.error(sendCodeReq('9996631234'))).toBe('BOT_METHOD_INVALID');

    const user = h.state.accounts.create({ phone: '9996631111', dcId: 3, webTokens: ['wt-1'] });
    const w = h.connect(3);
    const web = { _: 'auth.importWebTokenAuthorization', ...api, webAuthToken: 'wt-1' };
    expect(await w.call(web)).toMatchObject({ user: { id: user.id } });
    expect(await h.connect(3).error(web)).toBe('WEBAUTH_TOKEN_EXPIRED');

    expect(await w.error({ _: 'auth.exportAuthorization', dcId: 99 })).toBe('DC_ID_INVALID');
    const ex = (await w.call({ _: 'auth.exportAuthorization', dcId: 1 })) as TlValue;
    const d1 = h.connect(1);
    expect(await d1.error({ _: 'auth.importAuthorization', id: 1n, bytes: ex.bytes })).toBe('USER_ID_INVALID');
    expect(await d1.call({ _: 'auth.importAuthorization', id: ex.id, bytes: ex.bytes })).toMatchObject({ user: { id: user.id } });
    expect(await d1.error({ _: 'auth.importAuthorization', id: ex.id, bytes: ex.bytes })).toBe('AUTH_BYTES_INVALID');
  });

  it('resetAuthorizations needs a day-old session, then logs out the others', async () => {
    const h = harness();
    const a = h.connect(2);
    await loginTestNumber(a, '9996621234', '22222');
    const b = h.connect(2);
    await loginTestNumber(b, '9996621234', '22222');
    expect(await a.error({ _: 'auth.resetAuthorizations' })).toBe('FRESH_RESET_AUTHORISATION_FORBIDDEN');
    h.clock.advance(86_400_000);
    expect(await a.call({ _: 'auth.resetAuthorizations' })).toBe(true);
    expect(await b.error({ _: 'updates.getState' })).toBe('AUTH_KEY_UNREGISTERED');
    expect(await a.call({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] })).toMatchObject([{ _: 'user', self: true }]);
  });

  it('passkey: verifies an ES256 assertion and its user handle', async () => {
    const h = harness();
    const priv = p256.utils.randomSecretKey();
    const acc = h.state.accounts.create({ phone: '9996621999', dcId: 2 });
    acc.passkeys.push({ id: 'cred-1', publicKey: p256.getPublicKey(priv, false), name: 'key', signCount: 0 });
    const a = h.connect(2);
    const opts = (await a.call({ _: 'auth.initPasskeyLogin', ...api })) as TlValue;
    const challenge = JSON.parse((opts.options as TlValue).data as string).publicKey.challenge as string;
    const assertion = (origin: string, handle: string, key = priv) => {
      const clientData = JSON.stringify({ type: 'webauthn.get', challenge, origin });
      const authData = concatBytes(sha256(new TextEncoder().encode(PASSKEY_RP_ID)), Uint8Array.of(5, 0, 0, 0, 1));
      const sig = p256.sign(concatBytes(authData, sha256(new TextEncoder().encode(clientData))), key, { format: 'der' });
      const response = { _: 'inputPasskeyResponseLogin', clientData: { _: 'dataJSON', data: clientData }, authenticatorData: authData, signature: sig, userHandle: handle };
      return { _: 'auth.finishPasskeyLogin', credential: { _: 'inputPasskeyCredentialPublicKey', id: 'cred-1', rawId: base64url(new TextEncoder().encode('cred-1')), response } };
    };
    expect(await a.error(assertion('https://evil.example', `2:${acc.id}`))).toBe('PASSKEY_ORIGIN_MISMATCH');
    expect(await a.error(assertion('https://telegram.org', `2:${acc.id + 2n}`))).toBe('PASSKEY_CREDENTIAL_NOT_FOUND');
    expect(await a.error(assertion('https://telegram.org', `2:${acc.id}`, p256.utils.randomSecretKey()))).toBe('CREDENTIAL_INVALID');
    expect(await a.call(assertion('https://telegram.org', `2:${acc.id}`))).toMatchObject({ user: { id: acc.id } });
    expect(await a.error(assertion('https://telegram.org', `2:${acc.id}`))).toBe('PASSKEY_AUTH_RESTART');
  });
});
