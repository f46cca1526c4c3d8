/**
 * The paid-login screen of the phone flow (core.telegram.org/api/auth "Paid login"): auth.sentCodePaymentRequired ->
 * the host's store purchase (PaymentHost) or a form id from the UI -> auth.checkPaidAuth, polling
 * while the server says the payment is still pending. Split out of phone-login/machine.ts.
 * A pending payment is not an error: `420 FLOOD_WAIT_X` from auth.checkPaidAuth only sets when
 * to ask again (the view's `nextCheckInSeconds`); the screen's `error` stays empty while polling.
 *
 * Its descriptions live in phone-login/descriptions.ts, out of the runtime bundle (issue 11).
 */
import { paidLoginOfferOf } from '../flow-kit/index.js';
import { codeTarget, phoneLoginSetup } from './setup.js';

/** `waitPayment` of the phone-login machine. */
export const waitPaymentState = phoneLoginSetup.createStateConfig({
  tags: ['waitPayment'],
  initial: 'idle',
  on: { 'phone.edit': 'cancellingCode' },
  states: {
    idle: {
      on: {
        'payment.submit': [
          { guard: 'hasFormId', target: 'checking', actions: 'storeFormId' },
          { guard: 'hasPaymentHost', target: 'purchasing' },
        ],
      },
    },
    purchasing: {
      tags: ['busy'],
      entry: 'clearError',
      invoke: {
        id: 'purchaseLogin',
        src: 'purchaseLogin',
        input: ({ context }) => paidLoginOfferOf(context.sent, context.phone),
        onDone: { target: 'checking', actions: 'storeFormId' },
        onError: { target: 'idle', actions: 'storeError' },
      },
    },
    checking: {
      tags: ['busy', 'pending'],
      entry: 'clearError',
      invoke: {
        id: 'checkPaidAuth',
        src: 'checkPaidAuth',
        input: ({ context }) => ({ ...codeTarget(context), formId: context.formId ?? 0n }),
        onDone: { target: '#phoneLogin.routing', actions: 'storeSentCode' },
        onError: [
          { guard: 'isFloodWait', target: 'polling', actions: 'storePaymentPending' },
          {
            guard: 'isCodeDead',
            target: '#phoneLogin.waitPhoneNumber',
            actions: ['forgetCode', 'storeError'],
          },
          { target: 'idle', actions: 'storeError' },
        ],
      },
    },
    polling: {
      tags: ['pending'],
      always: { guard: 'isFloodOver', target: 'checking' },
      after: { oneSecond: { target: 'polling', reenter: true, actions: 'tickFlood' } },
    },
  },
});
