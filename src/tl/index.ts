/** tl/: the TL schema (layer 229 + MTProto service schema), typed objects and the binary codec. */
export * from './errors.js';
export { crc32 } from './crc32.js';
export { LAYER } from './generated/descriptors.js';
export type * from './generated/types.js';
export type * from './types.js';
export type { EncodeOptions } from './encode.js';
export { serializeObject, deserializeObject, deserializeResult, serializeResult } from './codec.js';
export { TlReader } from './tl-reader.js';
export { TlWriter } from './tl-writer.js';
export { MAX_UNPACKED_BYTES } from './gunzip-bounded.js';
/** Names of every method in the pinned schema (e.g. to check that a tour or a test covers all `auth.*`). */
export { TL_METHOD_NAMES } from './method-names.js';
export { registerLegacyVariants } from './legacy-variants.js';
