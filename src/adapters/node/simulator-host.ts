/**
 * Hosts a simulator cluster on loopback: for every DC a TCP listener (all codecs, auto-detected)
 * and a WebSocket listener (`/apiws`, obfuscated), plus the HTTP control API. The simulator core is
 * sans-IO; this is the only place that binds ports for it.
 */
import { bytesToHex, secureRandom } from '../../crypto/index.js';
import { createSimulator, isLoopbackHost, type Simulator, type SimulatorOptions } from '../../simulator/index.js';
import type { Clock } from '../../transport/index.js';
import { nodeCrypto } from '../crypto/index.js';
import { systemClock } from '../clock/index.js';
import { listenControlApi } from './control-server.js';
import { ArrivalQueue } from './arrival-queue.js';
import { listenTcp, type Listener } from './tcp-listener.js';
import { listenWebSocket } from './web-socket-listener.js';

/** Options of `startSimulatorHost`. */
export interface SimulatorHostOptions extends Omit<SimulatorOptions, 'clock'> {
  /** Listen host (default 127.0.0.1). */
  host?: string;
  /**
   * First port: DC n gets TCP `basePort + 2(n-1)` and WebSocket `basePort + 2(n-1) + 1`,
   * the control API `basePort + 2 * dcCount`. Default: free ports chosen by the OS.
   */
  basePort?: number;
  clock?: Clock;
  /** Also serve the HTTP control API and the console (default true). */
  control?: boolean;
  /**
   * The token the control API and the console require. Default: none on a loopback host, a fresh
   * random one on any other (printed at start, in `controlToken` and `consoleUrl`).
   */
  controlToken?: string;
}

/** What `tgauth sim` prints: everything a client needs to connect. */
export interface SimulatorHostConfig {
  dcs: { id: number; host: string; tcpPort: number; wsPort: number }[];
  rsaPublicKeyPem: string;
  fingerprint: string;
  controlUrl?: string;
  /** The console page (the control URL, with the token when one is required). */
  consoleUrl?: string;
  /** Present when the host is not loopback: every control request must carry it. */
  controlToken?: string;
}

/** A running, listening simulator. */
export interface SimulatorHost {
  readonly simulator: Simulator;
  readonly config: SimulatorHostConfig;
  close(): Promise<void>;
}

/** Starts a simulator and binds its listeners. */
export async function startSimulatorHost(options: SimulatorHostOptions = {}): Promise<SimulatorHost> {
  const host = options.host ?? '127.0.0.1';
  const dcCount = options.dcCount ?? 5;
  const simulator = createSimulator({
    // Sockets from anywhere on the machine: idle/handshake deadlines and byte caps (connection-limits.ts).
    limits: true,
    ...options,
    dcCount,
    clock: options.clock ?? systemClock,
    crypto: options.crypto ?? nodeCrypto,
  });
  const listeners: Listener[] = [];
  const dcs: SimulatorHostConfig['dcs'] = [];
  const portOf = (offset: number) => (options.basePort === undefined ? 0 : options.basePort + offset);
  // One queue for every DC and transport: the process serves what arrives first, first.
  const queue = new ArrivalQueue();
  try {
    for (let id = 1; id <= dcCount; id++) {
      const tcp = await listenTcp({ host, port: portOf(2 * (id - 1)), queue }, (stream) =>
        simulator.acceptStream(id, stream),
      );
      listeners.push(tcp);
      const ws = await listenWebSocket({ host, port: portOf(2 * (id - 1) + 1), queue }, (stream) =>
        simulator.acceptStream(id, stream),
      );
      listeners.push(ws);
      dcs.push({ id, host, tcpPort: tcp.port, wsPort: ws.port });
    }
    simulator.setAddresses(dcs);
    let controlUrl: string | undefined;
    let consoleUrl: string | undefined;
    const token = options.controlToken ?? (isLoopbackHost(host) ? undefined : bytesToHex(secureRandom.bytes(16)));
    if (options.control !== false) {
      const control = await listenControlApi(simulator, { host, port: portOf(2 * dcCount), token });
      listeners.push(control);
      controlUrl = `http://${host.includes(':') ? `[${host}]` : host}:${control.port}`;
      consoleUrl = `${controlUrl}/${token ? `?token=${token}` : ''}`;
      simulator.setControlUrl(controlUrl);
    }
    const base = simulator.config();
    const config: SimulatorHostConfig = {
      dcs,
      rsaPublicKeyPem: base.rsaPublicKeyPem,
      fingerprint: base.fingerprint,
      ...(controlUrl ? { controlUrl } : {}),
      ...(consoleUrl ? { consoleUrl } : {}),
      ...(controlUrl && token ? { controlToken: token } : {}),
    };
    return {
      simulator,
      config,
      close: async () => {
        await Promise.all(listeners.map((l) => l.close()));
        simulator.close();
      },
    };
  } catch (error) {
    await Promise.all(listeners.map((l) => l.close()));
    simulator.close();
    throw error;
  }
}
