/**
 * `tgauth login`: the interactive terminal login. Against the simulator (default) it also shows
 * the simulator's inbox, so a newcomer can read the code and type it; with `--dc production|test`
 * it talks to real Telegram with the given api id/hash.
 */
import { createInterface, type Interface } from 'node:readline/promises';
import { computeSrpCheck, computeSrpVerifier } from '../../crypto/index.js';
import { createAuthEngine, memoryStore, type AuthEngine, type AuthView } from '../../machines/index.js';
import { nodeCrypto } from '../crypto/index.js';
import { nodeTcpDial, type SimulatorHost } from '../node/index.js';
import { systemClock } from '../system-clock.js';
import { formatView } from './format-view.js';
import type { CliOptions } from './cli-options.js';
import { startSimulatorFromCli } from './sim-command.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Creates the demo accounts a newcomer can try against the simulator. */
async function seedDemoAccounts(host: SimulatorHost): Promise<void> {
  const sim = host.simulator;
  sim.accounts.create({ phone: '9996621234', dcId: 2, firstName: 'Demo', lastName: 'User' });
  const pw = sim.accounts.create({ phone: '9996631234', dcId: 3, firstName: 'Twofa', lastName: 'User' });
  await sim.setPassword(pw.id, 'hunter2', { hint: 'hunter2', recoveryEmail: 'twofa@example.com' });
}

/** Answers the prompt for the current view; returns false when the login is over. */
async function prompt(
  rl: Interface,
  engine: AuthEngine,
  view: AuthView,
  inbox: (to: string) => string | undefined,
): Promise<boolean> {
  const ask = (q: string) => rl.question(q);
  switch (view.status) {
    case 'waitPhoneNumber':
      engine.send({ type: 'phone.submit', phone: (await ask('phone number: ')).trim() });
      return true;
    case 'waitCode': {
      const code = inbox(view.phone);
      if (code) say(`  [simulator inbox] code for ${view.phone}: ${code}`);
      const answer = (await ask('code (or "resend", "edit"): ')).trim();
      if (answer === 'resend') engine.send({ type: 'code.resend' });
      else if (answer === 'edit') engine.send({ type: 'phone.edit' });
      else engine.send({ type: 'code.submit', code: answer });
      return true;
    }
    case 'waitEmailAddress':
      engine.send({ type: 'email.submit', email: (await ask('login e-mail address: ')).trim() });
      return true;
    case 'waitEmailCode': {
      const answer = (await ask(`code sent to ${view.emailPattern} (or "reset"): `)).trim();
      if (answer === 'reset') engine.send({ type: 'email.reset' });
      else engine.send({ type: 'emailCode.submit', code: answer });
      return true;
    }
    case 'waitRegistration': {
      if (view.termsOfService) say(`terms of service:\n${view.termsOfService.text}`);
      const first = (await ask('first name: ')).trim();
      const last = (await ask('last name (optional): ')).trim();
      const accept = view.acceptanceRequired
        ? /^y/i.test(await ask('accept the terms of service? [y/N] '))
        : true;
      engine.send({
        type: 'registration.submit',
        firstName: first,
        ...(last ? { lastName: last } : {}),
        acceptTerms: accept,
      });
      return true;
    }
    case 'waitPassword': {
      const answer = await ask(`2FA password${view.hint ? ` (hint: ${view.hint})` : ''}, or "recover": `);
      if (answer.trim() === 'recover') engine.send({ type: 'recovery.request' });
      else engine.send({ type: 'password.submit', password: answer });
      return true;
    }
    case 'waitPasswordRecovery': {
      const code = inbox(view.emailPattern);
      if (code) say(`  [simulator inbox] recovery code: ${code}`);
      engine.send({
        type: 'recovery.submit',
        code: (await ask(`recovery code sent to ${view.emailPattern}: `)).trim(),
      });
      return true;
    }
    case 'waitPayment':
      say(
        `the server asks for a purchase: ${view.storeProduct} (${view.amount} ${view.currency}); not possible here.`,
      );
      return false;
    case 'ready':
      say(
        `logged in as ${[view.user.firstName, view.user.lastName].filter(Boolean).join(' ')} (id ${view.user.id})`,
      );
      return false;
    case 'closed':
      return false;
    default:
      return true;
  }
}

export async function runLogin(options: CliOptions): Promise<number> {
  if (options.dc !== undefined && (options.apiId === undefined || !options.apiHash)) {
    say('--dc production|test needs --api-id and --api-hash (from my.telegram.org)');
    return 2;
  }
  const host = options.dc === undefined ? await startSimulatorFromCli(options) : undefined;
  if (host) {
    await seedDemoAccounts(host);
    say(
      'simulator running. Try 9996621234 (code 22222), 9996631234 (2FA password hunter2), or any new 99966XYYYY number to sign up.',
    );
  }
  const engine = createAuthEngine({
    apiId: options.apiId ?? 1,
    apiHash: options.apiHash ?? 'simulator',
    dcs: host ? host.config : (options.dc as 'production' | 'test'),
    dial: nodeTcpDial(),
    clock: systemClock,
    crypto: nodeCrypto,
    store: memoryStore(),
    srp: {
      computeSrpCheck: (params, random) => computeSrpCheck(params, random, nodeCrypto),
      computeSrpVerifier: (password, s1, s2, g, p) => computeSrpVerifier(password, s1, s2, g, p, nodeCrypto),
    },
  });
  const inbox = (to: string): string | undefined => {
    if (!host) return undefined;
    const messages = host.simulator.inbox(to.includes('*') ? '' : to);
    return messages.at(-1)?.code;
  };
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  let lastError = '';
  try {
    for (;;) {
      const view = await new Promise<AuthView>((resolve) => {
        const sub = engine.state$.subscribe((v) => {
          if (v.busy || v.status === 'initializing') return;
          queueMicrotask(() => sub.unsubscribe());
          resolve(v);
        });
      });
      if (view.error && view.error.message !== lastError)
        say(`  error: ${view.error.type}: ${view.error.message}`);
      lastError = view.error?.message ?? '';
      say(`  [${formatView(view)}]`);
      if (!(await prompt(rl, engine, view, inbox))) break;
    }
  } finally {
    rl.close();
    engine.stop();
    await host?.close();
  }
  return 0;
}
