/**
 * GramJS (`telegram`, a root devDependency) against the simulator, for the session-string interop
 * test. Two run-time adjustments, neither of which changes what GramJS does against Telegram:
 * - GramJS only trusts the RSA keys in its `_serverKeys` table (crypto/RSA.js), so the simulator's
 *   key is added to it (needed only when GramJS makes its own auth key).
 * - GramJS 2.26's `TelegramClient.connect` dials `useWSS ? 443 : 80`, whatever port the session
 *   holds; the connection class here dials the port *the session string* carries instead, so the
 *   exported port is what is actually used. It refuses anything but 127.0.0.1 (loopback only).
 */
import { createPublicKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import {
  nodeTcpDial,
  startSimulatorHost,
  systemClock,
  type SimulatorHost,
  type SimulatorHostConfig,
} from '../../src/adapters/node/index.js';
import { TgauthError } from '../../src/crypto/index.js';
import { createAuthEngine, type AuthEngine, type SessionStore } from '../../src/machines/index.js';
import { API } from './sim-world.js';

type Telegram = typeof import('telegram');
type Sessions = typeof import('telegram/sessions/index.js');
type TelegramClient = import('telegram').TelegramClient;

/** The parts of GramJS the test uses. */
export interface GramjsKit {
  readonly Api: Telegram['Api'];
  readonly StringSession: Sessions['StringSession'];
  /**
   * A client on `session` (a StringSession string) that dials the session's port; for a new session
   * (`''`) pass `home`, else GramJS would pick Telegram's DC 2.
   */
  client(
    session: string,
    api: { apiId: number; apiHash: string },
    home?: { dcId: number; port: number },
  ): TelegramClient;
}

const require = createRequire(import.meta.url);

/** GramJS with the simulator's RSA key trusted, or undefined when `telegram` is not installed. */
export function loadGramjs(config: () => SimulatorHostConfig): GramjsKit | undefined {
  let telegram: Telegram;
  try {
    telegram = require('telegram') as Telegram;
  } catch {
    return undefined;
  }
  const { StringSession } = require('telegram/sessions') as Sessions;
  const { Logger, LogLevel } =
    require('telegram/extensions/Logger') as typeof import('telegram/extensions/Logger.js');
  const { ConnectionTCPFull } = require('telegram/network') as typeof import('telegram/network/index.js');
  const RSA = require('telegram/crypto/RSA') as { _serverKeys: Map<string, { n: unknown; e: number }> };
  const bigInt = require('big-integer') as (text: string) => unknown;
  let trusted = false;

  return {
    Api: telegram.Api,
    StringSession,
    client(text, api, home) {
      if (!trusted) {
        const key = rsaNumbers(config());
        RSA._serverKeys.set(key.fingerprint.toString(), { n: bigInt(key.n.toString()), e: Number(key.e) });
        trusted = true;
      }
      const session = new StringSession(text);
      if (home) session.setDC(home.dcId, '127.0.0.1', home.port);
      class SessionPortTcpFull extends ConnectionTCPFull {
        constructor(options: ConstructorParameters<typeof ConnectionTCPFull>[0]) {
          if (options.ip !== '127.0.0.1')
            throw new TgauthError(`GramJS tried to dial ${options.ip}, not loopback`);
          super({ ...options, port: session.port });
        }
      }
      return new telegram.TelegramClient(session, api.apiId, api.apiHash, {
        connection: SessionPortTcpFull,
        connectionRetries: 1,
        autoReconnect: false,
        baseLogger: new Logger(process.env['GRAMJS_LOG'] ? LogLevel.DEBUG : LogLevel.NONE),
      });
    },
  };
}

/** The simulator's RSA public key as GramJS keeps it: modulus, exponent, signed 64-bit fingerprint. */
export function rsaNumbers(config: SimulatorHostConfig): { n: bigint; e: bigint; fingerprint: bigint } {
  const jwk = createPublicKey(config.rsaPublicKeyPem).export({ format: 'jwk' });
  const big = (b64 = ''): bigint => BigInt(`0x${Buffer.from(b64, 'base64url').toString('hex')}`);
  return { n: big(jwk.n), e: big(jwk.e), fingerprint: BigInt.asIntN(64, BigInt(`0x${config.fingerprint}`)) };
}

/**
 * `promise`, or a rejection after `ms`: GramJS retries quietly on a key the server does not know
 * (-404), so a broken export would otherwise show up only as the test's own timeout. The peer
 * tests (GramJS, teleproto, mtcute) bound every await of a peer's call with it.
 */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TgauthError(`no answer to ${what} in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A simulator host on a random base port in [20000, 32000) (GramJS and its fork write the port as a
 * signed 16-bit int, and the OS hands out ephemeral ports above 32767): a few tries in case another
 * test holds one.
 */
export async function startLowPortHost(dcCount = 2): Promise<SimulatorHost> {
  for (let attempt = 0; ; attempt++) {
    const basePort = 20_000 + 4 * Math.floor(Math.random() * 3000);
    try {
      return await startSimulatorHost({ basePort, dcCount, control: false, clock: systemClock });
    } catch (error) {
      if (attempt >= 5 || (error as { code?: string }).code !== 'EADDRINUSE') throw error;
    }
  }
}

/**
 * A tgauth engine on real TCP and the wall clock against `host` (the peer clients stamp msg_ids
 * with the wall clock), without keepalive pings; it is pushed to `engines` for the suite to stop.
 */
export function tcpEngine(host: SimulatorHost, store: SessionStore, engines: AuthEngine[]): AuthEngine {
  const e = createAuthEngine({
    ...API,
    dcs: host.config,
    dial: nodeTcpDial(),
    clock: systemClock,
    crypto: nodeCrypto,
    store,
    transport: { pingIntervalMs: 0 },
  });
  engines.push(e);
  return e;
}
