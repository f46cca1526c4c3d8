/**
 * Durable engine on every code-login step (stub RPC): an engine stopped with `keepPendingLogin`
 * on the e-mail setup code, the registration form or a paid login comes back on the same step,
 * without re-sending anything, and the step's next request uses the stored phone_code_hash.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeSession,
  encodeSession,
  encodeSentCode,
  memoryStore,
  type AuthCommand,
  type AuthView,
} from '../../src/machines/index.js';
import { queued, rig, rpcError, settle, type Handlers } from './harness.js';
import { authorization, sentCode } from './fixtures.js';

const setUpEmail = sentCode({ _: 'auth.sentCodeTypeSetUpEmailRequired' }, { phoneCodeHash: 'hash-setup' });
const smsCode = sentCode({ _: 'auth.sentCodeTypeSms', length: 5 }, { phoneCodeHash: 'hash-sms' });
const terms = {
  _: 'help.termsOfService' as const,
  id: { _: 'dataJSON' as const, data: '"tos-1"' },
  text: 'Be nice.',
  entities: [],
  minAgeConfirm: 16,
};
const offer = {
  _: 'auth.sentCodePaymentRequired' as const,
  storeProduct: 'premium.auth',
  phoneCodeHash: 'hash-paid',
  supportEmailAddress: 'sms@example.com',
  supportEmailSubject: 'code',
  premiumDays: 30,
  currency: 'EUR',
  amount: 499n,
};

/** Runs `first` on an engine, stops it keeping the pending login, and starts another on the store. */
async function resumed(
  handlers: Handlers,
  first: (send: (c: AuthCommand) => Promise<void>) => Promise<void>,
) {
  const store = memoryStore();
  const a = await rig(handlers, { store });
  await first(async (c) => {
    a.engine.send(c);
    await settle();
  });
  const before: AuthView = a.engine.getSnapshot();
  a.engine.stop({ keepPendingLogin: true });
  await settle();
  const record = decodeSession(store.bytes!).pendingLogin;
  const b = await rig(handlers, { store });
  await settle();
  return { before, record, ...b };
}

