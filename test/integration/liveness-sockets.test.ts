/**
 * Issue 21 over real sockets: the engine's first connection to the simulator, through the fault
 * proxy on 127.0.0.1, goes silent right after the key exchange (the third frame the server sends:
 * MTProto frames over TCP, WebSocket messages over WebSocket). The engine finds the dead connection,
 * re-sends on a new one and logs in; the simulator runs each login RPC once. Protocol time runs on a
 * manual clock advanced a second at a time; the sockets are real.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import { listenTcp, listenWebSocket, nodeTcpDial, nodeWebSocketDial, type Listener } from '../../src/adapters/node/index.js';
import { createAuthEngine, memoryStore, type AuthEngine } from '../../src/machines/index.js';
import { createSimulator, type Simulator } from '../../src/simulator/index.js';
import { webSocketFrames } from '../helpers/fault-frames.js';
import { FaultProxy } from '../helpers/fault-proxy.js';
import { listenFaultProxy, type FaultProxyListener } from '../helpers/fault-proxy-tcp.js';
import { fixedRandom } from '../helpers/fixed-random.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { API, freshPhone, lastCode, settle } from './sim-world.js';

type Transport = 'tcp' | 'websocket';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

describe.each<Transport>(['tcp', 'websocket'])('liveness over %s through the fault proxy', (transport) => {
  it('a connection black-holed after the key exchange: ready, each RPC run once', async () => {
    const clock = new ManualClock();
    const sim: Simulator = createSimulator({ clock, random: fixedRandom(`sock-${transport}`), dcCount: 1, crypto: nodeCrypto });
    open.push(sim);
    const accept = (s: Parameters<Simulator['acceptStream']>[1]) => sim.acceptStream(1, s);
    const listener: Listener = transport === 'tcp' ? await listenTcp({}, accept) : await listenWebSocket({}, accept);
    open.push(listener);
    const proxy = new FaultProxy(transport === 'tcp' ? {} : { frames: webSocketFrames }, clock, `sock-${transport}`, (i) =>
      i === 0 ? { blackhole: true } : undefined,
    );
    const front: FaultProxyListener = await listenFaultProxy(proxy, { host: listener.host, port: listener.port });
    open.push(front);
    sim.setAddresses([{ id: 1, host: front.host, tcpPort: front.port, wsPort: front.port }]);
    const calls = new Map<string, number>();
    sim.onCall(({ method }) => calls.set(method, (calls.get(method) ?? 0) + 1));
    const engine: AuthEngine = createAuthEngine({
      ...API,
      dcs: JSON.parse(JSON.stringify(sim.config())),
      dial: transport === 'tcp' ? nodeTcpDial() : nodeWebSocketDial(),
      clock,
      random: fixedRandom(`sock-engine-${transport}`),
      store: memoryStore(),
      crypto: nodeCrypto,
      pfs: false,
      transport: { pingIntervalMs: 0 },
    });
    open.push({ close: () => engine.stop() });
    const phone = freshPhone();
    sim.accounts.create({ phone, dcId: 1, firstName: 'Ada' });

    /** Lets the sockets work, then moves protocol time on by a second, up to `maxMs`. */
    const until = async (status: string, maxMs: number) => {
      for (let t = 0; ; t += 1_000) {
        await settle(30);
        const v = engine.getSnapshot();
        if (v.status === status && !v.busy) return;
        if (t >= maxMs) throw new TypeError(`no ${status} after ${maxMs} ms: ${JSON.stringify(v)}`);
        clock.advance(1_000);
      }
    };
    await until('waitPhoneNumber', 5_000);
    engine.send({ type: 'phone.submit', phone });
    // Bound: 10 s of silence, 10 s for the pong, the backoff, and room for the socket round trips.
    await until('waitCode', 40_000);
    engine.send({ type: 'code.submit', code: lastCode(sim, phone) });
    await until('ready', 40_000);
    expect(proxy.stats.blackholed).toBe(1);
    expect(calls.get('auth.sendCode')).toBe(1);
    expect(calls.get('auth.signIn')).toBe(1);
  }, 60_000);
});
