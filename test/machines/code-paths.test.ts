/** E-mail, sign-up, paid login, Firebase and session paths of the engine. */
import { from } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { encodeSession, memoryStore, type FirebaseHost, type PaymentHost } from '../../src/machines/index.js';
import { appCode, authorization, sentCode } from './fixtures.js';
import { queued, rig, rpcError, settle } from './harness.js';

const setUpEmail = sentCode({ _: 'auth.sentCodeTypeSetUpEmailRequired', googleSigninAllowed: true });
const emailCode = sentCode(
  { _: 'auth.sentCodeTypeEmailCode', emailPattern: 'a***@example.com', length: 6, resetAvailablePeriod: 3600 },
  { phoneCodeHash: 'hash-email' },
);

describe('engine paths', () => {
  it('login e-mail setup: address -> setup code -> verifyEmail -> login e-mail code -> reset -> SMS', async () => {
    const { engine, rpc } = await rig(
      queued({
        'auth.sendCode': [setUpEmail],
        'account.sendVerifyEmailCode': [{ _: 'account.sentEmailCode', emailPattern: 'a***@example.com', length: 6 }],
        'account.verifyEmail': [{ _: 'account.emailVerifiedLogin', email: 'ada@example.com', sentCode: emailCode }],
        'auth.resetLoginEmail': [sentCode({ _: 'auth.sentCodeTypeSms', length: 5 }, { phoneCodeHash: 'hash-sms' })],
      }),
    );
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    expect(engine.getSnapshot()).toMatchInlineSnapshot(`
      {
        "appleSignInAllowed": false,
        "busy": false,
        "googleSignInAllowed": true,
        "phone": "9996621234",
        "status": "waitEmailAddress",
      }
    `);
    engine.send({ type: 'email.submit', email: ' ada@example.com ' });
    await settle();
    expect(rpc.callsOf('account.sendVerifyEmailCode')[0]?.request).toEqual({
      _: 'account.sendVerifyEmailCode',
      purpose: { _: 'emailVerifyPurposeLoginSetup', phoneNumber: '9996621234', phoneCodeHash: 'hash-1' },
      email: 'ada@example.com',
    });
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitEmailCode', purpose: 'setup', length: 6 });
    engine.send({ type: 'email.reset' });
    await settle();
    engine.send({ type: 'emailCode.submit', code: '654321' });
    await settle();
    expect(rpc.callsOf('account.verifyEmail')[0]?.request).toMatchObject({
      verification: { _: 'emailVerificationCode', code: '654321' },
    });
    expect(engine.getSnapshot()).toMatchInlineSnapshot(`
      {
        "appleSignInAllowed": false,
        "busy": false,
        "emailPattern": "a***@example.com",
        "googleSignInAllowed": false,
        "length": 6,
        "phone": "9996621234",
        "purpose": "login",
        "resetAvailableInSeconds": 3600,
        "status": "waitEmailCode",
      }
    `);
    engine.send({ type: 'email.reset' });
    await settle();
    expect(rpc.callsOf('auth.resetLoginEmail')).toHaveLength(1);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', codeInfo: { type: 'sms', length: 5 } });
  });

  it('login e-mail code signs in with email_verification', async () => {
    const { engine, rpc } = await rig(queued({ 'auth.sendCode': [emailCode], 'auth.signIn': [authorization()] }));
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    engine.send({ type: 'emailCode.submit', code: '111222' });
    await settle();
    expect(rpc.callsOf('auth.signIn')[0]?.request).toEqual({
      _: 'auth.signIn',
      phoneNumber: '9996621234',
      phoneCodeHash: 'hash-email',
      emailVerification: { _: 'emailVerificationCode', code: '111222' },
    });
    expect(engine.getSnapshot().status).toBe('ready');
  });

  it('sign-up shows the terms and never accepts them silently', async () => {
    const terms = {
      _: 'help.termsOfService' as const,
      popup: true,
      id: { _: 'dataJSON' as const, data: '{"v":1}' },
      text: 'Be nice.',
      entities: [],
      minAgeConfirm: 16,
    };
    const { engine, rpc } = await rig(
      queued({
        'auth.sendCode': [appCode],
        'auth.signIn': [{ _: 'auth.authorizationSignUpRequired', termsOfService: terms }],
        'auth.signUp': [authorization()],
        'help.acceptTermsOfService': [true],
      }),
    );
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    engine.send({ type: 'code.submit', code: '22222' });
    await settle();
    expect(engine.getSnapshot()).toMatchInlineSnapshot(`
      {
        "acceptanceRequired": true,
        "busy": false,
        "phone": "9996621234",
        "status": "waitRegistration",
        "termsOfService": {
          "minAge": 16,
          "popup": true,
          "text": "Be nice.",
        },
      }
    `);
    engine.send({ type: 'registration.submit', firstName: 'Ada', lastName: 'L', acceptTerms: false });
    await settle();
    expect(rpc.callsOf('auth.signUp')).toHaveLength(0);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitRegistration', error: { type: 'TERMS_NOT_ACCEPTED' } });
    engine.send({ type: 'registration.submit', firstName: ' Ada ', lastName: 'L', acceptTerms: true });
    await settle();
    await settle();
    expect(rpc.callsOf('auth.signUp')[0]?.request).toEqual({
      _: 'auth.signUp',
      phoneNumber: '9996621234',
      phoneCodeHash: 'hash-1',
      firstName: 'Ada',
      lastName: 'L',
    });
    expect(rpc.callsOf('help.acceptTermsOfService')[0]?.request).toEqual({ _: 'help.acceptTermsOfService', id: terms.id });
    expect(engine.getSnapshot().status).toBe('ready');
  });

  it('paid login: waitPayment -> payment.submit -> checkPaidAuth polled on FLOOD_WAIT -> code', async () => {
    const { engine, rpc, tick } = await rig(
      queued({
        'auth.sendCode': [
          {
            _: 'auth.sentCodePaymentRequired',
            storeProduct: 'org.telegram.auth',
            phoneCodeHash: 'hash-paid',
            supportEmailAddress: 'sms@telegram.org',
            supportEmailSubject: 'Login',
            premiumDays: 7,
            currency: 'EUR',
            amount: 199n,
          },
        ],
        'auth.checkPaidAuth': [rpcError(420, 'FLOOD_WAIT_2'), appCode],
      }),
    );
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    expect(engine.getSnapshot()).toMatchInlineSnapshot(`
      {
        "amount": "199",
        "busy": false,
        "currency": "EUR",
        "pending": false,
        "phone": "9996621234",
        "status": "waitPayment",
        "storeProduct": "org.telegram.auth",
        "supportEmailAddress": "sms@telegram.org",
        "supportEmailSubject": "Login",
      }
    `);
    engine.send({ type: 'payment.submit', formId: 42n });
    await settle();
    // "still pending, ask again in 2 s" (core.telegram.org/api/auth "Paid login"): a countdown to the next check, not an error
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPayment', pending: true, nextCheckInSeconds: 2 });
    expect(engine.getSnapshot().error).toBeUndefined();
    await tick(2);
    expect(rpc.callsOf('auth.checkPaidAuth').map((c) => c.request)).toEqual([
      { _: 'auth.checkPaidAuth', phoneNumber: '9996621234', phoneCodeHash: 'hash-paid', formId: 42n },
      { _: 'auth.checkPaidAuth', phoneNumber: '9996621234', phoneCodeHash: 'hash-paid', formId: 42n },
    ]);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', codeInfo: { type: 'app' } });
  });

  it('paid login through the PaymentHost port when the UI sends no form id', async () => {
    const payment: PaymentHost = { purchaseLogin: (offer) => Promise.resolve({ formId: offer.amount + 1n }) };
    const { engine, rpc } = await rig(
      queued({
        'auth.sendCode': [
          { _: 'auth.sentCodePaymentRequired', storeProduct: 'p', phoneCodeHash: 'h', supportEmailAddress: '', supportEmailSubject: '', premiumDays: 7, currency: 'USD', amount: 5n },
        ],
        'auth.checkPaidAuth': [appCode],
      }),
      { payment },
    );
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    engine.send({ type: 'payment.submit' });
    await settle();
    await settle();
    expect(rpc.callsOf('auth.checkPaidAuth')[0]?.request).toMatchObject({ formId: 6n });
  });

  it('Firebase SMS: the host proves device integrity, then requestFirebaseSms', async () => {
    const firebase: FirebaseHost = {
      obtainProof: (challenge) => Promise.resolve({ playIntegrityToken: `pi:${challenge.playIntegrityProjectId}` }),
    };
    const fb = sentCode({ _: 'auth.sentCodeTypeFirebaseSms', playIntegrityProjectId: 7n, playIntegrityNonce: new Uint8Array([1]), length: 6 });
    const { engine, rpc } = await rig(queued({ 'auth.sendCode': [fb], 'auth.requestFirebaseSms': [true] }), {
      firebase,
      codeSettings: { allowFirebase: true },
    });
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    await settle();
    expect(rpc.callsOf('auth.sendCode')[0]?.request).toMatchObject({ settings: { allowFirebase: true } });
    expect(rpc.callsOf('auth.requestFirebaseSms')[0]?.request).toEqual({
      _: 'auth.requestFirebaseSms',
      phoneNumber: '9996621234',
      phoneCodeHash: 'hash-1',
      playIntegrityToken: 'pi:7',
    });
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', codeInfo: { type: 'firebaseSms', length: 6 }, busy: false });
  });

  it('Firebase failure is reported to the server with resendCode(reason)', async () => {
    const firebase: FirebaseHost = { obtainProof: () => Promise.resolve({ failure: 'PLAY_INTEGRITY_UNAVAILABLE' }) };
    const fb = sentCode({ _: 'auth.sentCodeTypeFirebaseSms', length: 6 });
    const { engine, rpc } = await rig(
      queued({ 'auth.sendCode': [fb], 'auth.resendCode': [sentCode({ _: 'auth.sentCodeTypeSms', length: 5 })] }),
      { firebase },
    );
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    await settle();
    expect(rpc.callsOf('auth.resendCode')[0]?.request).toMatchObject({ reason: 'PLAY_INTEGRITY_UNAVAILABLE' });
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', codeInfo: { type: 'sms' } });
  });

  const firebaseSms = sentCode(
    { _: 'auth.sentCodeTypeFirebaseSms', length: 6 },
    { nextType: { _: 'auth.codeTypeSms' }, timeout: 3 },
  );
  const smsAfter = sentCode({ _: 'auth.sentCodeTypeSms', length: 5 }, { phoneCodeHash: 'hash-sms', nextType: { _: 'auth.codeTypeCall' } });

  it.each([
    ['an empty token', () => Promise.resolve({ playIntegrityToken: '' }), 'empty playIntegrityToken'],
    ['a host that throws', () => Promise.reject(new Error('Play Integrity is not available')), 'Play Integrity is not available'],
  ] as const)('Firebase: %s is no proof: resendCode(reason) at once, never requestFirebaseSms', async (_name, obtainProof, reason) => {
    const { engine, rpc } = await rig(queued({ 'auth.sendCode': [firebaseSms], 'auth.resendCode': [smsAfter] }), {
      firebase: { obtainProof },
    });
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    await settle();
    expect(rpc.callsOf('auth.requestFirebaseSms')).toHaveLength(0);
    expect(rpc.callsOf('auth.resendCode').map((c) => c.request)).toEqual([
      { _: 'auth.resendCode', phoneNumber: '9996621234', phoneCodeHash: 'hash-1', reason },
    ]);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', codeInfo: { type: 'sms' }, nextType: 'call' });
    expect(engine.getSnapshot().error).toBeUndefined();
  });

  it('Firebase: requestFirebaseSms answering false falls back to next_type (no reason: the check passed)', async () => {
    const firebase: FirebaseHost = { obtainProof: () => Promise.resolve({ safetyNetToken: 'token' }) };
    const { engine, rpc } = await rig(
      queued({ 'auth.sendCode': [firebaseSms], 'auth.requestFirebaseSms': [false], 'auth.resendCode': [smsAfter] }),
      { firebase },
    );
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    await settle();
    expect(rpc.callsOf('auth.resendCode')[0]?.request).toEqual({
      _: 'auth.resendCode',
      phoneNumber: '9996621234',
      phoneCodeHash: 'hash-1',
    });
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', codeInfo: { type: 'sms' } });
  });

  it('Firebase: a FLOOD_WAIT on the fallback is a countdown on the Firebase screen; next_type stays offered', async () => {
    const firebase: FirebaseHost = { obtainProof: () => Promise.resolve({ failure: 'PLAY_INTEGRITY_FAILED' }) };
    const { engine, rpc, tick } = await rig(
      queued({ 'auth.sendCode': [firebaseSms], 'auth.resendCode': [rpcError(420, 'FLOOD_WAIT_2'), smsAfter] }),
      { firebase },
    );
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    await settle();
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitCode',
      busy: false,
      codeInfo: { type: 'firebaseSms' },
      nextType: 'sms',
      error: { type: 'FLOOD_WAIT_X', retryInSeconds: 2 },
    });
    await tick(1);
    expect(engine.getSnapshot()).toMatchObject({ error: { retryInSeconds: 1 } });
    await tick(2);
    expect(engine.getSnapshot()).toEqual({
      status: 'waitCode',
      busy: false,
      phone: '9996621234',
      codeInfo: { type: 'firebaseSms', length: 6 },
      nextType: 'sms',
      resendInSeconds: 0,
    });
    expect(rpc.callsOf('auth.resendCode')).toHaveLength(1);
    engine.send({ type: 'code.resend' });
    await settle();
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', codeInfo: { type: 'sms' } });
  });

  it('login e-mail setup answered account.emailVerified: auth.sendCode again reaches the login e-mail code', async () => {
    const { engine, rpc } = await rig(
      queued({
        'auth.sendCode': [setUpEmail, emailCode],
        'account.sendVerifyEmailCode': [{ _: 'account.sentEmailCode', emailPattern: 'a***@example.com', length: 6 }],
        'account.verifyEmail': [{ _: 'account.emailVerified', email: 'ada@example.com' }],
      }),
    );
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    engine.send({ type: 'email.submit', email: 'ada@example.com' });
    await settle();
    engine.send({ type: 'emailCode.submit', code: '654321' });
    await settle();
    await settle();
    expect(rpc.callsOf('auth.sendCode')).toHaveLength(2);
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitEmailCode',
      busy: false,
      purpose: 'login',
      emailPattern: 'a***@example.com',
    });
    expect(engine.getSnapshot().error).toBeUndefined();
  });

  it('a stored authorized session starts in ready; logout keeps the future token and returns to login', async () => {
    const store = memoryStore(
      encodeSession({ homeDcId: 4, user: { id: '1', premium: false, bot: false }, futureAuthTokens: [] }),
    );
    const { engine, rpc } = await rig(queued({ 'auth.logOut': [{ _: 'auth.loggedOut', futureAuthToken: new Uint8Array([5]) }] }), {
      store,
    });
    const views: string[] = [];
    from(engine).subscribe((v) => views.push(v.status));
    expect(engine.getSnapshot()).toMatchObject({ status: 'ready', user: { id: '1' } });
    engine.send({ type: 'logout.request' });
    await settle();
    expect(rpc.callsOf('auth.logOut')[0]?.dcId).toBe(4);
    expect(views).toEqual(['ready', 'loggingOut', 'waitPhoneNumber']);
    expect(JSON.parse(new TextDecoder().decode(store.bytes))).toEqual({ v: 1, homeDcId: 4, futureAuthTokens: ['05'] });
  });

  it('rejects commands the current state does not expect, without changing the view', async () => {
    const { engine, rejected } = await rig({});
    const before = engine.getSnapshot();
    engine.send({ type: 'code.submit', code: '12345' });
    engine.send({ type: 'password.submit', password: 'x' });
    engine.send({ type: 'logout.request' });
    await settle();
    expect(rejected).toEqual(['code.submit', 'password.submit', 'logout.request']);
    expect(engine.getSnapshot()).toBe(before);
  });
});
