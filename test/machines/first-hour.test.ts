/**
 * Issue 23, the engine as a newcomer meets it: options checked at construction, typed input refused
 * on the spot with a reason, errors with a stable code and a sentence (translatable), and the
 * engine's own commands never reported to the host's `command.rejected` listener.
 */
import { describe, expect, it } from 'vitest';
import { NEVER } from 'rxjs';
import { AuthOptionsError, createAuthEngine, encodeSession, memoryStore, ERROR_MESSAGES, type AuthEngineOptions, type CommandRejection } from '../../src/machines/index.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { appCode } from './fixtures.js';
import { queued, rig, rpcError, settle } from './harness.js';

const dial = (() => {
  throw new Error('not dialled');
}) as unknown as AuthEngineOptions['dial'];

describe('createAuthEngine checks its options at construction', () => {
  const base = { apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef', dial, clock: new ManualClock(), dcs: 'test' as const };
  it.each([
    ['apiId', { apiId: Number(undefined) }],
    ['apiId', { apiId: 1.5 }],
    ['apiId', { apiId: 2 ** 31 }],
    ['apiHash', { apiHash: '' }],
    ['dcs', { dcs: undefined }],
    ['dcs', { dcs: 'staging' }],
    ['dcs', { dcs: [{ id: 0 }] }],
    ['dial', { dial: undefined }],
    ['clock', { clock: undefined }],
    ['store', { store: {} }],
    ['pfs', { pfs: { tempKeyTtlSeconds: -1 } }],
    ['transport.pingIntervalMs', { transport: { pingIntervalMs: Number.NaN } }],
    ['messages', { messages: { 'code.invalid': 42 } }],
  ])('%s: %j', (option, change) => {
    const options = { ...base, ...change } as unknown as AuthEngineOptions;
    let thrown: unknown;
    try {
      createAuthEngine(options).stop();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AuthOptionsError);
    expect(thrown).toMatchObject({ code: 'options.invalid', option });
    expect((thrown as Error).message).toContain(`\`${option}\``);
  });

  it('a missing dcs never means production: the message says how to choose', () => {
    expect(() => createAuthEngine({ ...base, dcs: undefined } as unknown as AuthEngineOptions)).toThrow(/'production' or 'test'.*tgauth sim/);
  });

  it('accepts a host rpc without dial, clock or dcs', () => {
    createAuthEngine({ apiId: 1, apiHash: 'x', rpc: { invoke: () => NEVER, updates$: NEVER } }).stop();
  });
});

describe('typed input is checked before it leaves the device', () => {
  it.each(['abc', '', '   ', '+1 555 CALL NOW', '12'])('phone.submit %j: refused with phone.invalid, shown in the view', async (phone) => {
    const r = await rig(queued({ 'auth.sendCode': [appCode] }));
    const heard: CommandRejection[] = [];
    r.engine.on('command.rejected', (e) => heard.push(e));
    r.engine.send({ type: 'phone.submit', phone });
    await settle();
    expect(r.rpc.calls).toEqual([]);
    expect(heard).toEqual([{ type: 'command.rejected', command: 'phone.submit', reason: 'phone.invalid', message: ERROR_MESSAGES['phone.invalid'] }]);
    expect(r.engine.getSnapshot()).toMatchObject({ status: 'waitPhoneNumber', busy: false, error: { code: 'phone.invalid', message: ERROR_MESSAGES['phone.invalid'] } });
    // A good number goes through and the refusal is gone.
    r.engine.send({ type: 'phone.submit', phone: '+999 662 1234' });
    await settle();
    expect(r.engine.getSnapshot()).toMatchObject({ status: 'waitCode' });
    expect(r.engine.getSnapshot().error).toBeUndefined();
  });

  it.each([
    ['', 'code.empty'],
    ['  ', 'code.empty'],
    ['12a45', 'code.format'],
  ] as const)('code.submit %j: refused with %s, no auth.signIn', async (code, reason) => {
    const r = await rig(queued({ 'auth.sendCode': [appCode] }));
    r.engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    r.engine.send({ type: 'code.submit', code });
    await settle();
    expect(r.rpc.callsOf('auth.signIn')).toEqual([]);
    expect(r.engine.getSnapshot()).toMatchObject({ status: 'waitCode', error: { code: reason } });
    await r.tick(3);
    expect(r.engine.getSnapshot()).toMatchObject({ status: 'waitCode', error: { code: reason } });
  });

  it('a code typed with spaces is sent as its digits', async () => {
    const r = await rig(queued({ 'auth.sendCode': [appCode], 'auth.signIn': [rpcError(400, 'PHONE_CODE_INVALID')] }));
    r.engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    r.engine.send({ type: 'code.submit', code: ' 22 222 ' });
    await settle();
    expect(r.rpc.callsOf('auth.signIn')[0]?.request).toMatchObject({ phoneCode: '22222' });
  });

  it('an out-of-place command is rejected with command.unexpected and a sentence', async () => {
    const r = await rig({});
    const heard: CommandRejection[] = [];
    r.engine.on('command.rejected', (e) => heard.push(e));
    r.engine.send({ type: 'code.resend' });
    expect(heard).toEqual([{ type: 'command.rejected', command: 'code.resend', reason: 'command.unexpected', message: 'code.resend is not possible on this screen.' }]);
  });
});

describe('view errors: a stable code and a sentence', () => {
  it('PHONE_CODE_INVALID reads as a sentence; the raw error stays in type and detail', async () => {
    const r = await rig(queued({ 'auth.sendCode': [appCode], 'auth.signIn': [rpcError(400, 'PHONE_CODE_INVALID')] }));
    r.engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    r.engine.send({ type: 'code.submit', code: '11111' });
    await settle();
    expect(r.engine.getSnapshot().error).toEqual({
      type: 'PHONE_CODE_INVALID',
      code: 'code.invalid',
      message: 'This code is wrong: check it and type it again.',
      detail: '400 PHONE_CODE_INVALID',
      retryable: true,
    });
  });

  it('messages replace the sentences (translation), flood waits keep counting in them', async () => {
    const r = await rig(queued({ 'auth.sendCode': [rpcError(420, 'FLOOD_WAIT_3')] }), {
      messages: { 'flood.wait': 'Zu viele Versuche: {seconds} s warten.', 'phone.invalid': 'Ungültige Nummer.' },
    });
    r.engine.send({ type: 'phone.submit', phone: 'x' });
    expect(r.engine.getSnapshot().error?.message).toBe('Ungültige Nummer.');
    r.engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    expect(r.engine.getSnapshot().error).toMatchObject({ code: 'flood.wait', message: 'Zu viele Versuche: 3 s warten.' });
    await r.tick(1);
    expect(r.engine.getSnapshot().error?.message).toBe('Zu viele Versuche: 2 s warten.');
  });
});

describe("the engine's own commands are not the user's", () => {
  it('a host call that finds the login gone during a logout reports no rejected logout.request', async () => {
    const store = memoryStore(
      encodeSession({ homeDcId: 2, user: { id: '42', firstName: 'Ann', premium: false, bot: false }, futureAuthTokens: [] }),
    );
    const r = await rig(
      {
        'auth.logOut': () => new Promise(() => undefined),
        'help.getConfig': () => rpcError(401, 'AUTH_KEY_UNREGISTERED'),
      },
      { store },
    );
    const heard: CommandRejection[] = [];
    r.engine.on('command.rejected', (e) => heard.push(e));
    expect(r.engine.getSnapshot().status).toBe('ready');
    r.engine.send({ type: 'logout.request' });
    await settle();
    await expect(r.engine.invoke({ _: 'help.getConfig' })).rejects.toThrow(/AUTH_KEY_UNREGISTERED/);
    await settle();
    expect(heard).toEqual([]);
  });
});
