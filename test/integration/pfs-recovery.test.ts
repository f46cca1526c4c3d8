/**
 * PFS recovery (issue 8 "Must show"): a temp key the server expired early is rebuilt with the
 * permanent key kept; a server that forgot every key (restart) costs a new permanent key and the
 * login, surfaced as waitPhoneNumber with the server's error rather than a crash; a connection cut
 * in the middle of auth.bindTempAuthKey ends with a bound key and the waiting call answered once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeSession, memoryStore } from '../../src/machines/index.js';
import { RpcError } from '../../src/transport/index.js';
import { createWorld, waitFor, type World } from './sim-world.js';
import { countExecutions, keyHex, logIn, until } from './pfs-helpers.js';

let w: World;
beforeAll(async () => {
  w = await createWorld('memory', 'pfs-recovery');
});
afterAll(() => w.close());

const simKey = (hexId: string) => w.sim.state.keys.list().find((k) => keyHex(k.id) === hexId);

/** Advances the shared clock in small steps (reconnect backoff) until `done()`. */
async function advanceUntil(done: () => boolean, stepMs = 250, maxSteps = 200): Promise<void> {
  for (let i = 0; i < maxSteps && !done(); i++) {
    w.clock.advance(stepMs);
    await until(done, 5);
  }
}

it('a temp key the server expired early: -404, a new temp key is bound, the permanent key and the login stay', async () => {
  const store = memoryStore();
  const engine = w.engine({ store });
  await logIn(w, engine);
  const key = engine.transport!.keyActor(1)!;
  const { tempKeyId: before, binds, authKeyId: perm } = key.getSnapshot().context;
  simKey(before!)!.expiresAt = w.sim.state.now();
  const counts = countExecutions(w);
  const result = engine.invoke({ _: 'updates.getState' });
  await advanceUntil(() => key.getSnapshot().context.binds > binds && key.getSnapshot().matches('ready'));
  await expect(result).resolves.toMatchObject({ _: 'updates.state' });
  expect(counts.get('updates.getState')).toBe(1);
  const after = key.getSnapshot().context;
  expect(after.tempKeyId).not.toBe(before);
  expect(after.authKeyId).toBe(perm);
  expect(after.permKeyLost).toBe(0);
  expect(simKey(after.tempKeyId!)?.boundPermId).toBe(simKey(perm!)!.id);
  expect(engine.getSnapshot().status).toBe('ready');
});

