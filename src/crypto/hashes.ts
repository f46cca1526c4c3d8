/**
 * Hash primitives of the pure-TS backend: SHA-1, SHA-256, SHA-512, HMAC and PBKDF2-HMAC-SHA512
 * (FIPS 180-4, RFC 2104, RFC 8018). SHA-1 and SHA-256 are ours (sha.ts, small enough for the
 * browser's first chunk), and so is PBKDF2-HMAC-SHA512 (sha512.ts, imported on first use); the
 * general SHA-512 and HMAC (sha512-hmac.ts) are on @noble/hashes, in a module of their own so that
 * a bundle which does not use them carries none of it.
 */
import { concatBytes } from './bytes.js';
import { CryptoInputError } from './errors.js';
import { sha1Bytes, sha256Bytes } from './sha.js';

/** SHA-1 (used only where MTProto requires it: fingerprints, MTProto 1.0, handshake tmp keys). */
export function sha1(data: Uint8Array): Uint8Array {
  return sha1Bytes(data);
}

/** SHA-256 over the concatenation of `parts`. */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  return sha256Bytes(parts.length === 1 ? parts[0]! : concatBytes(...parts));
}

/**
 * PBKDF2-HMAC-SHA512 with a 64-byte output (RFC 8018 §5.2), pure TS. Async so that it yields to
 * the event loop between chunks of iterations (100 000 iterations take a while in JS); its code is
 * imported on first use, so a bundle whose provider uses WebCrypto's PBKDF2 splits it off.
 */
export async function pbkdf2Sha512(password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  assertIterations(iterations);
  const { pbkdf2HmacSha512 } = await import('./sha512.js');
  return pbkdf2HmacSha512(password, salt, iterations);
}

/** Rejects iteration counts PBKDF2 cannot use. */
export function assertIterations(iterations: number): void {
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new CryptoInputError(`pbkdf2: iterations must be a positive integer, got ${iterations}`);
  }
}
