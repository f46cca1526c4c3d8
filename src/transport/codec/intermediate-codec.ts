/**
 * MTProto "intermediate" and "padded intermediate" framings (core.telegram.org/mtproto/mtproto-transports, core.telegram.org/mtproto/mtproto-transports): tag
 * `eeeeeeee` / `dddddddd`, then per packet `uint32_le(length) | payload` (padded: plus 0..15 random
 * bytes counted in the length). Bit 31 of the length is the quick-ack flag (core.telegram.org/mtproto/mtproto-transports "Quick ack"): a request
 * when the client sends it, a 4-byte reply packet when the server does.
 *
 * Padded intermediate cannot tell padding from payload, so decoded payloads keep it: MTProto
 * messages are self-delimiting and the session layer trims (core.telegram.org/mtproto/mtproto-transports).
 */
import { secureRandom, type Random } from '../../crypto/index.js';
import { BaseCodec, writeUint32Le, type DecodeStep, type PlainCodecOptions } from './base-codec.js';
import { checkFrameLength, type CodecRole } from './frame-codec.js';

const INTERMEDIATE_TAG = Uint8Array.of(0xee, 0xee, 0xee, 0xee);
const PADDED_TAG = Uint8Array.of(0xdd, 0xdd, 0xdd, 0xdd);

/** Intermediate framing (or, with `padded`, padded intermediate) for one side of one connection. */
export class IntermediateCodec extends BaseCodec {
  readonly kind: 'intermediate' | 'padded';
  private readonly random: Random;

  constructor(role: CodecRole, options: PlainCodecOptions & { padded?: boolean } = {}) {
    super(role, options.padded ? PADDED_TAG : INTERMEDIATE_TAG, options);
    this.kind = options.padded ? 'padded' : 'intermediate';
    this.random = options.random ?? secureRandom;
  }

  protected encodeFrame(payload: Uint8Array, quickAck: boolean): Uint8Array {
    // Padding length from one random byte: 0..15 as core.telegram.org/mtproto/mtproto-transports allows.
    const padding = this.kind === 'padded' ? this.random.bytes(1)[0]! & 0x0f : 0;
    const length = payload.length + padding;
    checkFrameLength(length, 0x7fffffff);
    const out = new Uint8Array(4 + length);
    writeUint32Le(out, 0, quickAck ? (length | 0x80000000) >>> 0 : length);
    out.set(payload, 4);
    if (padding > 0) out.set(this.random.bytes(padding), 4 + payload.length);
    return out;
  }

  encodeQuickAck(token: number): Uint8Array {
    const out = new Uint8Array(4);
    writeUint32Le(out, 0, (token | 0x80000000) >>> 0);
    return out;
  }

  protected decodeStep(): DecodeStep {
    const q = this.queue;
    if (q.length < 4) return undefined;
    let length = q.uint32LeAt(0);
    let quickAck = false;
    if (length & 0x80000000) {
      if (this.role === 'client') {
        q.skip(4);
        return { kind: 'quickAck', token: length };
      }
      quickAck = true;
      length &= 0x7fffffff;
    }
    checkFrameLength(length, this.maxFrameLength);
    if (q.length < 4 + length) return undefined;
    q.skip(4);
    return this.payloadEvent(q.read(length), quickAck);
  }
}
