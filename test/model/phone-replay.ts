/**
 * Replays one path of the phone-login model against the real engine and the in-process simulator:
 * a fresh account and engine per path; after each step the engine's view must match the model
 * state — its status and error, and what tells the state apart: the code type, the e-mail
 * purpose, whether the terms must be accepted, the flood countdown.
 */
import { expect } from 'vitest';
import type { AuthView } from '../../src/machines/index.js';
import type { World } from '../integration/sim-world.js';
import type { CoverageRecorder } from './coverage.js';
import { isForgedStep, type PhoneModelEvent } from './phone-events.js';
import { describePath, type ModelPath, type ModelSnapshot } from './phone-paths.js';
import { phoneSut } from './phone-sut.js';
import { arrange, hostsOf, perform } from './phone-steps.js';
import { expectView } from './replay.js';

/** Model states that are a screen in a particular condition. */
const VIEW_OF: Record<string, string> = {
  loggedOut: 'waitPhoneNumber',
  waitPasswordNoSrp: 'waitPassword',
  waitPasswordNoSrpFlood: 'waitPassword',
  waitPasswordGone: 'waitPassword',
  waitPasswordNoSrpGone: 'waitPassword',
  waitPaymentGone: 'waitPayment',
  waitPaymentPending: 'waitPayment',
};

/** The engine's view matches the model state. */
export function expectState(view: AuthView, m: ModelSnapshot): void {
  const name = m.value as string;
  expectView(view, VIEW_OF[name] ?? name.replace(/Flood$/, ''), m.context.error);
  if (view.status === 'waitCode') expect(view.codeInfo.type, 'code type').toBe(m.context.code);
  if (view.status === 'waitEmailCode')
    expect(view.purpose, 'e-mail purpose').toBe(m.context.email === 'login' ? 'login' : 'setup');
  if (view.status === 'waitRegistration') expect(view.acceptanceRequired, 'terms').toBe(m.context.terms);
  if (name.endsWith('Flood')) expect(view.error?.retryInSeconds, 'flood countdown').toBe(3);
  // the simulator answers a pending payment FLOOD_WAIT_5: the next check, shown without an error
  if (name === 'waitPaymentPending')
    expect(view, 'next check').toMatchObject({ pending: true, nextCheckInSeconds: 5 });
}

/** One path on a fresh engine and account. */
export async function replayPath(w: World, recorder: CoverageRecorder, path: ModelPath): Promise<void> {
  const who = await arrange(w, path.account);
  const events = path.steps.map((s) => s.event).filter((e): e is PhoneModelEvent => e.type !== 'xstate.init');
  const sut = phoneSut(w, recorder, { ...hostsOf(path.account), forging: events.some(isForgedStep) });
  try {
    await sut.idle();
    let from = path.steps[0]!.state;
    for (const [i, step] of path.steps.entries()) {
      const where = `step ${i} ${JSON.stringify(step.event)} of ${describePath(path)}`;
      try {
        if (step.event.type !== 'xstate.init') await perform(sut, who, step.event, from.context);
        expectState(sut.view(), step.state);
      } catch (error) {
        if (error instanceof Error) error.message = `${error.message}\n  at ${where}`;
        throw error;
      }
      from = step.state;
    }
  } finally {
    sut.stop();
  }
}
