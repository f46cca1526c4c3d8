/**
 * A simulator and engines joined through the fault proxy over memory pipes (the real codecs), all on
 * one manual clock, for the liveness tests of issue 21: `run` advances the clock a step at a time,
 * letting promise and worker callbacks run between steps, until a condition holds or a bound passes.
 * Every RPC the simulator executes is counted by method (`calls`): a call re-sent after a fault must
 * be answered from the server's cache, never run twice.
 */
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import { createAuthEngine, memoryStore, type AuthEngine, type AuthEngineOptions, type AuthView } from '../../src/machines/index.js';
import { createSimulator, type Simulator } from '../../src/simulator/index.js';
import type { Clock } from '../../src/transport/index.js';
import { FaultProxy, type Fate, type FaultPlan } from '../helpers/fault-proxy.js';
import { faultyMemoryDial } from '../helpers/fault-proxy.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { API } from './sim-world.js';

export interface FaultWorldOptions {
  seed: string;
  plan?: FaultPlan;
  fate?: (index: number) => Partial<Fate> | undefined;
  /** The simulator's clock (default the manual clock); wraps `clock` to step it. */
  simClock?: (clock: ManualClock) => Clock;
}

export interface FaultWorld {
  readonly sim: Simulator;
  readonly clock: ManualClock;
  readonly proxy: FaultProxy;
  /** Executions per method on the simulator side. */
  readonly calls: Map<string, number>;
  engine(extra?: Partial<AuthEngineOptions>): AuthEngine;
  /** Advances the clock by `stepMs` until `done()`; returns the manual time it took; throws past `maxMs`. */
  run(done: () => boolean, maxMs: number, stepMs?: number): Promise<number>;
  close(): void;
}

/** Lets callbacks queued by I/O, promises and node:crypto run. */
export async function turns(n = 4): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
}

let engines = 0;

export function createFaultWorld(options: FaultWorldOptions): FaultWorld {
  const clock = new ManualClock();
  const simClock = options.simClock?.(clock) ?? clock;
  const sim = createSimulator({ clock: simClock, random: fixedRandom(`sim-${options.seed}`), dcCount: 2, crypto: nodeCrypto });
  const proxy = new FaultProxy(options.plan ?? {}, clock, `proxy-${options.seed}`, options.fate);
  const dial = faultyMemoryDial(proxy, (dcId, stream) => sim.acceptStream(dcId, stream));
  const calls = new Map<string, number>();
  sim.onCall(({ method }) => calls.set(method, (calls.get(method) ?? 0) + 1));
  const config = JSON.parse(JSON.stringify(sim.config())) as ReturnType<Simulator['config']>;
  const live: AuthEngine[] = [];
  return {
    sim,
    clock,
    proxy,
    calls,
    engine(extra = {}) {
      const engine = createAuthEngine({
        ...API,
        dcs: config,
        dial,
        clock,
        random: fixedRandom(`engine-${options.seed}-${engines++}`),
        store: memoryStore(),
        crypto: nodeCrypto,
        pfs: false,
        transport: { pingIntervalMs: 0 },
        ...extra,
      });
      live.push(engine);
      return engine;
    },
    async run(done, maxMs, stepMs = 500) {
      let elapsed = 0;
      for (;;) {
        await turns();
        if (done()) return elapsed;
        if (elapsed >= maxMs) throw new TypeError(`not done after ${maxMs} ms of manual time; views: ${live.map((e) => JSON.stringify(e.getSnapshot())).join(', ')}`);
        clock.advance(stepMs);
        elapsed += stepMs;
      }
    },
    close() {
      for (const e of live) e.stop();
      sim.close();
    },
  };
}

/** True when the engine shows `status`, idle. */
export const shows = (engine: AuthEngine, status: AuthView['status']) => (): boolean => {
  const v = engine.getSnapshot();
  return v.status === status && !v.busy;
};

/** True when the engine shows an idle view with an error. */
export const showsError = (engine: AuthEngine) => (): boolean => {
  const v = engine.getSnapshot();
  return !v.busy && v.error !== undefined;
};
