/**
 * Server-side transport auto-detection (core.telegram.org/mtproto/mtproto-transportscore.telegram.org/mtproto/mtproto-transports "Transport obfuscation"): the first bytes a client sends
 * decide the framing. `ef` is abridged, `eeeeeeee` intermediate, `dddddddd` padded intermediate,
 * bytes 4..7 all zero a full packet (seqno 0); anything else must be a 64-byte obfuscated2 header
 * whose decrypted tag names one of the three tagged framings. core.telegram.org/mtproto/mtproto-transports "Transport obfuscation"'s forbidden first bytes are what
 * make these tests unambiguous.
 */
import { ByteQueue } from './byte-queue.js';
import {
  FramingErrorCode,
  framingError,
  type CodecKind,
  type CodecOptions,
  type EncodeOptions,
  type FrameCodec,
  type FrameEvent,
} from './frame-codec.js';
import { acceptObfuscatedHeader, type ObfuscationCrypto } from './obfuscated2-codec.js';
import { createPlainCodec } from './plain-codec.js';

/** What the server found out about the client's transport. */
export interface DetectedTransport {
  kind: CodecKind;
  obfuscated: boolean;
  /** The obfuscation header's DC field (see `obfuscationDcField`); undefined when not obfuscated. */
  dcField?: number;
}

/** Options of the server codec. */
export interface ServerCodecOptions extends CodecOptions {
  /** Needed to accept obfuscated2 clients; without it only plain framings are recognised. */
  crypto?: ObfuscationCrypto;
}

/** A server-role codec that picks the framing from the client's first bytes. */
export class ServerCodec implements FrameCodec {
  private inner: FrameCodec | undefined;
  private readonly pending = new ByteQueue();
  private detectedTransport: DetectedTransport | undefined;
  private failure: unknown;

  constructor(private readonly options: ServerCodecOptions = {}) {}

  /** `'auto'` until the client has spoken, then the detected codec's kind. */
  get kind(): string {
    return this.inner?.kind ?? 'auto';
  }

  /** The detected transport, once known. */
  get detected(): DetectedTransport | undefined {
    return this.detectedTransport;
  }

  encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array {
    return this.requireInner().encode(payload, options);
  }

  encodeQuickAck(token: number): Uint8Array {
    return this.requireInner().encodeQuickAck(token);
  }

  get buffered(): number {
    return this.inner ? (this.inner.buffered ?? 0) : this.pending.length;
  }

  decode(chunk: Uint8Array): FrameEvent[] {
    if (this.inner) return this.inner.decode(chunk);
    if (this.failure) throw this.failure;
    this.pending.push(chunk);
    try {
      const skip = this.detect();
      if (skip === undefined) return [];
      this.pending.skip(skip);
    } catch (error) {
      this.failure = error;
      throw error;
    }
    return this.inner!.decode(this.pending.drain());
  }

  /** Sets `inner` when the bytes so far decide it; returns how many tag bytes to drop, or undefined to wait. */
  private detect(): number | undefined {
    const q = this.pending;
    if (q.length < 1) return undefined;
    if (q.byteAt(0) === 0xef) return this.use('abridged', 1);
    if (q.length < 4) return undefined;
    const first = q.uint32LeAt(0);
    if (first === 0xeeeeeeee) return this.use('intermediate', 4);
    if (first === 0xdddddddd) return this.use('padded', 4);
    if (q.length < 8) return undefined;
    if (q.uint32LeAt(4) === 0) return this.use('full', 0);
    if (q.length < 64) return undefined;
    const crypto = this.options.crypto;
    const accepted = crypto && acceptObfuscatedHeader(q.read(64), { ...this.options, crypto });
    if (!accepted)
      throw framingError(FramingErrorCode.unknownProtocol, 'first bytes match no MTProto transport');
    this.inner = accepted.codec;
    this.detectedTransport = { kind: accepted.kind, obfuscated: true, dcField: accepted.dcField };
    return 0;
  }

  private use(kind: CodecKind, tagLength: number): number {
    this.inner = createPlainCodec(kind, 'server', this.options);
    this.detectedTransport = { kind, obfuscated: false };
    return tagLength;
  }

  private requireInner(): FrameCodec {
    if (!this.inner)
      throw framingError(FramingErrorCode.unknownProtocol, 'the client has not chosen a transport yet');
    return this.inner;
  }
}
