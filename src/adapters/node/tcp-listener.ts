/**
 * `listenTcp`: a TCP listener for the simulator's DCs. Each accepted connection is handed over as
 * a raw `ByteStream`; the caller frames it (typically `framedDuplex(stream, new ServerCodec(...))`).
 */
import { createServer, type Socket } from 'node:net';
import type { ByteStream } from '../../transport/index.js';
import { ArrivalQueue, queuedByteStream } from './arrival-queue.js';
import { socketByteStream } from './socket-byte-stream.js';

/** Where to listen; defaults to 127.0.0.1 and a free port. */
export interface ListenOptions {
  host?: string;
  port?: number;
  /**
   * Connections the kernel may hold before they are accepted (default 4096; Linux caps it at
   * net.core.somaxconn). Node's own default, 511, overflowed when the scale bench's engines all
   * connected at once: 1,424 SYNs dropped at 2,000 engines, each connection then retried after 1 s
   * or more, some reset (ECONNRESET), which cost their key exchange.
   */
  backlog?: number;
  /**
   * Where what the connections receive waits its turn (arrival-queue.ts); listeners that share one
   * serve their connections first come, first served. Default: one queue per listener.
   */
  queue?: ArrivalQueue;
}

const DEFAULT_BACKLOG = 4096;

/** Who connected, for logs and per-connection state. */
export interface ConnectionInfo {
  transport: 'tcp' | 'websocket';
  remoteAddress: string;
  remotePort: number;
}

/** A running listener. */
export interface Listener {
  /** The bound port (useful with port 0). */
  readonly port: number;
  readonly host: string;
  /** Stops accepting and closes every open connection. */
  close(): Promise<void>;
}

/** Starts a TCP listener; resolves once it is bound. */
export function listenTcp(
  options: ListenOptions,
  onStream: (stream: ByteStream, info: ConnectionInfo) => void,
): Promise<Listener> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  // Steps run first come, first served, so a busy server still accepts and reads (arrival-queue.ts).
  const queue = options.queue ?? new ArrivalQueue();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    onStream(queuedByteStream(socketByteStream(socket), queue), {
      transport: 'tcp',
      remoteAddress: socket.remoteAddress ?? '',
      remotePort: socket.remotePort ?? 0,
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host, backlog: options.backlog ?? DEFAULT_BACKLOG }, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        host,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
