/** Client-side codec factory: a plain framing (core.telegram.org/mtproto/mtproto-transportscore.telegram.org/mtproto/mtproto-transports) or, with `obfuscated`, obfuscated2 over it (core.telegram.org/mtproto/mtproto-transports "Transport obfuscation"). */
import type { CodecKind, CodecOptions, FrameCodec } from './frame-codec.js';
import { createObfuscatedClientCodec, type ObfuscatedClientOptions } from './obfuscated2-codec.js';
import { createPlainCodec } from './plain-codec.js';

/** Options of `createClientCodec`. */
export interface ClientCodecOptions extends CodecOptions {
  /** Wrap the framing in obfuscated2 (mandatory for WebSocket and MTProxy). Not for `full`. */
  obfuscated?: Omit<ObfuscatedClientOptions, keyof CodecOptions>;
}

/** A client-role codec of `kind`, obfuscated when asked. */
export function createClientCodec(kind: CodecKind, options: ClientCodecOptions = {}): FrameCodec {
  const { obfuscated, ...plain } = options;
  if (obfuscated) return createObfuscatedClientCodec(kind, { ...plain, ...obfuscated });
  return createPlainCodec(kind, 'client', plain);
}
