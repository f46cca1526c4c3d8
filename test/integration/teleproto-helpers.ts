/**
 * teleproto (npm `teleproto` 1.229.0, a root devDependency: the maintained fork of GramJS, speaking
 * layer 229) against the simulator. The same two run-time adjustments as for GramJS
 * (gramjs-helpers.ts), neither of which changes what teleproto does against Telegram: the simulator's
 * RSA key is added to its `_serverKeys` table, and its connection class refuses anything but
 * 127.0.0.1. teleproto dials the port its session holds, so no port swap is needed.
 */
import { createRequire } from 'node:module';
import type { SimulatorHostConfig } from '../../src/adapters/node/index.js';
import { TgauthError } from '../../src/crypto/index.js';
import { rsaNumbers } from './gramjs-helpers.js';

type Teleproto = typeof import('teleproto');
type TeleprotoClient = import('teleproto').TelegramClient;

/** The parts of teleproto the tests use. */
export interface TeleprotoKit {
  readonly Api: Teleproto['Api'];
  /** The layer its schema speaks (its `LAYER` export). */
  readonly layer: number;
  /** A client on a StringSession string; for a new session (`''`) pass `home`. */
  client(session: string, api: { apiId: number; apiHash: string }, home?: { dcId: number; port: number }): TeleprotoClient;
}

const require = createRequire(import.meta.url);

/** teleproto with the simulator's RSA key trusted, or undefined when it is not installed. */
export function loadTeleproto(config: () => SimulatorHostConfig): TeleprotoKit | undefined {
  let teleproto: Teleproto;
  try {
    teleproto = require('teleproto') as Teleproto;
  } catch {
    return undefined;
  }
  const { StringSession } = require('teleproto/sessions') as typeof import('teleproto/sessions/index.js');
  const { Logger, LogLevel } = require('teleproto/extensions/Logger') as typeof import('teleproto/extensions/Logger.js');
  const { ConnectionTCPFull } = require('teleproto/network') as typeof import('teleproto/network/index.js');
  const RSA = require('teleproto/crypto/RSA') as { _serverKeys: Map<string, { n: unknown; e: number }> };
  const { LAYER } = require('teleproto/tl/runtime/registry') as { LAYER: number };
  const bigInt = require('big-integer') as (text: string) => unknown;
  let trusted = false;

  class LoopbackTcpFull extends ConnectionTCPFull {
    constructor(options: ConstructorParameters<typeof ConnectionTCPFull>[0]) {
      if (options.ip !== '127.0.0.1') throw new TgauthError(`teleproto tried to dial ${options.ip}, not loopback`);
      super(options);
    }
  }

  return {
    Api: teleproto.Api,
    layer: LAYER,
    client(text, api, home) {
      if (!trusted) {
        const key = rsaNumbers(config());
        RSA._serverKeys.set(key.fingerprint.toString(), { n: bigInt(key.n.toString()), e: Number(key.e) });
        trusted = true;
      }
      const session = new StringSession(text);
      if (home) session.setDC(home.dcId, '127.0.0.1', home.port);
      return new teleproto.TelegramClient(session, api.apiId, api.apiHash, {
        connection: LoopbackTcpFull,
        connectionRetries: 1,
        autoReconnect: false,
        baseLogger: new Logger(process.env['TELEPROTO_LOG'] ? LogLevel.DEBUG : LogLevel.NONE),
      });
    },
  };
}
