/**
 * What the plain framings (abridged, intermediate, padded intermediate, full) share: the receive
 * queue, the frame-length limit, the failed state after a framing error, the client's one-time
 * transport tag (core.telegram.org/mtproto/mtproto-transportscore.telegram.org/mtproto/mtproto-transports), and the client-side reading of short payloads as transport errors (core.telegram.org/mtproto/mtproto-transports "Transport errors").
 */
import { concatBytes } from '../../crypto/index.js';
import { TransportError } from '../errors.js';
import { ByteQueue } from './byte-queue.js';
import {
  DEFAULT_MAX_FRAME_LENGTH,
  FramingErrorCode,
  classifyServerPayload,
  framingError,
  type CodecOptions,
  type CodecRole,
  type EncodeOptions,
  type FrameCodec,
  type FrameEvent,
} from './frame-codec.js';

/** Construction options of a plain framing. */
export interface PlainCodecOptions extends CodecOptions {
  /**
   * Whether a client writes its tag before the first frame (default true). Obfuscation turns it
   * off: the tag then travels inside the encrypted 64-byte header instead (core.telegram.org/mtproto/mtproto-transports "Transport obfuscation" step 2).
   */
  sendTag?: boolean;
}

/** Result of one step of a decoder: an event, `null` (bytes consumed, nothing to report) or `undefined` (need more). */
export type DecodeStep = FrameEvent | null | undefined;

/** Base class of the plain framings. */
export abstract class BaseCodec implements FrameCodec {
  abstract readonly kind: string;
  protected readonly queue = new ByteQueue();
  protected readonly maxFrameLength: number;
  private failure: TransportError | undefined;
  private tagPending: boolean;

  protected constructor(
    readonly role: CodecRole,
    private readonly tag: Uint8Array,
    options: PlainCodecOptions,
  ) {
    this.maxFrameLength = options.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH;
    this.tagPending = role === 'client' && (options.sendTag ?? true) && tag.length > 0;
  }

  encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array {
    const frame = this.encodeFrame(payload, options?.quickAck ?? false);
    if (!this.tagPending) return frame;
    this.tagPending = false;
    return concatBytes(this.tag, frame);
  }

  abstract encodeQuickAck(token: number): Uint8Array;

  get buffered(): number {
    return this.queue.length;
  }

  decode(chunk: Uint8Array): FrameEvent[] {
    if (this.failure) throw this.failure;
    this.queue.push(chunk);
    const events: FrameEvent[] = [];
    try {
      for (let step = this.decodeStep(); step !== undefined; step = this.decodeStep()) {
        if (step !== null) events.push(step);
      }
    } catch (error) {
      // The stream is desynchronised for good: every later call fails the same way.
      this.failure =
        error instanceof TransportError
          ? error
          : framingError(FramingErrorCode.malformed, 'undecodable frame', error);
      throw this.failure;
    }
    return events;
  }

  /** Frames one payload (no tag). */
  protected abstract encodeFrame(payload: Uint8Array, quickAck: boolean): Uint8Array;

  /** Takes at most one frame off `queue`. */
  protected abstract decodeStep(): DecodeStep;

  /** Turns a complete payload into the event for this role. */
  protected payloadEvent(payload: Uint8Array, quickAck: boolean): FrameEvent | null {
    if (this.role === 'server') return { kind: 'frame', payload, quickAck };
    return classifyServerPayload(payload) ?? null;
  }
}

/** Writes `value` as uint32 little-endian at `offset`. */
export function writeUint32Le(target: Uint8Array, offset: number, value: number): void {
  target[offset] = value & 0xff;
  target[offset + 1] = (value >>> 8) & 0xff;
  target[offset + 2] = (value >>> 16) & 0xff;
  target[offset + 3] = (value >>> 24) & 0xff;
}
