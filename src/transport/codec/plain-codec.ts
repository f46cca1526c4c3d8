/** Factory for the four plain framings of PROTOCOL.md §B.2–§B.5 by name. */
import { AbridgedCodec } from './abridged-codec.js';
import type { BaseCodec, PlainCodecOptions } from './base-codec.js';
import type { CodecKind, CodecRole } from './frame-codec.js';
import { FullCodec } from './full-codec.js';
import { IntermediateCodec } from './intermediate-codec.js';

/** A plain (unobfuscated) codec of `kind` for `role`. */
export function createPlainCodec(
  kind: CodecKind,
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
    case 'full':
      return new FullCodec(role, options);
  }
}
