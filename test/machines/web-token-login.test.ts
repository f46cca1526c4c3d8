/** Web token login (core.telegram.org/method/auth.importWebTokenAuthorization) through the root: importWebTokenAuthorization on the DC the host names. */
import { describe, expect, it } from 'vitest';
import { authorization } from './fixtures.js';
import { flowRig } from './flow-rig.js';
import { rpcError } from './harness.js';

describe('web token login', () => {
  it('imports on the DC the host names, which becomes home', async () => {
    const r = await flowRig({ 'auth.importWebTokenAuthorization': () => authorization() });
    await r.send({ type: 'webToken.submit', token: 'web-token-1', dcId: 5 });
    expect(r.rpc.callsOf('auth.importWebTokenAuthorization')).toEqual([
      { dcId: 5, request: { _: 'auth.importWebTokenAuthorization', apiId: 12345, apiHash: 'hash', webAuthToken: 'web-token-1' } },
    ]);
    expect(r.view()).toMatchObject({ status: 'ready', user: { id: '777001' } });
    expect(r.session.current.homeDcId).toBe(5);
  });

  it('follows USER_MIGRATE when the host named the wrong DC', async () => {
    const r = await flowRig({
      'auth.importWebTokenAuthorization': (_r: unknown, dcId: number) => (dcId === 1 ? authorization() : rpcError(303, 'USER_MIGRATE_1')),
    });
    await r.send({ type: 'webToken.submit', token: 't', dcId: 5 });
    expect(r.rpc.callsOf('auth.importWebTokenAuthorization').map((c) => c.dcId)).toEqual([5, 1]);
    expect(r.session.current.homeDcId).toBe(1);
  });

  it('an expired token shows WEBAUTH_TOKEN_EXPIRED on the number screen', async () => {
    const r = await flowRig({ 'auth.importWebTokenAuthorization': () => rpcError(400, 'WEBAUTH_TOKEN_EXPIRED') });
    await r.send({ type: 'webToken.submit', token: 't', dcId: 2 });
    expect(r.view()).toMatchInlineSnapshot(`
      {
        "busy": false,
        "error": {
          "code": "token.invalid",
          "detail": "400 WEBAUTH_TOKEN_EXPIRED",
          "message": "This token is not valid or has expired.",
          "retryable": false,
          "type": "WEBAUTH_TOKEN_EXPIRED",
        },
        "status": "waitPhoneNumber",
      }
    `);
  });
});
