/**
 * mtcute (`@mtcute/node` 0.30.3, a root devDependency; the version bench/thirdparty pins) against
 * the simulator. Two run-time adjustments, neither of which changes what mtcute does against
 * Telegram: the simulator's RSA key is added to mtcute's key index with its own `addPublicKey`,
 * and its TCP transport refuses anything but 127.0.0.1 (loopback only). Its home DC is the
 * simulator's (`defaultDcs`); other DCs come from the simulator's help.getConfig, as from
 * Telegram's. Storage is mtcute's MemoryStorage: no session file, no SQLite.
 */
import type { SimulatorHostConfig } from '../../src/adapters/node/index.js';
import { TgauthError } from '../../src/crypto/index.js';

type Mtcute = typeof import('@mtcute/node');
type MtcuteClient = import('@mtcute/node').TelegramClient;

/** The parts of mtcute the tests use. */
export interface MtcuteKit {
  /** A client with a fresh in-memory session whose home DC is `home` on 127.0.0.1. */
  client(api: { apiId: number; apiHash: string }, home: { dcId: number; port: number }): MtcuteClient;
}

/** mtcute with the simulator's RSA key trusted, or undefined when `@mtcute/node` is not installed. */
export async function loadMtcute(config: () => SimulatorHostConfig): Promise<MtcuteKit | undefined> {
  let mtcute: Mtcute;
  let utils: typeof import('@mtcute/node/utils.js');
  try {
    // ESM both: one module graph, so the key index addPublicKey fills is the one the client reads.
    mtcute = await import('@mtcute/node');
    utils = await import('@mtcute/node/utils.js');
  } catch {
    return undefined;
  }
  const crypto = new utils.NodeCryptoProvider();
  await crypto.initialize();
  let trusted = false;

  class LoopbackTcpTransport extends mtcute.TcpTransport {
    override connect(dc: Parameters<InstanceType<typeof mtcute.TcpTransport>['connect']>[0]) {
      if (dc.ipAddress !== '127.0.0.1')
        throw new TgauthError(`mtcute tried to dial ${dc.ipAddress}, not loopback`);
      return super.connect(dc);
    }
  }

  return {
    client(api, home) {
      if (!trusted) {
        utils.addPublicKey(crypto, config().rsaPublicKeyPem);
        trusted = true;
      }
      const dc = { id: home.dcId, ipAddress: '127.0.0.1', port: home.port };
      return new mtcute.TelegramClient({
        apiId: api.apiId,
        apiHash: api.apiHash,
        storage: new mtcute.MemoryStorage(),
        crypto,
        transport: new LoopbackTcpTransport(),
        defaultDcs: { main: dc, media: dc },
        logLevel: process.env['MTCUTE_LOG'] ? 5 : 0,
      });
    },
  };
}
