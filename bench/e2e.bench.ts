/**
 * End-to-end login benchmarks (issue 6): the engine against the in-process simulator over TCP on
 * 127.0.0.1, each run with a fresh engine and session (so a new permanent key is exchanged):
 *   e2e.phoneLogin.tcp     new key, auth.sendCode, auth.signIn
 *   e2e.phone2faLogin.tcp  the same plus account.getPassword and the SRP auth.checkPassword
 * Both sides use node:crypto (what a Node host would pass); accounts are created before timing.
 */
import { account, createWorld, lastCode, waitFor, type World } from '../test/integration/sim-world.js';
import type { BenchHarness, BenchRow } from './harness.js';

async function login(w: World, phone: string, password?: string): Promise<void> {
  const engine = w.engine();
  try {
    await waitFor(engine, 'waitPhoneNumber');
    engine.send({ type: 'phone.submit', phone });
    await waitFor(engine, 'waitCode');
    engine.send({ type: 'code.submit', code: lastCode(w.sim, phone) });
    if (password !== undefined) {
      await waitFor(engine, 'waitPassword');
      engine.send({ type: 'password.submit', password });
    }
    await waitFor(engine, 'ready');
  } finally {
    engine.stop();
  }
}

export default async function run(h: BenchHarness): Promise<BenchRow[]> {
  const w = await createWorld('tcp', 'bench');
  const options = { iterations: 20, warmup: 3, minTimeMs: 500 };
  const pool = (n: number) => Array.from({ length: n }, () => account(w));
  try {
    const plain = pool(200);
    const phoneLogin = await h.measure('e2e.phoneLogin.tcp', () => login(w, plain.pop()!.phone), options);
    const with2fa = pool(200);
    for (const a of with2fa) await w.sim.setPassword(a.id, 'bench password');
    const twoFa = await h.measure('e2e.phone2faLogin.tcp', () => login(w, with2fa.pop()!.phone, 'bench password'), options);
    return [h.row('e2e.phoneLogin.tcp', phoneLogin), h.row('e2e.phone2faLogin.tcp', twoFa)];
  } finally {
    await w.close();
  }
}
