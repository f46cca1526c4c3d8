/**
 * Issue 21, `step.retry` and `step.cancel` (src/machines/engine/step-control.ts) on the fault proxy
 * and the manual clock: a DC that cannot be reached ends in an error view that says what `step.retry`
 * does; after the DC is back, the retry reaches the next screen and the simulator runs the RPC
 * exactly once; `step.cancel` during a stalled call returns to the input screen at once (no manual
 * time passes) and the late answer never reaches the machine; both are rejected with a reason where
 * there is nothing to act on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import { computeSrpCheck, computeSrpVerifier } from '../../src/crypto/index.js';
import type { AuthEngine, AuthEngineOptions, CommandRejection } from '../../src/machines/index.js';
import { createFaultWorld, shows, showsError, turns, type FaultWorld } from './fault-world.js';
import { freshPhone, lastCode } from './sim-world.js';

let w: FaultWorld | undefined;
afterEach(() => w?.close());

function accountOn(world: FaultWorld): { phone: string; id: bigint } {
  const phone = freshPhone();
  const a = world.sim.accounts.create({ phone, dcId: 1, firstName: 'Ada' });
  return { phone, id: a.id };
}

function rejections(engine: AuthEngine): CommandRejection[] {
  const seen: CommandRejection[] = [];
  engine.on('command.rejected', (e) => seen.push(e));
  return seen;
}

/** Makes DC 1 unreachable: open connections are dropped and new ones refused. */
function cutOff(world: FaultWorld): void {
  world.proxy.plan = { drop: 1 };
  world.sim.faults.dropConnections();
}

/**
 * The real SRP check (node:crypto's PBKDF2 runs on worker threads, in real time), counted, so that a
 * test lets it finish before it moves the manual clock: bounds then hold whatever the machine's load.
 */
function countedSrp(): { srp: AuthEngineOptions['srp'] & object; proofs: () => number; settled: () => Promise<void> } {
  let proofs = 0;
  let last: Promise<unknown> = Promise.resolve();
  return {
    srp: {
      computeSrpCheck: (params, random) => {
        const proof = computeSrpCheck(params, random, nodeCrypto);
        last = proof.then(() => proofs++);
        return proof;
      },
      computeSrpVerifier: (password, salt1, salt2, g, p) => computeSrpVerifier(password, salt1, salt2, g, p, nodeCrypto),
    },
    proofs: () => proofs,
    settled: async () => {
      await turns();
      await last;
    },
  };
}

/** Bound for the error view: three refused connections, 0.5 s and 1 s of backoff between them. */
const UNREACHABLE_MS = 5_000;

