// Differential fuzzing of the DEFLATE decoder behind gzip_packed (src/tl/inflate.ts) against
// node:zlib: on random and mutated streams both must agree on the bytes whenever zlib accepts the
// stream, and ours must never throw anything but its own errors nor produce more than the limit.
import fc from 'fast-check';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InflateError, InflateLimitError, inflateRaw } from '../../src/tl/inflate.js';

const runs = Number(process.env['FUZZ_RUNS'] ?? 2000);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** zlib's answer for a raw stream, or null when zlib refuses it. */
function zlibInflate(data: Uint8Array): Uint8Array | null {
  try {
    return inflateRawSync(data);
  } catch {
    return null;
  }
}

/** Ours, or the error class name. */
function ours(data: Uint8Array, limit: number): Uint8Array | string {
  try {
    const { out } = inflateRaw(data, 0, limit);
    expect(out.length).toBeLessThanOrEqual(limit);
    return out;
  } catch (e) {
    expect(e instanceof InflateError || e instanceof InflateLimitError).toBe(true);
    return (e as Error).name;
  }
}

const payload = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }),
  fc.string({ maxLength: 2000 }).map((s) => new TextEncoder().encode(s.repeat(3))),
);

describe('inflateRaw against node:zlib', () => {
  it('agrees on every stream zlib makes, at every level', () => {
    fc.assert(
      fc.property(payload, fc.integer({ min: 0, max: 9 }), (data, level) => {
        const packed = deflateRawSync(data, { level });
        const got = ours(packed, data.length);
        expect(typeof got === 'string' ? got : hex(got)).toBe(hex(data));
      }),
      { numRuns: runs },
    );
  });

  it('gives zlib\'s verdict and bytes on mutated streams', () => {
    fc.assert(
      fc.property(
        payload,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        (data, edits) => {
          const packed = new Uint8Array(deflateRawSync(data, { level: 6 }));
          for (const [at, value] of edits) packed[at % packed.length] = value;
          const limit = 64 * 1024;
          const got = ours(packed, limit);
          const want = zlibInflate(packed);
          // Same verdict and same bytes (past the limit ours refuses what zlib inflates).
          if (want !== null && want.length > limit) expect(got).toBe('InflateLimitError');
          else expect(typeof got === 'string' ? 'refused' : hex(got)).toBe(want === null ? 'refused' : hex(want));
        },
      ),
      { numRuns: runs },
    );
  });

  it('only refuses or decodes random bytes, within the limit', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.integer({ min: 0, max: 5000 }), (data, limit) => {
        ours(data, limit);
      }),
      { numRuns: runs },
    );
  });
});
