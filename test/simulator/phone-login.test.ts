import { describe, expect, it } from 'vitest';
import type { TlValue } from '../../src/simulator/index.js';
import { api, harness, loginTestNumber, sendCodeReq } from './sim-harness.js';

describe('simulator phone login (handlers)', () => {
  it('redirects sendCode to the test number DC (PHONE_MIGRATE) and unknown numbers to the IP DC (NETWORK_MIGRATE)', async () => {
    const h = harness({ ipDc: 4 });
    const dc1 = h.connect(1);
    expect(await dc1.error(sendCodeReq('9996621234'))).toBe('PHONE_MIGRATE_2');
    expect(await dc1.error(sendCodeReq('+31 612345678'))).toBe('NETWORK_MIGRATE_4');
    h.state.accounts.create({ phone: '31611111111', dcId: 3 });
    expect(await dc1.error(sendCodeReq('31611111111'))).toBe('PHONE_MIGRATE_3');
  });

  it('signs up a fresh test number with code X five times, then signs in with an app code', async () => {
    const h = harness();
    const a = h.connect(2);
    const sent = (await a.call(sendCodeReq('9996621234'))) as TlValue;
    expect(sent).toMatchObject({ _: 'auth.sentCode', type: { _: 'auth.sentCodeTypeSms', length: 5 }, nextType: { _: 'auth.codeTypeCall' }, timeout: 60 });
    expect(h.state.inbox.lastCode('9996621234')).toBe('22222');
    const req = { _: 'auth.signIn', phoneNumber: '9996621234', phoneCodeHash: sent.phoneCodeHash as string };
    expect(await a.error({ ...req, phoneCode: '11111' })).toBe('PHONE_CODE_INVALID');
    expect(await a.error({ ...req })).toBe('PHONE_CODE_EMPTY');
    expect(await a.call({ ...req, phoneCode: '22222' })).toMatchObject({ _: 'auth.authorizationSignUpRequired' });
    expect(await a.error({ _: 'auth.signUp', phoneNumber: '9996621234', phoneCodeHash: sent.phoneCodeHash, firstName: '', lastName: '' })).toBe('FIRSTNAME_INVALID');
    const auth = (await a.call({ _: 'auth.signUp', phoneNumber: '9996621234', phoneCodeHash: sent.phoneCodeHash, firstName: 'Ann', lastName: 'B' })) as TlValue;
    expect(auth).toMatchObject({ _: 'auth.authorization', user: { _: 'user', self: true, firstName: 'Ann', phone: '9996621234' } });
    expect(auth.futureAuthToken).toBeInstanceOf(Uint8Array);
    expect(await a.call({ _: 'updates.getState' })).toMatchObject({ _: 'updates.state' });

    // A second device now gets the code in the app, with SMS next.
    const b = h.connect(2);
    const again = (await b.call(sendCodeReq('9996621234'))) as TlValue;
    expect(again).toMatchObject({ type: { _: 'auth.sentCodeTypeApp' }, nextType: { _: 'auth.codeTypeSms' } });
  });

  it('answers user methods before login with AUTH_KEY_UNREGISTERED and unknown methods with INPUT_METHOD_INVALID', async () => {
    const h = harness();
    const a = h.connect(2);
    expect(await a.error({ _: 'updates.getState' })).toBe('AUTH_KEY_UNREGISTERED');
    expect(await a.error({ _: 'messages.getDialogs' })).toBe('INPUT_METHOD_INVALID');
    expect(await a.call({ _: 'invokeWithLayer', layer: 200, query: { _: 'help.getNearestDc' } })).toMatchObject({ _: 'nearestDc', thisDc: 2 });
    expect(h.state.keys.get(a.keyId)?.layer).toBe(200);
  });

  it('walks the resend chain to SEND_CODE_UNAVAILABLE, honours timeout, cancels', async () => {
    const h = harness();
    const a = h.connect(2);
    const sent = (await a.call(sendCodeReq('9996621234'))) as TlValue;
    const req = { _: 'auth.resendCode', phoneNumber: '9996621234', phoneCodeHash: sent.phoneCodeHash };
    expect(await a.error(req)).toMatch(/^FLOOD_WAIT_60$/);
    h.clock.advance(60_000);
    expect(await a.call(req)).toMatchObject({ type: { _: 'auth.sentCodeTypeCall' } });
    h.clock.advance(60_000);
    expect(await a.error(req)).toBe('SEND_CODE_UNAVAILABLE');
    expect(await a.error({ ...req, phoneCodeHash: '' })).toBe('PHONE_CODE_HASH_EMPTY');
    expect(await a.error({ ...req, phoneNumber: '9996629999' })).toBe('PHONE_NUMBER_INVALID');
    expect(await a.call({ _: 'auth.reportMissingCode', phoneNumber: '9996621234', phoneCodeHash: sent.phoneCodeHash, mnc: '01' })).toBe(true);
    expect(await a.call({ ...req, _: 'auth.cancelCode' })).toBe(true);
    expect(await a.error({ ...req, _: 'auth.cancelCode' })).toBe('PHONE_CODE_EXPIRED');
  });

  it('rate-limits sendCode with FLOOD_WAIT_X and expires codes', async () => {
    const h = harness({ sendCodeLimit: 2 });
    const a = h.connect(2);
    const first = (await a.call(sendCodeReq('9996621234'))) as TlValue;
    await a.call(sendCodeReq('9996621234'));
    expect(await a.error(sendCodeReq('9996621234'))).toBe('FLOOD_WAIT_3600');
    h.clock.advance(5 * 60_000);
    expect(await a.error({ _: 'auth.signIn', phoneNumber: '9996621234', phoneCodeHash: first.phoneCodeHash, phoneCode: '22222' })).toBe('PHONE_CODE_EXPIRED');
  });

  it('logs in straight from a future auth token (sentCodeSuccess) after logOut', async () => {
    const h = harness();
    const a = h.connect(2);
    await loginTestNumber(a, '9996621234', '22222');
    const out = (await a.call({ _: 'auth.logOut' })) as TlValue;
    expect(await a.error({ _: 'updates.getState' })).toBe('AUTH_KEY_UNREGISTERED');
    const res = (await a.call(sendCodeReq('9996621234', { _: 'codeSettings', logoutTokens: [out.futureAuthToken] }))) as TlValue;
    expect(res).toMatchObject({ _: 'auth.sentCodeSuccess', authorization: { _: 'auth.authorization' } });
  });

  it('serves the forced paths: payment, email setup, email code and reset, firebase, ban', async () => {
    const h = harness();
    const a = h.connect(2);
    const paid = h.state.accounts.create({ phone: '31600000001', dcId: 2, switches: { paymentRequired: true } });
    const pr = (await a.call(sendCodeReq(paid.phone))) as TlValue;
    expect(pr._).toBe('auth.sentCodePaymentRequired');
    const check = { _: 'auth.checkPaidAuth', phoneNumber: paid.phone, phoneCodeHash: pr.phoneCodeHash, formId: 7n };
    expect(await a.error(check)).toBe('FLOOD_WAIT_5');
    h.state.logins.get(pr.phoneCodeHash as string)!.paymentOutcome = 'paid';
    expect(await a.call(check)).toMatchObject({ _: 'auth.sentCode', type: { _: 'auth.sentCodeTypeSms' } });

    const setup = h.state.accounts.create({ phone: '31600000002', dcId: 2, switches: { emailSetupRequired: true } });
    const su = (await a.call(sendCodeReq(setup.phone))) as TlValue;
    expect(su.type).toMatchObject({ _: 'auth.sentCodeTypeSetUpEmailRequired' });
    const purpose = { _: 'emailVerifyPurposeLoginSetup', phoneNumber: setup.phone, phoneCodeHash: su.phoneCodeHash };
    await a.call({ _: 'account.sendVerifyEmailCode', purpose, email: 'ann@example.com' });
    const code = h.state.inbox.lastCode('ann@example.com')!;
    expect(await a.error({ _: 'account.verifyEmail', purpose, verification: { _: 'emailVerificationCode', code: 'x' } })).toBe('CODE_INVALID');
    const verified = (await a.call({ _: 'account.verifyEmail', purpose, verification: { _: 'emailVerificationCode', code } })) as TlValue;
    expect(verified).toMatchObject({ _: 'account.emailVerifiedLogin', sentCode: { type: { _: 'auth.sentCodeTypeEmailCode', emailPattern: 'a***@example.com' } } });
    const emailCode = h.state.inbox.lastCode('ann@example.com')!;
    const reset = { _: 'auth.resetLoginEmail', phoneNumber: setup.phone, phoneCodeHash: su.phoneCodeHash };
    expect(await a.call(reset)).toMatchObject({ type: { _: 'auth.sentCodeTypeSms' } });
    expect(await a.error(reset)).toBe('TASK_ALREADY_EXISTS');
    expect(emailCode).toHaveLength(5);

    const fb = h.state.accounts.create({ phone: '31600000003', dcId: 2, switches: { firebaseRequired: true } });
    expect(await a.error(sendCodeReq(fb.phone))).toBe('SEND_CODE_UNAVAILABLE');
    const fs = (await a.call(sendCodeReq(fb.phone, { _: 'codeSettings', allowFirebase: true }))) as TlValue;
    expect(fs.type).toMatchObject({ _: 'auth.sentCodeTypeFirebaseSms' });
    const fbReq = { _: 'auth.requestFirebaseSms', phoneNumber: fb.phone, phoneCodeHash: fs.phoneCodeHash };
    expect(await a.call(fbReq)).toBe(false);
    expect(await a.call({ ...fbReq, playIntegrityToken: 'ok' })).toBe(true);

    // the SMS went out: a resend still follows next_type sms, after the timeout
    const resend = { _: 'auth.resendCode', phoneNumber: fb.phone, phoneCodeHash: fs.phoneCodeHash };
    expect(await a.error(resend)).toMatch(/^FLOOD_WAIT_/);
    h.clock.advance(60_000);
    expect(await a.call(resend)).toMatchObject({ type: { _: 'auth.sentCodeTypeSms' }, nextType: { _: 'auth.codeTypeCall' } });

    // no device proof: the fallback to next_type is allowed at once (core.telegram.org/api/auth "Firebase"), before the resend timeout
    const nofb = h.state.accounts.create({ phone: '31600000006', dcId: 2, switches: { firebaseRequired: true } });
    const ns = (await a.call(sendCodeReq(nofb.phone, { _: 'codeSettings', allowFirebase: true }))) as TlValue;
    expect(ns.nextType).toEqual({ _: 'auth.codeTypeSms' });
    const fallback = { _: 'auth.resendCode', phoneNumber: nofb.phone, phoneCodeHash: ns.phoneCodeHash, reason: 'PLAY_INTEGRITY_FAILED' };
    expect(await a.call(fallback)).toMatchObject({ type: { _: 'auth.sentCodeTypeSms' }, nextType: { _: 'auth.codeTypeCall' } });

    h.state.accounts.create({ phone: '31600000004', dcId: 2, switches: { banned: true } });
    expect(await a.error(sendCodeReq('31600000004'))).toBe('PHONE_NUMBER_BANNED');
    expect(await a.error({ ...sendCodeReq('31600000005'), apiId: 0 })).toBe('API_ID_INVALID');
    expect(await a.error(sendCodeReq('12'))).toBe('PHONE_NUMBER_INVALID');
    expect(api.apiId).toBe(12345);
  });
});
