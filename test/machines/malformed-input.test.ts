/**
 * Malformed input from a host (plain JS, a form's `undefined`): `engine.send` refuses a malformed
 * command at once with `AuthCommandError` and nothing reaches the machines; what bypasses that
 * boundary (`engine.actor.send`, an authenticator answering nothing) makes guards false instead of
 * crashing a machine; and no actor error becomes an uncaught exception.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthCommandError,
  AuthEngineError,
  encodeSession,
  memoryStore,
  secret,
  sealCommand,
  type AuthCommand,
} from '../../src/machines/index.js';
import { TgauthError } from '../../src/crypto/index.js';
import { flowRig } from './flow-rig.js';
import { rig, settle } from './harness.js';

const loggedIn = () =>
  memoryStore(
    encodeSession({ homeDcId: 2, user: { id: '777001', premium: false, bot: false }, futureAuthTokens: [] }),
  );
const device = {
  _: 'authorization',
  hash: 1n,
  deviceModel: 'Pixel',
  platform: 'Android',
  systemVersion: '15',
  apiId: 6,
};

/** Process-level uncaught exceptions seen while a test runs (XState reports unobserved actor errors that way). */
const uncaught: unknown[] = [];
const onUncaught = (error: unknown): void => void uncaught.push(error);
process.on('uncaughtException', onUncaught);
afterEach(() => {
  uncaught.length = 0;
});

/** Lets XState's deferred `reportUnhandledError` (a timer) fire if it is going to. */
const turns = async (n = 5): Promise<void> => {
  for (let i = 0; i < n; i++) await settle();
};

/** The `AuthCommandError` that `run` throws (fails the test when it throws nothing or something else). */
function refusal(run: () => void): AuthCommandError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthCommandError);
    return error as AuthCommandError;
  }
  throw new TypeError('the command was accepted');
}

describe('engine.send refuses a malformed command', () => {
  it('qr.approve without a link while ready: a typed error, the engine stays ready and can still approve', async () => {
    const r = await rig({ 'auth.acceptLoginToken': () => device }, { store: loggedIn() });
    expect(r.engine.getSnapshot().status).toBe('ready');
    const e = refusal(() => r.engine.send({ type: 'qr.approve' } as never));
    expect(e).toBeInstanceOf(AuthEngineError);
    expect(e).toBeInstanceOf(TgauthError);
    expect(e).toMatchObject({
      code: 'command.invalid',
      command: 'qr.approve',
      field: 'link',
      name: 'AuthCommandError',
    });
    await turns();
    expect(r.engine.actor.getSnapshot().status).toBe('active');
    expect(r.engine.getSnapshot()).toEqual({
      status: 'ready',
      busy: false,
      user: { id: '777001', premium: false, bot: false },
    });
    expect(r.rpc.calls).toEqual([]);
    r.engine.send({ type: 'qr.approve', link: 'tg://login?token=Afv_' });
    await turns();
    expect(r.rpc.callsOf('auth.acceptLoginToken')).toHaveLength(1);
    expect(r.engine.getSnapshot()).toMatchObject({
      status: 'ready',
      approvedDevice: { deviceModel: 'Pixel' },
    });
    expect(uncaught).toEqual([]);
    r.engine.stop();
  });

  it.each<[string, unknown, string | undefined]>([
    ['null', null, undefined],
    ['a bare string', 'phone.submit', undefined],
    ['no type', { phone: '9996621234' }, 'type'],
    ['an unknown type', { type: 'phone.sumbit', phone: '9996621234' }, 'type'],
    ['phone.submit without phone', { type: 'phone.submit' }, 'phone'],
    ['phone.submit with a number', { type: 'phone.submit', phone: 9996621234 }, 'phone'],
    ['code.submit with a null code', { type: 'code.submit', code: null }, 'code'],
    ['code.reportMissing without mnc', { type: 'code.reportMissing' }, 'mnc'],
    ['email.submit with an object', { type: 'email.submit', email: {} }, 'email'],
    [
      'registration.submit without acceptTerms',
      { type: 'registration.submit', firstName: 'Ada' },
      'acceptTerms',
    ],
    [
      'registration.submit with acceptTerms "yes"',
      { type: 'registration.submit', firstName: 'Ada', acceptTerms: 'yes' },
      'acceptTerms',
    ],
    [
      'registration.submit with a numeric lastName',
      { type: 'registration.submit', firstName: 'A', lastName: 3, acceptTerms: true },
      'lastName',
    ],
    ['payment.submit with a number formId', { type: 'payment.submit', formId: 5 }, 'formId'],
    ['password.submit without password', { type: 'password.submit' }, 'password'],
    [
      'recovery.submit with a numeric newPassword',
      { type: 'recovery.submit', code: '1', newPassword: 5 },
      'newPassword',
    ],
    ['qr.start with number ids', { type: 'qr.start', exceptIds: [1] }, 'exceptIds'],
    ['qr.start with one bigint, not a list', { type: 'qr.start', exceptIds: 5n }, 'exceptIds'],
    ['bot.submit with a used Secret', { type: 'bot.submit', token: usedSecret() }, 'token'],
    ['webToken.submit without dcId', { type: 'webToken.submit', token: 't' }, 'dcId'],
    ['webToken.submit with dcId NaN', { type: 'webToken.submit', token: 't', dcId: Number.NaN }, 'dcId'],
    [
      'webToken.submit with dcId Infinity',
      { type: 'webToken.submit', token: 't', dcId: Number.POSITIVE_INFINITY },
      'dcId',
    ],
    ['webToken.submit with dcId 1.5', { type: 'webToken.submit', token: 't', dcId: 1.5 }, 'dcId'],
    ['webToken.submit with dcId 0', { type: 'webToken.submit', token: 't', dcId: 0 }, 'dcId'],
    ['webToken.submit with dcId "2"', { type: 'webToken.submit', token: 't', dcId: '2' }, 'dcId'],
  ])('%s: thrown at once, nothing sent, the view unchanged', async (_name, command, field) => {
    const r = await rig({});
    const before = r.engine.getSnapshot();
    const e = refusal(() => r.engine.send(command as AuthCommand));
    expect(e.code).toBe('command.invalid');
    expect(e.field).toBe(field);
    await turns();
    expect(r.rpc.calls).toEqual([]);
    expect(r.rejected).toEqual([]);
    expect(r.engine.getSnapshot()).toBe(before);
    expect(uncaught).toEqual([]);
    r.engine.stop();
  });

  it('the error names the command and the field, never the value (it may be a secret)', () => {
    const e = refusal(() => sealCommand({ type: 'webToken.submit', token: 'web-secret-123', dcId: -7 }));
    expect(e.message).toBe('webToken.submit: `dcId` has the wrong type (expected a positive integer DC id)');
    const missing = refusal(() => sealCommand({ type: 'password.submit' } as never));
    expect(missing.message).toBe('password.submit: `password` is missing (expected a string)');
    expect(refusal(() => sealCommand({ type: 'code.submit', code: 12345 } as never)).message).not.toContain(
      '12345',
    );
  });

  it('every well-formed command passes, secrets as strings or unused Secrets, optional fields absent or undefined', () => {
    const good: AuthCommand[] = [
      { type: 'phone.submit', phone: '' },
      { type: 'phone.edit' },
      { type: 'code.submit', code: '12345' },
      { type: 'code.resend' },
      { type: 'code.reportMissing', mnc: '01' },
      { type: 'email.submit', email: 'a@example.com' },
      { type: 'emailCode.submit', code: '1' },
      { type: 'email.reset' },
      { type: 'registration.submit', firstName: 'Ada', acceptTerms: false },
      { type: 'registration.submit', firstName: 'Ada', lastName: 'L', acceptTerms: true },
      { type: 'payment.submit' },
      { type: 'payment.submit', formId: 7n },
      { type: 'password.submit', password: 'p' },
      { type: 'recovery.request' },
      { type: 'recovery.submit', code: '1' },
      { type: 'recovery.submit', code: '1', newPassword: 'n', newHint: 'h' },
      { type: 'logout.request' },
      { type: 'qr.start' },
      { type: 'qr.start', exceptIds: [1n, -2n] },
      { type: 'phone.start' },
      { type: 'qr.approve', link: 'tg://login?token=AAAA' },
      { type: 'bot.submit', token: '1:x' },
      { type: 'webToken.submit', token: 't', dcId: 5 },
      { type: 'passkey.start' },
      { type: 'authorizations.reset' },
    ];
    for (const command of good) expect(() => sealCommand(command)).not.toThrow();
    expect(() => sealCommand({ type: 'qr.start', exceptIds: undefined } as never)).not.toThrow();
    expect(() => sealCommand({ type: 'password.submit', password: secret('p') } as never)).not.toThrow();
  });
});