describe('resuming a code login on the step it had reached', () => {
  it('e-mail setup: the setup code screen again (masked address, length), then verifyEmail under the same hash', async () => {
    const handlers = queued({
      'auth.sendCode': [setUpEmail],
      'account.sendVerifyEmailCode': [
        { _: 'account.sentEmailCode', emailPattern: 'a***@example.com', length: 6 },
      ],
      'account.verifyEmail': [
        { _: 'account.emailVerifiedLogin', email: 'ada@example.com', sentCode: smsCode },
      ],
    });
    const { before, record, engine, rpc } = await resumed(handlers, async (send) => {
      await send({ type: 'phone.submit', phone: '9996621234' });
      await send({ type: 'email.submit', email: 'ada@example.com' });
    });
    expect(before).toMatchObject({ status: 'waitEmailCode', purpose: 'setup' });
    expect(record).toMatchObject({
      flow: 'code',
      emailSetup: { emailPattern: 'a***@example.com', length: 6 },
    });
    expect(engine.getSnapshot()).toEqual(before);
    expect(rpc.calls).toHaveLength(0);
    engine.send({ type: 'emailCode.submit', code: '123456' });
    await settle();
    expect(rpc.callsOf('account.verifyEmail')[0]?.request).toMatchObject({
      purpose: { _: 'emailVerifyPurposeLoginSetup', phoneNumber: '9996621234', phoneCodeHash: 'hash-setup' },
    });
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', codeInfo: { type: 'sms' } });
  });

  it('registration: the form again with the same terms to accept, then signUp under the same hash', async () => {
    const handlers = queued({
      'auth.sendCode': [smsCode],
      'auth.signIn': [{ _: 'auth.authorizationSignUpRequired', termsOfService: terms }],
      'auth.signUp': [authorization()],
      'help.acceptTermsOfService': [true],
    });
    const { before, record, engine, rpc } = await resumed(handlers, async (send) => {
      await send({ type: 'phone.submit', phone: '9996621234' });
      await send({ type: 'code.submit', code: '12345' });
    });
    expect(before).toMatchObject({ status: 'waitRegistration', acceptanceRequired: true });
    expect(record).toMatchObject({ flow: 'code', signUp: { terms: expect.any(String) } });
    expect(JSON.stringify(record)).not.toContain('12345');
    expect(engine.getSnapshot()).toEqual(before);
    expect(rpc.calls).toHaveLength(0);
    engine.send({ type: 'registration.submit', firstName: 'Ada', acceptTerms: true });
    await settle();
    await settle();
    expect(rpc.callsOf('auth.signUp')[0]?.request).toMatchObject({
      phoneCodeHash: 'hash-sms',
      firstName: 'Ada',
    });
    expect(rpc.callsOf('help.acceptTermsOfService')[0]?.request).toEqual({
      _: 'help.acceptTermsOfService',
      id: terms.id,
    });
    expect(engine.getSnapshot().status).toBe('ready');
  });

  it('paid login: the offer again; a payment still pending is polled with its form id, never bought twice', async () => {
    let purchases = 0;
    const payment = { purchaseLogin: () => Promise.resolve({ formId: 41n + BigInt(++purchases) }) };
    const handlers = queued({ 'auth.sendCode': [offer] });
    const offerScreen = await resumed(handlers, (send) =>
      send({ type: 'phone.submit', phone: '9996621234' }),
    );
    expect(offerScreen.engine.getSnapshot()).toEqual(offerScreen.before);
    expect(offerScreen.before).toMatchObject({ status: 'waitPayment', pending: false, amount: '499' });
    expect(offerScreen.rpc.calls).toHaveLength(0);

    const polls = queued({ 'auth.sendCode': [offer], 'auth.checkPaidAuth': [rpcError(420, 'FLOOD_WAIT_5')] });
    const store = memoryStore();
    const a = await rig(polls, { store, payment });
    a.engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    a.engine.send({ type: 'payment.submit' });
    await settle();
    await settle();
    expect(a.engine.getSnapshot()).toMatchObject({ status: 'waitPayment', pending: true });
    a.engine.stop({ keepPendingLogin: true });
    await settle();
    expect(decodeSession(store.bytes!).pendingLogin).toMatchObject({ paymentFormId: '42' });
    const b = await rig(queued({ 'auth.checkPaidAuth': [smsCode] }), { store, payment });
    await settle();
    expect(b.rpc.callsOf('auth.checkPaidAuth').map((c) => c.request)).toEqual([
      { _: 'auth.checkPaidAuth', phoneNumber: '9996621234', phoneCodeHash: 'hash-paid', formId: 42n },
    ]);
    expect(purchases).toBe(1);
    expect(b.engine.getSnapshot()).toMatchObject({ status: 'waitCode', codeInfo: { type: 'sms' } });
  });

  it('a record whose step has an unknown shape is dropped: the login starts over, nothing is sent', async () => {
    const record = {
      flow: 'code',
      dcId: 2,
      phone: '9996621234',
      sentCode: encodeSentCode(smsCode),
      resendAt: 0,
    };
    for (const step of [{ emailSetup: { emailPattern: 7 } }, { signUp: 'yes' }, { paymentFormId: '4x2' }]) {
      const bytes = encodeSession({
        homeDcId: 2,
        futureAuthTokens: [],
        pendingLogin: { ...record, ...step } as never,
      });
      expect(decodeSession(bytes).pendingLogin).toBeUndefined();
      const { engine, rpc } = await rig({}, { store: memoryStore(bytes) });
      expect(engine.getSnapshot()).toEqual({ status: 'waitPhoneNumber', busy: false });
      expect(rpc.calls).toHaveLength(0);
    }
    expect(
      decodeSession(encodeSession({ homeDcId: 2, futureAuthTokens: [], pendingLogin: record as never }))
        .pendingLogin,
    ).toEqual(record);
  });
});
