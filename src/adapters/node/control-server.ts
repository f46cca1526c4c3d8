/**
 * The simulator's control API over HTTP on loopback: a thin `node:http` shell around the pure
 * router `handleControlRequest` of the simulator, for drivers in other processes.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { handleControlRequest, type Simulator } from '../../simulator/index.js';
import type { ListenOptions, Listener } from './tcp-listener.js';

const MAX_BODY = 1 << 20;

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new RangeError('request body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** Serves the control API; resolves once bound. */
export function listenControlApi(simulator: Simulator, options: ListenOptions): Promise<Listener> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => handleControlRequest(simulator, req.method ?? 'GET', req.url ?? '/', body))
      .then(
        ({ status, json }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        },
        (error: unknown) => {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
        },
      );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        host,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
