/**
 * The tour's world: one simulator on loopback TCP and a factory of engines against it, all on one
 * manual clock so resend countdowns and token expiries are shown without waiting for them.
 */
import { computeSrpCheck, computeSrpVerifier, type CryptoProvider } from '../../crypto/index.js';
import {
  createAuthEngine,
  createTransportRpc,
  memoryStore,
  resolveDcs,
  type AuthEngineOptions,
  type SessionStore,
} from '../../machines/index.js';
import type { Simulator } from '../../simulator/index.js';
import { ManualClock } from '../../transport/index.js';
import { nodeCrypto } from '../crypto/index.js';
import { nodeTcpDial, startSimulatorHost, type SimulatorHost } from '../node/index.js';
import { TourDriver, type TourOut, type TourRecord } from './tour-driver.js';
import { traceRpc } from './trace-rpc.js';

/** Everything a scenario can use. */
export interface TourEnv {
  readonly simulator: Simulator;
  readonly clock: ManualClock;
  /** A new engine (a new "device"); pass `store` to keep a session between engines. */
  engine(options?: { store?: SessionStore; extra?: Partial<AuthEngineOptions> }): Promise<TourDriver>;
  readonly out: TourOut;
}

/** Starts the tour's simulator; `close()` stops it and every engine made. */
export async function startTourEnv(
  out: TourOut,
  record: TourRecord,
): Promise<TourEnv & { close(): Promise<void> }> {
  const clock = new ManualClock(Date.now());
  const host: SimulatorHost = await startSimulatorHost({ clock, control: false });
  const crypto: CryptoProvider = nodeCrypto;
  const resolved = resolveDcs(host.config);
  const drivers: TourDriver[] = [];
  // Calls the engine's transport makes on its own (PFS binding, dropping old temp keys, moving the
  // authorization to another DC) never pass through the traced AuthRpc: show them as the simulator sees them.
  const beneath = new Set([
    'auth.bindTempAuthKey',
    'auth.dropTempAuthKeys',
    'auth.exportAuthorization',
    'auth.importAuthorization',
  ]);
  host.simulator.onCall(({ dcId, method }) => {
    if (!beneath.has(method)) return;
    record.methods.add(method);
    out(`    -> ${method} @dc${dcId} (by the transport)`);
  });
  const closers: (() => void)[] = [];
  return {
    simulator: host.simulator,
    clock,
    out,
    async engine({ store, extra } = {}) {
      const transport = createTransportRpc({
        dcs: resolved.addresses,
        dial: nodeTcpDial(),
        clock,
        rsaKeys: resolved.rsaKeys,
        apiId: 1,
        crypto,
        pingIntervalMs: 0,
      });
      closers.push(() => transport.close());
      const engine = createAuthEngine({
        apiId: 1,
        apiHash: 'tour',
        rpc: traceRpc(transport, TourDriver.traceListener(out, record)),
        dcs: host.config,
        clock,
        store: store ?? memoryStore(),
        srp: {
          computeSrpCheck: (params, random) => computeSrpCheck(params, random, crypto),
          computeSrpVerifier: (password, salt1, salt2, g, p) =>
            computeSrpVerifier(password, salt1, salt2, g, p, crypto),
        },
        ...extra,
      });
      const driver = new TourDriver(engine, out, record, transport);
      drivers.push(driver);
      // The session loads asynchronously; commands sent while initializing would be rejected.
      await driver.until((v) => v.status !== 'initializing', 'the session to load');
      return driver;
    },
    async close() {
      for (const d of drivers) d.stop();
      for (const c of closers) c();
      await host.close();
    },
  };
}
