/**
 * Key-lifecycle bugs the model found, each replayed as the exact steps that showed it.
 *
 * Two connections waiting for a key at once: a rotation starts (its timer, a call past the
 * replacement time, a refused call) while the current connection re-keys after -404. The link kept
 * one handshake waiter, so the second `transport.handshaking` overwrote the first: the forgotten
 * connection stayed in `handshaking` for good. Forgotten current: its parked call never came back.
 * Forgotten next: the key made on the current connection swapped the dead next in as current, and
 * every later call hung (the key machine said `ready` all along).
 *
 * The current connection dropping while the key machine keys a rotation's connection (a rotation
 * begun during a reconnect): the drop sent the machine to `reconnecting`, abandoning that exchange,
 * and when the current connection came back with its session the machine said `ready` while the
 * rotation's connection, where new calls go, waited for a key nobody was making.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoverageRecorder } from './coverage.js';
import { ACK_DELAY_MS, DcKeyRig, HANDSHAKE_TIMEOUT_MS } from './dc-key.sut.js';
import { modelWorld } from './sut.js';
import type { World } from '../integration/sim-world.js';

let w: World;
beforeAll(async () => {
  w = await modelWorld('dc-key-regressions');
});
afterAll(() => w.close());

/** PFS on a stored permanent key, one call answered; then the server forgets the temp key and goes silent. */
async function reKeyingSilently(): Promise<DcKeyRig> {
  const rig = new DcKeyRig(w, new CoverageRecorder(), { pfs: true, stored: true });
  rig.call();
  await rig.settle();
  expect(rig.state()).toBe('ready');
  w.sim.state.keys.remove(rig.simKey(rig.context()!.tempKeyId)!.id);
  rig.faults.silent = true;
  rig.call(); // -404: the current connection drops its session and must make a new temp key
  await rig.settle();
  expect(rig.state()).toBe('reconnecting');
  return rig;
}

/** Both connections give up, the network heals, both come back: every call is answered once. */
async function recover(rig: DcKeyRig): Promise<void> {
  w.clock.advance(HANDSHAKE_TIMEOUT_MS);
  await rig.settle();
  rig.faults.silent = false;
  await rig.redial();
  rig.call();
  await rig.settle();
  expect(rig.state()).toBe('ready');
  expect(rig.link!.current.state).toBe('ready');
  expect(rig.calls.map((c) => c.settled)).toEqual(['ok', 'ok', 'ok']);
  expect(rig.executions('help.getNearestDc')).toBe(3);
  expect(rig.link!.draining).toBe(0);
  expect(rig.simKey(rig.context()!.tempKeyId)?.boundPermId).toBe(rig.simKey(rig.context()!.authKeyId)!.id);
  rig.stop();
}

describe('two connections waiting for a key', () => {
  it('current re-keying, then the rotation connection: the parked call is answered', async () => {
    const rig = await reKeyingSilently();
    await rig.redial(); // the current connection asks for a key (unanswered)
    expect(rig.state()).toBe('exchangingTempKey.awaitingResPq');
    rig.link!.rotate(); // and so does the rotation's connection
    await rig.settle();
    await recover(rig);
  });

  it('the rotation connection, then current: the rotation connection is not swapped in dead', async () => {
    const rig = await reKeyingSilently();
    rig.link!.rotate(); // the rotation's connection asks first
    await rig.settle();
    expect(rig.state()).toBe('exchangingTempKey.awaitingResPq');
    await rig.redial(); // then the current connection
    await recover(rig);
  });
});

