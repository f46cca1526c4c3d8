/** Every FLOOD_WAIT_X of the password machine is a ticking countdown (core.telegram.org/api/srp): pure transitions, then the engine. */
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { passwordMachine, passwordViewOf, secret } from '../../src/machines/index.js';
import { rpcError, settle } from './harness.js';
import { accountPassword, authorization } from './fixtures.js';
import { atPassword } from './password-rig.js';

describe('password machine transitions (pure)', () => {
  const [fetching] = initialTransition(passwordMachine, { dcId: 2 });
  const fetchFails = (error: unknown) =>
    transition(passwordMachine, fetching, { type: 'xstate.error.actor.getPassword', error } as never)[0];

  it.each([
    ['FLOOD_WAIT_3: the countdown', rpcError(420, 'FLOOD_WAIT_3'), 'floodWait', { type: 'FLOOD_WAIT_X', retryInSeconds: 3 }, 3],
    ['another error: the form, with it', rpcError(500, 'INTERNAL_SERVER_ERROR'), 'idle', { type: 'INTERNAL_SERVER_ERROR' }, 0],
  ])('the first account.getPassword failing with %s', (_name, error, state, shown, floodSeconds) => {
    const next = fetchFails(error);
    expect(next.value).toEqual({ waitPassword: state });
    expect(next.context.floodSeconds).toBe(floodSeconds);
    expect(passwordViewOf(next)).toMatchObject({ status: 'waitPassword', busy: false, error: shown });
  });

  it('during that countdown password.submit and recovery.request are refused, nothing is fetched', () => {
    const flooded = fetchFails(rpcError(420, 'FLOOD_WAIT_3'));
    for (const command of [{ type: 'password.submit', password: secret('pw') }, { type: 'recovery.request' }] as const) {
      const [next, actions] = transition(passwordMachine, flooded, command);
      expect(next.value).toEqual({ waitPassword: 'floodWait' });
      expect(actions.map((a) => a.type)).toContain('xstate.emit');
      expect(actions.map((a) => a.type)).not.toContain('xstate.spawnChild');
    }
  });
});

