/** Factory for the four plain framings of core.telegram.org/mtproto/mtproto-transportscore.telegram.org/mtproto/mtproto-transports by name. */
import { AbridgedCodec } from './abridged-codec.js';
import type { BaseCodec, PlainCodecOptions } from './base-codec.js';
import type { CodecKind, CodecRole, TaggedCodecKind } from './frame-codec.js';
import { FullCodec } from './full-codec.js';
import { IntermediateCodec } from './intermediate-codec.js';

/** A plain (unobfuscated) codec of `kind` for `role`. */
export function createPlainCodec(
  kind: CodecKind,
  role: CodecRole,
  options: PlainCodecOptions = {},
): BaseCodec {
  return kind === 'full' ? new FullCodec(role, options) : createTaggedCodec(kind, role, options);
}

/**
 * A codec of one of the three framings that have an obfuscated2 tag (core.telegram.org/mtproto/mtproto-transports "Transport obfuscation"). obfuscated2 builds its
 * inner codec here, so code that only obfuscates (the browser's WebSocket dial) leaves FullCodec out.
 */
export function createTaggedCodec(
  kind: TaggedCodecKind,
  role: CodecRole,
  options: PlainCodecOptions = {},
): BaseCodec {
  switch (kind) {
    case 'abridged':
      return new AbridgedCodec(role, options);
    case 'intermediate':
      return new IntermediateCodec(role, options);
    case 'padded':
      return new IntermediateCodec(role, { ...options, padded: true });
  }
}
