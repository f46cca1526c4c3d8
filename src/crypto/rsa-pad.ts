/**
 * RSA_PAD, the current req_DH_params encryption (core.telegram.org/mtproto/auth_key): client-side encryption and the
 * server-side decryption the simulator needs.
 */
import { bigintToBytes, bytesToBigint, concatBytes, equalBytes, zeroize } from './bytes.js';
import { CryptoInputError, SecurityError } from './errors.js';
import { pureCrypto } from './pure-crypto.js';
import type { CryptoProvider } from './provider.js';
import type { Random } from './random.js';
import type { RsaPrivateKey, RsaPublicKey } from './rsa-key.js';

const ZERO_IV = new Uint8Array(32);

/**
 * RSA_PAD(data, server_public_key), data <= 144 bytes -> 256 bytes:
 *   data_with_padding := data + random_bytes(192 - len(data)); data_pad_reversed := reverse(data_with_padding)
 *   loop: temp_key := random_bytes(32)
 *         data_with_hash := data_pad_reversed + SHA256(temp_key + data_with_padding)
 *         aes_encrypted := AES256_IGE(data_with_hash, temp_key, zero iv)
 *         key_aes_encrypted := (temp_key XOR SHA256(aes_encrypted)) + aes_encrypted
 *         retry while key_aes_encrypted >= n
 *   encrypted_data := key_aes_encrypted^e mod n (256 bytes)
 */
export function rsaPadEncrypt(data: Uint8Array, key: RsaPublicKey, random: Random, crypto: CryptoProvider = pureCrypto): Uint8Array {
  if (data.length > 144) throw new CryptoInputError(`RSA_PAD data must be at most 144 bytes, got ${data.length}`);
  const dataWithPadding = concatBytes(data, random.bytes(192 - data.length));
  const reversed = dataWithPadding.slice().reverse();
  try {
    for (;;) {
      const tempKey = random.bytes(32);
      const hash = crypto.sha256(concatBytes(tempKey, dataWithPadding));
      const aesEncrypted = crypto.aesIgeEncrypt(concatBytes(reversed, hash), tempKey, ZERO_IV);
      const mask = crypto.sha256(aesEncrypted);
      for (let i = 0; i < 32; i++) tempKey[i]! ^= mask[i]!;
      const keyAesEncrypted = concatBytes(tempKey, aesEncrypted);
      zeroize(tempKey, hash);
      const m = bytesToBigint(keyAesEncrypted);
      if (m >= key.n) continue; // about 1 in 10 for a 2048-bit n: pick a new temp_key
      return bigintToBytes(crypto.modPow(m, key.e, key.n), 256);
    }
  } finally {
    zeroize(dataWithPadding, reversed);
  }
}

/** The raw RSA private operation c^d mod n via the CRT (about 3x faster than one full modpow). */
export function rsaDecryptRaw(c: bigint, key: RsaPrivateKey, crypto: CryptoProvider = pureCrypto): bigint {
  const m1 = crypto.modPow(c % key.p, key.dp, key.p);
  const m2 = crypto.modPow(c % key.q, key.dq, key.q);
  const h = (key.qinv * ((m1 - m2 + key.p) % key.p)) % key.p;
  return m2 + h * key.q;
}

/**
 * Server side of RSA_PAD: returns data_with_padding (192 bytes: the TL object, then padding).
 * Throws `SecurityError` with check `'rsa.pad.range'` (not 256 bytes or >= n) or `'rsa.pad.hash'`
 * (SHA256(temp_key + data_with_padding) mismatch); the server answers both with -404.
 */
export function rsaPadDecrypt(cipher: Uint8Array, privateKey: RsaPrivateKey, crypto: CryptoProvider = pureCrypto): Uint8Array {
  if (cipher.length !== 256) throw new SecurityError('rsa.pad.range', 'RSA_PAD ciphertext must be 256 bytes');
  const c = bytesToBigint(cipher);
  if (c >= privateKey.n) throw new SecurityError('rsa.pad.range', 'RSA_PAD ciphertext is not below n');
  const k = bigintToBytes(rsaDecryptRaw(c, privateKey, crypto), 256);
  const aesEncrypted = k.subarray(32);
  const tempKey = k.slice(0, 32);
  const mask = crypto.sha256(aesEncrypted);
  for (let i = 0; i < 32; i++) tempKey[i]! ^= mask[i]!;
  const dataWithHash = crypto.aesIgeDecrypt(aesEncrypted, tempKey, ZERO_IV);
  const dataWithPadding = dataWithHash.slice(0, 192).reverse();
  const ok = equalBytes(crypto.sha256(concatBytes(tempKey, dataWithPadding)), dataWithHash.subarray(192));
  zeroize(k, tempKey, dataWithHash);
  if (!ok) throw new SecurityError('rsa.pad.hash', 'RSA_PAD hash mismatch');
  return dataWithPadding;
}
