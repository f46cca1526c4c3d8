/** 2FA and recovery (core.telegram.org/api/srp, core.telegram.org/api/srp "Password recovery") on the engine with a fake SRP port; FLOOD_WAIT countdowns are in password-flood.test.ts. */
import { describe, expect, it } from 'vitest';
import { rpcError, settle } from './harness.js';
import { accountPassword, authorization } from './fixtures.js';
import { atPassword } from './password-rig.js';

describe('password', () => {
  it('shows waitPassword with the hint and whether recovery is possible', async () => {
    const { engine } = await atPassword({});
    expect(engine.getSnapshot()).toMatchInlineSnapshot(`
      {
        "busy": false,
        "hint": "pet name",
        "recoveryAvailable": true,
        "status": "waitPassword",
      }
    `);
  });

  it('PASSWORD_HASH_INVALID: back to waitPassword with the error and fresh SRP parameters; then success', async () => {
    const seen: string[] = [];
    const { engine, rpc } = await atPassword(
      { 'auth.checkPassword': [rpcError(400, 'PASSWORD_HASH_INVALID'), authorization()] },
      seen,
    );
    engine.send({ type: 'password.submit', password: 'wrong' });
    await settle();
    await settle();
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitPassword',
      busy: false,
      error: { type: 'PASSWORD_HASH_INVALID', retryable: true },
    });
    expect(rpc.callsOf('account.getPassword')).toHaveLength(2);
    expect(rpc.callsOf('auth.checkPassword')).toHaveLength(1);
    engine.send({ type: 'password.submit', password: 'right' });
    await settle();
    await settle();
    const checks = rpc.callsOf('auth.checkPassword').map((c) => c.request);
    // The second check uses the refetched srp_id: srp_B is single use.
    expect(checks[1]).toMatchObject({ password: { _: 'inputCheckPasswordSRP', srpId: 2n } });
    expect(seen).toEqual(['wrong', 'right']);
    expect(engine.getSnapshot().status).toBe('ready');
  });

  it('SRP_ID_INVALID: refetches, shows the error, and does not re-send the password by itself', async () => {
    const { engine, rpc } = await atPassword({ 'auth.checkPassword': [rpcError(400, 'SRP_ID_INVALID')] });
    engine.send({ type: 'password.submit', password: 'pw' });
    await settle();
    await settle();
    await settle();
    expect(rpc.callsOf('auth.checkPassword')).toHaveLength(1);
    expect(rpc.callsOf('account.getPassword')).toHaveLength(2);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPassword', error: { type: 'SRP_ID_INVALID' } });
  });

  it('after account.getPassword failed, one submit fetches the parameters and checks the password', async () => {
    const seen: string[] = [];
    const { engine, rpc } = await atPassword(
      {
        'account.getPassword': [rpcError(500, 'INTERNAL_SERVER_ERROR'), accountPassword(2n)],
        'auth.checkPassword': [authorization()],
      },
      seen,
    );
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPassword', error: { type: 'INTERNAL_SERVER_ERROR' } });
    engine.send({ type: 'password.submit', password: 'right' });
    // busy at once, and the old error is gone while the parameters are fetched
    expect(engine.getSnapshot()).toEqual({ status: 'waitPassword', busy: true, recoveryAvailable: false });
    await settle();
    await settle();
    expect(rpc.callsOf('account.getPassword')).toHaveLength(2);
    expect(rpc.callsOf('auth.checkPassword')[0]?.request).toMatchObject({ password: { srpId: 2n } });
    expect(seen).toEqual(['right']);
    expect(engine.getSnapshot().status).toBe('ready');
  });

  it('a wrong password whose refetch fails keeps PASSWORD_HASH_INVALID; the next submit fetches first', async () => {
    const { engine, rpc } = await atPassword({
      'account.getPassword': [accountPassword(1n), rpcError(500, 'INTERNAL_SERVER_ERROR'), accountPassword(3n)],
      'auth.checkPassword': [rpcError(400, 'PASSWORD_HASH_INVALID'), authorization()],
    });
    engine.send({ type: 'password.submit', password: 'wrong' });
    await settle();
    await settle();
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPassword', hint: 'pet name', error: { type: 'PASSWORD_HASH_INVALID' } });
    engine.send({ type: 'password.submit', password: 'right' });
    await settle();
    await settle();
    // never the used srp_id 1 again: the parameters are fetched, then checked
    expect(rpc.callsOf('auth.checkPassword').map((c) => c.request)).toMatchObject([
      { password: { srpId: 1n } },
      { password: { srpId: 3n } },
    ]);
    expect(engine.getSnapshot().status).toBe('ready');
  });


  it('checkPassword answering authorizationSignUpRequired shows SIGN_UP_REQUIRED (start over), not an idle form', async () => {
    const { engine } = await atPassword({ 'auth.checkPassword': [{ _: 'auth.authorizationSignUpRequired' }] });
    engine.send({ type: 'password.submit', password: 'pw' });
    await settle();
    await settle();
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitPassword',
      busy: false,
      error: { type: 'SIGN_UP_REQUIRED', retryable: false },
    });
    engine.send({ type: 'phone.edit' });
    await settle();
    expect(engine.getSnapshot()).toEqual({ status: 'waitPhoneNumber', busy: false });
  });

  it('recoverPassword answering authorizationSignUpRequired shows SIGN_UP_REQUIRED on the recovery screen', async () => {
    const { engine } = await atPassword({
      'auth.requestPasswordRecovery': [{ _: 'auth.passwordRecovery', emailPattern: 'a***@example.com' }],
      'auth.checkRecoveryPassword': [true],
      'auth.recoverPassword': [{ _: 'auth.authorizationSignUpRequired' }],
    });
    engine.send({ type: 'recovery.request' });
    await settle();
    engine.send({ type: 'recovery.submit', code: '123456' });
    await settle();
    await settle();
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitPasswordRecovery',
      busy: false,
      error: { type: 'SIGN_UP_REQUIRED', retryable: false },
    });
  });

  it('recovery without a new password: request -> code -> check -> recover -> ready', async () => {
    const { engine, rpc } = await atPassword({
      'auth.requestPasswordRecovery': [{ _: 'auth.passwordRecovery', emailPattern: 'a***@example.com' }],
      'auth.checkRecoveryPassword': [false, true],
      'auth.recoverPassword': [authorization()],
    });
    engine.send({ type: 'recovery.request' });
    await settle();
    expect(engine.getSnapshot()).toMatchInlineSnapshot(`
      {
        "busy": false,
        "emailPattern": "a***@example.com",
        "status": "waitPasswordRecovery",
      }
    `);
    engine.send({ type: 'recovery.submit', code: '000000' });
    await settle();
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPasswordRecovery', error: { type: 'CODE_INVALID' } });
    expect(rpc.callsOf('auth.recoverPassword')).toHaveLength(0);
    engine.send({ type: 'recovery.submit', code: '123456' });
    await settle();
    await settle();
    expect(rpc.callsOf('auth.recoverPassword')[0]?.request).toEqual({ _: 'auth.recoverPassword', code: '123456' });
    expect(engine.getSnapshot().status).toBe('ready');
  });

  it('recovery with a new password sends new_settings: salt1 extended by 32 random bytes, pad256(v), hint', async () => {
    const { engine, rpc } = await atPassword({
      'auth.requestPasswordRecovery': [{ _: 'auth.passwordRecovery', emailPattern: 'a***@example.com' }],
      'auth.checkRecoveryPassword': [true],
      'auth.recoverPassword': [authorization()],
    });
    engine.send({ type: 'recovery.request' });
    await settle();
    engine.send({ type: 'recovery.submit', code: '123456', newPassword: 'new pw', newHint: 'new hint' });
    await settle();
    await settle();
    const req = rpc.callsOf('auth.recoverPassword')[0]?.request as {
      newSettings: { newAlgo: { salt1: Uint8Array }; newPasswordHash: Uint8Array; hint: string };
    };
    expect(req.newSettings.newAlgo.salt1).toHaveLength(2 + 32);
    expect(req.newSettings.newPasswordHash).toHaveLength(256);
    expect(new TextDecoder().decode(req.newSettings.newPasswordHash.subarray(256 - 8))).toBe('v:new pw');
    expect(req.newSettings.hint).toBe('new hint');
    expect(engine.getSnapshot().status).toBe('ready');
  });

  it('recovery.request is rejected when the account has no recovery e-mail', async () => {
    const { engine, rejected, rpc } = await atPassword({
      'account.getPassword': [{ ...accountPassword(1n), hasRecovery: false }],
    });
    engine.send({ type: 'recovery.request' });
    await settle();
    expect(rejected).toEqual(['recovery.request']);
    expect(rpc.callsOf('auth.requestPasswordRecovery')).toHaveLength(0);
  });

  it('never keeps the password: not in the persisted snapshot, and the secret is wiped after use', async () => {
    const { engine } = await atPassword({ 'auth.checkPassword': [new Promise(() => undefined)] });
    engine.send({ type: 'password.submit', password: 'hunter2' });
    await settle();
    const persisted = JSON.stringify(engine.actor.getPersistedSnapshot(), (_k, v: unknown) =>
      typeof v === 'bigint' ? String(v) : v instanceof Uint8Array ? [...v] : v,
    );
    expect(persisted).toContain('[secret]');
    expect(persisted).not.toContain('hunter2');
  });
});
