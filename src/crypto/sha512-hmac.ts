/**
 * SHA-512 and HMAC (FIPS 180-4, RFC 2104) on @noble/hashes, apart from hashes.ts so that the browser's
 * first chunk, which needs none of them, does not import @noble/hashes at all (issue 26).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';

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