it('a server that forgot every key: new permanent key, the login is gone, surfaced as waitPhoneNumber', async () => {
  const store = memoryStore();
  const engine = w.engine({ store });
  await logIn(w, engine);
  const oldPerm = decodeSession(store.bytes!).authKeys![1]!.key;
  for (const k of w.sim.state.keys.list(1)) w.sim.state.keys.remove(k.id);
  const result = engine.invoke({ _: 'updates.getState' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  await advanceUntil(() => engine.getSnapshot().status === 'waitPhoneNumber');
  const error = await result;
  expect(error).toBeInstanceOf(RpcError);
  expect((error as RpcError).type).toBe('AUTH_KEY_UNREGISTERED');
  const view = await waitFor(engine, 'waitPhoneNumber');
  expect(view.error?.type).toBe('AUTH_KEY_UNREGISTERED');
  const ctx = engine.transport!.keyActor(1)!.getSnapshot().context;
  expect(ctx.permKeyLost).toBe(1);
  expect(engine.transport!.keyActor(1)!.getSnapshot().value).toBe('ready');
  const stored = decodeSession(store.bytes!);
  expect(stored.user).toBeUndefined();
  expect(Buffer.from(stored.authKeys![1]!.key).equals(Buffer.from(oldPerm))).toBe(false);
  // And a new login works on the new key.
  await logIn(w, engine);
});

it('AUTH_KEY_UNREGISTERED on the bound home key (session terminated elsewhere): re-login surfaced, keys kept', async () => {
  const engine = w.engine();
  const a = await logIn(w, engine);
  const key = engine.transport!.keyActor(1)!;
  const { authKeyId: perm, tempKeyId } = key.getSnapshot().context;
  for (const k of w.sim.state.keys.list(1)) if (k.userId === a.id) k.userId = undefined;
  const error = await engine.invoke({ _: 'updates.getState' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect((error as RpcError).type).toBe('AUTH_KEY_UNREGISTERED');
  await waitFor(engine, 'waitPhoneNumber');
  // The keys are fine (only the login is gone): same permanent and temp key, and a new login works on them.
  expect(key.getSnapshot().context).toMatchObject({ authKeyId: perm, tempKeyId, permKeyLost: 0 });
  await logIn(w, engine);
});

it('a connection cut in the middle of a bind: a new temp key is bound and the waiting call answered once', async () => {
  const engine = w.engine();
  await logIn(w, engine);
  const key = engine.transport!.keyActor(1)!;
  const counts = countExecutions(w);
  w.sim.faults.delay(5_000);
  engine.transport!.link(1)!.rotate();
  const result = engine.invoke({ _: 'updates.getState' });
  await until(() => key.getSnapshot().matches({ rotating: 'binding' }));
  expect(key.getSnapshot().value).toEqual({ rotating: 'binding' });
  w.sim.faults.dropConnections();
  w.sim.faults.delay(0);
  await advanceUntil(() => key.getSnapshot().context.rotations === 1);
  await expect(result).resolves.toMatchObject({ _: 'updates.state' });
  expect(counts.get('updates.getState')).toBe(1);
  expect(engine.transport!.link(1)!.draining).toBe(0);
  // The first bind, held by the server's delay, lands later and takes the binding away from our key
  // (one temp key per permanent key, core.telegram.org/api/pfs): the next call is refused, a new key is bound, it is answered.
  w.clock.advance(5_000);
  await until(() => false, 5);
  const again = engine.invoke({ _: 'updates.getState' });
  await advanceUntil(() => key.getSnapshot().context.rotations === 2);
  await expect(again).resolves.toMatchObject({ _: 'updates.state' });
  const live = key.getSnapshot().context.tempKeyId!;
  expect(simKey(live)?.boundPermId).toBe(simKey(key.getSnapshot().context.authKeyId!)!.id);
});

// A clock that jumps past the temp key's expiry in one step (a host that slept for a day; the tour's
// ManualClock advanced by 25 h): the rotation timer fires inside the jump. Begun there, the rotation
// armed its handshake timeout inside the jump too, failed before the server could answer, and waited
// for a connection nobody would open: the next call stayed busy forever. Now the call completes
// with no further clock movement at all, run exactly once, on a newly bound temp key.
it.each([
  ['25 h, call at once', 25, false],
  ['72 h, call at once', 72, false],
  ['25 h, call after the jump has settled', 25, true],
])('the clock jumps past the temp key expiry (%s): the next call completes once', async (_name, hours, settleFirst) => {
  const engine = w.engine();
  await logIn(w, engine);
  const key = engine.transport!.keyActor(1)!;
  const { tempKeyId: before, authKeyId: perm } = key.getSnapshot().context;
  const counts = countExecutions(w);
  w.clock.advance(hours * 3600 * 1000);
  if (settleFirst) await until(() => false, 5);
  let settled = false;
  const result = engine.invoke({ _: 'updates.getState' }).finally(() => (settled = true));
  await until(() => settled);
  await expect(result).resolves.toMatchObject({ _: 'updates.state' });
  expect(counts.get('updates.getState')).toBe(1);
  const after = key.getSnapshot().context;
  expect(after.tempKeyId).not.toBe(before);
  expect(after.authKeyId).toBe(perm);
  expect(simKey(after.tempKeyId!)?.boundPermId).toBe(simKey(perm!)!.id);
  expect(engine.getSnapshot().status).toBe('ready');
});

it('a rotation whose handshake times out is retried on a new connection; the parked call completes once', async () => {
  const engine = w.engine();
  await logIn(w, engine);
  const key = engine.transport!.keyActor(1)!;
  const counts = countExecutions(w);
  w.sim.faults.delay(60_000);
  engine.transport!.link(1)!.rotate();
  const result = engine.invoke({ _: 'updates.getState' });
  await until(() => key.getSnapshot().matches({ rotating: 'exchangingTempKey' }));
  w.clock.advance(21_000);
  // The bind's own timeout rejects its promise: the machine hears of it a few microtasks later.
  await until(() => key.getSnapshot().matches({ rotating: 'failed' }), 20);
  // Before: rotating.awaitingConnection, waiting for a `transport.handshaking` that never came.
  expect(key.getSnapshot().value).toEqual({ rotating: 'failed' });
  w.sim.faults.delay(0);
  await advanceUntil(() => key.getSnapshot().context.rotations === 1);
  await expect(result).resolves.toMatchObject({ _: 'updates.state' });
  expect(counts.get('updates.getState')).toBe(1);
});
