/** crypto/: pure primitives on Uint8Array/bigint. The only public surface of the layer. */
export * from './errors.js';
export * from './bytes.js';
export * from './random.js';
export type * from './provider.js';
export * from './hashes.js';
export { aesIgeEncrypt, aesIgeDecrypt, assertIgeInput } from './aes-ige.js';
export { createAesCtr, assertCtrInput } from './aes-ctr.js';
export * from './mod-pow.js';
export * from './pure-crypto.js';
export * from './mtproto-kdf.js';
export * from './is-probable-prime.js';
export * from './factorize-pq.js';
export * from './dh-checks.js';
export * from './rsa-key.js';
export * from './rsa-pad.js';
export * from './keys/index.js';
export * from './srp.js';
export * from './srp-verifier.js';
