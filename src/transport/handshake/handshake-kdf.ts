/**
 * Key-exchange derivations shared by both halves (core.telegram.org/mtproto/auth_key, core.telegram.org/mtproto/auth_key): the temporary AES key/iv
 * that protect server_DH_inner_data and client_DH_inner_data, new_nonce_hashN, the auth key hashes
 * and the first server salt.
 */
import { concatBytes, xorBytes, type CryptoProvider } from '../../crypto/index.js';

/** An auth key is always 256 bytes on both sides (core.telegram.org/mtproto/auth_key; tdlib `to_binary(2048 / 8)`). */
export const AUTH_KEY_LENGTH = 256;

/** The AES-256-IGE key and iv derived from new_nonce and server_nonce. */
export interface TmpAesKeyIv {
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

/**
 * tmp_aes_key := SHA1(new_nonce + server_nonce) + substr(SHA1(server_nonce + new_nonce), 0, 12);
 * tmp_aes_iv  := substr(SHA1(server_nonce + new_nonce), 12, 8) + SHA1(new_nonce + new_nonce) + substr(new_nonce, 0, 4).
 */
export function tmpAesKeyIv(newNonce: Uint8Array, serverNonce: Uint8Array, crypto: CryptoProvider): TmpAesKeyIv {
  const ns = crypto.sha1(concatBytes(newNonce, serverNonce));
  const sn = crypto.sha1(concatBytes(serverNonce, newNonce));
  const nn = crypto.sha1(concatBytes(newNonce, newNonce));
  return {
    key: concatBytes(ns, sn.subarray(0, 12)),
    iv: concatBytes(sn.subarray(12, 20), nn, newNonce.subarray(0, 4)),
  };
}

/** The two halves of SHA1(auth_key) that the exchange uses. */
export interface AuthKeyHashes {
  /** auth_key_hash = substr(SHA1(auth_key), 12, 8): the auth_key_id, in wire order. */
  readonly authKeyId: Uint8Array;
  /** auth_key_aux_hash = substr(SHA1(auth_key), 0, 8): feeds new_nonce_hashN and retry_id. */
  readonly auxHash: Uint8Array;
}

/** Splits SHA1(auth_key) into auth_key_id and auth_key_aux_hash. */
export function authKeyHashes(authKey: Uint8Array, crypto: CryptoProvider): AuthKeyHashes {
  const h = crypto.sha1(authKey);
  return { authKeyId: h.slice(12, 20), auxHash: h.slice(0, 8) };
}

/** new_nonce_hashN := substr(SHA1(new_nonce + byte(N) + auth_key_aux_hash), 4, 16); N = 1 ok, 2 retry, 3 fail. */
export function newNonceHash(newNonce: Uint8Array, n: 1 | 2 | 3, auxHash: Uint8Array, crypto: CryptoProvider): Uint8Array {
  return crypto.sha1(concatBytes(newNonce, Uint8Array.of(n), auxHash)).slice(4, 20);
}

/** server_salt := substr(new_nonce, 0, 8) XOR substr(server_nonce, 0, 8), as the int64 read from those wire bytes (LE). */
export function initialServerSalt(newNonce: Uint8Array, serverNonce: Uint8Array): bigint {
  return readInt64Le(xorBytes(newNonce.subarray(0, 8), serverNonce.subarray(0, 8)));
}

/** Reads 8 wire bytes as a signed little-endian int64 (TL `long`). */
export function readInt64Le(bytes: Uint8Array): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true);
}

/** Writes a TL `long` as its 8 wire bytes (LE). */
export function writeInt64Le(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, BigInt.asIntN(64, value), true);
  return out;
}
