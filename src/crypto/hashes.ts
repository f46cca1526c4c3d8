/**
 * Hash primitives of the pure-TS backend: SHA-1, SHA-256, SHA-512, HMAC and PBKDF2-HMAC-SHA512
 * (FIPS 180-4, RFC 2104, RFC 8018), all on @noble/hashes.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { CryptoInputError } from './errors.js';

/** SHA-1 (used only where MTProto requires it: fingerprints, MTProto 1.0, handshake tmp keys). */
export function sha1(data: Uint8Array): Uint8Array {
  return nobleSha1(data);
}

/** SHA-256 over the concatenation of `parts` (avoids building the concatenation). */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = nobleSha256.create();
  for (const p of parts) h.update(p);
  return h.digest();
}

/** SHA-512. */
export function sha512(data: Uint8Array): Uint8Array {
  return nobleSha512(data);
}

/** HMAC-SHA-256 (RFC 2104). */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(nobleSha256, key, data);
}

/** HMAC-SHA-512 (RFC 2104). */
export function hmacSha512(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(nobleSha512, key, data);
}

/**
 * PBKDF2-HMAC-SHA512 with a 64-byte output (RFC 8018 §5.2), pure TS. Async so that it yields to
 * the event loop between chunks of iterations (100 000 iterations take a while in JS).
 */
export async function pbkdf2Sha512(password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  assertIterations(iterations);
  return pbkdf2Async(nobleSha512, password, salt, { c: iterations, dkLen: 64, asyncTick: 50 });
}

/** Rejects iteration counts PBKDF2 cannot use. */
export function assertIterations(iterations: number): void {
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new CryptoInputError(`pbkdf2: iterations must be a positive integer, got ${iterations}`);
  }
}
