/** Bot login (core.telegram.org/method/auth.importBotAuthorization) through the root: importBotAuthorization, USER_MIGRATE followed, token sealed and wiped. */
import { describe, expect, it } from 'vitest';
import { authorization, user } from './fixtures.js';
import { flowRig } from './flow-rig.js';
import { rpcError } from './harness.js';

const bot = authorization({ user: { ...user, id: 424242n, bot: true, firstName: 'Robo', phone: undefined } });

describe('bot login', () => {
  it('imports on DC 2, follows USER_MIGRATE_3 and makes DC 3 home', async () => {
    const r = await flowRig({
      'auth.importBotAuthorization': (_req: unknown, dcId: number) => (dcId === 3 ? bot : rpcError(303, 'USER_MIGRATE_3')),
    });
    await r.send({ type: 'bot.submit', token: '424242:AAE-secret' });
    expect(r.rpc.callsOf('auth.importBotAuthorization')).toEqual([
      { dcId: 2, request: { _: 'auth.importBotAuthorization', flags: 0, apiId: 12345, apiHash: 'hash', botAuthToken: '424242:AAE-secret' } },
      { dcId: 3, request: { _: 'auth.importBotAuthorization', flags: 0, apiId: 12345, apiHash: 'hash', botAuthToken: '424242:AAE-secret' } },
    ]);
    expect(r.view()).toMatchObject({ status: 'ready', user: { id: '424242', bot: true } });
    expect(r.session.current.homeDcId).toBe(3);
    expect(r.persisted()).not.toContain('AAE-secret');
  });

  it('a bad token goes back to the number screen with the error', async () => {
    const r = await flowRig({ 'auth.importBotAuthorization': () => rpcError(400, 'ACCESS_TOKEN_INVALID') });
    await r.send({ type: 'bot.submit', token: '1:x' });
    expect(r.view()).toMatchObject({ status: 'waitPhoneNumber', busy: false, error: { type: 'ACCESS_TOKEN_INVALID' } });
  });

  it('is busy while importing and rejects other commands', async () => {
    const r = await flowRig({ 'auth.importBotAuthorization': () => new Promise(() => undefined) });
    await r.send({ type: 'bot.submit', token: '1:x' });
    expect(r.view()).toEqual({ status: 'waitPhoneNumber', busy: true });
    await r.send({ type: 'phone.submit', phone: '9996621234' });
    expect(r.rejected).toEqual(['phone.submit']);
    r.stop();
  });
});
