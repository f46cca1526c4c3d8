/**
 * mtcute (`@mtcute/node`) as a bench peer: a TelegramClient with in-memory storage, `defaultDcs`
 * pointing at the simulator's DC on 127.0.0.1, and its high-level sendCode / signIn /
 * checkPassword. mtcute only trusts the RSA keys in its key index, so the simulator's PEM is added
 * with its own `addPublicKey` (from @mtcute/core/utils.js) before any client starts.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { pathToFileURL } from 'node:url';
import type { SimulatorHostConfig } from '../../src/adapters/node/index.js';
import { dcAddress, thirdpartyRequire, type Peer } from './thirdparty.js';

const DC = 1;

/** The mtcute peer, or undefined when bench/thirdparty is not installed. */
export async function mtcutePeer(config: SimulatorHostConfig, api: { apiId: number; apiHash: string }): Promise<Peer | undefined> {
  const req = thirdpartyRequire('@mtcute/node');
  if (!req) return undefined;
  // The ESM builds (the CJS build warns and is second class); one module graph, so the key index
  // addPublicKey fills is the one the client's authorization reads.
  const esm = async (specifier: string) => (await import(pathToFileURL(req.resolve(specifier).replace(/\.cjs$/, '.js')).href)) as any;
  const { TelegramClient, MemoryStorage } = await esm('@mtcute/node');
  const { NodeCryptoProvider } = await esm('@mtcute/node/utils.js');
  const { addPublicKey } = await esm('@mtcute/core/utils.js');
  // mtcute packs requests over 128 bytes with zlib framing (RFC 1950) inside gzip_packed, as it
  // does against Telegram; the simulator unpacks both framings, so mtcute runs unmodified.
  const crypto = new NodeCryptoProvider();
  await crypto.initialize?.();
  addPublicKey(crypto, config.rsaPublicKeyPem);
  const { host, port } = dcAddress(config, DC);
  const dc = { id: DC, ipAddress: host, port };

  async function connected(): Promise<any> {
    const client = new TelegramClient({
      apiId: api.apiId,
      apiHash: api.apiHash,
      storage: new MemoryStorage(),
      crypto,
      defaultDcs: { main: dc, media: dc },
      logLevel: process.env.MTCUTE_LOG ? 5 : 0,
    });
    await client.connect();
    return client;
  }

  async function login(phone: string, code: string, password?: string): Promise<void> {
    const client = await connected();
    try {
      const sent = await client.sendCode({ phone });
      try {
        await client.signIn({ phone, phoneCodeHash: sent.phoneCodeHash, phoneCode: code });
        if (password !== undefined) throw new RangeError('mtcute: expected SESSION_PASSWORD_NEEDED');
      } catch (error) {
        if (password === undefined || !String((error as Error).message).includes('SESSION_PASSWORD_NEEDED')) throw error;
        await client.checkPassword(password);
      }
    } finally {
      await client.destroy();
    }
  }

  return {
    name: 'mtcute',
    async qrLogin(approve) {
      const client = await connected();
      try {
        await client.signInQr({ onUrlUpdated: (url: string) => approve(url) });
      } finally {
        await client.destroy();
      }
    },
    async newKey() {
      // connect() alone is lazy; the first call makes the key and sends initConnection.
      const client = await connected();
      try {
        await client.call({ _: 'help.getConfig' });
      } finally {
        await client.destroy();
      }
    },
    phoneLogin: (phone, code) => login(phone, code),
    phone2faLogin: (phone, code, password) => login(phone, code, password),
  };
}
