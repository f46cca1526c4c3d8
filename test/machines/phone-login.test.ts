/** The phone flow through the engine: stub RPC answers per method, manual clock for every timer. */
import { describe, expect, it } from 'vitest';
import type { TlMethodOf } from '../../src/tl/index.js';
import { encodeSession, memoryStore } from '../../src/machines/index.js';
import { appCode, authorization, sentCode } from './fixtures.js';
import { queued, rig, rpcError, settle } from './harness.js';

describe('phone login', () => {
  it('starts in waitPhoneNumber after an empty session', async () => {
    const { engine } = await rig({});
    expect(engine.getSnapshot()).toMatchInlineSnapshot(`
      {
        "busy": false,
        "status": "waitPhoneNumber",
      }
    `);
  });

  it('sends codeSettings with the host options and the stored future tokens as logout_tokens', async () => {
    const store = memoryStore(encodeSession({ homeDcId: 2, futureAuthTokens: [new Uint8Array([0xaa, 0xbb])] }));
    const { engine, rpc } = await rig(queued({ 'auth.sendCode': [appCode] }), {
      store,
      codeSettings: { allowFlashcall: true, currentNumber: true, allowMissedCall: true, allowAppHash: true },
    });
    engine.send({ type: 'phone.submit', phone: '+999 662 1234' });
    await settle();
    const [call] = rpc.callsOf('auth.sendCode');
    expect(call?.dcId).toBe(2);
    expect(call?.request).toEqual({
      _: 'auth.sendCode',
      phoneNumber: '+999 662 1234',
      apiId: 12345,
      apiHash: 'hash',
      settings: {
        _: 'codeSettings',
        allowFlashcall: true,
        currentNumber: true,
        allowAppHash: true,
        allowMissedCall: true,
        logoutTokens: [new Uint8Array([0xaa, 0xbb])],
      },
    });
  });

  it('shows waitCode with the resend countdown on the injected clock, and honours next_type', async () => {
    const smsCode = sentCode({ _: 'auth.sentCodeTypeSms', length: 5 }, { phoneCodeHash: 'hash-2', nextType: { _: 'auth.codeTypeCall' }, timeout: 2 });
    const { engine, rpc, tick, rejected } = await rig(queued({ 'auth.sendCode': [appCode], 'auth.resendCode': [smsCode] }));
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    expect(engine.getSnapshot()).toMatchInlineSnapshot(`
      {
        "busy": false,
        "codeInfo": {
          "length": 5,
          "type": "app",
        },
        "nextType": "sms",
        "phone": "9996621234",
        "resendInSeconds": 3,
        "status": "waitCode",
      }
    `);
    engine.send({ type: 'code.resend' });
    await settle();
    expect(rejected).toEqual(['code.resend']);
    expect(rpc.callsOf('auth.resendCode')).toHaveLength(0);
    await tick(1);
    expect(engine.getSnapshot()).toMatchObject({ resendInSeconds: 2 });
    await tick(2);
    expect(engine.getSnapshot()).toMatchObject({ resendInSeconds: 0 });
    engine.send({ type: 'code.resend' });
    await settle();
    expect(rpc.callsOf('auth.resendCode')[0]?.request).toEqual({
      _: 'auth.resendCode',
      phoneNumber: '9996621234',
      phoneCodeHash: 'hash-1',
    });
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', codeInfo: { type: 'sms' }, nextType: 'call', resendInSeconds: 2 });
  });

  it('shows a wrong code once and never re-sends it; the right code reaches ready', async () => {
    const { engine, rpc } = await rig(
      queued({
        'auth.sendCode': [appCode],
        'auth.signIn': [rpcError(400, 'PHONE_CODE_INVALID'), authorization({ futureAuthToken: new Uint8Array([9]) })],
      }),
    );
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    engine.send({ type: 'code.submit', code: '11111' });
    await settle();
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitCode',
      busy: false,
      error: { type: 'PHONE_CODE_INVALID', retryable: true },
    });
    await settle();
    expect(rpc.callsOf('auth.signIn')).toHaveLength(1);
    engine.send({ type: 'code.submit', code: '22222' });
    await settle();
    expect(rpc.callsOf('auth.signIn')[1]?.request).toEqual({
      _: 'auth.signIn',
      phoneNumber: '9996621234',
      phoneCodeHash: 'hash-1',
      phoneCode: '22222',
    });
    expect(engine.getSnapshot()).toMatchInlineSnapshot(`
      {
        "busy": false,
        "status": "ready",
        "user": {
          "bot": false,
          "firstName": "Ada",
          "id": "777001",
          "lastName": "Lovelace",
          "phone": "9996621234",
          "premium": false,
        },
      }
    `);
  });

  it('follows PHONE_MIGRATE_X: the new DC becomes home and the code is sent there', async () => {
    const store = memoryStore();
    const { engine, rpc } = await rig(
      {
        'auth.sendCode': (_r: never, dcId: number) => (dcId === 2 ? rpcError(303, 'PHONE_MIGRATE_4') : appCode),
        'auth.signIn': () => authorization(),
      },
      { store },
    );
    engine.send({ type: 'phone.submit', phone: '9996641234' });
    await settle();
    expect(rpc.callsOf('auth.sendCode').map((c) => c.dcId)).toEqual([2, 4]);
    engine.send({ type: 'code.submit', code: '44444' });
    await settle();
    expect(rpc.callsOf('auth.signIn')[0]?.dcId).toBe(4);
    expect(engine.getSnapshot().status).toBe('ready');
    expect(JSON.parse(new TextDecoder().decode(store.bytes))).toMatchObject({ homeDcId: 4, user: { id: '777001' } });
  });

  it('stops following redirects after five hops', async () => {
    const { engine, rpc } = await rig({ 'auth.sendCode': (_r: never, dcId: number) => rpcError(303, `PHONE_MIGRATE_${dcId === 1 ? 2 : 1}`) });
    engine.send({ type: 'phone.submit', phone: '9996641234' });
    await settle();
    await settle();
    expect(rpc.callsOf('auth.sendCode')).toHaveLength(6);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPhoneNumber', error: { type: 'PHONE_MIGRATE_X' } });
  });

  it('FLOOD_WAIT_X is a visible countdown; commands wait for it, nothing is retried', async () => {
    const { engine, rpc, tick, rejected } = await rig(queued({ 'auth.sendCode': [rpcError(420, 'FLOOD_WAIT_2'), appCode] }));
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    expect(engine.getSnapshot()).toMatchInlineSnapshot(`
      {
        "busy": false,
        "error": {
          "code": "flood.wait",
          "detail": "420 FLOOD_WAIT_2",
          "message": "Too many attempts: wait 2 s, then try again.",
          "retryInSeconds": 2,
          "retryable": true,
          "type": "FLOOD_WAIT_X",
        },
        "status": "waitPhoneNumber",
      }
    `);
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await tick(1);
    expect(rejected).toEqual(['phone.submit']);
    expect(engine.getSnapshot()).toMatchObject({ error: { retryInSeconds: 1 } });
    await tick(1);
    expect(engine.getSnapshot()).toEqual({ status: 'waitPhoneNumber', busy: false });
    await tick(10);
    expect(rpc.callsOf('auth.sendCode')).toHaveLength(1);
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    expect(engine.getSnapshot().status).toBe('waitCode');
  });

  it('phone.edit cancels the code (auth.cancelCode) and returns to waitPhoneNumber', async () => {
    const { engine, rpc } = await rig(queued({ 'auth.sendCode': [appCode], 'auth.cancelCode': [true] }));
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    engine.send({ type: 'phone.edit' });
    await settle();
    expect(rpc.callsOf('auth.cancelCode')[0]?.request).toEqual({
      _: 'auth.cancelCode',
      phoneNumber: '9996621234',
      phoneCodeHash: 'hash-1',
    } satisfies TlMethodOf<'auth.cancelCode'>);
    expect(engine.getSnapshot()).toEqual({ status: 'waitPhoneNumber', busy: false });
  });

  it('leaving (engine.stop) while a code is pending cancels it and closes the view', async () => {
    const { engine, rpc } = await rig(queued({ 'auth.sendCode': [appCode], 'auth.cancelCode': [true] }));
    const statuses: string[] = [];
    engine.state$.subscribe((v) => statuses.push(v.status));
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    engine.stop();
    await settle();
    expect(rpc.callsOf('auth.cancelCode')).toHaveLength(1);
    expect(statuses).toEqual(['waitPhoneNumber', 'waitPhoneNumber', 'waitCode', 'closed']);
  });

  it('reports a missing code with the operator mnc', async () => {
    const { engine, rpc } = await rig(queued({ 'auth.sendCode': [appCode], 'auth.reportMissingCode': [true] }));
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    engine.send({ type: 'code.reportMissing', mnc: '01' });
    await settle();
    expect(rpc.callsOf('auth.reportMissingCode')[0]?.request).toMatchObject({ mnc: '01', phoneCodeHash: 'hash-1' });
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', busy: false });
  });

  it('sentCodeSuccess (a future auth token matched) goes straight to ready', async () => {
    const { engine, rpc } = await rig(
      queued({ 'auth.sendCode': [{ _: 'auth.sentCodeSuccess', authorization: authorization() }] }),
    );
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    expect(engine.getSnapshot().status).toBe('ready');
    expect(rpc.callsOf('auth.signIn')).toHaveLength(0);
  });

  it('SESSION_PASSWORD_NEEDED from signIn leads to waitPassword on the same DC', async () => {
    const { engine, rpc } = await rig({
      'auth.sendCode': (_r: never, dcId: number) => (dcId === 2 ? rpcError(303, 'PHONE_MIGRATE_3') : appCode),
      'auth.signIn': () => rpcError(401, 'SESSION_PASSWORD_NEEDED'),
      'account.getPassword': () => rpcError(500, 'STUB_STOP'),
    });
    engine.send({ type: 'phone.submit', phone: '9996631234' });
    await settle();
    engine.send({ type: 'code.submit', code: '33333' });
    await settle();
    await settle();
    expect(rpc.callsOf('account.getPassword')[0]?.dcId).toBe(3);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPassword' });
  });
});
