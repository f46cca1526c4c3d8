/**
 * `listenWebSocket`: Telegram's web transport endpoint (core.telegram.org/mtproto/transports "WebSocket") for the simulator, on
 * `ws`. Accepts `/apiws` and `/apiws_test` with subprotocol `binary` (required, as Telegram does)
 * and hands each connection over as a `ByteStream` of the obfuscated stream.
 */
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ByteStream } from '../../transport/index.js';
import { webSocketByteStream, type WebSocketLike } from '../browser/index.js';
import { ArrivalQueue, queuedByteStream } from './arrival-queue.js';
import type { ConnectionInfo, ListenOptions, Listener } from './tcp-listener.js';

/** Options of `listenWebSocket`. */
export interface WebSocketListenOptions extends ListenOptions {
  /** Accepted paths (default `['/apiws', '/apiws_test']`). */
  paths?: string[];
  /** Largest WebSocket message accepted (default 1 MiB + 1 KiB); a bigger one closes the connection. */
  maxPayload?: number;
}

/** 1 MiB (the simulator's frame limit) plus room for frame and obfuscation headers. */
export const DEFAULT_WS_MAX_PAYLOAD = 1024 * 1024 + 1024;

/** Starts a WebSocket listener; resolves once it is bound. */
export function listenWebSocket(
  options: WebSocketListenOptions,
  onStream: (stream: ByteStream, info: ConnectionInfo) => void,
): Promise<Listener> {
  const host = options.host ?? '127.0.0.1';
  const paths = new Set(options.paths ?? ['/apiws', '/apiws_test']);
  const queue = options.queue ?? new ArrivalQueue();
  return new Promise((resolve, reject) => {
    const server = new WebSocketServer({
      // One message carries one MTProto frame (at most 1 MiB in the simulator) and, first, the
      // 64-byte obfuscation header; ws's own default of 100 MiB let one client hold that much.
      maxPayload: options.maxPayload ?? DEFAULT_WS_MAX_PAYLOAD,
      host,
      port: options.port ?? 0,
      verifyClient: ({ req }: { req: IncomingMessage }) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
          .split(',')
          .map((p) => p.trim());
        return paths.has(path) && protocols.includes('binary');
      },
      handleProtocols: (protocols) => (protocols.has('binary') ? 'binary' : false),
    });
    server.on('connection', (socket: WebSocket, req) => {
      onStream(queuedByteStream(webSocketByteStream(socket as unknown as WebSocketLike), queue), {
        transport: 'websocket',
        remoteAddress: req.socket.remoteAddress ?? '',
        remotePort: req.socket.remotePort ?? 0,
      });
    });
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        host,
        close: () =>
          new Promise<void>((done) => {
            for (const client of server.clients) client.terminate();
            server.close(() => done());
          }),
      });
    });
  });
}
