/** QR login through the root (core.telegram.org/api/qr-login): expiry re-export on the manual clock, updateLoginToken, migrate with and without 2FA. */
import { describe, expect, it } from 'vitest';
import { accountPassword, authorization } from './fixtures.js';
import { flowRig } from './flow-rig.js';
import { rpcError } from './harness.js';

const T0 = Date.UTC(2026, 0, 1) / 1000;
const loginToken = (n: number, expires = T0 + 30) => ({ _: 'auth.loginToken', expires, token: new Uint8Array([n, 0xfb, 0xff]) });
const accepted = { _: 'updateShort', update: { _: 'updateLoginToken' }, date: T0 };

describe('QR login', () => {
  it('shows the tg://login link with its expiry, sends except_ids, and re-exports only when it expires', async () => {
    let n = 0;
    // Tokens live 30 s, then 45 s: the redraw follows each token's own `expires`.
    const r = await flowRig({ 'auth.exportLoginToken': () => (++n, loginToken(n, n === 1 ? T0 + 30 : T0 + 30 + 45 * (n - 1))) });
    await r.send({ type: 'qr.start', exceptIds: [42n] });
    expect(r.view()).toMatchInlineSnapshot(`
      {
        "busy": false,
        "expiresAt": 1767225630,
        "link": "tg://login?token=Afv_",
        "status": "waitQrConfirmation",
      }
    `);
    expect(r.rpc.callsOf('auth.exportLoginToken')[0]).toEqual({
      dcId: 2,
      request: { _: 'auth.exportLoginToken', apiId: 12345, apiHash: 'hash', exceptIds: [42n] },
    });
    await r.advance(29_999);
    expect(r.rpc.callsOf('auth.exportLoginToken')).toHaveLength(1);
    await r.advance(1);
    expect(r.rpc.callsOf('auth.exportLoginToken')).toHaveLength(2);
    expect(r.view()).toMatchObject({ link: 'tg://login?token=Avv_', expiresAt: T0 + 75 });
    await r.advance(30_000);
    expect(r.rpc.callsOf('auth.exportLoginToken')).toHaveLength(2);
    await r.advance(14_999);
    expect(r.rpc.callsOf('auth.exportLoginToken')).toHaveLength(2);
    await r.advance(1);
    expect(r.rpc.callsOf('auth.exportLoginToken')).toHaveLength(3);
    r.stop();
  });

  it('exports again on updateLoginToken and logs in on the same DC', async () => {
    const r = await flowRig({
      'auth.exportLoginToken': (() => {
        const answers = [loginToken(1), { _: 'auth.loginTokenSuccess', authorization: authorization() }];
        let i = 0;
        return () => answers[Math.min(i++, 1)];
      })(),
    });
    await r.send({ type: 'qr.start' });
    r.updates.next({ dcId: 2, update: accepted as never });
    await r.advance(0);
    expect(r.rpc.callsOf('auth.exportLoginToken')).toHaveLength(2);
    expect(r.view()).toMatchObject({ status: 'ready', user: { id: '777001', firstName: 'Ada' } });
    expect(r.session.current).toMatchObject({ homeDcId: 2, user: { id: '777001' } });
  });

  it('an update stream that fails does not end the flow: the code is exported again every 5 s until accepted', async () => {
    let accepted = false;
    let n = 0;
    const r = await flowRig({
      'auth.exportLoginToken': () => (accepted ? { _: 'auth.loginTokenSuccess', authorization: authorization() } : loginToken(++n)),
    });
    await r.send({ type: 'qr.start' });
    // With the stream alive nothing is asked before the token expires (the 30 s test above); once it fails, polling starts.
    await r.advance(4_000);
    r.updates.error(new Error('host update stream closed'));
    await r.advance(0);
    expect(r.view()).toEqual({ status: 'waitQrConfirmation', busy: false, expiresAt: T0 + 30, link: 'tg://login?token=Afv_' });
    await r.advance(999);
    expect(r.rpc.callsOf('auth.exportLoginToken')).toHaveLength(1);
    await r.advance(1);
    expect(r.rpc.callsOf('auth.exportLoginToken')).toHaveLength(2);
    expect(r.view()).toMatchObject({ status: 'waitQrConfirmation', busy: false, link: 'tg://login?token=Avv_' });
    accepted = true;
    await r.advance(5_000);
    expect(r.rpc.callsOf('auth.exportLoginToken')).toHaveLength(3);
    expect(r.view()).toMatchObject({ status: 'ready', user: { id: '777001' } });
    r.stop();
  });

  it('follows loginTokenMigrateTo: importLoginToken on the user DC, which becomes home', async () => {
    const r = await flowRig({
      'auth.exportLoginToken': (() => {
        let i = 0;
        return () => (i++ === 0 ? loginToken(1) : { _: 'auth.loginTokenMigrateTo', dcId: 4, token: new Uint8Array([9, 9]) });
      })(),
      'auth.importLoginToken': () => ({ _: 'auth.loginTokenSuccess', authorization: authorization() }),
    });
    await r.send({ type: 'qr.start' });
    r.updates.next({ dcId: 2, update: { _: 'updates', updates: [{ _: 'updateLoginToken' }] } as never });
    await r.advance(0);
    expect(r.rpc.callsOf('auth.importLoginToken')).toEqual([{ dcId: 4, request: { _: 'auth.importLoginToken', token: new Uint8Array([9, 9]) } }]);
    expect(r.view()).toMatchObject({ status: 'ready' });
    expect(r.session.current.homeDcId).toBe(4);
  });

  it('migrate with 2FA: SESSION_PASSWORD_NEEDED from importLoginToken runs the password machine on the user DC', async () => {
    const r = await flowRig({
      'auth.exportLoginToken': (() => {
        let i = 0;
        return () => (i++ === 0 ? loginToken(1) : { _: 'auth.loginTokenMigrateTo', dcId: 4, token: new Uint8Array([9]) });
      })(),
      'auth.importLoginToken': () => rpcError(401, 'SESSION_PASSWORD_NEEDED'),
      'account.getPassword': () => accountPassword(5n),
      'auth.checkPassword': () => authorization(),
    });
    await r.send({ type: 'qr.start' });
    r.updates.next({ dcId: 2, update: accepted as never });
    await r.advance(0);
    expect(r.view()).toMatchObject({ status: 'waitPassword', hint: 'pet name' });
    expect(r.rpc.callsOf('account.getPassword')[0]?.dcId).toBe(4);
    await r.send({ type: 'password.submit', password: 'secret' });
    expect(r.rpc.callsOf('auth.checkPassword')[0]?.dcId).toBe(4);
    expect(r.view()).toMatchObject({ status: 'ready' });
    expect(r.session.current.homeDcId).toBe(4);
  });

  it('AUTH_TOKEN_EXPIRED while migrating exports a fresh token instead of failing', async () => {
    const r = await flowRig({
      'auth.exportLoginToken': (() => {
        let i = 0;
        return () => {
          i++;
          return i === 2 ? { _: 'auth.loginTokenMigrateTo', dcId: 4, token: new Uint8Array([9]) } : loginToken(i, T0 + 30 * i);
        };
      })(),
      'auth.importLoginToken': () => rpcError(400, 'AUTH_TOKEN_EXPIRED'),
    });
    await r.send({ type: 'qr.start' });
    r.updates.next({ dcId: 2, update: accepted as never });
    await r.advance(0);
    expect(r.rpc.callsOf('auth.importLoginToken')).toHaveLength(1);
    expect(r.rpc.callsOf('auth.exportLoginToken').map((c) => c.dcId)).toEqual([2, 2, 2]);
    expect(r.view()).toMatchObject({ status: 'waitQrConfirmation', busy: false, link: 'tg://login?token=A_v_' });
    expect(r.view()).not.toHaveProperty('error');
  });

  it('switches between phone and QR at any wait state, and shows export errors', async () => {
    const r = await flowRig({
      'auth.exportLoginToken': () => rpcError(400, 'API_ID_INVALID'),
      'auth.sendCode': () => ({
        _: 'auth.sentCode',
        type: { _: 'auth.sentCodeTypeApp', length: 5 },
        phoneCodeHash: 'h',
      }),
    });
    await r.send({ type: 'phone.submit', phone: '9996621234' });
    expect(r.view().status).toBe('waitCode');
    await r.send({ type: 'qr.start' });
    expect(r.view()).toMatchObject({ status: 'waitQrConfirmation', busy: false, error: { type: 'API_ID_INVALID' } });
    await r.send({ type: 'phone.start' });
    expect(r.view()).toEqual({ status: 'waitPhoneNumber', busy: false });
    await r.send({ type: 'qr.approve', link: 'tg://login?token=AAAA' });
    expect(r.rejected).toEqual(['qr.approve']);
  });

  it('never puts token bytes in the view or in the persisted snapshot (only the link)', async () => {
    const r = await flowRig({
      'auth.exportLoginToken': (() => {
        let i = 0;
        return () => (i++ === 0 ? loginToken(1) : { _: 'auth.loginTokenMigrateTo', dcId: 4, token: new Uint8Array([0xde, 0xad]) });
      })(),
      'auth.importLoginToken': () => new Promise(() => undefined),
    });
    await r.send({ type: 'qr.start' });
    r.updates.next({ dcId: 2, update: accepted as never });
    await r.advance(0);
    expect(r.view()).toEqual({ status: 'waitQrConfirmation', busy: true });
    const persisted = r.persisted();
    expect(persisted).toContain('[secret]');
    expect(persisted).not.toContain('3q0'); // base64url of de ad
    expect(persisted).not.toContain('"0":222');
    r.stop();
  });
});
