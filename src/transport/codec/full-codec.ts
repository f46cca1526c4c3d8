/**
 * MTProto "full" framing (core.telegram.org/mtproto/mtproto-transports): no tag; each packet is
 * `uint32_le(len) | uint32_le(seqno) | payload | uint32_le(crc32)`, where `len` counts the 12
 * envelope bytes, `seqno` counts packets per direction from 0 and the CRC covers len|seqno|payload.
 * Bit 31 of `len` is the quick-ack flag (core.telegram.org/mtproto/mtproto-transports "Quick ack"); a quick-ack reply is the bare 4-byte token.
 */
import { BaseCodec, writeUint32Le, type DecodeStep, type PlainCodecOptions } from './base-codec.js';
import { crc32 } from '../../tl/index.js';
import { FramingErrorCode, checkFrameLength, framingError, type CodecRole } from './frame-codec.js';

const ENVELOPE = 12;

/** Full framing for one side of one connection. */
export class FullCodec extends BaseCodec {
  readonly kind = 'full';
  private sendSeqno = 0;
  private receiveSeqno = 0;

  constructor(role: CodecRole, options: PlainCodecOptions = {}) {
    super(role, new Uint8Array(0), options);
  }

  protected encodeFrame(payload: Uint8Array, quickAck: boolean): Uint8Array {
    const length = payload.length + ENVELOPE;
    checkFrameLength(length, 0x7fffffff);
    const out = new Uint8Array(length);
    writeUint32Le(out, 0, quickAck ? (length | 0x80000000) >>> 0 : length);
    writeUint32Le(out, 4, this.sendSeqno++);
    out.set(payload, 8);
    writeUint32Le(out, length - 4, crc32(out.subarray(0, length - 4)));
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
    const word = q.uint32LeAt(0);
    let quickAck = false;
    if (word & 0x80000000) {
      if (this.role === 'client') {
        q.skip(4);
        return { kind: 'quickAck', token: word };
      }
      quickAck = true;
    }
    const length = word & 0x7fffffff;
    if (length < ENVELOPE + 1) throw framingError(FramingErrorCode.malformed, `full packet length ${length}`);
    checkFrameLength(length - ENVELOPE, this.maxFrameLength);
    if (q.length < length) return undefined;
    const packet = q.read(length);
    const view = new DataView(packet.buffer);
    const crc = view.getUint32(length - 4, true);
    if (crc !== crc32(packet.subarray(0, length - 4))) {
      throw framingError(FramingErrorCode.badChecksum, 'full packet CRC32 mismatch');
    }
    const seqno = view.getUint32(4, true);
    // A gap or repeat means lost or replayed packets on what should be a reliable stream.
    if (seqno !== this.receiveSeqno) {
      throw framingError(
        FramingErrorCode.badSeqno,
        `full packet seqno ${seqno}, expected ${this.receiveSeqno}`,
      );
    }
    this.receiveSeqno++;
    return this.payloadEvent(packet.slice(8, length - 4), quickAck);
  }
}
