// Round-trip property over every constructor and method of the schema with generated values:
// decode(encode(x)) deep-equals x, and re-encoding gives the same bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deserializeObject, serializeObject, type TlAny } from '../../src/tl/index.js';
import { allEntries, entryArb, gzipPackedArb } from './tl-arbitrary.js';

const RUNS = 15;

describe('TL round trip over the whole schema', () => {
  it('has the expected coverage', () => expect(allEntries.length).toBeGreaterThan(250));

  for (const entry of allEntries) {
    if (entry.name === 'gzip_packed') continue; // unpacked on read: tested below
    it(`${entry.name}#${entry.id.toString(16)}`, () => {
      fc.assert(
        fc.property(entryArb(entry), (value) => {
          const bytes = serializeObject(value as TlAny);
          const back = deserializeObject(bytes);
          expect(back).toEqual(value);
          expect(serializeObject(back)).toEqual(bytes);
        }),
        { numRuns: RUNS, seed: entry.id },
      );
    });
  }

  it('gzip_packed is unpacked transparently to the object inside', () => {
    fc.assert(
      fc.property(gzipPackedArb(), ({ packed, inner }) => {
        expect(deserializeObject(serializeObject(packed as TlAny))).toEqual(inner);
      }),
      { numRuns: 50, seed: 1 },
    );
  });
});
