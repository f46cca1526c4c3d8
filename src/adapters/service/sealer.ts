/**
 * Encryption at rest for what the service stores about a flow (its session with the auth keys,
 * queued commands that may carry a code or password, the views): XChaCha20-Poly1305 under one
 * 32-byte service key, a fresh random nonce per value, and the row's identity (flow id + column)
 * as associated data so a sealed value copied into another row or column fails to open.
 *
 * Layout: version 1 (1) | nonce (24) | ciphertext + tag (16).
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { bytesToHex, concatBytes, hexToBytes, hmacSha256, secureRandom, type Random } from '../../crypto/index.js';
import { ServiceError } from './errors.js';

/** Seals and opens values bound to a place (`flowId/column`). */
export interface Sealer {
  seal(place: string, plain: Uint8Array): Uint8Array;
  open(place: string, sealed: Uint8Array): Uint8Array;
  /** HMAC-SHA-256 under the service key (hex): lookups by a value the database must not hold (a phone, a token). */
  digest(data: string): string;
}

const VERSION = 1;
const NONCE = 24;

/** The environment variable the service key is read from (64 hex digits = 32 bytes). */
export const SERVICE_KEY_ENV = 'TGAUTH_SERVICE_KEY';

/**
 * A sealer from a 32-byte key given as 64 hex digits. `dev: true` with no key uses an all-zero key
 * (clearly insecure; for local tries only): outside dev mode a missing key refuses to start.
 */
export function createSealer(keyHex: string | undefined, options: { dev?: boolean; random?: Random } = {}): Sealer {
  let key: Uint8Array;
  if (keyHex === undefined || keyHex === '') {
    if (!options.dev) {
      throw new ServiceError('config', `the login service needs ${SERVICE_KEY_ENV} (64 hex digits) outside dev mode`);
    }
    key = new Uint8Array(32);
  } else {
    if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) throw new ServiceError('config', `${SERVICE_KEY_ENV} must be 64 hex digits (32 bytes)`);
    key = hexToBytes(keyHex);
  }
  const random = options.random ?? secureRandom;
  const ad = (place: string): Uint8Array => new TextEncoder().encode(`tgauth-service/v1/${place}`);
  return {
    seal(place, plain) {
      const nonce = random.bytes(NONCE);
      return concatBytes(new Uint8Array([VERSION]), nonce, xchacha20poly1305(key, nonce, ad(place)).encrypt(plain));
    },
    open(place, sealed) {
      if (sealed.length < 1 + NONCE + 16 || sealed[0] !== VERSION) throw new ServiceError('corrupt', `sealed ${place.split('/')[1] ?? 'value'} has an unknown layout`);
      try {
        return xchacha20poly1305(key, sealed.subarray(1, 1 + NONCE), ad(place)).decrypt(sealed.subarray(1 + NONCE));
      } catch (cause) {
        throw new ServiceError('corrupt', `sealed ${place.split('/')[1] ?? 'value'} failed authentication`, { cause });
      }
    },
    digest: (data) => bytesToHex(hmacSha256(key, new TextEncoder().encode(data))),
  };
}
