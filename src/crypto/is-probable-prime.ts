/** Miller–Rabin primality test on bigint (FIPS 186-5 §B.3.1), random bases from a `Random`. */
import { bigintToBytes, bytesToBigint } from './bytes.js';
import { modPow as bigintModPow } from './mod-pow.js';
import { secureRandom, type Random } from './random.js';

const SMALL_PRIMES = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n, 43n, 47n, 53n, 59n, 61n, 67n, 71n];

/** Options of `isProbablePrime`. */
export interface PrimalityOptions {
  /** Source of the random bases (defaults to the CSPRNG: fixed bases can be attacked by crafted composites). */
  random?: Random;
  /** Modular exponentiation to use (e.g. a native backend's `modPow`). */
  modPow?: (b: bigint, e: bigint, m: bigint) => bigint;
}

/**
 * True if `n` is prime with error probability <= 4^-rounds. Trial division by small primes first,
 * then `rounds` Miller–Rabin rounds with uniformly random bases in [2, n-2].
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
  const byteLen = bigintToBytes(n).length + 8; // extra bytes make the reduction bias negligible
  for (let i = 0; i < rounds; i++) {
    const a = 2n + (bytesToBigint(random.bytes(byteLen)) % (n - 3n));
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
