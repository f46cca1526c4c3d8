/**
 * The obfuscated2 transport (core.telegram.org/mtproto/mtproto-transports "Transport obfuscation" steps 5–6): AES-256-CTR under a plain framing. The
 * client sends the 64-byte header (its last 8 bytes encrypted) before its first frame and keeps one
 * keystream per direction; the server reads the header, decrypts it with the client's encrypt pair
 * and encrypts its own output with the pair derived from the reversed header.
 */
import {
  concatBytes,
  secureRandom,
  type AesCtr,
  type CryptoProvider,
  type Random,
} from '../../crypto/index.js';
import type {
  CodecKind,
  CodecOptions,
  EncodeOptions,
  FrameCodec,
  FrameEvent,
  TaggedCodecKind,
} from './frame-codec.js';
import {
  deriveObfuscationKeys,
  generateObfuscationInit,
  kindOfObfuscationTag,
  obfuscationDcField,
} from './obfuscation-init.js';
import { createTaggedCodec } from './plain-codec.js';

/** What the obfuscation layer needs from the crypto backend. */
export type ObfuscationCrypto = Pick<CryptoProvider, 'createAesCtr'>;

/** Options of the client side of obfuscated2. */
export interface ObfuscatedClientOptions extends CodecOptions {
  crypto: ObfuscationCrypto;
  /** Source of the 64-byte header (and padding); default: the platform CSPRNG. */
  random?: Random;
  /** When given, its id is written at 60..61 (tdlib does so whenever it knows the DC). */
  dc?: { dcId: number; test?: boolean; media?: boolean };
}

/** A plain codec wrapped in the two CTR keystreams. */
export class Obfuscated2Codec implements FrameCodec {
  readonly kind: string;
  private pendingHeader: Uint8Array | undefined;

  constructor(
    private readonly inner: FrameCodec,
    private readonly encryptor: AesCtr,
    private readonly decryptor: AesCtr,
    header?: Uint8Array,
  ) {
    this.kind = `obfuscated2/${inner.kind}`;
    this.pendingHeader = header;
  }

  encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array {
    const out = this.encryptor.update(this.inner.encode(payload, options));
    if (!this.pendingHeader) return out;
    const header = this.pendingHeader;
    this.pendingHeader = undefined;
    return concatBytes(header, out);
  }

  encodeQuickAck(token: number): Uint8Array {
    return this.encryptor.update(this.inner.encodeQuickAck(token));
  }

  decode(chunk: Uint8Array): FrameEvent[] {
    return this.inner.decode(this.decryptor.update(chunk));
  }

  get buffered(): number {
    return this.inner.buffered ?? 0;
  }
}

/** The client side: generates the header now, sends it with the first frame. */
export function createObfuscatedClientCodec(
  kind: CodecKind,
  options: ObfuscatedClientOptions,
): Obfuscated2Codec {
  const random = options.random ?? secureRandom;
  // Throws for `full`, the one framing without a tag: `kind` is a TaggedCodecKind past this line.
  const init = generateObfuscationInit(kind, random, options.dc && obfuscationDcField(options.dc));
  const keys = deriveObfuscationKeys(init);
  const encryptor = options.crypto.createAesCtr(keys.encryptKey, keys.encryptIv);
  // Encrypting the whole header advances the stream by 64 bytes; only its tail is sent encrypted.
  const encryptedInit = encryptor.update(init);
  const header = concatBytes(init.subarray(0, 56), encryptedInit.subarray(56, 64));
  const decryptor = options.crypto.createAesCtr(keys.decryptKey, keys.decryptIv);
  const inner = createTaggedCodec(kind as TaggedCodecKind, 'client', {
    ...options,
    random,
    sendTag: false,
  });
  return new Obfuscated2Codec(inner, encryptor, decryptor, header);
}

/** What the server learnt from a client's header. */
export interface AcceptedObfuscation {
  codec: Obfuscated2Codec;
  /** The framing named by the decrypted tag. */
  kind: TaggedCodecKind;
  /** The int16 DC field at 60..61 (see `obfuscationDcField`). */
  dcField: number;
}

/**
 * The server side: decrypts a received 64-byte header. Returns undefined when the tag at 56..59
 * is not a known framing (the bytes were not an obfuscated2 header).
 */
export function acceptObfuscatedHeader(
  header: Uint8Array,
  options: CodecOptions & { crypto: ObfuscationCrypto },
): AcceptedObfuscation | undefined {
  const keys = deriveObfuscationKeys(header);
  const decryptor = options.crypto.createAesCtr(keys.encryptKey, keys.encryptIv);
  const plain = decryptor.update(header.subarray(0, 64));
  const kind = kindOfObfuscationTag(plain);
  if (!kind) return undefined;
  const dcField = new DataView(plain.buffer, plain.byteOffset).getInt16(60, true);
  const encryptor = options.crypto.createAesCtr(keys.decryptKey, keys.decryptIv);
  const codec = new Obfuscated2Codec(createTaggedCodec(kind, 'server', options), encryptor, decryptor);
  return { codec, kind, dcField };
}
