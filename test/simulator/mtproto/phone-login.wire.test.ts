/**
 * Phone login over real MTProto (handshake, encrypted session, initConnection, codecs): sendCode,
 * resendCode, cancelCode, reportMissingCode, requestFirebaseSms, signIn, signUp, resetLoginEmail,
 * checkPaidAuth, logOut, resetAuthorizations, each with its success path and every error it answers.
 */
import { describe, expect, it } from 'vitest';
import { API, login, sendCodeReq, wireSim, type Value } from './wire-harness.js';

const PHONE = '9996621234';

describe('phone login through MTProto', () => {
  it('sendCode: PHONE_MIGRATE/NETWORK_MIGRATE redirects, input checks, ban, Firebase-only, FLOOD_WAIT_X, then a code', async () => {
    const { sim, connect } = wireSim({ ipDc: 4 });
    const dc1 = await connect(1);
    expect(await dc1.error(sendCodeReq(PHONE))).toBe('PHONE_MIGRATE_2');
    expect(await dc1.error(sendCodeReq('+31 612345678'))).toBe('NETWORK_MIGRATE_4');
    sim.accounts.create({ phone: '31611111111', dcId: 3 });
    expect(await dc1.error(sendCodeReq('31611111111'))).toBe('PHONE_MIGRATE_3');

    const dc2 = await connect(2);
    expect(await dc2.error({ ...sendCodeReq(PHONE), apiId: 0 })).toBe('API_ID_INVALID');
    expect(await dc2.error(sendCodeReq('12'))).toBe('PHONE_NUMBER_INVALID');
    sim.accounts.create({ phone: '31600000004', dcId: 2, switches: { banned: true } });
    expect(await dc2.error(sendCodeReq('31600000004'))).toBe('PHONE_NUMBER_BANNED');
    sim.accounts.create({ phone: '31600000003', dcId: 2, switches: { firebaseRequired: true } });
    expect(await dc2.error(sendCodeReq('31600000003'))).toBe('SEND_CODE_UNAVAILABLE');
    sim.accounts.create({ phone: '31600000006', dcId: 2, switches: { sendCodeLimit: 1 } });
    await dc2.call(sendCodeReq('31600000006'));
    expect(await dc2.error(sendCodeReq('31600000006'))).toBe('FLOOD_WAIT_3600');

    const sent = (await dc2.call(sendCodeReq(PHONE))) as Value;
    expect(sent).toMatchObject({
      _: 'auth.sentCode',
      type: { _: 'auth.sentCodeTypeSms', length: 5 },
      nextType: { _: 'auth.codeTypeCall' },
      timeout: 60,
    });
    expect(sim.inbox(PHONE).at(-1)).toMatchObject({ channel: 'sms', code: '22222' });
  });

  it('signIn and signUp: every code error, sign-up with terms, PHONE_NUMBER_OCCUPIED, then the app code for a second device', async () => {
    const { sim, clock, connect } = wireSim();
    const a = await connect(2);
    const b = await connect(2);
    const sa = (await a.call(sendCodeReq(PHONE))) as Value;
    const sb = (await b.call(sendCodeReq(PHONE))) as Value;
    const signIn = (hash: unknown, code: string, phone = PHONE): Value => ({
      _: 'auth.signIn',
      phoneNumber: phone,
      phoneCodeHash: hash,
      phoneCode: code,
    });
    const signUp = (hash: unknown, firstName: string, lastName = ''): Value => ({
      _: 'auth.signUp',
      phoneNumber: PHONE,
      phoneCodeHash: hash,
      firstName,
      lastName,
    });

    expect(await a.error(signIn('', '22222'))).toBe('PHONE_CODE_HASH_EMPTY');
    expect(await a.error(signIn('00ff00ff00ff00ff', '22222'))).toBe('PHONE_CODE_EXPIRED');
    expect(await a.error(signIn(sa['phoneCodeHash'], '22222', '9996629999'))).toBe('PHONE_NUMBER_INVALID');
    expect(await a.error({ _: 'auth.signIn', phoneNumber: PHONE, phoneCodeHash: sa['phoneCodeHash'] })).toBe(
      'PHONE_CODE_EMPTY',
    );
    expect(await a.error(signIn(sa['phoneCodeHash'], '11111'))).toBe('PHONE_CODE_INVALID');
    // An e-mail code for a login whose code went by SMS.
    const viaEmail = {
      _: 'auth.signIn',
      phoneNumber: PHONE,
      phoneCodeHash: sa['phoneCodeHash'],
      emailVerification: { _: 'emailVerificationCode', code: '22222' },
    };
    expect(await a.error(viaEmail)).toBe('PHONE_CODE_INVALID');
    expect(await a.error(signUp(sa['phoneCodeHash'], 'Ann'))).toBe('PHONE_CODE_INVALID');

    expect(await a.call(signIn(sa['phoneCodeHash'], '22222'))).toMatchObject({
      _: 'auth.authorizationSignUpRequired',
      termsOfService: { _: 'help.termsOfService' },
    });
    expect(await b.call(signIn(sb['phoneCodeHash'], '22222'))).toMatchObject({
      _: 'auth.authorizationSignUpRequired',
    });
    expect(await a.error(signUp(sa['phoneCodeHash'], ' '))).toBe('FIRSTNAME_INVALID');
    expect(await a.error(signUp(sa['phoneCodeHash'], 'Ann', 'x'.repeat(65)))).toBe('LASTNAME_INVALID');
    const auth = (await a.call(signUp(sa['phoneCodeHash'], 'Ann', 'B'))) as Value;
    expect(auth).toMatchObject({
      _: 'auth.authorization',
      user: { _: 'user', self: true, firstName: 'Ann', phone: PHONE },
    });
    expect(auth['futureAuthToken']).toBeInstanceOf(Uint8Array);
    expect(await b.error(signUp(sb['phoneCodeHash'], 'Eve'))).toBe('PHONE_NUMBER_OCCUPIED');
    expect(await a.call({ _: 'updates.getState' })).toMatchObject({ _: 'updates.state' });
    expect(await a.call({ _: 'help.acceptTermsOfService', id: { _: 'dataJSON', data: '{}' } })).toBe(true);

    // The account now has a session, so a new device gets the code in the app, SMS next.
    const c = await connect(2);
    const sc = (await c.call(sendCodeReq(PHONE))) as Value;
    expect(sc).toMatchObject({ type: { _: 'auth.sentCodeTypeApp' }, nextType: { _: 'auth.codeTypeSms' } });
    expect(sim.inbox(PHONE).at(-1)).toMatchObject({ channel: 'app', code: '22222' });
    for (let i = 0; i < 4; i++)
      expect(await c.error(signIn(sc['phoneCodeHash'], '00000'))).toBe('PHONE_CODE_INVALID');
    // The fifth wrong code burns the login: even the right code is too late then.
    expect(await c.error(signIn(sc['phoneCodeHash'], '00000'))).toBe('PHONE_CODE_EXPIRED');
    expect(await c.error(signIn(sc['phoneCodeHash'], '22222'))).toBe('PHONE_CODE_EXPIRED');
    // Codes expire with time too.
    const late = (await c.call(sendCodeReq(PHONE))) as Value;
    sim.clock.advance(5 * 60_000);
    expect(await c.error(signIn(late['phoneCodeHash'], '22222'))).toBe('PHONE_CODE_EXPIRED');
    expect(clock.pending).toBeGreaterThan(0);
  });

  it('resendCode, reportMissingCode, cancelCode: the resend chain, its errors and cancellation', async () => {
    const { sim, connect } = wireSim();
    const a = await connect(2);
    const sent = (await a.call(sendCodeReq(PHONE))) as Value;
    const req = { _: 'auth.resendCode', phoneNumber: PHONE, phoneCodeHash: sent['phoneCodeHash'] };
    expect(await a.error(req)).toBe('FLOOD_WAIT_60');
    sim.clock.advance(60_000);
    expect(await a.call(req)).toMatchObject({ _: 'auth.sentCode', type: { _: 'auth.sentCodeTypeCall' } });
    expect(sim.inbox(PHONE).at(-1)).toMatchObject({ channel: 'call' });
    sim.clock.advance(60_000);
    expect(await a.error(req)).toBe('SEND_CODE_UNAVAILABLE');
    expect(await a.error({ ...req, phoneCodeHash: '' })).toBe('PHONE_CODE_HASH_EMPTY');
    expect(await a.error({ ...req, phoneNumber: '9996629999' })).toBe('PHONE_NUMBER_INVALID');
    expect(await a.error({ ...req, phoneCodeHash: 'ffffffffffffffff' })).toBe('PHONE_CODE_EXPIRED');

    const report = {
      _: 'auth.reportMissingCode',
      phoneNumber: PHONE,
      phoneCodeHash: sent['phoneCodeHash'],
      mnc: '01',
    };
    expect(await a.call(report)).toBe(true);
    expect(await a.error({ ...report, phoneNumber: '12' })).toBe('PHONE_NUMBER_INVALID');
    expect(await a.error({ ...report, phoneCodeHash: 'ffffffffffffffff' })).toBe('PHONE_CODE_EXPIRED');

    const cancel = { _: 'auth.cancelCode', phoneNumber: PHONE, phoneCodeHash: sent['phoneCodeHash'] };
    expect(await a.error({ ...cancel, phoneCodeHash: '' })).toBe('PHONE_CODE_HASH_EMPTY');
    expect(await a.call(cancel)).toBe(true);
    expect(await a.error(cancel)).toBe('PHONE_CODE_EXPIRED');
  });

  it('forced paths: paid login, Firebase SMS, login e-mail setup, e-mail code and its reset', async () => {
    const { sim, connect } = wireSim();
    const a = await connect(2);
    const paid = sim.accounts.create({ phone: '31600000001', dcId: 2, switches: { paymentRequired: true } });
    const pr = (await a.call(sendCodeReq(paid.phone))) as Value;
    expect(pr).toMatchObject({ _: 'auth.sentCodePaymentRequired', currency: 'EUR' });
    const check = {
      _: 'auth.checkPaidAuth',
      phoneNumber: paid.phone,
      phoneCodeHash: pr['phoneCodeHash'],
      formId: 7n,
    };
    expect(await a.error(check)).toBe('FLOOD_WAIT_5');
    expect(
      await a.error({
        _: 'auth.signIn',
        phoneNumber: paid.phone,
        phoneCodeHash: pr['phoneCodeHash'],
        phoneCode: '12345',
      }),
    ).toBe('PHONE_CODE_INVALID');
    expect(sim.setPaymentOutcome(paid.phone, 'paid')).toBe(true);
    expect(await a.call(check)).toMatchObject({ _: 'auth.sentCode', type: { _: 'auth.sentCodeTypeSms' } });
    expect(await a.error(check)).toBe('PHONE_NUMBER_INVALID');
    const failed = (await a.call(sendCodeReq(paid.phone))) as Value;
    expect(await a.error({ ...check, phoneCodeHash: failed['phoneCodeHash'], formId: 0n })).toBe(
      'FORM_EXPIRED',
    );

    const fb = sim.accounts.create({ phone: '31600000003', dcId: 2, switches: { firebaseRequired: true } });
    const fs = (await a.call(sendCodeReq(fb.phone, { _: 'codeSettings', allowFirebase: true }))) as Value;
    expect(fs['type']).toMatchObject({ _: 'auth.sentCodeTypeFirebaseSms' });
    const fbReq = { _: 'auth.requestFirebaseSms', phoneNumber: fb.phone, phoneCodeHash: fs['phoneCodeHash'] };
    expect(await a.call(fbReq)).toBe(false);
    expect(await a.error({ ...fbReq, phoneCodeHash: 'ffffffffffffffff' })).toBe('PHONE_CODE_EXPIRED');
    expect(await a.call({ ...fbReq, playIntegrityToken: 'ok' })).toBe(true);
    expect(sim.inbox(fb.phone).at(-1)).toMatchObject({ channel: 'sms' });

    const setup = sim.accounts.create({
      phone: '31600000002',
      dcId: 2,
      switches: { emailSetupRequired: true },
    });
    const su = (await a.call(sendCodeReq(setup.phone))) as Value;
    expect(su['type']).toMatchObject({ _: 'auth.sentCodeTypeSetUpEmailRequired' });
    const reset = { _: 'auth.resetLoginEmail', phoneNumber: setup.phone, phoneCodeHash: su['phoneCodeHash'] };
    expect(await a.error(reset)).toBe('PHONE_NUMBER_INVALID');
    const purpose = {
      _: 'emailVerifyPurposeLoginSetup',
      phoneNumber: setup.phone,
      phoneCodeHash: su['phoneCodeHash'],
    };
    expect(await a.error({ _: 'account.sendVerifyEmailCode', purpose, email: 'nope' })).toBe('EMAIL_INVALID');
    await a.call({ _: 'account.sendVerifyEmailCode', purpose, email: 'ann@example.com' });
    const code = sim.inbox('ann@example.com').at(-1)!.code!;
    expect(
      await a.error({
        _: 'account.verifyEmail',
        purpose,
        verification: { _: 'emailVerificationCode', code: 'x' },
      }),
    ).toBe('CODE_INVALID');
    const verified = (await a.call({
      _: 'account.verifyEmail',
      purpose,
      verification: { _: 'emailVerificationCode', code },
    })) as Value;
    expect(verified).toMatchObject({
      _: 'account.emailVerifiedLogin',
      sentCode: { type: { _: 'auth.sentCodeTypeEmailCode', emailPattern: 'a***@example.com' } },
    });
    const emailCode = sim.inbox('ann@example.com').at(-1)!.code!;
    const viaEmail = {
      _: 'auth.signIn',
      phoneNumber: setup.phone,
      phoneCodeHash: su['phoneCodeHash'],
      emailVerification: { _: 'emailVerificationCode', code: emailCode },
    };
    expect(await a.call(viaEmail)).toMatchObject({ _: 'auth.authorization', user: { id: setup.id } });

    // resetLoginEmail on a login whose code went by e-mail: SMS instead, once.
    const b = await connect(2);
    const viaMail = (await b.call(sendCodeReq(setup.phone))) as Value;
    expect(viaMail['type']).toMatchObject({ _: 'auth.sentCodeTypeEmailCode' });
    const reset2 = { ...reset, phoneCodeHash: viaMail['phoneCodeHash'] };
    expect(await b.call(reset2)).toMatchObject({ type: { _: 'auth.sentCodeTypeSms' } });
    expect(await b.error(reset2)).toBe('TASK_ALREADY_EXISTS');
    expect(await b.error({ ...reset2, phoneCodeHash: '' })).toBe('PHONE_CODE_HASH_EMPTY');
  });

  it('logOut hands out a future auth token that logs in at once; resetAuthorizations ends the other sessions', async () => {
    const { sim, connect } = wireSim();
    const a = await connect(2);
    expect(await a.error({ _: 'auth.logOut' })).toBe('AUTH_KEY_UNREGISTERED');
    expect(await a.error({ _: 'auth.resetAuthorizations' })).toBe('AUTH_KEY_UNREGISTERED');
    await login(a, PHONE, '22222');
    const b = await connect(2);
    await login(b, PHONE, '22222');
    expect(await a.error({ _: 'auth.resetAuthorizations' })).toBe('FRESH_RESET_AUTHORISATION_FORBIDDEN');
    sim.clock.advance(86_400_000);
    expect(await a.call({ _: 'auth.resetAuthorizations' })).toBe(true);
    expect(await b.error({ _: 'updates.getState' })).toBe('AUTH_KEY_UNREGISTERED');
    expect(await a.call({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] })).toMatchObject([
      { _: 'user', self: true, phone: PHONE },
    ]);

    const out = (await a.call({ _: 'auth.logOut' })) as Value;
    expect(out).toMatchObject({ _: 'auth.loggedOut' });
    expect(await a.error({ _: 'updates.getState' })).toBe('AUTH_KEY_UNREGISTERED');
    const res = (await a.call(
      sendCodeReq(PHONE, { _: 'codeSettings', logoutTokens: [out['futureAuthToken']] }),
    )) as Value;
    expect(res).toMatchObject({
      _: 'auth.sentCodeSuccess',
      authorization: { _: 'auth.authorization', user: { phone: PHONE } },
    });
    expect(API.apiId).toBe(12345);
  });
});
