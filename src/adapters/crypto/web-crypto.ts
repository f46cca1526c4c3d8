/**
 * The WebCrypto `CryptoProvider` for browsers: WebCrypto has no IGE, no synchronous hashes and no
 * modpow, so only async PBKDF2 (the 100 000-iteration SRP step) is native; the rest is what
 * `pureCrypto` uses, taken one primitive at a time so that a page does not also carry the pure
 * PBKDF2 with its SHA-512 and HMAC (issue 26).
 */
import {
  aesIgeDecrypt,
  aesIgeEncrypt,
  assertIterations,
  createAesCtr,
  modPow,
  sha1,
  sha256,
  type CryptoProvider,
} from '../../crypto/index.js';

/** PBKDF2-HMAC-SHA512 via `crypto.subtle.deriveBits`. */
async function pbkdf2Sha512(password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  assertIterations(iterations);
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new Uint8Array(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-512', salt: new Uint8Array(salt), iterations }, key, 512);
  return new Uint8Array(bits);
}

/** The WebCrypto backend (browsers, Deno, Node >= 20). */
export const webCrypto: CryptoProvider = Object.freeze({
  name: 'webcrypto',
  sha1,
  sha256: (data: Uint8Array) => sha256(data),
  aesIgeEncrypt,
  aesIgeDecrypt,
  createAesCtr,
  pbkdf2Sha512,
  modPow,
});
