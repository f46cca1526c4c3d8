/**
 * Issue 6 "Must show", the rest of the phone family end to end: sign-up with ToS, e-mail setup,
 * paid login, future-token skip, 2FA right and wrong, recovery with and without a new password,
 * a number on another DC (PHONE_MIGRATE + a key made there), flood wait; plus what the key
 * lifecycle promises: a stored authorized session starts in ready with no RPC, and a key the
 * server forgot (-404) is dropped and re-exchanged.
 */
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSession, memoryStore, type AuthEngine } from '../../src/machines/index.js';
import { account, createWorld, freshPhone, lastCode, settle, waitFor, waitForError, type Mode, type World } from './sim-world.js';

describe.each<Mode>(['memory', 'tcp'])('login paths (%s)', (mode) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(mode, `paths-${mode}`);
  });
  afterAll(() => w.close());

  async function toCode(phone: string, engine: AuthEngine = w.engine()): Promise<AuthEngine> {
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'phone.submit', phone });
    await waitFor(engine, 'waitCode');
    engine.send({ type: 'code.submit', code: lastCode(w.sim, phone) });
    return engine;
  }

  it('sign-up shows the terms and needs them accepted', async () => {
    const phone = freshPhone();
    const engine = await toCode(phone);
    const view = await waitFor(engine, 'waitRegistration');
    expect(view).toMatchObject({ acceptanceRequired: true, termsOfService: { text: expect.any(String) } });
    engine.send({ type: 'registration.submit', firstName: 'New', acceptTerms: false });
    expect(await waitForError(engine)).toMatchObject({ status: 'waitRegistration', error: { type: 'TERMS_NOT_ACCEPTED' } });
    expect(w.sim.accounts.findByPhone(phone)).toBeUndefined();
    engine.send({ type: 'registration.submit', firstName: 'New', lastName: 'User', acceptTerms: true });
    expect((await waitFor(engine, 'ready')).user).toMatchObject({ firstName: 'New', lastName: 'User' });
    expect(w.sim.accounts.findByPhone(phone)).toBeDefined();
  });

  it('e-mail setup: address, e-mailed code, then login', async () => {
    const a = account(w, { switches: { emailSetupRequired: true } });
    const engine = w.engine();
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'phone.submit', phone: a.phone });
    await waitFor(engine, 'waitEmailAddress');
    engine.send({ type: 'email.submit', email: 'setup@example.com' });
    expect(await waitFor(engine, 'waitEmailCode')).toMatchObject({ purpose: 'setup' });
    engine.send({ type: 'emailCode.submit', code: lastCode(w.sim, 'setup@example.com') });
    await settle();
    const next = await firstOf(engine, ['waitCode', 'waitEmailCode', 'ready']);
    if (next === 'waitCode') engine.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
    if (next === 'waitEmailCode') engine.send({ type: 'emailCode.submit', code: lastCode(w.sim, 'setup@example.com') });
    await waitFor(engine, 'ready');
    expect(w.sim.accounts.get(a.id)?.loginEmail).toBe('setup@example.com');
  });

  it('paid login: waitPayment, the store purchase, then the code', async () => {
    const a = account(w, { switches: { paymentRequired: true } });
    const engine = w.engine();
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'phone.submit', phone: a.phone });
    expect(await waitFor(engine, 'waitPayment')).toMatchObject({ currency: 'EUR', amount: '499', pending: false });
    engine.send({ type: 'payment.submit', formId: 77n });
    // The store takes a moment: checkPaidAuth answers FLOOD_WAIT_5 and the engine polls on the clock,
    // showing when it asks again, not an error.
    const polling = await firstValueFrom(
      engine.state$.pipe(filter((v) => v.status === 'waitPayment' && v.pending && !v.busy)),
    );
    expect(polling).toMatchObject({ status: 'waitPayment', pending: true, nextCheckInSeconds: 5 });
    expect(polling.error).toBeUndefined();
    expect(w.sim.setPaymentOutcome(a.phone, 'paid')).toBe(true);
    w.clock.advance(5_000);
    await waitFor(engine, 'waitCode');
    engine.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
    await waitFor(engine, 'ready');
  });

  it('2FA: a wrong password comes back to waitPassword with the error, the right one logs in', async () => {
    const a = account(w);
    await w.sim.setPassword(a.id, 'right horse', { hint: 'horse' });
    const engine = await toCode(a.phone);
    expect(await waitFor(engine, 'waitPassword')).toMatchObject({ hint: 'horse', recoveryAvailable: false });
    engine.send({ type: 'password.submit', password: 'wrong' });
    expect(await waitForError(engine)).toMatchObject({ status: 'waitPassword', error: { type: 'PASSWORD_HASH_INVALID' } });
    engine.send({ type: 'password.submit', password: 'right horse' });
    expect((await waitFor(engine, 'ready')).user.id).toBe(String(a.id));
  });

  it.each([
    ['with a new password', 'fresh one'],
    ['without a new password', undefined],
  ] as const)('recovery %s', async (_name, newPassword) => {
    const a = account(w);
    await w.sim.setPassword(a.id, 'forgotten', { recoveryEmail: 'rescue@example.com' });
    const engine = await toCode(a.phone);
    expect(await waitFor(engine, 'waitPassword')).toMatchObject({ recoveryAvailable: true });
    engine.send({ type: 'recovery.request' });
    expect(await waitFor(engine, 'waitPasswordRecovery')).toMatchObject({ emailPattern: expect.stringContaining('@example.com') });
    engine.send({ type: 'recovery.submit', code: lastCode(w.sim, 'rescue@example.com'), ...(newPassword ? { newPassword } : {}) });
    await waitFor(engine, 'ready');
    expect(w.sim.accounts.get(a.id)?.password !== undefined).toBe(newPassword !== undefined);
  });

  it('a number on another DC: PHONE_MIGRATE_4, a key made on DC 4, the login there, keys persisted', async () => {
    const store = memoryStore();
    const phone = '9996641234';
    const engine = await toCode(phone, w.engine({ store }));
    await waitFor(engine, 'waitRegistration');
    engine.send({ type: 'registration.submit', firstName: 'Far', acceptTerms: true });
    await waitFor(engine, 'ready');
    const saved = decodeSession(store.bytes!);
    expect(saved.homeDcId).toBe(4);
    expect(Object.keys(saved.authKeys ?? {}).sort()).toEqual(['1', '4']);
    expect(w.sim.keys(4).length).toBeGreaterThan(0);

    // The stored session starts in ready with no RPC: no new connection, no new key anywhere.
    const keysBefore = w.sim.keys().length;
    const again = w.engine({ store: memoryStore(store.bytes) });
    expect((await waitFor(again, 'ready')).user.firstName).toBe('Far');
    await settle();
    expect(w.sim.keys().length).toBe(keysBefore);
  });

  it('while the user types a phone number, the home DC key is made: the code request then opens no second connection', async () => {
    const a = account(w);
    const dials: number[] = [];
    const keysBefore = w.sim.keys(1).length;
    const engine = w.engine({ dial: (dc: { dcId: number }) => (dials.push(dc.dcId), w.dial(dc as never)) });
    await waitFor(engine, 'waitPhoneNumber');
    for (let i = 0; i < 200 && w.sim.keys(1).length < keysBefore + 2; i++) await settle(10);
    expect(w.sim.keys(1).length).toBe(keysBefore + 2); // the permanent key and its bound temp key (PFS), before any command
    expect(dials).toEqual([1]);
    engine.send({ type: 'phone.submit', phone: a.phone });
    await waitFor(engine, 'waitCode');
    expect(dials).toEqual([1]);
    expect(w.sim.keys(1).length).toBe(keysBefore + 2);
  });

  it('a key the server forgot (-404) is dropped and re-exchanged, and the request still answered', async () => {
    const a = account(w);
    const store = memoryStore();
    const engine = w.engine({ store });
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'phone.submit', phone: a.phone });
    await waitFor(engine, 'waitCode');
    const first = decodeSession(store.bytes!).authKeys![1]!.key;
    for (const k of w.sim.state.keys.list(1)) if (k.userId === undefined && equal(k.key, first)) w.sim.state.keys.remove(k.id);
    engine.send({ type: 'phone.edit' });
    // cancelCode meets -404: the connection backs off (500 ms on the shared clock), then a new key.
    await settle();
    w.clock.advance(500);
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'phone.submit', phone: a.phone });
    await waitFor(engine, 'waitCode');
    engine.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
    await waitFor(engine, 'ready');
    expect(equal(decodeSession(store.bytes!).authKeys![1]!.key, first)).toBe(false);
  });

  it('future auth token: after logout, the next login of that account skips the code', async () => {
    const a = account(w);
    const store = memoryStore();
    const engine = await toCode(a.phone, w.engine({ store }));
    await waitFor(engine, 'ready');
    engine.send({ type: 'logout.request' });
    await waitFor(engine, 'waitPhoneNumber');
    expect(decodeSession(store.bytes!).futureAuthTokens.length).toBeGreaterThan(0);
    const codesBefore = w.sim.inbox(a.phone).length;
    engine.send({ type: 'phone.submit', phone: a.phone });
    expect((await waitFor(engine, 'ready')).user.id).toBe(String(a.id));
    expect(w.sim.inbox(a.phone).length).toBe(codesBefore);
  });

  it('flood wait: a visible countdown, nothing retried blindly', async () => {
    const a = account(w, { switches: { sendCodeLimit: 1 } });
    const engine = w.engine();
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'phone.submit', phone: a.phone });
    await waitFor(engine, 'waitCode');
    engine.send({ type: 'phone.edit' });
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'phone.submit', phone: a.phone });
    const view = await waitForError(engine);
    expect(view).toMatchObject({ status: 'waitPhoneNumber', error: { type: 'FLOOD_WAIT_X', retryable: true } });
    const left = view.error!.retryInSeconds!;
    expect(left).toBeGreaterThan(3000);
    w.clock.advance(10_000);
    expect(engine.getSnapshot().error?.retryInSeconds).toBe(left - 10);
    await settle();
    const sendCodes = w.sim.inbox(a.phone).length;
    expect(sendCodes).toBe(1);
  });
});

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function firstOf(engine: AuthEngine, statuses: string[]): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const v = engine.getSnapshot();
    if (statuses.includes(v.status) && !v.busy) return v.status;
    await settle(10);
  }
  return engine.getSnapshot().status;
}
