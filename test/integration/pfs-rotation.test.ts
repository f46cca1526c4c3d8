/**
 * PFS over 72 simulated hours (issue 8 "Must show"): continuous traffic on DC 1 (home) and DC 2
 * (authorization imported) every five simulated minutes, temp keys of one day rotated before expiry
 * with jitter; every call answered exactly once, each DC rotated at least twice, and after the drops
 * the simulator holds only the live temp key of each DC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthEngine } from '../../src/machines/index.js';
import { createWorld, type Mode, type World } from './sim-world.js';
import { countExecutions, keyHex, logIn, until } from './pfs-helpers.js';

const MINUTE = 60_000;

describe.each<Mode>(['memory', 'tcp'])('PFS rotation (%s)', (mode) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(mode, `pfs-72h-${mode}`);
  });
  afterAll(() => w.close());

  it('72 simulated hours: two or more rotations per DC, no call lost or run twice, only live keys remain', async () => {
    // Time moves in 5-minute jumps: a handshake timeout shorter than a jump would fire mid-exchange.
    const engine: AuthEngine = w.engine({ transport: { pingIntervalMs: 0, handshakeTimeoutMs: 3_600_000 } });
    await logIn(w, engine);
    const counts = countExecutions(w);
    let sent = 0;
    let answered = 0;
    const failures: unknown[] = [];
    const call = (dcId: number) => {
      sent++;
      engine.invoke({ _: 'updates.getState' }, { dcId }).then(
        () => answered++,
        (e: unknown) => failures.push(e),
      );
    };
    for (let t = 0; t < 72 * 60; t += 5) {
      call(1);
      call(2);
      await until(() => answered + failures.length === sent);
      w.clock.advance(5 * MINUTE);
    }
    await until(() => answered + failures.length === sent);
    expect(failures).toEqual([]);
    expect(answered).toBe(sent);
    expect(counts.get('updates.getState')).toBe(sent);
    for (const dcId of [1, 2]) {
      const ctx = engine.transport!.keyActor(dcId)!.getSnapshot().context;
      expect(ctx.rotations).toBeGreaterThanOrEqual(2);
      expect(engine.transport!.link(dcId)!.draining).toBe(0);
    }
    // After the drops, the only temp keys the simulator still holds are the ones the DC machines run on.
    const live = [1, 2].map((dc) => engine.transport!.keyActor(dc)!.getSnapshot().context.tempKeyId).sort();
    const temps = w.sim.keys().filter((k) => k.kind === 'temp');
    expect(temps.map((k) => keyHex(k.id)).sort()).toEqual(live);
    expect(temps.every((k) => k.boundPermId !== undefined)).toBe(true);
    expect(counts.get('auth.dropTempAuthKeys')).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('a rotation with calls in flight: the old key answers them, then its connection closes and its key is dropped', async () => {
    const engine = w.engine({ transport: { pingIntervalMs: 0, handshakeTimeoutMs: 3_600_000 } });
    await logIn(w, engine);
    const counts = countExecutions(w);
    const link = engine.transport!.link(1)!;
    const oldKey = engine.transport!.keyActor(1)!.getSnapshot().context.tempKeyId;
    const old = link.current;
    w.sim.faults.delay(60_000);
    const results: unknown[] = [];
    for (let i = 0; i < 5; i++) void engine.invoke({ _: 'help.getNearestDc' }).then((r) => results.push(r));
    await until(() => counts.get('help.getNearestDc') === 5);
    w.sim.faults.delay(0);
    link.rotate();
    await until(() => link.current !== old);
    expect(engine.transport!.keyActor(1)!.getSnapshot().value).toBe('ready');
    // The old connection is kept for the five answers still on their way.
    expect(link.draining).toBe(1);
    const after = engine.invoke({ _: 'help.getNearestDc' });
    await expect(after).resolves.toMatchObject({ _: 'nearestDc' });
    w.clock.advance(60_000);
    await until(() => results.length === 5 && link.draining === 0);
    expect(results).toHaveLength(5);
    expect(counts.get('help.getNearestDc')).toBe(6);
    expect(link.draining).toBe(0);
    await until(() => counts.get('auth.dropTempAuthKeys') === 1);
    expect(counts.get('auth.dropTempAuthKeys')).toBe(1);
    // dropTempAuthKeys removed the old key, which the new bind had already unbound (core.telegram.org/api/pfs).
    expect(w.sim.keys(1).find((k) => keyHex(k.id) === oldKey)).toBeUndefined();
    const newKey = engine.transport!.keyActor(1)!.getSnapshot().context.tempKeyId;
    expect(newKey).not.toBe(oldKey);
    expect(
      w.sim
        .keys(1)
        .filter((k) => k.kind === 'temp')
        .map((k) => keyHex(k.id)),
    ).toContain(newKey);
  });
});