describe('what bypasses the boundary makes guards false instead of crashing', () => {
  it('engine.actor.send of qr.approve without a link, or with an unsealed one: QR_LINK_INVALID, still ready', async () => {
    const r = await rig({ 'auth.acceptLoginToken': () => device }, { store: loggedIn() });
    for (const raw of [{ type: 'qr.approve' }, { type: 'qr.approve', link: 'tg://login?token=Afv_' }]) {
      r.engine.actor.send(raw as never);
      await turns();
      expect(r.engine.actor.getSnapshot().status).toBe('active');
      expect(r.engine.getSnapshot()).toMatchObject({
        status: 'ready',
        busy: false,
        error: { type: 'QR_LINK_INVALID' },
      });
    }
    expect(r.rpc.calls).toEqual([]);
    expect(uncaught).toEqual([]);
    r.engine.stop();
  });

  it('engine.actor.send of phone.submit without a phone: refused as implausible, the phone flow goes on', async () => {
    const r = await rig({});
    r.engine.actor.send({ type: 'phone.submit' } as never);
    await turns();
    expect(r.engine.getSnapshot()).toEqual({ status: 'waitPhoneNumber', busy: false });
    expect(r.rejected).toEqual(['phone.submit']);
    expect(r.engine.actor.getSnapshot().children.phoneLogin?.getSnapshot().status).toBe('active');
    r.engine.stop();
  });

  it('a passkey authenticator that answers nothing fails the attempt with passkey.noAssertion', async () => {
    const init = () => ({
      _: 'auth.passkeyLoginOptions',
      options: { _: 'dataJSON', data: JSON.stringify({ publicKey: { challenge: 'Y2g' } }) },
    });
    const r = await flowRig(
      { 'auth.initPasskeyLogin': init },
      { passkey: { getAssertion: () => Promise.resolve(null as never) } },
    );
    await r.send({ type: 'passkey.start' });
    await r.send({ type: 'passkey.start' });
    expect(r.view()).toMatchObject({
      status: 'waitPasskey',
      busy: false,
      error: { type: 'passkey.noAssertion' },
    });
    expect(r.rpc.callsOf('auth.finishPasskeyLogin')).toHaveLength(0);
    r.stop();
  });
});

function usedSecret() {
  const s = secret('x');
  s.wipe();
  return s;
}
