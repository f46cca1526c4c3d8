/** A DcConnection wired to a ServerSessionHandler through in-memory duplexes that tests can cut. */
import { pureCrypto } from '../../../src/crypto/index.js';
import { memoryDuplexPair, type Duplex } from '../../../src/transport/index.js';
import { DcConnection, type DcConnectionOptions } from '../../../src/transport/connection/dc-connection.js';
import { sessionKey } from '../../../src/transport/session/message-crypto.js';
import { tlSessionCodec, type TlLike } from '../../../src/transport/session/session-codec.js';
import { createServerSessionHandler, type ServerAnswer } from '../../../src/transport/session/server-session-handler.js';
import { readLong } from '../../../src/transport/session/wire.js';
import { fixedRandom } from '../../helpers/fixed-random.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { defaultHandle, INIT } from '../session/session-harness.js';

export const settle = () => new Promise<void>((r) => setImmediate(r));

export function makeConnection(
  options: { handle?: (request: TlLike) => Promise<ServerAnswer>; seed?: string } & Partial<DcConnectionOptions> = {},
) {
  const clock = new ManualClock();
  const random = fixedRandom(options.seed ?? 'dc-connection');
  const authKey = random.bytes(256);
  const authKeyId = readLong(sessionKey(authKey, pureCrypto).id, 0);
  const serverSalt = 0x0102030405060708n;
  const server = createServerSessionHandler({
    lookupKey: (id) => (id === authKeyId ? { key: authKey, serverSalt } : undefined),
    handle: options.handle ?? defaultHandle,
    clock,
    random,
    crypto: pureCrypto,
    codec: tlSessionCodec,
  });
  const serverEnds: Duplex[] = [];
  let dials = 0;
  const dial = () => {
    dials++;
    const [clientEnd, serverEnd] = memoryDuplexPair();
    const conn = server.connect(
      (p) => serverEnd.send(p),
      () => serverEnd.close(),
    );
    serverEnd.frames$.subscribe({ next: (p) => void conn.receive(p), complete: () => conn.close() });
    serverEnds.push(serverEnd);
    return clientEnd;
  };
  const dc = new DcConnection({
    dc: { dcId: 2, host: '127.0.0.1', port: 443 },
    dial,
    clock,
    random,
    crypto: pureCrypto,
    authKey: { key: authKey, serverSalt },
    init: INIT,
    pingIntervalMs: 0,
    ...withoutHarnessOptions(options),
  });
  return {
    dc,
    clock,
    server,
    authKey,
    authKeyId,
    serverSalt,
    get dials() {
      return dials;
    },
    /** Cuts the current connection from the server side. */
    cut(): void {
      serverEnds[serverEnds.length - 1]!.close();
    },
  };
}

function withoutHarnessOptions<T extends { handle?: unknown; seed?: unknown }>(o: T): Omit<T, 'handle' | 'seed'> {
  const { handle: _handle, seed: _seed, ...rest } = o;
  return rest;
}
