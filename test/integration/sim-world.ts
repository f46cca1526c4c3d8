/**
 * Engine <-> simulator worlds for the integration tests: one simulator cluster (the real one from
 * src/simulator) reached either through memory pipes with the real codecs or over TCP on 127.0.0.1
 * (adapters/node listeners and nodeTcpDial). One ManualClock drives the engine, its transport and the
 * simulator, so every countdown is exact; fixed random makes keys and codes reproducible.
 */
import { filter, firstValueFrom, throwError, timeout } from 'rxjs';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import { nodeTcpDial, listenTcp, type Listener } from '../../src/adapters/node/index.js';
import { createAuthEngine, memoryStore, type AuthEngine, type AuthEngineOptions, type AuthView } from '../../src/machines/index.js';
import { createSimulator, type Simulator, type SimulatorConfig } from '../../src/simulator/index.js';
import { createDialCodec, framedDuplex, memoryPipe, type Dial } from '../../src/transport/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { ManualClock } from '../helpers/manual-clock.js';

export type Mode = 'memory' | 'tcp';

export const API = { apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef' };

export interface World {
  readonly mode: Mode;
  readonly sim: Simulator;
  readonly clock: ManualClock;
  /** The JSON line `tgauth sim` prints (parsed), used as the engine's `dcs` as is. */
  readonly config: SimulatorConfig;
  readonly dial: Dial;
  /** An engine on this world (memory session store unless given). */
  engine(extra?: Partial<AuthEngineOptions>): AuthEngine;
  close(): Promise<void>;
}

let engines = 0;

/** A simulator with `dcCount` DCs reachable in `mode`. */
export async function createWorld(mode: Mode, seed = 'world'): Promise<World> {
  const clock = new ManualClock();
  // node:crypto on both sides keeps each key exchange to a few ms (the pure backend is tested elsewhere).
  const sim = createSimulator({ clock, random: fixedRandom(`sim-${seed}`), dcCount: 5, crypto: nodeCrypto });
  const listeners: Listener[] = [];
  let dial: Dial;
  if (mode === 'tcp') {
    const addresses = [];
    for (let id = 1; id <= sim.dcCount; id++) {
      const l = await listenTcp({ host: '127.0.0.1' }, (stream) => sim.acceptStream(id, stream));
      listeners.push(l);
      addresses.push({ id, host: l.host, tcpPort: l.port });
    }
    sim.setAddresses(addresses);
    dial = nodeTcpDial();
  } else {
    dial = (dc) => {
      const [client, server] = memoryPipe();
      sim.acceptStream(dc.dcId, server);
      return framedDuplex(client, createDialCodec(dc, {}));
    };
  }
  // What a host would do with the printed line: JSON round trip, then pass it as `dcs`.
  const config = JSON.parse(JSON.stringify(sim.config())) as SimulatorConfig;
  const live: AuthEngine[] = [];
  return {
    mode,
    sim,
    clock,
    config,
    dial,
    engine(extra = {}) {
      const engine = createAuthEngine({
        ...API,
        dcs: config,
        dial,
        clock,
        random: fixedRandom(`engine-${seed}-${engines++}`),
        store: memoryStore(),
        crypto: nodeCrypto,
        transport: { pingIntervalMs: 0 },
        ...extra,
      });
      live.push(engine);
      return engine;
    },
    async close() {
      for (const e of live) e.stop();
      sim.close();
      await Promise.all(listeners.map((l) => l.close()));
    },
  };
}

/** Resolves with the first view of `status` (fails after 10 s of real time, or on an error view). */
export function waitFor<S extends AuthView['status']>(engine: AuthEngine, status: S): Promise<Extract<AuthView, { status: S }>> {
  return firstValueFrom<Extract<AuthView, { status: S }>>(
    engine.state$.pipe(
      filter((v): v is Extract<AuthView, { status: S }> => v.status === status && !v.busy),
      timeout({ first: 10_000, with: () => throwError(() => new TypeError(`timed out waiting for ${status}; at ${JSON.stringify(engine.getSnapshot())}`)) }),
    ),
  );
}

/** Resolves with the first idle view that carries an error. */
export function waitForError(engine: AuthEngine): Promise<AuthView> {
  return firstValueFrom(
    engine.state$.pipe(
      filter((v) => v.error !== undefined && !v.busy),
      timeout({ first: 10_000, with: () => throwError(() => new TypeError(`no error; at ${JSON.stringify(engine.getSnapshot())}`)) }),
    ),
  );
}

/** The newest code the simulator delivered to `phoneOrEmail`. */
export function lastCode(sim: Simulator, phoneOrEmail: string): string {
  const box = sim.inbox(phoneOrEmail);
  for (let i = box.length - 1; i >= 0; i--) if (box[i]!.code) return box[i]!.code!;
  throw new TypeError(`no code for ${phoneOrEmail}`);
}

let phoneSeq = 0;
/** A fresh non-test phone number per call (flood limits are per number). */
export function freshPhone(): string {
  phoneSeq++;
  return `1555${String(phoneSeq).padStart(6, '0')}`;
}

/**
 * An existing account on `dcId` (default 1, where the engine starts), optionally with another logged-in
 * session, which is what makes Telegram offer the in-app code first.
 */
export function account(
  w: World,
  input: Parameters<Simulator['accounts']['create']>[0] & { withSession?: boolean } = {},
): { id: bigint; phone: string } {
  const { withSession, ...rest } = input;
  const a = w.sim.accounts.create({ phone: freshPhone(), dcId: 1, firstName: 'Ada', ...rest });
  if (withSession) {
    w.sim.state.keys.add({ id: 0x7000n + a.id, dcId: a.dcId, key: new Uint8Array(256), kind: 'perm', createdAt: w.sim.state.now(), userId: a.id });
  }
  return { id: a.id, phone: a.phone };
}

/** Lets socket and promise callbacks run (TCP needs real I/O turns). */
export const settle = (ms = 20): Promise<void> => new Promise((r) => globalThis.setTimeout(r, ms));
