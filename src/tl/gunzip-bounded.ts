/**
 * gzip_packed unpacking (core.telegram.org/mtproto/service_messages "RPC Result": `gzip_packed#3072cfa1 packed_data:bytes = Object`) with a hard
 * bound on output size and work: hostile input must not be able to make us allocate or inflate more
 * than MAX_UNPACKED_BYTES, nor more than MAX_RATIO times its own size (deflate tops out near 1032:1).
 *
 * The DEFLATE decoder itself (inflate.ts) is loaded on demand, so that a browser build fetches it
 * after its first chunk (issue 26): the transport starts `loadInflate` when it dials and holds its
 * first encrypted message until the load settles. Node's doors install it at once
 * (`registerFullSchema`), so decoding there never waits.
 */
import { crc32 } from './crc32.js';
import { TlDecodeError } from './errors.js';
import { GZIP_PACKED_ID } from './registry.js';

/** The DEFLATE decoder module (inflate.ts). */
export type Inflate = typeof import('./inflate.js');

let inflate: Inflate | undefined;
let loading: Promise<void> | undefined;

/** Installs the DEFLATE decoder now (Node's doors, through `registerFullSchema`). */
export function installInflate(module: Inflate): void {
  inflate = module;
}

/** True once gzip_packed can be unpacked (synchronously, as TL decoding is). */
export function inflateLoaded(): boolean {
  return inflate !== undefined;
}

/**
 * Loads the DEFLATE decoder (once; a failed load, e.g. a chunk the network lost, is tried again on
 * the next call). Until it has loaded, a gzip_packed fails to decode with a TlDecodeError.
 */
export function loadInflate(): Promise<void> {
  if (inflate) return Promise.resolve();
  loading ??= import('./inflate.js').then(installInflate, (error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Largest unpacked gzip_packed payload accepted. */
export const MAX_UNPACKED_BYTES = 16 * 1024 * 1024;
/** Largest accepted ratio of unpacked to packed size. */
export const MAX_RATIO = 1100;

type Fail = (what: string, cause?: unknown) => TlDecodeError;

/** True for an RFC 1950 (zlib) header: deflate method, and the two bytes a multiple of 31. */
function isZlibHeader(data: Uint8Array): boolean {
  return data.length >= 2 && (data[0]! & 0x0f) === 8 && ((data[0]! << 8) | data[1]!) % 31 === 0;
}

/**
 * Inflates a gzip member; `offset` (of the packed_data field) is reported in errors. A zlib-framed
 * stream (RFC 1950) is accepted too: some clients (mtcute) send those, and Telegram takes them.
 */
export function gunzipBounded(data: Uint8Array, offset: number): Uint8Array {
  const fail: Fail = (what, cause) =>
    new TlDecodeError(
      `gzip_packed ${what}`,
      offset,
      GZIP_PACKED_ID,
      cause === undefined ? undefined : { cause },
    );
  if (isZlibHeader(data)) return unzlibBounded(data, fail);
  if (data.length < 18) throw fail('member of at least 18 bytes');
  const trailer = new DataView(data.buffer, data.byteOffset + data.length - 8, 8);
  const expectedCrc = trailer.getUint32(0, true);
  const declared = trailer.getUint32(4, true);
  const limit = Math.min(MAX_UNPACKED_BYTES, data.length * MAX_RATIO);
  if (declared > limit) throw fail(`unpacked size <= ${limit} (trailer declares ${declared})`);
  const sizeError = `output of the declared ${declared} bytes`;
  const { out, end } = inflateBounded(
    data,
    gzipHeaderEnd(data, fail),
    declared,
    fail,
    sizeError,
    'valid deflate stream',
  );
  if (end !== data.length - 8) throw fail('deflate stream ending at the trailer');
  if (out.length !== declared) throw fail(`${sizeError} (got ${out.length})`);
  if (crc32(out) !== expectedCrc) throw fail('CRC32 matching the trailer');
  return out;
}

/** RFC 1952 §2.3 header flags. */
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED = 0xe0;

/** Where the deflate data of a gzip member starts: after the 10 fixed bytes and the optional fields. */
function gzipHeaderEnd(data: Uint8Array, fail: Fail): number {
  if (data[0] !== 0x1f || data[1] !== 0x8b || data[2] !== 8 || data[3]! & RESERVED)
    throw fail('gzip header (1f 8b, deflate, no reserved flags)');
  const flags = data[3]!;
  const afterZero = (from: number): number => {
    const zero = data.indexOf(0, from);
    if (zero < 0) throw fail('terminated header string');
    return zero + 1;
  };
  let at = 10;
  if (flags & FEXTRA) at += 2 + (data[at]! | (data[at + 1]! << 8));
  if (flags & FNAME) at = afterZero(at);
  if (flags & FCOMMENT) at = afterZero(at);
  if (flags & FHCRC) at += 2;
  if (at > data.length - 8) throw fail('gzip header ending before the trailer');
  return at;
}

/**
 * A zlib stream has no size trailer, so the output is bounded by MAX_UNPACKED_BYTES and MAX_RATIO
 * alone; its Adler-32 is checked.
 */
function unzlibBounded(data: Uint8Array, fail: Fail): Uint8Array {
  if (data[1]! & 0x20) throw fail('zlib stream without a preset dictionary');
  const limit = Math.min(MAX_UNPACKED_BYTES, data.length * MAX_RATIO);
  const { out, end } = inflateBounded(data, 2, limit, fail, `unpacked size <= ${limit}`, 'valid zlib stream');
  if (end + 4 !== data.length) throw fail('complete zlib stream ending at its Adler-32');
  const adler = new DataView(data.buffer, data.byteOffset + end, 4).getUint32(0);
  if (adler32(out) !== adler) throw fail('Adler-32 matching the stream');
  return out;
}

function inflateBounded(
  data: Uint8Array,
  start: number,
  limit: number,
  fail: Fail,
  overLimit: string,
  malformed: string,
): { out: Uint8Array; end: number } {
  if (!inflate) throw fail('with its DEFLATE decoder loaded (loadInflate)');
  try {
    return inflate.inflateRaw(data, start, limit);
  } catch (e) {
    throw e instanceof inflate.InflateLimitError ? fail(overLimit) : fail(malformed, e);
  }
}

/** RFC 1950 §8.2. */
function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; i++) {
    a = (a + data[i]!) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}
