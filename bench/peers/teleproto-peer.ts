/**
 * teleproto (1.229, GramJS's maintained fork, layer 229) as a bench peer, set up like the GramJS one:
 * raw `invoke` of auth.sendCode / auth.signIn / account.getPassword / auth.checkPassword on a fresh
 * StringSession, and its own signInUserWithQrCode. Its StringSession still writes the port as a signed
 * 16-bit int, so the session keeps a placeholder and a connection class dials the simulator's TCP port
 * for the DC (TCPFull, as on Node); the simulator's RSA key is added to its `_serverKeys` table.
 * teleproto fixed the two GramJS quirks gramjs-peer.ts patches (the 255-byte auth key, the signed pq
 * read only matters for pq >= 2^63, which the simulator never sends), so nothing else is changed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { SimulatorHostConfig } from '../../src/adapters/node/index.js';
import { dcAddress, rsaNumbers, thirdpartyRequire, type Peer } from './thirdparty.js';

const DC = 1;

/** The teleproto peer, or undefined when bench/thirdparty is not installed. */
export function teleprotoPeer(config: SimulatorHostConfig, api: { apiId: number; apiHash: string }): Peer | undefined {
  const req = thirdpartyRequire('teleproto');
  if (!req) return undefined;
  const { TelegramClient, Api } = req('teleproto') as any;
  const { StringSession } = req('teleproto/sessions') as any;
  const { Logger, LogLevel } = req('teleproto/extensions/Logger') as any;
  const { computeCheck } = req('teleproto/Password') as any;
  const { ConnectionTCPFull } = req('teleproto/network') as any;
  const RSA = req('teleproto/crypto/RSA') as any;
  const bigInt = req('big-integer') as any;
  const key = rsaNumbers(config);
  RSA._serverKeys.set(key.fingerprint.toString(), { n: bigInt(key.n.toString()), e: Number(key.e) });
  const { host } = dcAddress(config, DC);
  class SimulatorTcpFull extends ConnectionTCPFull {
    constructor(options: { dcId: number }) {
      super({ ...options, ip: host, port: dcAddress(config, options.dcId).port });
    }
  }

  async function connected(): Promise<any> {
    const session = new StringSession('');
    session.setDC(DC, host, 443); // placeholder port (see above); SimulatorTcpFull dials the real one
    const client = new TelegramClient(session, api.apiId, api.apiHash, {
      connection: SimulatorTcpFull,
      connectionRetries: 1,
      autoReconnect: false,
      baseLogger: new Logger(process.env.TELEPROTO_LOG ? LogLevel.DEBUG : LogLevel.NONE),
    });
    if ((await client.connect()) === false) throw new RangeError('teleproto: connect() failed');
    return client;
  }

  async function signIn(client: any, phone: string, code: string): Promise<void> {
    const settings = new Api.CodeSettings({});
    const sent = await client.invoke(new Api.auth.SendCode({ phoneNumber: phone, apiId: api.apiId, apiHash: api.apiHash, settings }));
    await client.invoke(new Api.auth.SignIn({ phoneNumber: phone, phoneCodeHash: sent.phoneCodeHash, phoneCode: code }));
  }

  return {
    name: 'teleproto',
    async qrLogin(approve) {
      const client = await connected();
      try {
        let failure: unknown;
        await client.signInUserWithQrCode(api, {
          qrCode: async ({ token }: { token: Uint8Array }) => approve(new Uint8Array(token)),
          onError: async (error: unknown) => {
            failure = error;
            return true; // stop
          },
        });
        if (failure) throw failure;
      } finally {
        await client.destroy();
      }
    },
    async newKey() {
      const client = await connected();
      await client.destroy();
    },
    async phoneLogin(phone, code) {
      const client = await connected();
      try {
        await signIn(client, phone, code);
      } finally {
        await client.destroy();
      }
    },
    async phone2faLogin(phone, code, password) {
      const client = await connected();
      try {
        try {
          await signIn(client, phone, code);
          throw new RangeError('teleproto: expected SESSION_PASSWORD_NEEDED');
        } catch (error) {
          if ((error as { errorMessage?: string }).errorMessage !== 'SESSION_PASSWORD_NEEDED') throw error;
        }
        const params = await client.invoke(new Api.account.GetPassword());
        await client.invoke(new Api.auth.CheckPassword({ password: await computeCheck(params, password) }));
      } finally {
        await client.destroy();
      }
    },
  };
}
