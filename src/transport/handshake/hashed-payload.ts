/**
 * The "data_with_hash" envelope used twice in the key exchange (core.telegram.org/mtproto/auth_key, core.telegram.org/mtproto/auth_key):
 * `AES256_IGE(SHA1(data) + data + (0..15 random bytes so the length % 16 == 0), tmp_aes_key, tmp_aes_iv)`.
 * The server seals server_DH_inner_data with it, the client seals client_DH_inner_data.
 */
import { SecurityError, concatBytes, equalBytes, type CryptoProvider, type Random } from '../../crypto/index.js';
import type { TmpAesKeyIv } from './handshake-kdf.js';

/** Seals `data` (a serialized TL object) with its SHA1 prefix and random padding. */
export function sealHashedPayload(data: Uint8Array, tmp: TmpAesKeyIv, random: Random, crypto: CryptoProvider): Uint8Array {
  const unpadded = 20 + data.length;
  const pad = (16 - (unpadded % 16)) % 16;
  const plain = concatBytes(crypto.sha1(data), data, random.bytes(pad));
  return crypto.aesIgeEncrypt(plain, tmp.key, tmp.iv);
}

/**
 * Decrypts an envelope and returns the data whose SHA1 it carries, padding removed.
 * `check` names the SecurityError for a bad length or hash (the client passes 'handshake.answerHash').
 *
 * The data length is found by trying each allowed padding length (0..15) against the hash rather than
 * by parsing first: only authenticated bytes ever reach the TL parser, and a match is exactly
 * "SHA1(answer) == answer_with_hash[0:20] with answer = the object bytes, padding excluded" (core.telegram.org/mtproto/security_guidelines).
 */
export function openHashedPayload(
  encrypted: Uint8Array,
  tmp: TmpAesKeyIv,
  crypto: CryptoProvider,
  check: { length: string; hash: string },
): Uint8Array {
  if (encrypted.length === 0 || encrypted.length % 16 !== 0) {
    throw new SecurityError(check.length, 'encrypted payload length is not a positive multiple of 16');
  }
  const plain = crypto.aesIgeDecrypt(encrypted, tmp.key, tmp.iv);
  const hash = plain.subarray(0, 20);
  for (let pad = 0; pad < 16; pad++) {
    const end = plain.length - pad;
    if (end < 20) break;
    const data = plain.subarray(20, end);
    // A TL object is a whole number of 4-byte words.
    if (data.length % 4 !== 0) continue;
    if (equalBytes(crypto.sha1(data), hash)) return data.slice();
  }
  throw new SecurityError(check.hash, 'SHA1 prefix of the decrypted payload does not match its data');
}
