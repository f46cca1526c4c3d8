/**
 * A Stately inspector relay bound to loopback only. `@statelyai/inspect/server`'s
 * `createInspectorServer` listens on every interface with no host option, which would publish a
 * live view of a login to the whole network; this one listens on 127.0.0.1 (or ::1), refuses
 * requests whose Host header is not a loopback name (DNS rebinding), relays every WebSocket
 * message to the other clients and replays the last 200 to a page that connects late.
 * Node only (node:http, ws): deliberately not exported from adapters/inspect/index.ts.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { bridgePage } from './bridge-page.js';

/** Options of `startLoopbackInspectorServer`. */
export interface LoopbackInspectorServerOptions {
  /** TCP port; 0 (default 8080 is what the Stately docs use) picks a free one. */
  readonly port?: number;
  readonly host?: '127.0.0.1' | '::1';
  /** The inspector UI the page embeds. Default https://stately.ai/inspect. */
  readonly inspectorUrl?: string;
  /** How many messages a late page is sent on connect. Default 200. */
  readonly replay?: number;
}

/** A running relay: open `pageUrl` in a browser, point `createWebSocketInspector({ url: wsUrl })` at it. */
export interface LoopbackInspectorServer {
  readonly port: number;
  readonly pageUrl: string;
  readonly wsUrl: string;
  stop(): Promise<void>;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopbackHost(req: IncomingMessage): boolean {
  const host = req.headers.host ?? '';
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  return LOOPBACK_NAMES.has(name);
}

/** Starts the relay; resolves once it listens. */
export function startLoopbackInspectorServer(
  options: LoopbackInspectorServerOptions = {},
): Promise<LoopbackInspectorServer> {
  const host = options.host ?? '127.0.0.1';
  const replay = options.replay ?? 200;
  const inspectorUrl = options.inspectorUrl ?? 'https://stately.ai/inspect';
  const buffer: string[] = [];
  const http = createServer((req, res) => {
    if (!isLoopbackHost(req)) {
      res.writeHead(403).end();
      return;
    }
    const port = (http.address() as AddressInfo).port;
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(bridgePage(`ws://${req.headers.host ?? `localhost:${port}`}`, inspectorUrl));
  });
  const wss = new WebSocketServer({
    server: http,
    verifyClient: ({ req }: { req: IncomingMessage }) => isLoopbackHost(req),
  });
  wss.on('connection', (ws) => {
    for (const message of buffer) ws.send(message);
    ws.on('message', (data) => {
      const message = data.toString();
      buffer.push(message);
      if (buffer.length > replay) buffer.shift();
      for (const client of wss.clients)
        if (client !== ws && client.readyState === WebSocket.OPEN) client.send(message);
    });
  });
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 8080, host, () => {
      const port = (http.address() as AddressInfo).port;
      const authority = host === '::1' ? `[::1]:${port}` : `127.0.0.1:${port}`;
      resolve({
        port,
        pageUrl: `http://${authority}/`,
        wsUrl: `ws://${authority}`,
        stop: () =>
          new Promise<void>((done) => {
            for (const client of wss.clients) client.terminate();
            wss.close(() => http.close(() => done()));
          }),
      });
    });
  });
}