describe('password machine: every FLOOD_WAIT_X is the countdown (pure)', () => {
  type Step = Parameters<typeof transition<typeof passwordMachine>>[2];
  const done = (actor: string, output: unknown) => ({ type: `xstate.done.actor.${actor}`, output }) as never;
  const failed = (actor: string, error: unknown) => ({ type: `xstate.error.actor.${actor}`, error }) as never;
  const FLOOD = rpcError(420, 'FLOOD_WAIT_3');
  const recoverySent = done('requestRecovery', { _: 'auth.passwordRecovery', emailPattern: 'a***@example.com' });
  const run = (steps: Step[]) =>
    steps.reduce((s, e) => transition(passwordMachine, s, e)[0], initialTransition(passwordMachine, { dcId: 2 })[0]);
  const form = done('getPassword', accountPassword(1n));
  const submit = { type: 'password.submit', password: secret('wrong') } as const;
  const recoverySubmit = { type: 'recovery.submit', code: secret('123456') } as const;
  /** The steps to each request of the machine, and the form its FLOOD_WAIT counts down on. */
  const requests: [string, string, Step[], Record<string, string>][] = [
    ['account.getPassword (first)', 'getPassword', [], { waitPassword: 'floodWait' }],
    ['account.getPassword (no SRP yet)', 'getPassword', [failed('getPassword', rpcError(500, 'X')), submit], { waitPassword: 'floodWait' }],
    ['auth.checkPassword', 'checkPassword', [form, submit], { waitPassword: 'floodWait' }],
    ['account.getPassword (refetch)', 'getPassword', [form, submit, failed('checkPassword', rpcError(400, 'PASSWORD_HASH_INVALID'))], { waitPassword: 'floodWait' }],
    ['auth.requestPasswordRecovery', 'requestRecovery', [form, { type: 'recovery.request' }], { waitPassword: 'floodWait' }],
    ['auth.requestPasswordRecovery (again)', 'requestRecovery', [form, { type: 'recovery.request' }, recoverySent, { type: 'recovery.request' }], { waitPassword: 'floodWait' }],
    ['auth.checkRecoveryPassword', 'checkRecoveryCode', [form, { type: 'recovery.request' }, recoverySent, recoverySubmit], { waitPasswordRecovery: 'floodWait' }],
    ['auth.recoverPassword', 'recoverPassword', [form, { type: 'recovery.request' }, recoverySent, recoverySubmit, done('checkRecoveryCode', true)], { waitPasswordRecovery: 'floodWait' }],
  ];

  it.each(requests)('%s: FLOOD_WAIT_3 counts down, commands are refused, then the form; nothing re-sent', (_name, actor, steps, countdown) => {
    let s = run([...steps, failed(actor, FLOOD)]);
    expect(s.value).toEqual(countdown);
    expect(passwordViewOf(s)).toMatchObject({ busy: false, error: { type: 'FLOOD_WAIT_X', retryInSeconds: 3 } });
    const afterOneSecond = `xstate.after.oneSecond.password.${Object.keys(countdown)[0]}.floodWait`;
    for (const left of [2, 1, 0]) {
      for (const command of [submit, { type: 'recovery.request' }, recoverySubmit] as const) {
        const [next, actions] = transition(passwordMachine, s, command);
        expect(next.value).toEqual(countdown);
        expect(actions.map((a) => a.type)).toContain('xstate.emit');
        expect(actions.map((a) => a.type)).not.toContain('xstate.spawnChild');
      }
      const [next, actions] = transition(passwordMachine, s, { type: afterOneSecond } as never);
      expect(actions.map((a) => a.type)).not.toContain('xstate.spawnChild');
      s = next;
      if (left > 0) expect(passwordViewOf(s)).toMatchObject({ error: { retryInSeconds: left } });
    }
    expect(s.value).toEqual({ [Object.keys(countdown)[0]!]: 'idle' });
    expect(s.context.floodSeconds).toBe(0);
  });

  it.each([
    ['auth.checkRecoveryPassword', 'checkRecoveryCode', []],
    ['auth.recoverPassword', 'recoverPassword', [done('checkRecoveryCode', true)]],
  ] as [string, string, Step[]][])('a flooded %s wipes the recovery code and new password at once, not after the countdown', (_name, actor, more) => {
    const code = secret('123456');
    const newPassword = secret('new pw');
    const s = run([form, { type: 'recovery.request' }, recoverySent, { type: 'recovery.submit', code, newPassword }, ...more, failed(actor, FLOOD)]);
    expect(s.value).toEqual({ waitPasswordRecovery: 'floodWait' });
    expect(s.context.recovery).toBeUndefined();
    expect([code.wiped, newPassword.wiped]).toEqual([true, true]);
  });

  it('after the refetch counted down, the form shows the check error and has no SRP challenge left', () => {
    const wrong = rpcError(400, 'PASSWORD_HASH_INVALID');
    let s = run([form, submit, failed('checkPassword', wrong), failed('getPassword', FLOOD)]);
    expect(s.value).toEqual({ waitPassword: 'floodWait' });
    expect(s.context.info).toMatchObject({ hint: 'pet name', srpB: undefined, srpId: undefined });
    for (let i = 0; i < 3; i++) s = transition(passwordMachine, s, { type: 'xstate.after.oneSecond.password.waitPassword.floodWait' } as never)[0];
    expect(s.value).toEqual({ waitPassword: 'idle' });
    expect(passwordViewOf(s)).toEqual({
      status: 'waitPassword',
      busy: false,
      hint: 'pet name',
      recoveryAvailable: true,
      error: { type: 'PASSWORD_HASH_INVALID', code: 'password.invalid', message: 'Wrong password: try again.', detail: wrong.message, retryable: true },
    });
    // the next submit fetches new parameters first
    expect(transition(passwordMachine, s, submit)[0].value).toEqual({ waitPassword: 'preparing' });
  });
});

