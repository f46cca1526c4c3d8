/**
 * The system under test of the model-based suite: the real engine (createAuthEngine, every real
 * machine and actor) on the in-process simulator over memory pipes with the real codecs, one
 * ManualClock for both. Every actor's inspection events feed a CoverageRecorder. A step waits
 * until the engine is idle: its view is not busy and has stayed the same for a few macrotask turns
 * (so a transient `routing` or a reply still in a pipe is not mistaken for the settled state).
 */
import { createActor } from 'xstate';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import { computeSrpCheck, computeSrpVerifier } from '../../src/crypto/index.js';
import {
  authMachine,
  authViewOf,
  createAuthActors,
  createTransportRpc,
  memoryStore,
  resolveDcs,
  sealCommand,
  SessionKeeper,
  type AuthCommand,
  type AuthEngineOptions,
  type AuthView,
  type PasskeyAuthenticator,
} from '../../src/machines/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { API, createWorld, type World } from '../integration/sim-world.js';
import type { CoverageRecorder } from './coverage.js';

/** What a path step drives and checks. */
export interface Sut {
  readonly world: World;
  view(): AuthView;
  send(command: AuthCommand): void;
  /** Resolves with the settled view (throws after `maxTurns` turns of a view that never settles). */
  idle(): Promise<AuthView>;
  stop(): void;
}

const turn = (): Promise<void> => new Promise((resolve) => globalThis.setTimeout(resolve, 0));

/** Waits for `view()` to be not busy and unchanged for `stable` consecutive turns. */
export async function waitIdle(view: () => AuthView, stable = 4, maxTurns = 2_000): Promise<AuthView> {
  let last = '';
  let same = 0;
  for (let i = 0; i < maxTurns; i++) {
    await turn();
    const v = view();
    const key = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
    same = key === last && !v.busy ? same + 1 : 0;
    last = key;
    if (same >= stable) return v;
  }
  throw new TypeError(`engine never settled; last view ${last}`);
}

let seq = 0;

/**
 * One engine on `world`, inspected by `recorder` (the engine's and its transport's actors); `extra`
 * adds engine options (e.g. a `passkey` authenticator).
 */
export function engineSut(
  world: World,
  recorder: CoverageRecorder,
  extra: Partial<AuthEngineOptions> = {},
): Sut {
  const engine = world.engine({ ...extra, inspect: recorder.inspect });
  return {
    world,
    view: () => engine.getSnapshot(),
    send: (c) => engine.send(c),
    idle: () => waitIdle(() => engine.getSnapshot()),
    stop: () => engine.stop(),
  };
}

/**
 * The same root machine and actors as createAuthEngine, assembled by hand around a
 * `PasskeyAuthenticator` (createAuthEngine's `passkey` option forwards one too; this predates it).
 */
export function passkeySut(world: World, recorder: CoverageRecorder, passkey: PasskeyAuthenticator): Sut {
  const random = fixedRandom(`model-passkey-${seq++}`);
  const session = new SessionKeeper(memoryStore(), 1);
  const resolved = resolveDcs(world.config);
  const rpc = createTransportRpc({
    dcs: resolved.addresses,
    rsaKeys: resolved.rsaKeys,
    dial: world.dial,
    clock: world.clock,
    apiId: API.apiId,
    keys: session,
    random,
    crypto: nodeCrypto,
    inspect: recorder.inspect,
    pingIntervalMs: 0,
  });
  const srp = {
    computeSrpCheck: ((params, r) => computeSrpCheck(params, r, nodeCrypto)) as typeof computeSrpCheck,
    computeSrpVerifier: ((p, s1, s2, g, n) =>
      computeSrpVerifier(p, s1, s2, g, n, nodeCrypto)) as typeof computeSrpVerifier,
  };
  const machine = authMachine.provide({
    actors: createAuthActors({ rpc, ...API, session, random, srp, passkey }),
  });
  const actor = createActor(machine, {
    input: { defaultDcId: 1 },
    clock: world.clock,
    inspect: recorder.inspect,
  });
  actor.start();
  const view = () => authViewOf(actor.getSnapshot());
  return {
    world,
    view,
    send: (c) => actor.send(sealCommand(c)),
    idle: () => waitIdle(view),
    stop: () => {
      actor.stop();
      rpc.close();
    },
  };
}

/** A memory world for one test file. */
export const modelWorld = (name: string): Promise<World> => createWorld('memory', `model-${name}`);
