/**
 * MTProto key derivation: MTProto 2.0 msg_key and AES key/iv (core.telegram.org/mtproto/description), MTProto 1.0 (core.telegram.org/mtproto/description_v1,
 * only for the bindTempAuthKey inner message), the handshake's tmp_aes_key/iv (core.telegram.org/mtproto/auth_key) and auth_key_id.
 */
import { concatBytes } from './bytes.js';
import { CryptoInputError } from './errors.js';
import { pureCrypto } from './pure-crypto.js';
import type { CryptoProvider } from './provider.js';

/** Direction of a message: `'client'` = client->server (x = 0), `'server'` = server->client (x = 8). */
export type Side = 'client' | 'server';

/** An AES-256-IGE key and iv. */
export interface AesKeyIv {
  key: Uint8Array;
  iv: Uint8Array;
}

const xOf = (side: Side): number => (side === 'client' ? 0 : 8);

function assertAuthKey(authKey: Uint8Array): void {
  if (authKey.length !== 256) throw new CryptoInputError(`auth_key must be 256 bytes, got ${authKey.length}`);
}
function assertMsgKey(msgKey: Uint8Array): void {
  if (msgKey.length !== 16) throw new CryptoInputError(`msg_key must be 16 bytes, got ${msgKey.length}`);
}

/**
 * MTProto 2.0: msg_key = substr(SHA256(substr(auth_key, 88 + x, 32) + plaintext_including_padding), 8, 16).
 */
export function msgKeyV2(authKey: Uint8Array, plaintextPadded: Uint8Array, side: Side, crypto: CryptoProvider = pureCrypto): Uint8Array {
  assertAuthKey(authKey);
  const x = xOf(side);
  return crypto.sha256(concatBytes(authKey.subarray(88 + x, 120 + x), plaintextPadded)).slice(8, 24);
}

/**
 * MTProto 2.0 AES key/iv:
 *   sha256_a = SHA256(msg_key + substr(auth_key, x, 36)); sha256_b = SHA256(substr(auth_key, 40+x, 36) + msg_key)
 *   aes_key = a[0:8] + b[8:24] + a[24:32];  aes_iv = b[0:8] + a[8:24] + b[24:32]
 */
export function aesKeyIvV2(authKey: Uint8Array, msgKey: Uint8Array, side: Side, crypto: CryptoProvider = pureCrypto): AesKeyIv {
  assertAuthKey(authKey);
  assertMsgKey(msgKey);
  const x = xOf(side);
  const a = crypto.sha256(concatBytes(msgKey, authKey.subarray(x, x + 36)));
  const b = crypto.sha256(concatBytes(authKey.subarray(40 + x, 76 + x), msgKey));
  const key = concatBytes(a.subarray(0, 8), b.subarray(8, 24), a.subarray(24, 32));
  const iv = concatBytes(b.subarray(0, 8), a.subarray(8, 24), b.subarray(24, 32));
  a.fill(0);
  b.fill(0);
  return { key, iv };
}

/** MTProto 1.0: msg_key = substr(SHA1(plaintext_without_padding), 4, 16). */
export function msgKeyV1(plaintext: Uint8Array, crypto: CryptoProvider = pureCrypto): Uint8Array {
  return crypto.sha1(plaintext).slice(4, 20);
}

/**
 * MTProto 1.0 AES key/iv (core.telegram.org/mtproto/description_v1):
 *   sha1_a = SHA1(msg_key + ak[x:x+32]); sha1_b = SHA1(ak[32+x:48+x] + msg_key + ak[48+x:64+x])
 *   sha1_c = SHA1(ak[64+x:96+x] + msg_key); sha1_d = SHA1(msg_key + ak[96+x:128+x])
 *   aes_key = a[0:8] + b[8:20] + c[4:16];  aes_iv = a[8:20] + b[0:8] + c[16:20] + d[0:8]
 */
export function aesKeyIvV1(authKey: Uint8Array, msgKey: Uint8Array, side: Side, crypto: CryptoProvider = pureCrypto): AesKeyIv {
  assertAuthKey(authKey);
  assertMsgKey(msgKey);
  const x = xOf(side);
  const ak = (from: number, len: number) => authKey.subarray(from + x, from + x + len);
  const a = crypto.sha1(concatBytes(msgKey, ak(0, 32)));
  const b = crypto.sha1(concatBytes(ak(32, 16), msgKey, ak(48, 16)));
  const c = crypto.sha1(concatBytes(ak(64, 32), msgKey));
  const d = crypto.sha1(concatBytes(msgKey, ak(96, 32)));
  const key = concatBytes(a.subarray(0, 8), b.subarray(8, 20), c.subarray(4, 16));
  const iv = concatBytes(a.subarray(8, 20), b.subarray(0, 8), c.subarray(16, 20), d.subarray(0, 8));
  for (const h of [a, b, c, d]) h.fill(0);
  return { key, iv };
}

/**
 * Handshake key for server_DH_params_ok / set_client_DH_params (core.telegram.org/mtproto/auth_key):
 *   tmp_aes_key = SHA1(new_nonce + server_nonce) + substr(SHA1(server_nonce + new_nonce), 0, 12)
 *   tmp_aes_iv  = substr(SHA1(server_nonce + new_nonce), 12, 8) + SHA1(new_nonce + new_nonce) + substr(new_nonce, 0, 4)
 */
export function tmpAesKeyIv(newNonce: Uint8Array, serverNonce: Uint8Array, crypto: CryptoProvider = pureCrypto): AesKeyIv {
  const ns = crypto.sha1(concatBytes(newNonce, serverNonce));
  const sn = crypto.sha1(concatBytes(serverNonce, newNonce));
  const nn = crypto.sha1(concatBytes(newNonce, newNonce));
  const key = concatBytes(ns, sn.subarray(0, 12));
  const iv = concatBytes(sn.subarray(12, 20), nn, newNonce.subarray(0, 4));
  for (const h of [ns, sn, nn]) h.fill(0);
  return { key, iv };
}

/** auth_key_id: the lower 64 bits of SHA1(auth_key), i.e. its last 8 bytes, in wire order. */
export function authKeyId(authKey: Uint8Array, crypto: CryptoProvider = pureCrypto): Uint8Array {
  assertAuthKey(authKey);
  return crypto.sha1(authKey).slice(12, 20);
}
