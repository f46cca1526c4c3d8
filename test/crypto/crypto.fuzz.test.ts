/** Property tests: IGE round trip, backends agree byte for byte, factorization of random semiprimes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeCrypto, webCrypto } from '../../src/adapters/crypto/index.js';
import { bytesToBigint, bytesToHex, factorizePq, isProbablePrime, pureCrypto } from '../../src/crypto/index.js';

const runs = Number(process.env['FUZZ_RUNS'] ?? 200);
const backends = [pureCrypto, nodeCrypto, webCrypto];
const blocks = (max: number) => fc.integer({ min: 0, max }).chain((n) => fc.uint8Array({ minLength: n * 16, maxLength: n * 16 }));
const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('crypto properties', () => {
  it('IGE decrypt(encrypt(x)) = x for random sizes, on every backend', () => {
    fc.assert(
      fc.property(blocks(64), key32, key32, (data, key, iv) => {
        for (const c of backends) expect(bytesToHex(c.aesIgeDecrypt(c.aesIgeEncrypt(data, key, iv), key, iv))).toBe(bytesToHex(data));
      }),
      { numRuns: runs },
    );
  });
  it('backends agree byte for byte on IGE, SHA-1/256 and CTR with random chunking', () => {
    fc.assert(
      fc.property(blocks(40), key32, key32, fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 6 }), (data, key, iv, cuts) => {
        const want = pureCrypto.aesIgeEncrypt(data, key, iv);
        const ctrIv = iv.subarray(0, 16);
        const chunks: Uint8Array[] = [];
        let pos = 0;
        for (const c of cuts) {
          chunks.push(data.subarray(pos, Math.min(data.length, pos + c)));
          pos = Math.min(data.length, pos + c);
        }
        chunks.push(data.subarray(pos));
        const ctrOf = (p: typeof pureCrypto) => {
          const s = p.createAesCtr(key, ctrIv);
          return chunks.map((c) => bytesToHex(s.update(c))).join('');
        };
        for (const c of backends) {
          expect(bytesToHex(c.aesIgeEncrypt(data, key, iv))).toBe(bytesToHex(want));
          expect(bytesToHex(c.aesIgeDecrypt(data, key, iv))).toBe(bytesToHex(pureCrypto.aesIgeDecrypt(data, key, iv)));
          expect(bytesToHex(c.sha1(data))).toBe(bytesToHex(pureCrypto.sha1(data)));
          expect(bytesToHex(c.sha256(data))).toBe(bytesToHex(pureCrypto.sha256(data)));
          expect(ctrOf(c)).toBe(ctrOf(pureCrypto));
        }
      }),
      { numRuns: runs },
    );
  });
  it('backends agree on IGE for data at any byte offset (every word width of the XOR passes)', () => {
    fc.assert(
      fc.property(blocks(40), key32, key32, fc.integer({ min: 0, max: 15 }), (data, key, iv, shift) => {
        const host = new Uint8Array(data.length + shift);
        host.set(data, shift);
        const view = host.subarray(shift);
        const want = bytesToHex(pureCrypto.aesIgeEncrypt(data, key, iv));
        for (const c of backends) {
          expect(bytesToHex(c.aesIgeEncrypt(view, key, iv))).toBe(want);
          expect(bytesToHex(c.aesIgeDecrypt(c.aesIgeEncrypt(view, key, iv), key, iv))).toBe(bytesToHex(data));
        }
        expect(bytesToHex(host.subarray(shift))).toBe(bytesToHex(data));
      }),
      { numRuns: runs },
    );
  });
  it('backends agree on modPow for random 512..2048-bit odd moduli', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 256 }), fc.uint8Array({ minLength: 1, maxLength: 256 }), fc.uint8Array({ minLength: 1, maxLength: 256 }), (mb, bb, eb) => {
        const m = bytesToBigint(mb) | 1n | (1n << BigInt(mb.length * 8 - 1));
        const b = bytesToBigint(bb);
        const e = bytesToBigint(eb);
        const want = pureCrypto.modPow(b, e, m);
        for (const c of backends) expect(c.modPow(b, e, m)).toBe(want);
      }),
      { numRuns: Math.max(10, runs >> 2) },
    );
  });
  it('factorizePq splits random 63-bit semiprimes into p < q', () => {
    const prime = (bits: number) =>
      fc.bigInt({ min: 1n << BigInt(bits - 1), max: (1n << BigInt(bits)) - 1n }).map((x) => {
        let p = x | 1n;
        while (!isProbablePrime(p, 20)) p += 2n;
        return p;
      });
    fc.assert(
      fc.property(prime(31), prime(32), (a, b) => {
        fc.pre(a !== b && a * b < 1n << 63n);
        expect(factorizePq(a * b)).toEqual(a < b ? [a, b] : [b, a]);
      }),
      // ~10-40 ms each on bigint: a tenth of the runs keeps the default suite near its time budget
      { numRuns: Math.max(20, Math.floor(runs / 10)) },
    );
  });
});