describe('password: FLOOD_WAIT countdowns on the engine', () => {
  it('a FLOOD_WAIT on that fetch is a countdown, and the password is not checked', async () => {
    const { engine, rpc, tick } = await atPassword({
      'account.getPassword': [rpcError(500, 'INTERNAL_SERVER_ERROR'), rpcError(420, 'FLOOD_WAIT_2'), accountPassword(3n)],
    });
    engine.send({ type: 'password.submit', password: 'pw' });
    await settle();
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPassword', busy: false, error: { type: 'FLOOD_WAIT_X', retryInSeconds: 2 } });
    await tick(1);
    expect(engine.getSnapshot()).toMatchObject({ error: { retryInSeconds: 1 } });
    await tick(1);
    expect(engine.getSnapshot()).toEqual({ status: 'waitPassword', busy: false, recoveryAvailable: false });
    expect(rpc.callsOf('auth.checkPassword')).toHaveLength(0);
  });

  it('a FLOOD_WAIT on the first account.getPassword is a countdown; then one submit fetches and checks', async () => {
    const seen: string[] = [];
    const { engine, rpc, tick, rejected } = await atPassword(
      {
        'account.getPassword': [rpcError(420, 'FLOOD_WAIT_2'), accountPassword(2n)],
        'auth.checkPassword': [authorization()],
      },
      seen,
    );
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitPassword',
      busy: false,
      error: { type: 'FLOOD_WAIT_X', retryInSeconds: 2 },
    });
    engine.send({ type: 'password.submit', password: 'too soon' });
    await settle();
    expect(rejected).toEqual(['password.submit']);
    await tick(1);
    expect(engine.getSnapshot()).toMatchObject({ error: { retryInSeconds: 1 } });
    await tick(1);
    expect(engine.getSnapshot()).toEqual({ status: 'waitPassword', busy: false, recoveryAvailable: false });
    await tick(10);
    // nothing re-sent by itself
    expect(rpc.callsOf('account.getPassword')).toHaveLength(1);
    engine.send({ type: 'password.submit', password: 'right' });
    await settle();
    await settle();
    expect(rpc.callsOf('account.getPassword')).toHaveLength(2);
    expect(rpc.callsOf('auth.checkPassword').map((c) => c.request)).toMatchObject([{ password: { srpId: 2n } }]);
    expect(seen).toEqual(['right']);
    expect(engine.getSnapshot().status).toBe('ready');
  });

  it('a FLOOD_WAIT on the refetch after a wrong password is a countdown; then the check error, and a submit fetches first', async () => {
    const seen: string[] = [];
    const { engine, rpc, tick, rejected } = await atPassword(
      {
        'account.getPassword': [accountPassword(1n), rpcError(420, 'FLOOD_WAIT_2'), accountPassword(3n)],
        'auth.checkPassword': [rpcError(400, 'PASSWORD_HASH_INVALID'), authorization()],
      },
      seen,
    );
    engine.send({ type: 'password.submit', password: 'wrong' });
    await settle();
    await settle();
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitPassword',
      busy: false,
      error: { type: 'FLOOD_WAIT_X', retryInSeconds: 2 },
    });
    engine.send({ type: 'password.submit', password: 'too soon' });
    engine.send({ type: 'recovery.request' });
    await settle();
    expect(rejected).toEqual(['password.submit', 'recovery.request']);
    await tick(1);
    expect(engine.getSnapshot()).toMatchObject({ error: { retryInSeconds: 1 } });
    await tick(1);
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitPassword',
      busy: false,
      hint: 'pet name',
      error: { type: 'PASSWORD_HASH_INVALID', retryable: true },
    });
    await tick(10);
    // nothing re-sent by itself
    expect(rpc.callsOf('account.getPassword')).toHaveLength(2);
    expect(rpc.callsOf('auth.checkPassword')).toHaveLength(1);
    engine.send({ type: 'password.submit', password: 'right' });
    await settle();
    await settle();
    // never the used srp_id 1 again: the parameters are fetched, then checked
    expect(rpc.callsOf('auth.checkPassword').map((c) => c.request)).toMatchObject([
      { password: { srpId: 1n } },
      { password: { srpId: 3n } },
    ]);
    expect(seen).toEqual(['wrong', 'right']);
    expect(engine.getSnapshot().status).toBe('ready');
  });

  it('a FLOOD_WAIT on auth.requestPasswordRecovery is a countdown on the password form; nothing is re-sent', async () => {
    const { engine, rpc, tick, rejected } = await atPassword({
      'auth.requestPasswordRecovery': [
        rpcError(420, 'FLOOD_WAIT_2'),
        { _: 'auth.passwordRecovery', emailPattern: 'a***@example.com' },
        rpcError(420, 'FLOOD_WAIT_2'),
      ],
    });
    engine.send({ type: 'recovery.request' });
    await settle();
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitPassword',
      busy: false,
      recoveryAvailable: true,
      error: { type: 'FLOOD_WAIT_X', retryInSeconds: 2 },
    });
    engine.send({ type: 'recovery.request' });
    await settle();
    expect(rejected).toEqual(['recovery.request']);
    await tick(1);
    expect(engine.getSnapshot()).toMatchObject({ error: { retryInSeconds: 1 } });
    await tick(1);
    expect(engine.getSnapshot()).toEqual({ status: 'waitPassword', busy: false, hint: 'pet name', recoveryAvailable: true });
    await tick(10);
    expect(rpc.callsOf('auth.requestPasswordRecovery')).toHaveLength(1);
    engine.send({ type: 'recovery.request' });
    await settle();
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPasswordRecovery', emailPattern: 'a***@example.com' });
    // sending the e-mail again is flooded: the countdown is on the password form, as its other errors are
    engine.send({ type: 'recovery.request' });
    await settle();
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitPassword',
      busy: false,
      error: { type: 'FLOOD_WAIT_X', retryInSeconds: 2 },
    });
    await tick(2);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPassword', busy: false });
    expect(engine.getSnapshot().error).toBeUndefined();
    expect(rpc.callsOf('auth.requestPasswordRecovery')).toHaveLength(3);
  });
});
