/**
 * GramJS (`telegram` 2.26) as a bench peer (gramjs-family.ts holds what it shares with teleproto).
 * Two GramJS quirks are patched first, both no-ops against real Telegram: see below.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { SimulatorHostConfig } from '../../src/adapters/node/index.js';
import { gramjsFamilyPeer } from './gramjs-family.js';
import { thirdpartyRequire, type Peer } from './thirdparty.js';

/** The GramJS peer, or undefined when bench/thirdparty is not installed. */
export function gramjsPeer(config: SimulatorHostConfig, api: { apiId: number; apiHash: string }): Peer | undefined {
  const req = thirdpartyRequire('telegram');
  if (!req) return undefined;
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
  return gramjsFamilyPeer(req, 'telegram', 'gramjs', 'GRAMJS_LOG', config, api);
}
