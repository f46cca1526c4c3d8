/**
 * The fault proxy itself (test/helpers/fault-proxy.ts): what it promises to do to bytes, shown on
 * a byte echo over memory pipes and over TCP loopback, so the liveness tests that use it know which
 * fault they got.
 */
import { createServer, connect, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryPipe, type ByteStream } from '../../src/transport/index.js';
import { mtprotoFrames, webSocketFrames } from '../helpers/fault-frames.js';
import { FaultProxy, type FaultPlan, type Fate } from '../helpers/fault-proxy.js';
import { listenFaultProxy } from '../helpers/fault-proxy-tcp.js';
import { ManualClock } from '../helpers/manual-clock.js';

/** An intermediate frame of `n` bytes filled with `fill`. */
function frame(n: number, fill: number): Uint8Array {
  const out = new Uint8Array(4 + n).fill(fill);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

/** Client <-> proxy <-> server over memory pipes; returns what each end received. */
function rig(plan: FaultPlan, fate?: (i: number) => Partial<Fate> | undefined) {
  const clock = new ManualClock();
  const proxy = new FaultProxy(plan, clock, 'proxy-test', fate);
  const [client, proxyClient] = memoryPipe();
  const [proxyServer, server] = memoryPipe();
  proxy.link(proxyClient, proxyServer);
  const got = { client: [] as number[], server: [] as number[], clientClosed: false, serverClosed: false };
  const collect = (s: ByteStream, into: number[], closed: 'clientClosed' | 'serverClosed') =>
    s.data$.subscribe({ next: (c) => into.push(...c), complete: () => (got[closed] = true) });
  collect(client, got.client, 'clientClosed');
  collect(server, got.server, 'serverClosed');
  return { clock, proxy, client, server, got };
}

describe('fault proxy', () => {
  it('passes every byte in order when it splits and delays', () => {
    const { clock, proxy, client, got } = rig({ split: true, delayMs: 200 });
    const sent: number[] = [];
    for (let i = 0; i < 50; i++) {
      const chunk = Uint8Array.from({ length: 37 }, (_, k) => (i * 37 + k) & 0xff);
      sent.push(...chunk);
      client.write(chunk);
    }
    expect(got.server.length).toBeLessThan(sent.length);
    clock.advance(200 * 50 * 40);
    expect(got.server).toEqual(sent);
    expect(proxy.stats).toMatchObject({ connections: 1, reset: 0, blackholed: 0 });
  });

  it('black-holes server bytes after the N-th frame, whatever the chunking', () => {
    const { server, got, proxy, client } = rig({ blackhole: 1, blackholeAfterFrames: 2, split: true });
    const bytes = [...frame(8, 1), ...frame(3, 2), ...frame(5, 3)];
    // One write holding all three frames: only the first two pass.
    server.write(Uint8Array.from(bytes));
    expect(got.client).toEqual([...frame(8, 1), ...frame(3, 2)]);
    // 'down': the client's bytes still reach the server.
    client.write(Uint8Array.of(9, 9));
    expect(got.server).toEqual([9, 9]);
    expect(proxy.stats.blackholed).toBe(1);
  });

  it("'both' also swallows the client's bytes once the hole opened", () => {
    const { server, client, got } = rig({ blackhole: 1, blackholeAfterFrames: 1, blackholeMode: 'both' });
    server.write(frame(4, 7));
    server.write(frame(4, 8));
    client.write(Uint8Array.of(1));
    expect(got.client).toEqual([...frame(4, 7)]);
    expect(got.server).toEqual([]);
  });

  it('resets after the drawn byte count and drops at once', () => {
    const reset = rig({}, () => ({ resetAt: 10 }));
    reset.client.write(new Uint8Array(6));
    reset.server.write(new Uint8Array(6));
    expect(reset.got.server.length).toBe(6);
    expect(reset.got.client.length).toBe(4);
    expect(reset.got).toMatchObject({ clientClosed: true, serverClosed: true });
    expect(reset.proxy.stats.reset).toBe(1);
    const dropped = rig({ drop: 1 });
    expect(dropped.got).toMatchObject({ clientClosed: true, serverClosed: true });
    expect(dropped.proxy.stats.dropped).toBe(1);
  });

  it('stalls both ways for stallMs, then delivers', () => {
    const { clock, client, got, proxy } = rig({ stallMs: 1_000 }, () => ({ stallAt: 0 }));
    client.write(Uint8Array.of(1, 2, 3));
    expect(got.server).toEqual([]);
    clock.advance(999);
    expect(got.server).toEqual([]);
    clock.advance(1);
    expect(got.server).toEqual([1, 2, 3]);
    expect(proxy.stats.stalled).toBe(1);
  });

  it('draws fates from the seed: the same seed, the same faults', () => {
    const draw = () => {
      const p = new FaultProxy({ reset: 0.3, blackhole: 0.3 }, new ManualClock(), 'same-seed');
      const fates: Fate[] = [];
      for (let i = 0; i < 20; i++) {
        const [a, b] = memoryPipe();
        const [c, d] = memoryPipe();
        fates.push(p.link(b, c));
        a.close();
        d.close();
      }
      return fates;
    };
    const first = draw();
    expect(draw()).toEqual(first);
    expect(first.some((f) => f.blackhole)).toBe(true);
    expect(first.some((f) => !f.blackhole)).toBe(true);
  });

  it('counts WebSocket frames after the HTTP answer and abridged frames', () => {
    const ws = webSocketFrames();
    const http = new TextEncoder().encode('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n');
    const wsFrame = Uint8Array.of(0x82, 126, 0, 200, ...new Uint8Array(200));
    expect(ws.feed(Uint8Array.of(...http, ...wsFrame, 0x82, 2, 5))).toEqual([http.length + 204]);
    expect(ws.feed(Uint8Array.of(6))).toEqual([1]);
    const abridged = mtprotoFrames('abridged');
    expect(abridged.feed(Uint8Array.of(1, 0, 0, 0, 0, 0x7f, 1, 0, 0, 1, 2, 3, 4))).toEqual([5, 13]);
  });
});

describe('fault proxy over TCP', () => {
  let echo: Server | undefined;
  afterEach(() => echo?.close());

  it('forwards, then black-holes, a real TCP connection', async () => {
    // A server that answers each byte it receives with one 1-byte intermediate frame.
    echo = createServer((s) => s.on('data', (d) => s.write(Buffer.concat([...d].map((b) => Buffer.from(frame(1, b)))))));
    await new Promise<void>((r) => echo!.listen(0, '127.0.0.1', r));
    const port = (echo.address() as { port: number }).port;
    const proxy = new FaultProxy({ blackhole: 1, blackholeAfterFrames: 2 }, { now: Date.now, setTimeout }, 'tcp');
    const listener = await listenFaultProxy(proxy, { host: '127.0.0.1', port });
    const socket = connect(listener.port, '127.0.0.1');
    const received: number[] = [];
    socket.on('data', (d) => received.push(...d));
    const sendAndWait = async (b: number) => {
      socket.write(Uint8Array.of(b));
      // Loopback answers within milliseconds; a missing answer is what the last step checks.
      await new Promise((r) => setTimeout(r, 100));
    };
    await sendAndWait(1);
    await sendAndWait(2);
    await sendAndWait(3);
    expect(received).toEqual([...frame(1, 1), ...frame(1, 2)]);
    expect(proxy.stats).toMatchObject({ connections: 1, blackholed: 1 });
    socket.destroy();
    await listener.close();
  });
});
