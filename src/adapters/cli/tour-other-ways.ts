/**
 * Tour scenarios of the other ways in: QR (same DC and migrating), bot, web token, passkey, Firebase
 * PNV, and `ready`'s actions.
 */
import { firebasePnvFlow } from '../../machines/index.js';
import { softwareFirebasePnvProvider } from '../firebase-pnv/index.js';
import { createSoftwarePasskey, softwarePasskeyAuthenticator } from '../passkey/index.js';
import type { TourEnv } from './tour-env.js';
import { inboxCode, type TourScenario } from './tour-phone.js';
import type { TourDriver } from './tour-driver.js';

/** Logs `phone` in with its code on a fresh engine (the "other device" that scans QR codes). */
async function loggedInDevice(env: TourEnv, phone: string): Promise<TourDriver> {
  const d = await env.engine();
  d.send({ type: 'phone.submit', phone }, phone);
  await d.until('waitCode');
  d.send({ type: 'code.submit', code: inboxCode(env, phone) }, '*****');
  await d.until('ready');
  return d;
}

async function qrLogin(env: TourEnv, approver: TourDriver): Promise<TourDriver> {
  const d = await env.engine();
  d.send({ type: 'qr.start' });
  const view = await d.until('waitQrConfirmation');
  const link = view.status === 'waitQrConfirmation' ? (view.link ?? '') : '';
  env.out('  other device scans the QR code and approves it:');
  approver.send({ type: 'qr.approve', link }, 'tg://login?token=…');
  await approver.until(
    (v) => v.status === 'ready' && !v.busy && v.approvedDevice !== undefined,
    'the approval',
  );
  return d;
}

export const otherWayScenarios: TourScenario[] = [
  {
    title:
      'Logged in on DC 2, a call on DC 4: exportAuthorization on DC 2, importAuthorization on DC 4 (PFS keys bound on both)',
    async run(env) {
      env.simulator.accounts.create({ phone: '9996621030', dcId: 2, firstName: 'Xavi' });
      const d = await loggedInDevice(env, '9996621030');
      await d.transport?.ensureAuthorized(4, 2);
      const users = await d.engine.invoke({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] }, { dcId: 4 });
      env.out(`  host: users.getUsers on DC 4 answered ${users.length} user(s)`);
      d.stop();
    },
  },
  {
    title:
      'QR login on the same DC, approved from a logged-in device (acceptLoginToken), then resetAuthorizations',
    async run(env) {
      env.simulator.accounts.create({ phone: '9996621020', dcId: 1, firstName: 'Quinn' });
      const phone = await loggedInDevice(env, '9996621020');
      const d = await qrLogin(env, phone);
      await d.until('ready');
      // Telegram refuses to reset from a session younger than 24 h: show the refusal, then wait a day.
      d.send({ type: 'authorizations.reset' });
      await d.until((v) => v.status === 'ready' && !v.busy && v.error !== undefined, 'the refusal');
      env.out('  clock: +25 h');
      env.clock.advance(25 * 3600 * 1000);
      d.send({ type: 'authorizations.reset' });
      await d.until((v) => v.status === 'ready' && !v.busy && v.otherSessionsReset === true, 'the reset');
      phone.stop();
      d.stop();
    },
  },
  {
    title:
      'QR login approved by a user of DC 4 with 2FA: loginTokenMigrateTo, importLoginToken on DC 4, password',
    async run(env) {
      const a = env.simulator.accounts.create({ phone: '9996641020', dcId: 4, firstName: 'Vera' });
      const phone = await loggedInDevice(env, '9996641020');
      await env.simulator.setPassword(a.id, 'qr secret', { hint: 'qr' });
      const d = await qrLogin(env, phone);
      await d.until('waitPassword');
      d.send({ type: 'password.submit', password: 'qr secret' }, '*****');
      await d.until('ready');
      phone.stop();
      d.stop();
    },
  },
  {
    title: 'QR token expires while nobody scans it: exported again (driven by the clock)',
    async run(env) {
      const d = await env.engine();
      d.send({ type: 'qr.start' });
      const first = await d.until('waitQrConfirmation');
      const link = first.status === 'waitQrConfirmation' ? (first.link ?? '') : '';
      env.out('  clock: +31 s');
      env.clock.advance(31_000);
      await d.until((v) => v.status === 'waitQrConfirmation' && !v.busy && v.link !== link, 'a new token');
      d.send({ type: 'phone.start' });
      await d.until('waitPhoneNumber');
      d.stop();
    },
  },
  {
    title: "Bot login with a BotFather token: USER_MIGRATE to the bot's DC",
    async run(env) {
      // BotFather tokens are `<bot id>:<secret>`, so the bot gets a known id.
      const id = 7_000_000_001n;
      const token = `${id}:AAE-tour-secret`;
      env.simulator.accounts.create({ id, dcId: 3, firstName: 'TourBot', bot: true, botToken: token });
      const d = await env.engine();
      d.send({ type: 'bot.submit', token }, `${id}:***`);
      await d.until('ready');
      d.stop();
    },
  },
  {
    title: 'Web token login on the DC the host names',
    async run(env) {
      const a = env.simulator.accounts.create({ phone: '9996621021', dcId: 2, firstName: 'Wes' });
      env.simulator.accounts.update(a.id, { webTokens: ['tour-web-token'] });
      const d = await env.engine();
      d.send({ type: 'webToken.submit', token: 'tour-web-token', dcId: 2 }, '*** on DC 2');
      await d.until('ready');
      d.stop();
    },
  },
  {
    title: "Passkey login: WebAuthn assertion from a software authenticator, finished on the user's DC",
    async run(env) {
      const a = env.simulator.accounts.create({ phone: '9996631020', dcId: 3, firstName: 'Paz' });
      const passkey = createSoftwarePasskey({ userHandle: `3:${a.id}` });
      env.simulator.accounts.update(a.id, {
        passkeys: [
          { id: passkey.credentialId, publicKey: passkey.publicKey, name: 'tour key', signCount: 0 },
        ],
      });
      const d = await env.engine({ extra: { passkey: softwarePasskeyAuthenticator([passkey]) } });
      d.send({ type: 'passkey.start' });
      await d.until('ready');
      d.stop();
    },
  },
  {
    title: 'Firebase PNV login (layer 229): the device proves a new number, redirected to its DC, then sign-up',
    async run(env) {
      const phone = '9996641077';
      // The software provider plays the device and Firebase: the simulator's issuer signs the token.
      const device = softwareFirebasePnvProvider({ phone, issue: (p, nonce) => env.simulator.issueFirebasePnvToken(p, nonce) });
      const d = await env.engine({ extra: { firebasePnv: firebasePnvFlow(device) } });
      d.send({ type: 'firebasePnv.start' });
      await d.until('waitRegistration');
      d.send({ type: 'registration.submit', firstName: 'Pia', acceptTerms: true }, 'Pia, terms accepted');
      await d.until('ready');
      d.stop();
    },
  },
];
