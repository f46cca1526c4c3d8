/**
 * No secret reaches the inspector, against the in-process simulator: real key exchange, real SRP,
 * phone + code + 2FA + recovery with a new password. Searched: the login code, the recovery code,
 * both passwords, and the bytes of every auth key the simulator holds. The raw control must leak
 * some key material, else the search would prove nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { createRedactingInspector } from '../../../src/adapters/inspect/index.js';
import { account, createWorld, lastCode, waitFor, type World } from '../../integration/sim-world.js';
import { serializeAll } from './secret-flow.js';

let w: World;
beforeAll(async () => {
  w = await createWorld('memory', 'inspect');
});
afterAll(() => w.close());

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

async function run(inspect: (e: InspectionEvent) => void, recorded: InspectionEvent[]) {
  const a = account(w);
  await w.sim.setPassword(a.id, 'forgotten pw', { recoveryEmail: 'rescue@example.com' });
  const engine = w.engine({ inspect });
  await waitFor(engine, 'waitPhoneNumber');
  engine.send({ type: 'phone.submit', phone: a.phone });
  await waitFor(engine, 'waitCode');
  const code = lastCode(w.sim, a.phone);
  engine.send({ type: 'code.submit', code });
  await waitFor(engine, 'waitPassword');
  engine.send({ type: 'recovery.request' });
  await waitFor(engine, 'waitPasswordRecovery');
  const recoveryCode = lastCode(w.sim, 'rescue@example.com');
  engine.send({ type: 'recovery.submit', code: recoveryCode, newPassword: 'brand new pw' });
  await waitFor(engine, 'ready');
  const json = serializeAll(recorded.map((e) => ({ e, snapshot: e.actorRef.getSnapshot() })));
  const keys = w.sim.state.keys
    .list()
    .map((k) => hex((k as { key: Uint8Array }).key))
    .filter((k) => !/^0+$/.test(k));
  return { json, secrets: [code, recoveryCode, 'forgotten pw', 'brand new pw'], keys };
}

describe('redacting inspector on the simulator', () => {
  it('raw leaks key material; redacted leaks no code, password or auth key', async () => {
    const raw: InspectionEvent[] = [];
    const control = await run((e) => raw.push(e), raw);
    expect(control.keys.length).toBeGreaterThan(0);

    const red: InspectionEvent[] = [];
    const inspector = createRedactingInspector((e) => red.push(e));
    const out = await run(inspector.inspect, red);
    for (const s of out.secrets) expect(out.json).not.toContain(s);
    for (const k of out.keys) expect(out.json).not.toContain(k);
    expect(out.json).not.toMatch(/bytes:/);
    // The control: the raw stream carried some byte arrays (srp_B, salts, keys) the redactor removed.
    expect(control.json).toMatch(/bytes:/);
  });
});
