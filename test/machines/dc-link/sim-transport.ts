/**
 * A transport (createTransportRpc) against an in-process one-DC simulator over memory pipes, on a
 * manual clock with fixed random: the rig of the DC-link tests. Call `closeSimTransports` after each.
 */
import { nodeCrypto } from '../../../src/adapters/crypto/index.js';
import type { CryptoProvider } from '../../../src/crypto/index.js';
import { createTransportRpc, resolveDcs, type DcKeyStore, type TransportRpc, type TransportRpcOptions } from '../../../src/machines/index.js';
import { createSimulator, type Simulator } from '../../../src/simulator/index.js';
import { createDialCodec, framedDuplex, memoryPipe, type DcAddress, type Duplex } from '../../../src/transport/index.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';

export interface SimTransportOptions {
  /** Names the fixed random streams (`<name>-sim`, `<name>-client`). */
  name: string;
  pfs: boolean;
  clock?: ManualClock;
  keys?: DcKeyStore;
  handshakeTimeoutMs?: number;
  /** Per-call deadline (default the transport's 120 s; 0: none). */
  callTimeoutMs?: number;
  backoff?: TransportRpcOptions['backoff'];
  /** What the client's side of each new connection goes through (delays, drops), if anything. */
  wrap?: (duplex: Duplex, dc: DcAddress) => Duplex;
  /** The client's crypto (default node:crypto, which the simulator uses too). */
  crypto?: CryptoProvider;
}

let open: { rpc: TransportRpc; sim: Simulator }[] = [];

/** Closes every transport and simulator made since the last call. */
export function closeSimTransports(): void {
  for (const { rpc, sim } of open) {
    rpc.close();
    sim.close();
  }
  open = [];
}

/** A transport and its simulator; both are closed by `closeSimTransports`. */
export function simTransport(options: SimTransportOptions): { clock: ManualClock; sim: Simulator; rpc: TransportRpc } {
  const clock = options.clock ?? new ManualClock();
  const sim = createSimulator({ clock, random: fixedRandom(`${options.name}-sim`), crypto: nodeCrypto, dcCount: 1 });
  const { addresses, rsaKeys } = resolveDcs(JSON.parse(JSON.stringify(sim.config())));
  const rpc = createTransportRpc({
    dcs: addresses,
    rsaKeys,
    dial: (dc) => {
      const [client, server] = memoryPipe();
      sim.acceptStream(dc.dcId, server);
      const duplex = framedDuplex(client, createDialCodec(dc, {}));
      return options.wrap ? options.wrap(duplex, dc) : duplex;
    },
    clock,
    apiId: 12345,
    random: fixedRandom(`${options.name}-client`),
    crypto: options.crypto ?? nodeCrypto,
    pingIntervalMs: 0,
    ...(options.keys ? { keys: options.keys } : {}),
    ...(options.handshakeTimeoutMs !== undefined ? { handshakeTimeoutMs: options.handshakeTimeoutMs } : {}),
    ...(options.callTimeoutMs !== undefined ? { callTimeoutMs: options.callTimeoutMs } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    pfs: options.pfs ? {} : false,
  });
  open.push({ rpc, sim });
  return { clock, sim, rpc };
}
