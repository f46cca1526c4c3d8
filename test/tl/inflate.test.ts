// The DEFLATE decoder behind gzip_packed (src/tl/inflate.ts) against node:zlib's deflate on every block
// type and strategy, its bounds, and malformed streams; gzip and zlib framing in gunzip-bounded.ts.
import { constants, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TlDecodeError } from '../../src/tl/index.js';
import { gunzipBounded } from '../../src/tl/gunzip-bounded.js';
import { InflateError, InflateLimitError, inflateRaw } from '../../src/tl/inflate.js';
import { fixedRandom } from '../helpers/fixed-random.js';

const random = fixedRandom('inflate');

/** Data with every kind of redundancy: random bytes, runs, repeats at short and long distances, text. */
function sample(size: number): Uint8Array {
  const out = new Uint8Array(size);
  const r = random.bytes(size);
  for (let i = 0; i < size;) {
    const kind = r[i]! % 4;
    const len = Math.min(size - i, 1 + (r[(i + 1) % size]! % 300));
    for (let j = 0; j < len; j++, i++) {
      if (kind === 0) out[i] = r[i]!;
      else if (kind === 1) out[i] = r[i - j]!;
      else if (kind === 2) out[i] = i >= 7000 ? out[i - 7000]! : 0x61 + (j % 26);
      else out[i] = 'the quick brown fox '.charCodeAt(j % 20);
    }
  }
  return out;
}

const { Z_FIXED, Z_HUFFMAN_ONLY, Z_RLE, Z_FILTERED, Z_DEFAULT_STRATEGY } = constants;

describe('inflateRaw', () => {
  it('inverts node:zlib for every level and strategy (stored, fixed and dynamic blocks)', () => {
    for (const size of [0, 1, 100, 5000, 70_000]) {
      const data = sample(size);
      for (const level of [0, 1, 6, 9])
        for (const strategy of [Z_DEFAULT_STRATEGY, Z_FIXED, Z_HUFFMAN_ONLY, Z_RLE, Z_FILTERED]) {
          const packed = deflateRawSync(data, { level, strategy });
          const { out, end } = inflateRaw(packed, 0, size);
          expect(end).toBe(packed.length);
          expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
        }
    }
  });

  it('decodes a long-distance match and an overlapping run', () => {
    const data = new Uint8Array(40_000).fill(7);
    data.set(random.bytes(100), 0);
    data.set(data.subarray(0, 100), 32_000); // distance 32000
    const { out } = inflateRaw(deflateRawSync(data, { level: 9 }), 0, data.length);
    expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
  });

  it('refuses output past the limit, before producing it', () => {
    const packed = deflateRawSync(new Uint8Array(100_000));
    expect(() => inflateRaw(packed, 0, 99_999)).toThrow(InflateLimitError);
    expect(inflateRaw(packed, 0, 100_000).out.length).toBe(100_000);
  });

  it('refuses malformed streams with InflateError', () => {
    const packed = deflateRawSync(sample(3000));
    expect(() => inflateRaw(packed.subarray(0, packed.length - 5), 0, 1e6)).toThrow(InflateError);
    expect(() => inflateRaw(Uint8Array.of(0b111), 0, 10)).toThrow(/reserved block type/);
    expect(() => inflateRaw(Uint8Array.of(1, 5, 0, 5, 0), 0, 10)).toThrow(/length mismatch/);
    // A fixed block whose first symbol is a match reaching before the start of the output.
    expect(() => inflateRaw(Uint8Array.of(0x03, 0x02), 0, 10)).toThrow(/before the start/);
  });

  it('never throws anything but its own errors on corrupted input', () => {
    const packed = deflateRawSync(sample(4000), { level: 6 });
    for (let n = 0; n < 300; n++) {
      const bad = packed.slice();
      const [at, bit] = random.bytes(2) as unknown as [number, number];
      bad[(at * packed.length) >> 8]! ^= 1 << (bit & 7);
      try {
        inflateRaw(bad, 0, 8000);
      } catch (e) {
        expect(e instanceof InflateError || e instanceof InflateLimitError).toBe(true);
      }
    }
  });
});

describe('gunzipBounded framing', () => {
  const inner = sample(2000);
  it('reads gzip members with optional header fields (FEXTRA, FNAME, FCOMMENT, FHCRC)', () => {
    const plain = gzipSync(inner);
    const body = plain.subarray(10);
    const header = Uint8Array.of(
      0x1f,
      0x8b,
      8,
      0x1e,
      0,
      0,
      0,
      0,
      0,
      3,
      2,
      0,
      0xaa,
      0xbb,
      0x61,
      0,
      0x62,
      0x63,
      0,
      0x12,
      0x34,
    );
    const full = new Uint8Array(header.length + body.length);
    full.set(header);
    full.set(body, header.length);
    expect(Buffer.from(gunzipBounded(full, 0)).equals(Buffer.from(inner))).toBe(true);
    const reserved = plain.slice();
    reserved[3] = 0x20;
    expect(() => gunzipBounded(reserved, 0)).toThrow(/reserved flags/);
  });

  it('refuses a gzip member with bytes between its deflate data and its trailer, or a bad CRC', () => {
    const plain = gzipSync(inner);
    const padded = new Uint8Array(plain.length + 1);
    padded.set(plain.subarray(0, plain.length - 8));
    padded.set(plain.subarray(plain.length - 8), plain.length - 7);
    expect(() => gunzipBounded(padded, 0)).toThrow(/ending at the trailer/);
    const badCrc = plain.slice();
    badCrc[plain.length - 8]! ^= 1;
    expect(() => gunzipBounded(badCrc, 0)).toThrow(/CRC32/);
  });

  it('checks the Adler-32 of a zlib stream and refuses a preset dictionary', () => {
    const z = deflateSync(inner);
    expect(Buffer.from(gunzipBounded(z, 0)).equals(Buffer.from(inner))).toBe(true);
    const badSum = z.slice();
    badSum[z.length - 1]! ^= 1;
    expect(() => gunzipBounded(badSum, 0)).toThrow(/Adler-32/);
    const dict = deflateSync(inner, { dictionary: Buffer.from('fox') });
    expect(() => gunzipBounded(dict, 0)).toThrow(TlDecodeError);
    expect(() => gunzipBounded(dict, 0)).toThrow(/preset dictionary/);
  });
});
