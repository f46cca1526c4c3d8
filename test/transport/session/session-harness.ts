/** Test harness: a ClientSession and a ServerSessionHandler wired back to back over plain arrays. */
import { pureCrypto } from '../../../src/crypto/index.js';
import type { Clock } from '../../../src/transport/index.js';
import { ClientSession, type ClientEvent } from '../../../src/transport/session/client-session.js';
import { initConnectionWrapper } from '../../../src/transport/session/init-connection.js';
import { sessionKey } from '../../../src/transport/session/message-crypto.js';
import { tlSessionCodec, type TlLike } from '../../../src/transport/session/session-codec.js';
import {
  createServerSessionHandler,
  type ServerAnswer,
  type ServerConnection,
  type ServerRequestContext,
} from '../../../src/transport/session/server-session-handler.js';
import { readLong } from '../../../src/transport/session/wire.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';

/** A clock `skewMs` ahead of (or behind) another one. */
export function skewedClock(base: Clock, skewMs: number): Clock {
  return {
    now: () => base.now() + skewMs,
    setTimeout: (fn, ms) => base.setTimeout(fn, ms),
    clearTimeout: (h) => base.clearTimeout(h),
  };
}

export const INIT = {
  apiId: 12345,
  deviceModel: 'vitest',
  systemVersion: 'node',
  appVersion: '0.1.0',
  systemLangCode: 'en',
  langCode: 'en',
};

/** Default API: help.getNearestDc -> nearestDc; auth.checkRecoveryPassword -> Bool; FLOOD -> rpc_error. */
export async function defaultHandle(request: TlLike): Promise<ServerAnswer> {
  if (request._ === 'help.getNearestDc') return { _: 'nearestDc', country: 'NL', thisDc: 2, nearestDc: 2 };
  if (request._ === 'auth.checkRecoveryPassword') return Number(request['code']) % 2 === 0;
  return { _: 'rpc_error', errorCode: 420, errorMessage: 'FLOOD_WAIT_30' };
}

export function makePair(
  options: {
    skewMs?: number;
    handle?: (request: TlLike, ctx: ServerRequestContext) => Promise<ServerAnswer>;
    seed?: string;
  } = {},
) {
  const clock = new ManualClock();
  const random = fixedRandom(options.seed ?? 'session-pair');
  const authKey = random.bytes(256);
  const key = sessionKey(authKey, pureCrypto);
  const authKeyId = readLong(key.id, 0);
  const initialSalt = 0x1122334455667788n;
  const server = createServerSessionHandler({
    lookupKey: (id) => (id === authKeyId ? { key: authKey, serverSalt: initialSalt } : undefined),
    handle: options.handle ?? defaultHandle,
    clock,
    random,
    crypto: pureCrypto,
    codec: tlSessionCodec,
  });
  const client = new ClientSession({
    key,
    serverSalt: initialSalt,
    clock: options.skewMs ? skewedClock(clock, options.skewMs) : clock,
    random,
    crypto: pureCrypto,
    codec: tlSessionCodec,
    wrapFirst: initConnectionWrapper(INIT),
  });
  let toClient: Uint8Array[] = [];
  let closedByServer = 0;
  let conn: ServerConnection = server.connect(
    (p) => toClient.push(p),
    () => closedByServer++,
  );
  const events: ClientEvent[] = [];
  /** Client packets in flight to the server (so tests can drop or reorder them). */
  const toServer: Uint8Array[] = [];

  const pair = {
    clock,
    random,
    key,
    authKey,
    authKeyId,
    server,
    client,
    events,
    get conn() {
      return conn;
    },
    get closedByServer() {
      return closedByServer;
    },
    /** What the server sent that the client has not read yet. */
    get toClient() {
      return toClient;
    },
    toServer,
    /** Flushes the client into `toServer`. */
    flushClient(): void {
      for (let p = client.flush(); p; p = client.flush()) toServer.push(p);
    },
    /** Delivers everything in flight both ways until quiet. */
    async pump(): Promise<ClientEvent[]> {
      const before = events.length;
      for (let round = 0; round < 50; round++) {
        // Acks alone wait (they piggy-back on the next request), as DcConnection does.
        if (client.hasOutgoing()) pair.flushClient();
        if (toServer.length === 0 && toClient.length === 0) {
          await Promise.resolve();
          if (toClient.length === 0) break;
        }
        const batch = toServer.splice(0);
        await Promise.all(batch.map((p) => conn.receive(p)));
        for (const p of toClient.splice(0)) events.push(...client.receive(p));
      }
      return events.slice(before);
    },
    /** Both ends lose the connection; the next `pump` runs on a fresh one. */
    reconnect(): void {
      conn.close();
      client.connectionLost();
      toClient = [];
      toServer.length = 0;
      conn = server.connect(
        (p) => toClient.push(p),
        () => closedByServer++,
      );
    },
  };
  return pair;
}
