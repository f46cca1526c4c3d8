/**
 * Replays the phone-login model's paths (root + phone-login + password machines) against the real
 * engine and the in-process simulator: one `it` per path, a fresh engine and account per path.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestModel, serializeSnapshot } from 'xstate/graph';
import { getInitialSnapshot, type SnapshotFrom } from 'xstate';
import { account, freshPhone, lastCode, type World } from '../integration/sim-world.js';
import { CoverageRecorder } from './coverage.js';
import { phoneEventCases, phoneModel, type AccountKind, type PhoneModelEvent } from './phone.model.js';
import { expectView, selfLoopPaths, writeCoverage } from './replay.js';
import { engineSut, modelWorld, type Sut } from './sut.js';

const PASSWORD = 'correct horse';
const ACCOUNTS: AccountKind[] = ['plain', 'new', 'twoFA', 'twoFARecovery', 'emailSetup', 'payment'];

type ModelSnapshot = SnapshotFrom<typeof phoneModel>;

let w: World;
const recorder = new CoverageRecorder();
beforeAll(async () => {
  w = await modelWorld('phone');
});
afterAll(async () => {
  writeCoverage('phone', recorder);
  await w.close();
});

let emails = 0;

/** The simulator side of one path: the account of `kind` and what its inbox is called. */
async function arrange(kind: AccountKind): Promise<{ phone: string; recoveryEmail: string; email: string }> {
  const recoveryEmail = `rescue${++emails}@example.com`;
  const email = `setup${emails}@example.com`;
  if (kind === 'new') return { phone: freshPhone(), recoveryEmail, email };
  const switches =
    kind === 'emailSetup'
      ? { emailSetupRequired: true }
      : kind === 'payment'
        ? { paymentRequired: true }
        : {};
  const a = account(w, { switches });
  if (kind === 'twoFA') await w.sim.setPassword(a.id, PASSWORD, { hint: 'horse' });
  if (kind === 'twoFARecovery') await w.sim.setPassword(a.id, PASSWORD, { recoveryEmail });
  return { phone: a.phone, recoveryEmail, email };
}

const wrong = (code: string): string => code.replace(/./g, (d) => String((Number(d) + 1) % 10));

/** The method a `flooded` step's request goes to. */
const FLOODED: Partial<Record<PhoneModelEvent['type'], string>> = {
  SUBMIT_PHONE: 'auth.sendCode',
  SUBMIT_CODE: 'auth.signIn',
  SUBMIT_PASSWORD: 'auth.checkPassword',
  SUBMIT_RECOVERY: 'auth.checkRecoveryPassword',
  SUBMIT_REGISTRATION: 'auth.signUp',
};

const isFlooded = (e: PhoneModelEvent): boolean =>
  ('phone' in e && e.phone === 'flooded') ||
  ('code' in e && e.code === 'flooded') ||
  ('password' in e && e.password === 'flooded') ||
  ('flooded' in e && e.flooded === true);

/** Performs one model event on the engine or the simulator. */
async function perform(
  sut: Sut,
  who: { phone: string; recoveryEmail: string; email: string },
  e: PhoneModelEvent,
) {
  const sim = sut.world.sim;
  if (isFlooded(e)) sim.faults.reject(FLOODED[e.type]!, 420, 'FLOOD_WAIT_3', 1);
  switch (e.type) {
    case 'WAIT_FLOOD':
      return sut.world.clock.advance(3_000);
    case 'SUBMIT_PHONE':
      return sut.send({
        type: 'phone.submit',
        phone: e.phone === 'implausible' ? 'not a number' : who.phone,
      });
    case 'SUBMIT_CODE': {
      const code = lastCode(sim, who.phone);
      if (e.code === 'expired') sut.world.clock.advance(5 * 60_000 + 1_000);
      return sut.send({ type: 'code.submit', code: e.code === 'wrong' ? wrong(code) : code });
    }
    case 'RESEND': {
      const wait = sut.view();
      if (wait.status === 'waitCode' && wait.resendInSeconds)
        sut.world.clock.advance(wait.resendInSeconds * 1000);
      await sut.idle();
      return sut.send({ type: 'code.resend' });
    }
    case 'EDIT_PHONE':
      return sut.send({ type: 'phone.edit' });
    case 'SUBMIT_PASSWORD':
      return sut.send({
        type: 'password.submit',
        password: e.password === 'wrong' ? 'wrong horse' : PASSWORD,
      });
    case 'REQUEST_RECOVERY':
      return sut.send({ type: 'recovery.request' });
    case 'SUBMIT_RECOVERY': {
      const code = lastCode(sim, who.recoveryEmail);
      return sut.send({
        type: 'recovery.submit',
        code: e.code === 'wrong' ? wrong(code) : code,
        ...(e.newPassword ? { newPassword: 'new horse' } : {}),
      });
    }
    case 'SUBMIT_REGISTRATION':
      return sut.send({ type: 'registration.submit', firstName: 'Model', acceptTerms: e.acceptTerms });
    case 'SUBMIT_EMAIL':
      return sut.send({ type: 'email.submit', email: who.email });
    case 'SUBMIT_EMAIL_CODE': {
      const code = lastCode(sim, who.email);
      return sut.send({ type: 'emailCode.submit', code: e.code === 'right' ? code : wrong(code) });
    }
    case 'PAY':
      // The store purchase takes a moment: checkPaidAuth answers FLOOD_WAIT_5 and the engine polls on the clock.
      sut.send({ type: 'payment.submit', formId: 77n });
      await sut.idle();
      sim.setPaymentOutcome(who.phone, 'paid');
      return sut.world.clock.advance(5_000);
    case 'LOGOUT':
      return sut.send({ type: 'logout.request' });
    case 'APPROVE_QR':
      return sut.send({ type: 'qr.approve', link: 'https://example.com/not-a-login-link' });
    case 'RESET_AUTHORIZATIONS':
      // A session older than a day: its authorization is back-dated on the simulator. (Jumping the
      // shared clock 24 h instead leaves the request hanging: see the report of issue 10.)
      if (e.aged)
        for (const k of sim.state.keys.list())
          if (k.authorizedAt !== undefined) k.authorizedAt -= 25 * 3600_000;
      return sut.send({ type: 'authorizations.reset' });
  }
}

