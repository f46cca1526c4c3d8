/**
 * gzip_packed unpacking (PROTOCOL.md §D.9: `gzip_packed#3072cfa1 packed_data:bytes = Object`) with a hard
 * bound on output size and work: hostile input must not be able to make us allocate or inflate more
 * than MAX_UNPACKED_BYTES, nor more than MAX_RATIO times its own size (deflate tops out near 1032:1).
 */
import { Gunzip, Unzlib } from 'fflate';
import { crc32 } from './crc32.js';
import { TlDecodeError } from './errors.js';
import { GZIP_PACKED_ID } from './registry.js';

/** Largest unpacked gzip_packed payload accepted. */
export const MAX_UNPACKED_BYTES = 16 * 1024 * 1024;
/** Largest accepted ratio of unpacked to packed size. */
export const MAX_RATIO = 1100;
/** Input is fed in slices of this size so that a bomb is stopped after at most ~1 MiB of extra work. */
const SLICE = 1024;

/** True for an RFC 1950 (zlib) header: deflate method, and the two bytes a multiple of 31. */
function isZlibHeader(data: Uint8Array): boolean {
  return data.length >= 2 && (data[0]! & 0x0f) === 8 && ((data[0]! << 8) | data[1]!) % 31 === 0;
}

/**
 * Inflates a gzip member; `offset` (of the packed_data field) is reported in errors. A zlib-framed
 * stream (RFC 1950) is accepted too: some clients (mtcute) send those, and Telegram takes them.
 */
export function gunzipBounded(data: Uint8Array, offset: number): Uint8Array {
  const fail = (what: string, cause?: unknown) =>
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
  const out = new Uint8Array(declared);
  let total = 0;
  const inflater = new Gunzip((chunk) => {
    if (total + chunk.length > declared) throw fail(`output of the declared ${declared} bytes`);
    out.set(chunk, total);
    total += chunk.length;
  });
  try {
    for (let i = 0; i < data.length; i += SLICE)
      inflater.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  } catch (e) {
    throw e instanceof TlDecodeError ? e : fail('valid deflate stream', e);
  }
  if (total !== declared) throw fail(`output of the declared ${declared} bytes (got ${total})`);
  if (crc32(out) !== expectedCrc) throw fail('CRC32 matching the trailer');
  return out;
}

/**
 * A zlib stream has no size trailer, so output is collected in chunks under the same bounds
 * (MAX_UNPACKED_BYTES and MAX_RATIO); its Adler-32 is checked by the inflater.
 */
function unzlibBounded(data: Uint8Array, fail: (what: string, cause?: unknown) => TlDecodeError): Uint8Array {
  const limit = Math.min(MAX_UNPACKED_BYTES, data.length * MAX_RATIO);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Unzlib((chunk, final) => {
    total += chunk.length;
    if (total > limit) throw fail(`unpacked size <= ${limit}`);
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let i = 0; i < data.length; i += SLICE)
      inflater.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  } catch (e) {
    throw e instanceof TlDecodeError ? e : fail('valid zlib stream', e);
  }
  if (!ended) throw fail('complete zlib stream');
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