describe('step.retry', () => {
  it('sendCode to an unreachable DC: the error offers the retry; once the DC is back it reaches the code screen, sendCode run once', async () => {
    w = createFaultWorld({ seed: 'retry-send', plan: { drop: 1 } });
    const engine = w.engine();
    const { phone } = accountOn(w);
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    engine.send({ type: 'phone.submit', phone });
    await w.run(showsError(engine), UNREACHABLE_MS);
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitPhoneNumber',
      busy: false,
      error: { type: 'DC_UNREACHABLE', code: 'network', dcId: 1, retryStep: 'again' },
    });
    w.proxy.plan = {};
    engine.send({ type: 'step.retry' });
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPhoneNumber', busy: true });
    await w.run(shows(engine, 'waitCode'), 1_000);
    expect(w.calls.get('auth.sendCode')).toBe(1);
    expect(w.sim.inbox(phone).filter((m) => m.code)).toHaveLength(1);
    expect(engine.getSnapshot().error).toBeUndefined();
  });

  it('signIn to a DC that went away: the same code is checked again on retry, signIn run once', async () => {
    w = createFaultWorld({ seed: 'retry-signin' });
    const engine = w.engine();
    const { phone } = accountOn(w);
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    engine.send({ type: 'phone.submit', phone });
    await w.run(shows(engine, 'waitCode'), 1_000);
    cutOff(w);
    engine.send({ type: 'code.submit', code: lastCode(w.sim, phone) });
    await w.run(showsError(engine), UNREACHABLE_MS);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', error: { type: 'DC_UNREACHABLE', retryStep: 'again' } });
    expect(w.calls.get('auth.signIn')).toBeUndefined();
    w.proxy.plan = {};
    engine.send({ type: 'step.retry' });
    await w.run(shows(engine, 'ready'), 1_000);
    expect(w.calls.get('auth.signIn')).toBe(1);
  });

  it('a failed retry fails again visibly and can be retried again', async () => {
    w = createFaultWorld({ seed: 'retry-twice', plan: { drop: 1 } });
    const engine = w.engine();
    const { phone } = accountOn(w);
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    engine.send({ type: 'phone.submit', phone });
    await w.run(showsError(engine), UNREACHABLE_MS);
    engine.send({ type: 'step.retry' });
    expect(engine.getSnapshot().busy).toBe(true);
    await w.run(showsError(engine), UNREACHABLE_MS);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPhoneNumber', error: { type: 'DC_UNREACHABLE', retryStep: 'again' } });
    w.proxy.plan = {};
    engine.send({ type: 'step.retry' });
    await w.run(shows(engine, 'waitCode'), 1_000);
    expect(w.calls.get('auth.sendCode')).toBe(1);
  });

  it('QR login on an unreachable DC: the error on the QR screen retries qr.start; the link comes, exported once', async () => {
    w = createFaultWorld({ seed: 'retry-qr', plan: { drop: 1 } });
    const engine = w.engine();
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    engine.send({ type: 'qr.start' });
    await w.run(showsError(engine), UNREACHABLE_MS);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitQrConfirmation', error: { type: 'DC_UNREACHABLE', retryStep: 'again' } });
    w.proxy.plan = {};
    engine.send({ type: 'step.retry' });
    await w.run(() => engine.getSnapshot().status === 'waitQrConfirmation' && 'link' in engine.getSnapshot(), 1_000);
    expect(engine.getSnapshot().error).toBeUndefined();
    expect(w.calls.get('auth.exportLoginToken')).toBe(1);
  });

  it('a password is not kept for a retry: the view says so and the retry returns to the password screen', async () => {
    w = createFaultWorld({ seed: 'retry-password' });
    const srp = countedSrp();
    const engine = w.engine({ srp: srp.srp });
    const { phone, id } = accountOn(w);
    await w.sim.setPassword(id, 'right horse', { hint: 'horse' });
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    engine.send({ type: 'phone.submit', phone });
    await w.run(shows(engine, 'waitCode'), 1_000);
    engine.send({ type: 'code.submit', code: lastCode(w.sim, phone) });
    await w.run(shows(engine, 'waitPassword'), 5_000);
    cutOff(w);
    engine.send({ type: 'password.submit', password: 'right horse' });
    await srp.settled();
    expect(srp.proofs()).toBe(1);
    await w.run(showsError(engine), UNREACHABLE_MS);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPassword', error: { code: 'network', retryStep: 'input' } });
    engine.send({ type: 'step.retry' });
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPassword', busy: false });
    expect(engine.getSnapshot().error).toBeUndefined();
    expect(w.calls.get('auth.checkPassword')).toBeUndefined();
    w.proxy.plan = {};
    engine.send({ type: 'password.submit', password: 'right horse' });
    await srp.settled();
    expect(srp.proofs()).toBe(2);
    await w.run(shows(engine, 'ready'), 5_000);
    expect(w.calls.get('auth.checkPassword')).toBe(1);
  });
});

