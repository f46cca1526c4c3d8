/**
 * tl/: the TL schema (layer 229 + MTProto service schema), typed objects and the binary codec. The
 * registry starts with what the engine sends and receives; `registerFullSchema` adds the rest
 * (Node's doors and the simulator call it; a browser build does not, issue 26).
 */
export * from './errors.js';
export { crc32 } from './crc32.js';
export { LAYER } from './generated/descriptors.js';
export type * from './generated/types.js';
export type * from './types.js';
export type { EncodeOptions } from './encode.js';
export { serializeObject, deserializeObject, deserializeResult, serializeResult } from './codec.js';
export { TlReader } from './tl-reader.js';
export { TlWriter } from './tl-writer.js';
export { MAX_UNPACKED_BYTES, inflateLoaded, loadInflate } from './gunzip-bounded.js';
/** Names of every method in the pinned schema (e.g. to check that a tour or a test covers all `auth.*`). */
export { TL_METHOD_NAMES } from './generated/method-names.js';
export { registerLegacyVariants } from './legacy-variants.js';
export { registerFullSchema } from './full-schema.js';
