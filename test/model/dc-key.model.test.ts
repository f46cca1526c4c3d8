/**
 * Replays the key-lifecycle model (dc-key.model.ts) against the real transport: createTransportRpc
 * with or without PFS, on the in-process simulator over memory pipes and a faultable wire
 * (dc-key.sut.ts), one ManualClock. Each step performs the model event (a call, a cut, the clock
 * past the backoff or the handshake timeout, a rotation falling due, a wire fault, the server
 * forgetting keys or refusing a bind, closing), waits until the transport settles, and checks what
 * can be seen: the key machine's state, the permanent key it and the store hold, the current
 * connection's state, no call failed, every call answered exactly once when nothing is pending,
 * and the temp key the server holds bound to that permanent key. Paths: see dc-key.paths.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInitialSnapshot, type SnapshotFrom } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { DcUnavailableError } from '../../src/transport/index.js';
import type { World } from '../integration/sim-world.js';
import { CoverageRecorder } from './coverage.js';
import {
  dcKeyEventCases,
  dcKeyModel,
  modelStateOf,
  type DcKeyModelEvent,
  type DcKeyModelInput,
} from './dc-key.model.js';
import { allStateSequences, coarseKey, selfLoopSequences, transitionSequences } from './dc-key.paths.js';
import { ACK_DELAY_MS, DC, DcKeyRig, HANDSHAKE_TIMEOUT_MS } from './dc-key.sut.js';
import { calm, type KeyWorld } from './dc-key.world.js';
import { writeCoverage } from './replay.js';
import { modelWorld } from './sut.js';

type ModelSnapshot = SnapshotFrom<typeof dcKeyModel>;

let w: World;
const recorder = new CoverageRecorder();
beforeAll(async () => {
  w = await modelWorld('dc-key');
});
afterAll(async () => {
  writeCoverage('dc-key', recorder);
  await w.close();
});

/**
 * Lets the stalled step run out of time: the link doubles the handshake timeout for each exchange in
 * a row the server left unanswered (up to 8x), so the clock moves in timeout steps until it fails.
 */
async function timeOut(rig: DcKeyRig): Promise<void> {
  const stalled = rig.state();
  for (let i = 0; i < 8 && rig.state() === stalled; i++) {
    w.clock.advance(HANDSHAKE_TIMEOUT_MS);
    await rig.settle();
  }
}

/** Performs one model step on the rig (see DcKeyModelEvent). */
function perform(rig: DcKeyRig, e: DcKeyModelEvent): Promise<void> | void {
  const ctx = rig.context();
  switch (e.type) {
    case 'CALL':
      return rig.call();
    case 'DROP':
      if (e.which === 'all') return void w.sim.faults.dropConnections();
      return void rig.cut(e.which);
    case 'REDIAL':
      return rig.redial();
    case 'TIMEOUT':
      return timeOut(rig);
    case 'ROTATE':
      return rig.link!.rotate();
    case 'FAULT':
      return void (rig.faults[e.plain] = true);
    case 'HOLD':
      return void (rig.faults.hold = true);
    case 'REFUSE':
      return void (rig.faults.refuse = true);
    case 'RELEASE':
      return rig.release();
    case 'HEAL':
      return rig.heal();
    case 'FORGET': {
      const keys = w.sim.state.keys;
      const perm = rig.simKey(ctx!.authKeyId)!;
      if (e.what === 'temp') return keys.remove(rig.simKey(ctx!.tempKeyId)!.id);
      if (e.what === 'perm') perm.boundTempId = undefined; // the temp key stays (unbound)
      return keys.remove(perm.id);
    }
    case 'REJECT_BIND':
      return w.sim.faults.reject('auth.bindTempAuthKey', 400, 'BIND_REFUSED_BY_TEST', 1);
    case 'CLOSE':
      return rig.rpc.close();
  }
}

const CONNECTION: Record<KeyWorld['cur'], string | undefined> = {
  none: undefined,
  ready: 'ready',
  waiting: 'handshaking',
  backoff: 'reconnecting',
};
const STALLS = ['exchangingPermKey', 'exchangingTempKey', 'rotating.exchangingTempKey'];