/** Model states that are a screen in a particular condition. */
const VIEW_OF: Record<string, string> = {
  loggedOut: 'waitPhoneNumber',
  waitPhoneNumberFlood: 'waitPhoneNumber',
  waitCodeFlood: 'waitCode',
  waitPasswordFlood: 'waitPassword',
  waitPasswordRecoveryFlood: 'waitPasswordRecovery',
  waitRegistrationFlood: 'waitRegistration',
};

type ModelPath = ReturnType<
  ReturnType<typeof createTestModel<typeof phoneModel>>['getShortestPaths']
>[number];

/** One path on a fresh engine and account: every model state is checked against the engine's view. */
async function replay(kind: AccountKind, path: ModelPath): Promise<void> {
  const who = await arrange(kind);
  const sut = engineSut(w, recorder);
  try {
    await sut.idle();
    const states = Object.fromEntries(
      Object.keys(phoneModel.root.states).map((key) => [
        key,
        (m: ModelSnapshot) => expectView(sut.view(), VIEW_OF[key] ?? key, m.context.error),
      ]),
    );
    const run = async (step: { event: { type: string } }) => {
      await perform(sut, who, step.event as PhoneModelEvent);
      await sut.idle();
    };
    await path.test({ states, events: Object.fromEntries(phoneEventCases.map((c) => [c.type, run])) });
  } finally {
    sut.stop();
  }
}

for (const kind of ACCOUNTS) {
  describe(`phone login model (account: ${kind})`, () => {
    const model = createTestModel(phoneModel, { events: phoneEventCases, input: { account: kind } });
    const shortest = model.getShortestPaths();
    const loops = selfLoopPaths(
      model as never,
      shortest,
      getInitialSnapshot(phoneModel, { account: kind }),
      serializeSnapshot as never,
    );
    for (const path of [...shortest, ...loops]) it(path.description, () => replay(kind, path));
  });
}

/** The password screen's events (with the way there): its sub-graph is small enough for simple paths. */
const passwordScreen = (e: PhoneModelEvent): boolean =>
  !isFlooded(e) &&
  ((e.type === 'SUBMIT_PHONE' && e.phone === 'valid') ||
    (e.type === 'SUBMIT_CODE' && e.code === 'right') ||
    ['SUBMIT_PASSWORD', 'REQUEST_RECOVERY', 'SUBMIT_RECOVERY', 'EDIT_PHONE'].includes(e.type));

// Every simple path (157) of the password and recovery sub-graph; `npm run test:model` sets MODEL_SIMPLE=1.
describe.runIf(process.env.MODEL_SIMPLE === '1')(
  'password sub-graph, simple paths (account: twoFARecovery)',
  () => {
    const model = createTestModel(phoneModel, {
      events: phoneEventCases.filter(passwordScreen),
      input: { account: 'twoFARecovery' },
    });
    for (const path of model.getSimplePaths()) it(path.description, () => replay('twoFARecovery', path));
  },
);
