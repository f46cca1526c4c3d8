import { describe, expect, it } from 'vitest';
import { bytesToHex, computeSrpCheck, computeSrpVerifier, srpK, srpPasswordHash, type Random } from '../../src/crypto/index.js';
import { h, loadVectors } from './vectors.js';

interface SrpVector { source: string; password: string; g: number; p: string; salt1: string; salt2: string; srpB: string; a: string; x: string; k: string; A: string; M1: string; v?: string; srpId: string }
const vectors = loadVectors<SrpVector[]>('crypto-srp.json');

/** A Random that returns the vector's `a` (the only randomness of the client check). */
const fixedA = (a: string): Random => ({ bytes: (n) => { expect(n).toBe(256); return h(a); } });

describe('SRP vectors', () => {
  for (const t of vectors) {
    it(`${t.source}: x, k and the whole check (A, M1)`, async () => {
      expect(bytesToHex(await srpPasswordHash(t.password, h(t.salt1), h(t.salt2)))).toBe(t.x);
      expect(srpK(BigInt('0x' + t.p), t.g).toString(16).padStart(64, '0')).toBe(t.k);
      const check = await computeSrpCheck(
        { password: t.password, salt1: h(t.salt1), salt2: h(t.salt2), g: t.g, p: h(t.p), srpB: h(t.srpB), srpId: BigInt(t.srpId) },
        fixedA(t.a),
      );
      expect(check.srpId).toBe(BigInt(t.srpId));
      expect(bytesToHex(check.A)).toBe(t.A);
      expect(bytesToHex(check.M1)).toBe(t.M1);
      if (t.v) expect(bytesToHex(await computeSrpVerifier(t.password, h(t.salt1), h(t.salt2), t.g, h(t.p)))).toBe(t.v);
    });
  }
});
