/**
 * GramJS (`telegram` 2.26) as a bench peer: raw `invoke` of auth.sendCode / auth.signIn /
 * account.getPassword / auth.checkPassword on a fresh StringSession pointed at the simulator with
 * `session.setDC`. GramJS 2.26 then dials port 80 regardless of the session's port
 * (TelegramClient.connect passes `useWSS ? 443 : 80`), so the bench passes a `connection` class that
 * swaps in the simulator's TCP port for the DC (TCPFull framing, as GramJS uses on Node). GramJS only trusts the RSA keys in its `_serverKeys` table (crypto/RSA.js), so
 * the simulator's key is added to that table at run time.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { SimulatorHostConfig } from '../../src/adapters/node/index.js';
import { dcAddress, rsaNumbers, thirdpartyRequire, type Peer } from './thirdparty.js';

const DC = 1;

/** The GramJS peer, or undefined when bench/thirdparty is not installed. */
export function gramjsPeer(config: SimulatorHostConfig, api: { apiId: number; apiHash: string }): Peer | undefined {
  const req = thirdpartyRequire('telegram');
  if (!req) return undefined;
  const { TelegramClient, Api } = req('telegram') as any;
  const { StringSession } = req('telegram/sessions') as any;
  const { Logger, LogLevel } = req('telegram/extensions/Logger') as any;
  const { computeCheck } = req('telegram/Password') as any;
  const RSA = req('telegram/crypto/RSA') as any;
  const bigInt = req('big-integer') as any;
  const key = rsaNumbers(config);
  RSA._serverKeys.set(key.fingerprint.toString(), { n: bigInt(key.n.toString()), e: Number(key.e) });
  const { host } = dcAddress(config, DC);
  // GramJS reads resPQ.pq as a *signed* 64-bit integer (Authenticator.js:
  // readBigIntFromBuffer(resPQ.pq, false, true)), then factorizes forever or fails to re-encode it
  // when it is negative. Telegram keeps pq <= 2^63-1 ("normally", docs); the simulator draws two
  // primes >= 2^31, so about half its pq are >= 2^63. The only big-endian signed read of 8 bytes in
  // GramJS is that one, so such reads are made unsigned: a no-op against real Telegram.
  const Helpers = req('telegram/Helpers') as any;
  if (!Helpers.__tgauthUnsignedPq) {
    const read = Helpers.readBigIntFromBuffer;
    Helpers.readBigIntFromBuffer = (buffer: Uint8Array, little = true, signed = false) =>
      read(buffer, little, signed && !(little === false && buffer.length === 8));
    Helpers.__tgauthUnsignedPq = true;
  }
  // GramJS stores g_ab in as few bytes as it fits (Authenticator.js: setKey(getByteArray(gab))): when
  // its top byte is 0 (1 exchange in 256) its key is 255 bytes, it rejects the server's correct
  // dh_gen_ok ("Step 3 invalid new nonce hash"), and connect() returns false. The key is 256 bytes,
  // left-padded (core.telegram.org/mtproto/auth_key; the simulator pads, as Telegram does): padded here, a no-op on a
  // full-length key, and the same fix GramJS needs against real Telegram.
  const { AuthKey } = req('telegram/crypto/AuthKey') as any;
  if (!AuthKey.__tgauthPadded) {
    const setKey = AuthKey.prototype.setKey;
    AuthKey.prototype.setKey = function (value: unknown) {
      const short = value instanceof Uint8Array && value.length < 256;
      return setKey.call(this, short ? Buffer.concat([Buffer.alloc(256 - value.length), value]) : value);
    };
    AuthKey.__tgauthPadded = true;
  }
  const { ConnectionTCPFull } = req('telegram/network') as any;
  class SimulatorTcpFull extends ConnectionTCPFull {
    constructor(options: { dcId: number }) {
      super({ ...options, ip: host, port: dcAddress(config, options.dcId).port });
    }
  }

  async function connected(): Promise<any> {
    const session = new StringSession('');
    // StringSession.save writes the port as a signed 16-bit int (fails above 32767); the real port
    // comes from SimulatorTcpFull, so the session keeps a placeholder.
    session.setDC(DC, host, 443);
    const client = new TelegramClient(session, api.apiId, api.apiHash, {
      connection: SimulatorTcpFull,
      connectionRetries: 1,
      autoReconnect: false,
      baseLogger: new Logger(process.env.GRAMJS_LOG ? LogLevel.DEBUG : LogLevel.NONE),
    });
    // With connectionRetries: 1 a failed key exchange makes connect() return false, not throw; every
    // invoke after it waits for a connection that never comes.
    if ((await client.connect()) === false) throw new RangeError('gramjs: connect() failed');
    return client;
  }

  async function signIn(client: any, phone: string, code: string): Promise<void> {
    const sent = await client.invoke(new Api.auth.SendCode({ phoneNumber: phone, apiId: api.apiId, apiHash: api.apiHash, settings: new Api.CodeSettings({}) }));
    await client.invoke(new Api.auth.SignIn({ phoneNumber: phone, phoneCodeHash: sent.phoneCodeHash, phoneCode: code }));
  }

  return {
    name: 'gramjs',
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
          throw new RangeError('gramjs: expected SESSION_PASSWORD_NEEDED');
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