/** What the rig shows matches the model snapshot. */
function check(rig: DcKeyRig, snapshot: ModelSnapshot): void {
  const state = modelStateOf(snapshot.value);
  const m = snapshot.context;
  // A stalled exchange waits for resPQ (its req_pq_multi was lost or its connection cut).
  expect(rig.state()).toBe(STALLS.includes(state) ? `${state}.awaitingResPq` : state);
  if (state === 'closed' || state === 'disconnected') return;
  // No call fails while the link lives: each waits for a key, or is answered; except that after
  // three failed attempts in a row the waiting calls learn why (DcUnavailableError, issue 21) while
  // the link goes on reconnecting.
  const failed = rig.calls.filter((c) => c.settled === 'error' && !(c.error instanceof DcUnavailableError));
  expect(failed.map((c) => String(c.error))).toEqual([]);
  const ctx = rig.context()!;
  expect({ perm: ctx.authKeyId !== undefined, stored: rig.keys.authKey(DC) !== undefined }).toEqual({
    perm: m.perm,
    stored: m.perm,
  });
  expect(rig.link!.current.state).toBe(CONNECTION[m.cur]);
  if (state !== 'ready' || m.cur !== 'ready' || m.next !== 'none' || m.hold || m.backoff.length > 0) return;
  // Settled: every call answered, each run exactly once by the server.
  expect(rig.calls.map((c) => c.settled)).toEqual(rig.calls.map(() => 'ok'));
  expect(rig.executions('help.getNearestDc')).toBe(rig.calls.length);
  if (!m.pfs || !m.serverKey || !m.serverPerm) return;
  // The server holds the temp key traffic runs on, bound to our permanent key.
  expect(rig.simKey(ctx.tempKeyId)?.boundPermId).toBe(rig.simKey(ctx.authKeyId)?.id);
}

const CONFIGS: DcKeyModelInput[] = [
  { pfs: false, stored: false },
  { pfs: false, stored: true },
  { pfs: true, stored: false },
  { pfs: true, stored: true },
];
const SIMPLE = process.env.MODEL_SIMPLE === '1';

for (const input of CONFIGS) {
  describe(`key lifecycle model (pfs: ${input.pfs}, stored key: ${input.stored})`, () => {
    const model = createTestModel(dcKeyModel, {
      events: dcKeyEventCases,
      input,
      serializeState: coarseKey as never,
    });
    const initial = getInitialSnapshot(dcKeyModel, input);
    const fromEvents = (events: DcKeyModelEvent[]) =>
      model.getPathsFromEvents(events, { fromState: initial as never });
    const shortest = model.getShortestPaths();
    const base = [
      ...shortest.map((p) =>
        p.steps.map((s) => s.event as DcKeyModelEvent).filter((e) => e.type !== ('xstate.init' as string)),
      ),
      ...selfLoopSequences(input),
    ];
    const paths = [
      ...shortest,
      ...selfLoopSequences(input).flatMap(fromEvents),
      ...transitionSequences(input, base).flatMap(fromEvents),
      // MODEL_SIMPLE=1: also a shortest path to every state of the full state space (about 4,200).
      ...(SIMPLE ? allStateSequences(input).flatMap(fromEvents) : []),
    ];
    for (const path of paths) {
      it(path.description, async () => {
        const rig = new DcKeyRig(w, recorder, input);
        try {
          await path.test({
            states: { '*': (s) => check(rig, s as ModelSnapshot) },
            events: Object.fromEntries(
              dcKeyEventCases.map((c) => [
                c.type,
                async (step: { event: DcKeyModelEvent; state: unknown }) => {
                  await perform(rig, step.event);
                  await rig.settle();
                  // Settled and calm, the clock passes the ack delay: what a call's answer is owed goes
                  // out now, as in a client that lives on, not at a later clock step (where, on a key
                  // the server has since forgotten, it would draw a -404 the model does not expect).
                  const after = step.state as ModelSnapshot;
                  if (calm(modelStateOf(after.value), after.context)) {
                    w.clock.advance(ACK_DELAY_MS);
                    await rig.settle();
                  }
                },
              ]),
            ),
          });
        } finally {
          rig.stop();
        }
      });
    }
  });
}
