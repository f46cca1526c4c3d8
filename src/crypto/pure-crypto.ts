/** The pure-TS `CryptoProvider`: works on every platform, the default everywhere. */
import { createAesCtr } from './aes-ctr.js';
import { aesIgeDecrypt, aesIgeEncrypt } from './aes-ige.js';
import { pbkdf2Sha512, sha1, sha256 } from './hashes.js';
import { modPow } from './mod-pow.js';
import type { CryptoProvider } from './provider.js';

/** Pure TypeScript backend: hashes on @noble/hashes, AES in aes-block.ts, modpow on native bigint. */
export const pureCrypto: CryptoProvider = Object.freeze({
  name: 'pure',
  sha1,
  sha256: (data: Uint8Array) => sha256(data),
  aesIgeEncrypt,
  aesIgeDecrypt,
  createAesCtr,
  pbkdf2Sha512,
  modPow,
});
