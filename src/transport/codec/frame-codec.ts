/**
 * The frame codec contract shared by every MTProto transport framing (core.telegram.org/mtproto/mtproto-transportscore.telegram.org/mtproto/mtproto-transports "Transport obfuscation"):
 * sans-IO objects that turn payloads into wire bytes (`encode`) and arbitrary received chunks
 * into complete frames (`decode`). One codec instance serves one side of one connection, because
 * the full transport counts packets and obfuscation runs a keystream.
 */
import type { Random } from '../../crypto/index.js';
import { TransportError } from '../errors.js';

/** The four framings of core.telegram.org/mtproto/mtproto-transportscore.telegram.org/mtproto/mtproto-transports (`padded` = padded intermediate). */
export type CodecKind = 'abridged' | 'intermediate' | 'padded' | 'full';
/** The framings obfuscated2 can carry: all but `full`, which has no tag (core.telegram.org/mtproto/mtproto-transports "Transport obfuscation"). */
export type TaggedCodecKind = Exclude<CodecKind, 'full'>;

/**
 * Which side of the connection the codec serves. The client writes the transport tag; the
 * server never does. The high length bit means "quick ack requested" when the server reads it and
 * "this is a quick-ack reply" when the client reads it (core.telegram.org/mtproto/mtproto-transports "Quick ack").
 */
export type CodecRole = 'client' | 'server';

/** Something a decoder found in the byte stream. */
export type FrameEvent =
  /** A complete payload. `quickAck`: the client asked for a quick ack (server role only). */
  | { kind: 'frame'; payload: Uint8Array; quickAck: boolean }
  /** A quick-ack reply (client role): the uint32 token with bit 31 set, see core.telegram.org/mtproto/mtproto-transports "Quick ack". */
  | { kind: 'quickAck'; token: number }
  /** A transport error packet from the server (client role): `error.code` is e.g. -404, -429, -444. */
  | { kind: 'error'; error: TransportError };

/** Per-frame options for `encode`. */
export interface EncodeOptions {
  /** Set the quick-ack request bit (core.telegram.org/mtproto/mtproto-transports "Quick ack"). */
  quickAck?: boolean;
}

/** One side of one connection's framing. */
export interface FrameCodec {
  /** `'abridged'`, `'full'`, `'obfuscated2/intermediate'`, `'auto'` (server before detection), … */
  readonly kind: string;
  /** Frames `payload`; the client's first call also carries the tag or obfuscation header. */
  encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array;
  /** A quick-ack reply packet carrying `token` (server role). */
  encodeQuickAck(token: number): Uint8Array;
  /**
   * Feeds received bytes; returns every event completed by them. Throws `TransportError`
   * (a `FramingErrorCode`) on malformed input, after which the decoder stays failed.
   */
  decode(chunk: Uint8Array): FrameEvent[];
  /** Bytes received and held for a frame not complete yet (what a server bounds per connection). */
  readonly buffered?: number;
}

/** Options shared by every codec. */
export interface CodecOptions {
  /** Largest accepted payload in bytes; bigger announced lengths fail before any buffering. */
  maxFrameLength?: number;
  /** Source of the padded intermediate padding (default: the platform CSPRNG). */
  random?: Random;
}

/** 8 MiB: well above Telegram's largest message (upload parts are 512 KiB) yet far from absurd. */
export const DEFAULT_MAX_FRAME_LENGTH = 8 * 1024 * 1024;

/**
 * Codes of locally detected transport failures. Telegram's own codes are negative HTTP-like
 * numbers (-404, -429, -444); these sit in -1000..-1099 so they never collide with them.
 */
export const FramingErrorCode = {
  /** Bytes that no framing rule allows (zero length, length not a multiple of 4, bad header …). */
  malformed: -1000,
  /** An announced frame length above `maxFrameLength`. */
  tooLarge: -1001,
  /** Full transport: CRC32 mismatch. */
  badChecksum: -1002,
  /** Full transport: packet counter out of order. */
  badSeqno: -1003,
  /** Server auto-detection: the first bytes match no transport. */
  unknownProtocol: -1004,
  /** The connection is closed or was reset; also thrown when sending on a closed duplex. */
  closed: -1005,
} as const;

/** Builds the `TransportError` for a framing failure. */
export function framingError(code: number, message: string, cause?: unknown): TransportError {
  return new TransportError(code, message, cause === undefined ? undefined : { cause });
}

/** The 4-byte transport error payload `int32_le(code)` a server sends, e.g. -404 (core.telegram.org/mtproto/mtproto-transports "Transport errors"). */
export function transportErrorPayload(code: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, code, true);
  return out;
}

/**
 * Shortest payload that can be a real MTProto message (an unencrypted message header is 20
 * bytes); anything shorter from the server is a transport error packet. The range (not just
 * exactly 4) covers padded intermediate, where the 4 bytes may be followed by up to 15 padding.
 */
const MIN_MESSAGE_LENGTH = 20;

/**
 * Classifies a payload the client received (core.telegram.org/mtproto/mtproto-transports "Transport errors"): real frames pass through, a short payload is a
 * transport error `int32_le(-code)`, and code 0 is tdlib's "no-op" (dropped).
 */
export function classifyServerPayload(payload: Uint8Array): FrameEvent | undefined {
  if (payload.length >= MIN_MESSAGE_LENGTH) return { kind: 'frame', payload, quickAck: false };
  if (payload.length < 4)
    throw framingError(FramingErrorCode.malformed, `payload of ${payload.length} bytes`);
  const code = new DataView(payload.buffer, payload.byteOffset, 4).getInt32(0, true);
  if (code === 0) return undefined;
  return { kind: 'error', error: new TransportError(code) };
}

/** Fails with `tooLarge` when `length` exceeds the limit, `malformed` when it is zero. */
export function checkFrameLength(length: number, max: number): void {
  if (length === 0) throw framingError(FramingErrorCode.malformed, 'zero-length frame');
  if (length > max) throw framingError(FramingErrorCode.tooLarge, `frame of ${length} bytes exceeds ${max}`);
}
