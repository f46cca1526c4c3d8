/** Tour scenarios that need a host port: paid login (a store purchase) and Firebase SMS (device proof). */
import { inboxCode, type TourScenario } from './tour-phone.js';

export const hostedScenarios: TourScenario[] = [
  {
    title: 'Paid login: the server asks for a purchase, the host store pays, checkPaidAuth sends the code',
    async run(env) {
      env.simulator.accounts.create({
        phone: '9996621010',
        dcId: 2,
        firstName: 'Pia',
        switches: { paymentRequired: true },
      });
      const d = await env.engine({
        extra: {
          payment: {
            purchaseLogin: async (offer) => {
              env.out(`  host: store purchase of ${offer.storeProduct} (${offer.amount} ${offer.currency})`);
              env.simulator.setPaymentOutcome(offer.phone, 'paid');
              return { formId: 1n };
            },
          },
        },
      });
      d.send({ type: 'phone.submit', phone: '9996621010' }, '9996621010');
      await d.until('waitPayment');
      d.send({ type: 'payment.submit' });
      await d.until('waitCode');
      d.send({ type: 'code.submit', code: inboxCode(env, '9996621010') }, '*****');
      await d.until('ready');
      d.stop();
    },
  },
  {
    title: 'Firebase SMS: the host proves the device (Play Integrity), requestFirebaseSms',
    async run(env) {
      env.simulator.accounts.create({
        phone: '9996621011',
        dcId: 2,
        firstName: 'Fin',
        switches: { firebaseRequired: true },
      });
      const d = await env.engine({
        extra: {
          codeSettings: { allowFirebase: true },
          firebase: {
            obtainProof: async () => {
              env.out('  host: Play Integrity token obtained');
              return { playIntegrityToken: 'tour-integrity-token' };
            },
          },
        },
      });
      d.send({ type: 'phone.submit', phone: '9996621011' }, '9996621011');
      await d.until('waitCode');
      d.send({ type: 'code.submit', code: inboxCode(env, '9996621011') }, '*****');
      await d.until('ready');
      d.stop();
    },
  },
];
