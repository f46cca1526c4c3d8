/**
 * The client codec a `Dial` uses for one DC: which framing, whether obfuscated2 wraps it (core.telegram.org/mtproto/mtproto-transports "Transport obfuscation"),
 * and the DC id written into the obfuscation header. Shared by the TCP and WebSocket dials.
 */
import { pureCrypto, type Random } from '../../crypto/index.js';
import type { DcAddress } from '../ports.js';
import type { CodecKind, FrameCodec } from './frame-codec.js';
import { createObfuscatedClientCodec, type ObfuscationCrypto } from './obfuscated2-codec.js';
import { createPlainCodec } from './plain-codec.js';

/** Options every dial accepts. */
export interface DialCodecOptions {
  /** Framing (default `'intermediate'`). */
  codec?: CodecKind;
  /** Wrap in obfuscated2 (default false for TCP; WebSocket dials force it). */
  obfuscated?: boolean;
  /** AES-CTR backend for obfuscation (default `pureCrypto`). */
  crypto?: ObfuscationCrypto;
  /** Randomness for the obfuscation header and padding (default: the platform CSPRNG). */
  random?: Random;
  /** Largest accepted payload. */
  maxFrameLength?: number;
}

/** Builds the client codec for `dc` from dial options. */
export function createDialCodec(dc: DcAddress, options: DialCodecOptions): FrameCodec {
  if (options.obfuscated) return createObfuscatedDialCodec(dc, options);
  return createPlainCodec(options.codec ?? 'intermediate', 'client', plainOptions(options));
}

/**
 * The obfuscated2 codec for `dc` (what `createDialCodec` builds with `obfuscated: true`). WebSocket
 * dials call it directly: it never makes a `full` codec, so a browser bundle leaves that one out.
 */
export function createObfuscatedDialCodec(
  dc: DcAddress,
  options: Omit<DialCodecOptions, 'obfuscated'>,
): FrameCodec {
  return createObfuscatedClientCodec(options.codec ?? 'intermediate', {
    ...plainOptions(options),
    crypto: options.crypto ?? pureCrypto,
    dc: { dcId: dc.dcId, test: dc.test ?? false, media: dc.media ?? false },
  });
}

function plainOptions(options: DialCodecOptions): { random?: Random; maxFrameLength?: number } {
  return {
    ...(options.random ? { random: options.random } : {}),
    ...(options.maxFrameLength ? { maxFrameLength: options.maxFrameLength } : {}),
  };
}
