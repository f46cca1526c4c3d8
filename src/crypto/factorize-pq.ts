/**
 * pq factorization for the auth key handshake (core.telegram.org/mtproto/auth_key): SQUFOF on exact doubles for
 * pq < 2^64 (Telegram's pq is a product of two ~31-bit primes), Pollard–Brent rho on bigint as the
 * general fallback.
 */
import { CryptoInputError, SecurityError } from './errors.js';
import { isProbablePrime } from './is-probable-prime.js';
import { squfof } from './squfof.js';

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** One Pollard–Brent run with f(y) = y^2 + c mod n; returns a factor of n (possibly n itself). */
function brent(n: bigint, y0: bigint, c: bigint): bigint {
  // Products of |x - y| are batched m at a time so a gcd is taken only every m steps.
  const m = 128n;
  let y = y0, r = 1n, q = 1n, g = 1n, x = 0n, ys = 0n;
  while (g === 1n) {
    x = y;
    for (let i = 0n; i < r; i++) y = (y * y + c) % n;
    let k = 0n;
    while (k < r && g === 1n) {
      ys = y;
      const lim = m < r - k ? m : r - k;
      for (let i = 0n; i < lim; i++) {
        y = (y * y + c) % n;
        q = (q * (x > y ? x - y : y - x)) % n;
      }
      g = gcd(q, n);
      k += m;
    }
    r *= 2n;
  }
  if (g === n) {
    // The batch overshot: replay it one step at a time.
    do {
      ys = (ys * ys + c) % n;
      g = gcd(x > ys ? x - ys : ys - x, n);
    } while (g === 1n);
  }
  return g;
}

/** Finds a non-trivial factor of the odd composite `n`. */
function findFactor(n: bigint): bigint {
  if ((n & 1n) === 0n) return 2n;
  // SQUFOF runs on exact doubles and is several times faster than rho on bigint for 63-bit n;
  // Pollard-Brent stays as the general fallback (larger n, or every SQUFOF multiplier failing).
  if (n < 1n << 64n) {
    const f = squfof(n);
    if (f !== 0n) return f;
  }
  // Deterministic start values: the input is public and any (y0, c) works; retry on failure.
  for (let c = 1n; ; c++) {
    const g = brent(n, 2n, c);
    if (g !== n) return g;
  }
}

/**
 * Splits pq into its two factors `[p, q]` with p < q (core.telegram.org/mtproto/auth_key).
 * Throws `SecurityError('handshake.pq.prime')` for a prime pq (core.telegram.org/mtproto/security_guidelines: pq must be composite) and
 * `CryptoInputError` for values that are not a product of exactly two primes.
 */
export function factorizePq(pq: bigint): [bigint, bigint] {
  if (pq < 6n) throw new CryptoInputError('factorizePq: pq too small');
  if (isProbablePrime(pq, 20)) throw new SecurityError('handshake.pq.prime', 'pq is prime');
  const f = findFactor(pq);
  const [p, q] = f < pq / f ? [f, pq / f] : [pq / f, f];
  if (!isProbablePrime(p, 20) || !isProbablePrime(q, 20)) {
    throw new CryptoInputError('factorizePq: pq is not a product of two primes');
  }
  return [p, q];
}
