import { describe, expect, it } from 'vitest';
import { checkDhPrime, checkDhPublicValue, factorizePq, SecurityError, TELEGRAM_DH_PRIME } from '../../src/crypto/index.js';

/** Asserts `f` throws a SecurityError with exactly `check`. */
function expectCheck(f: () => unknown, check: string): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SecurityError);
    expect((e as SecurityError).check).toBe(check);
    return;
  }
  expect.fail(`expected SecurityError ${check}`);
}

describe('DH parameter checks (core.telegram.org/mtproto/security_guidelines, core.telegram.org/mtproto/security_guidelines)', () => {
  const p = TELEGRAM_DH_PRIME;
  it('accepts the known prime with g = 3, 4 (p mod 3 = 2) and rejects the g values whose residue condition fails', () => {
    checkDhPrime(p, 3);
    checkDhPrime(p, 4);
    // p mod 8 = 3 for this prime, so g = 2 must be refused
    expect(p % 8n).not.toBe(7n);
    expectCheck(() => checkDhPrime(p, 2), 'dh.g.residue');
  });
  it('rejects g outside 2..7', () => {
    expectCheck(() => checkDhPrime(p, 1), 'dh.g.range');
    expectCheck(() => checkDhPrime(p, 8), 'dh.g.range');
  });
  it('rejects a prime that is not 2048 bits', () => {
    expectCheck(() => checkDhPrime(p >> 1n, 4), 'dh.prime.size');
    expectCheck(() => checkDhPrime(1n << 2048n, 4), 'dh.prime.size');
  });
  it('rejects a 2048-bit number that is not a safe prime (Miller-Rabin, not the cache)', () => {
    expectCheck(() => checkDhPrime(p + 2n, 4), 'dh.prime.safe'); // odd, but not a safe prime
    expectCheck(() => checkDhPrime(p + 6n, 4), 'dh.prime.safe');
  });
  it('rejects each bad public value with a named check', () => {
    for (const bad of [0n, 1n, p - 1n, p, p + 5n, 2n, (1n << 1984n) - 1n, p - (1n << 1984n) + 1n]) {
      expectCheck(() => checkDhPublicValue(bad, p, 'dh.gA'), 'dh.gA.range');
    }
    expectCheck(() => checkDhPublicValue(new Uint8Array(257).fill(1), p, 'dh.gB'), 'dh.gB.range');
    checkDhPublicValue(1n << 1984n, p, 'dh.gA');
    checkDhPublicValue(p - (1n << 1984n), p, 'dh.gA');
  });
  it('refuses a prime pq (core.telegram.org/mtproto/security_guidelines)', () => {
    expectCheck(() => factorizePq(2305843009213693951n), 'handshake.pq.prime');
  });
});
