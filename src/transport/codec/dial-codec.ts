/**
 * The client codec a `Dial` uses for one DC: which framing, whether obfuscated2 wraps it (§B.8),
 * and the DC id written into the obfuscation header. Shared by the TCP and WebSocket dials.
 */
import { pureCrypto, type Random } from '../../crypto/index.js';
import type { DcAddress } from '../ports.js';
import { createClientCodec } from './client-codec.js';
import type { CodecKind, FrameCodec } from './frame-codec.js';
import type { ObfuscationCrypto } from './obfuscated2-codec.js';

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
  const kind = options.codec ?? 'intermediate';
  return createClientCodec(kind, {
    ...(options.random ? { random: options.random } : {}),
    ...(options.maxFrameLength ? { maxFrameLength: options.maxFrameLength } : {}),
    ...(options.obfuscated
      ? {
          obfuscated: {
            crypto: options.crypto ?? pureCrypto,
            dc: { dcId: dc.dcId, test: dc.test ?? false, media: dc.media ?? false },
          },
        }
      : {}),
  });
}
