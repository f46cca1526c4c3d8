import { describe, expect, it } from 'vitest';
import { CryptoInputError, factorizePq, isProbablePrime } from '../../src/crypto/index.js';

describe('factorizePq (core.telegram.org/mtproto/auth_key)', () => {
  it('splits the docs sample and teamgram\'s hard-coded pq', () => {
    // core.telegram.org samples-auth_key (core.telegram.org/mtproto/samples-auth_key) and teamgram (core.telegram.org/mtproto/auth_key)
    expect(factorizePq(0x1460e7d3fa727791n)).toEqual([0x3c2357cfn, 0x56bfb29fn]);
    expect(factorizePq(0x17ed48941a08f981n)).toEqual([0x494c553bn, 0x53911073n]);
  });
  it('falls back to Pollard-Brent above 2^64', () => {
    const p = 4294967311n; // smallest prime above 2^32
    const q = 2305843009213693951n; // 2^61 - 1
    expect(factorizePq(p * q)).toEqual([p, q]);
  });
  it('rejects inputs that are not a product of two primes', () => {
    expect(() => factorizePq(3n * 5n * 7n * 11n)).toThrow(CryptoInputError);
    expect(() => factorizePq(4n)).toThrow(CryptoInputError);
  });
});

describe('isProbablePrime', () => {
  it('is exact on known primes and strong pseudoprimes', () => {
    expect(isProbablePrime(2305843009213693951n)).toBe(true);
    expect(isProbablePrime(3215031751n)).toBe(false); // strong pseudoprime to bases 2, 3, 5, 7
    expect(isProbablePrime(3825123056546413051n)).toBe(false); // strong pseudoprime to bases 2..23
    expect(isProbablePrime((1n << 127n) - 1n)).toBe(true); // random-base path
    expect(isProbablePrime((1n << 127n) + 1n)).toBe(false);
  });
});
