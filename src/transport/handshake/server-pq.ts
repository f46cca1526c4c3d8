/**
 * The server's pq challenge (core.telegram.org/mtproto/auth_key, core.telegram.org/mtproto/auth_key): the product of a 31-bit and a 32-bit random
 * prime, sent big-endian. Telegram's pq always fits a signed int64 (< 2^63), and clients rely on it
 * (GramJS reads pq as a signed long and never factors a negative one), so p < 2^31 <= q keeps pq
 * below 2^31 * 2^32 = 2^63 while still filling 8 bytes. Its secrecy does not matter.
 */
import { bigintToBytes, bytesToBigint, isProbablePrime, type Random } from '../../crypto/index.js';

/** A pq challenge and its factors (p < q). */
export interface PqChallenge {
  readonly pq: Uint8Array;
  readonly p: bigint;
  readonly q: bigint;
}

/** A random odd prime with exactly `bits` bits (31 or 32). */
function randomPrime(random: Random, bits: 31 | 32): bigint {
  const top = 1n << BigInt(bits - 1);
  for (;;) {
    const n = (bytesToBigint(random.bytes(4)) & (2n * top - 1n)) | top | 1n;
    if (isProbablePrime(n, 20)) return n;
  }
}

/** Draws a fresh pq = p·q with 2^30 <= p < 2^31 <= q < 2^32, so 2^61 <= pq < 2^63. */
export function makePqChallenge(random: Random): PqChallenge {
  const p = randomPrime(random, 31);
  const q = randomPrime(random, 32);
  return { pq: bigintToBytes(p * q), p, q };
}
