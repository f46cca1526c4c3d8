/**
 * What every flow storage backend must do (run against a real SQLite file and a real PostgreSQL
 * server): migrations applied once, leases with a fencing token, writes refused without the
 * current token, versions that only go up, commands queued once per idempotency id and claimed once.
 */
import { expect, it } from 'vitest';
import { FlowStorage } from '../../../src/adapters/service/storage/flow-storage.js';
import { migrate } from '../../../src/adapters/service/storage/migrations.js';
import type { SqlDriver } from '../../../src/adapters/service/storage/sql-driver.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Registers the suite; `open` gives a fresh driver on an empty database each call. */
export function flowStorageSuite(open: () => Promise<SqlDriver>): void {
  const fresh = async (): Promise<FlowStorage> => FlowStorage.open(await open());
  const flow = (id: string, now = 1000) => ({ id, tokenDigest: 'd-' + id, phoneDigest: 'p', now, expiresAt: now + 60_000, view: bytes('v0') });

  it('applies each migration once, also when two workers start at once', async () => {
    const a = await open();
    const b = await open();
    const [first, second] = await Promise.all([migrate(a), migrate(b)]);
    expect([...first, ...second].sort()).toEqual([1, 2]);
    expect(first.length === 0 || second.length === 0).toBe(true);
    expect(await migrate(a)).toEqual([]);
    await a.close();
    await b.close();
  });

  it('keeps the in-flight record under the lease token, and clears it', async () => {
    const s = await fresh();
    await s.createFlow(flow('f-in'));
    const token = (await s.acquireLease('f-in', 'w1', 1000, 500))!;
    await s.saveInFlight('f-in', token, bytes('sealed record'));
    expect(new TextDecoder().decode((await s.getFlow('f-in'))!.inFlight)).toBe('sealed record');
    // Another worker takes the expired lease: the first one's writes are refused.
    const next = (await s.acquireLease('f-in', 'w2', 2000, 500))!;
    await expect(s.saveInFlight('f-in', token, bytes('stale'))).rejects.toMatchObject({ reason: 'fenced' });
    await s.saveInFlight('f-in', next, undefined);
    expect((await s.getFlow('f-in'))!.inFlight).toBeUndefined();
    await s.close();
  });

  it('gives a lease to one owner; a takeover after expiry raises the fencing token', async () => {
    const s = await fresh();
    await s.createFlow(flow('f1'));
    const t1 = await s.acquireLease('f1', 'w1', 1000, 5000);
    expect(t1).toBe(1);
    expect(await s.acquireLease('f1', 'w2', 2000, 5000)).toBeUndefined();
    expect(await s.acquireLease('f1', 'w1', 2000, 5000)).toBe(1); // renewal by the holder keeps the token
    const t2 = await s.acquireLease('f1', 'w2', 7001, 5000);
    expect(t2).toBe(2);
    expect(await s.renewLease('f1', 1, 7002, 5000)).toBe(false);
    await expect(s.saveSession('f1', 1, bytes('stale'))).rejects.toMatchObject({ reason: 'fenced' });
    await s.saveSession('f1', 2, bytes('fresh'));
    expect((await s.getFlow('f1'))?.session).toEqual(bytes('fresh'));
    await s.releaseLease('f1', 2);
    expect(await s.acquireLease('f1', 'w3', 7003, 5000)).toBe(3);
    await s.close();
  });

  it('records views whose versions only go up, and replays those after a version', async () => {
    const s = await fresh();
    await s.createFlow(flow('f2'));
    const t = (await s.acquireLease('f2', 'w1', 1000, 5000))!;
    await s.saveView('f2', t, 1, bytes('v1'), 1001, false);
    await s.saveView('f2', t, 2, bytes('v2'), 1002, true);
    await expect(s.saveView('f2', t, 2, bytes('again'), 1003, false)).rejects.toMatchObject({ reason: 'fenced' });
    await expect(s.saveView('f2', t + 1, 3, bytes('v3'), 1003, false)).rejects.toMatchObject({ reason: 'fenced' });
    expect((await s.viewsAfter('f2', 1)).map((v) => v.version)).toEqual([2]);
    const row = (await s.getFlow('f2'))!;
    expect([row.version, row.live, row.view]).toEqual([2, true, bytes('v2')]);
    await s.close();
  });

  it('queues a command once per idempotency id and lets one lease holder claim it once', async () => {
    const s = await fresh();
    await s.createFlow(flow('f3'));
    const a = await s.enqueueCommand('f3', 'idem-1', bytes('c1'), 1000);
    const again = await s.enqueueCommand('f3', 'idem-1', bytes('other'), 1001);
    expect(again.seq).toBe(a.seq);
    expect(again.command).toEqual(bytes('c1'));
    await s.enqueueCommand('f3', 'idem-2', bytes('c2'), 1002);
    const t = (await s.acquireLease('f3', 'w1', 1000, 5000))!;
    expect((await s.nextCommand('f3'))?.idemId).toBe('idem-1');
    expect(await s.claimCommand('f3', a.seq, t + 1)).toBe(false);
    const claims = await Promise.all([s.claimCommand('f3', a.seq, t), s.claimCommand('f3', a.seq, t)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await s.claimedCommands('f3')).map((c) => c.idemId)).toEqual(['idem-1']);
    expect(await s.finishCommand('f3', a.seq, t, '{"ok":true}')).toBe(true);
    const done = (await s.getCommand('f3', 'idem-1'))!;
    expect([done.state, done.outcome, done.command.length]).toEqual(['done', '{"ok":true}', 0]);
    expect((await s.nextCommand('f3'))?.idemId).toBe('idem-2');
    await s.close();
  });

  it('finds orphaned live flows and queues, and collects expired flows with their rows', async () => {
    const s = await fresh();
    await s.createFlow(flow('live'));
    await s.createFlow(flow('queued'));
    await s.createFlow({ ...flow('old'), expiresAt: 1500 });
    const t = (await s.acquireLease('live', 'w1', 1000, 100))!;
    await s.saveView('live', t, 1, bytes('qr'), 1000, true);
    await s.enqueueCommand('queued', 'i', bytes('c'), 1000);
    expect(await s.orphanedLiveFlows(1050)).toEqual([]);
    expect(await s.orphanedLiveFlows(1200)).toEqual(['live']);
    expect(await s.orphanedQueues(1200)).toEqual(['queued']);
    await s.enqueueCommand('old', 'i', bytes('c'), 1000);
    expect(await s.collectExpired(2000)).toBe(1);
    expect(await s.getFlow('old')).toBeUndefined();
    expect(await s.getCommand('old', 'i')).toBeUndefined();
    await s.close();
  });

  it('counts hits in fixed windows and shares a FLOOD_WAIT deadline', async () => {
    const s = await fresh();
    expect(await s.hit('ip:1', 1000, 60_000)).toBe(1);
    expect(await s.hit('ip:1', 2000, 60_000)).toBe(2);
    expect(await s.hit('ip:1', 62_000, 60_000)).toBe(1);
    await s.setFloodUntil('phone:x', 5000);
    await s.setFloodUntil('phone:x', 4000);
    expect(await s.floodUntil('phone:x')).toBe(5000);
    expect(await s.floodUntil('phone:y')).toBe(0);
    // Collected once their window is an hour old and no FLOOD_WAIT is pending: only recent keys stay.
    await s.setFloodUntil('phone:z', 9_000_000);
    await s.hit('ip:2', 4_000_000, 60_000);
    await s.collectExpired(3_661_999);
    const keys = async () => (await s.driver.query<{ key: string }>('SELECT key FROM tgauth_limits ORDER BY key')).map((r) => r.key);
    expect(await keys()).toEqual(['ip:1', 'ip:2', 'phone:z']);
    await s.collectExpired(5_000_000);
    expect(await keys()).toEqual(['ip:2', 'phone:z']);
    await s.collectExpired(9_000_001);
    expect(await keys()).toEqual([]);
    await s.close();
  });
}
