/** crypto/: pure primitives on Uint8Array/bigint. The only public surface of the layer. */
export * from './errors.js';
export * from './bytes.js';
export * from './random.js';
export type * from './provider.js';
