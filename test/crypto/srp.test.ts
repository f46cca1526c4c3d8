import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../src/adapters/crypto/index.js';
import { bigintToBytes, computeSrpCheck, computeSrpVerifier, makeSrpB, SecurityError, TELEGRAM_DH_PRIME, verifySrpM1 } from '../../src/crypto/index.js';
import { fixedRandom } from '../helpers/fixed-random.js';

const p = bigintToBytes(TELEGRAM_DH_PRIME, 256);
const salt1 = new Uint8Array(40).fill(1);
const salt2 = new Uint8Array(16).fill(2);

describe('SRP client vs verifier (core.telegram.org/api/srp)', () => {
  // node backend only for speed: the pure backend is covered by the vectors and conformance suite.
  const crypto = nodeCrypto;
  it('accepts the right password and rejects a wrong one', async () => {
    const random = fixedRandom('srp');
    const v = await computeSrpVerifier('correct horse', salt1, salt2, 3, p, crypto);
    const { b, B } = makeSrpB(v, 3, p, random, crypto);
    const params = { salt1, salt2, g: 3, p, srpB: B, srpId: 42n };
    const good = await computeSrpCheck({ ...params, password: 'correct horse' }, random, crypto);
    expect(good.srpId).toBe(42n);
    expect(verifySrpM1({ v, salt1, salt2, g: 3, p, b, B, A: good.A, M1: good.M1 }, crypto)).toBe(true);
    const bad = await computeSrpCheck({ ...params, password: 'correct horsf' }, random, crypto);
    expect(verifySrpM1({ v, salt1, salt2, g: 3, p, b, B, A: bad.A, M1: bad.M1 }, crypto)).toBe(false);
    // A forced to 0 or p cannot pass
    expect(verifySrpM1({ v, salt1, salt2, g: 3, p, b, B, A: new Uint8Array(256), M1: good.M1 }, crypto)).toBe(false);
  });
  it('rejects srp_B = 0 and p with a bad g', async () => {
    const base = { password: 'x', salt1, salt2, g: 3, p, srpId: 1n };
    await expect(computeSrpCheck({ ...base, srpB: new Uint8Array(256) }, fixedRandom(), crypto)).rejects.toMatchObject({ check: 'srp.gB.range' });
    await expect(computeSrpCheck({ ...base, g: 2, srpB: new Uint8Array(256).fill(7) }, fixedRandom(), crypto)).rejects.toBeInstanceOf(SecurityError);
  });
});
