/** Tour scenarios of the phone-code family: every path that starts from a phone number. */
import { memoryStore } from '../../machines/index.js';
import type { TourEnv } from './tour-env.js';

/** A named, scripted walk through one flow. */
export interface TourScenario {
  readonly title: string;
  run(env: TourEnv): Promise<void>;
}

/** The latest code the simulator delivered to `to` (phone or e-mail), as the user would read it. */
export function inboxCode(env: TourEnv, to: string): string {
  const messages = env.simulator.inbox(to);
  for (let i = messages.length - 1; i >= 0; i--) {
    const code = messages[i]!.code;
    if (code !== undefined) {
      env.out(`  inbox: ${messages[i]!.channel} to ${to}: code ${code}`);
      return code;
    }
  }
  throw new Error(`no code in the inbox of ${to}`);
}

/** Phone -> code -> ready, then logout. */
async function signIn(env: TourEnv, phone: string): Promise<void> {
  const d = await env.engine();
  await d.until('waitPhoneNumber');
  d.send({ type: 'phone.submit', phone }, phone);
  await d.until('waitCode');
  d.send({ type: 'code.submit', code: inboxCode(env, phone) }, '*****');
  await d.until('ready');
  d.stop();
}

export const phoneScenarios: TourScenario[] = [
  {
    title: 'Phone login by SMS code: DC 1 redirects to the home DC 2 (PHONE_MIGRATE_2)',
    async run(env) {
      env.simulator.accounts.create({ phone: '9996621000', dcId: 2, firstName: 'Ann', lastName: 'Lee' });
      await signIn(env, '9996621000');
    },
  },
  {
    title: 'Phone on another DC: PHONE_MIGRATE_4, key exchange on DC 4, login there',
    async run(env) {
      env.simulator.accounts.create({ phone: '9996641000', dcId: 4, firstName: 'Dan' });
      await signIn(env, '9996641000');
    },
  },
  {
    title: 'Wrong code, then the right one (never re-sent in a loop)',
    async run(env) {
      env.simulator.accounts.create({ phone: '9996621001', dcId: 2, firstName: 'Eve' });
      const d = await env.engine();
      d.send({ type: 'phone.submit', phone: '9996621001' }, '9996621001');
      await d.until('waitCode');
      d.send({ type: 'code.submit', code: '00000' }, '*****');
      await d.untilError('PHONE_CODE_INVALID');
      d.send({ type: 'code.submit', code: inboxCode(env, '9996621001') }, '*****');
      await d.until('ready');
      d.stop();
    },
  },
  {
    title: 'Resend through next types with the countdown, then edit the number (cancelCode)',
    async run(env) {
      env.simulator.accounts.create({ phone: '9996621002', dcId: 2, firstName: 'Ray' });
      const d = await env.engine();
      d.send({ type: 'phone.submit', phone: '9996621002' }, '9996621002');
      const first = await d.until('waitCode');
      const wait = first.status === 'waitCode' ? (first.resendInSeconds ?? 0) : 0;
      env.out(`  clock: +${wait} s`);
      env.clock.advance(wait * 1000);
      await d.until((v) => v.status === 'waitCode' && v.resendInSeconds === 0, 'resend allowed');
      d.send({ type: 'code.resend' });
      const firstType = first.status === 'waitCode' ? first.codeInfo.type : undefined;
      await d.until(
        (v) => v.status === 'waitCode' && !v.busy && v.codeInfo.type !== firstType,
        'next code type',
      );
      d.send({ type: 'phone.edit' });
      await d.until('waitPhoneNumber');
      d.stop();
    },
  },
  {
    title: 'The code did not arrive: reportMissingCode',
    async run(env) {
      env.simulator.accounts.create({ phone: '9996621003', dcId: 2, firstName: 'Sam' });
      const d = await env.engine();
      d.send({ type: 'phone.submit', phone: '9996621003' }, '9996621003');
      await d.until('waitCode');
      d.send({ type: 'code.reportMissing', mnc: '01' });
      await d.until((v) => v.status === 'waitCode' && !v.busy, 'report done');
      d.send({ type: 'code.submit', code: inboxCode(env, '9996621003') }, '*****');
      await d.until('ready');
      d.stop();
    },
  },
  {
    title: 'Sign-up of a new number, terms of service accepted explicitly',
    async run(env) {
      const d = await env.engine();
      d.send({ type: 'phone.submit', phone: '9996627001' }, '9996627001');
      await d.until('waitCode');
      d.send({ type: 'code.submit', code: inboxCode(env, '9996627001') }, '*****');
      await d.until('waitRegistration');
      d.send(
        { type: 'registration.submit', firstName: 'New', lastName: 'User', acceptTerms: false },
        'terms NOT accepted',
      );
      await d.until(
        (v) => v.status === 'waitRegistration' && !v.busy && v.error !== undefined,
        'terms refusal',
      );
      d.send(
        { type: 'registration.submit', firstName: 'New', lastName: 'User', acceptTerms: true },
        'terms accepted',
      );
      await d.until('ready');
      d.stop();
    },
  },
  {
    title: '2FA: wrong password, right password',
    async run(env) {
      const a = env.simulator.accounts.create({ phone: '9996621004', dcId: 2, firstName: 'Pat' });
      await env.simulator.setPassword(a.id, 'correct horse', {
        hint: 'stable',
        recoveryEmail: 'pat@example.com',
      });
      const d = await env.engine();
      d.send({ type: 'phone.submit', phone: '9996621004' }, '9996621004');
      await d.until('waitCode');
      d.send({ type: 'code.submit', code: inboxCode(env, '9996621004') }, '*****');
      await d.until('waitPassword');
      d.send({ type: 'password.submit', password: 'wrong' }, '*****');
      await d.untilError('PASSWORD_HASH_INVALID');
      d.send({ type: 'password.submit', password: 'correct horse' }, '*****');
      await d.until('ready');
      d.stop();
    },
  },
  {
    title: 'Forgot the 2FA password: recovery by e-mail, with a new password',
    async run(env) {
      const a = env.simulator.accounts.create({ phone: '9996621005', dcId: 2, firstName: 'Kim' });
      await env.simulator.setPassword(a.id, 'forgotten', { hint: 'none', recoveryEmail: 'kim@example.com' });
      const d = await env.engine();
      d.send({ type: 'phone.submit', phone: '9996621005' }, '9996621005');
      await d.until('waitCode');
      d.send({ type: 'code.submit', code: inboxCode(env, '9996621005') }, '*****');
      await d.until('waitPassword');
      d.send({ type: 'recovery.request' });
      await d.until(
        (v) =>
          (v.status === 'waitPasswordRecovery' || v.status === 'waitPassword') &&
          !v.busy &&
          v.status !== 'waitPassword',
        'recovery code',
      );
      d.send(
        {
          type: 'recovery.submit',
          code: inboxCode(env, 'kim@example.com'),
          newPassword: 'new secret',
          newHint: 'new',
        },
        '***** (new password set)',
      );
      await d.until('ready');
      d.stop();
    },
  },
  {
    title: 'E-mail setup required: address, then the code sent to it',
    async run(env) {
      env.simulator.accounts.create({
        phone: '9996621006',
        dcId: 2,
        firstName: 'Lou',
        switches: { emailSetupRequired: true },
      });
      const d = await env.engine();
      d.send({ type: 'phone.submit', phone: '9996621006' }, '9996621006');
      await d.until('waitEmailAddress');
      d.send({ type: 'email.submit', email: 'lou@example.com' }, 'lou@example.com');
      await d.until('waitEmailCode');
      d.send({ type: 'emailCode.submit', code: inboxCode(env, 'lou@example.com') }, '*****');
      await d.until(
        (v) => v.status === 'waitEmailCode' && v.purpose === 'login' && !v.busy,
        'the login e-mail code',
      );
      d.send({ type: 'emailCode.submit', code: inboxCode(env, 'lou@example.com') }, '*****');
      await d.until('ready');
      d.stop();
    },
  },
  {
    title: 'Login e-mail code, then reset to SMS (resetLoginEmail)',
    async run(env) {
      env.simulator.accounts.create({
        phone: '9996621007',
        dcId: 2,
        firstName: 'Max',
        loginEmail: 'max@example.com',
      });
      const d = await env.engine();
      d.send({ type: 'phone.submit', phone: '9996621007' }, '9996621007');
      const view = await d.until('waitEmailCode');
      const wait = view.status === 'waitEmailCode' ? (view.resetAvailableInSeconds ?? 0) : 0;
      if (wait > 0) {
        env.out(`  clock: +${wait} s`);
        env.clock.advance(wait * 1000);
      }
      d.send({ type: 'email.reset' });
      await d.until((v) => v.status === 'waitCode' && !v.busy, 'code after reset');
      d.send({ type: 'code.submit', code: inboxCode(env, '9996621007') }, '*****');
      await d.until('ready');
      d.stop();
    },
  },
  {
    title: 'Logout keeps a future auth token; the next login skips the code (sentCodeSuccess)',
    async run(env) {
      env.simulator.accounts.create({ phone: '9996621008', dcId: 2, firstName: 'Joe' });
      const store = memoryStore();
      const first = await env.engine({ store });
      first.send({ type: 'phone.submit', phone: '9996621008' }, '9996621008');
      await first.until('waitCode');
      first.send({ type: 'code.submit', code: inboxCode(env, '9996621008') }, '*****');
      await first.until('ready');
      first.send({ type: 'logout.request' });
      await first.until((v) => v.status === 'waitPhoneNumber' || v.status === 'closed', 'logged out');
      first.stop();
      const second = await env.engine({ store });
      await second.until('waitPhoneNumber');
      second.send({ type: 'phone.submit', phone: '9996621008' }, '9996621008');
      await second.until('ready');
      second.stop();
    },
  },
  {
    title: 'Too many codes: FLOOD_WAIT_X shown as a countdown, nothing retried',
    async run(env) {
      env.simulator.accounts.create({
        phone: '9996621009',
        dcId: 2,
        firstName: 'Flo',
        switches: { sendCodeLimit: 1 },
      });
      const d = await env.engine();
      d.send({ type: 'phone.submit', phone: '9996621009' }, '9996621009');
      await d.until('waitCode');
      d.send({ type: 'phone.edit' });
      await d.until('waitPhoneNumber');
      d.send({ type: 'phone.submit', phone: '9996621009' }, '9996621009');
      await d.untilError('FLOOD_WAIT_X');
      d.stop();
    },
  },
];
