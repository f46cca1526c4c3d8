/**
 * The `CryptoProvider` port: the few primitives whose speed matters, so a platform backend
 * (node:crypto, WebCrypto) can replace the pure-TS default. Everything built on top of them
 * (MTProto KDFs, RSA_PAD, SRP, the handshake) is written once against this interface.
 *
 * Sync methods must be sync on every backend (they sit on the message hot path); PBKDF2 is async
 * because WebCrypto only offers it that way.
 */
export interface CryptoProvider {
  /** Backend name for benchmarks and diagnostics: `'pure'`, `'node'`, `'webcrypto'`. */
  readonly name: string;
  sha1(data: Uint8Array): Uint8Array;
  sha256(data: Uint8Array): Uint8Array;
  /** AES-256-IGE; `key` 32 bytes (16/24 also accepted, for AES-128/192 test vectors), `iv` 32 bytes, `data` a multiple of 16 bytes. */
  aesIgeEncrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array;
  aesIgeDecrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array;
  /** A stateful AES-256-CTR keystream (`iv` is the full 16-byte big-endian counter block). */
  createAesCtr(key: Uint8Array, iv: Uint8Array): AesCtr;
  /** PBKDF2-HMAC-SHA512 with a 64-byte output. */
  pbkdf2Sha512(password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array>;
  /** base^exp mod m for non-negative bigints. */
  modPow(base: bigint, exp: bigint, mod: bigint): bigint;
  /**
   * Optional: starts base^exp mod m somewhere else (node:crypto's backend: a worker thread) and
   * returns at once. Callers go through `startModPow` (pending-pow.ts), which computes lazily on
   * backends without it, so results never depend on whether a backend has it.
   */
  startModPow?(base: bigint, exp: bigint, mod: bigint): PendingPow;
}

/** A modpow that was started before its result is needed. */
export interface PendingPow {
  /** The value: at once if it is done, else after waiting for it or computing it here. */
  result(): bigint;
  /** The value will not be asked for: a backend may skip work it has not started. */
  cancel(): void;
}

/** A running AES-CTR stream: each call continues where the previous one stopped. */
export interface AesCtr {
  update(data: Uint8Array): Uint8Array;
}
