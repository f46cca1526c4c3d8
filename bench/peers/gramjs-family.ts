/**
 * A peer from the GramJS family (GramJS `telegram` 2.26 and its maintained fork `teleproto`), which
 * share one API: raw `invoke` of auth.sendCode / auth.signIn / account.getPassword /
 * auth.checkPassword on a fresh StringSession, and their own signInUserWithQrCode.
 *
 * Pointing one at the simulator takes two changes, the same for both packages:
 * - They dial port 80 (or 443) whatever the session's port (TelegramClient.connect passes
 *   `useWSS ? 443 : 80`), and StringSession.save writes the port as a signed 16-bit int (fails above
 *   32767). So the session keeps a placeholder port and a `connection` class dials the simulator's
 *   TCP port for the DC (TCPFull framing, as both use on Node).
 * - They only trust the RSA keys in their `_serverKeys` table (crypto/RSA.js), so the simulator's
 *   key is added to that table at run time.
 * What differs per package (GramJS's own quirks) is patched by its peer file before this runs.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { SimulatorHostConfig } from '../../src/adapters/node/index.js';
import { dcAddress, rsaNumbers, type Peer } from './thirdparty.js';

const DC = 1;

/** `require` bound to bench/thirdparty, as `thirdpartyRequire` returns it. */
type Require = (id: string) => unknown;

/** The peer named `name`, built from package `pkg`; `logEnv` turns its debug log on. */
export function gramjsFamilyPeer(
  req: Require,
  pkg: 'telegram' | 'teleproto',
  name: string,
  logEnv: string,
  config: SimulatorHostConfig,
  api: { apiId: number; apiHash: string },
): Peer {
  const { TelegramClient, Api } = req(pkg) as any;
  const { StringSession } = req(`${pkg}/sessions`) as any;
  const { Logger, LogLevel } = req(`${pkg}/extensions/Logger`) as any;
  const { computeCheck } = req(`${pkg}/Password`) as any;
  const { ConnectionTCPFull } = req(`${pkg}/network`) as any;
  const RSA = req(`${pkg}/crypto/RSA`) as any;
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
      baseLogger: new Logger(process.env[logEnv] ? LogLevel.DEBUG : LogLevel.NONE),
    });
    // With connectionRetries: 1 a failed key exchange makes connect() return false, not throw; every
    // invoke after it waits for a connection that never comes.
    if ((await client.connect()) === false) throw new RangeError(`${name}: connect() failed`);
    return client;
  }

  async function signIn(client: any, phone: string, code: string): Promise<void> {
    const settings = new Api.CodeSettings({});
    const sent = await client.invoke(new Api.auth.SendCode({ phoneNumber: phone, apiId: api.apiId, apiHash: api.apiHash, settings }));
    await client.invoke(new Api.auth.SignIn({ phoneNumber: phone, phoneCodeHash: sent.phoneCodeHash, phoneCode: code }));
  }

  /** Runs `body` on a fresh connected client and always destroys it. */
  async function withClient(body: (client: any) => Promise<void>): Promise<void> {
    const client = await connected();
    try {
      await body(client);
    } finally {
      await client.destroy();
    }
  }

  return {
    name,
    qrLogin: (approve) =>
      withClient(async (client) => {
        let failure: unknown;
        await client.signInUserWithQrCode(api, {
          qrCode: async ({ token }: { token: Uint8Array }) => approve(new Uint8Array(token)),
          onError: async (error: unknown) => {
            failure = error;
            return true; // stop
          },
        });
        if (failure) throw failure;
      }),
    newKey: () => withClient(async () => {}),
    phoneLogin: (phone, code) => withClient((client) => signIn(client, phone, code)),
    phone2faLogin: (phone, code, password) =>
      withClient(async (client) => {
        try {
          await signIn(client, phone, code);
          throw new RangeError(`${name}: expected SESSION_PASSWORD_NEEDED`);
        } catch (error) {
          if ((error as { errorMessage?: string }).errorMessage !== 'SESSION_PASSWORD_NEEDED') throw error;
        }
        const params = await client.invoke(new Api.account.GetPassword());
        await client.invoke(new Api.auth.CheckPassword({ password: await computeCheck(params, password) }));
      }),
  };
}
