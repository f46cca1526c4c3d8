/**
 * Authorization transfer (core.telegram.org/api/datacenter "Authorization transfer", issue 8): the host calls a DC the login is not valid on;
 * the engine exports it on the home DC and imports it there once, even for concurrent calls, keeps
 * the fact in the session, and a restarted engine calls that DC with no new export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSession, memoryStore } from '../../src/machines/index.js';
import { createWorld, waitFor, type Mode, type World } from './sim-world.js';
import { countExecutions, logIn } from './pfs-helpers.js';

describe.each<Mode>(['memory', 'tcp'])('export/import authorization (%s)', (mode) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(mode, `export-${mode}`);
  });
  afterAll(() => w.close());

  it('five concurrent calls to DC 3 share one export and one import; a restarted engine needs none', async () => {
    const store = memoryStore();
    const engine = w.engine({ store });
    const a = await logIn(w, engine);
    const counts = countExecutions(w);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => engine.invoke({ _: 'updates.getState' }, { dcId: 3 })),
    );
    expect(results).toHaveLength(5);
    expect(counts.get('auth.exportAuthorization')).toBe(1);
    expect(counts.get('auth.importAuthorization')).toBe(1);
    expect(counts.get('updates.getState')).toBe(5);
    // The key on DC 3 now acts for the same user.
    const perm = w.sim.keys(3).filter((k) => k.kind === 'perm' && k.userId === a.id);
    expect(perm).toHaveLength(1);
    expect(decodeSession(store.bytes!).authorizedDcs).toEqual([3]);
    await engine.invoke({ _: 'updates.getState' }, { dcId: 3 });
    expect(counts.get('auth.exportAuthorization')).toBe(1);
    engine.stop();

    const again = w.engine({ store: memoryStore(store.bytes) });
    await waitFor(again, 'ready');
    await again.invoke({ _: 'updates.getState' }, { dcId: 3 });
    expect(counts.get('auth.exportAuthorization')).toBe(1);
    expect(counts.get('auth.importAuthorization')).toBe(1);
  });

  it('an export that fails is not cached: the next call tries again', async () => {
    const engine = w.engine();
    await logIn(w, engine);
    const counts = countExecutions(w);
    w.sim.faults.reject('auth.exportAuthorization', 500, 'INTERNAL', 1);
    const calls = await Promise.allSettled(
      [1, 2].map(() => engine.invoke({ _: 'updates.getState' }, { dcId: 4 })),
    );
    expect(calls.map((c) => c.status)).toEqual(['rejected', 'rejected']);
    expect(counts.get('auth.exportAuthorization')).toBe(1);
    await expect(engine.invoke({ _: 'updates.getState' }, { dcId: 4 })).resolves.toMatchObject({
      _: 'updates.state',
    });
    expect(counts.get('auth.exportAuthorization')).toBe(2);
  });
  it('an imported login the server dropped (AUTH_KEY_UNREGISTERED on DC 5) is imported again once', async () => {
    const engine = w.engine();
    const a = await logIn(w, engine);
    await engine.invoke({ _: 'updates.getState' }, { dcId: 5 });
    // The server forgets the login on DC 5 (as after auth.resetAuthorizations from another device).
    for (const k of w.sim.state.keys.list(5)) if (k.userId === a.id) k.userId = undefined;
    const counts = countExecutions(w);
    await expect(engine.invoke({ _: 'updates.getState' }, { dcId: 5 })).resolves.toMatchObject({
      _: 'updates.state',
    });
    expect(counts.get('auth.exportAuthorization')).toBe(1);
    expect(counts.get('auth.importAuthorization')).toBe(1);
    expect(engine.getSnapshot().status).toBe('ready');
  });
});
