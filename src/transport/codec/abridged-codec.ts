/**
 * MTProto "abridged" framing (core.telegram.org/mtproto/mtproto-transports): tag `ef`, then per packet a length in 4-byte
 * words, one byte when < 0x7f, else `7f` + 3 bytes little-endian. Quick ack (core.telegram.org/mtproto/mtproto-transports "Quick ack"): the request
 * ORs 0x80 into the first length byte; the reply is the 4-byte token byte-reversed so its first
 * byte carries the top bit.
 */
import { BaseCodec, type DecodeStep, type PlainCodecOptions } from './base-codec.js';
import { FramingErrorCode, checkFrameLength, framingError, type CodecRole } from './frame-codec.js';

const TAG = Uint8Array.of(0xef);
/** The long form carries a 24-bit word count. */
const MAX_WORDS = 0xffffff;

/** Abridged framing for one side of one connection. */
export class AbridgedCodec extends BaseCodec {
  readonly kind = 'abridged';

  constructor(role: CodecRole, options: PlainCodecOptions = {}) {
    super(role, TAG, options);
  }

  protected encodeFrame(payload: Uint8Array, quickAck: boolean): Uint8Array {
    if (payload.length % 4 !== 0) {
      throw framingError(
        FramingErrorCode.malformed,
        `abridged payload length ${payload.length} is not a multiple of 4`,
      );
    }
    const words = payload.length / 4;
    if (words > MAX_WORDS)
      throw framingError(FramingErrorCode.tooLarge, `abridged payload of ${payload.length} bytes`);
    const flag = quickAck ? 0x80 : 0;
    const header =
      words < 0x7f
        ? Uint8Array.of(words | flag)
        : Uint8Array.of(0x7f | flag, words & 0xff, (words >>> 8) & 0xff, words >>> 16);
    const out = new Uint8Array(header.length + payload.length);
    out.set(header);
    out.set(payload, header.length);
    return out;
  }

  encodeQuickAck(token: number): Uint8Array {
    const t = (token | 0x80000000) >>> 0;
    return Uint8Array.of(t >>> 24, (t >>> 16) & 0xff, (t >>> 8) & 0xff, t & 0xff);
  }

  protected decodeStep(): DecodeStep {
    const q = this.queue;
    if (q.length < 1) return undefined;
    let first = q.byteAt(0);
    let quickAck = false;
    if (first & 0x80) {
      if (this.role === 'client') {
        // A quick-ack reply: 4 bytes, big-endian on the wire (the byte-swapped LE token).
        if (q.length < 4) return undefined;
        const token = ((q.byteAt(0) << 24) | (q.byteAt(1) << 16) | (q.byteAt(2) << 8) | q.byteAt(3)) >>> 0;
        q.skip(4);
        return { kind: 'quickAck', token };
      }
      quickAck = true;
      first &= 0x7f;
    }
    let headerLength = 1;
    let words = first;
    if (first === 0x7f) {
      if (q.length < 4) return undefined;
      headerLength = 4;
      words = q.byteAt(1) | (q.byteAt(2) << 8) | (q.byteAt(3) << 16);
    }
    const length = words * 4;
    checkFrameLength(length, this.maxFrameLength);
    if (q.length < headerLength + length) return undefined;
    q.skip(headerLength);
    return this.payloadEvent(q.read(length), quickAck);
  }
}
