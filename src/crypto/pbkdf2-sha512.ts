/**
 * The pure-TS PBKDF2-HMAC-SHA512 on @noble/hashes, in a module of its own: hashes.ts imports it with
 * `import()` when the pure backend derives a password key, so a page whose provider takes PBKDF2
 * from WebCrypto never fetches SHA-512, HMAC and PBKDF2 code (issue 26).
 */
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha512 } from '@noble/hashes/sha2.js';

/** PBKDF2-HMAC-SHA512 with a 64-byte output (RFC 8018 §5.2); yields to the event loop between chunks of iterations. */
export function pbkdf2Sha512Noble(password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  return pbkdf2Async(sha512, password, salt, { c: iterations, dkLen: 64, asyncTick: 50 });
}