describe('step.cancel', () => {
  it('during a stalled sendCode: back on the phone screen at once, without an error; the late answer is dropped', async () => {
    w = createFaultWorld({ seed: 'cancel-send' });
    const engine = w.engine();
    const { phone } = accountOn(w);
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    w.sim.faults.delay(20_000);
    engine.send({ type: 'phone.submit', phone });
    await w.run(() => w!.calls.get('auth.sendCode') === 1, 2_000);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPhoneNumber', busy: true });
    const before = w.clock.now();
    engine.send({ type: 'step.cancel' });
    await turns();
    // Bound: no manual time at all.
    expect(w.clock.now()).toBe(before);
    expect(engine.getSnapshot()).toEqual({ status: 'waitPhoneNumber', busy: false });
    // The answer the server still sends after its delay reaches nobody.
    const views: string[] = [];
    const sub = engine.state$.subscribe((v) => views.push(`${v.status}${v.busy ? ' busy' : ''}${v.error ? ` ${v.error.type}` : ''}`));
    await w.run(() => false, 30_000).catch(() => undefined);
    sub.unsubscribe();
    expect(views).toEqual(['waitPhoneNumber']);
    // Reconnecting and the session went on underneath: the next submit works.
    w.sim.faults.clear();
    engine.send({ type: 'phone.submit', phone });
    await w.run(shows(engine, 'waitCode'), 1_000);
  });

  it('during a stalled signIn: back on the code screen, the code screen still takes the code', async () => {
    w = createFaultWorld({ seed: 'cancel-signin' });
    const engine = w.engine();
    const { phone } = accountOn(w);
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    engine.send({ type: 'phone.submit', phone });
    await w.run(shows(engine, 'waitCode'), 1_000);
    w.sim.faults.blackHole = true;
    engine.send({ type: 'code.submit', code: lastCode(w.sim, phone) });
    await w.run(() => false, 2_000).catch(() => undefined);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', busy: true });
    engine.send({ type: 'step.cancel' });
    await turns();
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitCode', busy: false });
    expect(engine.getSnapshot().error).toBeUndefined();
    w.sim.faults.blackHole = false;
    engine.send({ type: 'code.submit', code: lastCode(w.sim, phone) });
    await w.run(shows(engine, 'ready'), 30_000);
  });

  it('during a stalled QR export: back on the phone screen, where QR login was chosen', async () => {
    w = createFaultWorld({ seed: 'cancel-qr' });
    const engine = w.engine();
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    w.sim.faults.delay(20_000);
    engine.send({ type: 'qr.start' });
    await w.run(() => w!.calls.get('auth.exportLoginToken') === 1, 2_000);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitQrConfirmation', busy: true });
    engine.send({ type: 'step.cancel' });
    await turns();
    expect(engine.getSnapshot()).toEqual({ status: 'waitPhoneNumber', busy: false });
    await w.run(() => false, 30_000).catch(() => undefined);
    expect(engine.getSnapshot()).toEqual({ status: 'waitPhoneNumber', busy: false });
  });

  it('on a DC error: clears it; the screen is the plain input screen again', async () => {
    w = createFaultWorld({ seed: 'cancel-error', plan: { drop: 1 } });
    const engine = w.engine();
    const { phone } = accountOn(w);
    const seen = rejections(engine);
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    engine.send({ type: 'phone.submit', phone });
    await w.run(showsError(engine), UNREACHABLE_MS);
    engine.send({ type: 'step.cancel' });
    expect(engine.getSnapshot()).toEqual({ status: 'waitPhoneNumber', busy: false });
    // Nothing is left to retry once the error is gone.
    engine.send({ type: 'step.retry' });
    expect(seen.map((e) => e.reason)).toEqual(['retry.unavailable']);
  });
});

describe('step.* where there is nothing to act on', () => {
  it('are rejected with a reason and a sentence, and change nothing', async () => {
    w = createFaultWorld({ seed: 'step-rejected' });
    const engine = w.engine();
    const { phone } = accountOn(w);
    const seen = rejections(engine);
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    engine.send({ type: 'step.retry' });
    engine.send({ type: 'step.cancel' });
    expect(seen).toEqual([
      expect.objectContaining({ command: 'step.retry', reason: 'retry.unavailable', message: expect.stringMatching(/no failed step/) }),
      expect.objectContaining({ command: 'step.cancel', reason: 'cancel.unavailable', message: expect.stringMatching(/nothing|no request/i) }),
    ]);
    expect(engine.getSnapshot()).toEqual({ status: 'waitPhoneNumber', busy: false });
    // An error that is not a DC error is not a step to retry (the user types the code again).
    engine.send({ type: 'phone.submit', phone });
    await w.run(shows(engine, 'waitCode'), 1_000);
    engine.send({ type: 'code.submit', code: '00000' });
    await w.run(showsError(engine), 1_000);
    expect(engine.getSnapshot().error).toMatchObject({ type: 'PHONE_CODE_INVALID' });
    expect(engine.getSnapshot().error?.retryStep).toBeUndefined();
    engine.send({ type: 'step.retry' });
    expect(seen.at(-1)).toMatchObject({ command: 'step.retry', reason: 'retry.unavailable' });
    expect(w.calls.get('auth.signIn')).toBe(1);
    // Logged in: nothing to cancel.
    engine.send({ type: 'code.submit', code: lastCode(w.sim, phone) });
    await w.run(shows(engine, 'ready'), 1_000);
    engine.send({ type: 'step.cancel' });
    expect(seen.at(-1)).toMatchObject({ command: 'step.cancel', reason: 'cancel.unavailable' });
  });
});
