/**
 * The simulator's control API and console over HTTP: a thin `node:http` shell around the pure
 * router `handleControlRequest`, the console's files (`/`, `/console.js`, `/console.css`) and its
 * live stream (`/events`, console-stream.ts). Who may call is decided by `checkAccess`: loopback
 * host names and same-origin pages by default, the start-up token when bound beyond loopback.
 * Every answer is JSON or a console file; a bad request gets a JSON error, never a stack trace.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  CONSOLE_CSP,
  checkAccess,
  consoleAsset,
  handleControlRequest,
  type Simulator,
} from '../../simulator/index.js';
import { ConsoleStream } from './console-stream.js';
import type { ListenOptions, Listener } from './tcp-listener.js';

const MAX_BODY = 1 << 20;

/** A request body that cannot be used, answered with 400 and this sentence. */
class BodyError extends Error {}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BodyError('the request body is larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError('the body is not JSON');
  }
}

/** Options of {@link listenControlApi}. */
export interface ControlApiOptions extends ListenOptions {
  /** Required from every request (bind beyond loopback); absent, loopback rules apply. */
  token?: string | undefined;
}

function sendJson(res: ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(json));
}

/** Serves the control API and the console; resolves once bound. */
export function listenControlApi(simulator: Simulator, options: ControlApiOptions): Promise<Listener> {
  const host = options.host ?? '127.0.0.1';
  const stream = new ConsoleStream(simulator);
  let port = 0;
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const [path = '/', rawQuery = ''] = url.split('?', 2);
    const query = new URLSearchParams(rawQuery);
    const denied = checkAccess(
      { host: req.headers.host, origin: req.headers.origin, authorization: req.headers.authorization, query },
      { port, token: options.token },
    );
    if (denied) return sendJson(res, denied.status, { error: denied.error });
    const method = req.method ?? 'GET';
    const asset = method === 'GET' ? consoleAsset(path) : undefined;
    if (asset) {
      res.writeHead(200, {
        'content-type': asset.contentType,
        'content-security-policy': CONSOLE_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      res.end(asset.body);
      return;
    }
    if (method === 'GET' && path === '/events') return stream.open(req, res, query);
    readBody(req)
      .then((body) => handleControlRequest(simulator, method, url, body))
      .then(
        ({ status, json }) => sendJson(res, status, json),
        (error: unknown) =>
          sendJson(res, 400, { error: error instanceof BodyError ? error.message : 'the request could not be read' }),
      );
  };
  const server = createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        host,
        close: () =>
          new Promise<void>((done) => {
            stream.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
