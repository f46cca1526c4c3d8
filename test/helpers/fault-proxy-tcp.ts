/**
 * The fault proxy's TCP front: listens on 127.0.0.1 and forwards each accepted connection to
 * `target` through a `FaultProxy`. It proxies bytes, so it carries a WebSocket connection as well
 * (count its frames with `webSocketFrames()`); a reset is a real TCP RST.
 */
import { connect, createServer, type Socket } from 'node:net';
import { socketByteStream } from '../../src/adapters/node/socket-byte-stream.js';
import type { FaultProxy, ProxyEnd } from './fault-proxy.js';

/** A listening proxy. */
export interface FaultProxyListener {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

const end = (socket: Socket): ProxyEnd => ({
  ...socketByteStream(socket),
  reset: () => {
    if (!socket.destroyed) socket.resetAndDestroy();
  },
});

/** Starts a TCP proxy in front of `target`; resolves once it listens. */
export function listenFaultProxy(proxy: FaultProxy, target: { host: string; port: number }): Promise<FaultProxyListener> {
  const sockets = new Set<Socket>();
  const track = (s: Socket): Socket => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    // Errors surface through the byte streams; an unhandled 'error' event would crash the run.
    s.on('error', () => undefined);
    return s;
  };
  const server = createServer((socket) => {
    const upstream = track(connect(target));
    proxy.link(end(track(socket)), end(upstream));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        host: '127.0.0.1',
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
