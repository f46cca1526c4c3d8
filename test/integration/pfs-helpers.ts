/**
 * Shared steps of the PFS, durable-engine and export tests: log an engine in on DC 1 and count how
 * often the simulator actually ran each method (a re-sent request answered from the server's cache
 * is not counted; a request run twice would be).
 */
import type { AuthEngine } from '../../src/machines/index.js';
import { account, lastCode, waitFor, type World } from './sim-world.js';

/** Logs `engine` in as a fresh account on DC 1; returns the account. */
export async function logIn(w: World, engine: AuthEngine): Promise<{ id: bigint; phone: string }> {
  const a = account(w);
  await waitFor(engine, 'waitPhoneNumber');
  engine.send({ type: 'phone.submit', phone: a.phone });
  await waitFor(engine, 'waitCode');
  engine.send({ type: 'code.submit', code: lastCode(w.sim, a.phone) });
  await waitFor(engine, 'ready');
  return a;
}

/** Counts the simulator's executions per method from now on. */
export function countExecutions(w: World): Map<string, number> {
  const counts = new Map<string, number>();
  const before = w.sim.faults.before.bind(w.sim.faults);
  w.sim.faults.before = (method: string) => {
    counts.set(method, (counts.get(method) ?? 0) + 1);
    return before(method);
  };
  return counts;
}

/** Lets promise chains run until `done()` holds (memory pipes settle in microtasks and a few I/O turns). */
export async function until(done: () => boolean, turns = 200): Promise<void> {
  for (let i = 0; i < turns && !done(); i++)
    await new Promise((r) => globalThis.setTimeout(r, i < 20 ? 0 : 5));
}

/** A simulator key id (unsigned 64-bit) as the key machine's hex auth_key_id (wire order, little-endian). */
export function keyHex(id: bigint): string {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, id), true);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
