/**
 * Registers the older-layer variants of tl/schema/legacy.tl (user for layers <= 222 and <= 227, the
 * paid-login constructors for <= 227). The simulator calls it so it can answer clients of layer 198 up;
 * a client has no use for them, and a bundle that never calls this leaves their schema text out.
 */
import { TL_LEGACY_SCHEMA } from './generated/legacy-descriptors.js';
import { addLegacySchema } from './registry.js';

/** Makes serializeObject(obj, { layer }) write, and the reader accept, the older variants. Idempotent. */
export function registerLegacyVariants(): void {
  addLegacySchema(TL_LEGACY_SCHEMA);
}
