/**
 * The obfuscated2 64-byte connection header (core.telegram.org/mtproto/mtproto-transports "Transport obfuscation" steps 1–4): generation with the
 * forbidden first bytes, the transport tag at 56..59, the DC id at 60..61, and the AES-256-CTR
 * key/iv pairs derived from it (the decrypt pair from the byte-reversed header).
 */
import type { Random } from '../../crypto/index.js';
import { FramingErrorCode, framingError, type CodecKind, type TaggedCodecKind } from './frame-codec.js';

/**
 * First words (uint32 LE) a header must not start with, so a middlebox cannot mistake the stream
 * for HTTP ("HEAD", "POST", "GET ", "OPTI"), TLS (16 03 01 02) or a plain intermediate/padded tag.
 */
const FORBIDDEN_FIRST_WORDS = new Set([
  0x44414548, 0x54534f50, 0x20544547, 0x4954504f, 0x02010316, 0xdddddddd, 0xeeeeeeee,
]);

/** A CSPRNG hits a forbidden header with probability ~2^-24 per try; 64 failures means a broken source. */
const MAX_ATTEMPTS = 64;

/** The 4-byte tag each framing writes at offset 56 (full framing has none, so it cannot be obfuscated). */
export function obfuscationTag(kind: CodecKind): Uint8Array {
  switch (kind) {
    case 'abridged':
      return Uint8Array.of(0xef, 0xef, 0xef, 0xef);
    case 'intermediate':
      return Uint8Array.of(0xee, 0xee, 0xee, 0xee);
    case 'padded':
      return Uint8Array.of(0xdd, 0xdd, 0xdd, 0xdd);
    default:
      throw framingError(
        FramingErrorCode.unknownProtocol,
        `${kind} framing cannot be obfuscated: it has no protocol tag`,
      );
  }
}

/** The framing named by a decrypted tag, or undefined when it is none of the three. */
export function kindOfObfuscationTag(header: Uint8Array): TaggedCodecKind | undefined {
  const a = header[56];
  if (a !== header[57] || a !== header[58] || a !== header[59]) return undefined;
  return a === 0xef ? 'abridged' : a === 0xee ? 'intermediate' : a === 0xdd ? 'padded' : undefined;
}

/** True when `init` may not be sent as an obfuscation header (core.telegram.org/mtproto/mtproto-transports "Transport obfuscation" step 1). */
export function isForbiddenObfuscationInit(init: Uint8Array): boolean {
  if (init[0] === 0xef) return true;
  const first = ((init[0]! | (init[1]! << 8) | (init[2]! << 16) | (init[3]! << 24)) >>> 0) as number;
  if (FORBIDDEN_FIRST_WORDS.has(first)) return true;
  // Bytes 4..7 all zero would look like a full-transport packet (seqno 0).
  return (init[4]! | init[5]! | init[6]! | init[7]!) === 0;
}

/** The int16 written at 60..61: DC id, +10000 on test DCs, negated for media DCs (core.telegram.org/mtproto/mtproto-transports "Transport obfuscation" step 3). */
export function obfuscationDcField(dc: { dcId: number; test?: boolean; media?: boolean }): number {
  const id = dc.test ? dc.dcId + 10000 : dc.dcId;
  return dc.media ? -id : id;
}

/**
 * Draws 64 random bytes until they are allowed, then writes the tag and (if given) the DC field.
 * Throws `TransportError` if the random source keeps producing forbidden headers.
 */
export function generateObfuscationInit(kind: CodecKind, random: Random, dcField?: number): Uint8Array {
  const tag = obfuscationTag(kind);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const init = random.bytes(64).slice();
    if (isForbiddenObfuscationInit(init)) continue;
    init.set(tag, 56);
    if (dcField !== undefined) new DataView(init.buffer).setInt16(60, dcField, true);
    return init;
  }
  throw framingError(
    FramingErrorCode.malformed,
    'random source keeps producing forbidden obfuscation headers',
  );
}

/** Key material of both directions, seen from the client (the server swaps the pairs). */
export interface ObfuscationKeys {
  /** Client -> server: `init[8:40]`, `init[40:56]`. */
  encryptKey: Uint8Array;
  encryptIv: Uint8Array;
  /** Server -> client: the same slices of `reverse(init)`. */
  decryptKey: Uint8Array;
  decryptIv: Uint8Array;
}

/** Derives the CTR key/iv pairs from a 64-byte header (core.telegram.org/mtproto/mtproto-transports "Transport obfuscation" step 4, no MTProxy secret). */
export function deriveObfuscationKeys(init: Uint8Array): ObfuscationKeys {
  const reversed = init.slice(0, 64).reverse();
  return {
    encryptKey: init.slice(8, 40),
    encryptIv: init.slice(40, 56),
    decryptKey: reversed.slice(8, 40),
    decryptIv: reversed.slice(40, 56),
  };
}
