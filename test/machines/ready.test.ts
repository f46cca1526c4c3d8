/** `ready` actions (core.telegram.org/api/qr-login approve, core.telegram.org/method/auth.logOut): qr.approve, authorizations.reset, logOut keeping the future token. */
import { describe, expect, it } from 'vitest';
import { encodeSession, memoryStore } from '../../src/machines/index.js';
import { appCode, user } from './fixtures.js';
import { flowRig } from './flow-rig.js';
import { rpcError } from './harness.js';

const loggedIn = () => memoryStore(encodeSession({ homeDcId: 4, user: { id: '777001', premium: false, bot: false }, futureAuthTokens: [] }));
const device = {
  _: 'authorization',
  hash: 1n,
  deviceModel: 'Pixel',
  platform: 'Android',
  systemVersion: '15',
  apiId: 6,
  appName: 'Telegram Android',
  appVersion: '11.0',
  dateCreated: 1767225600,
  dateActive: 1767225600,
  ip: '127.0.0.1',
  country: 'Local',
  region: '',
};

describe('ready', () => {
  it('qr.approve: acceptLoginToken on the home DC with the decoded token; the device shows in the view', async () => {
    const r = await flowRig({ 'auth.acceptLoginToken': () => device }, { store: loggedIn() });
    await r.send({ type: 'qr.approve', link: 'tg://login?token=Afv_' });
    expect(r.rpc.callsOf('auth.acceptLoginToken')).toEqual([
      { dcId: 4, request: { _: 'auth.acceptLoginToken', token: new Uint8Array([1, 0xfb, 0xff]) } },
    ]);
    expect(r.view()).toMatchInlineSnapshot(`
      {
        "approvedDevice": {
          "appName": "Telegram Android",
          "appVersion": "11.0",
          "country": "Local",
          "dateCreated": 1767225600,
          "deviceModel": "Pixel",
          "ip": "127.0.0.1",
          "platform": "Android",
          "region": "",
          "systemVersion": "15",
        },
        "busy": false,
        "status": "ready",
        "user": {
          "bot": false,
          "id": "777001",
          "premium": false,
        },
      }
    `);
  });

  it.each(['https://t.me/login/12345', 'tg://login?token=', 'tg://login?token=a+b', 'tg://resolve?domain=x', 'hello'])(
    'qr.approve refuses the malformed link %s before sending anything',
    async (link) => {
      const r = await flowRig({ 'auth.acceptLoginToken': () => device }, { store: loggedIn() });
      await r.send({ type: 'qr.approve', link });
      expect(r.rpc.callsOf('auth.acceptLoginToken')).toHaveLength(0);
      expect(r.view()).toMatchObject({ status: 'ready', busy: false, error: { type: 'QR_LINK_INVALID' } });
    },
  );

  it('qr.approve of an expired token shows AUTH_TOKEN_EXPIRED and stays ready', async () => {
    const r = await flowRig({ 'auth.acceptLoginToken': () => rpcError(400, 'AUTH_TOKEN_EXPIRED') }, { store: loggedIn() });
    await r.send({ type: 'qr.approve', link: 'tg:login?token=AQID' });
    expect(r.view()).toMatchObject({ status: 'ready', error: { type: 'AUTH_TOKEN_EXPIRED' } });
    expect(r.view()).not.toHaveProperty('approvedDevice');
  });

  it('authorizations.reset: resetAuthorizations on the home DC; errors (fresh session) are shown', async () => {
    let fresh = true;
    const r = await flowRig(
      { 'auth.resetAuthorizations': () => (fresh ? rpcError(406, 'FRESH_RESET_AUTHORISATION_FORBIDDEN') : true) },
      { store: loggedIn() },
    );
    await r.send({ type: 'authorizations.reset' });
    expect(r.view()).toMatchObject({ status: 'ready', error: { type: 'FRESH_RESET_AUTHORISATION_FORBIDDEN' } });
    fresh = false;
    await r.send({ type: 'authorizations.reset' });
    expect(r.rpc.callsOf('auth.resetAuthorizations').map((c) => c.dcId)).toEqual([4, 4]);
    expect(r.view()).toEqual({ status: 'ready', busy: false, user: { id: '777001', premium: false, bot: false }, otherSessionsReset: true });
  });

  it('logOut keeps the future_auth_token and the next sendCode carries it as logout_tokens', async () => {
    const future = new Uint8Array([0xf0, 0x0d]);
    const r = await flowRig(
      { 'auth.logOut': () => ({ _: 'auth.loggedOut', futureAuthToken: future }), 'auth.sendCode': () => appCode },
      { store: loggedIn() },
    );
    await r.send({ type: 'logout.request' });
    expect(r.view()).toEqual({ status: 'waitPhoneNumber', busy: false });
    expect(r.session.current.user).toBeUndefined();
    await r.send({ type: 'phone.submit', phone: user.phone! });
    const sent = r.rpc.callsOf('auth.sendCode')[0]?.request as { settings: { logoutTokens?: Uint8Array[] } };
    expect(sent.settings.logoutTokens).toEqual([future]);
  });
});