describe('the current connection drops while a rotation connection is keyed', () => {
  it('the rotation exchange goes on; the call parked on it is answered once', async () => {
    const rig = new DcKeyRig(w, new CoverageRecorder(), { pfs: true, stored: true });
    rig.call();
    await rig.settle();
    rig.cut('all');
    await rig.settle();
    expect(rig.state()).toBe('reconnecting');
    rig.faults.silent = true;
    rig.link!.rotate(); // due while reconnecting: the rotation's connection asks for a key
    await rig.settle();
    await rig.redial(); // the current connection is back on its session
    expect(rig.link!.current.state).toBe('ready');
    rig.cut('current');
    await rig.redial();
    rig.faults.silent = false;
    rig.call(); // goes to the rotation's connection
    await rig.settle();
    // Before: `ready` here, with the call waiting for good.
    expect(rig.state()).toBe('exchangingTempKey.awaitingResPq');
    w.clock.advance(HANDSHAKE_TIMEOUT_MS);
    await rig.settle();
    expect(rig.state()).toBe('failed');
    await rig.redial();
    expect(rig.state()).toBe('ready');
    expect(rig.calls.map((c) => c.settled)).toEqual(['ok', 'ok']);
    expect(rig.executions('help.getNearestDc')).toBe(2);
    expect(rig.context()!.rotations).toBe(0);
    expect(rig.simKey(rig.context()!.tempKeyId)?.boundPermId).toBe(rig.simKey(rig.context()!.authKeyId)!.id);
    rig.stop();
  });
});

// A stored key without PFS: the first connection is `ready` at once, and said so before the link
// had made it its current connection, so the key machine never heard it and stayed `disconnected`.
// When the server had forgotten that key, the -404 restarted the machine from `disconnected` (a
// fresh exchange) instead of dropping the key: keyLost$ stayed silent, the login was assumed intact.
describe('a stored key without PFS', () => {
  it('the key machine follows the connection to ready; a key the server forgot is reported lost', async () => {
    const rig = new DcKeyRig(w, new CoverageRecorder(), { pfs: false, stored: true });
    const lost: number[] = [];
    rig.rpc.keyLost$.subscribe((dc) => lost.push(dc));
    rig.call();
    await rig.settle();
    expect(rig.state()).toBe('ready');
    const before = rig.context()!.authKeyId!;
    w.sim.state.keys.remove(rig.simKey(before)!.id);
    rig.call(); // -404
    await rig.settle();
    expect(rig.state()).toBe('reconnecting');
    await rig.redial();
    expect(rig.state()).toBe('ready');
    expect(lost).toEqual([1]);
    expect(rig.context()!.authKeyId).not.toBe(before);
    expect(rig.calls.map((c) => c.settled)).toEqual(['ok', 'ok']);
    expect(rig.executions('help.getNearestDc')).toBe(2);
    rig.stop();
  });
});

// A rotation swapped in while the old connection waited to redial after -404 (the server had
// forgotten the old temp key): redialing, the draining connection asked the key machine for a key of
// its own and bound it, which unbound the temp key the current connection runs on. It now reuses
// the live key: nothing new is bound, and the server keeps the current connection's key bound.
describe('a draining connection that lost its session', () => {
  it('sends its parked call on the live key instead of binding one of its own', async () => {
    const rig = new DcKeyRig(w, new CoverageRecorder(), { pfs: true, stored: true });
    rig.call();
    await rig.settle();
    w.clock.advance(ACK_DELAY_MS);
    await rig.settle();
    w.sim.state.keys.remove(rig.simKey(rig.context()!.tempKeyId)!.id);
    rig.call(); // -404: parked on the current connection, which waits to redial
    await rig.settle();
    rig.link!.rotate(); // the rotation's connection is keyed and swapped in; the old one drains
    await rig.settle();
    const live = rig.context()!.tempKeyId!;
    const binds = rig.context()!.binds;
    expect(rig.link!.draining).toBe(1);
    await rig.redial(); // the draining connection comes back without a session
    expect(rig.link!.draining).toBe(0);
    expect(rig.calls.map((c) => c.settled)).toEqual(['ok', 'ok']);
    expect(rig.executions('help.getNearestDc')).toBe(2);
    // Before: a third temp key was bound for the draining connection, unbinding `live`.
    expect(rig.context()!).toMatchObject({ tempKeyId: live, binds });
    expect(rig.simKey(live)?.boundPermId).toBe(rig.simKey(rig.context()!.authKeyId)?.id);
    rig.stop();
  });
});
