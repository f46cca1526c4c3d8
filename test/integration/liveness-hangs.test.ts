/**
 * Issue 21, the five hangs: situations in which a login used to show `busy` for good. Each test
 * ends in `ready` or in a visible error the user can retry, within a bound stated in the test, on
 * the manual clock; and the simulator executes each login RPC exactly once.
 *
 * 1. a connection half-open after its key exchange (nothing comes back, calls pending);
 * 2. every key exchange fails a security check (here: a wrong RSA key);
 * 3. the DC is unreachable;
 * 4. the local wall clock steps back by more than 30 s after the session synced;
 * 5. the server's clock steps back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthEngine } from '../../src/machines/index.js';
import rsaVectors from '../vectors/crypto-rsa.json' with { type: 'json' };
import { steppedClock, type SteppedClock } from '../helpers/stepped-clock.js';
import { createFaultWorld, shows, showsError, type FaultWorld } from './fault-world.js';
import { freshPhone, lastCode } from './sim-world.js';

let w: FaultWorld | undefined;
afterEach(() => w?.close());

/** An account on DC 1 (where the engine starts). */
function accountOn(world: FaultWorld): string {
  const phone = freshPhone();
  world.sim.accounts.create({ phone, dcId: 1, firstName: 'Ada' });
  return phone;
}

/** Phone and code, each step within `boundMs` of manual time. */
async function login(world: FaultWorld, engine: AuthEngine, phone: string, boundMs: number): Promise<void> {
  await world.run(shows(engine, 'waitPhoneNumber'), boundMs);
  engine.send({ type: 'phone.submit', phone });
  await world.run(shows(engine, 'waitCode'), boundMs);
  engine.send({ type: 'code.submit', code: lastCode(world.sim, phone) });
  await world.run(shows(engine, 'ready'), boundMs);
}

describe('liveness: the five hangs of issue 21', () => {
  it('1. a connection black-holed after its key exchange: the calls go out again on a new one, once', async () => {
    // The first connection goes silent after the three answers of the key exchange: the server
    // still gets our bytes (and runs the calls), we get nothing back.
    w = createFaultWorld({ seed: 'hang1', fate: (i) => (i === 0 ? { blackhole: true } : undefined) });
    const engine = w.engine();
    const phone = accountOn(w);
    // Bound: silence 10 s + pong 10 s + backoff 0.5 s, with room.
    await login(w, engine, phone, 30_000);
    expect(w.proxy.stats.blackholed).toBe(1);
    expect(w.proxy.stats.connections).toBe(2);
    expect(w.calls.get('auth.sendCode')).toBe(1);
    expect(w.calls.get('auth.signIn')).toBe(1);
    expect(lastCodes(w, phone)).toBe(1);
  });

  it('2. every key exchange fails a security check: a visible error naming the DC and the check', async () => {
    w = createFaultWorld({ seed: 'hang2' });
    const wrongKey = rsaVectors.keys[0]!.pem;
    const engine = w.engine({ rsaKeys: [wrongKey] });
    const phone = accountOn(w);
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    engine.send({ type: 'phone.submit', phone });
    // Bound: three failed exchanges with 0.5 s and 1 s of backoff between them.
    await w.run(showsError(engine), 10_000);
    expect(engine.getSnapshot()).toMatchObject({
      status: 'waitPhoneNumber',
      busy: false,
      error: { type: 'DC_SECURITY_CHECK', dcId: 1, retryable: true, check: expect.stringMatching(/fingerprint/i) },
    });
    expect(w.calls.get('auth.sendCode')).toBeUndefined();
  });

  it('3. an unreachable DC: a visible error; once it is back, the retry reaches the code screen', async () => {
    w = createFaultWorld({ seed: 'hang3', plan: { drop: 1 } });
    const engine = w.engine();
    const phone = accountOn(w);
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    engine.send({ type: 'phone.submit', phone });
    // Bound: three refused connections, 0.5 s and 1 s of backoff between them.
    await w.run(showsError(engine), 5_000);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPhoneNumber', busy: false, error: { type: 'DC_UNREACHABLE', dcId: 1 } });
    // Backoff goes on underneath; the DC comes back and the user retries: tried at once.
    w.proxy.plan = {};
    engine.send({ type: 'phone.submit', phone });
    await w.run(shows(engine, 'waitCode'), 1_000);
    expect(w.calls.get('auth.sendCode')).toBe(1);
  });

  it('4. the local wall clock steps back 60 s after the session synced: the code is accepted', async () => {
    w = createFaultWorld({ seed: 'hang4' });
    const engineClock = steppedClock(w.clock);
    const engine = w.engine({ clock: engineClock });
    const phone = accountOn(w);
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    engine.send({ type: 'phone.submit', phone });
    await w.run(shows(engine, 'waitCode'), 1_000);
    engineClock.step(-60_000);
    engine.send({ type: 'code.submit', code: lastCode(w.sim, phone) });
    await w.run(shows(engine, 'ready'), 5_000);
    expect(w.calls.get('auth.signIn')).toBe(1);
  });

  it('5. the server clock steps back 600 s: the session re-syncs and the code is accepted', async () => {
    let simClock: SteppedClock | undefined;
    w = createFaultWorld({ seed: 'hang5', simClock: (c) => (simClock = steppedClock(c)) });
    const engine = w.engine();
    const phone = accountOn(w);
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    engine.send({ type: 'phone.submit', phone });
    await w.run(shows(engine, 'waitCode'), 1_000);
    simClock!.step(-600_000);
    engine.send({ type: 'code.submit', code: lastCode(w.sim, phone) });
    await w.run(shows(engine, 'ready'), 5_000);
    expect(w.calls.get('auth.signIn')).toBe(1);
  });
});

describe('liveness: the call deadline', () => {
  it('a DC that keeps the connection alive but never answers the call: DC_TIMEOUT at the deadline', async () => {
    w = createFaultWorld({ seed: 'deadline' });
    const engine = w.engine({ transport: { pingIntervalMs: 0, callTimeoutMs: 30_000 } });
    const phone = accountOn(w);
    await w.run(shows(engine, 'waitPhoneNumber'), 1_000);
    w.sim.faults.delay(3_600_000);
    engine.send({ type: 'phone.submit', phone });
    // The connection answers its pings (alive), so only the call's own deadline can end the wait.
    const took = await w.run(showsError(engine), 40_000);
    expect(took).toBeGreaterThanOrEqual(30_000);
    expect(engine.getSnapshot()).toMatchObject({ status: 'waitPhoneNumber', busy: false, error: { type: 'DC_TIMEOUT', dcId: 1, retryable: true } });
  });
});

/** How many codes the simulator sent to `phone` (a second one would be a duplicated sendCode). */
function lastCodes(world: FaultWorld, phone: string): number {
  return world.sim.inbox(phone).filter((m) => m.code).length;
}
