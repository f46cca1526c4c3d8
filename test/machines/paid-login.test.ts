/**
 * Paid login while the payment is pending (core.telegram.org/api/auth "Paid login"): auth.checkPaidAuth answering
 * `420 FLOOD_WAIT_X` means "still pending, ask again in X s", not a failure; FORM_EXPIRED and
 * PHONE_CODE_EXPIRED are. Pure transitions first, then the engine on a manual clock.
 */
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { phoneLoginMachine, phoneViewOf, type SentCode } from '../../src/machines/index.js';
import { appCode } from './fixtures.js';
import { queued, rig, rpcError, settle } from './harness.js';

const offer: SentCode = {
  _: 'auth.sentCodePaymentRequired',
  storeProduct: 'org.telegram.auth',
  phoneCodeHash: 'hash-paid',
  supportEmailAddress: 'sms@telegram.org',
  supportEmailSubject: 'Login',
  premiumDays: 7,
  currency: 'EUR',
  amount: 199n,
};

describe('paid login polling (pure)', () => {
  // A resumed login whose payment is pending starts by asking auth.checkPaidAuth.
  const [checking] = initialTransition(phoneLoginMachine, {
    dcId: 2,
    resume: { phone: '9996621234', sent: offer, paymentFormId: 42n },
  });
  const checkFails = (error: unknown) =>
    transition(phoneLoginMachine, checking, { type: 'xstate.error.actor.checkPaidAuth', error } as never)[0];

  it('starts in checking: pending and busy, no countdown', () => {
    expect(checking.value).toEqual({ waitPayment: 'checking' });
    const view = phoneViewOf(checking);
    expect(view).toMatchObject({ status: 'waitPayment', busy: true, pending: true });
    expect(view).not.toHaveProperty('nextCheckInSeconds');
    expect(view).not.toHaveProperty('error');
  });

  it.each([
    [
      'FLOOD_WAIT_5 (still pending)',
      rpcError(420, 'FLOOD_WAIT_5'),
      { waitPayment: 'polling' },
      { status: 'waitPayment', pending: true, nextCheckInSeconds: 5 },
      undefined,
    ],
    [
      'FORM_EXPIRED (payment failed)',
      rpcError(400, 'FORM_EXPIRED'),
      { waitPayment: 'idle' },
      { status: 'waitPayment', pending: false },
      'FORM_EXPIRED',
    ],
    [
      'PHONE_CODE_EXPIRED (login timed out)',
      rpcError(400, 'PHONE_CODE_EXPIRED'),
      { waitPhoneNumber: 'idle' },
      { status: 'waitPhoneNumber' },
      'PHONE_CODE_EXPIRED',
    ],
    [
      'PHONE_NUMBER_INVALID',
      rpcError(400, 'PHONE_NUMBER_INVALID'),
      { waitPayment: 'idle' },
      { status: 'waitPayment', pending: false },
      'PHONE_NUMBER_INVALID',
    ],
  ])('checkPaidAuth answering %s', (_name, error, state, view, shown) => {
    const next = checkFails(error);
    expect(next.value).toEqual(state);
    expect(next.context.error?.type).toBe(shown);
    expect(phoneViewOf(next)).toMatchObject({ ...view, busy: false });
    expect(phoneViewOf(next).error?.type).toBe(shown);
  });
});

describe('paid login polling (engine)', () => {
  it('a pending payment counts down to the next check with no error; a failed one shows FORM_EXPIRED', async () => {
    const { engine, rpc, tick } = await rig(
      queued({
        'auth.sendCode': [offer],
        'auth.checkPaidAuth': [
          rpcError(420, 'FLOOD_WAIT_2'),
          rpcError(420, 'FLOOD_WAIT_2'),
          rpcError(400, 'FORM_EXPIRED'),
        ],
      }),
    );
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    engine.send({ type: 'payment.submit', formId: 42n });
    await settle();
    expect(engine.getSnapshot()).toEqual({
      status: 'waitPayment',
      busy: false,
      phone: '9996621234',
      storeProduct: 'org.telegram.auth',
      currency: 'EUR',
      amount: '199',
      supportEmailAddress: 'sms@telegram.org',
      supportEmailSubject: 'Login',
      pending: true,
      nextCheckInSeconds: 2,
    });
    await tick(1);
    expect(engine.getSnapshot()).toMatchObject({ pending: true, nextCheckInSeconds: 1 });
    await tick(1);
    // asked again: still pending, a new countdown, still no error
    expect(rpc.callsOf('auth.checkPaidAuth')).toHaveLength(2);
    expect(engine.getSnapshot()).toMatchObject({ pending: true, nextCheckInSeconds: 2 });
    expect(engine.getSnapshot().error).toBeUndefined();
    await tick(2);
    expect(rpc.callsOf('auth.checkPaidAuth')).toHaveLength(3);
    const failed = engine.getSnapshot();
    expect(failed).toMatchObject({
      status: 'waitPayment',
      busy: false,
      pending: false,
      error: { type: 'FORM_EXPIRED' },
    });
    expect(failed).not.toHaveProperty('nextCheckInSeconds');
  });

  it('PHONE_CODE_EXPIRED while polling: back to the number with the error', async () => {
    const { engine, tick } = await rig(
      queued({
        'auth.sendCode': [offer],
        'auth.checkPaidAuth': [rpcError(420, 'FLOOD_WAIT_1'), rpcError(400, 'PHONE_CODE_EXPIRED')],
      }),
    );
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    engine.send({ type: 'payment.submit', formId: 42n });
    await settle();
    expect(engine.getSnapshot()).toMatchObject({ pending: true, nextCheckInSeconds: 1 });
    await tick(1);
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitPhoneNumber',
      error: { type: 'PHONE_CODE_EXPIRED' },
    });
  });

  it('a submit after a failed purchase drops the old error while the check runs', async () => {
    const { engine } = await rig(
      queued({
        'auth.sendCode': [offer],
        'auth.checkPaidAuth': [rpcError(400, 'FORM_EXPIRED'), new Promise(() => undefined), appCode],
      }),
    );
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    await settle();
    engine.send({ type: 'payment.submit', formId: 42n });
    await settle();
    expect(engine.getSnapshot()).toMatchObject({ pending: false, error: { type: 'FORM_EXPIRED' } });
    engine.send({ type: 'payment.submit', formId: 43n });
    await settle();
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPayment', busy: true, pending: true });
    expect(engine.getSnapshot().error).toBeUndefined();
  });
});
