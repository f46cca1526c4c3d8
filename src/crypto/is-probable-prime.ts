/** Miller–Rabin primality test on bigint (FIPS 186-5 §B.3.1), random bases from a `Random`. */
import { bigintToBytes, bytesToBigint } from './bytes.js';
import { modPow as bigintModPow } from './mod-pow.js';
import { secureRandom, type Random } from './random.js';

const SMALL_PRIMES = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n, 43n, 47n, 53n, 59n, 61n, 67n, 71n];

/** Bases 2..41 decide primality exactly below this bound (Sorenson & Webster). */
const DETERMINISTIC_BOUND = 3_317_044_064_679_887_385_961_981n;

/** Options of `isProbablePrime`. */
export interface PrimalityOptions {
  /** Source of the random bases (defaults to the CSPRNG: fixed bases can be attacked by crafted composites). */
  random?: Random;
  /** Modular exponentiation to use (e.g. a native backend's `modPow`). */
  modPow?: (b: bigint, e: bigint, m: bigint) => bigint;
}

/**
 * True if `n` is prime with error probability <= 4^-rounds. Trial division by small primes first,
 * then Miller–Rabin: exact with fixed witness sets below 3.3 * 10^24, otherwise `rounds` rounds
 * with uniformly random bases in [2, n-2].
 */
export function isProbablePrime(n: bigint, rounds = 20, options: PrimalityOptions = {}): boolean {
  if (n < 2n) return false;
  for (const p of SMALL_PRIMES) {
    if (n === p) return true;
    if (n % p === 0n) return false;
  }
  const random = options.random ?? secureRandom;
  const modPow = options.modPow ?? bigintModPow;
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  // Below these bounds fixed witness sets are proven to decide primality exactly (Jaeschke 1993;
  // Sorenson & Webster 2015), which is both exact and cheaper than random rounds (pq, p, q).
  const fixed = n < 4_759_123_141n ? [2n, 7n, 61n] : n < DETERMINISTIC_BOUND ? SMALL_PRIMES.slice(0, 13) : null;
  const byteLen = bigintToBytes(n).length + 8; // extra bytes make the reduction bias negligible
  const total = fixed ? fixed.length : rounds;
  for (let i = 0; i < total; i++) {
    const a = fixed ? fixed[i]! : 2n + (bytesToBigint(random.bytes(byteLen)) % (n - 3n));
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let composite = true;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) {
        composite = false;
        break;
      }
    }
    if (composite) return false;
  }
  return true;
}
